"""The parts of the UI one at a time: questioning, evidence, notebook, hints, the palette, help,
themes, NO_COLOR, continuing a game, the saves seam, and start-up problems."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rich.terminal_theme import SVG_EXPORT_THEME

from whodunit.saves import LoadedGame, MemoryStore
from whodunit.tui.app import WhodunitApp, run_app
from whodunit.tui.screens.help import HelpScreen, _screens, key_name
from whodunit.tui.screens.investigation import InvestigationScreen
from whodunit.tui.screens.title import TitleScreen

from .conftest import (
    ARCHER,
    TEASHOP,
    choose,
    leave_game,
    make_app,
    move_to,
    play_command,
    ready,
    screen_text,
    screen_words,
)


async def start(pilot) -> None:
    await ready(pilot)
    await pilot.press("enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, InvestigationScreen)


async def test_question_a_suspect_and_show_a_clue_from_the_locker() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await play_command(pilot, "search counter")
        await choose(pilot, "Mr Finch")
        assert "Mr Finch polishes his spectacles" in screen_words(app, "#transcript")
        await choose(pilot, "Where were you before the judging?")
        words = screen_words(app, "#transcript")
        assert "At the village hall since eight" in words
        assert "New clue: Mr Finch's alibi" in words
        assert "✓ Where were you before the judging?" in screen_words(app, "#questions")
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        words = screen_words(app, "#locker")
        assert "Delivery slip" in words and "Found at step 1, searching the counter" in words
        await choose(pilot, "Delivery slip")
        assert "Show Delivery slip to whom?" in screen_words(app)
        await choose(pilot, "Pip Tolliver")
        assert "That's my mark, right enough" in screen_words(app, "#transcript")
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert "Shown to: Pip Tolliver." in screen_words(app, "#locker")


async def test_the_notebook_keeps_notes_with_the_game() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "Your notebook is empty." in screen_words(app)
        await pilot.press(*"Pip [/ signed", "enter")
        await pilot.press(*"Vera?", "enter")
        await pilot.pause()
        words = screen_words(app, "#note-list")
        assert "1. Pip [/ signed" in words and "2. Vera?" in words
        assert "Notebook (2)" in screen_words(app)
        assert app.game is not None and app.game.notes == ["Pip [/ signed", "Vera?"]
        await pilot.press("tab")  # to the list of notes
        await choose(pilot, "Vera?")  # Enter edits it
        await pilot.press("backspace", *" rules out", "enter")
        await pilot.pause()
        assert app.game.notes == ["Pip [/ signed", "Vera rules out"]
        await pilot.press("tab")
        await move_to(pilot, "Pip [/ signed")
        await pilot.press("d")
        await pilot.pause()
        assert app.game.notes == ["Vera rules out"]
        assert "Pip [/ signed" not in screen_words(app)
        await pilot.press("escape")  # leave the notebook: back to what to do
        await pilot.pause()
        assert app.focused is app.screen.query_one("#actions")


async def test_hints_come_from_the_engine_in_steps() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert "Take a hint?" in screen_words(app)  # it costs: asked first
        assert "half a star" in screen_words(app)
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert "Hints 0" in screen_words(app)
        await pilot.press("h", "enter")
        await pilot.pause()
        assert "Hints 1" in screen_words(app)
        await pilot.press("h", "enter")
        await pilot.pause()
        words = screen_words(app, "#log")
        assert words.count("? Hint.") == 2
        assert "Hints 2" in screen_words(app)
        await pilot.press("h", "enter")  # the third names the step, and the cursor goes to it
        await pilot.pause()
        actions = app.screen.query_one("#actions")
        assert app.focused is actions
        label = actions.highlighted_option.prompt.plain
        last_hint = screen_words(app, "#log").rsplit("? Hint.", 1)[1]
        assert label.removeprefix("Search ") in last_hint


async def test_the_palette_finds_a_place_and_goes_there() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"kitchen")
        await pilot.pause(0.3)
        assert "Place: The kitchen" in screen_words(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Here: The kitchen" in screen_words(app, "#actions")
        assert "▶ The kitchen Flour on every surface" in screen_words(app, "#log")


async def test_escape_backs_out_of_an_accusation_step_by_step() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await play_command(pilot, "search counter")  # a clue to prove things with
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Claim 1 of 3: Who took the tart?" in screen_words(app)
        await choose(pilot, "Mr Finch")
        assert "Claim 1 of 3, its proof: What ties them to the tart?" in screen_words(app)
        await pilot.press("escape")  # back to the statement, on the line of that proof
        await pilot.pause()
        assert "Answer: Mr Finch" in screen_words(app)
        assert app.focused.highlighted_option.id == "proof:who"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "Accusations left 2" in screen_words(app)


async def test_filling_a_part_moves_on_never_back_to_one_left_empty() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await play_command(pilot, "search counter")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await choose(pilot, "Mr Finch")
        await pilot.press("escape")  # the proof of "who" left for later
        await pilot.pause()
        await pilot.press("down", "enter")  # the answer to "why"
        await pilot.pause()
        assert "Claim 2 of 3: Why did they take it?" in screen_words(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Claim 2 of 3, its proof:" in screen_words(app)
        assert "Every part is filled in" not in screen_words(app)


async def test_accusing_too_early_says_which_blank_has_no_answer_yet(tmp_path: Path) -> None:
    root = tmp_path / "strict"
    shutil.copytree(TEASHOP, root)
    case = root / "cases" / "tart.yaml"
    text = case.read_text()
    for option in (
        "text: hunger",
        "text: spite, to spoil the contest",
        "text: profit, to sell it on",
    ):
        text = text.replace(option, f"{option}\n          when: {{found: bag}}")
    case.write_text(text)
    app = make_app(root)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "You cannot answer “Why did they take it?” yet" in screen_words(app)


async def test_help_lists_every_key() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        seen = ""
        for _ in range(30):  # read the help page by page, as a player would
            seen += " " + screen_words(app, "#help-body")
            await pilot.press("pagedown")
            await pilot.pause()
        for _title, bindings in _screens():
            for binding in bindings:
                said = binding.tooltip or binding.description  # help says more when it can
                assert f"{key_name(binding)} {said}" in seen, binding
        for words in ("Ctrl+P", "next theme", "F1"):
            assert words in seen
        assert "slash" not in seen  # keys by what is on the keyboard
        for title, bindings in _screens():  # a key listed twice in a section says two things
            rows = [(key_name(b), b.tooltip or b.description) for b in bindings]
            assert len(rows) == len(set(rows)), title
            keys = [key for key, _ in rows]
            for key in {k for k in keys if keys.count(k) > 1}:
                said = [what for k, what in rows if k == key]
                assert all(len(what) > 12 for what in said), (title, key, said)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_t_cycles_dark_light_and_high_contrast_themes() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        assert app.theme == "whodunit-dark"
        await pilot.press("t")
        assert app.theme == "whodunit-light"
        await pilot.press("t")
        assert app.theme == "whodunit-contrast"
        await pilot.pause()
        assert "Theme: high contrast" in screen_words(app)
        await pilot.press("t")
        assert app.theme == "whodunit-dark"


def _colours(svg: str) -> set[str]:
    """The colours of the picture inside the SVG's window frame."""
    frame = {
        SVG_EXPORT_THEME.foreground_color.hex,
        SVG_EXPORT_THEME.background_color.hex,
        "#ff5f57",
        "#febc2e",
        "#28c840",
    }
    found = {c.lower() for c in re.findall(r"#[0-9a-f]{6}", svg, flags=re.IGNORECASE)}
    return found - frame


