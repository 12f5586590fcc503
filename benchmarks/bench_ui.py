"""An action's round trip in the UI: a key press until the screen shows its result, through
Pilot, against the same round trip in a bare Textual app whose key updates one Static."""

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

    times = []
    app = WhodunitApp(EXAMPLE, None, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_for_pack()
        await pilot.pause()
        await pilot.press("enter")  # New game
        await pilot.pause()
        await pilot.press("enter")  # the first case
        await pilot.pause()
        for _ in range(presses):
            before = app.screen.game.state.step  # type: ignore[attr-defined]
            start = time.perf_counter()
            await pilot.press("h")  # a hint: an engine action, its answer shown in the log
            await pilot.pause()
            times.append(time.perf_counter() - start)
            assert app.screen.game.state.step == before + 1  # type: ignore[attr-defined]
    return times


def run(quick: bool = False) -> list[Row]:
    presses = 10 if quick else 40
    ours, bare = [], []
    for _ in range(2 if quick else 3):
        bare += asyncio.run(_bare(presses))
        ours += asyncio.run(_whodunit(presses))
    ratio = statistics.median(ours) / statistics.median(bare)
    return [
        Row(
            "UI action round trip (key to screen)",
            ratio,
            "vs a key updating one Static in a bare Textual app, through Pilot",
        )
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row.name:45} {row.ratio:8.2f}  {row.note}")
