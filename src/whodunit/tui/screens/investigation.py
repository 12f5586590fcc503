"""The investigation: what to do here, the log, the evidence locker and the notebook."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult, CSSPathType
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList, TabbedContent, TabPane, Tabs

from ..commands import CaseCommands
from ..messages import GameChanged, LeaveGame, SaveCopy, play
from ..widgets.choices import ActionList, ChoiceList
from ..widgets.locker import EvidenceLocker
from ..widgets.log import LogView
from ..widgets.notebook import Notebook
from ..widgets.status import StatusBar
from .words import FindsWords

if TYPE_CHECKING:
    from ...engine import Action, Game, Search

TABS = {"log": "log-tab", "evidence": "evidence-tab", "notebook": "notebook-tab"}


class InvestigationScreen(FindsWords):
    CSS_PATH: ClassVar[CSSPathType | None] = "../styles/investigation.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CaseCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "show_tab('log')", "Log", show=False),
        Binding("e", "show_tab('evidence')", "Evidence"),
        Binding("n", "show_tab('notebook')", "Notes", show=False),
        Binding("c", "connect", "Connect", tooltip="put two things you hold side by side"),
        Binding("a", "accuse", "Accuse"),
        Binding("h", "hint", "Hint"),
        Binding("ctrl+s", "save_as", "Save a copy as", key_display="Ctrl+S", show=False),
        Binding(
            "slash",
            "find",
            "Find",
            key_display="/",
            show=False,
            tooltip="from the log or the notes too: / and a few letters find a thing to do",
        ),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding(
            "escape",
            "back",
            "Back",
            tooltip="from the log, the evidence or the notes: back to the list of things to do",
        ),
        Binding(
            "escape",
            "leave",
            "Title",
            tooltip="from the list of things to do: back to the title screen (asks first; "
            "the game is kept)",
        ),
    ]

    def __init__(self, game: Game, readonly: bool = False) -> None:
        """The investigation of `game`. A `readonly` screen shows a game (a replay at some step)
        without letting anything be done in it."""
        super().__init__()
        self.game = game
        self.readonly = readonly

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            yield ActionList(id="actions")
            with TabbedContent(id="tabs", initial="log-tab"):
                with TabPane("Log", id="log-tab"):
                    yield LogView(id="log")
                with TabPane("Evidence", id="evidence-tab"):
                    yield EvidenceLocker(id="locker")
                with TabPane("Notebook", id="notebook-tab"):
                    yield Notebook(id="notebook")
        yield Footer()

    def on_resize(self) -> None:
        # At 80 columns the footer has room for the keys of the investigation or for the
        # palette's (Ctrl+P, in the help): the keys of the investigation win.
        # Below that, the footer's keys sit closer together so that all of them fit.
        footer = self.query_one(Footer)
        footer.show_command_palette = self.size.width >= 96
        footer.compact = self.size.width < 96 and not self.readonly  # a replay's keys fit

    def on_mount(self) -> None:
        if self.readonly:
            self.query_one("#note-input").disabled = True
        self.query_one(LogView).start(self.game.history)
        self.refresh_view()
        self.query_one(ActionList).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_view()
            log = self.query_one(LogView)
            log.call_after_refresh(log.catch_up)

    async def show_game(self, game: Game) -> None:
        """Show another game here (a replay at another step, a reloaded pack): the log from its
        start, the rest as it is in `game`; the tab and the focus stay where they were."""
        self.game = game
        await self.query_one(LogView).reset(game.history)
        self.query_one(Notebook).editing = None
        self.refresh_view()

    def refresh_view(self) -> None:
        game = self.game
        self.query_one(StatusBar).show(game)
        self.query_one(ActionList).show(game)
        self._follow_log()
        self.query_one(EvidenceLocker).show(game)
        self.query_one(Notebook).show(game)
        tabs = self.query_one(TabbedContent)
        for tab, label in (
            ("evidence-tab", f"Evidence ({len(game.state.found)})"),
            ("notebook-tab", f"Notebook ({len(game.notes)})"),
        ):
            if tabs.get_tab(tab).label_text != label:  # a new label lays the tabs out again
                tabs.get_tab(tab).label = label

    def _follow_log(self) -> None:
        """Add to the log what the game has told since. Told over several steps while another
        screen was over this one (questions asked, things linked), it was read there: the log
        brings the last step's into view from its first line, the steps before it above."""
        log, history = self.query_one(LogView), self.game.history
        new = history[log.count :]
        if not new:
            return
        last = next(i for i, e in enumerate(new) if e.step == new[-1].step)
        if last:
            follows, log.follows = log.follows, False
            log.follow(history[: log.count + last])
            log.follows = follows
        log.follow(history)

    # -- doing things ------------------------------------------------------------------------
    def refuse_if_readonly(self) -> bool:
        if self.readonly:
            self.toast("This game is shown as it was: nothing can be done in it here.")
        return self.readonly

    def act(self, action: Action) -> bool:
        if self.refuse_if_readonly():
            return False
        outcome = play(self, self.game, action)
        self.refresh_view()
        if outcome.accepted:
            self.query_one(TabbedContent).active = TABS["log"]
        return outcome.accepted

    @on(OptionList.OptionSelected, "#actions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from ...engine import parse_choice

        chosen = parse_choice(event.option_id or "")
        if isinstance(chosen, str):
            self.question(chosen)
        elif chosen is not None and not self.reread(chosen):
            # The cursor stays on what was just done (now marked ✓), so that counting
            # Down presses from it stays sure; arriving somewhere it starts on the first
            # thing there not searched yet.
            self.act(chosen)

    def reread(self, action: Action) -> bool:
        """Show again what `action` told if it was done before (free: nothing is sent)."""
        from ..rereading import reread

        if self.game.ended:
            return False
        self.query_one(TabbedContent).active = TABS["log"]
        return reread(self, self.query_one(LogView), self.game, action)

    def question(self, suspect: str, present: str | None = None) -> None:
        from .question import QuestionScreen

        def back(_: None) -> None:  # the log shows what was told last, whatever it was
            log = self.query_one(LogView)
            self.query_one(TabbedContent).active = TABS["log"]
            log.call_after_refresh(log.show_latest)

        self.app.push_screen(
            QuestionScreen(self.game, suspect, present=present, readonly=self.readonly), back
        )

    @on(OptionList.OptionSelected, "#locker")
    def _show_clue(self, event: OptionList.OptionSelected) -> None:
        from .present import PresentScreen

        clue = event.option_id
        if clue is None or clue not in self.game.case.clues:  # an accusation: nothing to show
            return
        if self.game.ended or self.refuse_if_readonly():
            return

        def to(suspect: str | None) -> None:
            if suspect is not None:
                self.question(suspect, present=clue)

        self.app.push_screen(PresentScreen(self.game, clue), to)

    @on(Notebook.Changed)
    def _notes_changed(self) -> None:
        self.app.post_message(GameChanged(self.game))
        self.refresh_view()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = TABS[tab]
        targets: dict[str, type[Widget]] = {"log": LogView, "evidence": EvidenceLocker}
        target = targets.get(tab)
        if target is not None:
            self.query_one(target).focus()
        else:
            self.query_one("#note-input").focus()

    def action_page_log(self, direction: int) -> None:
        """PgUp and PgDn in the list of things to do: read the log a page up or down, the
        cursor staying where it is."""
        self.query_one(TabbedContent).active = TABS["log"]
        log = self.query_one(LogView)
        if direction < 0:
            log.scroll_page_up(animate=False)
        else:
            log.scroll_page_down(animate=False)

    def action_hint(self) -> None:
        """Ask the engine for a hint (after asking the player: it costs). The third in a row
        names the exact step: the cursor then goes to it in the list of things to do."""
        from ...engine import Connect, choice_id, next_hint
        from ..hinting import offer_hint

        hint = next_hint(self.game.case, self.game.state)

        def then() -> None:
            if hint.level < 3 or hint.action is None:
                return
            if isinstance(hint.action, Connect):  # the connections view, the first picked
                self.connect(hint.action.first)
                return
            actions = self.query_one(ActionList)
            if actions.select_id(choice_id(hint.action)):
                actions.focus()

        self.query_one(TabbedContent).active = TABS["log"]
        offer_hint(self, self.query_one(LogView), self.game, self.readonly, self.act, then)

    def on_key(self, event: events.Key) -> None:
        """`/` from the log or the notes, and the letters typed fast after it (before the list
        has the focus): they go to finding in the list of things to do, never to the keys of
        the screen."""
        actions = self.query_one(ActionList)
        char = event.character or ""
        printable = len(char) == 1 and char.isprintable()
        if actions.finding is not None and self.focused is actions and printable:
            actions.type_to_find(char)  # typed before finding began, read by the list after
        elif self.focused is actions or isinstance(self.focused, Input):
            return
        elif event.key == "slash" and actions.finding is None:
            self.action_find()
        elif actions.finding is not None and printable:
            actions.focus()
            actions.type_to_find(char)
        else:
            return
        event.stop()
        event.prevent_default()

    # -- a word typed is not a key (words.py) ---------------------------------------------------
    def words_list(self) -> ChoiceList:
        return self.query_one(ActionList)

    def letters_are_keys(self) -> bool:
        # The evidence and the tabs too (not while finding in the evidence: / there finds a
        # clue); not the notes, whose letters are keys of their own (d deletes).
        focused = self.focused
        return super().letters_are_keys() or (
            self.app.screen is self
            and isinstance(focused, EvidenceLocker | Tabs)
            and getattr(focused, "finding", None) is None
            and self.query_one(ActionList).finding is None
        )

    def view_now(self) -> Callable[[], None]:
        tabs = self.query_one(TabbedContent)
        tab, put_back_log = tabs.active, super().view_now()

        def put_back() -> None:
            if tabs.active != tab:
                tabs.active = tab
            put_back_log()

        return put_back

    def action_find(self) -> None:
        """`/` where the list of things to do does not have the focus (the log, say): the
        letters that follow go to finding in that list, not to the screen's keys."""
        actions = self.query_one(ActionList)
        actions.focus()
        actions.action_find()

    def action_save_as(self) -> None:
        """A named copy of this game (a slot), asked for by name."""
        if not self.refuse_if_readonly():
            self.app.post_message(SaveCopy(self.game))

    def action_connect(self) -> None:
        """The connections view: put two things the player holds side by side."""
        self.connect()

    def connect(self, first: str | None = None) -> None:
        from ...engine import holdings
        from .connect import ConnectScreen

        if self.refuse_if_readonly():
            return
        if self.game.ended:
            self.toast("This case is over.")
            return
        if len(holdings(self.game.case, self.game.state)) < 2:
            self.toast(
                "You need two things to put side by side: find clues, question people.",
                title="Not yet",
            )
            return
        self.app.push_screen(ConnectScreen(self.game, first))

    def action_accuse(self) -> None:
        from ...engine import why_not_accuse
        from .accuse import AccuseScreen

        if self.refuse_if_readonly():
            return
        why_not = why_not_accuse(self.game.case, self.game.state)
        if why_not is not None:
            self.toast(why_not.text, title=why_not.title)
            return
        self.app.push_screen(AccuseScreen(self.game))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape goes back to the list of things to do; from the list, it asks whether to
        # leave for the title (the footer says which).
        if action in ("back", "leave"):
            on_list = bool(self.focused) and self.focused is self.query_one(ActionList)
            return on_list == (action == "leave")
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        """Back to the list of things to do."""
        self.query_one(ActionList).focus()

    def action_leave(self) -> None:
        """From the list of things to do: back to the title menu, once the player has said so
        (a game that has ended is left at once), saying where the game is kept."""
        from .dialogs import ConfirmDialog

        game = self.game
        if game.ended:
            self.app.post_message(LeaveGame(game))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.post_message(LeaveGame(game))

        self.app.push_screen(
            ConfirmDialog(
                "Back to the title?",
                "The game is kept: Continue on the title screen takes it up where you are.",
                "Back to the title",
                "Stay in the case",
                safe=True,
            ),
            answered,
        )

    # -- the command palette jumps here --------------------------------------------------------
    def jump_to_place(self, place: str) -> None:
        from ...engine import Go

        if self.game.state.location != place:
            self.act(Go(place))
        self.query_one(ActionList).focus()

    def jump_to_clue(self, clue: str) -> None:
        self.action_show_tab("evidence")
        self.query_one(EvidenceLocker).select_id(clue)

    def jump_to_thing(self, thing: Search) -> None:
        from ...engine import choice_id

        self.query_one(ActionList).select_id(choice_id(thing))
        self.query_one(ActionList).focus()
