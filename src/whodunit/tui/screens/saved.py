"""Choosing a saved game, to load it or to replay it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..safe import literal
from ..widgets.choices import ChoiceList

if TYPE_CHECKING:
    from ...saves import SavedGame


class SavedGamesScreen(Screen["SavedGame | None"]):
    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, saved: Sequence[SavedGame], purpose: str) -> None:
        super().__init__()
        self.saved = list(saved)
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        verb = "load" if self.purpose == "load" else "replay"
        with Vertical(id="dialog"):
            yield Static(literal((f"Choose a game to {verb}", "bold")), classes="dialog-title")
            yield ChoiceList(
                *(Option(literal(s.label), id=str(n)) for n, s in enumerate(self.saved)),
                id="saved-list",
            )
        yield Footer()

    @on(OptionList.OptionSelected, "#saved-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.saved[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
