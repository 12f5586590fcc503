"""A saves folder someone else has been at: links planted where the lock, a temporary file or a
save would be, a save with a time no clock can hold, a "folder" that is a file or a pipe, the
temporary files of killed writers, and a note too long to keep."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.saves.conftest import SOLVE, play
from whodunit.pack.model import Pack
from whodunit.saves import (
    FolderStore,
    SaveData,
    SaveError,
    atomic,
    continue_session,
    encode,
    latest_save,
    list_saves,
    read_save,
    start_session,
)
from whodunit.saves.lock import SaveLock, lock_path

SECRET = b"the player's own file\n"
posix_only = pytest.mark.skipif(os.name != "posix", reason="links and pipes as POSIX has them")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "bashrc"
    path.write_bytes(SECRET)
    return path


def untouched(path: Path) -> None:
    assert path.read_bytes() == SECRET and not path.is_symlink()


# -- links ---------------------------------------------------------------------------------------
@posix_only
def test_a_linked_lock_file_is_never_written_through(
    folder: Path, teashop: Pack, secret: Path
) -> None:
    path = play(folder, teashop, SOLVE[:2], name="game")
    os.symlink(secret, lock_path(path))
    with pytest.raises(SaveError) as info:
        continue_session(path, teashop)
    assert str(info.value) == (
        f"{path}: .game.json.lock is a link, which whodunit never writes through: remove it "
        "(or check who put it there) and try again"
    )
    untouched(secret)
    with pytest.raises(SaveError, match="is a link"):  # a new game with that name: the same
        start_session(folder, teashop, "tart", "other").close()
        os.symlink(secret, folder / ".other.json.lock")
        start_session(folder, teashop, "tart", "other")
    untouched(secret)
    os.unlink(lock_path(path))  # what the message says to do
    session, fit = continue_session(path, teashop)
    assert fit.steps == 2
    session.close()


@posix_only
def test_a_dangling_link_as_lock_makes_no_file(folder: Path, teashop: Pack, tmp_path: Path) -> None:
    path = play(folder, teashop, SOLVE[:1], name="game")
    os.symlink(tmp_path / "made-by-whodunit", lock_path(path))
    with pytest.raises(SaveError, match="is a link"):
        continue_session(path, teashop)
    assert not (tmp_path / "made-by-whodunit").exists()


@posix_only
def test_a_lock_that_is_not_a_regular_file_of_ours(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE[:1], name="game")
    os.mkfifo(lock_path(path))
    with pytest.raises(SaveError, match=r"\.game\.json\.lock is not a regular file"):
        continue_session(path, teashop)
    os.unlink(lock_path(path))
    if os.geteuid() == 0:  # only root can give a file away
        lock_path(path).write_text("")
        os.chown(lock_path(path), 65534, 65534)
        with pytest.raises(SaveError, match="is another user's file"):
            continue_session(path, teashop)


@posix_only
def test_the_cli_says_what_is_wrong_with_a_linked_lock(
    folder: Path, teashop: Pack, secret: Path
) -> None:
    path = play(folder, teashop, SOLVE[:2], name="game")
    os.symlink(secret, lock_path(path))
    load = ["--saves-dir", str(folder), "--load", "game"]
    out = subprocess.run(
        [sys.executable, "-m", "whodunit", "play", "--plain", str(EXAMPLE), *load],
        input="quit\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert ".game.json.lock is a link, which whodunit never writes through" in out.stderr
    untouched(secret)


@posix_only
def test_a_linked_temporary_file_is_passed_over(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "game.json"
    planted = tmp_path / ".game.json.0123456789ab.tmp"
    os.symlink(secret, planted)
    names = iter([planted])
    real = atomic.temp_name
    monkeypatch.setattr(atomic, "temp_name", lambda path: next(names, None) or real(path))
    atomic.atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    untouched(secret)
    assert planted.is_symlink()  # not ours: left as it was


@posix_only
def test_a_linked_save_is_neither_read_nor_written_through(
    folder: Path, teashop: Pack, secret: Path
) -> None:
    play(folder, teashop, SOLVE[:1], name="real")
    os.symlink(folder / "real.json", folder / "alias.json")
    with pytest.raises(SaveError) as info:
        read_save(folder / "alias.json")
    assert info.value.problem == (
        "is a link, which whodunit does not follow: load the file it points to instead"
    )
    with pytest.raises(SaveError, match="is a link"):
        continue_session(folder / "alias.json", teashop)
    listed = {i.name: i.error for i in list_saves(folder)}
    assert listed == {"real": None, "alias": info.value.problem}
    # Writing a save replaces a link with a file; what it pointed to is left alone.
    os.symlink(secret, folder / "new.json.lnk")
    os.replace(folder / "new.json.lnk", folder / "new.json")
    atomic.atomic_write(folder / "new.json", b"{}")
    untouched(secret)
    assert not (folder / "new.json").is_symlink()


# -- one odd save among many ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00"]
)
def test_a_save_with_an_extreme_time_hides_no_other(folder: Path, teashop: Pack, when: str) -> None:
    good = play(folder, teashop, SOLVE[:2], name="good")
    save = read_save(good)
    odd = SaveData(save.pack, save.case, when, when, save.actions, save.times, save.notes)
    (folder / "odd.json").write_bytes(encode(odd))
    infos = {i.name: i for i in list_saves(folder, teashop.id)}
    assert infos["good"].save is not None
    latest = latest_save(folder, teashop.id)
    assert latest is not None and latest.name == "good"
    labels = [g.label for g in FolderStore(folder, teashop).games()]
    assert labels[0].startswith("good: The Vanished Tart, step 2")
    if infos["odd"].save is None:  # a time UTC cannot hold: the save is refused on its own
        assert infos["odd"].error == f"'created' is not a time: {when!r}"
        assert labels[1] == f"odd (cannot be loaded: 'created' is not a time: {when!r})"
    else:  # a time that can be placed is listed, whatever the local clock makes of it
        assert len(labels) == 2 and labels[1].startswith("odd: The Vanished Tart, step 2")


# -- a saves "folder" that is not a folder --------------------------------------------------------
@pytest.mark.parametrize("kind", ["a file", "a named pipe"])
def test_a_saves_folder_that_is_not_a_folder(tmp_path: Path, teashop: Pack, kind: str) -> None:
    where = tmp_path / "saves"
    if kind == "a file":
        where.write_text("not a folder")
    elif hasattr(os, "mkfifo"):
        os.mkfifo(where)
    else:
        pytest.skip("named pipes are POSIX")
    for folder in (where, where / "deeper"):
        session = start_session(folder, teashop, "tart", "game")
        message = session.record(SOLVE[0])
        assert message == (
            f"{folder / 'game.json'}: cannot save: {where} is {kind}, not a folder (move it "
            "away, or save somewhere else with --saves-dir DIR or $WHODUNIT_SAVES); the game "
            "goes on, but is not saved until this is fixed"
        )
        assert session.actions == [SOLVE[0]]  # the game goes on in memory
        session.close()


# -- temporary files of killed writers -----------------------------------------------------------
def test_old_temporary_files_are_removed_when_the_folder_is_opened(
    folder: Path, teashop: Pack
) -> None:
    play(folder, teashop, SOLVE[:1], name="held")
    play(folder, teashop, SOLVE[:1], name="dead")
    old = time.time() - 3600
    names = {
        "old": ".gone.json.0123456789ab.tmp",  # its save is not even there: nobody holds it
        "new": ".gone.json.ba9876543210.tmp",  # a writer may be writing it right now
        "held": ".held.json.0123456789ab.tmp",  # its save is locked by a live process
        "dead": ".dead.json.0123456789ab.tmp",  # its lock names a process that has ended
        "other": ".notes.tmp",  # not whodunit's
    }
    for key, name in names.items():
        (folder / name).write_bytes(b"partial")
        if key != "new":
            os.utime(folder / name, (old, old))
    held = SaveLock(folder / "held.json")
    held.acquire()
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    lock_path(folder / "dead.json").write_text(child.stdout)
    try:
        FolderStore(folder, teashop)
    finally:
        held.release()
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    assert left == sorted([names["new"], names["held"], names["other"], ".dead.json.lock"])
    # A new game opens the folder too.
    os.utime(folder / names["held"], (old, old))
    start_session(folder, teashop, "tart").close()
    assert not (folder / names["held"]).exists()


# -- notes ---------------------------------------------------------------------------------------
def test_a_note_too_long_to_keep_is_refused_not_cut(folder: Path, teashop: Pack) -> None:
    from whodunit.cli.plain import PlainGame

    session = start_session(folder, teashop, "tart", "game")
    with pytest.raises(ValueError, match="a note can be at most 100,000 characters long"):
        session.note("x" * 100_001)
    assert session.note("x" * 100_000) is None
    session.close()
    assert [len(n.text) for n in read_save(session.path).notes] == [100_000]

    said: list[str] = []
    game = PlainGame(teashop, teashop.cases["tart"], said.append)
    game.handle("note " + "y" * 100_001)
    assert game.notes == [] and said[-1] == (
        "Not noted: a note can be at most 100,000 characters long and this one has 100,001: "
        "write it as shorter notes."
    )


def test_sweeping_a_save_leaves_another_saves_temp_files(tmp_path: Path) -> None:
    from whodunit.saves.atomic import remove_stale_temps

    mine = tmp_path / ".a.json.0123456789ab.tmp"
    theirs = tmp_path / ".a.json.b.json.0123456789ab.tmp"
    mine.write_text("x")
    theirs.write_text("y")
    remove_stale_temps(tmp_path / "a.json")
    assert not mine.exists() and theirs.exists()
