"""The clue-pack model: immutable, typed, every item carrying where it was written.

What a pack file may hold is declared in pack/format.py; a field named after a declared key of
text, ids, a condition or a number is filled from it by name (reader.Fields.values).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .conditions import Condition, Fact, facts_in
from .findings import Pos


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    description: str
    pos: Pos


@dataclass(frozen=True)
class Thing:
    id: str
    place: str
    name: str
    text: str
    when: Condition
    pos: Pos

    @property
    def ref(self) -> str:
        return f"{self.place}/{self.id}"


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    description: str
    when: Condition
    things: Mapping[str, Thing]
    pos: Pos


@dataclass(frozen=True)
class LaterAnswer:
    id: str
    when: Condition
    answer: str
    pos: Pos


@dataclass(frozen=True)
class Topic:
    id: str
    suspect: str
    ask: str
    answer: str
    when: Condition
    pos: Pos
    later: tuple[LaterAnswer, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.suspect}/{self.id}"


@dataclass(frozen=True)
class Reaction:
    clue: str
    text: str
    pos: Pos


@dataclass(frozen=True)
class Suspect:
    id: str
    name: str
    intro: str
    when: Condition
    topics: Mapping[str, Topic]
    reactions: Mapping[str, Reaction]
    default_reaction: str
    pos: Pos


@dataclass(frozen=True)
class Clue:
    id: str
    name: str
    text: str
    revealed_by: Condition
    points_to: tuple[str, ...]
    rules_out: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    when: Condition
    pos: Pos


@dataclass(frozen=True)
class Claim:
    """A claim of the accusation: the player answers it and attaches the clue that proves it."""

    id: str
    prompt: str
    proof: str  # what the attached clue must show
    answer: str
    proven_by: tuple[str, ...]  # any one of these proves the true answer
    options: Mapping[str, Option]
    pos: Pos

    def parts_wrong(self, answer: str | None, proof: str | None) -> int:
        """How many of this claim's two parts (its answer, its proof) do not hold. A proof
        holds only for the true answer: no clue proves a wrong one."""
        if answer != self.answer:
            return 2
        return 0 if proof in self.proven_by else 1


GRADED = "graded"
STRICT = "strict"


@dataclass(frozen=True)
class Deduction:
    chances: int
    grading: str  # GRADED or STRICT
    claims: Mapping[str, Claim]  # `who` first
    pos: Pos

    @property
    def who(self) -> Claim:
        return self.claims["who"]

    @property
    def proof_clues(self) -> frozenset[str]:
        """Every clue that proves some claim."""
        return frozenset(c for claim in self.claims.values() for c in claim.proven_by)


@dataclass(frozen=True)
class Connection:
    """Two things the player holds (a clue id, or SUSPECT/TOPIC for an answer heard) that
    mean something together: linking them makes the fact `connected: ID`."""

    id: str
    links: tuple[str, str]
    pos: Pos

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(self.links)


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    text: str
    pos: Pos


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    briefing: str
    victim: str | None
    start: str | None
    requires: tuple[str, ...]
    places: Mapping[str, Place]
    suspects: Mapping[str, Suspect]
    clues: Mapping[str, Clue]
    deduction: Deduction
    connections: Mapping[str, Connection]
    solved: Ending
    out_of_chances: Ending
    wrong: Mapping[str, Ending]
    pos: Pos
    things: Mapping[str, Thing] = field(default_factory=dict)
    topics: Mapping[str, Topic] = field(default_factory=dict)
    # For each fact, the clues whose `revealed_by` mentions it, in pack order: after an action
    # only these can have become revealed.
    clue_watchers: Mapping[Fact, tuple[str, ...]] = field(default_factory=dict)

    @property
    def culprit(self) -> str:
        return self.deduction.who.answer

    @cached_property
    def connection_of(self) -> Mapping[frozenset[str], str]:
        """The connection each pair of linked things makes, by the pair."""
        return {c.pair: c.id for c in self.connections.values()}

    def holding(self, ref: str) -> str:
        """What a link names, as the player reads it: a clue's name, or the question asked."""
        if ref in self.clues:
            return self.clues[ref].name
        topic = self.topics.get(ref)
        if topic is not None:
            return f"{self.suspects[topic.suspect].name}: “{topic.ask}”"
        return ref

    @cached_property
    def clue_order(self) -> Mapping[str, int]:
        """Each clue's place in pack order (the order clues are revealed in)."""
        return {cid: n for n, cid in enumerate(self.clues)}

    def ending(self, ending_id: str) -> Ending | None:
        if ending_id == "solved":
            return self.solved
        if ending_id == "out_of_chances":
            return self.out_of_chances
        return self.wrong.get(ending_id.removeprefix("wrong:"))


@dataclass(frozen=True)
class Walkthrough:
    name: str
    path: str


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    version: str
    format: int
    authors: tuple[str, ...]
    licence: str
    about: str
    notice: str
    cast: Mapping[str, Character]
    cases: Mapping[str, Case]
    root: str
    content_hash: str
    walkthroughs: tuple[Walkthrough, ...] = ()
    pos: Pos = field(default_factory=lambda: Pos("pack.yaml"))

    def case(self, case_id: str) -> Case:
        return self.cases[case_id]

    @property
    def first_case(self) -> Case:
        return next(iter(self.cases.values()))


def clue_watchers(clues: Mapping[str, Clue]) -> dict[Fact, tuple[str, ...]]:
    """For each fact, the clues whose `revealed_by` mentions it, in pack order."""
    out: dict[Fact, list[str]] = {}
    for clue in clues.values():
        for fact in dict.fromkeys(fc.fact for fc in facts_in(clue.revealed_by)):
            out.setdefault(fact, []).append(clue.id)
    return {fact: tuple(ids) for fact, ids in out.items()}
