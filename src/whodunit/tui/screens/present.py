"""Choosing whom to show a clue to, from the evidence locker."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from ..safe import literal
from ..widgets.choices import BULLET, ChoiceList, choice

if TYPE_CHECKING:
    from ...engine import Game


class PresentScreen(ModalScreen["str | None"]):
    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, game: Game, clue: str) -> None:
        super().__init__()
        self.game = game
        self.clue = clue

    def compose(self) -> ComposeResult:
        from ...engine import open_suspects

        case, state = self.game.case, self.game.state
        shown = set(state.presented_to(self.clue))
        options = [
            choice(s.id, s.name or s.id, done=s.id in shown, note="shown" if s.id in shown else "")
            for s in open_suspects(case, state)
        ]
        with Vertical(id="present-box"):
            yield Static(
                literal("Show ", (case.clues[self.clue].name, "bold"), " to whom?"),
                classes="dialog-title",
            )
            yield ChoiceList(*options, marker=BULLET, id="present-list", letters_find=True)
            yield Static(
                literal(("Type a name to find it · Enter: show it · Escape: cancel", "italic")),
                classes="dialog-keys",
            )

    @on(OptionList.OptionSelected, "#present-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
