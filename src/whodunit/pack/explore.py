"""A case's game as facts alone, and a bounded exhaustive search of its states.

The player's moves each make one fact true (visited, searched, asked, presented); clues are found
by themselves once their condition holds, as the engine reveals them. A state is the set of facts
true so far: facts only grow, so a state is all that matters for what can happen next (where the
player stands never does: any open place can be walked to). This is the reference the fast
checker is tested against, and the search that finds the order of play behind an unfair finding.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from .analysis import evaluate, fact_requirements, reachable, reveal
from .conditions import Condition, Fact, holds
from .model import Case

State = frozenset[Fact]


@dataclass(frozen=True)
class Loss:
    """A shortest order of play after which `target` can never hold again."""

    moves: tuple[Fact, ...]


class SearchTooLarge(Exception):
    """The search met its bound before it could decide."""


class FactGame:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.req = fact_requirements(case)
        self.moves = {f: c for f, c in self.req.items() if f.kind != "found"}

    def start(self) -> State:
        facts = frozenset({Fact("visited", self.case.start)} if self.case.start else ())
        return facts | {Fact("found", cid) for cid in reveal(self.case, facts.__contains__)}

    def open_moves(self, state: State) -> Iterator[Fact]:
        for fact, cond in self.moves.items():
            if fact not in state and holds(cond, state.__contains__):
                yield fact

    def play(self, state: State, move: Fact) -> State:
        facts = state | {move}
        return facts | {Fact("found", cid) for cid in reveal(self.case, facts.__contains__, move)}

    def surely_lost(self, state: State, target: Condition) -> bool:
        """True when no order of play from `state` can make `target` hold: an over-estimate of
        what can still happen (a `not` holds unless its fact is already true) misses it."""
        could = reachable(self.req, state, lambda f: f not in state)
        return not evaluate(target, could.__contains__, lambda f: f not in state)


class StateGraph:
    """Every state the player can reach, in the order a breadth-first search meets them, with
    the moves between them. Raises SearchTooLarge past `limit` states; `partial` then holds
    what was explored, for a search that can still find a loss it can prove."""

    def __init__(self, game: FactGame, limit: int) -> None:
        self.game = game
        start = game.start()
        self.parent: dict[State, tuple[State, Fact] | None] = {start: None}
        self.next: dict[State, list[State]] = {}
        self.complete = False
        queue = deque([start])
        while queue:
            state = queue.popleft()
            after_all = self.next[state] = []
            for move in game.open_moves(state):
                after = game.play(state, move)
                after_all.append(after)
                if after not in self.parent:
                    if len(self.parent) >= limit:
                        return
                    self.parent[after] = (state, move)
                    queue.append(after)
        self.complete = True

    def facts(self) -> frozenset[Fact]:
        """Every fact true in some reachable state."""
        return frozenset().union(*self.parent)

    def shortest_loss(self, target: Condition) -> Loss | None:
        """The fewest moves after which `target` can never hold, or None when no order of play
        loses it. On a partial graph, only losses the over-estimate proves are found; raises
        SearchTooLarge when none is."""
        if not self.complete:
            for state in self.parent:
                if self.game.surely_lost(state, target):
                    return Loss(self._path(state))
            raise SearchTooLarge
        good = {s for s in self.parent if holds(target, s.__contains__)}
        back: dict[State, list[State]] = {}
        for state, nexts in self.next.items():
            for after in nexts:
                back.setdefault(after, []).append(state)
        queue = list(good)
        while queue:
            for before in back.get(queue.pop(), ()):
                if before not in good:
                    good.add(before)
                    queue.append(before)
        for state in self.parent:  # breadth-first order: the first is the nearest
            if state not in good:
                return Loss(self._path(state))
        return None

    def _path(self, state: State) -> tuple[Fact, ...]:
        moves: list[Fact] = []
        link = self.parent[state]
        while link is not None:
            state, move = link
            moves.append(move)
            link = self.parent[state]
        return tuple(reversed(moves))
