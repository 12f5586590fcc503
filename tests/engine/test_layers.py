"""The pack and engine layers stay pure: no Textual, no UI, importable on their own."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLE


def test_pack_and_engine_import_no_textual() -> None:
    code = (
        "import sys\n"
        "import whodunit.pack.loader, whodunit.pack.fairplay, whodunit.engine\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('whodunit.tui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_engine_does_no_file_io() -> None:
    code = (
        "import builtins, io, os, sys\n"
        "import whodunit.engine as e\n"
        "from whodunit.pack.loader import load_pack_or_raise\n"
        f"case = load_pack_or_raise({str(EXAMPLE)!r}).cases['tart']\n"
        "def no(*a, **k): raise AssertionError('file I/O in the engine')\n"
        "builtins.open = io.open = os.open = no\n"
        "s = e.replay(case, e.solution_path(case))\n"
        "print(s.ending)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "solved", out.stderr
