"""What new players tripped over at 80x24: lists that keep their order, a cursor that moves on
to what is left to do, reading again for free, an Escape that asks, keys that say what they do."""

from __future__ import annotations

import pytest

from whodunit.tui.screens.investigation import InvestigationScreen
from whodunit.tui.screens.question import QuestionScreen

from .conftest import (
    choose,
    make_app,
    move_to,
    play_command,
    ready,
    screen_text,
    screen_words,
)


async def start_teashop(pilot) -> None:
    await ready(pilot)
    await pilot.press("enter", "enter")
    await pilot.pause()


def option_ids(app) -> list[str]:
    actions = app.screen.query_one("#actions")
    return [actions.get_option_at_index(i).id for i in range(actions.option_count)]


async def test_the_go_to_list_keeps_its_order_and_marks_where_you_are() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        places = [i for i in option_ids(app) if i and i.startswith("go:")]
        assert places == ["go:shop", "go:kitchen"]
        assert "The shop floor (here)" in screen_words(app, "#actions")
        await play_command(pilot, "go kitchen")
        assert [i for i in option_ids(app) if i and i.startswith("go:")] == places
        words = screen_words(app, "#actions")
        assert "The kitchen (here)" in words and "The shop floor (here)" not in words
        # Counting Down presses from the Go to heading lands on the same place wherever you are.
        await move_to(pilot, "The shop floor")
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.state.location == "shop"


async def test_after_a_search_the_cursor_stays_on_what_was_just_done() -> None:
    # Players counted Down presses from where the cursor was: a cursor that jumped on to the
    # next thing to do (past an unsearched one, onto a place) made their count wrong.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "go kitchen")
        actions = app.screen.query_one("#actions")
        assert actions.highlighted_option.id == "search:kitchen/rack"
        await pilot.press("enter")
        await pilot.pause()
        assert actions.highlighted_option.id == "search:kitchen/rack"
        assert actions.highlighted_option.marker.startswith("✓")
        await pilot.press("down", "enter")
        await pilot.pause()
        # The window opened the scrap bin: a new thing to do, and the cursor stays put.
        assert actions.highlighted_option.id == "search:kitchen/window"
        assert "search:kitchen/bin" in option_ids(app)
        await pilot.press("down")
        assert actions.highlighted_option.id == "search:kitchen/bin"


async def test_in_questioning_enter_again_stays_on_the_question_just_asked() -> None:
    # Enter pressed again and again ran off the questions into "Show evidence".
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await choose(pilot, "Pip Tolliver", exact=True)
        assert isinstance(app.screen, QuestionScreen)
        questions = app.screen.query_one("#questions")
        asked = questions.highlighted_option.id
        assert asked.startswith("topic:")
        steps = app.game.state.step
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
        assert questions.highlighted_option.id == asked
        assert app.game.state.step == steps + 1  # asked once, then read again for free


async def test_searching_again_re_shows_the_text_and_costs_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await play_command(pilot, "go kitchen")
        await play_command(pilot, "search rack")
        await play_command(pilot, "go shop")
        game = app.game
        steps, told = game.state.step, len(game.history)
        entries = len(app.screen.query_one("#log").entries)
        await choose(pilot, "Search the counter")
        assert (game.state.step, len(game.history)) == (steps, told), "an action was sent"
        assert len(app.screen.query_one("#log").entries) == entries, "the log grew"
        log = app.screen.query_one("#log")
        assert 'A delivery slip lies by the till, signed with a hurried "P.T.".' in (
            screen_words(app, "#log")
        )
        assert log.scroll_y < log.max_scroll_y  # brought back into view, above the newest
        # Going to where you are re-reads the place instead of being refused.
        await choose(pilot, "The shop floor (here)")
        assert game.state.step == steps
        assert "Lace curtains, six small tables" in screen_words(app, "#log")


async def test_asking_or_showing_again_re_shows_the_answer_and_costs_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await choose(pilot, "Pip Tolliver")
        assert isinstance(app.screen, QuestionScreen)
        await choose(pilot, "What did you do this morning?")
        await choose(pilot, "Delivery slip")
        game = app.game
        steps, told = game.state.step, len(game.history)
        entries = len(app.screen.query_one("#transcript").entries)
        await choose(pilot, "What did you do this morning?")
        await choose(pilot, "Delivery slip")
        assert (game.state.step, len(game.history)) == (steps, told)
        assert len(app.screen.query_one("#transcript").entries) == entries
        assert "That's my mark, right enough" in screen_words(app, "#transcript")
        await choose(pilot, "What did you do this morning?")
        assert "Dropped off the flour at nine" in screen_words(app, "#transcript")


