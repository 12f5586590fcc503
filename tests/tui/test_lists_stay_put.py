"""Lists that a player counts keys in stay where the eye is: they scroll by whole choices, Home
shows the top, the highlighted choice is always in view, and doing something leaves the list
as it was. Text leaves a column clear before a scrollbar. (Reports from blind players at
80x24.)"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from whodunit.engine import Game, Go

from .conftest import (
    ARCHER,
    explored,
    make_app,
    move_to,
    prompt_of,
    ready,
    screen_text,
    screen_words,
)

pytestmark = pytest.mark.skipif(
    not (ARCHER / "pack.yaml").is_file(), reason="the Archer pack is not here"
)
SIZES = [(80, 24), (120, 40)]


async def open_explored(pilot, case: str, *then) -> Game:
    """The case with (nearly) every clue found (and `then` done), on the investigation."""
    await ready(pilot)
    app = pilot.app
    game = Game.from_log(app.pack, app.pack.cases[case], [*explored(ARCHER, case), *then])
    app.show_game(game)
    await pilot.pause()
    return game


def list_rows(app, selector: str) -> list[str]:
    """The rows of a framed list as shown, inside its frame."""
    r = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()
    return [line[r.x + 1 : r.right - 1] for line in lines[r.y + 1 : r.bottom - 1]]


def starts_a_choice(row: str) -> bool:
    """A row that begins a choice or a heading: a wrapped choice's later rows are indented past
    the cursor's column and the mark's."""
    return not row.startswith("   ")


def cursor_row(app, selector: str) -> int:
    return next(n for n, row in enumerate(list_rows(app, selector)) if row.startswith("▸"))


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_the_top_of_the_list_and_scrolling_is_by_whole_choices(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await open_explored(pilot, "cassie", Go("lobby"))
        actions = app.screen.query_one("#actions", OptionList)
        for _ in range(actions.option_count):
            await pilot.press("down")
            await pilot.pause()
            assert starts_a_choice(list_rows(app, "#actions")[0]), list_rows(app, "#actions")
        for _ in range(actions.option_count):
            await pilot.press("up")
            await pilot.pause()
            assert starts_a_choice(list_rows(app, "#actions")[0]), list_rows(app, "#actions")
        await pilot.press("end", "home")
        await pilot.pause()
        rows = list_rows(app, "#actions")
        assert rows[0].startswith(" Here: the front lobby"), rows
        assert rows[1].startswith("▸"), rows


@pytest.mark.parametrize("size", SIZES)
async def test_enter_on_the_place_you_are_in_leaves_the_list_as_it_was(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await open_explored(pilot, "cassie", Go("lobby"))
        await move_to(pilot, "(here)")
        await pilot.pause()
        before = list_rows(app, "#actions")
        assert starts_a_choice(before[0]), before
        await pilot.press("enter")
        await pilot.pause()
        assert list_rows(app, "#actions") == before


@pytest.mark.parametrize("size", SIZES)
async def test_tab_while_finding_brings_the_match_into_view(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await open_explored(pilot, "cassie", Go("office"))
        await pilot.press("home", "slash", *"mad")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            actions = app.screen.query_one("#actions", OptionList)
            shown = prompt_of(actions, actions.highlighted).split("\n")[0]
            rows = list_rows(app, "#actions")
            assert any(r.startswith("▸") and shown[:20] in r for r in rows), (shown, rows)
        # The list scrolled away from the cursor (a mouse wheel): what is found comes into
        # view, even when it is the choice the cursor was already on.
        await pilot.press("escape", "slash", "o", "escape")  # the cursor on Oren Lennox
        await pilot.pause()
        assert prompt_of(actions, actions.highlighted) == "Oren Lennox"
        actions.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("slash", "o")
        await pilot.pause()
        rows = list_rows(app, "#actions")
        assert any(r.startswith("▸") and "Oren Lennox" in r for r in rows), rows


@pytest.mark.parametrize("size", SIZES)
async def test_showing_a_clue_leaves_the_evidence_list_still(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        game = await open_explored(pilot, "cassie")
        await move_to(pilot, "Bette Whitlaw")
        await pilot.press("enter")
        await pilot.pause()
        questions = app.screen.query_one("#questions", OptionList)
        not_shown = [
            i
            for i in range(questions.option_count)
            if (questions.get_option_at_index(i).id or "").startswith("clue:")
            and not game.state.has_fact(
                "presented", f"bette/{questions.get_option_at_index(i).id[5:]}"
            )
        ]
        # Well down the list, where it has scrolled, and back up a few: the cursor in the
        # middle of the list. Three clues shown one after another, Down between them.
        target = not_shown[len(not_shown) // 2]
        await move_to(pilot, prompt_of(questions, target + 8).split("\n")[0], exact=True)
        await pilot.press(*["up"] * 8)
        for _ in range(3):
            await pilot.pause()
            rows, at = list_rows(app, "#questions"), cursor_row(app, "#questions")
            picked = questions.highlighted
            await pilot.press("enter")
            await pilot.pause()
            assert questions.highlighted == picked
            assert cursor_row(app, "#questions") == at
            after = list_rows(app, "#questions")
            # The same rows, the one shown now ticked.
            assert [r.replace("✓", "•") for r in after] == [r.replace("✓", "•") for r in rows], (
                rows,
                after,
            )
            await pilot.press("down")
            await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_down_after_the_first_pick_goes_to_the_choice_shown_under_it(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        game = await open_explored(pilot, "ramon")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"rose")
        await pilot.pause()
        holdings = app.screen.query_one("#holdings", OptionList)
        seen = [holdings.get_option_at_index(i).id for i in range(holdings.option_count)]
        roses = next(ref for ref in seen if game.case.holding(ref) == "The roses on the piano")
        await move_to(pilot, "The roses on the piano")
        await pilot.press("enter")
        await pilot.pause()
        assert "First: The roses on the piano" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        under = seen[seen.index(roses) + 1]
        pair = f"The roses on the piano + {game.case.holding(under)}"
        assert pair in screen_words(app, "#connect-result")
        # Typing after the first pick finds the second afresh (the filter starts anew).
        await pilot.press(*"rose", "enter", *"note")
        await pilot.pause()
        texts = [prompt_of(holdings, i) for i in range(holdings.option_count)]
        assert texts and all("note" in t.lower() for t in texts), texts


def text_touching_scrollbar(app, selector: str) -> list[str]:
    """The rows of `selector` whose text runs into the column just left of its scrollbar."""
    widget = app.screen.query_one(selector)
    x, bar = widget.region.x, widget.vertical_scrollbar.region
    lines = screen_text(app).splitlines()[bar.y : bar.bottom]
    return [line[x : bar.x] for line in lines if line[bar.x - 1 : bar.x].strip()]


async def page_through_clear_of_the_scrollbar(pilot, selector: str) -> None:
    """Page by page through `selector`, no row of text touching its scrollbar on any page."""
    widget = pilot.app.screen.query_one(selector)
    widget.scroll_home(animate=False)
    await pilot.pause()
    for _ in range(widget.max_scroll_y // max(1, widget.size.height) + 2):
        assert text_touching_scrollbar(pilot.app, selector) == []
        widget.scroll_page_down(animate=False)
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_help_text_leaves_a_column_before_the_scrollbar(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await open_explored(pilot, "cassie")
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0  # it scrolls: the scrollbar is there
        await page_through_clear_of_the_scrollbar(pilot, "#help-body")


@pytest.mark.parametrize("size", SIZES)
async def test_the_verdict_leaves_a_column_before_the_scrollbar(size) -> None:
    from whodunit.tui.screens.accuse import VerdictScreen

    from .conftest import walkthrough
    from .saving import walkthrough_actions

    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        case = app.pack.cases["cassie"]
        actions = walkthrough_actions(
            case, walkthrough(ARCHER / "walkthroughs" / "cassie-out-of-chances.txt")
        )
        game = Game.from_log(app.pack, case, actions)
        last = max(i for i, e in enumerate(game.history) if e.message.kind == "verdict")
        app.push_screen(VerdictScreen(game, game.history[last:]))
        await pilot.pause()
        verdict = app.screen.query_one("#verdict")
        if verdict.max_scroll_y == 0:  # all of it fits (120x40): no scrollbar to run into
            assert size != (80, 24)
            return
        await page_through_clear_of_the_scrollbar(pilot, "#verdict")


@pytest.mark.parametrize("size", SIZES)
async def test_the_log_leaves_a_column_before_the_scrollbar(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await open_explored(pilot, "cassie")
        log = app.screen.query_one("#log")
        assert log.max_scroll_y > 0  # a long game: the scrollbar is there
        await page_through_clear_of_the_scrollbar(pilot, "#log")
