"""Conditions: small declarative combinations of facts. No code runs from a pack."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .findings import Pos

# The kinds of fact a condition can test, and what their reference names.
FACT_KINDS: dict[str, str] = {
    "found": "clue",
    "visited": "place",
    "searched": "place/thing",
    "asked": "suspect/topic",
    "presented": "suspect/clue",
    "connected": "connection",
}


class Fact(NamedTuple):
    """A fact such as ("searched", "kitchen/rack"); hashable so states can hold sets of them
    (a tuple: the analysis and the engine hash facts millions of times, and a tuple hashes in C)."""

    kind: str
    ref: str

    def __str__(self) -> str:
        return f"{self.kind} {self.ref}"


@dataclass(frozen=True)
class FactCond:
    fact: Fact
    pos: Pos


@dataclass(frozen=True)
class AllCond:
    items: tuple[Condition, ...]
    pos: Pos


@dataclass(frozen=True)
class AnyCond:
    items: tuple[Condition, ...]
    pos: Pos


@dataclass(frozen=True)
class NotCond:
    item: Condition
    pos: Pos


Condition = FactCond | AllCond | AnyCond | NotCond


def always(pos: Pos) -> Condition:
    return AllCond((), pos)


def holds(cond: Condition, has: Callable[[Fact], bool]) -> bool:
    if isinstance(cond, FactCond):
        return has(cond.fact)
    if isinstance(cond, AllCond):
        return all(holds(c, has) for c in cond.items)
    if isinstance(cond, AnyCond):
        return any(holds(c, has) for c in cond.items)
    return not holds(cond.item, has)


def facts_in(cond: Condition) -> Iterator[FactCond]:
    if isinstance(cond, FactCond):
        yield cond
    elif isinstance(cond, (AllCond, AnyCond)):
        for c in cond.items:
            yield from facts_in(c)
    else:
        yield from facts_in(cond.item)


def facts_negated(cond: Condition, negated: bool = False) -> Iterator[tuple[Fact, bool]]:
    """Each fact in a condition, and whether it is under an odd number of `not`s."""
    if isinstance(cond, FactCond):
        yield cond.fact, negated
    elif isinstance(cond, (AllCond, AnyCond)):
        for c in cond.items:
            yield from facts_negated(c, negated)
    else:
        yield from facts_negated(cond.item, not negated)


def describe(cond: Condition) -> str:
    if isinstance(cond, FactCond):
        return str(cond.fact)
    if isinstance(cond, AllCond):
        return "always" if not cond.items else "(" + " and ".join(map(describe, cond.items)) + ")"
    if isinstance(cond, AnyCond):
        return "(" + " or ".join(map(describe, cond.items)) + ")"
    return f"not {describe(cond.item)}"
