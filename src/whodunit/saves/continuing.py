"""What Continue takes up: a rule of the game, so it is decided here and the UI only shows it.
The title screen asks before the pack has loaded, so the rules are imported only once it has."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..pack.model import Pack
    from .seam import SavedGame

Taken = Literal["game", "save", "case", "ended", "none"]

# Whether a save has ended, by (save, when it was written, its steps, the pack): each is
# replayed once, however often the title menu asks.
_ENDED: dict[tuple[str, str, int, int], bool] = {}


@dataclass(frozen=True)
class Continue:
    """`game`: the game in memory, while it is under way; else `save`: the most recently played
    saved game that has not ended, and whose case has not ended in a game played since (an
    older attempt at a case the player has just won or lost is not what they go on with); else
    `case`: a case that has opened (to begin it); else `ended` when every saved game has ended
    or been played past, or `none` when there is none."""

    taken: Taken
    saved: SavedGame | None = None
    case: str | None = None


def continue_choice(
    pack: Pack | None, ended: Iterable[str], saved: Sequence[SavedGame], under_way: bool
) -> Continue:
    """What Continue takes up, given the pack (None while it loads), the cases that have ended,
    the saved games (most recently played first) and whether a game in memory is under way."""
    if under_way:
        return Continue("game")
    played_past: set[str] = set()  # cases that a more recent game has ended
    for s in saved:
        if not s.case_id or s.case_id in played_past:
            continue
        if not _has_ended(s, pack):
            return Continue("save", saved=s)
        played_past.add(s.case_id)
    done = set(ended)
    if done and pack is not None:
        from ..engine import open_cases

        case = next((c for c in open_cases(pack, done) if c not in done), None)
        if case is not None:
            return Continue("case", case=case)
    return Continue("ended" if saved else "none")


def _has_ended(saved: SavedGame, pack: Pack | None) -> bool:
    save = saved.info.save if saved.info is not None else None
    if save is None or pack is None:  # a save the store does not describe counts as under way
        return False
    from .progress import has_ended

    key = (saved.key, save.updated, save.steps, id(pack))
    if key not in _ENDED:
        _ENDED[key] = has_ended(save, pack)
    return _ENDED[key]
