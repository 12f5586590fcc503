"""Where saved games plug into the UI.

The UI keeps the game in memory (`WhodunitApp.game`, a `Game`: `.pack`, `.case`, `.actions`,
`.notes`, `.state`) and the ids of the cases that have ended (`WhodunitApp.ended_cases`). A store
given to the app as `WhodunitApp(store=...)` makes that last:

- `record(game)` is called after every accepted action and every notebook change (autosave);
- `games()` lists the saved games, most recently played first: Continue takes the first, Load
  and Replay offer them all;
- `load(saved, pack)` reads one back as a `LoadedGame`, from which the UI rebuilds the game with
  `Game.from_log`;
- `ended_cases()` gives the ids of the cases that have ended in any game, read once at start;
- `close()`, if the store has it, is called when the app stops.

Any method may raise `StoreError` with a one-line message; the UI shows it and play goes on.
Until a store is given, Continue resumes the game in memory and Load and Replay say that there
are no saved games yet. Replaying is `WhodunitApp.open_replay(saved)`, to be filled in with the
replay screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..engine import Action
    from ..pack.model import Pack
    from .game import Game


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
