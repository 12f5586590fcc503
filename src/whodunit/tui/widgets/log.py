"""A scrolling log of what the player was told, one entry per message.

The log is one line-based view (Textual's `ScrollView`): each entry is wrapped once, at the
log's width, into lines kept beside the line it starts at, and only the lines in view are
drawn. Adding an entry adds lines and grows the log's height; no widget is mounted, so the
screen is not laid out again for it, and the new entry is scrolled to in the same frame."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from ..render import message_view
from ..safe import literal

if TYPE_CHECKING:
    from textual.events import Resize
    from textual.selection import Selection

    from ...engine import Entry

SHOWN = 200  # entries a log shows when it starts on a game already under way

# Kinds of message set apart by a bar on their left (and the look of each, in app.tcss).
BARS = {
    "clue": "clue",
    "hint": "hint",
    "verdict": "verdict",
    "ending": "verdict",
    "rating": "verdict",
    "truth": "verdict",
    "connection": "connection",
}
THICK, DOUBLE = "█", "║"


@dataclass
class Shown:
    """One entry as the log shows it: what it tells of (the message's kind and ref), and its
    lines at the width they were wrapped to."""

    view: RenderableType
    kind: str
    about: tuple[str, str] | None
    lines: list[Strip] = field(default_factory=list)
    top: int = 0  # the log's line it starts at

    @property
    def plain(self) -> str:
        """The entry's words, without styles."""
        parts = self.view.renderables if isinstance(self.view, Group) else [self.view]
        return "\n".join(p.plain if isinstance(p, Text) else str(p) for p in parts)


class LogView(ScrollView, can_focus=True):
    """Entries are appended as they happen. A following log scrolls so that what was just
    added is in view from its first line."""

    DEFAULT_CSS = """
    LogView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "logview--clue",
        "logview--hint",
        "logview--verdict",
        "logview--connection",
        "logview--reread",
        "logview--unlock",
    }

    def __init__(
        self, *, follow: bool = True, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0  # entries of the history accounted for (shown, or left out at the start)
        self.entries: list[Shown] = []
        self.follows = follow
        self.unseen: int | None = None  # the first entry not yet scrolled into view
        self.latest: int | None = None  # the first entry of what was told last
        self.pinned: float | None = None  # where the log was put to show `latest`, if still so
        self.reread_at: int | None = None  # the entry marked as read again, if any
        self.shown = SHOWN  # the most entries a game already under way starts with
        self.earlier = ""  # where to read what is left out then, if anywhere
        self._lines: list[Strip] = []
        self._gutters: list[int] = []  # the cells before each line's text (a bar and a space)
        self._width = 0  # the width the entries' lines were wrapped to (0: not yet)
        self._wrapped = 0  # entries wrapped at that width, from the first
        self._look: object = None  # the styles the lines were drawn in

    # -- what is shown ------------------------------------------------------------------------
    def add(self, entries: Iterable[Entry], *, lay_out: bool = True) -> None:
        new = [
            Shown(message_view(e.message), e.message.kind, (e.message.kind, e.message.ref))
            for e in entries
        ]
        if not new:
            return
        self._unmark()
        first = len(self.entries)
        self.entries += new
        self.count += len(new)
        if self.follows:
            self.unseen = first if self.unseen is None else self.unseen
            self.latest = first
        if lay_out:
            self._lay_out()

    def follow(self, history: list[Entry]) -> None:
        """Show the entries of `history` not shown yet."""
        self.add(history[self.count :])

    def start(self, history: list[Entry]) -> None:
        """Show a game's history so far, in view from the first thing its last step told (all
        of it for a game just begun), and follow it from there. A long game shows its last
        `shown` entries, so that loading or replaying it stays quick; `earlier` says where to
        read the rest."""
        hidden = max(0, len(history) - self.shown)
        if hidden or (history and history[0].step > 0):  # a history kept from a later step
            if self.earlier:
                note = f"(Earlier entries are not shown here: {self.earlier}.)"
            else:
                note = f"({hidden} earlier entries are not shown here.)"
            self.entries.append(Shown(literal((note, "italic")), "unlock", None))
            self.count = hidden
            history = history[hidden:]
        last = history[-1].step if history else 0
        split = next((i for i, e in enumerate(history) if e.step == last), 0)
        follows, self.follows = self.follows, False
        # What came before the last step, out of view above it; then the last step. Both are
        # wrapped together, once.
        self.add(history[:split], lay_out=False)
        self.follows = follows
        self.add(history[split:], lay_out=False)
        self._lay_out()

    async def reset(self, history: list[Entry]) -> None:
        """Show `history` instead of what is shown (a game replaced by another: a replay moved
        back, or a pack reloaded), then follow it as before."""
        self.entries = []
        self._lines, self._gutters = [], []
        self._width = self._wrapped = 0  # the width is chosen again for what is shown now
        self.count = 0
        self.unseen = self.latest = self.reread_at = None
        self.pinned = None
        self.scroll_to(y=0, animate=False, force=True)
        self.start(history)

    # -- where the log is scrolled ------------------------------------------------------------
    def catch_up(self) -> None:
        """Bring the entries added since last time into view: the first of them at the top, or
        as near the top as the end of the log allows (once the log has a width to wrap them
        to; until then it waits, and catches up when it is laid out)."""
        first = self.unseen
        if first is None or not self._width:
            return
        self.unseen = None
        self._show_from(first)

    def _show_from(self, index: int) -> None:
        """Scroll so that entry `index` starts at the top (or as near as the end allows), and
        remember it: if the entries reflow later (a new width, a scrollbar come or gone), the
        log is put back on it unless the reader has scrolled since."""
        self.scroll_to(y=self.entries[index].top, animate=False, force=True)
        self.pinned = self.scroll_target_y

    def reread(self, kind: str, ref: str) -> bool:
        """Bring the last entry of `kind` about `ref` back into view, marked as read again;
        False if it is not among the entries shown."""
        self._unmark()
        shown = [i for i, e in enumerate(self.entries) if e.about == (kind, ref)]
        if not shown:
            return False
        self.reread_at = shown[-1]
        self.unseen = None
        self.pinned = None
        if self._width:
            self._wrap_again(shown[-1])
            self.scroll_to(y=self.entries[shown[-1]].top, animate=False, force=True)
        return True

    def show_latest(self) -> None:
        """Show what was told last, from its first line (as far down as the log goes): after
        a resize reflows it, or back from questioning."""
        if self.unseen is not None:
            self.catch_up()
            return
        if self.latest is None or self.latest >= len(self.entries):
            if self.follows:  # a log that does not follow stays where the reader has it
                self.scroll_end(animate=False, immediate=True)
            return
        if self._width:
            self._show_from(self.latest)

    def on_resize(self, _: Resize) -> None:
        # The entries reflow at the new width: the old scroll offset would land on an old one.
        self._unmark()
        self._lay_out()
        self.show_latest()

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # A scrollbar come or gone changes the width the entries wrap to (`_lay_out` has
        # usually wrapped them for it already). A scrollbar come after the log was scrolled
        # starts with its thumb at the top: it is put where the log is.
        if shown:
            self.vertical_scrollbar.position = self.scroll_y
        self.call_next(self._lay_out)

    def notify_style_update(self) -> None:
        # A theme changed (or the focus, which frames the log): the lines keep their colours,
        # so they are drawn again if the colours they were drawn in are not the same.
        super().notify_style_update()
        if self._width:
            self.call_next(self._redraw_if_restyled)

    def _redraw_if_restyled(self) -> None:
        if self._width and self._styles_now() != self._look:
            self._width = 0
            self._lay_out()

    def _styles_now(self) -> object:
        return (
            self.visual_style,
            *(self.get_visual_style(c) for c in sorted(self.COMPONENT_CLASSES)),
        )

    # -- lines --------------------------------------------------------------------------------
    def _unmark(self) -> None:
        marked, self.reread_at = self.reread_at, None
        if marked is not None and marked < self._wrapped:
            self._wrap_again(marked)

    def _lay_out(self) -> None:
        """Wrap the entries not wrapped yet (all of them at a new width), and keep what was
        told last in view if the reader has not scrolled away from it.

        The width is chosen here, scrollbar and all: the lines are wrapped beside a scrollbar
        when they would not fit in the log's height without one, so that Textual's layout
        finds the scrollbar it expects and the log is not wrapped and laid out a second time."""
        full, height = self.container_size
        if full <= 0:
            return  # not laid out yet: done when it is (`on_resize`)
        narrow = max(1, full - self.styles.scrollbar_size_vertical)
        if self._width in (full, narrow):
            added = self._wrapped < len(self.entries)
            if added:
                self._wrap_from(self._wrapped, self._width)
            reflowed = True
            if self._width == full and len(self._lines) > height:
                self._wrap_from(0, narrow)  # a scrollbar is needed now
            elif self._width == narrow < full and len(self._lines) <= height:
                self._wrap_from(0, full)  # and no longer (taller, or another game shown)
            elif added:
                reflowed = False
            else:
                return
        else:
            reflowed = True
            self._look = self._styles_now()
            self._wrap_from(0, narrow)
            if len(self._lines) <= height:
                self._wrap_from(0, full)
        pinned = self.pinned is not None and self.scroll_target_y == self.pinned
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()
        if self.unseen is not None:
            self.catch_up()
        elif reflowed and pinned and self.latest is not None:
            self._show_from(self.latest)
        elif reflowed and self.reread_at is not None:
            self.scroll_to(y=self.entries[self.reread_at].top, animate=False, force=True)

    def _wrap_from(self, first: int, width: int) -> None:
        """Wrap the entries from `first` on at `width` (from the start: all of them)."""
        if first == 0:
            self._lines, self._gutters = [], []
        self._width = width
        for index in range(first, len(self.entries)):
            entry = self.entries[index]
            entry.lines = self._wrap(entry, index == self.reread_at)
            self._place(entry, index == self.reread_at)
        self._wrapped = len(self.entries)

    def _place(self, entry: Shown, reread: bool) -> None:
        entry.top = len(self._lines)
        self._lines += entry.lines
        gutter = 2 if reread or entry.kind in BARS else 0
        self._gutters += [gutter] * len(entry.lines)
        self._lines.append(Strip.blank(self._width))  # the space between two entries
        self._gutters.append(0)

    def _wrap_again(self, index: int) -> None:
        """Draw one entry again at the same width (marked as read again, or not: a bar comes
        or goes, so its text may take another number of lines)."""
        entry = self.entries[index]
        entry.lines = self._wrap(entry, index == self.reread_at)
        self._lines, self._gutters = [], []
        for n, each in enumerate(self.entries[: self._wrapped]):
            self._place(each, n == self.reread_at)
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    def _wrap(self, entry: Shown, reread: bool) -> list[Strip]:
        base = self.visual_style
        look = "reread" if reread else BARS.get(entry.kind)
        if entry.kind == "unlock":
            base = self.get_visual_style("logview--unlock")
        # The last column stays clear, so no word runs into the scrollbar.
        if look is None:
            width = max(1, self._width - 1)
            return Visual.to_strips(self, visualize(self, entry.view), width, None, base)
        width = max(1, self._width - 3)
        lines = Visual.to_strips(self, visualize(self, entry.view), width, None, base)
        bar_style = self.get_visual_style(f"logview--{look}").rich_style
        bar = [Segment(DOUBLE if reread else THICK, bar_style), Segment(" ", base.rich_style)]
        return [Strip(bar + list(line), line.cell_length + 2) for line in lines]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        style = self.visual_style.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        line = self._lines[index]
        gutter = self._gutters[index]
        selection = self.text_selection
        span = selection.get_span(index) if selection is not None else None
        if span is not None:  # text selected with the mouse, shown as Textual shows it
            start, end = span
            end = line.cell_length if end == -1 else min(gutter + end, line.cell_length)
            start = min(gutter + start, end)
            before, chosen, after = line.divide([start, end, line.cell_length])
            chosen = chosen.apply_style(self.screen.get_component_rich_style("screen--selection"))
            line = Strip.join([before, chosen, after])
        line = line.crop_extend(scroll_x, scroll_x + width, style).apply_style(style)
        return self._with_offsets(line, gutter, index)

    @staticmethod
    def _with_offsets(line: Strip, gutter: int, y: int) -> Strip:
        """The line with each cell's place in the log's text, which Textual's mouse selection
        reads (the bar before an entry's text counts as its first cell)."""
        segments, x = [], -gutter
        for text, style, control in line:
            meta = RichStyle.from_meta({"offset": (max(0, x), y)})
            segments.append(Segment(text, style + meta if style else meta, control))
            x += len(text)
        return Strip(segments, line.cell_length)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        text = "\n".join(
            line.text[gutter:].rstrip()
            for line, gutter in zip(self._lines, self._gutters, strict=True)
        )
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()
