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
from .rules import Line, Outcome, Rating, apply, new_game, rating
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
        self.state: GameState = new_game(case)
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
        game.state = played.state
        game.actions = list(played.kept)
        return game, played.dropped

    def reload(self, pack: Pack) -> tuple[Game, DroppedStep | None]:
        """This game on a new version of its pack, which must still have its case."""
        return Game.replayed(pack, pack.cases[self.case.id], self.actions, self.notes)

    # -- playing -----------------------------------------------------------------------------
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
        """What the player has been told, from the start of the case."""
        told = replay_log(self.case, self.actions, quiet=False).outcomes
        later = (Entry(n, m) for n, outcome in enumerate(told, 1) for m in outcome.messages)
        return [*self._opening(), *later]

    def _opening(self) -> Iterable[Entry]:
        case, start = self.case, new_game(self.case)
        yield Entry(0, Line("briefing", case.briefing, case.title, case.id))
        if start.location is not None:
            place = case.places[start.location]
            name = place.name[:1].upper() + place.name[1:]  # a heading, as the rules give it
            yield Entry(0, Line("place", place.description, name, place.id))
        for found in start.found:
            clue = case.clues[found.clue]
            yield Entry(0, Line("clue", clue.text, clue.name, clue.id))

    @property
    def ended(self) -> bool:
        return self.state.ended

    @cached_property
    def par(self) -> int:
        return len(solution_path(self.case))

    def rating(self) -> Rating:
        return rating(self.case, self.state, self.par)
