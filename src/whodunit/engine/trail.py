"""A fair-play finding's order of play (the facts the player makes true) as game actions."""

from __future__ import annotations

from collections.abc import Iterable

from ..pack.conditions import Fact
from ..pack.model import Case
from .actions import Action, Ask, Go, Present, Search


def trail_actions(case: Case, moves: Iterable[Fact]) -> list[Action]:
    """The actions that make each fact true in turn, walking to a place before searching it."""
    location = case.start
    out: list[Action] = []
    for fact in moves:
        first, _, second = fact.ref.partition("/")
        if fact.kind == "visited":
            out.append(Go(fact.ref))
            location = fact.ref
        elif fact.kind == "searched":
            if location != first:
                out.append(Go(first))
                location = first
            out.append(Search(first, second))
        elif fact.kind == "asked":
            out.append(Ask(first, second))
        elif fact.kind == "presented":
            out.append(Present(first, second))
    return out
