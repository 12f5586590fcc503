"""The clue-pack model: immutable, typed, every item carrying where it was written.

What a pack file may hold is declared in pack/format.py; a field named after a declared key of
text, ids, a condition or a number is filled from it by name (reader.Fields.values).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
class Topic:
    id: str
    suspect: str
    ask: str
    answer: str
    when: Condition
    pos: Pos

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
class Blank:
    id: str
    prompt: str
    answer: str
    options: Mapping[str, Option]
    pos: Pos


@dataclass(frozen=True)
class Deduction:
    chances: int
    who: Blank
    blanks: Mapping[str, Blank]
    evidence_prompt: str
    # Each entry is one thing the evidence must prove: a clue, or alternatives of which any
    # one will do (a clue that restates another can stand in for it).
    evidence: tuple[tuple[str, ...], ...]
    pos: Pos

    @property
    def evidence_required(self) -> tuple[str, ...]:
        """The first choice of every entry: the evidence a model solve attaches."""
        return tuple(group[0] for group in self.evidence)

    @property
    def evidence_clues(self) -> frozenset[str]:
        """Every clue that can stand in the required evidence."""
        return frozenset(c for group in self.evidence for c in group)

    @property
    def max_evidence(self) -> int:
        """How many clues an accusation may attach: attaching everything must not pay."""
        return len(self.evidence) + 1

    def proves(self, attached: Iterable[str]) -> bool:
        given = set(attached)
        return all(any(c in given for c in group) for group in self.evidence)

    @property
    def all_blanks(self) -> tuple[Blank, ...]:
        return (self.who, *self.blanks.values())


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
