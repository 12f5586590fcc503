"""A store that keeps nothing beyond this run: for saves off (watch mode, no store given) and for
tests. It offers the games it was given and remembers what autosave was asked to keep."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError
from .seam import LoadedGame, PlayedGame, SavedGame

if TYPE_CHECKING:
    from ..engine import Action
    from ..pack.model import Pack
    from .fit import Fit
    from .recording import Recording

NOT_SAVED = "Games are not saved in this session."


class MemoryStore:
    saving = False

    def __init__(self, saved: Mapping[str, LoadedGame] | None = None) -> None:
        self.saved = dict(saved or {})
        # (case id, steps, notebook) each time autosave was asked to keep a game
        self.recorded: list[tuple[str, int, tuple[str, ...]]] = []

    def games(self) -> list[SavedGame]:
        return [
            SavedGame(k, f"{k}: step {len(g.actions)}", g.case_id) for k, g in self.saved.items()
        ]

    def load(self, saved: SavedGame, pack: Pack) -> LoadedGame:
        return self.saved[saved.key]

    def load_prefix(self, saved: SavedGame, pack: Pack) -> LoadedGame:
        return self.load(saved, pack)

    def recording(self, saved: SavedGame, pack: Pack) -> Recording:
        raise StoreError("This store cannot replay games.")

    def take_over(self, fit: Fit, step: int, name: str | None = None) -> LoadedGame:
        raise StoreError(NOT_SAVED)

    def record(self, game: PlayedGame, action: Action, steps: int | None = None) -> None:
        self.note(game, steps)

    def note(self, game: PlayedGame, steps: int | None = None) -> None:
        steps = len(game.actions) if steps is None else steps
        self.recorded.append((game.case.id, steps, tuple(game.notes)))

    def save_as(self, game: PlayedGame, name: str) -> Path:
        raise StoreError(NOT_SAVED)

    def ended_cases(self) -> set[str]:
        return set()

    def close(self) -> None:
        pass
