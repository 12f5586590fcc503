"""A pack edited under a save: loaded and said so while every step still fits; otherwise the
first step that no longer fits is named, and the steps before it can be taken over."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.saves.conftest import SOLVE, load, play
from whodunit.engine import Go
from whodunit.pack.model import Pack
from whodunit.saves import (
    SaveDoesNotFit,
    SaveError,
    continue_session,
    fit_save,
    read_save,
    take_over,
)


def test_still_fits(folder: Path, teashop: Pack, example_pack: Path, edit) -> None:
    path = play(folder, teashop, SOLVE[:5], name="game")
    edit(example_pack / "cases" / "tart.yaml", "the smell of cinnamon", "the smell of nutmeg")
    edit(example_pack / "pack.yaml", "version: 1.0.0", "version: 1.0.1")
    changed = load(example_pack)
    fit = fit_save(path, read_save(path), changed)
    assert fit.ok and fit.pack_changed and fit.steps == 5
    assert fit.summary() == (
        "the pack 'teashop' has changed since this save was made (1.0.0 -> 1.0.1), "
        "but all 5 steps still fit"
    )
    session, _ = continue_session(path, changed)
    assert session.record(Go("kitchen")) is None
    session.close()
    saved = read_save(path)
    assert saved.pack.hash == changed.content_hash and saved.pack.version == "1.0.1"


def test_no_longer_fits(folder: Path, teashop: Pack, example_pack: Path, edit) -> None:
    path = play(folder, teashop, SOLVE, name="game")
    old = path.read_bytes()
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "  lane:\n    name: Harbour Lane", "  alley:\n    name: Harbour Lane")
    edit(tart, "revealed_by: {searched: lane/cobbles}", "revealed_by: {searched: alley/cobbles}")
    changed = load(example_pack)
    fit = fit_save(path, read_save(path), changed)
    assert not fit.ok and fit.pack_changed and fit.steps == 4
    assert fit.problem is not None
    assert (fit.problem.step, fit.problem.action) == (5, Go("lane"))
    assert fit.summary() == (
        "the pack 'teashop' has changed since this save was made, and step 5 (go lane) no "
        "longer fits: There is no place 'lane' you can go to; the first 4 of its 8 steps fit "
        "and can be loaded as a new game"
    )
    with pytest.raises(SaveDoesNotFit) as info:
        continue_session(path, changed)
    assert info.value.fit.steps == 4
    taken = take_over(folder, info.value.fit, 4, "game-fixed")
    assert taken.error is None
    taken.record(Go("alley"))
    taken.close()
    assert path.read_bytes() == old  # the original is never touched
    new = read_save(folder / "game-fixed.json")
    assert list(new.actions) == [*SOLVE[:4], Go("alley")]
    assert new.pack.hash == changed.content_hash
    assert sorted(p.name for p in folder.iterdir()) == ["game-fixed.json", "game.json"]


def test_another_pack_or_a_case_that_went(
    folder: Path, teashop: Pack, example_pack: Path, edit
) -> None:
    path = play(folder, teashop, SOLVE[:2], name="game")
    edit(example_pack / "pack.yaml", "id: teashop", "id: coffeeshop")
    with pytest.raises(SaveError, match="a save for the pack 'teashop', not 'coffeeshop'"):
        fit_save(path, read_save(path), load(example_pack))
    edit(example_pack / "pack.yaml", "id: coffeeshop", "id: teashop")
    edit(example_pack / "cases" / "tart.yaml", "id: tart", "id: cake")
    with pytest.raises(SaveError, match="has no case 'tart' any more"):
        fit_save(path, read_save(path), load(example_pack))
