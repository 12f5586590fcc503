"""Option lists with headings, and the list of things to do in the investigation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Self

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingsMap, BindingType
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..render import DONE
from ..safe import literal

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.visual import RenderOptions

    from ...engine import Game
    from ...pack.model import Thing, Topic


def folded(text: str) -> str:
    """`text` as typing finds it: any case, and apostrophes left out ("ramons" finds "Ramon's")."""
    return text.casefold().replace("'", "").replace("\u2019", "").replace("\u2018", "")


def starts_word(token: str, word: str) -> bool:
    """Whether `word` starts `token` (a run of text between spaces) or a word inside it."""
    return token.startswith(word) or any(w.startswith(word) for w in re.findall(r"\w+", token))


WORD_STARTS = 3  # the rank below which every word typed starts a word of the text


def word_rank(text: str, words: list[str]) -> int | None:
    """How well `text` answers the `words` typed (both `folded`), best first: it starts with
    them as typed (0: "the f" and "the front lobby"); they start words of it in the order
    typed (1: "f lob"); in any order (2: "lob f"); each is somewhere in it, inside a word
    (WORD_STARTS: "ron" in "front"). None when some word is not in it, or none was typed."""
    if not words or not all(w in text for w in words):
        return None
    if text.startswith(" ".join(words)):
        return 0
    tokens = text.split()
    at = 0
    for w in words:  # the earliest word each can start, after the one before it
        at = next((i for i in range(at, len(tokens)) if starts_word(tokens[i], w)), -1) + 1
        if not at:
            break
    else:
        return 1
    if all(any(starts_word(t, w) for t in tokens) for w in words):
        return 2
    return WORD_STARTS


BULLET = "• "  # before the first line of each choice in a list whose choices may wrap
DONE_MARK = f"{DONE} "
STARTED = "◐"  # a place visited where something is still to search
STARTED_MARK = f"{STARTED} "
BOLD = RichStyle(bold=True)  # in its place, before a choice that is done
CURSOR = "▸"  # in the column left of the options, before the first line of the highlighted one


class Choice(Option):
    """An option with a mark of its own before it, in place of the list's (✓ when done).
    `todo` says it is still to be done. After a choice is acted on the cursor stays on it: the
    list never moves it for the player."""

    def __init__(
        self, prompt: Text, id: str | None = None, *, marker: str = "", todo: bool = False
    ) -> None:
        super().__init__(prompt, id=id)
        self.marker = marker
        self.todo = todo


class Hanging(Visual):
    """An option wrapped with a hanging indent, so that where one option ends and the next
    begins is plain: `marker` (or blanks) before its first line, its other lines indented as
    far. Headings and other disabled lines get no marker, only the indent."""

    def __init__(self, visual: Visual, marker: str, indent: int) -> None:
        self.visual = visual
        self.marker = marker.ljust(indent) if marker else ""
        self.indent = max(indent, len(marker))

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.visual.get_optimal_width(rules, container_width) + self.indent

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.visual.get_height(rules, max(1, width - self.indent))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        inner = max(1, width - self.indent)
        strips = self.visual.render_strips(inner, height, style, options)
        rich_style = style.rich_style
        out = []
        for n, strip in enumerate(strips):
            if n == 0 and not self.marker:  # a heading starts at the left edge
                segments = [*strip, Segment(" " * self.indent, rich_style)]
            elif n == 0:
                segments = [Segment(self.marker, rich_style + BOLD), *strip]
            else:
                segments = [Segment(" " * self.indent, rich_style), *strip]
            out.append(Strip(segments, self.indent + strip.cell_length))
        return out


def heading(text: str) -> Option:
    """A heading inside an option list: disabled, so the cursor skips it."""
    return Option(literal((text, "bold underline")), disabled=True)


def choice(
    option_id: str,
    *parts: str | tuple[str, str],
    done: bool = False,
    marker: str = "",
    note: str = "",
    todo: bool | None = None,
) -> Choice:
    """A choice, marked before it (in a list with markers) with ✓ when `done`, or with a
    `marker` of its own, and followed by a `note` in brackets if it has one. It is still to do
    (`todo`) unless done, or unless said otherwise."""
    text = literal(*parts)
    if note:
        text.append(f" ({note})", style="italic")
    return Choice(
        text,
        id=option_id,
        marker=DONE_MARK if done else marker,
        todo=not done if todo is None else todo,
    )


def listed_things(game: Game) -> list[Thing]:
    """The things to list where the player stands: those open now, and those searched there
    even if they have closed since (a door to watch through, closed once what it showed is
    known), each in the pack's order. A list never loses what was done in it: it stays, ✓."""
    from ...engine import open_things

    state = game.state
    if state.location is None:
        return []
    open_now = {t.ref for t in open_things(game.case, state)}
    here = game.case.places[state.location]
    return [
        t for t in here.things.values() if t.ref in open_now or state.has_fact("searched", t.ref)
    ]


