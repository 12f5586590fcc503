"""The saves folder as the UI's game store (the `GameStore` seam in tui/seam.py), without
importing the UI: autosave, Continue, Load, Replay, take-over and progress.

    store = FolderStore(saves_folder(args.saves_dir), pack_source=args.pack)
    app = WhodunitApp(path, case_id, store=store)

Every method raises SaveError (one line, naming the file) when something cannot be done; the UI
shows it and play goes on. Nothing is ever overwritten: a game whose log was rewritten (undo,
say) is saved as a new game, and loading a save that no longer fits leaves it as it is.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from ..engine import Action
from ..pack.model import Case, Pack
from .errors import SaveError
from .fit import Fit, fit_save
from .folder import SaveInfo, list_saves, read_save
from .progress import ended_cases
from .recording import Recording
from .session import Session, continue_session, start_session, take_over


class PlayedGame(Protocol):
    """What the store needs of the UI's game (engine.Game has it)."""

    pack: Pack
    case: Case
    actions: list[Action]
    notes: list[str]


@dataclass(frozen=True)
class StoredGame:
    """A save as the UI lists it (the seam's `SavedGame`)."""

    key: str  # the save file's path
    label: str
    case_id: str  # "" for a save that cannot be read
    info: SaveInfo | None = None


@dataclass(frozen=True)
class LoadedSave:
    """A save read back (the seam's `LoadedGame`): the UI rebuilds the game from the log."""

    case_id: str
    actions: Sequence[Action]
    notes: Sequence[str] = ()
    remark: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _when(text: str) -> str:
    try:
        return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text[:16]


class FolderStore:
    def __init__(self, folder: Path, pack: Pack | None = None, pack_source: str | None = None):
        self.folder = Path(folder)
        self.pack = pack
        self.pack_source = pack_source
        self._bound: weakref.WeakKeyDictionary[Any, Session] = weakref.WeakKeyDictionary()
        self._pending: list[Session] = []  # loaded or taken over, not yet played on

    # -- listing ---------------------------------------------------------------------------------
    def games(self) -> list[StoredGame]:
        """The saves, most recently played first; those that cannot be read come last."""
        pack_id = self.pack.id if self.pack is not None else None
        good: list[StoredGame] = []
        bad: list[StoredGame] = []
        for info in list_saves(self.folder, pack_id):
            if info.save is None:
                label = f"{info.name} (cannot be loaded: {info.error})"
                bad.append(StoredGame(str(info.path), label, "", info))
                continue
            save = info.save
            case = self.pack.cases.get(save.case) if self.pack is not None else None
            title = case.title if case is not None else save.case
            label = f"{info.name}: {title}, step {save.steps}, {_when(save.updated)}"
            good.append(StoredGame(str(info.path), label, save.case, info))
        return good + bad

    # -- loading ---------------------------------------------------------------------------------
    def load(self, saved: StoredGame, pack: Pack) -> LoadedSave:
        """Continue a save: the next `record` of the game rebuilt from it writes to the same
        file. Raises SaveDoesNotFit (with `.fit`) when a step no longer fits the pack: offer
        `load_prefix`."""
        self.pack = pack
        path = Path(saved.key)
        self._let_go(path)
        session, fit = continue_session(path, pack)
        self._pending.append(session)
        remark = fit.summary() if fit.pack_changed else ""
        return LoadedSave(fit.case.id, fit.save.actions, [n.text for n in fit.save.notes], remark)

    def load_prefix(self, saved: StoredGame, pack: Pack) -> LoadedSave:
        """The steps of a save that still fit the pack, as a new game (the save is kept)."""
        fit = self.fit(saved, pack)
        return self.take_over(fit, fit.steps)

    def fit(self, saved: StoredGame, pack: Pack) -> Fit:
        """Read a save and replay it on `pack` (for Replay, and to describe a save)."""
        self.pack = pack
        path = Path(saved.key)
        return fit_save(path, read_save(path), pack)

    def recording(self, saved: StoredGame, pack: Pack) -> Recording:
        """A save as a recording for the replay screen: `state_at(step)`, `outcome(step)`,
        `notes_at(step)`, `delay(step)`; then `take_over(recording.fit, step)`."""
        return Recording(self.fit(saved, pack))

    def take_over(self, fit: Fit, step: int, name: str | None = None) -> LoadedSave:
        """A new game that begins as the save did up to `step`; the save is left as it is."""
        session = take_over(self.folder, fit, step, name)
        self._pending.append(session)
        if session.error is not None:
            raise SaveError(session.path, session.error.split(": ", 1)[-1])
        remark = (
            f"A new game from step {step} of '{fit.path.stem}' (saved as '{session.name}'); "
            f"'{fit.path.stem}' is left as it is."
        )
        save = fit.save.upto(step)
        return LoadedSave(fit.case.id, save.actions, [n.text for n in save.notes], remark)

    # -- saving ----------------------------------------------------------------------------------
    def record(self, game: PlayedGame) -> None:
        """Autosave `game` (after each action and notebook change)."""
        session = self._bound.get(game)
        if session is not None and not session.extends(game.actions):
            session.close()  # the log was rewritten: keep the old save, start a new one
            session = None
        if session is None:
            session = self._adopt(game) or start_session(self.folder, game.pack, game.case.id)
            self._bound[game] = session
        problem = session.sync(game.actions, game.notes)
        if problem is not None:
            raise SaveError(session.path, problem.split(": ", 1)[-1])

    def save_as(self, game: PlayedGame, name: str) -> Path:
        """A copy of the game as it is now in the slot `name` (the autosave goes on as before)."""
        session = start_session(self.folder, game.pack, game.case.id, name)
        try:
            problem = session.sync(game.actions, game.notes)
        finally:
            session.close()
        if problem is not None:
            raise SaveError(session.path, problem.split(": ", 1)[-1])
        return session.path

    def _adopt(self, game: PlayedGame) -> Session | None:
        for session in reversed(self._pending):
            if session.case == game.case.id and session.extends(game.actions):
                self._pending.remove(session)
                return session
        return None

    def _let_go(self, path: Path) -> None:
        """Close our own sessions on `path` before opening it again."""
        for session in [s for s in self._pending if s.path == path]:
            session.close()
            self._pending.remove(session)
        for game, session in list(self._bound.items()):
            if session.path == path:
                session.close()
                del self._bound[game]

    def close(self) -> None:
        for session in [*self._pending, *self._bound.values()]:
            session.close()
        self._pending.clear()
        self._bound.clear()

    # -- progress --------------------------------------------------------------------------------
    def ended_cases(self, pack: Pack | None = None) -> set[str]:
        """The cases that have ended in any save of the pack (the one given, or the one last
        loaded or played, or `pack_source`)."""
        pack = pack or self.pack or self._source_pack()
        if pack is None:
            return set()
        self.pack = pack
        return ended_cases(self.folder, pack)

    def _source_pack(self) -> Pack | None:
        from ..pack.builtin import PackNotFound, resolve_pack
        from ..pack.loader import load_pack

        try:
            pack, _ = load_pack(resolve_pack(self.pack_source))
        except PackNotFound:
            return None
        return pack


__all__ = ["FolderStore", "LoadedSave", "PlayedGame", "StoredGame"]
