"""Checkpoints of a long log: the state kept every `every` steps, so that the state at any
step, and what the steps just before it told, cost at most `every` applications of the rules
wherever the step is (a replay jumping to the end of a 10,000-step save, say).

Built once, by folding the log a stretch at a time from the state before it (the same states as
`fold` from the start: the state is always the fold of the log). Pure: no I/O, no UI.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..pack.model import Case
from .actions import Action
from .rules import Outcome, apply, new_game
from .state import GameState

EVERY = 64


class Checkpoints:
    """The states after steps 0, `every`, 2 * `every`... of `actions`, all of which the rules
    must accept (a save checked against its pack, say)."""

    def __init__(self, case: Case, actions: Sequence[Action], every: int = EVERY) -> None:
        if every < 1:
            raise ValueError("checkpoints must be at least one step apart")
        self.case = case
        self.actions = actions
        self.every = every
        state = new_game(case)
        self._states: list[GameState] = [state]
        for start in range(0, len(actions) - every + 1, every):
            state = self._fold(state, start, start + every)
            self._states.append(state)

    @property
    def steps(self) -> int:
        return len(self.actions)

    def _fold(self, state: GameState, start: int, end: int) -> GameState:
        """The state after steps start+1..end, from `state` (the state after `start` steps)."""
        case = self.case
        for action in self.actions[start:end]:
            state, outcome = apply(case, state, action, quiet=True)
            if not outcome.accepted:
                raise ValueError(f"step {start + 1} is refused: {outcome.text}")
            start += 1
        return state

    def _check(self, step: int, low: int = 0) -> None:
        if not low <= step <= self.steps:
            raise IndexError(f"step {step} is not between {low} and {self.steps}")

    def state_at(self, step: int) -> GameState:
        """The state after `step` actions (0: the start of the case)."""
        self._check(step)
        base = step // self.every
        return self._fold(self._states[base], base * self.every, step)

    def told(self, first: int, last: int) -> list[tuple[int, Outcome]]:
        """What steps `first`..`last` (counting from 1) told the player, each with its step: as
        in the game, at most `every` steps of folding before the first of them."""
        self._check(first, low=1)
        self._check(last)
        state = self.state_at(first - 1)
        out: list[tuple[int, Outcome]] = []
        for step in range(first, last + 1):
            state, outcome = apply(self.case, state, self.actions[step - 1])
            out.append((step, outcome))
        return out
