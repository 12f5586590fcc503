"""What a playtest at 80x24 found, each checked as the player sees it."""

from __future__ import annotations

import pytest

from whodunit.engine import Game
from whodunit.tui.screens.investigation import InvestigationScreen
from whodunit.tui.themes import CYCLE

from .conftest import (
    ARCHER,
    ROOT,
    choose,
    explored,
    low_contrast,
    make_app,
    move_to,
    options_cut_short,
    play_command,
    prompt_of,
    ready,
    screen_text,
    screen_words,
    walkthrough,
)
from .saving import toasts

APP_TCSS = ROOT / "src" / "whodunit" / "tui" / "styles" / "app.tcss"
archer = pytest.mark.skipif(
    not (ARCHER / "pack.yaml").is_file(), reason="the Archer pack is not here"
)


async def start_cassie(pilot) -> None:
    await ready(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await choose(pilot, "The Fall from the Roof")


@archer
async def test_every_option_shows_in_full_at_80x24() -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_cassie(pilot)
        await choose(pilot, "Studio B", exact=True)
        await choose(pilot, "the girls' residence", exact=True)
        assert "Here: the girls' residence" in screen_words(app, "#actions")
        assert await options_cut_short(pilot, "#actions") == []
        for line in ("go stairs", "search chute", "go laundry", "search crate"):
            await play_command(pilot, line)
        await choose(pilot, "Bette Whitlaw", exact=True)
        assert await options_cut_short(pilot, "#questions") == []
        from whodunit.engine import open_topics

        game = app.game
        asks = [t.ask for t in open_topics(game.case, game.state, "bette")]
        assert len(asks) >= 3  # the hoodie's question among them
        shown = screen_words(app, "#questions")
        assert all(" ".join(ask.split()) in shown for ask in asks)


@pytest.mark.parametrize("marker", ["", "• "])
async def test_a_list_with_a_scrollbar_shows_options_of_every_length_in_full(marker) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets.option_list import Option

    from whodunit.tui.safe import literal
    from whodunit.tui.widgets.choices import ChoiceList

    words = [
        "the",
        "principals'",
        "dressing",
        "room",
        "under",
        "the",
        "stairs",
        "of",
        "the",
        "tower",
    ]
    # Every length from one word to all of them, around the width of the list: some fit on
    # one line only while the scrollbar is away.
    prompts = [" ".join(words[:n]) + " ✓" for n in range(1, len(words) + 1)] * 3

    class ListApp(App[None]):
        CSS = "ChoiceList { width: 30; height: 12; }"
        CSS_PATH = str(APP_TCSS)

        def compose(self) -> ComposeResult:
            yield ChoiceList(
                *(Option(literal(p), id=str(n)) for n, p in enumerate(prompts)),
                marker=marker,
                id="list",
            )

    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await options_cut_short(pilot, "#list") == []
        choices = app.query_one("#list", ChoiceList)
        # Filled again, as the list of things to do is after each step: the old scrollbar
        # goes while the list is empty, and comes back once the options are in.
        choices.fill([Option(literal(p), id=str(n)) for n, p in enumerate(prompts)])
        await pilot.pause()
        assert await options_cut_short(pilot, "#list") == []
        for width in (29, 31, 27):
            choices.styles.width = width
            await pilot.pause()
            assert await options_cut_short(pilot, "#list") == [], width


async def open_explored_cassie(pilot) -> Game:
    """The Cassie case with (nearly) every clue found, on the investigation screen."""
    await ready(pilot)
    app = pilot.app
    game = Game.from_log(app.pack, app.pack.cases["cassie"], explored(ARCHER, "cassie"))
    app.show_game(game)
    await pilot.pause()
    return game


@archer
async def test_the_proof_picker_scrolls_and_narrows_as_you_type() -> None:
    """With thirty clues and more, the clues to prove a claim with stay on the screen (the
    list scrolls), and typing narrows them: Space between words, letters that are keys
    elsewhere, Backspace, and Escape that clears the filter before it goes back."""
    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        game = await open_explored_cassie(pilot)
        case = game.case
        assert len(game.state.found) >= 30
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter", "enter")  # who: the first suspect; on to its proof
        await pilot.pause()
        screen = app.screen
        assert screen.picking == "proof:who"
        picker = screen.query_one("#picker")
        assert picker.region.bottom <= app.size.height - 1  # above the footer, frame and all
        await pilot.press("end")
        await pilot.pause()
        last = case.clues[game.state.found[-1].clue].name
        assert last in screen_words(app, "#picker")
        words = last.lower().split()[:2]
        await pilot.press(*" ".join(words))
        await pilot.pause()
        assert f"filter: {' '.join(words)}" in screen_words(app, "#picker")
        shown = [prompt_of(picker, i) for i in range(picker.option_count)]
        assert shown and all(all(w in t.lower() for w in words) for t in shown), shown
        assert len(shown) < len(game.state.found)
        await pilot.press(*["backspace"] * 40)  # more than typed: the filter ends, nothing else
        await pilot.pause()
        assert picker.option_count == len(game.state.found)
        await pilot.press("a", "e", "escape")  # a and e filter; Escape clears the filter
        await pilot.pause()
        assert screen.picking == "proof:who" and picker.option_count == len(game.state.found)
        await pilot.press("escape")  # and now goes back to the statement
        await pilot.pause()
        assert screen.picking is None and app.screen is screen


@archer
async def test_a_clue_shown_from_the_locker_opens_at_the_reaction() -> None:
    from whodunit.engine import Present, apply

    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        game = await open_explored_cassie(pilot)
        case = game.case
        clue = next(
            f.clue
            for f in game.state.found
            if not game.state.has_fact("presented", f"bette/{f.clue}")
        )
        _, outcome = apply(case, game.state, Present("bette", clue))
        reaction = outcome.messages[0]
        await pilot.press("e")
        await choose(pilot, case.clues[clue].name)
        await choose(pilot, "Bette Whitlaw")
        words = screen_words(app, "#transcript")
        assert reaction.title in words  # "Bette Whitlaw is shown: ..."
        first_words = " ".join(reaction.text.split()[:8])
        assert first_words in words


@archer
async def test_h_gives_a_hint_while_questioning_too() -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_cassie(pilot)
        await choose(pilot, "Bette Whitlaw", exact=True)
        assert "h Hint" in screen_words(app)
        await pilot.press("h", "enter")
        await pilot.pause()
        assert "? Hint." in screen_words(app, "#transcript")
        assert "Hints 1" in screen_words(app, "#status")


READABLE = [
    "title",
    "cases",
    "investigation",
    "evidence",
    "notebook",
    "questioning",
    "hint",
    "accuse_form",
    "accuse_proof",
    "accuse_again",
    "connect_first",
    "connect_result",
    "verdict_wrong",
    "verdict_lost",
    "verdict_solved",
    "help",
]


@pytest.mark.parametrize("theme", CYCLE)
@pytest.mark.parametrize("name", READABLE)
async def test_every_theme_s_text_is_readable(theme: str, name: str) -> None:
    from .test_snapshots import SCREENS

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await SCREENS[name](pilot)
        await pilot.pause()
        assert low_contrast(app) == []


@pytest.mark.parametrize("theme", CYCLE)
async def test_every_theme_s_dialogs_and_notices_are_readable(theme: str) -> None:
    from .test_snapshots import SCREENS

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.theme = theme
        await SCREENS["present"](pilot)
        await pilot.pause()
        assert low_contrast(app, selector="#present-box") == []
        await pilot.press("escape", "escape", "escape")  # the dialog, the locker, the game
        await pilot.pause()
        await pilot.press("left", "enter")  # yes, back to the title
        await pilot.pause()
        await pilot.pause()
        assert "Continue from the title screen" in toasts(app)
        assert low_contrast(app, selector="Toast") == []


@pytest.mark.parametrize("theme", CYCLE)
async def test_every_theme_s_accusation_question_is_readable(theme: str) -> None:
    from .test_snapshots import SCREENS

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await SCREENS["accuse_confirm"](pilot)
        await pilot.pause()
        assert "Make this accusation?" in screen_words(app)
        assert low_contrast(app, selector=".ask-box") == []


async def test_a_place_is_ticked_only_once_everything_there_is_searched() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "go kitchen")
        await play_command(pilot, "search rack")
        await play_command(pilot, "go shop")
        words = screen_words(app, "#actions")
        assert "◐ The kitchen" in words  # the back window is not searched yet
        await play_command(pilot, "go kitchen")
        await play_command(pilot, "search window")
        await play_command(pilot, "search bin")
        await play_command(pilot, "go shop")
        words = screen_words(app, "#actions")
        assert "✓ The kitchen" in words
        assert "• Harbour Lane" in words  # not visited yet


