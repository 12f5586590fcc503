"""The one-line status: the case or the person questioned, and progress in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ..render import one_line, progress
from ..safe import literal

if TYPE_CHECKING:
    from ...engine import Game


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="status-title")
        yield Static(id="status-stats")

    def show(self, game: Game, title: str | None = None) -> None:
        name = game.case.title if title is None else title
        self.query_one("#status-title", Static).update(one_line(literal((name, "bold"))))
        self.query_one("#status-stats", Static).update(
            one_line(literal(progress(game.case, game.state)))
        )
