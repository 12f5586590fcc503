"""A plain `pip install .` ships the built-in pack inside the package, so the game finds it
from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_the_story_as_package_data(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    [wheel] = tmp_path.glob("whodunit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    story = sorted((ROOT / "story").rglob("*"))
    expected = {
        "whodunit/story/" + p.relative_to(ROOT / "story").as_posix() for p in story if p.is_file()
    }
    assert expected and expected <= names
    assert "whodunit/cli/main.py" in names
    assert "whodunit/cli/web/app_index.html" in names, "the page `whodunit serve` serves"
    entry = [n for n in names if n.endswith("entry_points.txt")]
    assert (
        entry
        and "whodunit = whodunit.cli.main:main" in zipfile.ZipFile(wheel).read(entry[0]).decode()
    )
