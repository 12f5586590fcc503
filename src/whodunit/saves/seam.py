"""What a game store is, for the UI that keeps its games in one: the whole interface as one
`GameStore` protocol, and the two values it passes. Nothing heavy is imported here, so the UI
can name a store before the title screen is up.

A store is given to the app as `WhodunitApp(store=...)`, or as a function of the pack that makes
it once the pack has loaded (`whodunit` does this with `FolderStore` on the saves folder). With
saves off (watch mode, tests), the app uses a `MemoryStore`, whose `saving` is False.

Every method may raise `StoreError` (a `SaveError` names the file): one line, for the player.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..engine import Action
    from ..pack.model import Case, Pack
    from .fit import Fit
    from .folder import SaveInfo
    from .recording import Recording


class PlayedGame(Protocol):
    """What a store needs of the UI's game (tui.game.Game has it)."""

    @property
    def pack(self) -> Pack: ...
    @property
    def case(self) -> Case: ...
    @property
    def actions(self) -> Sequence[Action]: ...
    @property
    def notes(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class SavedGame:
    """A game a store keeps, as the UI lists it."""

    key: str  # what the store needs to find it again (a save file's path)
    label: str  # what the player sees in the list
    case_id: str  # "" for a save that cannot be read
    info: SaveInfo | None = None  # what the saves folder knows of it (FolderStore)


@dataclass(frozen=True)
class LoadedGame:
    """A game read back: the UI rebuilds the game from the log."""

    case_id: str
    actions: Sequence[Action]
    notes: Sequence[str] = ()
    remark: str = ""  # shown to the player on loading, e.g. "the pack has changed since"
    extra: dict[str, object] = field(default_factory=dict)


class GameStore(Protocol):
    """Where the UI's games are kept.

    - `games()` lists them, most recently played first (Continue, Load and Replay offer them);
    - `load(saved, pack)` reads one back to go on playing it; a `SaveDoesNotFit` (with `.fit`)
      says a step no longer fits the pack, and `load_prefix` gives the steps that do;
    - `recording(saved, pack)` for the replay screen, and `take_over(fit, step, name)` to go on
      playing a replay from a step as a new game;
    - `record(game, action)` after every accepted action, `note(game)` after every notebook
      change (autosave), `save_as(game, name)` for a named copy;
    - `ended_cases()`: the cases that have ended in any game; `close()` when the app stops.
    """

    @property
    def saving(self) -> bool:
        """Whether games outlive this run (False: saves are off)."""
        ...

    def games(self) -> Sequence[SavedGame]: ...
    def load(self, saved: SavedGame, pack: Pack) -> LoadedGame: ...
    def load_prefix(self, saved: SavedGame, pack: Pack) -> LoadedGame: ...
    def recording(self, saved: SavedGame, pack: Pack) -> Recording: ...
    def take_over(self, fit: Fit, step: int, name: str | None = None) -> LoadedGame: ...
    def record(self, game: PlayedGame, action: Action) -> None: ...
    def note(self, game: PlayedGame) -> None: ...
    def save_as(self, game: PlayedGame, name: str) -> Path: ...
    def ended_cases(self) -> set[str]: ...
    def close(self) -> None: ...
