"""The whodunit app: a title screen first, the pack loaded after the first frame, then the
investigation. Screens live in `screens/`, widgets in `widgets/`, styles in `styles/`."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType

from .safe import notify
from .screens.title import TitleScreen
from .themes import THEMES

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..engine import Action, Game, Outcome
    from ..pack.model import Pack
    from ..pack.watch import PackWatcher, Reload
    from .seam import GameStore, SavedGame
    from .timers import Schedule

T = TypeVar("T")

WATCH_SECONDS = 0.5

NOTICE = (
    "A fan-made game set in the world of the Netflix series Tiny Pretty Things (developed by "
    "Michael MacLennan, from the novel by Dhonielle Clayton and Sona Charaipotra). Not affiliated "
    "with Netflix or the authors."
)


def _read_pack(
    path: Path | None, watch: bool = False
) -> tuple[Pack | None, list[str], PackWatcher | None]:
    """Load the pack (in a worker thread), and warm the engine's imports on the way. With
    `watch`, load it through a watcher that later sees the author's edits."""
    from .. import engine  # noqa: F401
    from ..pack.builtin import PackNotFound, resolve_pack
    from ..pack.findings import Severity
    from ..pack.loader import load_pack

    try:
        where = path if path is not None else resolve_pack(None)
    except PackNotFound as exc:
        return None, [f"whodunit: {exc}"], None
    watcher = None
    if watch:
        from ..pack.watch import PackWatcher

        watcher = PackWatcher(where)
        pack, findings = watcher.pack, watcher.findings
    else:
        pack, findings = load_pack(where)
    if pack is None:
        problems = [str(f) for f in findings if f.severity is Severity.ERROR]
        problems.append(
            f"whodunit: cannot play '{where}': fix the errors above (`whodunit validate {where}`)"
        )
        return None, problems, None
    return pack, [], watcher


def _open_store(
    source: object, pack: Pack
) -> tuple[GameStore | None, set[str], list[SavedGame], str]:
    """Make the store if `source` makes one, then read what the title screen shows from it: the
    cases ended in any game and the saved games. Any problem is returned as one line."""
    store = None
    try:
        store = source if hasattr(source, "games") else source(pack)  # type: ignore[operator]
        if getattr(store, "pack", False) is None:
            store.pack = pack  # type: ignore[union-attr]  # a FolderStore made without it
        ended = set(store.ended_cases())  # type: ignore[union-attr]
        games = list(store.games())  # type: ignore[union-attr]
    except Exception as exc:  # a broken store must not stop the game
        return store, set(), [], str(exc)  # type: ignore[return-value]
    return store, ended, games, ""  # type: ignore[return-value]


