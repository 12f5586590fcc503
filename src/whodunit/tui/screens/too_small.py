"""Over everything while the terminal is smaller than the game needs: the size it needs, said
plainly, in place of screens cut at their edges."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from ..safe import literal

SMALLEST = (80, 24)  # columns, lines


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS: ClassVar[str] = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen #too-small {
        width: 100%;
        height: auto;
        padding: 0 1;
        text-align: center;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self._say()

    def on_resize(self) -> None:
        self._say()

    def _say(self) -> None:
        width, height = self.app.size
        need_w, need_h = SMALLEST
        self.query_one("#too-small", Static).update(
            literal(
                ("whodunit needs a terminal of at least ", "bold"),
                (f"{need_w} columns by {need_h} lines", "bold"),
                ".\n",
                f"This one is {width} by {height}. Make the window larger (or the font "
                "smaller) and the game comes back as you left it.\n",
                ("Ctrl+Q quits.", "italic"),
            )
        )