async def test_help_tells_what_the_marks_mean() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        words = screen_words(app, "#help-body")
        assert "✓ done: a thing searched; a place with everything there searched" in words
        assert "◐ a place you have been to, with something there not searched yet" in words
        assert "• a choice still to make" in words


async def start_teashop(pilot) -> None:
    await ready(pilot)
    await pilot.press("enter", "enter")
    await pilot.pause()


async def test_the_palette_offers_the_game_s_own_commands_only() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        words = screen_words(app)
        for own in ("Place: The shop floor", "Suspect: Pip Tolliver", "Help"):
            assert own in words
        for textual_s in ("Keys", "Screenshot", "Maximize", "Change the current theme"):
            assert textual_s not in words
        for query, found, not_found in (
            ("theme", "Next theme", ("nord", "gruvbox")),
            ("quit", "Quit", ()),
            ("screenshot", None, ("Screenshot",)),
            ("keys", None, ("Keys",)),
        ):
            await pilot.press(*query)
            await pilot.pause(0.3)
            words = screen_words(app)
            assert found is None or found in words
            assert not any(w in words for w in not_found)
            await pilot.press(*["backspace"] * len(query))


async def test_the_verdict_says_how_many_accusations_are_left_once() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await play_command(pilot, "accuse who=vera:slip why=spite:slip how=door:slip")
        words = screen_words(app, "#verdict")
        assert "⚖ Verdict: Wrong." in words
        assert words.count("Verdict") == 1
        assert words.count("1 accusation left") == 1