async def test_no_color_shows_everything_in_grey(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await play_command(pilot, "search counter")
        colours = _colours(app.export_screenshot())
    assert colours
    for colour in colours:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert r == g == b, f"{colour} is not grey"


async def test_continue_resumes_the_game_in_memory() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await play_command(pilot, "search counter")
        await leave_game(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert "Continue: The Vanished Tart" in screen_words(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "Clues 1/8" in screen_words(app)


async def test_a_store_records_each_action_and_note() -> None:
    store = MemoryStore()
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await play_command(pilot, "search counter")
        await play_command(pilot, "go kitchen")
        await pilot.press("n", *"hm", "enter")
        await pilot.pause()
    assert store.recorded == [("tart", 1, ()), ("tart", 2, ()), ("tart", 2, ("hm",))]


async def test_continue_and_load_a_saved_game_from_a_store() -> None:
    from whodunit.engine import Go, Search

    store = MemoryStore(
        {
            "morning": LoadedGame(
                "tart",
                [Search("shop", "counter"), Go("kitchen")],
                ["a note"],
                "the pack has changed",
            )
        }
    )
    app = make_app(store=store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        words = screen_words(app)
        assert "Continue: morning: step 2" in words
        assert "no saved games yet" not in words
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        words = screen_words(app)
        assert "Here: The kitchen" in words and "Notebook (1)" in words
        assert "the pack has changed" in words
        await leave_game(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert "Choose a game to load" in screen_words(app)
        await choose(pilot, "morning: step 2")
        assert isinstance(app.screen, InvestigationScreen)


async def test_without_saves_load_and_replay_say_so() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        words = screen_words(app)
        assert "Load a game (no saved games yet)" in words
        assert "Replay a game (no saved games yet)" in words
        await pilot.press("l")
        await pilot.pause()
        assert "There are no saved games yet." in screen_words(app)
        assert isinstance(app.screen, TitleScreen)


async def test_case_option_opens_the_case_at_once() -> None:
    app = make_app(case_id="tart")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)


async def test_an_unknown_case_is_named_literally() -> None:
    app = make_app(case_id="[/nope")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "There is no case '[/nope' in this pack" in screen_words(app)


async def test_a_broken_pack_stops_with_its_findings(tmp_path: Path) -> None:
    root = tmp_path / "broken"
    shutil.copytree(TEASHOP, root)
    (root / "cases" / "tart.yaml").write_text("id: tart\ntitle: [unclosed\n")
    app = WhodunitApp(root, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 1
    assert any("tart.yaml" in p for p in app.load_problems)
    assert app.load_problems[-1].startswith("whodunit: cannot play")


def test_run_app_refuses_a_missing_pack(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run_app(str(tmp_path / "nowhere"), None) == 1
    assert "whodunit: no pack" in capsys.readouterr().err


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_title_screen_fits_and_shows_the_pack_s_own_notice(
    size: tuple[int, int],
) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        text, words = screen_text(app), screen_words(app)
        for said in ("W H O D U N I T", "New game", "Quit", "The Archer School Cases"):
            assert said in text or said in words
        # The Archer pack's notice: a fan-made work, with credit to the series and the novel.
        assert "A fan-made work set in the world of the Netflix series Tiny Pretty Things" in words
        assert "Michael MacLennan" in words and "Dhonielle Clayton and Sona Charaipotra" in words
        assert "not affiliated with or endorsed by Netflix" in words
        assert "q Quit" in text


async def test_a_pack_without_a_notice_shows_none() -> None:
    """The notice belongs to the pack: the teashop has none, so no Archer credit shows."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        words = screen_words(app)
        assert "The Teashop Mysteries" in words
        assert "Tiny Pretty Things" not in words and "Netflix" not in words


async def test_a_game_can_be_shown_as_it_was_without_playing_it() -> None:
    """What a replay needs: the investigation screen of a game rebuilt up to some step."""
    from whodunit.engine import Game, Go, Search

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        pack = await app.wait_for_pack()
        game = Game.from_log(pack, pack.cases["tart"], [Search("shop", "counter"), Go("kitchen")])
        await app.push_screen(InvestigationScreen(game, readonly=True))
        await pilot.pause()
        assert "New clue: Delivery slip" in screen_words(app, "#log")
        await choose(pilot, "Search the cooling rack")
        assert "nothing can be done in it here" in screen_words(app)
        assert len(game.actions) == 2
        assert "Clues 1/8" in screen_words(app)


async def test_the_mouse_works_too() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.click("#menu", offset=(4, 1))  # New game
        await pilot.pause()
        await pilot.click("#case-list", offset=(4, 1))
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        actions = app.screen.query_one("#actions")
        row = next(
            i
            for i in range(actions.option_count)
            if actions.get_option_at_index(i).id == "go:kitchen"
        )
        await pilot.click("#actions", offset=(4, 1 + row))
        await pilot.pause()
        assert "Here: The kitchen" in screen_words(app, "#actions")
