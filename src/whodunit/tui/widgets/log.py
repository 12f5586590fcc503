"""A scrolling log of what the player was told, one entry per message."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.widgets import Static

from ..render import message_text

if TYPE_CHECKING:
    from ..game import Entry


class LogView(VerticalScroll):
    """Entries are appended as they happen. A following log keeps the newest in view (until
    the player scrolls back, and again with the next entry)."""

    def __init__(self, *, follow: bool = True, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self.follows = follow

    def on_mount(self) -> None:
        if self.follows:
            self.anchor()

    def add(self, entries: Iterable[Entry]) -> None:
        widgets = [
            Static(message_text(e.message), classes=f"entry entry-{e.message.kind}")
            for e in entries
        ]
        if not widgets:
            return
        self.count += len(widgets)
        self.mount_all(widgets)
        if self.follows:
            self.call_after_refresh(self.scroll_end, animate=False)

    def follow(self, history: list[Entry]) -> None:
        """Show the entries of `history` not shown yet."""
        self.add(history[self.count :])
