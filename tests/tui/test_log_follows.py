"""The log shows what was told last, from its first line, after whatever brought it there:
an action, questioning, Continue, a jump from the palette, a resize."""

from __future__ import annotations

import pytest

from whodunit.tui.screens.investigation import InvestigationScreen

from .conftest import ARCHER, make_app, ready


async def settle(pilot, rounds: int = 6) -> None:
    for _ in range(rounds):
        await pilot.pause()


def log_of(app):
    return app.screen.query_one("#log")


def shows_the_newest(app) -> bool:
    """The log is scrolled to what the last step told: its first entry at the top, or as near
    the top as the end of the log allows (so the whole of it shows when it fits)."""
    log = log_of(app)
    last = app.game.history[-1]
    told = [e for e in app.game.history if e.step == last.step]
    first = log.entries[len(log.entries) - len(told)]
    return abs(log.scroll_y - min(first.top, log.max_scroll_y)) < 1


async def wait_for_palette(pilot, words: str) -> None:
    from .conftest import screen_words

    for _ in range(100):
        if words in screen_words(pilot.app):
            return
        await pilot.pause()
    raise AssertionError(f"the palette never offered {words!r}")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_log_shows_the_newest_entry_after_each_way_back(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("n", "enter")
        await settle(pilot)
        for _ in range(3):  # the three things on the roof
            await pilot.press("enter")
            await settle(pilot)
            assert shows_the_newest(app), "after an action"
            await pilot.press("down")
        # Questioning: three questions read there, then back.
        await pilot.press("slash", *"neveah", "enter")
        await settle(pilot)
        for _ in range(3):
            await pilot.press("enter", "down")
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InvestigationScreen)
        assert shows_the_newest(app), "after questioning"
        # A jump from the palette: going to the front lobby.
        await pilot.press("ctrl+p", *"lobby")
        await wait_for_palette(pilot, "Place: the front lobby")
        await pilot.press("enter")
        await settle(pilot, 10)
        assert app.game.state.location == "lobby"
        assert shows_the_newest(app), "after a jump from the palette"
        # A resize, there and back.
        for other in ((120, 40) if size == (80, 24) else (80, 24), size):
            await pilot.resize_terminal(*other)
            await settle(pilot)
            assert shows_the_newest(app), f"after a resize to {other}"
        # Back to the title, and Continue.
        await pilot.press("escape", "left", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, InvestigationScreen)
        await pilot.press("c")
        await settle(pilot, 10)
        assert isinstance(app.screen, InvestigationScreen)
        assert shows_the_newest(app), "after Continue"