async def _in_daemon_thread(fn: Callable[..., T], *args: object) -> T:
    """Run `fn` in a daemon thread: unlike the default executor, quitting never waits for it."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def work() -> None:
        try:
            result, error = fn(*args), None
        except Exception as exc:
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the app has already closed
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=work, name="whodunit-load", daemon=True).start()
    return await future


class WhodunitApp(App[int]):
    TITLE = "whodunit"
    # The title screen is the default screen, whose own CSS_PATH Textual does not read.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["styles/app.tcss", "styles/title.tcss"]
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (96, "-medium"),
        (120, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", show=False),
        Binding("t", "cycle_theme", "Theme", show=False),
        Binding("f5", "reload_pack", "Reload the pack", show=False),
    ]

    def __init__(
        self,
        pack_path: str | Path | None = None,
        case_id: str | None = None,
        *,
        store: GameStore | Callable[[Pack], GameStore] | None = None,
        watch: bool = False,
        cursor_blink: bool = True,
        schedule: Schedule | None = None,
    ) -> None:
        """`store` keeps games (see seam.py): a store, or a function that makes one from the
        pack once it has loaded. `watch` follows the author's edits of the pack (no saving).
        `schedule` replaces Textual's timers for the replay screen (tests)."""
        super().__init__()
        self.pack_path = Path(pack_path) if pack_path is not None else None
        self.case_id = case_id
        self.store: GameStore | None = store if hasattr(store, "games") else None  # type: ignore[assignment]
        self._store_source = store
        self.watch = watch
        self.watcher: PackWatcher | None = None
        self._polling = False
        self.cursor_blink = cursor_blink
        self.schedule = schedule
        self.pack: Pack | None = None
        self.load_problems: list[str] = []
        self.game: Game | None = None
        self.ended_cases: set[str] = set()
        self.unsaved: Game | None = None  # a game whose last autosave failed
        self._save_problem = ""
        self._saved_at_start: list[SavedGame] | None = None
        self._ended_saves: dict[tuple, bool] = {}
        self._pack_ready = asyncio.Event()
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = THEMES[0].name

    # -- start-up --------------------------------------------------------------------------
    def get_default_screen(self) -> TitleScreen:
        return TitleScreen(NOTICE)

    def on_mount(self) -> None:
        self.call_after_refresh(self._begin_loading)

    def _begin_loading(self) -> None:
        self.run_worker(self._load(), name="load-pack", group="pack", exclusive=True)

    async def _load(self) -> None:
        pack, problems, watcher = await _in_daemon_thread(_read_pack, self.pack_path, self.watch)
        self.load_problems = problems
        if pack is None:
            self.exit(return_code=1)
            return
        self.pack = pack
        if self._store_source is not None:
            store, ended, games, problem = await _in_daemon_thread(
                _open_store, self._store_source, pack
            )
            self.store = store
            self.ended_cases |= ended
            self._saved_at_start = games
            if problem:
                notify(self, problem, title="Saved games", severity="error")
        self._pack_ready.set()
        self.title_screen.show_pack(pack)
        self._saved_at_start = None
        if watcher is not None:
            self.watcher = watcher
            self.set_interval(WATCH_SECONDS, self._watch_tick, name="watch-pack")
            notify(
                self,
                f"Watching {watcher.root} for changes: save a pack file and the game "
                "reloads where you are (F5 reloads at once). Games are not saved while "
                "watching.",
                title="Watch mode",
                timeout=8,
            )
            self._show_findings(watcher.findings, "The pack loaded with warnings")
        if self.case_id is not None:
            self._open_case_asked_for(pack, self.case_id)

    def _open_case_asked_for(self, pack: Pack, case_id: str) -> None:
        from ..engine import open_cases

        if case_id not in pack.cases:
            notify(
                self,
                f"There is no case '{case_id}' in this pack; its cases: {', '.join(pack.cases)}.",
                severity="error",
            )
        elif self.watch or case_id in open_cases(pack, self.ended_cases):
            self.start_case(case_id)
        else:
            needs = [
                pack.cases[r].title if r in pack.cases else r
                for r in pack.cases[case_id].requires
                if r not in self.ended_cases
            ]
            notify(
                self,
                f"'{pack.cases[case_id].title}' is not open yet: finish "
                f"{' and '.join(needs)} first.",
                severity="warning",
            )

    @property
    def title_screen(self) -> TitleScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, TitleScreen)
        return screen

    async def wait_for_pack(self) -> Pack:
        await self._pack_ready.wait()
        assert self.pack is not None
        return self.pack

    # -- games -------------------------------------------------------------------------------
    def start_case(self, case_id: str) -> None:
        from ..engine import Game

        assert self.pack is not None
        self.show_game(Game(self.pack, self.pack.cases[case_id]))

    def show_game(self, game: Game) -> None:
        """Make `game` the current game and show its investigation screen over the title."""
        from .screens.investigation import InvestigationScreen

        self.game = game
        self.to_title()
        self.push_screen(InvestigationScreen(game))

    def to_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def act(self, game: Game, action: Action) -> Outcome:
        """Send an action to the engine for `game`; record the game when it is accepted."""
        outcome = game.act(action)
        if outcome.accepted:
            if game.ended:
                self.ended_cases.add(game.case.id)
            self.record(game)
        else:
            notify(self, outcome.text, title="Not possible", severity="warning")
        return outcome

    def record(self, game: Game) -> None:
        """Autosave through the store, if there is one (after each action and note). A save
        that fails is said once (and again if the reason changes); the game goes on in memory
        and the next change writes all of it again."""
        if self.store is None:
            return
        try:
            self.store.record(game)
        except Exception as exc:  # saving must never cost the player the game in memory
            self.unsaved = game
            if str(exc) != self._save_problem:
                self._save_problem = str(exc)
                notify(self, str(exc), title="Could not save", severity="error", timeout=10)
            return
        if self._save_problem:
            notify(self, "Saved again: the whole game is on disk.", title="Saved")
        self._save_problem = ""
        if self.unsaved is game:
            self.unsaved = None

    def saved_games(self) -> list[SavedGame]:
        if self._saved_at_start is not None:
            return self._saved_at_start
        if self.store is None:
            return []
        try:
            return list(self.store.games())
        except Exception as exc:
            notify(self, str(exc), title="Saved games", severity="error")
            return []

    def resumable(self) -> Game | None:
        """The game in memory, if one is under way."""
        if self.game is not None and not self.game.ended:
            return self.game
        return None

    def save_has_ended(self, saved: SavedGame) -> bool:
        """Whether a saved game has come to an end, from the actions its store describes (a
        save it does not describe counts as under way). Only a save whose last step is an
        accusation is replayed to know, and each only once."""
        save = getattr(getattr(saved, "info", None), "save", None)
        pack = self.pack
        if save is None or pack is None or save.case not in pack.cases:
            return False
        from ..engine import Accuse, InvalidStep, replay

        actions = save.actions
        if not actions or not isinstance(actions[-1], Accuse):
            return False
        key = (saved.key, save.updated, len(actions), id(pack))
        if key not in self._ended_saves:
            try:
                self._ended_saves[key] = replay(pack.cases[save.case], actions).ended
            except InvalidStep:
                self._ended_saves[key] = False  # loading it says what no longer fits
        return self._ended_saves[key]

    def opened_case(self) -> str | None:
        """A case that has opened now that another has ended, and has not ended itself."""
        if self.pack is None or not self.ended_cases:
            return None
        from ..engine import open_cases  # not before the title screen is up

        return next(
            (c for c in open_cases(self.pack, self.ended_cases) if c not in self.ended_cases), None
        )

    def continue_choice(self) -> tuple[str, Game | SavedGame | str | None]:
        """What Continue takes up: ("game", the game in memory) while it is under way, else
        ("save", the most recently played saved game that has not ended), else ("case", the id
        of a case that has opened) to begin it, else ("ended", None) when every saved game has
        ended, or ("none", None) when there is none."""
        game = self.resumable()
        if game is not None:
            return "game", game
        saved = self.saved_games() if self.store is not None else []
        for s in saved:
            if s.case_id and not self.save_has_ended(s):
                return "save", s
        case = self.opened_case()
        if case is not None:
            return "case", case
        return ("ended", None) if saved else ("none", None)

    def continue_game(self) -> None:
        what, target = self.continue_choice()
        if what == "game":
            self.show_game(target)  # type: ignore[arg-type]
        elif what == "save":
            self.run_worker(self.load_saved(target), group="load")  # type: ignore[arg-type]
        elif what == "case":
            self.start_case(target)  # type: ignore[arg-type]
        elif what == "ended":
            notify(
                self,
                "Every saved game has ended: New game starts a case again, and "
                "Replay shows how a game went.",
            )
        else:
            notify(self, "There are no saved games yet.")

    async def load_saved(self, saved: SavedGame) -> None:
        pack = await self.wait_for_pack()
        assert self.store is not None
        try:
            loaded = self.store.load(saved, pack)
        except Exception as exc:
            fit = getattr(exc, "fit", None)  # saves.SaveDoesNotFit: offer the steps that fit
            if fit is not None:
                self._offer_prefix(saved, fit)
            else:
                notify(self, str(exc), title="Cannot load", severity="error")
            return
        self._show_loaded(pack, saved, loaded, "Loaded")

    def _show_loaded(self, pack: Pack, saved: SavedGame | None, loaded, title: str) -> None:
        """Rebuild a game from a store's `LoadedGame` and show it."""
        from ..engine import Game, InvalidStep

        label = saved.label if saved is not None else "this game"
        try:
            case = pack.cases[loaded.case_id]
            game = Game.from_log(pack, case, loaded.actions, loaded.notes)
        except InvalidStep as exc:
            notify(self, f"{label}: {exc}", title="Cannot load", severity="error")
            return
        except KeyError:
            notify(
                self,
                f"{label}: this pack has no case '{loaded.case_id}'.",
                title="Cannot load",
                severity="error",
            )
            return
        self.show_game(game)
        if loaded.remark:
            notify(self, loaded.remark, title=title, timeout=8)

    def _offer_prefix(self, saved: SavedGame, fit) -> None:
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
                self.run_worker(self.load_prefix(saved), group="load")

        self.push_screen(ConfirmDialog("This save no longer fits the pack", text, yes), answered)

    async def load_prefix(self, saved: SavedGame) -> None:
        pack = await self.wait_for_pack()
        load_prefix = getattr(self.store, "load_prefix", None)
        if load_prefix is None:
            return
        try:
            loaded = load_prefix(saved, pack)
        except Exception as exc:
            notify(self, str(exc), title="Cannot load", severity="error")
            return
        self._show_loaded(pack, saved, loaded, "Loaded the steps that fit")

    def save_as(self, game: Game, name: str) -> str | None:
        """A named copy of `game` in the store (a slot). None when saved, else why not."""
        save_as = getattr(self.store, "save_as", None)
        if save_as is None:
            return "Games are not saved in this session."
        try:
            where = save_as(game, name)
        except Exception as exc:
            return str(exc)
        notify(
            self,
            f"Saved a copy as '{Path(str(where)).stem}'. This game goes on saving as before.",
            title="Saved",
        )
        return None

    # -- replays -------------------------------------------------------------------------------
    def open_replay(self, saved: SavedGame) -> None:
        """Replay a saved game step by step, on its own screen."""
        self.run_worker(self._open_replay(saved), group="replay")

    async def _open_replay(self, saved: SavedGame) -> None:
        from .screens.replay import ReplayScreen

        pack = await self.wait_for_pack()
        recording_of = getattr(self.store, "recording", None)
        if recording_of is None:
            notify(self, "This store cannot replay games.", title="Cannot replay")
            return
        try:
            recording = recording_of(saved, pack)
        except Exception as exc:
            notify(self, str(exc), title="Cannot replay", severity="error")
            return
        fit = recording.fit
        if not fit.ok:
            notify(
                self,
                f"{fit.problem_text()}: the replay stops at step {recording.steps}.",
                title="The pack has changed",
                severity="warning",
                timeout=10,
            )
        elif fit.pack_changed:
            notify(self, fit.summary(), title="The pack has changed", timeout=8)
        self.push_screen(ReplayScreen(recording, schedule=self.schedule))

    def take_over(self, recording, step: int, name: str | None) -> str | None:
        """Go on playing a recording from `step` as a new game. None when done, else why not."""
        try:
            loaded = self.store.take_over(recording.fit, step, name)  # type: ignore[union-attr]
        except Exception as exc:
            return str(exc)
        self._show_loaded(recording.fit.pack, None, loaded, "Taken over")
        return None

    def game_over(self, game: Game) -> None:
        """Called when the player leaves a finished case: back to the title."""
        self.to_title()
        self.title_screen.refresh_menu()

    def on_unmount(self) -> None:
        close = getattr(self.store, "close", None)
        if callable(close):
            try:
                close()
            except Exception as exc:  # leaving must not fail because of the store
                self.load_problems.append(f"whodunit: {exc}")

    # -- watching the pack while it is written -------------------------------------------------
    def _watch_tick(self) -> None:
        if not self._polling:
            self.run_worker(self.poll_pack(), group="watch")

    async def poll_pack(self, force: bool = False) -> Reload | None:
        """Look for edits of the pack (or reload it now, with `force`) and follow them."""
        watcher = self.watcher
        if watcher is None or self._polling:
            return None
        self._polling = True
        try:
            event = await _in_daemon_thread(watcher.reload if force else watcher.poll)
        except Exception as exc:  # a watcher that fails must not stop the game
            notify(self, str(exc), title="Cannot reload", severity="error")
            return None
        finally:
            self._polling = False
        if event is not None:
            await self.follow_pack(event)
        return event

    def action_reload_pack(self) -> None:
        if self.watcher is None:
            notify(
                self, "F5 reloads the pack in watch mode: `whodunit play --watch PACK`.", timeout=3
            )
            return
        self.run_worker(self.poll_pack(force=True), group="watch")

    async def follow_pack(self, event: Reload) -> None:
        """Switch to a new version of the pack, replaying the player's actions onto it; or, if
        the edit broke it, say what is wrong and keep playing the last version that loaded."""
        if not event.ok:
            self.clear_notifications()
            self._show_findings(
                event.errors,
                "The pack has errors: still playing the last version that loaded",
                severity="error",
            )
            return
        pack = event.pack
        assert pack is not None
        self.clear_notifications()
        old = self.game
        self.pack = pack
        self.title_screen.show_pack(pack)
        if old is None:
            notify(self, f"Reloaded {pack.title}.", title="Reloaded", timeout=4)
            self._show_findings(event.findings, "The new version has warnings")
            return
        case = pack.cases.get(old.case.id)
        if case is None:
            notify(
                self,
                f"The pack no longer has a case '{old.case.id}': still playing the "
                f"last version that had it. Its cases now: {', '.join(pack.cases)}.",
                title="Reloaded",
                severity="warning",
                timeout=10,
            )
            return
        game, dropped = old.reload(pack)
        await self._swap_game(old, game)
        steps = len(game.actions)
        if dropped is None:
            said = f"Replayed your {steps} step{'s' if steps != 1 else ''}: you are where you were."
        else:
            said = f"Kept your first {steps} step{'s' if steps != 1 else ''}; {dropped.describe()}."
        notify(self, said, title=f"Reloaded {pack.title}", timeout=6)
        self._show_findings(event.findings, "The new version has warnings")

    async def _swap_game(self, old: Game, new: Game) -> None:
        """Put `new` where `old` is shown, keeping the player on the screen they were on."""
        from .screens.investigation import InvestigationScreen
        from .screens.question import QuestionScreen

        self.game = new
        stack = self.screen_stack
        where = next(
            (
                i
                for i, s in enumerate(stack)
                if isinstance(s, InvestigationScreen) and s.game is old
            ),
            None,
        )
        if where is None:
            return
        questioning = None
        top = stack[-1]
        if isinstance(top, QuestionScreen) and top.game is old:
            questioning = top.suspect.id
        while len(self.screen_stack) > where + 1:
            self.pop_screen()
        screen = self.screen_stack[where]
        assert isinstance(screen, InvestigationScreen)
        await screen.show_game(new)
        if questioning is not None and questioning in new.case.suspects:
            from ..engine import open_suspects

            if any(s.id == questioning for s in open_suspects(new.case, new.state)):
                self.push_screen(QuestionScreen(new, questioning))

    def _show_findings(self, findings: list, title: str, severity: str = "warning") -> None:
        if not findings:
            return
        root = str(self.watcher.root) + os.sep if self.watcher is not None else ""
        # Each finding as the validator prints it, its file named from the pack's folder.
        shown = [str(f).removeprefix(root) if root else str(f) for f in findings[:5]]
        if len(findings) > 5:
            shown.append(
                f"... and {len(findings) - 5} more: `whodunit validate "
                f"{self.watcher.root if self.watcher else ''}` lists them all."
            )
        if severity == "error":
            shown.append("(F5 checks the pack again and shows what is still wrong.)")
        # Errors stay up a while (until the pack loads again, if that is sooner).
        timeout = 30.0 if severity == "error" else 10.0
        notify(self, "\n".join(shown), title=title, severity=severity, timeout=timeout)

    # -- keys everywhere ------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's own entries: the game's, not Textual's (its themes, screenshots and
        key panel are not part of the game; `t` cycles the game's themes)."""
        yield SystemCommand(
            "Help", "How to play, every key and what the marks mean", self.action_help
        )
        yield SystemCommand(
            "Next theme", "Dark, light, high contrast (the t key)", self.action_cycle_theme
        )
        yield SystemCommand("Quit", "Leave the game (Ctrl+Q)", self.action_quit)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_cycle_theme(self) -> None:
        from .themes import CYCLE, THEME_NAMES

        index = CYCLE.index(self.theme) if self.theme in CYCLE else -1
        self.theme = CYCLE[(index + 1) % len(CYCLE)]
        notify(self, f"Theme: {THEME_NAMES[self.theme]}. Press t for the next one.", timeout=2)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # type: ignore[attr-defined]

    # -- after the app has stopped ---------------------------------------------------------------
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


def run_app(
    pack_name: str | None,
    case_id: str | None,
    mouse: bool = True,
    store: GameStore | Callable[[Pack], GameStore] | None = None,
    watch: bool = False,
) -> int:
    """Run the UI on a pack (a folder, or a built-in pack's id; None for the default)."""
    from ..pack.builtin import PackNotFound, resolve_pack

    path: Path | None = None
    if pack_name is not None or watch:
        try:
            path = resolve_pack(pack_name)
        except PackNotFound as exc:
            print(f"whodunit: {exc}", file=sys.stderr)
            return 1
    app = WhodunitApp(path, case_id, store=None if watch else store, watch=watch)
    app.run(mouse=mouse)
    for problem in app.load_problems:
        print(problem, file=sys.stderr)
    if app.unsaved is not None:
        print(
            "whodunit: the last changes to this game could not be saved; here it is as a "
            "walkthrough, so that nothing is lost:",
            file=sys.stderr,
        )
        print(app.unsaved_walkthrough(), end="")
    return app.return_code or 0