async def test_pgup_and_pgdn_in_questioning_scroll_the_answers(example_pack, edit) -> None:
    long = " ".join(["I went round by the harbour, then back along the lane."] * 12)
    edit(
        example_pack / "cases" / "tart.yaml",
        "then straight down to the harbour.",
        f"then straight down to the harbour. {long}",
    )
    app = make_app(example_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await choose(pilot, "Pip Tolliver")
        await choose(pilot, "What did you do this morning?")
        await choose(pilot, "Delivery slip")
        assert "PgUp/Dn Answers" in screen_words(app)
        questions = app.screen.query_one("#questions")
        transcript = app.screen.query_one("#transcript")
        cursor = questions.highlighted
        assert transcript.max_scroll_y > 0, "the answers fit: nothing to scroll"
        await pilot.press("pageup", "pageup", "pageup")
        await pilot.pause()
        assert transcript.scroll_y == 0 and questions.highlighted == cursor
        assert "Pip shifts from foot to foot" in screen_words(app, "#transcript")
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert transcript.scroll_y == transcript.max_scroll_y
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)


async def test_the_replay_line_and_footer_fit_80_columns_in_words(private_saves) -> None:
    """At 80 columns the replay's line keeps the save's name and says what was done in the
    pack's words (no ids such as who=vera), and its footer keeps every key whole."""
    from whodunit.engine import Accuse, Go, Search

    from .saving import make_save, store_on

    actions = [
        Search("shop", "counter"),
        Go("kitchen"),
        Accuse(
            (("who", "vera"), ("why", "spite"), ("how", "door")),
            (("who", "slip"), ("why", "slip"), ("how", "slip")),
        ),
    ]
    make_save(private_saves, actions, "cassie-20261202-064703")
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("r", "enter")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        bar = screen_words(app, "#replay-bar")
        assert "step 3 of 3 · cassie-20261202-064703: accused Vera Lott" in bar
        assert "who=" not in bar
        footer = screen_words(app, "Footer")
        assert "c Take over" in footer and "g Go to" in footer and "←/→ Step" in footer
        await pilot.press("left")
        await pilot.pause()
        assert "cassie-20261202-064703: went to The kitchen" in screen_words(app, "#replay-bar")


async def test_the_palette_says_what_it_finds() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.pause()
        words = screen_words(app)
        assert "Find a place, person or clue" in words
        assert "Search for commands" not in words


async def test_the_connections_view_is_in_the_footer_and_the_palette() -> None:
    from whodunit.tui.screens.connect import ConnectScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await play_command(pilot, "ask pip morning")
        assert "c Connect" in screen_words(app, "Footer")
        await pilot.press("ctrl+p", *"connect")
        for _ in range(100):  # until the search has answered
            if "Connect: put two things you hold side by side" in screen_words(app):
                break
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConnectScreen)
        assert "Delivery slip" in screen_words(app, "#holdings")


