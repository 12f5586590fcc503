"""Which cases a player has ended, derived from the saves in a folder (never stored apart)."""

from __future__ import annotations

from pathlib import Path

from ..engine import Accuse, InvalidStep, open_cases, replay
from ..pack.model import Pack
from .folder import list_saves
from .model import SaveData


def has_ended(save: SaveData, pack: Pack) -> bool:
    """Whether `save` has brought its case to an end, solved or not, replayed against the pack
    as it is now (a save with a step that no longer fits has not)."""
    case = pack.cases.get(save.case)
    # Only an accusation can end a case, so only a save that ends with one needs replaying.
    if case is None or not save.actions or not isinstance(save.actions[-1], Accuse):
        return False
    try:
        return replay(case, save.actions).ended
    except InvalidStep:
        return False


def ended_cases(folder: Path, pack: Pack) -> set[str]:
    """The ids of `pack`'s cases that some save in `folder` has brought to an end, solved or not,
    replayed against the pack as it is now."""
    saves = (info.save for info in list_saves(folder, pack.id))
    return {s.case for s in saves if s is not None and has_ended(s, pack)}


def playable_cases(folder: Path, pack: Pack) -> list[str]:
    """The cases a player may start: those whose `requires` they have ended (in pack order)."""
    return open_cases(pack, ended_cases(folder, pack))
