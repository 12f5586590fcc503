"""A scrolling log of what the player was told, one entry per message."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.widgets import Static

from ..render import message_view
from ..safe import literal

if TYPE_CHECKING:
    from ...engine import Entry

SHOWN = 200  # entries a log shows when it starts on a game already under way


class EntryView(Static):
    """One entry of the log, knowing what it tells of (the message's kind and ref)."""

    def __init__(self, entry: Entry) -> None:
        m = entry.message
        super().__init__(message_view(m), classes=f"entry entry-{m.kind}")
        self.about = (m.kind, m.ref)


class LogView(VerticalScroll):
    """Entries are appended as they happen. A following log scrolls so that what was just
    added is in view from its first line (once its screen shows, if it is in the background)."""

    def __init__(
        self, *, follow: bool = True, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self.follows = follow
        self.unseen: Static | None = None  # the first entry not yet scrolled into view
        self.latest: Static | None = None  # the first entry of what was told last
        self.pinned: float | None = None  # where the log was put to show `latest`, if still so
        self.shown = SHOWN  # the most entries a game already under way starts with
        self.earlier = ""  # where to read what is left out then, if anywhere

    def add(self, entries: Iterable[Entry]) -> None:
        widgets = [EntryView(e) for e in entries]
        if not widgets:
            return
        for widget in self.query(".-reread"):
            widget.remove_class("-reread")
        self.count += len(widgets)
        mounted = self.mount_all(widgets)
        if self.follows:
            self.unseen = self.unseen or widgets[0]
            self.latest = widgets[0]

            async def when_mounted() -> None:
                await mounted
                self.call_after_refresh(self.catch_up)

            self.call_next(when_mounted)

    def catch_up(self, tries: int = 5) -> None:
        """Bring the entries added since last time into view: the first of them at the top, or
        as near the top as the end of the log allows. Waits until they have been laid out (a
        screen in the background is laid out when it shows again; after the command palette,
        Textual holds back the screen's updates for a moment): until then the log stays where
        it is, and it tries again once they are in (`watch_virtual_size`)."""
        first = self.unseen
        if first is None or not self.is_attached or not self.screen.is_current:
            return
        if not self.children[-1].region:
            if tries > 0:
                self.call_after_refresh(self.catch_up, tries - 1)
            return
        self.unseen = None
        self._show_from(first)

    def _show_from(self, entry: Static) -> None:
        """Scroll so that `entry` starts at the top (or as near as the end allows), and
        remember it: if the entries reflow later (laid out again, a scrollbar come or gone),
        the log is put back on it unless the reader has scrolled since."""
        top = entry.virtual_region.y - entry.styles.margin.top
        self.scroll_to(y=min(top, self.max_scroll_y), animate=False)
        self.pinned = self.scroll_target_y

    def reread(self, kind: str, ref: str) -> bool:
        """Bring the last entry of `kind` about `ref` back into view, marked as read again;
        False if it is not among the entries shown."""
        shown = [w for w in self.query(EntryView) if w.about == (kind, ref)]
        for widget in self.query(".-reread"):
            widget.remove_class("-reread")
        if not shown:
            return False
        widget = shown[-1]
        widget.add_class("-reread")
        self.unseen = None
        self.pinned = None
        top = widget.virtual_region.y - widget.styles.margin.top
        self.scroll_to(y=min(top, self.max_scroll_y), animate=False)
        return True

    def show_latest(self) -> None:
        """Show what was told last, from its first line (as far down as the log goes), once
        the log has been laid out: after a resize reflows it, or back from questioning."""
        if self.unseen is not None:
            self.catch_up()
            return
        latest = self.latest
        if latest is None or not latest.is_attached:
            if self.follows:  # a log that does not follow stays where the reader has it
                self.scroll_end(animate=False)
            return
        self._show_from(latest)

    def on_resize(self) -> None:
        # The entries reflow at the new width: the old scroll offset would land on an old one.
        for widget in self.query(".-reread"):
            widget.remove_class("-reread")
        self.call_after_refresh(self.show_latest)

    def watch_virtual_size(self) -> None:
        # New entries laid out make the log taller: bring them into view if still waiting.
        # Entries that reflow move what was told last: keep its first line in view, unless
        # the reader has scrolled away from it.
        if self.unseen is not None:
            self.call_after_refresh(self.catch_up, 0)
        elif self.pinned is not None and self.scroll_target_y == self.pinned:
            self.call_after_refresh(self._keep_pinned)

    def _keep_pinned(self) -> None:
        latest = self.latest
        if self.pinned is None or self.scroll_target_y != self.pinned or latest is None:
            return
        if latest.is_attached and self.unseen is None:
            self._show_from(latest)

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
            self.mount(Static(literal((note, "italic")), classes="entry entry-unlock"))
            self.count = hidden
            history = history[hidden:]
        last = history[-1].step if history else 0
        split = next((i for i, e in enumerate(history) if e.step == last), 0)
        follows, self.follows = self.follows, False
        self.add(history[:split])  # what came before the last step, out of view above it
        self.follows = follows
        self.add(history[split:])

    async def reset(self, history: list[Entry]) -> None:
        """Show `history` instead of what is shown (a game replaced by another: a replay moved
        back, or a pack reloaded), then follow it as before."""
        await self.remove_children()
        self.count = 0
        self.unseen = self.latest = None
        self.start(history)
