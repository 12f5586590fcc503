"""Running code as a user without root's powers, where file permissions matter.

Root ignores a read-only folder, so as root the code runs in a child that imports what it needs
first and then drops to the `nobody` user (the interpreter lives under /root, which `nobody`
cannot read, so nothing may be imported after the drop). As any other user it simply runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

PRELOAD = (
    "import fcntl, hashlib, json, secrets, shlex, signal, tempfile, contextlib\n"
    "import whodunit.cli.main, whodunit.cli.saving, whodunit.cli.plain, whodunit.cli.replay\n"
    "import whodunit.saves, whodunit.pack.loader, whodunit.engine\n"
    "import whodunit.cli.graph, whodunit.cli.listing, whodunit.cli.new, whodunit.cli.schema\n"
    "import whodunit.cli.testcmd, whodunit.pack.fairplay, importlib.readers\n"
    "import whodunit.pack.builtin\n"
    "whodunit.pack.builtin.builtin_packs()\n"
)
DROP = (
    "import os\n"
    "if os.geteuid() == 0:\n"
    "    try:\n"
    "        os.setgroups([])\n"
    "        os.setgid(65534)\n"
    "        os.setuid(65534)\n"
    "    except OSError:\n"
    "        raise SystemExit(77)\n"
)


def shared_dir() -> Path:
    """A fresh folder that the unprivileged user can enter and read (not under root's)."""
    path = Path(tempfile.mkdtemp(prefix="whodunit-test-"))
    path.chmod(0o755)
    return path


def run_unprivileged(code: str, stdin: str = "", cwd: Path | None = None):
    out = subprocess.run(
        [sys.executable, "-c", PRELOAD + DROP + code],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    if out.returncode == 77:
        pytest.skip("cannot drop root privileges here")
    return out


def read_only(path: Path) -> None:
    path.chmod(0o555)
