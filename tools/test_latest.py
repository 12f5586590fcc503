"""Run the test suite against the newest releases that pyproject.toml allows, ignoring the lock.

    python -m tools.test_latest [PYTEST ARGS...]

It builds a throw-away virtual environment, installs the project with its test extra at the newest
allowed versions, prints what it got, and runs pytest there. CI runs the locked set; run this
before refreshing the lock (see README.md, "The lock") to learn whether the newest releases pass.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="whodunit-latest-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        python = str(env_dir / "bin" / "python")
        steps = [
            [python, "-m", "pip", "install", "-q", "--upgrade", "pip"],
            [
                python, "-m", "pip", "install", "-q", "--upgrade",
                "--upgrade-strategy", "eager", "-e", f"{ROOT}[test]",
            ],
            [python, "-m", "pip", "list", "--format", "freeze"],
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *argv],
        ]  # fmt: skip
        for step in steps:
            code = subprocess.call(step, cwd=ROOT)
            if code:
                print(f"test_latest: {' '.join(step[1:4])} … exited {code}", file=sys.stderr)
                return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