def listed_topics(game: Game, suspect: str) -> list[Topic]:
    """A suspect's questions to list: those open now, and those asked even if closed since,
    each in the pack's order (see `listed_things`)."""
    from ...engine import open_topics

    state = game.state
    open_now = {t.ref for t in open_topics(game.case, state, suspect)}
    topics = game.case.suspects[suspect].topics.values()
    return [t for t in topics if t.ref in open_now or state.has_fact("asked", t.ref)]


def place_marker(game: Game, place: str) -> str:
    """How far a place is done: ✓ once visited with every open thing there searched, ◐ while
    something there is still to search, and the list's own bullet before the first visit."""
    from ...engine import open_things

    state = game.state
    if not state.has_fact("visited", place):
        return ""
    left = any(not state.has_fact("searched", t.ref) for t in open_things(game.case, state, place))
    return STARTED_MARK if left else DONE_MARK


def _looks(option: Option | None) -> object:
    """What an option (or a separator, None) shows and does, to tell a list refilled with the
    same options from one that changed."""
    if option is None:
        return None
    prompt = option.prompt
    if isinstance(prompt, Text):
        shown: object = (
            prompt.plain,
            tuple(prompt.spans),
            str(prompt.style),
            prompt.justify,
            prompt.overflow,
            prompt.no_wrap,
        )
    else:
        shown = prompt  # anything else counts as changed unless it is the very same object
    return (
        type(option),
        option.id,
        option.disabled,
        shown,
        getattr(option, "marker", None),
        getattr(option, "todo", None),
    )


