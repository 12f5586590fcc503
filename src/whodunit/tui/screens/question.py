"""Questioning a suspect: ask about topics, or show them a clue from the evidence locker."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from ...engine import Entry
from ..messages import play
from ..safe import literal
from ..widgets.choices import ChoiceList, QuestionList, choice, heading, listed_topics
from ..widgets.log import LogView
from ..widgets.status import StatusBar
from .words import FindsWords

if TYPE_CHECKING:
    from ...engine import Action, Game


class QuestionScreen(FindsWords):
    """Questioning: a word typed finds a question or a clue (words.py), never takes a hint."""

    CSS_PATH = "../styles/investigation.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "hint", "Hint"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(
        self, game: Game, suspect: str, present: str | None = None, readonly: bool = False
    ) -> None:
        super().__init__()
        self.game = game
        self.suspect = game.case.suspects[suspect]
        self.present = present
        self.readonly = readonly

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            yield QuestionList(id="questions")
            yield LogView(id="transcript")
        yield Footer()

    def on_mount(self) -> None:
        from ...engine import Line, Present

        s = self.suspect
        transcript = self.query_one(LogView)
        # What was said before stays above, out of the way: the transcript opens at the
        # introduction, or at the reaction to a clue shown on the way in.
        transcript.follows = False
        transcript.add([Entry(0, Line("intro", s.intro, s.name or s.id, s.id))])
        transcript.add(
            e
            for e in self.game.history
            if e.message.kind in ("answer", "reaction") and e.message.ref.startswith(f"{s.id}/")
        )
        transcript.follows = True
        self.refresh_view()
        self.query_one("#questions", ChoiceList).focus()
        if self.present is not None and not self.game.ended:
            from ..rereading import told_before

            action = Present(s.id, self.present)
            about = told_before(self.game, action)
            if about is None:
                self.act(action)
            else:  # shown before: its reaction again, no step taken
                self.call_after_refresh(transcript.reread, *about)

    def refresh_view(self) -> None:
        game, s = self.game, self.suspect
        case, state = game.case, game.state
        self.query_one(StatusBar).show(game, f"Questioning {s.name or s.id}")
        options: list[Option] = [heading("Ask")]
        topics = listed_topics(game, s.id)
        for t in topics:
            options.append(
                choice(
                    f"topic:{t.id}",
                    t.ask,
                    done=state.has_fact("asked", t.ref) and not self.game.has_new_answer(t),
                )
            )
        if not topics:
            options.append(Option(literal(("Nothing to ask yet.", "italic")), disabled=True))
        options.append(heading("Show evidence"))
        for f in state.found:
            shown = state.has_fact("presented", f"{s.id}/{f.clue}")
            options.append(choice(f"clue:{f.clue}", case.clues[f.clue].name, done=shown))
        if not state.found:
            options.append(Option(literal(("No evidence yet.", "italic")), disabled=True))
        self.query_one("#questions", ChoiceList).fill(options)

    def act(self, action: Action) -> bool:
        if self.readonly:
            self.toast("This game is shown as it was: nothing can be done in it here.")
            return False
        game = self.game
        before = len(game.history)
        outcome = play(self, game, action)
        if outcome.accepted:
            self.query_one(LogView).add(game.history[before:])
        self.refresh_view()
        return outcome.accepted

    def words_list(self) -> ChoiceList:
        return self.query_one("#questions", ChoiceList)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_page_log(self, direction: int) -> None:
        """PgUp and PgDn in the list: read the answers a page up or down."""
        transcript = self.query_one(LogView)
        if direction < 0:
            transcript.scroll_page_up(animate=False)
        else:
            transcript.scroll_page_down(animate=False)

    def action_hint(self) -> None:
        """A hint from the engine, told here as in the investigation (after asking the player:
        it costs). When the third in a row names a question or a clue for this person, the
        cursor goes to it."""
        from ...engine import Ask, Present, next_hint
        from ..hinting import offer_hint

        hint = next_hint(self.game.case, self.game.state)

        def then() -> None:
            action = hint.action
            if hint.level < 3 or not isinstance(action, (Ask, Present)):
                return
            if action.suspect == self.suspect.id:
                kind, ref = (
                    ("topic", action.topic) if isinstance(action, Ask) else ("clue", action.clue)
                )
                self.query_one("#questions", ChoiceList).select_id(f"{kind}:{ref}")

        offer_hint(self, self.query_one(LogView), self.game, self.readonly, self.act, then)

    @on(OptionList.OptionSelected, "#questions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from ...engine import Ask, Present
        from ..rereading import reread

        kind, _, ref = (event.option_id or "").partition(":")
        action: Action
        if kind == "topic":
            action = Ask(self.suspect.id, ref)
        elif kind == "clue":
            action = Present(self.suspect.id, ref)
        else:
            return
        if not self.game.ended and reread(self, self.query_one(LogView), self.game, action):
            return
        # The cursor stays on what was just asked or shown (now marked ✓): Enter again
        # re-reads it, and never runs on into another question or a clue.
        self.act(action)
