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

from ..pack.model import Case, Pack, Topic
from .actions import Action, Ask, Hint, Present, Search
from .hints import PLAINEST
from .log import DroppedStep, InvalidStep, replay_log, solution_path
from .rules import Line, Outcome, Rating, answer_to, apply, new_game, opening, rating
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

    def told_before(self, action: Action) -> Line | None:
        """What `action` told when it was done before, if doing it again would tell nothing new
        (a thing searched, a question asked whose answer has not changed, a clue shown, the
        plainest hint asked for again): reading that again is free, so it need not be sent.
        None when it would do something new."""
        if isinstance(action, Hint):
            # The plainest hint, asked for again with nothing done since, says the same again.
            again = self.state.hint_level >= PLAINEST and self.actions[-1:] == [Hint()]
            told = [e.message for e in self.history if e.message.kind == "hint"]
            return told[-1] if again and told else None
        if isinstance(action, Search):
            about = ("search", f"{action.place}/{action.thing}", "searched")
        elif isinstance(action, Ask):
            topic = self.case.suspects[action.suspect].topics.get(action.topic)
            if topic is None or self.has_new_answer(topic):
                return None
            about = ("answer", topic.ref, "asked")
        elif isinstance(action, Present):
            about = ("reaction", f"{action.suspect}/{action.clue}", "presented")
        else:
            return None
        kind, ref, fact = about
        if not self.state.has_fact(fact, ref):
            return None
        told = [e.message for e in self.history if (e.message.kind, e.message.ref) == (kind, ref)]
        return told[-1] if told else None

    def has_new_answer(self, topic: Topic) -> bool:
        """Whether asking `topic` again would be answered otherwise than it last was: something
        has happened since that its later answers know of."""
        if not self.state.has_fact("asked", topic.ref):
            return False
        heard = [
            e.message.text
            for e in self.history
            if e.message.kind == "answer" and e.message.ref == topic.ref
        ]
        return not heard or heard[-1] != answer_to(self.state, topic)

    @property
    def ended(self) -> bool:
        return self.state.ended

    @cached_property
    def par(self) -> int:
        return len(solution_path(self.case))

    def rating(self) -> Rating:
        return rating(self.case, self.state, self.par)