class ChoiceList(OptionList):
    """An option list that can be refilled while keeping the cursor on the same choice.

    Every option shows in full: the room for the scrollbar is always kept (`scrollbar-gutter:
    stable` in app.tcss), so options are measured at the width they are drawn at, and measured
    again whenever that width changes. A list made with `marker` puts it before the first line
    of each choice, and `hang` indents the lines after the first of every option."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Choose"),
        Binding(
            "slash",
            "find",
            "Find",
            key_display="/",
            show=False,
            tooltip="type a few letters to put the cursor on the best match (Tab: the next)",
        ),
    ]

    def __init__(
        self,
        *options: Option,
        marker: str = "",
        hang: int = 0,
        id: str | None = None,
        classes: str | None = None,
        letters_find: bool = False,
    ) -> None:
        """`letters_find`: a letter typed starts finding, without `/` first (a list where
        letters are no keys)."""
        super().__init__(*options, id=id, classes=classes)
        self.letters_find = letters_find
        self.marker = marker
        self.hang = max(hang, len(marker))
        self._measured_at = -1
        self._filled: list[object] | None = None  # how the options of the last `fill` look
        self.found: list[int] = []  # the rows that match what is typed to find, best first

    def _get_visual(self, option: Option) -> Visual:
        visual = option._visual
        if visual is None:
            visual = visualize(self, option.prompt, markup=False)
            if self.hang:
                marker = "" if option.disabled else (getattr(option, "marker", "") or self.marker)
                visual = Hanging(visual, marker, self.hang)
            option._visual = visual
        return visual

    def _update_lines(self) -> None:
        # Options measured at another width (before a scrollbar came or went, say) would be
        # drawn cut short: measure them again.
        width = self.scrollable_content_region.width
        if width != self._measured_at and width:
            self._measured_at = width
            self._line_cache.clear()
            self._option_render_cache.clear()
        super()._update_lines()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # Room for the options and the scrollbar's column (Textual adds the column to an
        # auto width only when the list scrolls sideways, which a list of choices never does).
        width = super().get_content_width(container, viewport)
        if self.styles.overflow_x != "auto":
            width += self.styles.scrollbar_size_vertical
        return width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual passes the width with the scrollbar's column and the cursor's in it; options
        # are drawn without them.
        gutter = self.styles.scrollbar_size_vertical + self._get_left_gutter_width()
        return super().get_content_height(container, viewport, max(1, width - gutter))

    # -- the cursor, seen without colour ---------------------------------------------------------
    def _get_left_gutter_width(self) -> int:
        return 1  # the cursor's column

    def render_line(self, y: int) -> Strip:
        """Each row, after a column that holds ▸ before the first line of the highlighted
        option: where the cursor is shows in plain text too (a screen read without colour)."""
        strip = super().render_line(y)
        mark, style = " ", self.get_visual_style("option-list--option")
        try:
            index, line = self._lines[self.scroll_offset.y + y]
        except IndexError:
            index, line = -1, -1
        if index >= 0 and index == self.highlighted and not self.options[index].disabled:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
            if line == 0:
                mark = CURSOR
        return Strip([Segment(mark, style.rich_style + BOLD), *strip], strip.cell_length + 1)

    def clear_options(self) -> Self:
        self._filled = None  # options put in other than by `fill`: the next fill fills
        return super().clear_options()

    def fill(self, options: Iterable[Option], keep: bool = True, start: str | None = None) -> None:
        """Replace the options; keep the cursor on the same choice, or put it on `start` (or at
        the top)."""
        options = list(options)
        looks = [_looks(o) for o in options]
        if keep and looks == self._filled:
            # The same options, drawn the same: refilling would only lay the screen out again
            # and put the cursor back where it is.
            self.scroll_to_highlight()
            return
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        index = self.highlighted
        was_at = round(self.scroll_y)
        if not keep:
            current, index = start, 0
        self.clear_options()
        self.add_options(options)
        self._filled = looks
        ids = [o.id for o in self.options]
        if current is not None and current in ids and not self.get_option(current).disabled:
            self.highlighted = ids.index(current)
        elif index is not None:
            self._highlight_near(index)
        else:
            self._highlight_near(0)
        if keep:
            # The list stays where it was (a choice just made gets its ✓ in place): Up and
            # Down counted from what is on the screen land where the player expects.
            self.scroll_to(y=was_at, animate=False, force=True, immediate=True)
            self.scroll_to_highlight()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the highlighted choice into view, whole, scrolling by whole options: the top
        row is always an option's first line, never the rest of one wrapped above it. The
        headings just above a choice come into view with it, and the first choice brings the
        top of the list (so Home shows the "Here: ..." heading)."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        self._update_lines()
        starts = self._index_to_line
        if highlighted not in starts:
            return
        y, height = starts[highlighted], self._heights[highlighted]
        view = self.scrollable_content_region.height
        if view <= 0:
            return
        above = highlighted  # the first of the disabled options (headings) right above it
        while above > 0 and self.options[above - 1].disabled:
            above -= 1
        first = 0 if not any(not o.disabled for o in self.options[:highlighted]) else starts[above]
        now = round(self.scroll_y)
        if top or y < now or (first < now and y + height - first <= view):
            new = first if y + height - first <= view else y
        elif y + height > now + view:
            lowest = y + height - view  # the least scroll that shows all of it
            new = min((s for s in starts.values() if lowest <= s <= y), default=y)
        else:
            return
        if new != now:
            self.scroll_to(y=new, animate=False, force=True, immediate=True)

    def action_first(self) -> None:
        super().action_first()
        self.scroll_to_highlight()  # already on the first choice, the top may be scrolled off

    def action_cursor_down(self) -> None:
        """Down stops at the last choice: a player counting presses never lands back at the
        top."""
        if self.highlighted is None or any(
            not o.disabled for o in self.options[self.highlighted + 1 :]
        ):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Up stops at the first choice."""
        if self.highlighted is None or any(
            not o.disabled for o in self.options[: self.highlighted]
        ):
            super().action_cursor_up()

    def _highlight_near(self, index: int) -> None:
        enabled = [i for i, o in enumerate(self.options) if not o.disabled]
        if not enabled:
            self.highlighted = None
            return
        after = [i for i in enabled if i >= index]
        self.highlighted = after[0] if after else enabled[-1]

    # -- finding a choice by typing ----------------------------------------------------------
    finding: str | None = None  # what has been typed after /, while finding
    LEADS: ClassVar[tuple[str, ...]] = ("search the ", "search ", "the ")  # skipped at the start

    def action_find(self) -> None:
        self._find("")

    def on_key(self, event: events.Key) -> None:
        """`/` and then a few letters put the cursor on the choice that answers them best (a
        name that starts so, then a word that does, then one that holds them): quicker and
        surer than counting Down presses over choices that wrap. Tab or Down go to the next
        match, Shift+Tab or Up to the one before; Backspace takes a letter back; Enter chooses
        what the cursor is on; Escape stops."""
        if self.finding is None:
            # `/` is taken here and not left to the binding: a binding runs only once the key
            # has gone up to the app, and letters typed fast after it would be read before.
            char = event.character or ""
            if event.key == "slash" and self.check_action("find", ()) is not False:
                self.action_find()
            elif self.letters_find and len(char) == 1 and char.isalnum():
                self._find(char)
            else:
                return
            event.stop()
            event.prevent_default()
            return
        if event.key == "escape":
            self._find(None)
        elif event.key == "backspace":
            self._find(self.finding[:-1])
        elif event.key in ("tab", "down", "shift+tab", "up") and self.found:
            self._step(-1 if event.key in ("shift+tab", "up") else 1)
        elif event.character and event.character.isprintable() and len(event.character) == 1:
            self._find(self.finding + event.character)
        else:  # Enter, and the rest do what they always do, and end the finding
            self._find(None)
            return
        event.stop()
        event.prevent_default()

    def type_to_find(self, char: str) -> None:
        """`char` typed while finding (sent on by the screen, before the list had the focus)."""
        self._find((self.finding or "") + char)

    def precedence(self, option: Option) -> int:
        """Which comes first among choices that the letters typed match as well: lowest first
        (a person before a place named after them, say); ties keep the list's order."""
        return 0

    def _rank(self, option: Option, wanted: list[str]) -> int | None:
        shown = folded(self.prompt_text(option.id)) if option.id else ""
        names = [
            shown,
            *(shown.removeprefix(lead) for lead in self.LEADS if shown.startswith(lead)),
        ]
        ranks = [r for r in (word_rank(name, wanted) for name in names) if r is not None]
        return min(ranks, default=None)

    def _find(self, text: str | None) -> None:
        """Put the cursor on the choice that answers `text` best (see `word_rank`), the others
        that match after it for Tab; None stops finding."""
        self.finding = text
        self.found = []
        if text is None:
            self.border_subtitle = ""
            return
        wanted = folded(text).split()  # words: Space only separates them
        ranked: list[tuple[int, int, int]] = []
        for i, option in enumerate(self.options):
            rank = None if option.disabled else self._rank(option, wanted)
            if rank is not None:
                first = self.precedence(option) if rank < WORD_STARTS else 0
                # Words that start a name's words in the order typed answer it as well as its
                # start does ("madame dubois": Madame Monique Dubois, as her office).
                ranked.append((0 if rank <= 1 else rank, first, i))
        self.found = [i for *_, i in sorted(ranked)]
        if self.found:
            self.highlighted = self.found[0]
            self.scroll_to_highlight()  # in view even if the cursor was on it, scrolled off
        self._say_found()

    def _step(self, by: int) -> None:
        at = self.found.index(self.highlighted) if self.highlighted in self.found else -1
        self.highlighted = self.found[(at + by) % len(self.found)]
        self.scroll_to_highlight()
        self._say_found()

    def _say_found(self) -> None:
        text = self.finding or ""
        if not text.strip():
            self.border_subtitle = f"find: {text}▏"
        elif not self.found:
            self.border_subtitle = f"find: {text}▏ none"
        else:
            at = self.found.index(self.highlighted) + 1 if self.highlighted in self.found else 0
            self.border_subtitle = f"find: {text}▏ {at}/{len(self.found)}"

    def select_id(self, option_id: str) -> bool:
        ids = [o.id for o in self.options]
        if option_id in ids:
            self.highlighted = ids.index(option_id)
            return True
        return False

    def prompt_text(self, option_id: str) -> str:
        option = self.get_option(option_id)
        prompt = option.prompt
        return prompt.plain if isinstance(prompt, Text) else str(prompt)


