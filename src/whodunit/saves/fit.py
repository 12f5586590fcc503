"""Does a save still fit its pack? Loading re-derives the state by replaying the actions; a pack
edited since the save (its hash differs) is fine as long as every action is still accepted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..engine import Accuse, DroppedStep, Replay, replay_log
from ..pack.model import Case, Pack
from .errors import SaveError
from .model import PackRef, SaveData


def pack_ref(pack: Pack) -> PackRef:
    return PackRef(pack.id, pack.version, pack.content_hash, pack.format)


@dataclass(frozen=True)
class Fit(Replay):
    """A save replayed against a pack: the steps that fit (all of them when `ok`), and the first
    step that no longer fits otherwise."""

    path: Path
    save: SaveData
    pack: Pack
    case: Case
    pack_changed: bool  # the pack's files differ from those the save was played on

    @property
    def steps(self) -> int:
        """How many steps fit, counting from the first."""
        return len(self.kept)

    @property
    def problem(self) -> DroppedStep | None:
        return self.dropped

    @property
    def ok(self) -> bool:
        return self.complete

    def problem_text(self) -> str:
        """`step N (ACTION) no longer fits: WHY` for the first step that does not fit."""
        p = self.problem
        if p is None:
            return ""
        why = p.text
        if isinstance(p.action, Accuse) and not p.action.proofs:
            why = (
                f"it is an accusation made under pack format {self.save.pack.format}, which "
                "attached evidence to the whole statement; an accusation now attaches one clue "
                "to each claim, so it cannot be replayed"
            )
        return f"step {p.step} ({p.command}) no longer fits: {why}"

    def summary(self) -> str:
        """One line on how the save fits its pack, for a player about to load it."""
        if self.problem is not None:
            changed = (
                f"the pack '{self.pack.id}' has changed since this save was made, and "
                if self.pack_changed
                else ""
            )
            return (
                f"{changed}{self.problem_text().rstrip('.')}; the first {self.steps} of its "
                f"{self.save.steps} steps fit and can be loaded as a new game"
            )
        if self.pack_changed:
            was = self.save.pack.version
            now = self.pack.version
            versions = f" ({was} -> {now})" if was != now else ""
            return (
                f"the pack '{self.pack.id}' has changed since this save was made{versions}, "
                f"but all {self.save.steps} steps still fit"
            )
        return f"all {self.save.steps} steps fit"


def fit_save(path: Path, save: SaveData, pack: Pack) -> Fit:
    """Replay `save` against `pack`. Raises SaveError when it is not a save of this pack at all
    (another pack, or a case the pack no longer has)."""
    if save.pack.id != pack.id:
        raise SaveError(
            path,
            f"it is a save for the pack '{save.pack.id}', not '{pack.id}': load it with that pack",
        )
    case = pack.cases.get(save.case)
    if case is None:
        raise SaveError(
            path,
            f"the pack '{pack.id}' has no case '{save.case}' any more, so this save cannot be "
            f"loaded (its cases: {', '.join(pack.cases)})",
        )
    played = replay_log(case, save.actions)
    changed = save.pack.hash != pack.content_hash
    return Fit(**vars(played), path=path, save=save, pack=pack, case=case, pack_changed=changed)
