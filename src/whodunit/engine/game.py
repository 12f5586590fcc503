"""A game in play: the case, the state, the log of actions, the notebook and everything the
player has been told. The TUI shows one and plain mode prints one; the saves layer records its
log. No I/O here.

The log of actions is the game (see DESIGN.md): `Game.from_log` rebuilds a game from any log,
and `reload` moves it onto an edited pack; the state is never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..pack.model import Case, Pack
from .actions import Action
from .log import DroppedStep, InvalidStep, replay_log, solution_path
from .rules import Line, Outcome, Rating, apply, new_game, opening, rating
from .state import GameState


@dataclass(frozen=True)
class Entry:
    """One thing the player was told, and the step of the action that told it (0: the start)."""

    step: int
    message: Line


class Game:
    def __init__(self, pack: Pack, case: Case, notes: Iterable[str] = ()) -> None:
        self.pack = pack
        self.case = case
        self.state = new_game(case)
        self.actions: list[Action] = []
        self.notes: list[str] = list(notes)

    @classmethod
    def from_log(
        cls, pack: Pack, case: Case, actions: Iterable[Action], notes: Iterable[str] = ()
    ) -> Game:
        """The game after these actions; raises `InvalidStep` at the first one the rules refuse."""
        game, dropped = cls.replayed(pack, case, actions, notes)
        if dropped is not None:
            raise InvalidStep(dropped)
        return game

    @classmethod
    def replayed(
        cls, pack: Pack, case: Case, actions: Iterable[Action], notes: Iterable[str] = ()
    ) -> tuple[Game, DroppedStep | None]:
        """The game after the actions the rules accept, up to the first they refuse (if any)."""
        played = replay_log(case, actions)
        game = cls(pack, case, notes)
        game.state, game.actions = played.state, list(played.kept)
        return game, played.dropped

    @classmethod
    def shown_at(
        cls,
        pack: Pack,
        case: Case,
        actions: Iterable[Action],
        state: GameState,
        told: Iterable[Entry],
        notes: Iterable[str] = (),
    ) -> Game:
        """A game after `actions` whose `state` is known already (from checkpoints: see
        checkpoints.py), keeping of its history only `told`, the entries of its last steps
        (all of them from step 0 for a short game): a replay of a long save at some step,
        shown without replaying the whole log."""
        game = cls(pack, case, notes)
        game.state, game.actions = state, list(actions)
        game.__dict__["history"] = list(told)  # the cached history: what is kept of it
        return game

    def reload(self, pack: Pack) -> tuple[Game, DroppedStep | None]:
        """This game on a new version of its pack, which must still have its case."""
        return Game.replayed(pack, pack.cases[self.case.id], self.actions, self.notes)

    def act(self, action: Action) -> Outcome:
        """Send one action to the engine. A refused action changes nothing."""
        new, outcome = apply(self.case, self.state, action)
        if outcome.accepted:
            self.state = new
            self.actions.append(action)
            if "history" in self.__dict__:  # else it is worked out when first asked for
                self.history.extend(Entry(new.step, m) for m in outcome.messages)
        return outcome

    @cached_property
    def history(self) -> list[Entry]:
        """What the player has been told, with the step that told it (0: the start)."""
        told = replay_log(self.case, self.actions, quiet=False).outcomes
        later = (Entry(n, m) for n, o in enumerate(told, 1) for m in o.messages)
        return [*(Entry(0, m) for m in opening(self.case)[1]), *later]

    @property
    def ended(self) -> bool:
        return self.state.ended

    @cached_property
    def par(self) -> int:
        return len(solution_path(self.case))

    def rating(self) -> Rating:
        return rating(self.case, self.state, self.par)
