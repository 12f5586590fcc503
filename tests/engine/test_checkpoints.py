"""Checkpoints of a long log: the state at any step, and what the steps before it told, are
those of folding the log from the start, wherever the step falls between two checkpoints."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.test_stateful import CASE
from whodunit.engine import Go, Hint, Search, replay_log, solution_path
from whodunit.engine.checkpoints import Checkpoints
from whodunit.engine.rules import fold

# A long log of the example case, every step of it accepted: the solution without its
# accusation, then wandering, searching again and asking for hints.
LOG = (
    solution_path(CASE)[:-1]
    + [Go("kitchen"), Search("kitchen", "rack"), Hint(), Go("shop"), Hint()] * 40
)


def test_the_log_is_accepted_whole() -> None:
    assert fold(CASE, LOG).refused is None


@settings(max_examples=60, deadline=None)
@given(every=st.integers(1, 70), step=st.integers(0, len(LOG)))
def test_the_state_at_a_step_is_the_fold_of_that_many_actions(every: int, step: int) -> None:
    points = Checkpoints(CASE, LOG, every=every)
    assert points.state_at(step) == fold(CASE, LOG[:step]).state


@settings(max_examples=30, deadline=None)
@given(every=st.integers(1, 70), first=st.integers(1, len(LOG)), size=st.integers(0, 30))
def test_what_steps_told_is_what_the_game_told(every: int, first: int, size: int) -> None:
    last = min(len(LOG), first + size)
    told = Checkpoints(CASE, LOG, every=every).told(first, last)
    outcomes = replay_log(CASE, LOG[:last], quiet=False).outcomes
    assert told == [(n, outcomes[n - 1]) for n in range(first, last + 1)]


def test_the_ends_and_beyond() -> None:
    points = Checkpoints(CASE, LOG, every=64)
    assert points.state_at(len(LOG)) == fold(CASE, LOG).state
    assert points.state_at(0) == fold(CASE, []).state
    with pytest.raises(IndexError):
        points.state_at(len(LOG) + 1)
    with pytest.raises(IndexError):
        points.told(0, 3)
    with pytest.raises(ValueError):
        Checkpoints(CASE, LOG, every=0)


def test_a_refused_step_is_an_error() -> None:
    from whodunit.engine import Accuse

    wrong = Accuse((("who", "nobody"),), ())
    with pytest.raises(ValueError, match="step 2"):
        Checkpoints(CASE, [LOG[0], wrong, LOG[1]], every=1)
