"""The saves folder as the UI's store: autosave of a game the UI keeps, Continue, Load, a save
that no longer fits, take-over from a replay, named copies, and progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.saves.conftest import SOLVE, load, play
from whodunit.engine import Action, Go
from whodunit.pack.model import Case, Pack
from whodunit.saves import (
    FolderStore,
    SaveDoesNotFit,
    SaveError,
    SaveLocked,
    continue_session,
    read_save,
)


@dataclass(eq=False)
class FakeGame:
    """What the UI's Game offers the store."""

    pack: Pack
    case: Case
    actions: list[Action] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def test_autosave_of_a_game_the_ui_keeps(folder: Path, teashop: Pack) -> None:
    store = FolderStore(folder, teashop)
    game = FakeGame(teashop, teashop.cases["tart"])
    for action in SOLVE[:3]:
        game.actions.append(action)
        store.record(game, action)
    game.notes.append("Pip?")
    store.note(game)
    [saved] = store.games()
    assert saved.case_id == "tart" and saved.label.startswith(f"{Path(saved.key).stem}: The ")
    save = read_save(Path(saved.key))
    assert list(save.actions) == list(SOLVE[:3])
    assert [(n.text, n.step) for n in save.notes] == [("Pip?", 3)]
    with pytest.raises(SaveLocked):  # the store holds it while the game is played
        continue_session(Path(saved.key), teashop)
    game.notes[0] = "Pip, surely."
    game.notes.append("Check the lane.")
    game.actions.append(SOLVE[3])
    store.record(game, SOLVE[3])
    store.note(game)
    save = read_save(Path(saved.key))
    assert [(n.text, n.step) for n in save.notes] == [("Pip, surely.", 4), ("Check the lane.", 4)]
    store.close()


def test_a_rewritten_log_is_saved_as_a_new_game(folder: Path, teashop: Pack) -> None:
    store = FolderStore(folder, teashop)
    game = FakeGame(teashop, teashop.cases["tart"], list(SOLVE[:3]))
    store.record(game, SOLVE[2])
    game.actions[:] = [*SOLVE[:2], Go("shop")]  # an undo, then something else
    store.record(game, Go("shop"))
    store.close()
    saves = [read_save(Path(g.key)) for g in store.games()]
    assert sorted(len(s.actions) for s in saves) == [3, 3]
    assert {s.actions[-1] for s in saves} == {SOLVE[2], Go("shop")}


def test_continue_writes_to_the_same_save(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE[:4], name="mine", notes=[(1, "a")])
    store = FolderStore(folder)
    [saved] = store.games()
    loaded = store.load(saved, teashop)
    assert loaded.case_id == "tart" and list(loaded.actions) == list(SOLVE[:4])
    assert list(loaded.notes) == ["a"] and loaded.remark == ""
    game = FakeGame(teashop, teashop.cases["tart"], list(loaded.actions), list(loaded.notes))
    game.actions.append(SOLVE[4])
    store.record(game, SOLVE[4])
    store.close()
    assert read_save(path).steps == 5 and sorted(p.name for p in folder.iterdir()) == ["mine.json"]


def test_loading_twice_from_the_same_store(folder: Path, teashop: Pack) -> None:
    play(folder, teashop, SOLVE[:2], name="mine")
    store = FolderStore(folder, teashop)
    [saved] = store.games()
    store.load(saved, teashop)
    store.load(saved, teashop)  # Continue again: the store lets go of its own hold first
    store.close()


def test_a_save_that_no_longer_fits(folder: Path, teashop: Pack, example_pack: Path, edit) -> None:
    path = play(folder, teashop, SOLVE, name="mine")
    original = path.read_bytes()
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "  lane:\n    name: Harbour Lane", "  alley:\n    name: Harbour Lane")
    edit(tart, "revealed_by: {searched: lane/cobbles}", "revealed_by: {searched: alley/cobbles}")
    changed = load(example_pack)
    store = FolderStore(folder, changed)
    [saved] = store.games()
    with pytest.raises(SaveDoesNotFit) as info:
        store.load(saved, changed)
    assert "step 5 (go lane) no longer fits" in str(info.value)
    loaded = store.load_prefix(saved, changed)
    assert list(loaded.actions) == list(SOLVE[:4])
    assert "A new game from step 4 of 'mine'" in loaded.remark
    game = FakeGame(changed, changed.cases["tart"], [*loaded.actions, Go("alley")])
    store.record(game, Go("alley"))
    store.close()
    assert path.read_bytes() == original
    assert len(store.games()) == 2


def test_replay_and_take_over(folder: Path, teashop: Pack) -> None:
    play(folder, teashop, SOLVE, name="mine", notes=[(2, "two"), (6, "six")])
    store = FolderStore(folder, teashop)
    [saved] = store.games()
    recording = store.recording(saved, teashop)
    assert recording.steps == 10 and recording.state_at(10).ending == "solved"
    loaded = store.take_over(recording.fit, 3, "branch")
    assert list(loaded.actions) == list(SOLVE[:3]) and list(loaded.notes) == ["two"]
    game = FakeGame(teashop, teashop.cases["tart"], list(loaded.actions), list(loaded.notes))
    game.actions.append(Go("shop"))
    store.record(game, Go("shop"))
    store.close()
    branch = read_save(folder / "branch.json")
    assert list(branch.actions) == [*SOLVE[:3], Go("shop")]
    assert read_save(folder / "mine.json").steps == 10


def test_named_copy_and_progress(folder: Path, two_cases: Path) -> None:
    pack = load(two_cases)
    store = FolderStore(folder, pack_source=str(two_cases))
    assert store.ended_cases() == set()
    game = FakeGame(pack, pack.cases["tart"], list(SOLVE))
    store.record(game, SOLVE[-1])
    store.save_as(game, "keepsake")
    with pytest.raises(SaveError, match="exists already"):
        store.save_as(game, "keepsake")
    assert read_save(folder / "keepsake.json").steps == 10
    assert store.ended_cases() == {"tart"}
    store.close()


def test_the_real_ui_game_fits_the_store(folder: Path, teashop: Pack) -> None:
    game_module = pytest.importorskip("whodunit.engine")
    store = FolderStore(folder, teashop)
    game = game_module.Game(teashop, teashop.cases["tart"])
    for action in SOLVE[:2]:
        assert game.act(action).accepted
        store.record(game, action)
    [saved] = store.games()
    store.close()
    loaded = store.load(saved, teashop)
    again = game_module.Game.from_log(teashop, teashop.cases[loaded.case_id], loaded.actions,
                                      loaded.notes)  # fmt: skip
    assert again.state == game.state
    store.close()
