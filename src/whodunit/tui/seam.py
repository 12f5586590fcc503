"""Where saved games plug into the UI.

The UI keeps the game in memory (`WhodunitApp.game`, a `Game`: `.pack`, `.case`, `.actions`,
`.notes`, `.state`) and the ids of the cases that have ended (`WhodunitApp.ended_cases`). A store
given to the app as `WhodunitApp(store=...)` makes that last. It may be given as a function of
the pack that makes the store: the app calls it in its loading thread, once the pack is known, so
that the saves layer is not imported before the title screen is up (this is what `whodunit`
does, with `whodunit.saves.FolderStore` on the saves folder).

- `record(game)` is called after every accepted action and every notebook change (autosave);
- `games()` lists the saved games, most recently played first: Continue takes the first, Load
  and Replay offer them all;
- `load(saved, pack)` reads one back as a `LoadedGame`, from which the UI rebuilds the game with
  `Game.from_log`; an exception with a `.fit` (saves.SaveDoesNotFit) says a step no longer fits
  the pack, and the UI offers `load_prefix(saved, pack)`, the steps that fit as a new game;
- `ended_cases()` gives the ids of the cases that have ended in any game, read once at start;
- `close()`, if the store has it, is called when the app stops.

Optional, used when the store has them (FolderStore does): `save_as(game, name)` for a named
copy (the `s` key in the investigation), `recording(saved, pack)` for the replay screen
(`state_at`, `outcome`, `notes_at`, `delay`, `.fit`, `.steps`), and `take_over(fit, step, name)`
to go on playing a replay from a step as a new game.

Any method may raise an exception with a one-line message (`StoreError`, saves.SaveError); the
UI shows it and play goes on. Until a store is given, Continue resumes the game in memory and
Load and Replay say that there are no saved games yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..engine import Action, Game
    from ..pack.model import Pack


class StoreError(Exception):
    """A one-line, player-facing reason why saving or loading did not work."""


@dataclass(frozen=True)
class SavedGame:
    key: str  # what the store needs to find it again (a file name, a slot name)
    label: str  # what the player sees in the list
    case_id: str


@dataclass(frozen=True)
class LoadedGame:
    case_id: str
    actions: Sequence[Action]
    notes: Sequence[str] = ()
    remark: str = ""  # shown to the player on loading, e.g. "the pack has changed since"
    extra: dict[str, object] = field(default_factory=dict)


class GameStore(Protocol):
    def games(self) -> Sequence[SavedGame]: ...

    def load(self, saved: SavedGame, pack: Pack) -> LoadedGame: ...

    def record(self, game: Game) -> None: ...

    def ended_cases(self) -> set[str]: ...