async def test_below_80x24_the_game_says_the_size_it_needs_and_comes_back() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        await pilot.pause()
        words = screen_words(app)
        assert "whodunit needs a terminal of at least 80 columns by 24 lines" in words
        assert "This one is 60 by 20" in words
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        await start_teashop(pilot)
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        await pilot.pause()
        assert "This one is 79 by 24" in screen_words(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "whodunit needs" not in screen_words(app)
        assert "esc Title" in screen_words(app)  # the footer whole


async def test_the_log_shows_the_newest_entry_after_a_resize_and_after_questioning() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for line in ("search counter", "go kitchen", "search rack", "search window"):
            await play_command(pilot, line)
        newest = "Something new to search in The kitchen: the scrap bin."
        assert newest in screen_words(app, "#log")
        for size in ((120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            for _ in range(3):
                await pilot.pause()
            assert newest in screen_words(app, "#log"), size
        await play_command(pilot, "ask finch judging")  # questioning, then back
        await pilot.pause()
        assert "New clue: Mr Finch's alibi" in screen_words(app, "#log")


async def test_slash_and_a_few_letters_put_the_cursor_on_a_choice() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        actions = app.screen.query_one("#actions")
        await pilot.press("slash", "v", "e")  # letters that are keys elsewhere (e: evidence)
        await pilot.pause()
        assert actions.highlighted_option.id == "ask:vera"
        assert "find: ve" in screen_words(app, "#actions")
        await pilot.press("backspace", "backspace", "k", "i")
        await pilot.pause()
        assert actions.highlighted_option.id == "go:kitchen"
        await pilot.press("enter")
        await pilot.pause()
        assert app.game.state.location == "kitchen"
        assert "find:" not in screen_words(app, "#actions")
        await choose(pilot, "Pip Tolliver")
        await pilot.press("slash", *"slip", "enter")
        await pilot.pause()
        assert "That's my mark, right enough" in screen_words(app, "#transcript")
        await pilot.press("slash", "escape")  # Escape ends the finding, and only that
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_slash_from_the_log_finds_in_the_list_and_letters_are_not_keys() -> None:
    """`/` pressed while the log has the focus: the letters after it find a choice in the list
    of things to do, and none of them works as a key of the screen (e: evidence, a: accuse)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await pilot.press("l")  # the log has the focus
        await pilot.pause()
        await pilot.press("slash", *"vera", "space", "l")
        await pilot.pause()
        actions = app.screen.query_one("#actions")
        assert app.focused is actions
        assert actions.highlighted_option.id == "ask:vera"
        assert "find: vera l" in screen_words(app, "#actions")
        assert isinstance(app.screen, InvestigationScreen)
        assert app.screen.query_one("#tabs").active == "log-tab"
        await pilot.press("escape", "slash", *"finch mr")  # words in any order
        await pilot.pause()
        assert actions.highlighted_option.id == "ask:finch"


async def test_after_a_lost_case_the_title_cursor_waits_on_new_game() -> None:
    from whodunit.tui.screens.title import TitleScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await move_to(pilot, "Quit")  # wherever the cursor was left before the game
        await pilot.press("n", "enter")
        await pilot.pause()
        await play_command(pilot, "search counter")
        for line in (
            "accuse who=vera:slip why=spite:slip how=door:slip",
            "accuse who=finch:slip why=profit:slip how=door:slip",
        ):
            await play_command(pilot, line)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.screen.query_one("#menu").highlighted_option.id == "new"


async def test_escape_escape_then_typing_never_leaves_the_case() -> None:
    # Two Escapes from a sub-screen, then an Enter meant for the list, answered "Back to the
    # title?" with yes. The question opens on the safe choice, marked so without colour.
    from whodunit.tui.screens.dialogs import ConfirmDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape", "escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "▸ Stay in the case ◂" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        text = screen_text(app)
        assert "▸ Back to the title ◂" in text and "▸ Stay" not in text
        await pilot.press("right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)


async def test_the_highlighted_row_shows_without_colour() -> None:
    # Read as plain text (tmux capture-pane -p), the cursor was invisible: a ▸ marks it.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "▸New game" in screen_text(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "▸• Search the counter" in text and text.count("▸") == 1
        await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "▸◐ The shop floor (here)" in text and text.count("▸") == 1


async def test_the_connections_filter_puts_the_cursor_on_the_best_match() -> None:
    # A cursor left on an old row made Enter link the wrong thing; a place word typed picked
    # an item only "found at" that place; the first letter typed hardly narrowed the list.
    from whodunit.tui.widgets.picker import match_rank

    assert match_rank("the kitchen knife", "", ["kitchen"]) == 1
    assert match_rank("plum juice", "found (the kitchen)", ["kitchen"]) == 3
    assert match_rank("thicket", "", ["kit"]) is None
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for line in ("search counter", "ask pip morning", "go kitchen", "search rack"):
            await play_command(pilot, line)
        await pilot.press("c")
        await pilot.pause()
        holdings = app.screen.query_one("#holdings")
        assert holdings.option_count == 3
        await pilot.press("down", "down")  # on Pip's answer
        await pilot.press("s")
        await pilot.pause()
        # Names with a word starting "s" first (the slip, the sill), the answer after them.
        shown = [holdings.get_option_at_index(i).id for i in range(holdings.option_count)]
        assert shown == ["slip", "juice", "pip/morning"]
        assert holdings.highlighted == 0
        await pilot.press("h")
        await pilot.pause()
        assert holdings.option_count == 1 and holdings.highlighted_option.id == "slip"
        text = screen_text(app)
        assert "▸• Delivery slip" in text and "Plum juice" not in text


async def test_slash_prefers_a_person_whose_name_starts_so_and_tab_steps_on() -> None:
    # A name typed jumped to a place with a word starting so ("… floor" for "f"), and Enter
    # then went there. A person whose name has such a word comes first; Tab and Down step
    # to the next match, and Enter acts on the one highlighted.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        actions = app.screen.query_one("#actions")
        await pilot.press("slash", "f")
        await pilot.pause()
        assert actions.highlighted_option.id == "ask:finch"
        assert "find: f▏ 1/2" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert actions.highlighted_option.id == "go:shop"
        await pilot.press("down")
        await pilot.pause()
        assert actions.highlighted_option.id == "ask:finch"
        assert "▸• Mr Finch" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.suspect.id == "finch"


def newest_starts_in_view(log) -> bool:
    top = log.entries[log.latest].top
    return log.scroll_y <= top < log.scroll_y + log.scrollable_content_region.height


async def test_after_a_long_result_its_first_line_is_in_view() -> None:
    # Players had to PgUp to find where a long search result or answer began.
    from .conftest import ARCHER

    for size in ((80, 24), (120, 40)):
        app = make_app(ARCHER)
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            await pilot.press("n", "enter")
            await pilot.pause()
            log = app.screen.query_one("#log")
            for _ in range(3):  # the three things on the roof, one after the other
                await pilot.press("enter")
                await pilot.pause()
                assert newest_starts_in_view(log), size
                await pilot.press("down")
            await pilot.press("slash", *"bette", "enter")
            await pilot.pause()
            transcript = app.screen.query_one("#transcript")
            for _ in range(2):
                await pilot.press("enter")
                await pilot.pause()
                assert newest_starts_in_view(transcript), size
                await pilot.press("down")
            await pilot.press("escape")
            await pilot.pause()
            await pilot.pause()
            assert newest_starts_in_view(log), size


async def test_slash_and_letters_typed_fast_all_go_to_finding() -> None:
    # In a terminal, "/june" typed fast lost its first letter (the `/` binding ran only after
    # it) and the `n` opened the notebook. Keys are sent here all at once, as a terminal does.
    from textual import events

    from .conftest import ARCHER

    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n", "enter")
        await pilot.pause()
        actions = app.screen.query_one("#actions")

        async def type_fast(keys: list[tuple[str, str]]) -> None:
            for key, char in keys:
                app.post_message(events.Key(key, char))
            await pilot.pause()
            await pilot.pause()

        await type_fast([("slash", "/"), *((c, c) for c in "june")])
        assert actions.finding == "june" and app.focused is actions
        assert actions.highlighted_option.id == "ask:june"
        await pilot.press("escape", "l")  # from the log
        await pilot.pause()
        await type_fast([("slash", "/"), *((c, c) for c in "bette")])
        assert actions.finding == "bette" and app.focused is actions
        assert app.screen.query_one("#tabs").active == "log-tab"


async def test_a_question_whose_answer_has_changed_is_unticked_and_asked_anew() -> None:
    # After Pip owns up, "the toes of your boots" must not re-show his first denial.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for line in [
            "search counter",
            "ask pip morning",
            "go kitchen",
            "search window",
            "go lane",
            "search cobbles",
            "ask pip boots",
            "connect boot_prints pip/morning",
            "ask pip trail",
        ]:
            await play_command(pilot, line)
        await choose(pilot, "Pip Tolliver", exact=True)
        assert isinstance(app.screen, QuestionScreen)
        questions = app.screen.query_one("#questions")

        def marks() -> dict[str, str]:
            options = [questions.get_option_at_index(i) for i in range(questions.option_count)]
            return {o.id: o.marker for o in options if o.id}

        assert marks()["topic:morning"].startswith("✓")
        assert not marks()["topic:boots"].startswith("✓")
        steps = app.game.state.step
        await choose(pilot, "What is that on the toes of your boots?")
        assert app.game.state.step == steps + 1
        assert "Blackberry. From the filling." in screen_words(app, "#transcript")
        assert marks()["topic:boots"].startswith("✓")


async def test_a_third_hint_that_names_a_link_opens_the_connections_with_its_first_picked() -> None:
    from whodunit.engine import Connect
    from whodunit.tui.screens.connect import ConnectScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for line in [
            "search counter",
            "ask pip morning",
            "go kitchen",
            "search rack",
            "search window",
            "search bin",
            "go lane",
            "search cobbles",
            "ask vera bag",
            "ask pip boots",
            "ask finch judging",
        ]:
            await play_command(pilot, line)
        assert isinstance(app.screen, InvestigationScreen)
        for _ in range(3):
            await pilot.press("h", "enter")
            await pilot.pause()
        assert isinstance(app.screen, ConnectScreen)
        assert "First: Purple boot prints" in screen_words(app, "#connect-first")
        await choose(pilot, "What did you do this morning?")
        assert isinstance(app.game.actions[-1], Connect)
        assert app.game.actions[-1].pair == {"boot_prints", "pip/morning"}


async def test_the_plainest_hint_pressed_again_costs_nothing_more() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for _ in range(3):
            await pilot.press("h", "enter")
            await pilot.pause()
        for _ in range(2):  # read again, without being asked
            await pilot.press("h")
            await pilot.pause()
            assert "Take a hint?" not in screen_words(app)
        assert app.game.state.hints_used == 3
        assert "It is the very next step" in screen_words(app, "#log")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_typing_on_after_a_verdict_never_reaches_the_keys(size) -> None:
    # After a wrong verdict a player pressed Enter, Escape and c and typed on: the letters
    # reached the investigation's keys (a hint taken, the theme changed, a save-name dialog
    # opened). Keys typed before the screen changed, or before a step was played, are dropped:
    # they were meant for what was shown then. Keys are sent all at once, as a terminal does.
    from textual import events

    from whodunit.tui.screens.dialogs import AskDialog

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await play_command(pilot, "accuse who=vera:slip why=spite:slip how=door:slip")
        steps, theme = len(app.game.actions), app.theme
        keys = [("enter", "\r"), ("escape", "\x1b"), ("c", "c")]
        keys += [(c if c != " " else "space", c) for c in "the sill has a scratch"]
        for key, char in keys:
            app.post_message(events.Key(key, char))
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert len(app.game.actions) == steps and app.game.state.hints_used == 0
        assert app.theme == theme
        assert not any(isinstance(s, AskDialog) for s in app.screen_stack)
        # Keys pressed one by one after the screen has changed still work.
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#tabs").active == "evidence-tab"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_saving_a_copy_needs_a_chord_not_a_letter(size, private_saves) -> None:
    from whodunit.tui.screens.dialogs import AskDialog

    from .saving import store_on

    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=size) as pilot:
        await start_teashop(pilot)
        await pilot.press(*"sss")
        await pilot.pause()
        assert not isinstance(app.screen, AskDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_word_typed_on_the_list_finds_and_takes_no_hint(size) -> None:
    # Letters typed as a word, as into a text box: t, h, e and s were the keys for the theme,
    # a hint, the evidence and saving. Typed hard on one another, all go to finding.
    import asyncio

    from textual import events

    app = make_app(typing_gap=0.2)
    async with app.run_test(size=size) as pilot:
        await start_teashop(pilot)
        actions = app.screen.query_one("#actions")
        for char in "the sill":
            app.post_message(events.Key(char if char != " " else "space", char))
        for _ in range(3):
            await pilot.pause()
        assert app.game.state.hints_used == 0 and not app.game.actions
        assert actions.finding == "the sill" and app.focused is actions
        assert app.screen.query_one("#tabs").active == "log-tab"
        await pilot.press("escape")
        await asyncio.sleep(0.25)
        await pilot.press("h")  # a key pressed on its own is a key
        await pilot.pause()
        assert "Take a hint?" in screen_words(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_thing_searched_stays_listed_when_it_closes(size) -> None:
    # In Cassie's hospital room, the door (open only until Cassie wakes) vanished from the
    # list once searched, while the other things searched kept their ✓.
    from whodunit.engine import Ask, Game

    from .conftest import ARCHER, explored

    path = explored(ARCHER, "cassie")
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        pack = await app.wait_for_pack()
        game = Game(pack, pack.cases["cassie"])
        for action in path:  # everything but the other way Cassie wakes (Nabil's word)
            if action != Ask("nabil", "doctors"):
                game.act(action)
        assert not game.state.has_found("waking")
        app.show_game(game)
        await pilot.pause()
        if game.state.location != "hospital":
            await choose(pilot, "Cassie's hospital room", exact=True)
        await choose(pilot, "Search the door of her room", exact=True)
        await pilot.pause()
        assert game.state.has_found("waking")
        ids = option_ids(app)
        assert "search:hospital/door" in ids
        actions = app.screen.query_one("#actions")
        option = actions.get_option_at_index(ids.index("search:hospital/door"))
        assert option.marker.startswith("✓")
        # Choosing it again reads it again, for nothing.
        steps = len(game.actions)
        await pilot.press("enter")
        await pilot.pause()
        assert len(game.actions) == steps
    # A question asked stays in the list too when it closes (Nabil on the doctors, closed
    # once Cassie has woken).
    from whodunit.engine import open_topics
    from whodunit.tui.widgets.choices import listed_topics

    game = Game.from_log(pack, pack.cases["cassie"], path)
    assert "doctors" not in [t.id for t in open_topics(game.case, game.state, "nabil")]
    assert "doctors" in [t.id for t in listed_topics(game, "nabil")]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_label_of_the_showcase_lists_reads_in_full(size) -> None:
    # A player read "Search Officer Isabe…" in the list of Studio A at 80 columns. Every label
    # there, and in each place's list as the case goes on, shows in full (wrapped, not cut).
    from whodunit.engine import Game

    from .conftest import ARCHER, explored, options_cut_short

    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        pack = await app.wait_for_pack()
        case = pack.cases["ramon"]
        path = explored(ARCHER, "ramon")
        for step in (0, len(path) // 3, len(path)):
            app.show_game(Game.from_log(pack, case, path[:step]))
            await pilot.pause()
            if step == 0:
                assert "Search Officer Isabel's clipboard" in screen_words(app, "#actions")
            assert await options_cut_short(pilot, "#actions") == []
            assert "…" not in screen_text(app)


def scrollbar_runs(app, widget) -> list[str]:
    """The runs of non-blank characters in the column of `widget`'s vertical scrollbar."""
    region = widget.vertical_scrollbar.region
    column = region.x
    lines = screen_text(app).splitlines()
    cells = "".join(
        (lines[y] + " " * app.size.width)[column] for y in range(region.y, region.bottom)
    )
    return cells.split()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_scrollbar_shows_one_thumb_as_text_too(size) -> None:
    # Read as text, a thumb at a fraction of a cell showed its head and its tail as two
    # thumbs (a partial block at each end, blank cells between) in the log and in the list.
    from whodunit.tui.scrollbars import THUMB, thumb_span
    from whodunit.tui.widgets.log import LogView

    from .conftest import ARCHER

    assert thumb_span(20, 100, 20, 0) == range(0, 4)
    assert thumb_span(20, 100, 20, 80) == range(16, 20)
    assert thumb_span(20, 20, 20, 0) == range(0)
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await choose(pilot, "The Fall from the Roof")
        for line in ("search rail", "search gravel", "search speaker", "go courtyard"):
            await play_command(pilot, line)
        log = app.screen.query_one(LogView)
        actions = app.screen.query_one("#actions")
        assert log.max_scroll_y > 0
        for _ in range(6):
            await pilot.press("pageup")  # the log, a page at a time, to thumbs at any offset
            await pilot.pause()
            for widget in (log, actions):
                if widget.max_scroll_y > 0:
                    runs = scrollbar_runs(app, widget)
                    assert len(runs) == 1 and set(runs[0]) == {THUMB}, (widget.id, runs)


async def test_typing_finds_a_name_without_its_apostrophe() -> None:
    # "delias gown" and "ramons acc" found nothing: players do not type apostrophes.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for line in ("go kitchen", "search window", "search bin"):
            await play_command(pilot, line)
        await choose(pilot, "Vera Lott", exact=True)
        assert isinstance(app.screen, QuestionScreen)
        questions = app.screen.query_one("#questions")
        await pilot.press("slash", *"lotts")
        await pilot.pause()
        assert questions.highlighted_option.id == "clue:bag"
        await pilot.press("escape", "home", "slash", *"mabels")
        await pilot.pause()
        assert questions.highlighted_option.id == "topic:bag"


async def test_down_and_up_stop_at_the_ends_of_a_list() -> None:
    # Thirteen presses of Up wrapped round to the bottom and sent a player the wrong way.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        actions = app.screen.query_one("#actions")
        actions.focus()
        await pilot.press(*["down"] * (actions.option_count + 3))
        await pilot.pause()
        last = actions.highlighted
        assert all(
            o.disabled
            for o in [actions.get_option_at_index(i) for i in range(last + 1, actions.option_count)]
        )
        await pilot.press(*["up"] * (actions.option_count + 3))
        await pilot.pause()
        first = actions.highlighted
        assert all(actions.get_option_at_index(i).disabled for i in range(first))
        assert first < last
