"""Saves: loading a save of 10,000 actions, and replaying a save of 100,000 actions, each against
plain `json.load` of the same file (the parse floor), side by side in one run.

"Loading" is what Continue does: read the file strictly (format, check, every field and action)
and derive the game state by replaying its actions on the pack. "Replaying" is the same work on
a save ten times as long, as `whodunit replay --verify` does it.

    python -m benchmarks.bench_saves [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from benchmarks.common import side_by_side
from whodunit.engine import Action, Ask, Go, Hint, Present, Search, new_game
from whodunit.pack.loader import load_pack
from whodunit.pack.model import Pack
from whodunit.saves import Note, SaveData, encode, fit_save, pack_ref, read_save

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "teashop"

# A plausible long game: find the clues, then wander, question, show and ask for hints.
OPENING: tuple[Action, ...] = (
    Search("shop", "counter"),
    Go("kitchen"),
    Search("kitchen", "rack"),
    Search("kitchen", "window"),
    Search("kitchen", "bin"),
    Go("lane"),
    Search("lane", "cobbles"),
    Ask("pip", "boots"),
    Ask("vera", "bag"),
)
ROUND: tuple[Action, ...] = (
    Go("kitchen"),
    Search("kitchen", "rack"),
    Ask("finch", "judging"),
    Present("vera", "bag"),
    Hint(),
    Go("shop"),
    Search("shop", "counter"),
    Ask("pip", "morning"),
    Present("pip", "boot_prints"),
    Go("lane"),
)


class Row(NamedTuple):
    """(name, ratio, note): a tuple, with the attribute names benchmarks.run reads."""

    name: str
    ratio: float
    note: str


def make_save(pack: Pack, steps: int) -> SaveData:
    actions = list(OPENING)
    while len(actions) < steps:
        actions.extend(ROUND)
    actions = actions[:steps]
    times = [f"2026-11-21T{6 + n // 3_600_000:02d}:{n // 60_000 % 60:02d}:"
             f"{n // 1000 % 60:02d}.{n % 1000:03d}Z" for n in range(steps)]  # fmt: skip
    notes = tuple(Note(f"Thought number {n}.", n, times[n]) for n in range(0, steps, 500))
    return SaveData(pack_ref(pack), "tart", times[0], times[-1], tuple(actions), tuple(times),
                    notes)  # fmt: skip


def _load_and_derive(path: Path, pack: Pack) -> None:
    fit = fit_save(path, read_save(path), pack)
    assert fit.ok and fit.steps > 0


def _json_load(path: Path) -> None:
    with open(path, "rb") as fh:
        json.load(fh)


def measure(pack: Pack, folder: Path, steps: int, repeat: int) -> tuple[float, float, int]:
    path = folder / f"bench-{steps}.json"
    path.write_bytes(encode(make_save(pack, steps)))
    subject, floor = side_by_side(
        lambda: _load_and_derive(path, pack), lambda: _json_load(path), repeat
    )
    return subject, floor, path.stat().st_size


def run(quick: bool = False) -> list[Row]:
    pack, findings = load_pack(EXAMPLE)
    assert pack is not None, findings
    new_game(pack.cases["tart"])  # warm the imports
    repeat = 3 if quick else 7
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, steps in (("save load", 10_000), ("save replay", 100_000)):
            steps = steps // 10 if quick else steps
            subject, floor, size = measure(pack, Path(tmp), steps, repeat)
            rows.append(
                Row(
                    f"{label}, {steps:,} actions",
                    subject / floor,
                    f"json.load of the same {size / 1e6:.1f} MB file "
                    f"({subject * 1000:.0f} ms vs {floor * 1000:.0f} ms, median of {repeat})",
                )
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_saves")
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args()
    for name, ratio, note in run(quick=args.quick):
        print(f"{name}: {ratio:.2f}x {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
