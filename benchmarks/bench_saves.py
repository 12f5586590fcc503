"""Saves: loading a save of 10,000 actions, and replaying a save of 100,000 actions, each against
plain `json.load` of the same file (the parse floor), side by side in one run; the peak memory of
that replay against the peak memory of `json.load` of the same file, each in a fresh process;
and a save full of hints against a save of ordinary actions, each opened as the UI opens one.

"Loading" is what Continue does: read the file strictly (format, check, every field and action)
and derive the game state by replaying its actions on the pack. "Replaying" is the same work on
a save ten times as long, as `whodunit replay --verify` does it. "Opening" is loading, then
rebuilding the game and everything the player was told (its history, every hint's text with it),
on the built-in story, where working out a hint costs the most.

    python -m benchmarks.bench_saves [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from benchmarks.common import side_by_side
from whodunit.engine import Action, Ask, Game, Go, Hint, Present, Search, new_game, solution_path
from whodunit.pack.loader import load_pack
from whodunit.pack.model import Pack
from whodunit.saves import Note, SaveData, encode, fit_save, pack_ref, read_save

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "teashop"
STORY = ROOT / "story" / "archer"

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


def make_save(pack: Pack, steps: int, case: str = "tart", opening: tuple[Action, ...] = OPENING,
              rounds: tuple[Action, ...] = ROUND) -> SaveData:  # fmt: skip
    actions = list(opening)
    while len(actions) < steps:
        actions.extend(rounds)
    actions = actions[:steps]
    times = [f"2026-11-21T{6 + n // 3_600_000:02d}:{n // 60_000 % 60:02d}:"
             f"{n // 1000 % 60:02d}.{n % 1000:03d}Z" for n in range(steps)]  # fmt: skip
    notes = tuple(Note(f"Thought number {n}.", n, times[n]) for n in range(0, steps, 500))
    return SaveData(pack_ref(pack), case, times[0], times[-1], tuple(actions), tuple(times),
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


# Peak memory, each in a fresh process: its peak resident set in KiB. Linux's VmHWM belongs to
# the process's own memory; ru_maxrss (the fallback elsewhere) can carry the parent's peak over
# a fork and exec, which would flatter the subject and the baseline alike.
PEAK = (
    "import os, resource\n"
    "status = '/proc/self/status'\n"
    "lines = open(status).read().split(chr(10)) if os.path.exists(status) else []\n"
    "hwm = [line.split()[1] for line in lines if line.startswith('VmHWM:')]\n"
    "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)
JSON_LOAD = "import json, sys\nwith open(sys.argv[1], 'rb') as fh: json.load(fh)\n" + PEAK
REPLAY = (
    "import sys\nfrom pathlib import Path\n"
    "from whodunit.pack.loader import load_pack\n"
    "from whodunit.saves import fit_save, read_save\n"
    "path, pack = Path(sys.argv[1]), load_pack(Path(sys.argv[2]))[0]\n"
    "assert fit_save(path, read_save(path), pack).ok\n" + PEAK
)


def peak_kib(code: str, *args: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


def memory_row(path: Path, steps: int) -> Row:
    subject = min(peak_kib(REPLAY, path, EXAMPLE) for _ in range(3))
    floor = min(peak_kib(JSON_LOAD, path) for _ in range(3))
    size = path.stat().st_size / 1e6
    return Row(
        f"save replay, {steps:,} actions: peak memory",
        subject / floor,
        f"json.load of the same {size:.1f} MB file, each in a fresh process "
        f"({subject / 1024:.0f} MB vs {floor / 1024:.0f} MB peak RSS, least of 3)",
    )


def story_saves(pack: Pack, steps: int) -> tuple[SaveData, SaveData]:
    """Two saves of the story's first case: one that wanders between two places it has been to,
    and one that asks for hint after hint, each after the same opening."""
    case = next(iter(pack.cases.values()))
    opening = tuple(a for a in solution_path(case)[:6] if isinstance(a, (Go, Search, Ask)))
    game = Game.from_log(pack, case, opening)
    visited = [f.ref for f in game.state.facts if f.kind == "visited"]
    here = game.state.location or visited[0]
    there = next(p for p in sorted(visited) if p != here)
    wander = make_save(pack, steps, case.id, opening, (Go(there), Go(here)))
    hints = make_save(pack, steps, case.id, opening, (Hint(),))
    return wander, hints


def _open_as_the_ui_does(path: Path, pack: Pack) -> None:
    fit = fit_save(path, read_save(path), pack)
    assert fit.ok
    game = Game.from_log(pack, fit.case, fit.save.actions)
    assert len(game.history) > fit.steps


def hints_row(folder: Path, steps: int, repeat: int) -> Row:
    pack, findings = load_pack(STORY)
    assert pack is not None, findings
    wander, hints = story_saves(pack, steps)
    plain, hinted = folder / "wander.json", folder / "hints.json"
    plain.write_bytes(encode(wander))
    hinted.write_bytes(encode(hints))
    subject, floor = side_by_side(
        lambda: _open_as_the_ui_does(hinted, pack),
        lambda: _open_as_the_ui_does(plain, pack),
        repeat,
    )
    return Row(
        f"save of {steps:,} hints, opened as the UI opens it",
        subject / floor,
        f"a save of {steps:,} moves on the same case, opened the same way "
        f"({subject * 1000:.0f} ms vs {floor * 1000:.0f} ms, median of {repeat})",
    )


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
        rows.append(memory_row(Path(tmp) / f"bench-{steps}.json", steps))
        rows.append(hints_row(Path(tmp), 1_000 if quick else 10_000, repeat))
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
