"""How the `whodunit` command starts the UI: the saves folder it uses (`--saves-dir`, else
$WHODUNIT_SAVES, else ./saves), made into a store once the pack has loaded, and watch mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from whodunit.cli.main import main
from whodunit.saves import FolderStore

from .conftest import TEASHOP
from .saving import pack_at


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """What run_app was asked to do, instead of running the UI."""
    calls: list[dict] = []

    def fake_run_app(pack_name, case_id, mouse=True, store=None, watch=False) -> int:
        calls.append(
            {"pack": pack_name, "case": case_id, "mouse": mouse, "store": store, "watch": watch}
        )
        return 0

    monkeypatch.setattr("whodunit.tui.app.run_app", fake_run_app)
    return calls


def folder_of(call: dict) -> Path:
    store = call["store"](pack_at())
    assert isinstance(store, FolderStore)
    return store.folder


def test_the_saves_folder_from_the_option_the_environment_or_the_default(
    started: list[dict], private_saves: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main([]) == 0
    assert folder_of(started[-1]) == private_saves  # $WHODUNIT_SAVES (set for every test)
    assert main(["--saves-dir", str(tmp_path / "a")]) == 0
    assert folder_of(started[-1]) == tmp_path / "a"
    assert main(["play", str(TEASHOP), "--saves-dir", str(tmp_path / "b"), "--no-mouse"]) == 0
    assert folder_of(started[-1]) == tmp_path / "b"
    assert started[-1]["pack"] == str(TEASHOP) and started[-1]["mouse"] is False
    monkeypatch.delenv("WHODUNIT_SAVES")
    assert main(["play"]) == 0
    assert folder_of(started[-1]) == Path("saves")


def test_watch_opens_the_ui_without_saves(started: list[dict], capsys) -> None:
    assert main(["play", "--watch", str(TEASHOP), "--case", "tart"]) == 0
    assert started[-1]["watch"] is True and started[-1]["store"] is None
    assert started[-1]["case"] == "tart"
    assert main(["play", "--watch", "--save", "x", str(TEASHOP)]) == 2
    assert "work with --plain" in capsys.readouterr().err
