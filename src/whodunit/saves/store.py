"""The saves folder as the UI's game store (`GameStore`, in seam.py), without importing the UI:
autosave, Continue, Load, Replay, take-over and progress.

    store = FolderStore(saves_folder(args.saves_dir), pack_source=args.pack)
    app = WhodunitApp(path, case_id, store=store)

Every method raises SaveError (one line, naming the file) when something cannot be done; the UI
shows it and play goes on. Nothing is ever overwritten: a game whose log was rewritten (undo,
say) is saved as a new game, and loading a save that no longer fits leaves it as it is.
"""

from __future__ import annotations

import weakref
from datetime import datetime
from pathlib import Path

from ..engine import Action
from ..pack.model import Pack
from .atomic import remove_old_temps
from .fit import Fit, fit_save
from .folder import list_saves, read_save
from .progress import ended_cases
from .recording import Recording
from .seam import LoadedGame, PlayedGame, SavedGame
from .session import Session, continue_session, start_session, take_over


def _when(text: str) -> str:
    try:
        return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):  # a time this system cannot place
        return text[:16]


def _raise(session: Session) -> None:
    """The last write of `session`, if it failed, stops here as its SaveError."""
    if session.failure is not None:
        raise session.failure


class FolderStore:
    saving = True

    def __init__(
        self, folder: Path, pack: Pack | None = None, pack_source: str | None = None
    ) -> None:
        self.folder = Path(folder)
        remove_old_temps(self.folder)  # left by writers that were killed
        self.pack = pack
        self.pack_source = pack_source
        self._bound: weakref.WeakKeyDictionary[PlayedGame, Session] = weakref.WeakKeyDictionary()
        self._pending: list[Session] = []  # loaded or taken over, not yet played on

    # -- listing ---------------------------------------------------------------------------------
    def games(self) -> list[SavedGame]:
        """The saves, most recently played first; those that cannot be read come last."""
        pack_id = self.pack.id if self.pack is not None else None
        good: list[SavedGame] = []
        bad: list[SavedGame] = []
        for info in list_saves(self.folder, pack_id):
            if info.save is None:
                label = f"{info.name} (cannot be loaded: {info.error})"
                bad.append(SavedGame(str(info.path), label, "", info))
                continue
            save = info.save
            case = self.pack.cases.get(save.case) if self.pack is not None else None
            title = case.title if case is not None else save.case
            label = f"{info.name}: {title}, step {save.steps}, {_when(save.updated)}"
            good.append(SavedGame(str(info.path), label, save.case, info))
        return good + bad

    # -- loading ---------------------------------------------------------------------------------
    def load(self, saved: SavedGame, pack: Pack) -> LoadedGame:
        """Continue a save: the next `record` of the game rebuilt from it writes to the same
        file. Raises SaveDoesNotFit (with `.fit`) when a step no longer fits the pack: offer
        `load_prefix`."""
        self.pack = pack
        path = Path(saved.key)
        self._let_go(path)
        session, fit = continue_session(path, pack)
        self._pending.append(session)
        remark = fit.summary() if fit.pack_changed else ""
        return LoadedGame(fit.case.id, fit.save.actions, [n.text for n in fit.save.notes], remark)

    def load_prefix(self, saved: SavedGame, pack: Pack) -> LoadedGame:
        """The steps of a save that still fit the pack, as a new game (the save is kept)."""
        fit = self.fit(saved, pack)
        return self.take_over(fit, fit.steps)

    def fit(self, saved: SavedGame, pack: Pack) -> Fit:
        """Read a save and replay it on `pack` (for Replay, and to describe a save)."""
        self.pack = pack
        path = Path(saved.key)
        return fit_save(path, read_save(path), pack)

    def recording(self, saved: SavedGame, pack: Pack) -> Recording:
        """A save as a recording for the replay screen: `state_at(step)`, `outcome(step)`,
        `notes_at(step)`, `delay(step)`; then `take_over(recording.fit, step)`."""
        return Recording(self.fit(saved, pack))

    def take_over(self, fit: Fit, step: int, name: str | None = None) -> LoadedGame:
        """A new game that begins as the save did up to `step`; the save is left as it is."""
        session = take_over(self.folder, fit, step, name)
        self._pending.append(session)
        _raise(session)
        remark = (
            f"A new game from step {step} of '{fit.path.stem}' (saved as '{session.name}'); "
            f"'{fit.path.stem}' is left as it is."
        )
        save = fit.save.upto(step)
        return LoadedGame(fit.case.id, save.actions, [n.text for n in save.notes], remark)

    # -- saving ----------------------------------------------------------------------------------
    def record(self, game: PlayedGame, action: Action, steps: int | None = None) -> None:
        """Autosave `action`, which `game` has just taken as its step `steps`."""
        steps = len(game.actions) if steps is None else steps
        session = self._session(game, steps - 1)
        session.record(action)
        _raise(session)

    def note(self, game: PlayedGame, steps: int | None = None) -> None:
        """Autosave `game`'s notebook, which has just changed after `steps` actions."""
        session = self._session(game, len(game.actions) if steps is None else steps)
        session.set_notes(game.notes)
        _raise(session)

    def save_as(self, game: PlayedGame, name: str) -> Path:
        """A copy of the game as it is now in the slot `name` (the autosave goes on as before)."""
        with self._start(game, len(game.actions), name) as session:
            session.save()
            _raise(session)
        return session.path

    def _session(self, game: PlayedGame, steps: int) -> Session:
        """The save of `game` as it was `steps` actions in: the one it was loaded from or last
        saved to, or a new one. A game whose log has been rewritten since gets a new save (the
        old one is kept)."""
        session = self._bound.get(game)
        if session is not None and session.steps != steps:
            session.close()
            session = None
        if session is None:
            session = self._adopt(game, steps) or self._start(game, steps)
            self._bound[game] = session
        return session

    def _start(self, game: PlayedGame, steps: int, name: str | None = None) -> Session:
        actions, notes = game.actions[:steps], game.notes
        return start_session(
            self.folder, game.pack, game.case.id, name, actions=actions, notes=notes
        )

    def _adopt(self, game: PlayedGame, steps: int) -> Session | None:
        """A save loaded or taken over for this game, not yet played on."""
        for session in reversed(self._pending):
            if (
                session.case == game.case.id
                and session.steps == steps
                and session.extends(game.actions)
            ):
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


__all__ = ["FolderStore", "LoadedGame", "PlayedGame", "SavedGame"]
