"""A fair-play finding's order of play (the facts the player makes true) as game actions."""

from __future__ import annotations

from collections.abc import Iterable

from ..pack.model import Case
from .actions import Action, Ask, Connect, Go, Present, Search


def trail_actions(case: Case, moves: Iterable[tuple[str, str]]) -> list[Action]:
    """The actions that make each fact (kind, ref) true in turn, walking to a place before
    searching it, and linking a connection's two things to make it."""
    location = case.start
    out: list[Action] = []
    for kind, ref in moves:
        first, _, second = ref.partition("/")
        if kind == "visited":
            out.append(Go(ref))
            location = ref
        elif kind == "searched":
            if location != first:
                out.append(Go(first))
                location = first
            out.append(Search(first, second))
        elif kind == "asked":
            out.append(Ask(first, second))
        elif kind == "presented":
            out.append(Present(first, second))
        elif kind == "connected" and ref in case.connections:
            out.append(Connect(*case.connections[ref].links))
    return out
