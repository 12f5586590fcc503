"""What a save holds: the pack it was played on, the case, and the ordered log of actions (each
with its time) with the notebook. Never the game state: that is always derived by replaying."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..engine import Action

FORMAT_TAG = "whodunit-save"
FORMAT_VERSION = 2  # 2: the pack's format is recorded with it


def utc_now() -> str:
    """The current time as a save writes it: ISO 8601, UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class PackRef:
    """The pack a save was played on: its id, its version, the hash of its files, and the
    pack format it was written in (saves of save format 1 hold none: their packs were all of
    pack format 1)."""

    id: str
    version: str
    hash: str
    format: int = 1


@dataclass(frozen=True)
class Note:
    """A notebook line: its text, and how many actions had been taken when it was written."""

    text: str
    step: int
    at: str


@dataclass(frozen=True)
class SaveData:
    """A saved game. `actions[i]` was taken at `times[i]`; step n is `actions[n - 1]`."""

    pack: PackRef
    case: str
    created: str
    updated: str
    actions: tuple[Action, ...] = ()
    times: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    seed: int | None = None

    @property
    def steps(self) -> int:
        return len(self.actions)

    def upto(self, step: int) -> SaveData:
        """The first `step` actions, with the notes written by then."""
        return SaveData(
            self.pack,
            self.case,
            self.created,
            self.updated,
            self.actions[:step],
            self.times[:step],
            tuple(n for n in self.notes if n.step <= step),
            self.seed,
        )
