"""The saved games as the UI uses them: autosave that says when it fails (and when it works
again), the list that Continue, Load and Replay offer, and games rebuilt from what the store
reads back. Every store error stops here: it is shown, and play goes on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .safe import notify

if TYPE_CHECKING:
    from textual.app import App

    from ..engine import Action, Game
    from ..pack.model import Pack
    from ..saves import Fit, GameStore, LoadedGame, Recording, SavedGame
    from .timers import Schedule


class Library:
    def __init__(
        self,
        app: App[int],
        store: GameStore,
        show: Callable[[Game], None],
        pack: Callable[[], Awaitable[Pack]],
        schedule: Schedule | None = None,
    ) -> None:
        """`show` puts a game on the screen; `pack` waits for the pack to have loaded;
        `schedule` replaces Textual's timers for the replay screen (tests)."""
        self.app = app
        self.store = store
        self.show = show
        self.pack = pack
        self.schedule = schedule
        self.unsaved: Game | None = None  # a game whose last autosave failed
        self.problem = ""  # why it failed
        self.at_start: list[SavedGame] | None = None  # read while the pack loaded

    def _say(self, text: str, title: str, severity: str = "information", **kw: float) -> None:
        notify(self.app, text, title=title, severity=severity, **kw)  # type: ignore[arg-type]

    # -- autosave --------------------------------------------------------------------------------
    def record(self, game: Game, action: Action | None, steps: int) -> None:
        """Keep `action`, taken in `game` as its step `steps`, or else its notebook, changed
        after `steps` actions. A save that fails is said once (and again if the reason changes);
        the game goes on in memory and the next change writes all of it again."""
        try:
            if action is not None:
                self.store.record(game, action, steps)
            else:
                self.store.note(game, steps)
        except Exception as exc:  # saving must never cost the player the game in memory
            self.unsaved = game
            if str(exc) != self.problem:
                self.problem = str(exc)
                self._say(str(exc), "Could not save", "error", timeout=10)
            return
        if self.problem:
            self._say("Saved again: the whole game is on disk.", "Saved")
        self.problem = ""
        if self.unsaved is game:
            self.unsaved = None

    def where(self, game: Game) -> str:
        """Where `game` is kept, said on leaving it."""
        if not self.store.saving:
            return "Kept until you quit: Continue from the title screen."
        if self.unsaved is game:
            return "Not saved (see the message above): Continue from the title screen."
        return "Saved. Continue from the title screen."

    def unsaved_walkthrough(self) -> str:
        """The game whose saving failed, as a plain-mode walkthrough, so that it is not lost."""
        from ..engine import format_action

        game = self.unsaved
        if game is None:
            return ""
        lines = [
            "# A whodunit game that could not be saved. Run it again with",
            "#   whodunit play --plain PACK --script THIS_FILE --save NAME",
            f"#! case {game.case.id}",
            f"#! expect {game.state.ending or 'unfinished'}",
        ]
        lines += [format_action(a) for a in game.actions]
        lines += [f"note {' '.join(n.split())}" for n in game.notes if n.strip()]
        return "\n".join(lines) + "\n"

    # -- the saved games -------------------------------------------------------------------------
    def games(self) -> list[SavedGame]:
        if self.at_start is not None:
            return self.at_start
        try:
            return list(self.store.games())
        except Exception as exc:
            self._say(str(exc), "Saved games", "error")
            return []

    async def load(self, saved: SavedGame) -> None:
        from ..saves import SaveDoesNotFit

        pack = await self.pack()
        try:
            loaded = self.store.load(saved, pack)
        except SaveDoesNotFit as exc:
            self._offer_prefix(saved, exc.fit)
            return
        except Exception as exc:
            self._say(str(exc), "Cannot load", "error")
            return
        self._show(pack, saved.label, loaded, "Loaded")

    def _show(self, pack: Pack, label: str, loaded: LoadedGame, title: str) -> None:
        """Rebuild a game from what the store read back, and show it."""
        from ..engine import Game, InvalidStep

        case = pack.cases.get(loaded.case_id)
        if case is None:
            self._say(f"{label}: this pack has no case '{loaded.case_id}'.", "Cannot load", "error")
            return
        try:
            game = Game.from_log(pack, case, loaded.actions, loaded.notes)
        except InvalidStep as exc:
            self._say(f"{label}: {exc}", "Cannot load", "error")
            return
        self.show(game)
        if loaded.remark:
            self._say(loaded.remark, title, timeout=8)

    def _offer_prefix(self, saved: SavedGame, fit: Fit) -> None:
        """A save with a step that no longer fits: say which, and offer the steps before it as a
        new game (the save itself is kept)."""
        from .screens.dialogs import ConfirmDialog

        steps, total = fit.steps, fit.save.steps
        s = "s" if steps != 1 else ""
        if steps:
            offer = f"The first {steps} of its {total} steps fit. Load them as a new game?"
            yes = f"Load {steps} step{s}"
        else:
            offer = "Not even its first step fits. Start the case again as a new game?"
            yes = "Start again"
        problem = fit.problem_text().rstrip(".")
        changed = (
            f"The pack '{fit.pack.id}' has changed since this save was made: "
            if fit.pack_changed
            else ""
        )
        text = (
            f"{changed}{problem}.\n\n{offer} The save '{fit.path.stem}' is kept as it is, "
            "in case the pack changes back."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_worker(self._load_prefix(saved), group="load")

        self.app.push_screen(
            ConfirmDialog("This save no longer fits the pack", text, yes), answered
        )

    async def _load_prefix(self, saved: SavedGame) -> None:
        pack = await self.pack()
        try:
            loaded = self.store.load_prefix(saved, pack)
        except Exception as exc:
            self._say(str(exc), "Cannot load", "error")
            return
        self._show(pack, saved.label, loaded, "Loaded the steps that fit")

    # -- a copy, a replay, a take-over -----------------------------------------------------------
    def ask_to_save_copy(self, game: Game) -> None:
        """A named copy of `game` (a slot), asked for by name."""
        from .screens.dialogs import AskDialog

        if not self.store.saving:
            notify(self.app, "Games are not saved in this session.")
            return

        def save_as(name: str) -> str | None:
            if not name:
                return "Type a name first."
            try:
                where = self.store.save_as(game, name)
            except Exception as exc:
                return str(exc)
            self._say(
                f"Saved a copy as '{Path(str(where)).stem}'. This game goes on saving as before.",
                "Saved",
            )
            return None

        self.app.push_screen(
            AskDialog(
                "Save a copy as",
                "A name for a copy of this game as it is now (letters, digits, '-', '_' and "
                "'.'). The game goes on saving as before.",
                save_as,
                placeholder="a name, e.g. before-the-accusation",
            )
        )

    async def replay(self, saved: SavedGame) -> None:
        """Replay a saved game step by step, on its own screen."""
        from .screens.replay import ReplayScreen

        pack = await self.pack()
        try:
            recording = self.store.recording(saved, pack)
        except Exception as exc:
            self._say(str(exc), "Cannot replay", "error")
            return
        fit = recording.fit
        if not fit.ok:
            self._say(
                f"{fit.problem_text()}: the replay stops at step {recording.steps}.",
                "The pack has changed",
                "warning",
                timeout=10,
            )
        elif fit.pack_changed:
            self._say(fit.summary(), "The pack has changed", timeout=8)
        self.app.push_screen(ReplayScreen(recording, schedule=self.schedule))

    def ask_to_take_over(self, recording: Recording, step: int) -> None:
        """Go on playing a recording from `step` as a new game, asked for a name."""
        from .screens.dialogs import AskDialog

        if not self.store.saving:
            notify(self.app, "Games are not saved in this session, so none can be taken over.")
            return

        def take(name: str) -> str | None:
            try:
                loaded = self.store.take_over(recording.fit, step, name or None)
            except Exception as exc:
                return str(exc)
            self._show(recording.fit.pack, "this game", loaded, "Taken over")
            return None

        self.app.push_screen(
            AskDialog(
                f"Take over at step {step}",
                f"Go on playing from step {step} as a new game. The save "
                f"'{recording.fit.path.stem}' is left as it is. A name for the new game, or "
                "Enter for an automatic one:",
                take,
                placeholder="a name (optional)",
            )
        )
