"""A disk that fills up, or a save another whodunit has, while plain mode plays: the game goes
on, the old save is left as it was, and the exit status says that the game was not saved (3).
Faults are injected in this process (os.write and os.fsync that fail), so these run anywhere."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT
from whodunit.cli.main import main
from whodunit.engine import Go, Search
from whodunit.pack.loader import load_pack
from whodunit.saves import read_save, start_session
from whodunit.saves.lock import SaveLock

NOT_SAVED = 3
REAL = {"write": os.write, "fsync": os.fsync}
WALKTHROUGH = EXAMPLE / "walkthroughs" / "solve.txt"


def play(args: list[str], stdin: str, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["play", "--plain", str(EXAMPLE), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def a_save(folder: Path, name: str = "game") -> Path:
    pack, _ = load_pack(EXAMPLE)
    assert pack is not None
    with start_session(folder, pack, "tart", name) as session:
        assert session.record(Search("shop", "counter")) is None
        assert session.record(Go("kitchen")) is None
    return session.path


def full_disk(monkeypatch, call: str, fails: Callable[[int], bool] = lambda n: True) -> list[int]:
    """`os.<call>` fails with ENOSPC on the temporary file of a save when `fails(n)` for the
    nth such call (from 1). Returns the count of calls, to look at."""
    real = REAL[call]
    calls = [0]

    def failing(fd: int, *rest: object) -> object:
        try:
            name = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            name = ""
        if name.endswith(".tmp"):
            calls[0] += 1
            if fails(calls[0]):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, *rest)

    monkeypatch.setattr(os, call, failing)
    return calls


def temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name the file")
@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_while_continuing(tmp_path: Path, capsys, monkeypatch, call: str) -> None:
    path = a_save(tmp_path)
    before = path.read_bytes()
    calls = full_disk(monkeypatch, call)
    code, out, err = play(
        ["--load", "game", "--saves-dir", str(tmp_path)],
        "search rack\nsearch window\nstatus\nquit\n",
        capsys,
        monkeypatch,
    )
    assert calls[0] >= 2  # every save was tried, and failed
    assert code == NOT_SAVED
    assert "New clue: Plum juice on the sill [juice]" in out  # the game went on
    assert "Step 4." in out
    assert "Saved as" not in out
    assert err.count("cannot save (No space left on device)") == 1  # said once
    assert "this game could not be saved; here it is as a walkthrough" in err
    assert err.rstrip().endswith("search counter\ngo kitchen\nsearch rack\nsearch window")
    assert path.read_bytes() == before  # the old save, byte for byte
    assert temps(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name the file")
def test_a_save_that_stops_growing_and_then_grows_again(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    path = a_save(tmp_path)
    # The first save works, the next finds the disk full, then there is room again.
    full_disk(monkeypatch, "write", fails=lambda n: n == 2)
    code, out, err = play(
        ["--load", "game", "--saves-dir", str(tmp_path)],
        "search rack\nsearch window\ngo lane\nstatus\nquit\n",
        capsys,
        monkeypatch,
    )
    assert read_save(path).steps == 5  # the save after the failures wrote the whole game
    assert err.count("cannot save (No space left on device)") == 1
    assert f"saved again to {path}" in err
    assert code == 0 and "Saved as 'game'" in out

    full_disk(monkeypatch, "write", fails=lambda n: n >= 2)  # full for good from the 2nd save
    code, out, err = play(
        ["--load", "game", "--saves-dir", str(tmp_path)],
        "search cobbles\nask pip boots\nquit\n",
        capsys,
        monkeypatch,
    )
    assert code == NOT_SAVED
    assert read_save(path).steps == 6  # what was saved before the disk filled is kept
    assert "this game could not be saved" in err


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name the file")
def test_a_walkthrough_that_cannot_be_saved(tmp_path: Path, capsys, monkeypatch) -> None:
    full_disk(monkeypatch, "fsync")
    code, out, err = play(
        ["--script", str(WALKTHROUGH), "--save", "solved", "--saves-dir", str(tmp_path)],
        "",
        capsys,
        monkeypatch,
    )
    assert code == NOT_SAVED
    assert "Rating: ***" in out  # the walkthrough ran to its end
    assert "Saved as" not in out
    assert err.count("cannot save (No space left on device)") == 1
    assert "the walkthrough's game was not saved as 'solved' (see above)" in err
    assert not (tmp_path / "solved.json").exists() and temps(tmp_path) == []


def test_a_walkthrough_whose_save_another_whodunit_holds(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """Another whodunit is starting a game named `solved` right now (it holds the lock): the
    walkthrough is played, but not saved, and says so in its exit status."""
    with SaveLock(tmp_path / "solved.json"):
        code, out, err = play(
            ["--script", str(WALKTHROUGH), "--save", "solved", "--saves-dir", str(tmp_path)],
            "",
            capsys,
            monkeypatch,
        )
    assert code == NOT_SAVED
    assert "this save is open in another whodunit" in err
    assert "not saved as 'solved'" in err and "Saved as" not in out
    assert not (tmp_path / "solved.json").exists()


def test_a_walkthrough_that_fails_says_so_first(tmp_path: Path, capsys, monkeypatch) -> None:
    """A walkthrough that fails and was not saved exits 1: the failure is the news."""
    script = tmp_path / "bad.txt"
    script.write_text("go nowhere\n")
    (tmp_path / "saves").mkdir()
    with SaveLock(tmp_path / "saves" / "bad.json"):
        code, _, err = play(
            ["--script", str(script), "--save", "bad", "--saves-dir", str(tmp_path / "saves")],
            "",
            capsys,
            monkeypatch,
        )
    assert code == 1 and "command 'go nowhere' was refused" in err


def test_saved_and_unsaved_games_exit_as_documented(tmp_path: Path, capsys, monkeypatch) -> None:
    code, out, _ = play(["--save", "ok", "--saves-dir", str(tmp_path)], "go kitchen\n", capsys,
                        monkeypatch)  # fmt: skip
    assert code == 0 and "Saved as 'ok'" in out
    code, _, _ = play(["--no-save"], "go kitchen\n", capsys, monkeypatch)
    assert code == 0
    assert "3  played, but not saved" in _help(capsys)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "exits 3 when the game was played but could not be saved" in readme
    assert "**3** when the game was\nplayed but what was asked to be saved was not" in (
        ROOT / "docs" / "saves.md"
    ).read_text(encoding="utf-8")


def _help(capsys) -> str:
    with pytest.raises(SystemExit):
        main(["play", "--help"])
    return capsys.readouterr().out