async def test_escape_from_the_list_asks_and_then_says_the_game_is_kept() -> None:
    """One Escape too many must not leave the case: from the list, Escape asks first (the
    footer says where it goes), and Escape again answers no."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        assert "esc Title" in screen_words(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Back to the title?" in screen_words(app)
        await pilot.press("escape")  # no: still in the case
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        await pilot.press("e")  # on the evidence, Escape goes back to the list, nowhere else
        await pilot.pause()
        assert "esc Back" in screen_words(app) and "esc Title" not in screen_words(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the question opens on "Stay": Enter alone stays
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("left", "enter")  # yes
        await pilot.pause()
        await pilot.pause()
        assert "New game" in screen_words(app)  # the title screen
        assert "Continue from the title screen" in toasts(app)


async def test_a_deleted_note_can_be_brought_back() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_teashop(pilot)
        await pilot.press("n", *"Pip signed", "enter", *"Vera?", "enter", "tab")
        await pilot.pause()
        assert "u Undo" not in screen_words(app)
        await move_to(pilot, "Pip signed")
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        assert "1. Vera?" in screen_words(app, "#note-list")
        assert "Press u in the notes to bring it back" in toasts(app)
        assert "u Undo" in screen_words(app)
        await pilot.press("u")
        await pilot.pause()
        words = screen_words(app, "#note-list")
        assert "1. Pip signed" in words and "2. Vera?" in words
        assert app.game.notes == ["Pip signed", "Vera?"]
        assert "u Undo" not in screen_words(app)


async def test_pgup_and_pgdn_read_the_log_while_the_list_keeps_the_cursor() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for line in ("search counter", "go kitchen", "search rack", "search window"):
            await play_command(pilot, line)
        assert "⏎ Do it PgUp/Dn Log" in screen_words(app)
        actions = app.screen.query_one("#actions")
        cursor = actions.highlighted
        log = app.screen.query_one("#log")
        await pilot.press("pageup", "pageup", "pageup")
        await pilot.pause()
        assert log.scroll_y == 0
        assert "■ Case: The Vanished Tart" in screen_words(app, "#log")
        assert app.focused is actions and actions.highlighted == cursor
        await pilot.press("pagedown")
        await pilot.pause()
        assert log.scroll_y > 0
        assert app.focused is actions and actions.highlighted == cursor


@archer
async def test_the_whole_briefing_can_be_read_when_choosing_a_case() -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        last_words = " ".join(app.pack.cases["cassie"].briefing.split()[-8:])
        seen = screen_words(app, "#case-briefing-box")
        for _ in range(5):
            await pilot.press("pagedown")
            await pilot.pause()
            seen += " " + screen_words(app, "#case-briefing-box")
        assert "Seven weeks ago, on the night of the patrons" in seen
        assert last_words in seen
    app = make_app(ARCHER)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert last_words in screen_words(app, "#case-briefing-box")  # all of it, at once


# -- Continue takes up a game that is under way -------------------------------------------------
async def test_continue_does_not_go_back_to_an_older_attempt_at_a_finished_case(
    private_saves,
) -> None:
    """The player has just finished the case: an older, abandoned attempt at it is not what
    Continue means (Load still lists it)."""
    from .saving import SOLVE, START, make_save, store_on

    make_save(private_saves, START, "morning", start="2026-03-01T09:00:00")
    make_save(private_saves, SOLVE, "solved", start="2026-03-02T09:00:00")  # played since
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "Continue (every saved game has ended)" in screen_words(app, "#menu")


@archer
async def test_continue_passes_over_a_finished_game_to_another_case_under_way(
    private_saves,
) -> None:
    from whodunit.tui.screens.investigation import InvestigationScreen

    from .saving import make_save, pack_at, store_on, walkthrough_actions

    pack = pack_at(ARCHER)
    cassie = walkthrough(ARCHER / "walkthroughs" / "cassie-solve.txt")
    ramon = walkthrough(ARCHER / "walkthroughs" / "ramon-solve.txt")
    ramon_start = walkthrough_actions(pack.cases["ramon"], ramon)[:3]
    make_save(private_saves, ramon_start, "ramon", pack=pack, case="ramon")
    make_save(
        private_saves,
        walkthrough_actions(pack.cases["cassie"], cassie),
        "cassie",
        pack=pack,
        case="cassie",
        start="2026-03-02T09:00:00",  # played since
    )
    app = make_app(ARCHER, store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "Continue: The Last Night of the Showcase (step 3)" in screen_words(app, "#menu")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert app.screen.game.case.id == "ramon" and len(app.screen.game.actions) == 3


async def test_continue_says_when_every_saved_game_has_ended(private_saves) -> None:
    from whodunit.tui.screens.title import TitleScreen

    from .saving import SOLVE, make_save, store_on

    make_save(private_saves, SOLVE, "solved")
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        assert "Continue (every saved game has ended)" in screen_words(app, "#menu")
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Every saved game has ended" in toasts(app)


@archer
async def test_continue_offers_the_case_that_has_opened(private_saves) -> None:
    from whodunit.tui.screens.investigation import InvestigationScreen

    from .saving import make_save, pack_at, store_on, walkthrough_actions

    pack = pack_at(ARCHER)
    lines = walkthrough(ARCHER / "walkthroughs" / "cassie-solve.txt")
    make_save(
        private_saves,
        walkthrough_actions(pack.cases["cassie"], lines),
        "cassie",
        pack=pack,
        case="cassie",
    )
    app = make_app(ARCHER, store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "Continue: The Last Night of the Showcase (new case)" in screen_words(app, "#menu")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert app.screen.game.case.id == "ramon" and not app.screen.game.actions


@archer
async def test_travelling_with_the_palette_shows_the_arrival_in_the_log() -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_cassie(pilot)
        case = app.screen.game.case
        for place in ("studio", "courtyard", "stairs", "residence"):
            name = case.places[place].name
            await pilot.press("ctrl+p", *name)
            for _ in range(100):  # until the search has answered
                if f"Place: {name}" in screen_words(app):
                    break
                await pilot.pause(0.02)
            await pilot.press("enter")
            await pilot.pause(0.3)  # Textual holds back the screen for a moment after it
            await pilot.pause()
            words = screen_words(app, "#log")
            assert f"▶ {name[:1].upper()}{name[1:]}" in words, place
            assert "■ Case: The Fall from the Roof" not in words


@archer
async def test_the_title_menu_is_wide_enough_for_a_long_continue_line(private_saves) -> None:
    from .saving import make_save, pack_at, store_on

    actions = explored(ARCHER, "cassie")
    make_save(private_saves, actions, "long", pack=pack_at(ARCHER), case="cassie")
    app = make_app(ARCHER, store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        lines = [line for line in screen_text(app).splitlines() if "Continue:" in line]
        assert len(lines) == 1
        assert f"Continue: The Fall from the Roof (step {len(actions)})" in lines[0]
        assert await options_cut_short(pilot, "#menu") == []
