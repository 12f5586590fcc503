"""Rebasing a game onto a new version of its case: the heart of live reload.

A game is its action log, so moving a player onto an edited pack is replaying their log on the
new case. Actions the new version still accepts are kept; at the first one it refuses, the log is
cut there (later actions may have depended on it) and the caller is told which step went and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..pack.model import Case
from .actions import Action
from .notation import format_action
from .rules import apply, new_game
from .state import GameState


@dataclass(frozen=True)
class DroppedStep:
    """The first step of the old log that the new version of the case refuses."""

    step: int  # counting from 1, as the player saw it
    action: Action
    why: str  # the rules' own words
    later: int  # how many steps after it were dropped with it

    @property
    def command(self) -> str:
        return format_action(self.action)

    def describe(self) -> str:
        tail = f", and the {self.later} step(s) after it" if self.later else ""
        return f"step {self.step} `{self.command}` was dropped ({self.why}){tail}"


@dataclass(frozen=True)
class Rebased:
    state: GameState
    kept: tuple[Action, ...]
    dropped: DroppedStep | None

    @property
    def complete(self) -> bool:
        return self.dropped is None


def rebase(case: Case, actions: Iterable[Action]) -> Rebased:
    """Replay `actions` on `case`, keeping the longest prefix it accepts."""
    log = list(actions)
    state = new_game(case)
    for n, action in enumerate(log):
        new, outcome = apply(case, state, action, quiet=True)
        if not outcome.accepted:
            why = outcome.text.strip().rstrip(".") or "refused"
            return Rebased(state, tuple(log[:n]), DroppedStep(n + 1, action, why, len(log) - n - 1))
        state = new
    return Rebased(state, tuple(log), None)
