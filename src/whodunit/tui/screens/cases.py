"""Choosing a case: a case opens once the cases it requires have ended."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..render import prose
from ..safe import literal
from ..widgets.choices import ChoiceList

if TYPE_CHECKING:
    from ...pack.model import Pack


class CasesScreen(Screen["str | None"]):
    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "pageup",
            "read(-1)",
            "Briefing",
            key_display="PgUp/PgDn",
            priority=True,
            tooltip="read the case's briefing a page up or down",
        ),
        Binding(
            "pagedown",
            "read(1)",
            "Briefing down a page",
            key_display="PgDn",
            priority=True,
            show=False,
        ),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, pack: Pack, ended: set[str]) -> None:
        super().__init__()
        self.pack = pack
        self.ended = ended

    def compose(self) -> ComposeResult:
        from ...engine import open_cases

        pack = self.pack
        can_open = set(open_cases(pack, self.ended))
        options = []
        for n, case in enumerate(pack.cases.values(), 1):
            if case.id in can_open:
                done = " (ended)" if case.id in self.ended else ""
                options.append(Option(literal(f"{n}. ", (case.title, "bold"), done), id=case.id))
            else:
                needs = [
                    pack.cases[r].title if r in pack.cases else r
                    for r in case.requires
                    if r not in self.ended
                ]
                options.append(
                    Option(
                        literal(
                            f"{n}. ",
                            case.title,
                            " (locked: finish ",
                            " and ".join(needs),
                            " first)",
                        ),
                        id=case.id,
                        disabled=True,
                    )
                )
        with Vertical(id="dialog"):
            yield Static(literal(("Choose a case", "bold")), classes="dialog-title")
            yield ChoiceList(*options, hang=3, id="case-list")
            first = next((pack.cases[c] for c in pack.cases if c in can_open), None)
            with VerticalScroll(id="case-briefing-box"):
                yield Static(literal(prose(first.briefing) if first else ""), id="case-briefing")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#case-list", ChoiceList).focus()

    @on(OptionList.OptionHighlighted, "#case-list")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        case = self.pack.cases.get(event.option_id or "")
        if case is not None:
            self.query_one("#case-briefing", Static).update(literal(prose(case.briefing)))
            self.query_one("#case-briefing-box").scroll_home(animate=False)

    def action_read(self, direction: int) -> None:
        """PgUp and PgDn read the briefing while the cursor stays on the case."""
        box = self.query_one("#case-briefing-box", VerticalScroll)
        if direction < 0:
            box.scroll_page_up(animate=False)
        else:
            box.scroll_page_down(animate=False)

    @on(OptionList.OptionSelected, "#case-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id in self.pack.cases:
            self.dismiss(event.option_id)
