"""The title screen: the game's name, the pack's title and notice (its credits, if it has
any: the notice belongs to the pack, never to the app) and the main menu."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..messages import MenuPicked
from ..safe import literal
from ..widgets.choices import ChoiceList

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.text import Text

    from ...pack.model import Pack
    from ...saves import Continue, SavedGame

NO_SAVES = "no saved games yet"
EVERY_GAME_ENDED = "every saved game has ended"
NOT_WATCHING = "no saves while watching"


@dataclass(frozen=True)
class Menu:
    """What the app knows that the menu shows."""

    choice: Continue  # what Continue takes up
    playing: str  # the title of the case of the game in memory, if any
    saves: bool  # there are saved games to load or replay
    opening: bool  # the store is still being opened
    watching: bool  # watch mode: nothing is saved


class TitleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game"),
        Binding("c", "continue_game", "Continue"),
        Binding("l", "load", "Load", show=False),
        Binding("r", "replay", "Replay", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, menu: Callable[[], Menu]) -> None:
        super().__init__()
        self.menu = menu
        self.pack: Pack | None = None  # once it has loaded

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(literal(("W H O D U N I T", "bold")), id="banner")
            yield Static(literal(("a deduction game for the terminal", "italic")), id="tagline")
            yield Static(literal("Loading the cases…"), id="pack-title")
            with Center():
                yield ChoiceList(*self.menu_options(), id="menu")
            yield Static(id="say")
            yield Static(id="notice")
        yield Footer()

    def menu_options(self) -> list[Option]:
        menu = self.menu()
        choice = menu.choice
        # While the pack loads, a store may not be open yet: say nothing about saves then.
        loading = self.pack is None and menu.opening
        if choice.taken == "game":
            cont = Option(literal("Continue: ", menu.playing), id="continue")
        elif choice.saved is not None:
            cont = Option(self._continue_label(choice.saved), id="continue")
        elif choice.case is not None and self.pack is not None:
            title = self.pack.cases[choice.case].title
            cont = Option(literal("Continue: ", title, " (new case)"), id="continue")
        elif choice.taken == "ended":
            cont = Option(literal(f"Continue ({EVERY_GAME_ENDED})"), disabled=True, id="continue")
        elif loading:
            cont = Option(literal("Continue"), disabled=True, id="continue")
        elif menu.watching:
            cont = Option(literal(f"Continue ({NOT_WATCHING})"), disabled=True, id="continue")
        else:
            cont = Option(literal(f"Continue ({NO_SAVES})"), disabled=True, id="continue")
        saved = menu.saves
        more = "" if saved or loading else f" ({NOT_WATCHING if menu.watching else NO_SAVES})"
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
        pack = self.pack
        if pack is not None and save is not None and save.case in pack.cases:
            steps = save.steps
            return literal(
                "Continue: ",
                pack.cases[save.case].title,
                f" (step {steps})" if steps else " (not begun)",
            )
        return literal("Continue: ", saved.label)

    def refresh_menu(self, ended: bool = False) -> None:
        """Show the menu again. Back from a game that has `ended`, the cursor goes to the next
        case if Continue begins one, else to New game (never to Quit, nor to an older save)."""
        menu = self.query_one("#menu", ChoiceList)
        if not ended:
            menu.fill(self.menu_options())
            return
        start = "continue" if self.menu().choice.taken == "case" else "new"
        menu.fill(self.menu_options(), keep=False, start=start)

    def on_screen_resume(self) -> None:
        if self.pack is not None:
            self.refresh_menu()

    def show_pack(self, pack: Pack) -> None:
        self.pack = pack
        self.query_one("#pack-title", Static).update(literal((pack.title, "bold")))
        notice = self.query_one("#notice", Static)
        notice.update(literal(pack.notice))
        notice.display = bool(pack.notice.strip())
        self.refresh_menu()

    def say(self, text: str) -> None:
        """A line under the menu (why a case asked for cannot start, say): on the screen
        itself, where a toast would cover the pack's notice."""
        said = self.query_one("#say", Static)
        said.update(literal((text, "bold")))
        said.display = bool(text)

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.app.post_message(MenuPicked(event.option_id))

    def action_new_game(self) -> None:
        self.app.post_message(MenuPicked("new"))

    def action_continue_game(self) -> None:
        self.app.post_message(MenuPicked("continue"))

    def action_load(self) -> None:
        self.app.post_message(MenuPicked("load"))

    def action_replay(self) -> None:
        self.app.post_message(MenuPicked("replay"))
