"""Run every benchmark and print one table of ratios measured side by side in this run.

    python -m benchmarks.run            # the full suite
    python -m benchmarks.run --quick    # smaller sizes, for a fast look
    python -m benchmarks.run --write    # also rewrite benchmarks/RESULTS.md

Absolute times on shared machines are noise; each figure is a ratio against a baseline that was
measured in the same run, side by side.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import platform
import sys
from pathlib import Path

from benchmarks.common import Row

NOTES = "## Profile notes"
SUITES = ["bench_startup", "bench_pack", "bench_saves", "bench_ui", "bench_replay"]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--write", action="store_true", help="rewrite benchmarks/RESULTS.md")
    parser.add_argument("--only", action="append", choices=SUITES, help="run only these suites")
    args = parser.parse_args()
    rows: list[Row] = []
    for name in args.only or SUITES:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ImportError as exc:
            print(f"{name}: skipped ({exc})", file=sys.stderr)
            continue
        print(f"running {name} ...", file=sys.stderr)
        rows += module.run(quick=args.quick)
    table = ["| benchmark | ratio | against |", "| --- | ---: | --- |"]
    table += [f"| {r.name} | {r.ratio:.2f} | {r.note} |" for r in rows]
    print("\n".join(table))
    if args.write:
        today = datetime.date.today().isoformat()
        cmd = "python -m benchmarks.run" + (" --quick" if args.quick else "")
        text = (
            "# Benchmark results\n\n"
            f"Measured on {today} with `{cmd}` on this project's development machine "
            f"(Python {platform.python_version()}, {platform.machine()}, shared and noisy: "
            "only the ratios mean anything).\n\n" + "\n".join(table) + "\n"
        )
        results = Path(__file__).parent / "RESULTS.md"
        # Notes written by hand (profiles, what was tried) survive a rerun.
        old = results.read_text() if results.exists() else ""
        marker = old.find(NOTES)
        if marker >= 0:
            text += "\n" + old[marker:]
        results.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
