"""An action's round trip in the UI: a key press until the screen shows its result, through
Pilot, against the same round trip in a bare Textual app whose key updates one Static.

The action is a move between two places, Enter on the place in the list of things to do (the
cursor is put there before the key, untimed): a step of the game whose text the log shows, and
the list, the status line and the log all change. (A hint was the action until hints began to
ask first and the plainest one began to be read again for free.)"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.widgets import Footer, Header, Static

from benchmarks.common import Row

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "teashop"


class Bare(App):
    BINDINGS: ClassVar = [("h", "bump", "Bump")]

    def compose(self):
        yield Header()
        yield Static("0", id="count")
        yield Footer()

    def action_bump(self) -> None:
        static = self.query_one("#count", Static)
        static.update(str(int(str(static.render())) + 1))


async def _bare(presses: int) -> list[float]:
    times = []
    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("h")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return times


async def _whodunit(presses: int) -> list[float]:
    from whodunit.tui.app import WhodunitApp
    from whodunit.tui.widgets.choices import ActionList

    times = []
    app = WhodunitApp(EXAMPLE, None, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_for_pack()
        await pilot.pause()
        await pilot.press("enter")  # New game
        await pilot.pause()
        await pilot.press("enter")  # the first case
        await pilot.pause()
        screen = app.screen
        actions = screen.query_one(ActionList)
        for n in range(presses):
            before = screen.game.state.step  # type: ignore[attr-defined]
            actions.select_id("go:kitchen" if n % 2 == 0 else "go:shop")
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("enter")  # a move: an engine action, the place shown in the log
            await pilot.pause()
            times.append(time.perf_counter() - start)
            assert screen.game.state.step == before + 1  # type: ignore[attr-defined]
    return times


def run(quick: bool = False) -> list[Row]:
    presses = 10 if quick else 40
    ours, bare = [], []
    for _ in range(2 if quick else 3):
        bare += asyncio.run(_bare(presses))
        ours += asyncio.run(_whodunit(presses))
    mine, theirs = statistics.median(ours), statistics.median(bare)
    return [
        Row(
            "UI action round trip (key to screen)",
            mine / theirs,
            "vs a key updating one Static in a bare Textual app, through Pilot "
            f"({mine * 1000:.0f} ms vs {theirs * 1000:.0f} ms, median)",
        )
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row.name:45} {row.ratio:8.2f}  {row.note}")
