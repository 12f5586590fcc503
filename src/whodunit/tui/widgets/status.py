"""The one-line status: the case or the person questioned, and progress in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Span
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ..render import one_line, progress
from ..safe import literal

if TYPE_CHECKING:
    from ...engine import Game


class StatusBar(Horizontal):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.shown: dict[str | None, tuple[str, list[Span]]] = {}  # each Static's text now

    def compose(self) -> ComposeResult:
        yield Static(id="status-title")
        yield Static(id="status-stats")

    def show(self, game: Game, title: str | None = None) -> None:
        name = game.case.title if title is None else title
        for static, text in (
            (self.query_one("#status-title", Static), literal((name, "bold"))),
            (self.query_one("#status-stats", Static), literal(progress(game.case, game.state))),
        ):
            # Updating a Static lays the screen out again: only when its text changes.
            if (text.plain, text.spans) != self.shown.get(static.id):
                self.shown[static.id] = (text.plain, text.spans)
                static.update(one_line(text))
