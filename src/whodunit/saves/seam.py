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

    pack: Pack
    case: Case
    actions: list[Action]
    notes: list[str]


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
    """Where the UI's games are kept."""

    saving: bool  # whether games outlive this run (False: saves are off)

    def games(self) -> Sequence[SavedGame]:
        """The games kept, most recently played first (Continue, Load and Replay offer them)."""

    def load(self, saved: SavedGame, pack: Pack) -> LoadedGame:
        """A game read back to go on playing it; `SaveDoesNotFit` (with `.fit`) when a step no
        longer fits the pack, and then `load_prefix` gives the steps that do."""

    def load_prefix(self, saved: SavedGame, pack: Pack) -> LoadedGame: ...
    def recording(self, saved: SavedGame, pack: Pack) -> Recording:
        """A game for the replay screen; `take_over(recording.fit, step)` goes on from a step."""

    def take_over(self, fit: Fit, step: int, name: str | None = None) -> LoadedGame: ...
    def record(self, game: PlayedGame, action: Action, steps: int | None = None) -> None:
        """Autosave `action`, which `game` has just taken as its step `steps` (by default its
        last). A UI that saves after the fact passes `steps` as it was when the action was
        taken: the game may have moved on since."""

    def note(self, game: PlayedGame, steps: int | None = None) -> None:
        """Autosave `game`'s notebook, which has just changed after `steps` actions (by
        default all of them)."""

    def save_as(self, game: PlayedGame, name: str) -> Path:
        """A copy of the game as it is now, named `name`."""

    def ended_cases(self) -> set[str]:
        """The cases that have ended in any game."""

    def close(self) -> None: ...
