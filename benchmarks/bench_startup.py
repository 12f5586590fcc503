"""Startup: whodunit's title screen ready, against a bare Textual app (Header, Static, Footer)
ready, both as whole processes started side by side, headless, median of several runs."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from benchmarks.common import Row

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

async def ready(pilot):
    pilot.app.exit()

Bare().run(headless=True, auto_pilot=ready)
"""

# The command's own module is imported first, as the `whodunit` command does.
WHODUNIT = """
import whodunit.cli.main
from whodunit.tui.app import WhodunitApp

async def ready(pilot):
    pilot.app.exit()

WhodunitApp().run(headless=True, auto_pilot=ready)
"""


def _spawn(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def measure(repeat: int) -> tuple[float, float]:
    _spawn(BARE), _spawn(WHODUNIT)  # warm the file cache for both
    bare, ours = [], []
    for _ in range(repeat):
        bare.append(_spawn(BARE))
        ours.append(_spawn(WHODUNIT))
    return statistics.median(ours), statistics.median(bare)


def run(quick: bool = False) -> list[Row]:
    ours, bare = measure(3 if quick else 9)
    return [
        Row(
            "startup: title screen ready",
            ours / bare,
            "vs a bare Textual app (Header, Static, Footer) ready; target <= 1.30",
        )
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row.name:45} {row.ratio:8.2f}  {row.note}")
