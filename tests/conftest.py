from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "teashop"
ARCHER = ROOT / "story" / "archer"


@pytest.fixture
def example_pack(tmp_path: Path) -> Path:
    """A private copy of the example pack that a test may edit."""
    dest = tmp_path / "teashop"
    shutil.copytree(EXAMPLE, dest)
    return dest


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace one exact piece of text in a pack file, failing loudly if it is not there."""

    def _edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return _edit


@pytest.fixture(autouse=True)
def private_saves(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test saves into a folder of its own, never into the repository's saves/."""
    folder = tmp_path_factory.mktemp("saves")
    monkeypatch.setenv("WHODUNIT_SAVES", str(folder))
    return folder
