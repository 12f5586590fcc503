"""The whodunit app: a title screen first, the pack loaded after the first frame, then the
investigation. The app holds the screens, themes, keys and the store; screens are given what they
show and post what happens (messages.py). The saved games are library.py's, watch mode is
watching.py's, and what Continue takes up is a rule of the saves layer (saves/continuing.py).
Screens live in `screens/`, widgets in `widgets/`, styles in `styles/`."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType

from .background import in_daemon_thread
from .library import Library
from .messages import GameChanged, LeaveGame, MenuPicked, SaveCopy, TakeOver
from .safe import notify
from .screens.title import Menu, TitleScreen
from .themes import THEMES

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete
    from textual.screen import Screen

    from ..engine import Game
    from ..pack.model import Pack
    from ..pack.watch import PackWatcher, Reload
    from ..saves import Continue, GameStore, SavedGame
    from .timers import Schedule
    from .watching import Watching


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
    store: GameStore, make: Callable[[Pack], GameStore] | None, pack: Pack
) -> tuple[GameStore, set[str], list[SavedGame], str]:
    """Make the store if `make` is given, then read what the title screen shows from it: the
    cases ended in any game and the saved games. Any problem is returned as one line."""
    try:
        if make is not None:
            store = make(pack)
        return store, set(store.ended_cases()), list(store.games()), ""
    except Exception as exc:  # a broken store must not stop the game
        return store, set(), [], str(exc)


# Letters closer together than this (in seconds) are a word typed, not keys pressed one by one.
TYPING_GAP = 0.2


class WhodunitApp(App[int]):
    TITLE = "whodunit"
    # The title screen is the default screen, whose own CSS_PATH Textual does not read.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["styles/app.tcss", "styles/title.tcss"]
    # Textual declares the breakpoints as plain attributes, not ClassVar.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (96, "-medium"),
        (120, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012
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
        typing_gap: float = TYPING_GAP,
    ) -> None:
        """`store` keeps games (saves/seam.py): a store, or a function that makes one from the
        pack once it has loaded; without one, games are kept in memory only. `watch` follows
        the author's edits of the pack (no saving). `schedule` replaces Textual's timers for
        the replay screen (tests). Letters typed less than `typing_gap` seconds apart are typing,
        not keys (screens/investigation.py): 0 turns that off (tests that press keys fast)."""
        from ..saves.memory import MemoryStore

        super().__init__()
        self.pack_path = Path(pack_path) if pack_path is not None else None
        self.case_id = case_id
        self.watch_mode = watch
        self.watching: Watching | None = None
        self.cursor_blink = cursor_blink
        self.typing_gap = typing_gap
        self.pack: Pack | None = None
        self.load_problems: list[str] = []
        self.game: Game | None = None
        self.ended_cases: set[str] = set()
        # A function of the pack makes the store once the pack has loaded.
        self._make_store = store if callable(store) else None
        given = MemoryStore() if store is None or callable(store) else store
        self.library = Library(self, given, self.show_game, self.wait_for_pack, schedule)
        self._pack_ready = asyncio.Event()
        self._keys_from = 0.0  # keys made before this time were meant for what was shown then
        for theme in THEMES:
            self.register_theme(theme)
        from textual.scrollbar import ScrollBar

        from .scrollbars import WholeCellScrollBar

        ScrollBar.renderer = WholeCellScrollBar  # one thumb, whole cells (see scrollbars.py)
        self.theme = THEMES[0].name

    @property
    def store(self) -> GameStore:
        return self.library.store

    # -- start-up --------------------------------------------------------------------------
    def get_default_screen(self) -> TitleScreen:
        return TitleScreen(self.title_menu)

    def on_mount(self) -> None:
        self.call_after_refresh(self._begin_loading)

    def _begin_loading(self) -> None:
        self.run_worker(self._load(), name="load-pack", group="pack", exclusive=True)

    async def _load(self) -> None:
        pack, problems, watcher = await in_daemon_thread(
            _read_pack, self.pack_path, self.watch_mode
        )
        self.load_problems = problems
        if pack is None:
            self.exit(return_code=1)
            return
        self.pack = pack
        library = self.library
        store, ended, games, problem = await in_daemon_thread(
            _open_store, library.store, self._make_store, pack
        )
        library.store, library.at_start, self._make_store = store, games, None
        self.ended_cases |= ended
        if problem:
            notify(self, problem, title="Saved games", severity="error")
        self._pack_ready.set()
        self.title_screen.show_pack(pack)
        library.at_start = None
        if watcher is not None:
            from .watching import Watching

            self.watching = Watching(self, watcher, lambda: self.game, self._reloaded)
            self.watching.start()
        if self.case_id is not None:
            self._open_case_asked_for(pack, self.case_id)

    def _open_case_asked_for(self, pack: Pack, case_id: str) -> None:
        from ..engine import open_cases

        if case_id not in pack.cases:
            self.title_screen.say(
                f"There is no case '{case_id}' in this pack; its cases: {', '.join(pack.cases)}."
            )
        elif self.watch_mode or case_id in open_cases(pack, self.ended_cases):
            self.start_case(case_id)
        else:
            needs = [
                pack.cases[r].title if r in pack.cases else r
                for r in pack.cases[case_id].requires
                if r not in self.ended_cases
            ]
            self.title_screen.say(
                f"'{pack.cases[case_id].title}' is not open yet: finish "
                f"{' and '.join(needs)} first."
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

    # -- the title menu ----------------------------------------------------------------------
    def continue_choice(self, saved: list[SavedGame]) -> Continue:
        """What Continue takes up, among the `saved` games and the game in memory."""
        from ..saves.continuing import continue_choice

        under_way = self.game is not None and not self.game.ended
        return continue_choice(self.pack, self.ended_cases, saved, under_way)

    def title_menu(self) -> Menu:
        saved = self.library.games()
        return Menu(
            choice=self.continue_choice(saved),
            playing=self.game.case.title if self.game is not None else "",
            saves=bool(saved),
            opening=self._make_store is not None,
            watching=self.watch_mode,
        )

    def on_menu_picked(self, message: MenuPicked) -> None:
        if message.choice == "help":
            self.action_help()
        elif message.choice == "quit":
            self.exit()
        elif self.opening_game():
            return  # a key pressed while a game opens never starts it again, nor reaches it
        else:
            work = {"new": self._new_game, "continue": self._continue}.get(message.choice)
            picked = work() if work is not None else self._pick(message.choice)
            self.run_worker(picked, group="menu", exclusive=True)

    def opening_game(self) -> bool:
        """Whether a game picked on the title is still being opened (a save read, say)."""
        return any(
            w.group in ("menu", "load", "replay") and not w.is_finished for w in self.workers
        )

    async def _new_game(self) -> None:
        from .screens.cases import CasesScreen

        if self.pack is None:
            notify(self, "Loading the cases…", timeout=1)
        pack = await self.wait_for_pack()

        def chosen(case_id: str | None) -> None:
            if case_id is not None:
                self.start_case(case_id)

        self.push_screen(CasesScreen(pack, set(self.ended_cases)), chosen)

    async def _continue(self) -> None:
        await self.wait_for_pack()  # the saved games are known once the pack has loaded
        choice = self.continue_choice(self.library.games())
        if choice.taken == "game" and self.game is not None:
            self.show_game(self.game)
        elif choice.saved is not None:
            self.run_worker(self.library.load(choice.saved), group="load")
        elif choice.case is not None:
            self.start_case(choice.case)
        elif choice.taken == "ended":
            notify(
                self,
                "Every saved game has ended: New game starts a case again, and "
                "Replay shows how a game went.",
            )
        else:
            notify(self, "There are no saved games yet.")

    async def _pick(self, purpose: str) -> None:
        from .screens.saved import SavedGamesScreen

        await self.wait_for_pack()
        saved = self.library.games()
        if not saved:
            notify(self, "There are no saved games yet.")
            return

        def chosen(pick: SavedGame | None) -> None:
            if pick is None:
                return
            if purpose == "load":
                self.run_worker(self.library.load(pick), group="load")
            else:
                self.run_worker(self.library.replay(pick), group="replay")

        self.push_screen(SavedGamesScreen(saved, purpose), chosen)

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

    def on_game_changed(self, message: GameChanged) -> None:
        game = message.game
        if game.ended:
            self.ended_cases.add(game.case.id)
        self.library.record(game, message.action, message.steps)

    def on_leave_game(self, message: LeaveGame) -> None:
        """Back to the title, saying where the game is kept unless it has ended."""
        game = message.game
        self.to_title()
        if game.ended:
            self.title_screen.refresh_menu(ended=True)
        else:
            notify(self, self.library.where(game), timeout=4)

    def on_save_copy(self, message: SaveCopy) -> None:
        self.library.ask_to_save_copy(message.game)

    def on_take_over(self, message: TakeOver) -> None:
        self.library.ask_to_take_over(message.recording, message.step)

    def on_unmount(self) -> None:
        try:
            self.store.close()
        except Exception as exc:  # leaving must not fail because of the store
            self.load_problems.append(f"whodunit: {exc}")

    # -- watch mode ----------------------------------------------------------------------------
    async def poll_pack(self, force: bool = False) -> Reload | None:
        """Look for edits of the pack (or reload it now, with `force`) and follow them."""
        return None if self.watching is None else await self.watching.poll(force)

    def action_reload_pack(self) -> None:
        if self.watching is None:
            notify(
                self, "F5 reloads the pack in watch mode: `whodunit play --watch PACK`.", timeout=3
            )
            return
        self.run_worker(self.poll_pack(force=True), group="watch")

    async def _reloaded(self, pack: Pack, game: Game | None) -> None:
        """Switch to a new version of the pack, and to `game` in place of the game in play."""
        self.pack = pack
        self.title_screen.show_pack(pack)
        if game is not None and self.game is not None:
            await self._swap_game(self.game, game)

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

    # -- keys typed for what is no longer there ------------------------------------------------
    def settle_keys(self) -> None:
        """From now on, drop the keys already typed but not yet handled: they were meant for
        what was on the screen when they were typed (a screen that has closed, a list before a
        step changed it), and must not reach the keys of what is shown now. A player who types
        on while a screen closes loses those letters, never starts a hint or a dialog. (A
        screen opening keeps the keys typed ahead for it: Enter on New game, then Enter on
        the first case.)"""
        from textual._time import get_time

        self._keys_from = get_time()

    def pop_screen(self) -> AwaitComplete:
        self.settle_keys()
        return super().pop_screen()

    def switch_screen(self, screen: Screen | str) -> AwaitComplete:
        self.settle_keys()
        return super().switch_screen(screen)

    def _stale(self, event: events.Event) -> bool:
        return isinstance(event, events.Key) and event.time < self._keys_from

    def _taken(self, event: events.Event) -> bool:
        """Whether the game's screen takes `event` as a letter of a word typed, before it goes
        anywhere else (`take_key` in screens/investigation.py)."""
        if not isinstance(event, events.Key):
            return False
        for screen in reversed(self.screen_stack):
            take_key = getattr(screen, "take_key", None)
            if take_key is not None:
                return bool(take_key(event))
        return False

    async def on_event(self, event: events.Event) -> None:
        # A key reaches the app twice: first (here) to be sent to the focused widget, then,
        # bubbled up from it, to run the bindings of the screen shown by then (`_on_key`).
        # Both are refused to a key typed before the screen changed. The letters of a word
        # typed go to the game's screen first, even across a dialog its first letter opened.
        forwarded = event.is_forwarded  # type: ignore[attr-defined]
        if not forwarded and (self._taken(event) or self._stale(event)):
            event.stop()
            return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # Textual runs App._on_key after this one unless the default is prevented.
        if self._stale(event):
            event.prevent_default()
            event.stop()

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

    def action_command_palette(self) -> None:
        """Ctrl+P: in a case it finds places, people and clues, and its box says so."""
        from textual.command import CommandPalette

        from .commands import CaseCommands

        if not self.use_command_palette or CommandPalette.is_open(self):  # type: ignore[arg-type]
            return
        finds_case = CaseCommands in getattr(self.screen, "COMMANDS", set())
        placeholder = "Find a place, person or clue…" if finds_case else "Find a command…"
        self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_cycle_theme(self) -> None:
        from .themes import CYCLE, THEME_NAMES

        index = CYCLE.index(self.theme) if self.theme in CYCLE else -1
        self.theme = CYCLE[(index + 1) % len(CYCLE)]
        notify(self, f"Theme: {THEME_NAMES[self.theme]}. Press t for the next one.", timeout=2)

    def on_resize(self) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        """Below 80x24 the game is covered by a plain word on the size it needs, instead of
        screens cut at the edges; it shows again as it was once the terminal is big enough."""
        from .screens.too_small import SMALLEST, TooSmallScreen

        width, height = self.size
        small = width < SMALLEST[0] or height < SMALLEST[1]
        covering = [s for s in self.screen_stack if isinstance(s, TooSmallScreen)]
        if small and not covering:
            self.push_screen(TooSmallScreen())
        elif not small and covering and self.screen is covering[-1]:
            self.pop_screen()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # type: ignore[attr-defined]

    # -- after the app has stopped ---------------------------------------------------------------
    def unsaved_walkthrough(self) -> str:
        """The game whose saving failed, as a plain-mode walkthrough, so that it is not lost."""
        return self.library.unsaved_walkthrough()


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
    if app.library.unsaved is not None:
        print(
            "whodunit: the last changes to this game could not be saved; here it is as a "
            "walkthrough, so that nothing is lost:",
            file=sys.stderr,
        )
        print(app.library.unsaved_walkthrough(), end="")
    return app.return_code or 0
