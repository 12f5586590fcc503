"""A game in play: the pack and case, the engine state, the action log, the notebook and
everything the player has been told. No Textual here, so replays and tests can build one directly.

The log of actions is the game (see DESIGN.md): `Game.from_log` rebuilds a game, and what the
player saw, from any prefix of a log; the state is never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..engine import Action, GameState, InvalidStep, Message, Outcome, apply, new_game
from ..engine.rules import Rating
from ..pack.model import Case, Pack


@dataclass(frozen=True)
class Entry:
    """One thing the player was told, and the step of the action that told it (0: the start)."""

    step: int
    message: Message


class Game:
    def __init__(self, pack: Pack, case: Case, notes: Iterable[str] = ()) -> None:
        self.pack = pack
        self.case = case
        self.state: GameState = new_game(case)
        self.actions: list[Action] = []
        self.notes: list[str] = list(notes)
        self.history: list[Entry] = list(self._opening())

    @classmethod
    def from_log(
        cls, pack: Pack, case: Case, actions: Iterable[Action], notes: Iterable[str] = ()
    ) -> Game:
        """The game after these actions; raises `InvalidStep` at the first one the rules refuse."""
        game = cls(pack, case, notes)
        for n, action in enumerate(actions, 1):
            outcome = game.act(action)
            if not outcome.accepted:
                raise InvalidStep(n, action, outcome.text)
        return game

    def _opening(self) -> Iterable[Entry]:
        case, state = self.case, self.state
        yield Entry(0, Message("briefing", case.briefing, case.title, case.id))
        if state.location is not None:
            place = case.places[state.location]
            name = place.name[:1].upper() + place.name[1:]  # a heading, as the engine gives it
            yield Entry(0, Message("place", place.description, name, place.id))
        for found in state.found:
            clue = case.clues[found.clue]
            yield Entry(0, Message("clue", clue.text, clue.name, clue.id))

    # -- playing -----------------------------------------------------------------------------
    def act(self, action: Action) -> Outcome:
        """Send one action to the engine. A refused action changes nothing."""
        new, outcome = apply(self.case, self.state, action)
        if outcome.accepted:
            self.state = new
            self.actions.append(action)
            self.history.extend(Entry(new.step, m) for m in outcome.messages)
        return outcome

    @property
    def ended(self) -> bool:
        return self.state.ended

    @cached_property
    def par(self) -> int:
        from ..engine import solution_path

        return len(solution_path(self.case))

    def rating(self) -> Rating:
        from ..engine import rating

        return rating(self.case, self.state, self.par)
