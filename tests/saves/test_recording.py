"""A save as a recording: any step's state and messages, the notebook at that step, and
taking over from a step as a new game."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.saves.conftest import SOLVE, WANDER, play
from whodunit.engine import apply, new_game, replay
from whodunit.pack.model import Pack
from whodunit.saves import Recording, fit_save, read_save, take_over, walkthrough_text
from whodunit.saves import recording as recording_module


@pytest.fixture
def recording(folder: Path, teashop: Pack, monkeypatch: pytest.MonkeyPatch) -> Recording:
    monkeypatch.setattr(recording_module, "CHECKPOINT_EVERY", 3)
    log = [*WANDER, *SOLVE[2:]]
    path = play(folder, teashop, log, name="rec", notes=[(0, "first"), (4, "fourth")])
    return Recording(fit_save(path, read_save(path), teashop))


def test_every_step_state_and_messages(recording: Recording, teashop: Pack) -> None:
    case = teashop.cases["tart"]
    state = new_game(case)
    assert recording.state_at(0) == state
    for n in range(1, recording.steps + 1):
        state, outcome = apply(case, state, recording.action(n))
        assert recording.state_at(n) == state
        assert recording.outcome(n) == outcome
    assert recording.state_at(recording.steps).ending == "solved"
    with pytest.raises(IndexError):
        recording.state_at(recording.steps + 1)


def test_notebook_and_pace(recording: Recording) -> None:
    assert [n.text for n in recording.notes_at(0)] == ["first"]
    assert [n.text for n in recording.notes_at(3)] == ["first"]
    assert [n.text for n in recording.notes_at(4)] == ["first", "fourth"]
    assert recording.delay(1) == 0.0
    assert all(recording.delay(n) >= 0 for n in range(1, recording.steps + 1))


def test_take_over_from_a_step(folder: Path, recording: Recording, teashop: Pack) -> None:
    original = recording.fit.path.read_bytes()
    session = take_over(folder, recording.fit, 4)
    session.close()
    assert session.path != recording.fit.path and recording.fit.path.read_bytes() == original
    save = read_save(session.path)
    assert save.steps == 4 and [n.text for n in save.notes] == ["first", "fourth"]
    assert replay(teashop.cases["tart"], save.actions) == recording.state_at(4)


def test_walkthrough_text(recording: Recording) -> None:
    text = walkthrough_text(recording.save, 4, None, source="rec.json")
    assert text.splitlines() == [
        "# A whodunit walkthrough made from the save rec.json:",
        "# pack teashop 1.0.0, 4 steps.",
        "#! case tart",
        "#! expect unfinished",
        "note first",
        "search counter",
        "hint",
        "go kitchen",
        "present slip to pip",
        "note fourth",
    ]