def _beside_text(enter: str, what: str) -> list[BindingType]:
    """Enter does, and PgUp/PgDn read the `what` beside the list (the cursor stays)."""
    return [
        Binding("enter", "select", enter),
        Binding(
            "pageup",
            "screen.page_log(-1)",
            what.capitalize(),
            key_display="PgUp/Dn",
            tooltip=f"read the {what} a page up or down; the cursor stays in the list",
        ),
        Binding(
            "pagedown",
            "screen.page_log(1)",
            f"{what.capitalize()} down a page",
            key_display="PgDn",
            show=False,
        ),
    ]


class _EnterFirst(ChoiceList):
    @classmethod
    def _merge_bindings(cls) -> BindingsMap:
        # Enter first in the footer: Textual lists a list's own keys after the scrolling ones.
        keys = dict(super()._merge_bindings().key_to_bindings)
        return BindingsMap.from_keys({"enter": keys.pop("enter"), **keys})


class ActionList(_EnterFirst):
    """What the player can do from here: search things, go places, question people. PgUp and
    PgDn read the log beside it (the cursor stays)."""

    BINDINGS: ClassVar[list[BindingType]] = _beside_text("Do it", "log")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(marker=BULLET, id=id)
        self.location: str | None = None

    def show(self, game: Game) -> None:
        from ...engine import (
            Go,
            Search,
            choice_id,
            open_places,
            open_suspects,
            open_topics,
        )

        case, state = game.case, game.state
        options: list[Option] = []
        fresh: list[str] = []  # what has not been done yet, in order
        if state.location is not None:
            here = case.places[state.location]
            options.append(heading(f"Here: {here.name}"))
            things = listed_things(game)
            for t in things:
                done = state.has_fact("searched", t.ref)
                option_id = choice_id(Search(t.place, t.id))
                options.append(choice(option_id, "Search ", t.name, done=done))
                if not done:
                    fresh.append(option_id)
            if not things:
                options.append(
                    Option(literal(("Nothing here to search.", "italic")), disabled=True)
                )
        # Every open place, always in the pack's order: the one you are in is marked, not
        # left out, so that the list does not change under the cursor as you move.
        places = open_places(case, state)
        if places:
            options.append(heading("Go to"))
            for p in places:
                at = p.id == state.location
                marker = place_marker(game, p.id)
                options.append(
                    choice(
                        choice_id(Go(p.id)),
                        p.name,
                        marker=marker,
                        note="here" if at else "",
                        todo=not at and marker != DONE_MARK,
                    )
                )
        suspects = open_suspects(case, state)
        if suspects:
            options.append(heading("Question"))
            for s in suspects:
                topics = open_topics(case, state, s.id)
                done = bool(topics) and all(state.has_fact("asked", t.ref) for t in topics)
                options.append(choice(choice_id(s.id), s.name or s.id, done=done))
        moved = state.location != self.location
        self.location = state.location
        # Arriving somewhere, the cursor starts on the first thing not searched yet.
        self.fill(options, keep=not moved, start=fresh[0] if fresh else None)

    def precedence(self, option: Option) -> int:
        # A name typed finds the person before a place named after them ("June's room"), and
        # the place where the player stands last (going there does nothing): "the f" on the
        # fire stairs finds the front lobby.
        option_id = option.id or ""
        if option_id.startswith("ask:"):
            return 0
        return 2 if option_id.startswith("go:") and option_id[3:] == self.location else 1


class QuestionList(_EnterFirst):
    """What to ask a suspect and what to show them. PgUp and PgDn read their answers beside it
    (the cursor stays)."""

    BINDINGS: ClassVar[list[BindingType]] = _beside_text("Ask/show", "answers")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(marker=BULLET, id=id)
