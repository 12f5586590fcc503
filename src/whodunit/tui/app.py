"""The whodunit app: a title screen first, the pack loaded after the first frame, then the
investigation. Screens live in `screens/`, widgets in `widgets/`, styles in `styles/`."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from .safe import notify
from .screens.title import TitleScreen

if TYPE_CHECKING:
    from ..engine import Action, Outcome
    from ..pack.model import Pack
    from .game import Game
    from .seam import GameStore, SavedGame

T = TypeVar("T")

NOTICE = (
    "A fan-made game set in the world of the Netflix series Tiny Pretty Things (developed by "
    "Michael MacLennan, from the novel by Dhonielle Clayton and Sona Charaipotra). Not affiliated "
    "with Netflix or the authors."
)


def _read_pack(path: Path | None) -> tuple[Pack | None, list[str]]:
    """Load the pack (in a worker thread), and warm the engine's imports on the way."""
    from .. import engine  # noqa: F401
    from ..pack.builtin import PackNotFound, resolve_pack
    from ..pack.findings import Severity
    from ..pack.loader import load_pack

    try:
        where = path if path is not None else resolve_pack(None)
    except PackNotFound as exc:
        return None, [f"whodunit: {exc}"]
    pack, findings = load_pack(where)
    if pack is None:
        problems = [str(f) for f in findings if f.severity is Severity.ERROR]
        problems.append(
            f"whodunit: cannot play '{where}': fix the errors above (`whodunit validate {where}`)"
        )
        return None, problems
    return pack, []


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
    ]

    def __init__(
        self,
        pack_path: str | Path | None = None,
        case_id: str | None = None,
        *,
        store: GameStore | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.pack_path = Path(pack_path) if pack_path is not None else None
        self.case_id = case_id
        self.store = store
        self.cursor_blink = cursor_blink
        self.pack: Pack | None = None
        self.load_problems: list[str] = []
        self.game: Game | None = None
        self.ended_cases: set[str] = set()
        self._pack_ready = asyncio.Event()

    # -- start-up --------------------------------------------------------------------------
    def get_default_screen(self) -> TitleScreen:
        return TitleScreen(NOTICE)

    def on_mount(self) -> None:
        from .themes import HIGH_CONTRAST

        self.register_theme(HIGH_CONTRAST)
        self.call_after_refresh(self._begin_loading)

    def _begin_loading(self) -> None:
        self.run_worker(self._load(), name="load-pack", group="pack", exclusive=True)

    async def _load(self) -> None:
        pack, problems = await _in_daemon_thread(_read_pack, self.pack_path)
        self.load_problems = problems
        if pack is None:
            self.exit(return_code=1)
            return
        self.pack = pack
        if self.store is not None:
            try:
                self.ended_cases |= set(self.store.ended_cases())
            except Exception as exc:  # a broken store must not stop the game
                notify(self, str(exc), title="Saved games", severity="error")
        self._pack_ready.set()
        self.title_screen.show_pack(pack)
        if self.case_id is not None:
            if self.case_id in pack.cases:
                self.start_case(self.case_id)
            else:
                notify(self, f"There is no case '{self.case_id}' in this pack; "
                       f"its cases: {', '.join(pack.cases)}.", severity="error")

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
        from .game import Game

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
        """Autosave through the store, if there is one (after each action and note)."""
        if self.store is None:
            return
        try:
            self.store.record(game)
        except Exception as exc:  # saving must never cost the player the game in memory
            notify(self, str(exc), title="Could not save", severity="error")

    def saved_games(self) -> list[SavedGame]:
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

    def continue_game(self) -> None:
        game = self.resumable()
        if game is not None:
            self.show_game(game)
            return
        saved = self.saved_games()
        if saved:
            self.run_worker(self.load_saved(saved[0]), group="load")
        else:
            notify(self, "There are no saved games yet.")

    async def load_saved(self, saved: SavedGame) -> None:
        from ..engine import InvalidStep
        from .game import Game

        pack = await self.wait_for_pack()
        assert self.store is not None
        try:
            loaded = self.store.load(saved, pack)
            case = pack.cases[loaded.case_id]
            game = Game.from_log(pack, case, loaded.actions, loaded.notes)
        except InvalidStep as exc:
            notify(self, f"{saved.label}: {exc}", title="Cannot load", severity="error")
            return
        except KeyError:
            notify(self, f"{saved.label}: this pack has no case '{saved.case_id}'.",
                   title="Cannot load", severity="error")
            return
        except Exception as exc:
            notify(self, str(exc), title="Cannot load", severity="error")
            return
        if loaded.remark:
            notify(self, loaded.remark, title="Loaded")
        self.show_game(game)

    def open_replay(self, saved: SavedGame) -> None:
        """Replay a saved game step by step: the saves layer fills this in."""
        notify(self, "Replays are not available in this version yet.")

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

    # -- keys everywhere ------------------------------------------------------------------------
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


def run_app(pack_name: str | None, case_id: str | None, mouse: bool = True,
            store: GameStore | None = None) -> int:
    """Run the UI on a pack (a folder, or a built-in pack's id; None for the default)."""
    from ..pack.builtin import PackNotFound, resolve_pack

    path: Path | None = None
    if pack_name is not None:
        try:
            path = resolve_pack(pack_name)
        except PackNotFound as exc:
            print(f"whodunit: {exc}", file=sys.stderr)
            return 1
    app = WhodunitApp(path, case_id, store=store)
    app.run(mouse=mouse)
    for problem in app.load_problems:
        print(problem, file=sys.stderr)
    return app.return_code or 0
