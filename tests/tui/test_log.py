"""The log's text can be selected with the mouse and copied, as in any other text on screen."""

from __future__ import annotations

from .conftest import make_app, play_command
from .test_new_player import start_teashop


async def test_text_selected_in_the_log_is_its_words_without_the_bars() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        log = app.screen.query_one("#log")
        clue = next(e for e in log.entries if e.kind == "clue")
        top = clue.top - round(log.scroll_y)
        left = log.content_region.x - log.region.x
        # From the clue's heading to the end of its second line.
        await pilot.mouse_down(log, offset=(left, top))
        await pilot.mouse_up(log, offset=(left + log.content_region.width, top + 1))
        await pilot.pause()
        chosen = app.screen.get_selected_text()
        assert chosen is not None
        assert chosen.startswith("★ New clue: Delivery slip\nTwo sacks of flour")
        assert "█" not in chosen
