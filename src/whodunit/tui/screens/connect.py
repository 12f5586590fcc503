"""Connections: the player puts two things they hold side by side (clues, answers heard) and
learns whether anything follows. What was put together before is listed, and trying it again
is free."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from ..messages import play
from ..render import found_where, message_text
from ..safe import literal
from ..widgets.choices import BULLET, Choice
from ..widgets.picker import FilterList
from ..widgets.status import StatusBar

if TYPE_CHECKING:
    from ...engine import Connect, Game, Line

WHAT_IT_IS = (
    "Put two things you hold side by side. If they belong together you learn something; if "
    "not, nothing follows, at a small cost to your rating."
)
FIRST = "1 "  # the mark of the thing picked first
ANSWER_SHOWN = 90  # characters of an answer heard shown under its question


def _short(text: str, most: int = ANSWER_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def tried_links(game: Game) -> list[Connect]:
    """The pairs put together in this game, each once, in the order first tried."""
    from ...engine import Connect

    seen: set[frozenset[str]] = set()
    out: list[Connect] = []
    for action in game.actions:
        if isinstance(action, Connect) and action.pair not in seen:
            seen.add(action.pair)
            out.append(action)
    return out


class ConnectScreen(Screen[None]):
    """A list of what the player holds (type to filter): Enter picks the first, Enter on another
    puts the two together. Below: what came of it, and every link tried so far."""

    CSS_PATH = "../styles/connect.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, game: Game, first: str | None = None) -> None:
        super().__init__()
        self.game = game
        self.first = first
        self.result: list[Line] = []

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Vertical(id="connect-body"):
            yield Static(literal((WHAT_IT_IS, "italic")), id="connect-what")
            yield Static(id="connect-first")
            with Container(id="connect-main"):
                with Vertical(id="holdings-room"):
                    yield FilterList(marker=BULLET, id="holdings")
                with VerticalScroll(id="connect-below"):
                    yield Static(id="connect-result")
                    yield Static(id="connect-tried")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(FilterList).focus()

    # -- what is shown --------------------------------------------------------------------------
    def _items(self) -> list[Choice]:
        from ...engine import holdings

        case, state = self.game.case, self.game.state
        items: list[Choice] = []
        for ref in holdings(case, state):
            if ref in case.clues:
                prompt = literal(
                    (case.holding(ref), "bold"),
                    "\n",
                    (f"clue, found {found_where(state, ref)}", "italic"),
                )
            else:
                topic = case.topics[ref]
                prompt = literal(
                    (case.holding(ref), "bold"), "\n", ("heard: ", "italic"), _short(topic.answer)
                )
            first = ref == self.first
            if first:
                prompt = literal(("[first] ", "bold"), prompt)
            items.append(Choice(prompt, id=ref, marker=FIRST if first else ""))
        return items

    def _tried(self) -> Text:
        case = self.game.case
        links = tried_links(self.game)
        if not links:
            return literal(("Links tried: none yet.", "italic"))
        parts: list = [("Links tried:", "bold")]
        for link in links:
            made = link.pair in case.connection_of
            parts += [
                "\n",
                ("✓ " if made else "✗ ", "bold"),
                case.holding(link.first),
                " + ",
                case.holding(link.second),
                (": they belong together" if made else ": nothing follows", "italic"),
            ]
        return literal(*parts)

    def refresh_view(self, start: str | None = None, keep_filter: bool = False) -> None:
        game = self.game
        self.query_one(StatusBar).show(game, "Connections")
        first = self.query_one("#connect-first", Static)
        if self.first is None:
            first.update(
                literal(
                    ("Enter: pick the first of two. ", "bold"),
                    "Type to filter; Tab reads what came of it.",
                )
            )
        else:
            first.update(
                literal(
                    ("First: ", "bold"),
                    (game.case.holding(self.first), "bold"),
                    ("  Enter on another puts them together; Escape lets go.", "italic"),
                )
            )
        picker = self.query_one(FilterList)
        current = start
        if current is None and picker.highlighted_option is not None:
            current = picker.highlighted_option.id
        picker.set_items(self._items(), start=current, keep_filter=keep_filter)
        result = self.query_one("#connect-result", Static)
        result.display = bool(self.result)
        if self.result:
            shown: list = []
            for line in self.result:
                shown += [message_text(line), "\n"]
            result.update(literal(*shown))
        self.query_one("#connect-tried", Static).update(self._tried())

    # -- linking --------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#holdings")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ref = event.option_id
        if ref is None:
            return
        # Picking the first (or letting it go) leaves the list as the player sees it, filter
        # and all, with the cursor on what was picked: Down goes to the choice shown under
        # it, as counted on the screen. (Clearing the filter, or moving the cursor on by
        # itself, put a choice the player never saw under the next Down.) The next letter
        # typed starts a new filter, to find the second.
        if self.first is None:
            self.first = ref
            self.refresh_view(start=ref, keep_filter=True)
        elif self.first == ref:
            self.first = None  # picked again: let go
            self.refresh_view(start=ref, keep_filter=True)
        else:
            self.link(self.first, ref)

    def link(self, first: str, second: str) -> None:
        from ...engine import Connect, Line

        game = self.game
        action = Connect(first, second)
        case = game.case
        title = f"{case.holding(first)} + {case.holding(second)}"
        if any(link.pair == action.pair for link in tried_links(game)):
            # Tried before: say again what came of it, free (nothing is sent).
            made = action.pair in case.connection_of
            text = (
                "You have put these two together before: they belong together."
                if made
                else "You have put these two side by side before: nothing follows from them."
            )
            self.result = [Line("connection", text, title)]
        else:
            before = len(game.history)
            outcome = play(self, game, action)
            if not outcome.accepted:
                return
            self.result = [e.message for e in game.history[before:]]
        self.first = None
        self.refresh_view(start=second)
        self.query_one("#connect-below").scroll_home(animate=False)

    def action_back(self) -> None:
        if self.first is not None:
            ref, self.first = self.first, None
            self.refresh_view(start=ref)
        else:
            self.app.pop_screen()
