"""Writing a save: atomic replace, an OSError at any step of the write, a process killed in the
middle of saving, a read-only folder. The save on disk always loads, old or new, never broken."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.saves.conftest import SOLVE, play
from tests.saves.unprivileged import read_only, run_unprivileged, shared_dir
from whodunit.pack.model import Pack
from whodunit.saves import SaveError, continue_session, read_save, start_session


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("step", ["open", "write", "fsync", "replace"])
def test_an_oserror_at_any_step_leaves_the_old_save(
    folder: Path, teashop: Pack, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = play(folder, teashop, SOLVE[:3], name="game")
    old = path.read_bytes()
    session, _ = continue_session(path, teashop)
    real = getattr(os, step)

    def fail(*args: object, **kwargs: object) -> object:
        if step == "open" and not str(args[0]).endswith(".tmp"):
            return real(*args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, step, fail)
    message = session.record(SOLVE[3])
    assert message == (
        f"{path}: cannot save (No space left on device); the game goes on, but is not saved "
        "until this is fixed"
    )
    assert path.read_bytes() == old
    assert leftovers(folder) == []
    monkeypatch.undo()
    # The game went on in memory; the next save writes everything, so nothing is lost.
    assert session.record(SOLVE[4]) is None and session.error is None
    assert list(read_save(path).actions) == list(SOLVE[:5])
    session.close()
    assert sorted(p.name for p in folder.iterdir()) == ["game.json"]


def test_the_data_is_synced_before_the_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order that makes a save survive a power cut: fsync the temporary file, rename it over
    the save, then fsync the folder so that the rename itself is on disk."""
    import stat

    from whodunit.saves import atomic_write

    target = tmp_path / "game.json"
    target.write_bytes(b"old")
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        calls.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write(target, b"new")
    assert calls == ["fsync file", "replace", "fsync folder"]
    assert target.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_a_write_that_stops_halfway(folder: Path, teashop: Pack, monkeypatch) -> None:
    path = play(folder, teashop, SOLVE[:3], name="game")
    old = path.read_bytes()
    session, _ = continue_session(path, teashop)
    real_write = os.write
    calls = []

    def short_then_full(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "write", short_then_full)
    assert "Input/output error" in (session.record(SOLVE[3]) or "")
    monkeypatch.undo()
    assert path.read_bytes() == old and leftovers(folder) == []
    session.close()


CHILD = """
import os, signal, sys
from pathlib import Path
from whodunit.engine import Go, Search
from whodunit.saves import Session, read_save

path, step = Path(sys.argv[1]), sys.argv[2]
save = read_save(path)
session = Session(path, save.pack, save.case, created=save.created, actions=save.actions,
                  times=save.times, notes=save.notes, fresh=False)
real = getattr(os, step)
real_open = os.open
temps = set()

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def opening(*args, **kwargs):
    fd = real_open(*args, **kwargs)
    if str(args[0]).endswith(".tmp"):
        temps.add(fd)
        if step == "open":
            die()
    return fd

def killing(*args, **kwargs):
    if step == "write" and args[0] in temps:  # half the bytes reach the file, then death
        real(args[0], bytes(args[1])[: len(args[1]) // 2])
        die()
    result = real(*args, **kwargs)
    if (step == "fsync" and args[0] in temps) or (step == "replace"):
        die()
    return result

os.open = opening
if step != "open":
    setattr(os, step, killing)
session.record(Go("kitchen"))
print("not killed")
"""


@pytest.mark.parametrize(
    ("step", "survivor"), [("open", 1), ("write", 1), ("fsync", 1), ("replace", 2)]
)
def test_killed_at_each_step_of_a_save(
    folder: Path, teashop: Pack, step: str, survivor: int
) -> None:
    path = play(folder, teashop, SOLVE[:1], name="game")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), step], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == -signal.SIGKILL, out.stderr
    # It died in the middle of saving: before the replace, its temporary file is still there.
    assert len(leftovers(folder)) == (1 if step != "replace" else 0)
    save = read_save(path)  # the old save, or the new one: never a broken one
    assert save.steps == survivor
    # The next game on this save clears what the killed writer left behind.
    session, _ = continue_session(path, teashop)
    assert session.record(SOLVE[2]) is None
    session.close()
    assert leftovers(folder) == []
    assert read_save(path).steps == survivor + 1


# Killed at random moments while playing and saving: see test_races.py.


def test_a_read_only_folder_says_so_and_the_game_goes_on(teashop: Pack) -> None:
    base = shared_dir()
    try:
        folder = base / "saves"
        path = play(folder, teashop, SOLVE[:2], name="game")
        path.chmod(0o644)
        old = path.read_bytes()
        read_only(folder)
        code = textwrap.dedent(
            f"""
            from pathlib import Path
            from whodunit.engine import Go
            from whodunit.pack.loader import load_pack
            from whodunit.saves import continue_session, start_session
            pack, _ = load_pack({str(EXAMPLE)!r})
            folder = Path({str(folder)!r})
            session, fit = continue_session(folder / "game.json", pack)
            print(fit.steps)
            print(session.record(Go("lane")) is None)
            print(session.record(Go("kitchen")))
            print(len(session.actions))
            fresh = start_session(folder, pack, "tart")
            print(fresh.record(Go("kitchen")))
            """
        )
        out = run_unprivileged(code, cwd=base)
        lines = out.stdout.splitlines()
        assert out.returncode == 0, out.stderr
        assert lines[0] == "2"
        assert lines[1] == "False"
        assert lines[2].startswith(f"{path}: cannot save (Permission denied)")
        assert lines[3] == "4"
        assert "cannot save (Permission denied); the game goes on" in lines[4]
        assert path.read_bytes() == old
        assert sorted(p.name for p in folder.iterdir()) == ["game.json"]
    finally:
        os.chmod(base / "saves", 0o755)
        shutil.rmtree(base)


def test_a_missing_folder_is_made(tmp_path: Path, teashop: Pack) -> None:
    folder = tmp_path / "a" / "b" / "saves"
    path = play(folder, teashop, SOLVE[:1])
    assert path.parent == folder and read_save(path).steps == 1


def test_a_folder_that_is_a_file(tmp_path: Path, teashop: Pack) -> None:
    (tmp_path / "saves").write_text("not a folder")
    session = start_session(tmp_path / "saves", teashop, "tart")
    message = session.record(SOLVE[0])
    assert message is not None and "cannot save" in message and "\n" not in message
    with pytest.raises(SaveError):
        read_save(tmp_path / "saves" / "x.json")
