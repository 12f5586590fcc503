"""Which cases a player has ended, derived from the saves in a folder (never stored apart)."""

from __future__ import annotations

from pathlib import Path

from ..engine import Accuse, open_cases
from ..pack.model import Pack
from .errors import SaveError
from .fit import fit_save
from .folder import list_saves


def ended_cases(folder: Path, pack: Pack) -> set[str]:
    """The ids of `pack`'s cases that some save in `folder` has brought to an end, solved or not,
    replayed against the pack as it is now (a save that no longer fits counts up to the step
    where it stops fitting)."""
    ended: set[str] = set()
    for info in list_saves(folder, pack.id):
        save = info.save
        if save is None or save.case in ended or save.case not in pack.cases:
            continue
        # Only an accusation can end a case, so only a save that ends with one needs replaying.
        if not save.actions or not isinstance(save.actions[-1], Accuse):
            continue
        try:
            fit = fit_save(info.path, save, pack)
        except SaveError:
            continue
        if fit.state.ended:
            ended.add(save.case)
    return ended


def playable_cases(folder: Path, pack: Pack) -> list[str]:
    """The cases a player may start: those whose `requires` they have ended (in pack order)."""
    return open_cases(pack, ended_cases(folder, pack))
