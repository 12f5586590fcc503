"""A list to pick from that narrows as the player types: the choices of a claim, the clues to
prove it with, the things to put together."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets.option_list import Option

from ..safe import literal
from .choices import ChoiceList


class FilterList(ChoiceList):
    """Typing filters the list: each word typed must appear in a choice for it to stay (in any
    order, any case), so Space separates words and never picks anything. Letters typed here
    never reach the screen's keys. A letter or digit starts the filter (so does `/`, as in the
    other lists); Backspace takes a character back; Escape clears the filter, and only when it is
    empty goes back. Enter picks what the cursor is on; arrows move among what is left."""

    class Filtered(Message):
        """The filter changed (to `text`)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(
        self,
        *,
        marker: str = "",
        hang: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(marker=marker, hang=hang, id=id, classes=classes)
        self.items: list[Option] = []
        self.filter = ""
        self.filtering = False  # `/` pressed, or something typed: the filter is on

    def set_items(self, items: Iterable[Option], start: str | None = None) -> None:
        """The choices (all of them; the filter is cleared), the cursor on `start` if given."""
        self.items = list(items)
        self.filter, self.filtering = "", False
        self._show(start)

    def _texts(self, option: Option) -> str:
        prompt = option.prompt
        return (prompt.plain if isinstance(prompt, Text) else str(prompt)).casefold()

    def _show(self, start: str | None = None) -> None:
        words = self.filter.casefold().split()
        shown = [o for o in self.items if all(w in self._texts(o) for w in words)]
        if self.items and not shown:
            shown = [
                Option(
                    literal(
                        (f"Nothing matches “{self.filter.strip()}”. ", "italic"),
                        ("Backspace takes a letter back; Escape clears it.", "italic"),
                    ),
                    disabled=True,
                )
            ]
        current = start
        if current is None and self.highlighted_option is not None:
            current = self.highlighted_option.id
        self.clear_options()
        self.add_options(shown)
        ids = [o.id for o in self.options]
        if current is not None and current in ids:
            self.highlighted = ids.index(current)
        else:
            self._highlight_near(0)
        self.border_subtitle = f"filter: {self.filter}▏" if self.filtering else ""
        self.post_message(self.Filtered(self.filter if self.filtering else ""))

    def set_filter(self, text: str | None) -> None:
        """Filter by `text` (None: no filter at all)."""
        self.filtering = text is not None
        self.filter = text or ""
        self._show()

    def action_find(self) -> None:
        self.set_filter(self.filter)

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if event.key == "escape":
            if not self.filtering:
                return  # the screen's Escape: back
            self.set_filter(None)
        elif event.key == "backspace":
            if not self.filtering:
                return
            self.set_filter(self.filter[:-1] if self.filter else None)
        elif char is not None and len(char) == 1 and char.isprintable():
            if not self.filtering and not (char.isalnum() or char == "/"):
                return  # Space, ? and the like do what they do elsewhere until a filter starts
            if not self.filtering and char == "/":
                self.set_filter("")
            else:
                self.set_filter(self.filter + char)
        else:
            return  # Enter, arrows and the rest keep their meaning; the filter stays
        event.stop()
        event.prevent_default()
