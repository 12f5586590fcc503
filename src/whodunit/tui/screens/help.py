"""Help: how to play, and every key of every screen (read from the screens' own bindings)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..render import DONE, HEADINGS
from ..safe import literal
from ..widgets.choices import BULLET, STARTED

HOW_TO_PLAY = (
    "Search the places, question the suspects and show them the evidence you find. Every clue "
    "goes into the evidence locker. Put two things you hold side by side (c): when they "
    "belong together, you learn something new. When you know who did it, why and how, accuse: "
    "each claim needs an answer and a clue that proves it (where several do, any one will do). "
    "A wrong accusation costs one of "
    "your chances and tells you how close it was (one or two parts wrong, or more), never "
    "which parts; each answer and each proof is a part. Hints and wrong links cost a little "
    "of your rating."
)

MOVING = [
    (
        "↑ ↓  Home End",
        "move in a list (PgUp PgDn too, except where they read the log or a briefing, below)",
    ),
    ("Enter", "do what the cursor is on: search, go, question, ask, show, choose"),
    (
        "/ and letters",
        "put the cursor on the best match: a name that starts so, then one whose words "
        "start so in the order typed (f lob: the front lobby), a person before a place "
        "(Tab or Down: the next match; Enter acts on the one marked ▸; Backspace takes a "
        "letter back, Escape stops)",
    ),
    (
        "letters",
        "in the choices of an accusation and in the connections view: narrow the list to the "
        "choices with a word starting with each word typed, names first, the cursor on the "
        "first (Space between words; Backspace takes a letter back; Escape clears)",
    ),
    (
        "a word typed",
        "in the investigation's list and in questioning: letters typed one hard on another "
        "are a word, not keys: "
        "the word finds a thing to do, as / does (what its first letter did as a key is "
        "undone); keys typed while a "
        "screen closes are dropped, never sent to the screen behind it",
    ),
    (
        "Enter again",
        "on something searched, asked or shown before: read it again, free (no step taken)",
    ),
    ("Tab  Shift+Tab", "move between the parts of a screen"),
    ("← →", "switch tabs when the tab bar has the focus"),
    ("Ctrl+P", "find a place, suspect or clue by name and jump there"),
    ("t", "next theme: dark, light, high contrast"),
    ("F5", "reload the pack now (watch mode: whodunit play --watch PACK)"),
    ("? or F1", "this help (F1 works even while typing a note)"),
    (
        "Escape",
        "back, or close this help; from the investigation's list, asks before going back "
        "to the title screen (the game is kept: Continue takes you back to it)",
    ),
    ("Ctrl+Q", "quit at once"),
]


def _screens():
    from ..widgets.choices import ActionList, QuestionList
    from ..widgets.notebook import NoteList
    from .accuse import AccuseScreen, VerdictScreen
    from .cases import CasesScreen
    from .connect import ConnectScreen
    from .investigation import InvestigationScreen
    from .question import QuestionScreen
    from .replay import ReplayScreen
    from .title import TitleScreen

    # PgDn is listed with PgUp, whose binding says "PgUp/Dn"; → with ← in a replay.
    return [
        ("Title screen", TitleScreen.BINDINGS),
        ("Choosing a case", [b for b in CasesScreen.BINDINGS if b.key != "pagedown"]),
        (
            "Investigation",
            [*InvestigationScreen.BINDINGS, *(b for b in ActionList.BINDINGS if b.key == "pageup")],
        ),
        ("Notebook (in the investigation)", NoteList.BINDINGS),
        (
            "Questioning",
            [*QuestionScreen.BINDINGS, *(b for b in QuestionList.BINDINGS if b.key == "pageup")],
        ),
        ("Connections", ConnectScreen.BINDINGS),
        ("Accusation", AccuseScreen.BINDINGS),
        ("Verdict", VerdictScreen.BINDINGS),
        (
            "Replaying a saved game",
            [
                b
                for b in ReplayScreen.BINDINGS
                if isinstance(b, Binding) and b.action not in HIDDEN and b.key != "right"
            ],
        ),
    ]


# Keys a replay keeps from the investigation but that do nothing there.
HIDDEN = {"accuse", "connect", "hint", "save_as"}


def key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {
        "question_mark": "?",
        "escape": "Escape",
        "enter": "Enter",
        "space": "Space",
        "delete": "Delete",
    }
    return " ".join(names.get(k, k) for k in binding.key.split(","))


def _table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold", min_width=12)
    table.add_column()
    for key, what in rows:
        table.add_row(literal(key), literal(what))
    return table


def _heading(text: str) -> Text:
    return literal("\n", (text, "bold underline"))


def _bindings(bindings: list) -> list[tuple[str, str]]:
    return [(key_name(b), b.tooltip or b.description) for b in bindings if isinstance(b, Binding)]


class HelpScreen(Screen[None]):
    CSS_PATH = "../styles/help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Close"),
        Binding("q", "app.pop_screen", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        parts: list = [literal(("How to play", "bold underline")), literal(HOW_TO_PLAY)]
        parts += [
            _heading("Marks"),
            _table(
                [
                    (
                        BULLET.strip(),
                        "a choice still to make (its lines after the first are indented)",
                    ),
                    (
                        DONE,
                        "done: a thing searched; a place with everything there searched; a person "
                        "asked every question (not every clue shown); a question whose answer "
                        "has not changed since; a clue shown to this person",
                    ),
                    (STARTED, "a place you have been to, with something there not searched yet"),
                    ("[first]", "the first of two things to put side by side"),
                    (HEADINGS["clue"][0], "a new clue, now in the evidence locker"),
                    (HEADINGS["unlock"][0], "something new to do: a place, a person, a question"),
                    (HEADINGS["hint"][0], "a hint"),
                    (HEADINGS["connection"][0], "two things put side by side, and what follows"),
                    (HEADINGS["verdict"][0], "a verdict"),
                ]
            ),
        ]
        parts += [_heading("Keys everywhere"), _table(MOVING)]
        for title, bindings in _screens():
            parts += [_heading(title), _table(_bindings(bindings))]
        with VerticalScroll(id="help-body"):
            yield Static(Group(*parts), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
