"""Jumps in a replay (End, Home, `g N`) on a long save, against one step forward in the same
replay and against a key in a bare Textual app that updates one Static: each measured from the
key press until the screen shows the step, through Pilot (for `g N`, from the Enter that
closes the dialog with the step typed in).

A jump shows the game at any step in about the time of one step: the state comes from the
checkpoint before it (engine/checkpoints.py), only the last steps' entries are shown, and the
log draws only the lines in view. Against the bare app's key, a jump that lands in the frame
a key's simplest update would reads about 1."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_saves import EXAMPLE, make_save
from benchmarks.bench_ui import _bare
from benchmarks.common import Row


async def _jumps(path: Path, steps: int, rounds: int) -> tuple[list[float], list[float]]:
    from whodunit.pack.loader import load_pack
    from whodunit.saves import Recording, fit_save, read_save
    from whodunit.tui.app import WhodunitApp
    from whodunit.tui.screens.replay import ReplayScreen

    pack, _ = load_pack(EXAMPLE)
    assert pack is not None
    recording = Recording(fit_save(path, read_save(path), pack))
    jumps, nexts = [], []
    app = WhodunitApp(EXAMPLE, None, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_for_pack()
        await pilot.pause()
        screen = ReplayScreen(recording)
        await app.push_screen(screen)
        await pilot.pause()

        async def timed(*keys: str) -> float:
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            return time.perf_counter() - start

        for n in range(rounds):
            jumps.append(await timed("end"))
            assert screen.step == steps
            jumps.append(await timed("home"))
            assert screen.step == 0
            middle = steps // 2 + n
            screen.action_go_to()
            await pilot.pause()
            await pilot.press(*str(middle))
            await pilot.pause()
            jumps.append(await timed("enter"))
            assert screen.step == middle
            # The baseline: one step forward from there, and from the start.
            nexts.append(await timed("right"))
            await pilot.press("home")
            await pilot.pause()
            nexts.append(await timed("right"))
            nexts.append(await timed("right"))
    return jumps, nexts


def run(quick: bool = False) -> list[Row]:
    from whodunit.pack.loader import load_pack
    from whodunit.saves import encode

    steps, short = (2_000, 100) if quick else (10_000, 100)
    rounds = 3 if quick else 5
    pack, _ = load_pack(EXAMPLE)
    assert pack is not None
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for n in (steps, short):
            paths[n] = Path(tmp) / f"save-{n}.json"
            paths[n].write_bytes(encode(make_save(pack, n)))
        bare = asyncio.run(_bare(3 * rounds))
        jumps, nexts = asyncio.run(_jumps(paths[steps], steps, rounds))
        short_jumps, _ = asyncio.run(_jumps(paths[short], short, rounds))
        bare += asyncio.run(_bare(3 * rounds))
    jump, step, short_jump, key = (statistics.median(t) for t in (jumps, nexts, short_jumps, bare))
    return [
        Row(
            f"replay jump (End, Home, g N), {steps:,} steps, vs a bare key",
            jump / key,
            "vs a key updating one Static in a bare Textual app, key to screen "
            f"({jump * 1000:.0f} ms vs {key * 1000:.0f} ms, median; 1 = the jump lands in the "
            "frame the simplest update does)",
        ),
        Row(
            f"replay jump (End, Home, g N), {steps:,} steps",
            jump / step,
            "vs one step forward (→) in the same replay, key to screen "
            f"({jump * 1000:.0f} ms vs {step * 1000:.0f} ms, median)",
        ),
        Row(
            f"replay jump, {steps:,} steps vs {short} steps",
            jump / short_jump,
            f"the same jumps in a {short}-step save of the same case ({jump * 1000:.0f} ms vs "
            f"{short_jump * 1000:.0f} ms, median; 1 = the length of the save does not count)",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row.name:45} {row.ratio:8.2f}  {row.note}")
