"""Two games on one save: the second is refused with a clear message, never both writing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.saves.conftest import SOLVE, play
from whodunit.pack.model import Pack
from whodunit.saves import SaveLocked, continue_session, read_save, start_session


def test_a_second_game_on_the_same_save_is_refused(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE[:2], name="game")
    first, _ = continue_session(path, teashop)
    with pytest.raises(SaveLocked) as info:
        continue_session(path, teashop)
    assert str(info.value) == (
        f"{path}: this save is open in another whodunit (process {__import__('os').getpid()}); "
        "close that game first, or take this save over as a new game"
    )
    assert first.record(SOLVE[2]) is None
    first.close()
    second, fit = continue_session(path, teashop)  # free again once the first has closed
    assert fit.steps == 3
    second.close()
    assert sorted(p.name for p in folder.iterdir()) == ["game.json"]


def test_a_new_game_cannot_take_a_name_in_use(folder: Path, teashop: Pack) -> None:
    first = start_session(folder, teashop, "tart", "slot")
    with pytest.raises(SaveLocked):
        start_session(folder, teashop, "tart", "slot")
    assert first.record(SOLVE[0]) is None
    first.close()
    with pytest.raises(Exception, match="a save with this name exists already"):
        start_session(folder, teashop, "tart", "slot")


def test_automatic_names_never_collide(folder: Path, teashop: Pack) -> None:
    def clock() -> str:
        return "2026-11-21T06:43:12.345Z"

    sessions = [start_session(folder, teashop, "tart", clock=clock) for _ in range(3)]
    assert [s.name for s in sessions] == [
        "tart-20261121-064312",
        "tart-20261121-064312-2",
        "tart-20261121-064312-3",
    ]
    for s in sessions:
        assert s.record(SOLVE[0]) is None
        s.close()
    later = start_session(folder, teashop, "tart", clock=clock)
    assert later.name == "tart-20261121-064312-4"  # existing saves are never taken over
    later.close()


HOLDER = """
import sys, time
from whodunit.pack.loader import load_pack
from whodunit.saves import continue_session
pack, _ = load_pack(sys.argv[2])
session, fit = continue_session(__import__("pathlib").Path(sys.argv[1]), pack)
print("holding", flush=True)
time.sleep(60)
"""


def test_a_killed_game_does_not_leave_its_save_locked(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE[:2], name="game")
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(EXAMPLE)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "holding\n"
        with pytest.raises(SaveLocked, match=f"process {child.pid}"):
            continue_session(path, teashop)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    session, fit = continue_session(path, teashop)
    assert fit.steps == 2 and session.record(SOLVE[2]) is None
    session.close()
    assert read_save(path).steps == 3
