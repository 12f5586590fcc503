"""The game state: immutable, and always the fold of the action log from the case's start."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..pack.conditions import Fact


@dataclass(frozen=True)
class FoundClue:
    clue: str
    step: int  # the number of the action that revealed it, counting from 1
    via: str  # what the player did, e.g. "searched the cooling rack (The kitchen)"
    place: str | None  # where the player stood


@dataclass(frozen=True)
class AccusationRecord:
    step: int
    choices: tuple[tuple[str, str], ...]
    proofs: tuple[tuple[str, str], ...]
    wrong_parts: int  # of its answers and proofs, how many do not hold

    @property
    def correct(self) -> bool:
        return self.wrong_parts == 0


@dataclass(frozen=True)
class GameState:
    case_id: str
    step: int = 0
    location: str | None = None
    facts: frozenset[Fact] = frozenset()
    found: tuple[FoundClue, ...] = ()
    accusations: tuple[AccusationRecord, ...] = ()
    wrong_links: frozenset[frozenset[str]] = frozenset()  # pairs put together for nothing
    hints_used: int = 0
    hint_level: int = 0  # hints asked in a row: each one is plainer than the last
    ending: str | None = None  # "solved" or "out_of_chances" once the case is over
    _found_ids: frozenset[str] = field(default=frozenset(), repr=False)

    def has(self, fact: Fact) -> bool:
        return fact in self.facts

    def has_fact(self, kind: str, ref: str) -> bool:
        return Fact(kind, ref) in self.facts

    def has_found(self, clue: str) -> bool:
        return clue in self._found_ids

    @property
    def found_ids(self) -> frozenset[str]:
        return self._found_ids

    @property
    def ended(self) -> bool:
        return self.ending is not None

    @property
    def wrong_accusations(self) -> int:
        return sum(1 for a in self.accusations if not a.correct)

    def presented_to(self, clue: str) -> list[str]:
        """The suspects this clue has been shown to."""
        return sorted(
            f.ref.split("/", 1)[0]
            for f in self.facts
            if f.kind == "presented" and f.ref.split("/", 1)[1] == clue
        )
