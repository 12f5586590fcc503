"""The title screen: the game's name, the fan-work notice and the main menu."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..safe import literal, notify
from ..widgets.choices import ChoiceList

if TYPE_CHECKING:
    from rich.text import Text

    from ...pack.model import Pack
    from ...saves import SavedGame
    from ..app import WhodunitApp

NO_SAVES = "no saved games yet"
EVERY_GAME_ENDED = "every saved game has ended"
NOT_WATCHING = "no saves while watching"


class TitleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game"),
        Binding("c", "continue_game", "Continue"),
        Binding("l", "load", "Load", show=False),
        Binding("r", "replay", "Replay", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]
    app: WhodunitApp

    def __init__(self, notice: str) -> None:
        super().__init__()
        self.notice = notice

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(literal(("W H O D U N I T", "bold")), id="banner")
            yield Static(literal(("a deduction game for the terminal", "italic")), id="tagline")
            yield Static(literal("Loading the cases…"), id="pack-title")
            with Center():
                yield ChoiceList(*self.menu_options(), id="menu")
            yield Static(literal(self.notice), id="notice")
        yield Footer()

    def menu_options(self) -> list[Option]:
        app = self.app
        choice = app.continue_choice()
        saved = app.saved_games()
        # While the pack loads, a store may not be open yet: say nothing about saves then.
        loading = app.pack is None and app._store_opens
        if choice is not None and choice.taken == "game" and app.game is not None:
            cont = Option(literal("Continue: ", app.game.case.title), id="continue")
        elif choice is not None and choice.saved is not None:
            cont = Option(self._continue_label(choice.saved), id="continue")
        elif choice is not None and choice.case is not None and app.pack is not None:
            title = app.pack.cases[choice.case].title
            cont = Option(literal("Continue: ", title, " (new case)"), id="continue")
        elif choice is not None and choice.taken == "ended":
            cont = Option(literal(f"Continue ({EVERY_GAME_ENDED})"), disabled=True, id="continue")
        elif loading:
            cont = Option(literal("Continue"), disabled=True, id="continue")
        elif app.watch:
            cont = Option(literal(f"Continue ({NOT_WATCHING})"), disabled=True, id="continue")
        else:
            cont = Option(literal(f"Continue ({NO_SAVES})"), disabled=True, id="continue")
        more = "" if saved or loading else f" ({NOT_WATCHING if app.watch else NO_SAVES})"
        return [
            Option(literal("New game"), id="new"),
            cont,
            Option(literal("Load a game" + more), disabled=not saved, id="load"),
            Option(literal("Replay a game" + more), disabled=not saved, id="replay"),
            Option(literal("Help and keys"), id="help"),
            Option(literal("Quit"), id="quit"),
        ]

    def _continue_label(self, saved: SavedGame) -> Text:
        """`Continue: CASE (step N)` for a save the store describes, else the store's label."""
        save = saved.info.save if saved.info is not None else None
        pack = self.app.pack
        if pack is not None and save is not None and save.case in pack.cases:
            steps = save.steps
            return literal(
                "Continue: ",
                pack.cases[save.case].title,
                f" (step {steps})" if steps else " (not begun)",
            )
        return literal("Continue: ", saved.label)

    def refresh_menu(self) -> None:
        menu = self.query_one("#menu", ChoiceList)
        menu.fill(self.menu_options())

    def on_screen_resume(self) -> None:
        if self.app.pack is not None:
            self.refresh_menu()

    def show_pack(self, pack: Pack) -> None:
        self.query_one("#pack-title", Static).update(literal((pack.title, "bold")))
        if pack.notice:
            self.query_one("#notice", Static).update(literal(pack.notice))
        self.refresh_menu()

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        actions = {
            "new": self.action_new_game,
            "continue": self.action_continue_game,
            "load": self.action_load,
            "replay": self.action_replay,
            "help": self.app.action_help,
            "quit": self.app.exit,
        }
        action = actions.get(event.option_id or "")
        if action is not None:
            action()

    def action_new_game(self) -> None:
        self.run_worker(self._new_game(), group="menu", exclusive=True)

    async def _new_game(self) -> None:
        from .cases import CasesScreen

        if self.app.pack is None:
            notify(self.app, "Loading the cases…", timeout=1)
        pack = await self.app.wait_for_pack()
        self.app.push_screen(CasesScreen(pack, set(self.app.ended_cases)))

    def action_continue_game(self) -> None:
        self.run_worker(self._continue(), group="menu", exclusive=True)

    async def _continue(self) -> None:
        await self.app.wait_for_pack()  # the saved games are known once the pack has loaded
        self.app.continue_game()

    def action_load(self) -> None:
        self.run_worker(self._pick("load"), group="menu", exclusive=True)

    def action_replay(self) -> None:
        self.run_worker(self._pick("replay"), group="menu", exclusive=True)

    async def _pick(self, purpose: str) -> None:
        from .saved import SavedGamesScreen

        await self.app.wait_for_pack()
        saved = self.app.saved_games()
        if not saved:
            notify(self.app, "There are no saved games yet.")
            return

        def chosen(pick: object) -> None:
            if pick is None:
                return
            if purpose == "load":
                self.app.run_worker(self.app.load_saved(pick), group="load")  # type: ignore[arg-type]
            else:
                self.app.open_replay(pick)  # type: ignore[arg-type]

        self.app.push_screen(SavedGamesScreen(saved, purpose), chosen)
