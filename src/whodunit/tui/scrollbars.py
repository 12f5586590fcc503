"""Scrollbars whose thumb is one unbroken run of whole cells.

Textual draws a thumb at a fraction of a cell: a partial block at its head, blank cells in the
thumb's colour, and a partial block (reversed) at its tail. Read as text (a screen reader, a
terminal's text capture, a theme whose colours are close), the head and the tail show as two
thumbs. Here every cell of the thumb carries the same full block, and the thumb moves a whole
cell at a time.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment, Segments
from rich.style import Style
from textual.scrollbar import ScrollBarRender

THUMB = "█"
TRACK, BAR = Color.parse("#555555"), Color.parse("bright_magenta")  # Textual's defaults


def thumb_span(size: int, virtual_size: float, window_size: float, position: float) -> range:
    """The cells of a track `size` long that the thumb covers, for a window of `window_size`
    at `position` in content `virtual_size` long (empty when everything is in view)."""
    if not (window_size and size and virtual_size) or window_size >= virtual_size:
        return range(0)
    length = min(size, max(1, round(size * window_size / virtual_size)))
    travel = virtual_size - window_size
    at = max(0.0, min(1.0, position / travel))
    start = round((size - length) * at)
    return range(start, start + length)


class WholeCellScrollBar(ScrollBarRender):
    @classmethod
    def render_bar(
        cls,
        size: int = 25,
        virtual_size: float = 50,
        window_size: float = 20,
        position: float = 0,
        thickness: int = 1,
        vertical: bool = True,
        back_color: Color = TRACK,
        bar_color: Color = BAR,
    ) -> Segments:
        span = thumb_span(int(size), virtual_size, window_size, position)
        if not span:
            return super().render_bar(
                size, virtual_size, window_size, position, thickness, vertical, back_color,
                bar_color,
            )  # fmt: skip
        width = thickness if vertical else 1
        upper = Segment(" " * width, Style(bgcolor=back_color, meta={"@mouse.down": "scroll_up"}))
        lower = Segment(" " * width, Style(bgcolor=back_color, meta={"@mouse.down": "scroll_down"}))
        thumb = Segment(
            THUMB * width,
            Style(color=bar_color, bgcolor=back_color, meta={"@mouse.down": "grab"}),
        )
        segments = [upper] * span.start + [thumb] * len(span) + [lower] * (int(size) - span.stop)
        if vertical:
            return Segments(segments, new_lines=True)
        return Segments([*segments, Segment.line()] * thickness, new_lines=False)
