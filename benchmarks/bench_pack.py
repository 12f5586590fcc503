"""Pack loading against the YAML parse floor, and fair-play analysis as packs grow (a format-2
pack: a connection on the culprit's proof, and a tell check that reads the whole chain)."""

from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from benchmarks.common import Row, side_by_side
from benchmarks.genpack import generate
from whodunit.pack.fairplay import check_pack
from whodunit.pack.loader import load_pack_or_raise

try:
    Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    Loader = yaml.SafeLoader


def _parse_floor(root: Path) -> None:
    for f in sorted(root.glob("*.yaml")):
        yaml.load(f.read_bytes(), Loader=Loader)


def cpu_time(fn: Callable[[], object], repeat: int) -> float:
    """The least processor time of `repeat` runs: on a shared machine, waiting for a core
    would otherwise count as work (wall times of the same check varied 2x under load)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def run(quick: bool = False) -> list[Row]:
    rows: list[Row] = []
    # The exponent is fitted over five sizes of one run, each timed in processor time: two
    # sizes would let one noisy or lucky measurement set the slope alone.
    sizes = (200, 500, 1000, 2000, 4000) if quick else (1000, 2000, 5000, 10000, 20000)
    with tempfile.TemporaryDirectory() as tmp:
        packs = {n: generate(Path(tmp) / f"p{n}", n) for n in sizes}
        mid = 5000 if 5000 in packs else sizes[2]
        subject, floor = side_by_side(
            lambda: check_pack(load_pack_or_raise(packs[mid])),
            lambda: _parse_floor(packs[mid]),
            3 if quick else 5,
        )
        rows.append(
            Row(
                f"pack load + validate + fair-play, {mid} clues",
                subject / floor,
                "vs yaml.load(CSafeLoader) of the same files",
            )
        )
        times = {}
        for n in sizes:
            pack = load_pack_or_raise(packs[n])
            times[n] = cpu_time(lambda pack=pack: check_pack(pack), 3 if quick else 7)
        base = sizes[0]
        for n in sizes:
            rows.append(
                Row(
                    f"fair-play analysis, {n} clues",
                    times[n] / times[base],
                    f"vs the same at {base} clues ({n / base:g}x the clues; "
                    f"{times[n] * 1000:.0f} ms of processor time, least of runs)",
                )
            )
        xs = [math.log(n) for n in sizes]
        ys = [math.log(times[n]) for n in sizes]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
        rows.append(
            Row("fair-play growth exponent", slope, "fitted k in time ~ clues^k (1 = linear)")
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row.name:45} {row.ratio:8.2f}  {row.note}")
