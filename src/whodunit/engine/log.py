"""A game is its log: replaying a log of actions on a case, and the log the hints lead through.

Loading a save, rebuilding a game, checking a save against an edited pack and moving a player
onto a reloaded pack are all `replay_log`: the state after the steps the rules accept, and the
first step they refuse, if any (the steps after it are not replayed: they may depend on it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..pack.model import Case
from .actions import Accuse, Action
from .hints import next_step
from .notation import format_action
from .rules import Outcome, apply, fold, new_game
from .state import GameState


@dataclass(frozen=True)
class DroppedStep:
    """The first step of a log that the rules refuse."""

    step: int  # counting from 1, as the player saw it
    action: Action
    text: str  # the rules' own words
    later: int  # how many steps after it were not replayed

    @property
    def why(self) -> str:
        return self.text.strip().rstrip(".") or "refused"

    @property
    def command(self) -> str:
        return format_action(self.action)

    def describe(self) -> str:
        tail = f", and the {self.later} step(s) after it" if self.later else ""
        return f"step {self.step} `{self.command}` was dropped ({self.why}){tail}"


@dataclass(frozen=True)
class Replay:
    """A log replayed on a case: the state after the steps that were kept, what each of them told
    the player (only what changes the state when replayed quietly), and the step dropped."""

    state: GameState
    kept: tuple[Action, ...]
    outcomes: tuple[Outcome, ...]
    dropped: DroppedStep | None

    @property
    def complete(self) -> bool:
        return self.dropped is None


def replay_log(case: Case, actions: Iterable[Action], *, quiet: bool = True) -> Replay:
    """Replay `actions` on `case` up to the first one the rules refuse (see `apply` on `quiet`)."""
    log = tuple(actions)
    played = fold(case, log, quiet=quiet)
    if played.refused is None:
        return Replay(played.state, log, tuple(played.outcomes), None)
    n = len(played.outcomes)
    dropped = DroppedStep(n + 1, log[n], played.refused.text, len(log) - n - 1)
    return Replay(played.state, log[:n], tuple(played.outcomes), dropped)


class InvalidStep(Exception):
    """A log with a step the rules refuse, where every step must fit."""

    def __init__(self, dropped: DroppedStep) -> None:
        super().__init__(f"step {dropped.step}: {dropped.text}")
        self.dropped = dropped
        self.step, self.action, self.why = dropped.step, dropped.action, dropped.why


def replay(case: Case, actions: Iterable[Action]) -> GameState:
    """The state after the log; raises InvalidStep at the first action the rules refuse."""
    played = replay_log(case, actions)
    if played.dropped is not None:
        raise InvalidStep(played.dropped)
    return played.state


def solution_path(case: Case, limit: int = 10_000) -> list[Action]:
    """The actions the hints would lead a player through, ending with the right accusation.
    Its length is the par that ratings compare a solve against."""
    state = new_game(case)
    path: list[Action] = []
    for _ in range(limit):
        step = next_step(case, state)
        if step is None:
            break
        state, outcome = apply(case, state, step)
        if not outcome.accepted:
            break
        path.append(step)
    claims = case.deduction.claims.values()
    proofs = tuple(
        (c.id, next((p for p in c.proven_by if state.has_found(p)), c.proven_by[0]))
        for c in claims
        if c.proven_by
    )
    path.append(Accuse(tuple((c.id, c.answer) for c in claims), proofs))
    return path
