"""A list to pick from that narrows as the player types: the choices of a claim, the clues to
prove it with, the things to put together."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets.option_list import Option

from ..safe import literal
from .choices import WORD_STARTS, ChoiceList, folded, starts_word, word_rank

IN_NAME, HOLDS = 4, 5  # the ranks of a choice that holds the letters typed inside a word


def match_rank(name: str, rest: str, words: list[str]) -> int | None:
    """How well a choice with `name` and `rest` (casefolded) answers the typed `words`, best
    first: as its name does (`word_rank`: 0 it starts with them, 1 they start its words in
    order, 2 in any order), each starts a word of the name or the rest (3), or is in the name
    (IN_NAME), or anywhere (HOLDS); None when some word is nowhere."""
    if not all(w in name or w in rest for w in words):
        return None
    rank = word_rank(name, words)
    if rank is not None and rank < WORD_STARTS:
        return rank
    tokens = f"{name} {rest}".split()
    if all(any(starts_word(t, w) for t in tokens) for w in words):
        return 3
    return IN_NAME if rank is not None else HOLDS


class FilterList(ChoiceList):
    """Typing filters the list: each word typed must start a word of a choice for it to stay (in
    any order, any case; only when no choice has such words, a choice that holds the letters
    stays), so Space separates words and never picks anything. Choices whose name matches come
    before those where only what is said under the name does, and whenever the filter changes
    the cursor goes to the first of them. Letters typed here
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
        self.anew = False  # the filter was kept after a pick: what is typed next replaces it

    def set_items(
        self, items: Iterable[Option], start: str | None = None, keep_filter: bool = False
    ) -> None:
        """The choices (all of them), the cursor on `start` if given. The filter is cleared,
        unless `keep_filter`: then the list stays as the player saw it, and the next letter
        typed starts a new filter (a pick made in a filtered list)."""
        self.items = list(items)
        if keep_filter and self.filtering:
            self.anew = True
        else:
            self.filter, self.filtering, self.anew = "", False, False
        self._show(start)

    def _texts(self, option: Option) -> tuple[str, str]:
        """The choice's name (its first line) and the rest (what is said under it)."""
        prompt = option.prompt
        text = folded(prompt.plain if isinstance(prompt, Text) else str(prompt))
        name, _, rest = text.partition("\n")
        return name.removeprefix("[first] "), rest

    def _shown(self) -> list[Option]:
        """The choices the filter keeps, best first: each word typed must start a word of the
        choice (so the first letter typed already narrows the list), its name before what is
        said under it; only when no choice has such words, any that holds the letters."""
        words = folded(self.filter).split()
        if not words:
            return list(self.items)
        ranked: list[tuple[int, int, Option]] = []
        for n, option in enumerate(self.items):
            rank = match_rank(*self._texts(option), words)
            if rank is not None:
                ranked.append((rank, n, option))
        starting = [r for r in ranked if r[0] < IN_NAME]
        return [option for _, _, option in sorted(starting or ranked, key=lambda r: r[:2])]

    def _show(self, start: str | None = None, first: bool = False) -> None:
        shown = self._shown()
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
        if current is None and self.highlighted_option is not None and not first:
            current = self.highlighted_option.id
        was_at = round(self.scroll_y)
        self.clear_options()
        self.add_options(shown)
        ids = [o.id for o in self.options]
        if current is not None and current in ids:
            self.highlighted = ids.index(current)
            if not first:  # the same list, refilled: it stays where it was
                self.scroll_to(y=was_at, animate=False, force=True, immediate=True)
                self.scroll_to_highlight()
        else:  # the filter changed: the cursor on the best match, never a row left from before
            self._highlight_near(0)
        self.border_subtitle = f"filter: {self.filter}▏" if self.filtering else ""
        if self.filtering and self.anew:
            self.border_subtitle += " (typing starts anew)"
        self.post_message(self.Filtered(self.filter if self.filtering else ""))

    def set_filter(self, text: str | None) -> None:
        """Filter by `text` (None: no filter at all)."""
        self.anew = False
        changed = (text or "") != self.filter
        self.filtering = text is not None
        self.filter = text or ""
        self._show(first=changed)

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
            if self.anew and (char.isalnum() or char == "/"):
                self.set_filter("" if char == "/" else char)
            elif not self.filtering and char == "/":
                self.set_filter("")
            else:
                self.set_filter(self.filter + char)
        else:
            return  # Enter, arrows and the rest keep their meaning; the filter stays
        event.stop()
        event.prevent_default()
