"""A save as a recording: the state and what the player was told at any step, for stepping
forward and back, playing at the recorded pace, and jumping to a step."""

from __future__ import annotations

from datetime import datetime

from ..engine import Action, GameState, Outcome
from ..engine.checkpoints import EVERY, Checkpoints
from .fit import Fit
from .model import Note

CHECKPOINT_EVERY = EVERY  # steps between two states kept


class Recording:
    """Steps 1..`steps` of a save that fit its pack (all of them when `fit.ok`).

    States are re-derived from checkpoints (engine/checkpoints.py), so a jump anywhere in a
    long game costs at most a checkpoint's stretch of applications of the rules."""

    def __init__(self, fit: Fit) -> None:
        self.fit = fit
        self.case = fit.case
        self.save = fit.save
        self.steps = fit.steps
        self.checkpoints = Checkpoints(
            self.case, self.save.actions[: self.steps], every=CHECKPOINT_EVERY
        )

    def action(self, step: int) -> Action:
        """The action taken at `step` (from 1)."""
        self._check(step, low=1)
        return self.save.actions[step - 1]

    def time(self, step: int) -> str:
        self._check(step, low=1)
        return self.save.times[step - 1]

    def state_at(self, step: int) -> GameState:
        """The state after `step` actions (0: the start of the case)."""
        return self.checkpoints.state_at(step)

    def outcome(self, step: int) -> Outcome:
        """What the player was told when they took `step`: its messages, as in the game."""
        self._check(step, low=1)
        return self.checkpoints.told(step, step)[0][1]

    def told(self, first: int, last: int) -> list[tuple[int, Outcome]]:
        """What steps `first`..`last` told the player, each with its step (from 1)."""
        return self.checkpoints.told(first, last)

    def notes_at(self, step: int) -> list[Note]:
        """The notebook as it was after `step` actions."""
        self._check(step)
        return [n for n in self.save.notes if n.step <= step]

    def delay(self, step: int) -> float:
        """Seconds between step - 1 and `step` as they were played (0 for the first step or
        when the times say nothing sensible); a UI scales and caps this for its play speed."""
        if step <= 1:
            return 0.0
        try:
            before = datetime.fromisoformat(self.time(step - 1))
            after = datetime.fromisoformat(self.time(step))
            return max(0.0, (after - before).total_seconds())
        except (ValueError, TypeError):
            return 0.0

    def _check(self, step: int, low: int = 0) -> None:
        if not low <= step <= self.steps:
            raise IndexError(f"step {step} is not between {low} and {self.steps}")
