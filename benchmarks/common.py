"""Shared helpers: time things side by side in one run and report ratios, not seconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    name: str
    ratio: float
    note: str


def median_time(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def side_by_side(
    subject: Callable[[], object], baseline: Callable[[], object], repeat: int = 5
) -> tuple[float, float]:
    """Median times of subject and baseline, interleaved so machine noise hits both alike."""
    s_times, b_times = [], []
    for _ in range(repeat):
        for fn, bucket in ((baseline, b_times), (subject, s_times)):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return statistics.median(s_times), statistics.median(b_times)
