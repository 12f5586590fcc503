"""The saves folder: where it is, names, listing newest first (Continue), and progress."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.saves.conftest import SOLVE, WANDER, load, play
from whodunit.engine import Accuse
from whodunit.pack.model import Pack
from whodunit.saves import (
    SaveError,
    check_name,
    ended_cases,
    latest_save,
    list_saves,
    playable_cases,
    resolve_save,
    saves_folder,
    start_session,
)

WRONG = (
    SOLVE[0],
    Accuse(
        (("who", "vera"), ("why", "spite"), ("how", "door")),
        (("who", "slip"), ("why", "slip"), ("how", "slip")),
    ),
    Accuse(
        (("who", "finch"), ("why", "profit"), ("how", "door")),
        (("who", "slip"), ("why", "slip"), ("how", "slip")),
    ),
)


def test_where_the_folder_is(tmp_path: Path) -> None:
    assert saves_folder(None, {}) == Path("saves")
    assert saves_folder(None, {"WHODUNIT_SAVES": str(tmp_path)}) == tmp_path
    assert saves_folder("elsewhere", {"WHODUNIT_SAVES": str(tmp_path)}) == Path("elsewhere")


@pytest.mark.parametrize("name", ["a", "my-game", "Case_2.final", "x.json"])
def test_good_names(name: str) -> None:
    assert check_name(name) == name.removesuffix(".json")


@pytest.mark.parametrize("name", ["", ".hidden", "../up", "a/b", "with space", "-x", "a" * 81])
def test_bad_names(name: str) -> None:
    with pytest.raises(ValueError, match="is not a save name"):
        check_name(name)


def test_listing_newest_first_and_continue(folder: Path, teashop: Pack) -> None:
    ticks = (f"2026-11-21T06:{m:02d}:00.000Z" for m in itertools.count())

    def clock() -> str:
        return next(ticks)

    older = start_session(folder, teashop, "tart", "older", clock=clock)
    newer = start_session(folder, teashop, "tart", "newer", clock=clock)
    newer.record(SOLVE[0])
    older.record(SOLVE[0])  # played last, so it comes first
    older.close()
    newer.close()
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / ".hidden.json").write_text("{", encoding="utf-8")
    infos = list_saves(folder)
    assert [i.name for i in infos if i.save] == ["older", "newer"]
    broken = next(i for i in infos if i.name == "broken")
    assert broken.save is None and broken.error is not None and "cut off" in broken.error
    assert ".hidden" not in [i.name for i in infos]
    latest = latest_save(folder)
    assert latest is not None and latest.name == "older"
    assert latest_save(folder, "another-pack") is None
    assert list_saves(folder / "missing") == []


def test_resolving_a_save(folder: Path, teashop: Pack, tmp_path: Path) -> None:
    path = play(folder, teashop, SOLVE[:1], name="mine")
    assert resolve_save(folder, "mine") == path
    assert resolve_save(folder, "mine.json") == path
    assert resolve_save(folder, str(path)) == path
    with pytest.raises(SaveError) as info:
        resolve_save(folder, "theirs")
    assert str(info.value) == (
        f"{folder / 'theirs.json'}: no save named 'theirs' in {folder} (the saves there: mine)"
    )
    with pytest.raises(SaveError, match="no such save file"):
        resolve_save(folder, str(tmp_path / "nowhere" / "x.json"))


def test_progress_comes_from_the_saves(folder: Path, two_cases: Path) -> None:
    pack = load(two_cases)
    assert playable_cases(folder, pack) == ["tart"]
    play(folder, pack, WANDER)  # under way: nothing has ended
    play(folder, pack, SOLVE[:-1])
    assert ended_cases(folder, pack) == set()
    assert playable_cases(folder, pack) == ["tart"]
    play(folder, pack, WRONG)  # ended without solving it: that opens the next case too
    assert ended_cases(folder, pack) == {"tart"}
    assert playable_cases(folder, pack) == ["tart", "pie"]


def test_progress_ignores_other_packs_and_damaged_saves(
    folder: Path, teashop: Pack, two_cases: Path
) -> None:
    play(folder, teashop, SOLVE)  # the example pack has the same id, but ...
    pack = load(two_cases)
    assert ended_cases(folder, pack) == {"tart"}  # ... it is replayed against this pack
    (folder / "junk.json").write_bytes(b"\x00\x01")
    assert ended_cases(folder, pack) == {"tart"}
