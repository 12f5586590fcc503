"""The accusation: fill each blank from the options the evidence has unlocked, attach the
evidence, confirm, and hear the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..messages import LeaveGame, play
from ..render import option_text, stars
from ..safe import literal, notify
from ..widgets.choices import BULLET, ChoiceList
from ..widgets.log import LogView
from ..widgets.status import StatusBar

if TYPE_CHECKING:
    from ...engine import Game
    from ...pack.model import Blank


def _mark(name: str, on: bool) -> Text:
    """A clue in the evidence picker: attached or not, in words and symbols, not colour."""
    return literal(("[x] " if on else "[ ] ", "bold"), name)


class EvidenceList(ChoiceList):
    """Clues to attach to the accusation: Space (or a click) attaches or detaches one, up to
    `limit` of them (the engine refuses more)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_clue", "Attach / detach"),
        Binding("enter", "screen.next_step", "Continue"),
    ]

    class Changed(Message):
        """A clue was attached or detached."""

    def __init__(self, clues: list[tuple[str, str]], limit: int, *, id: str | None = None) -> None:
        super().__init__(
            *(Option(_mark(name, False), id=cid) for cid, name in clues), hang=4, id=id
        )
        self.names = dict(clues)
        self.limit = limit
        self.selected: set[str] = set()

    def action_toggle_clue(self) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        if option.id not in self.selected and len(self.selected) >= self.limit:
            notify(
                self.app,
                f"You can attach at most {self.limit} clues: only the ones that "
                "prove it. Detach one (Space on a [x]) to attach this one.",
                title="Too much evidence",
                severity="warning",
            )
            return
        self.selected ^= {option.id}
        self.replace_option_prompt(
            option.id, _mark(self.names[option.id], option.id in self.selected)
        )
        self.post_message(self.Changed())

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle_clue()


class AccuseScreen(Screen[None]):
    """One step per blank, then the evidence, then a confirmation."""

    CSS_PATH = "../styles/accuse.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "previous_step", "Back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.blanks: list[Blank] = list(game.case.deduction.all_blanks)
        self.choices: dict[str, str] = {}
        self.step = 0

    @property
    def steps(self) -> int:
        return len(self.blanks) + 2  # the blanks, the evidence, the confirmation

    def compose(self) -> ComposeResult:
        from ...engine import accusation_options

        case, state = self.game.case, self.game.state
        unlocked = accusation_options(case, state)
        yield StatusBar(id="status")
        with Vertical(id="wizard"):
            yield Static(id="step-title")
            yield Static(id="so-far")
            for n, blank in enumerate(self.blanks):
                with Vertical(classes="step", id=f"step-{n}"):
                    yield Static(literal((blank.prompt, "bold")), classes="prompt")
                    with Vertical(classes="list-room"):
                        yield ChoiceList(
                            *(
                                Option(literal(option_text(case, blank.id, o)), id=o)
                                for o in unlocked[blank.id]
                            ),
                            marker=BULLET,
                            id=f"blank-{n}",
                            classes="blank",
                        )
            with Vertical(classes="step", id=f"step-{len(self.blanks)}"):
                yield Static(literal((case.deduction.evidence_prompt, "bold")), classes="prompt")
                yield Static(id="evidence-count", classes="keys-hint")
                with Vertical(classes="list-room"):
                    yield EvidenceList(
                        [(f.clue, case.clues[f.clue].name) for f in state.found],
                        case.deduction.max_evidence,
                        id="evidence",
                    )
            with Vertical(classes="step", id=f"step-{len(self.blanks) + 1}"):
                yield VerticalScroll(Static(id="summary"), id="summary-box")
                with Horizontal(id="confirm-buttons"):
                    yield Button("Accuse", id="confirm", variant="error")
                    yield Button("Change it", id="change")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StatusBar).show(self.game, "Accusation")
        self._count_evidence()
        self.show_step(0)

    @on(EvidenceList.Changed)
    def _count_evidence(self) -> None:
        picker = self.query_one(EvidenceList)
        n, limit = len(picker.selected), picker.limit
        self.query_one("#evidence-count", Static).update(
            literal(
                (
                    f"Attach up to {limit} clues ({n} attached). Space: attach or detach · Enter: "
                    "go on",
                    "italic",
                )
            )
        )

    def show_step(self, step: int) -> None:
        self.step = step
        for n in range(self.steps):
            self.query_one(f"#step-{n}").display = n == step
        if step < len(self.blanks):
            what = "Fill the blank"
        elif step == len(self.blanks):
            what = "Attach the evidence"
        else:
            what = "Confirm"
        self.query_one("#step-title", Static).update(
            literal((f"Step {step + 1} of {self.steps}: {what}", "bold"))
        )
        case = self.game.case
        chosen = [
            option_text(case, b.id, self.choices[b.id])
            for b in self.blanks[:step]
            if b.id in self.choices
        ]
        so_far = self.query_one("#so-far", Static)
        so_far.display = bool(chosen) and step <= len(self.blanks)
        so_far.update(literal(("So far: ", "italic"), " · ".join(chosen)))
        if step < len(self.blanks):
            self.query_one(f"#blank-{step}", ChoiceList).focus()
        elif step == len(self.blanks):
            self.query_one(EvidenceList).focus()
        else:
            self.query_one("#summary", Static).update(self.summary())
            self.query_one("#confirm", Button).focus()

    def summary(self):
        from ...engine import chances_left

        case = self.game.case
        parts: list = [("You are about to accuse:", "bold"), "\n"]
        for blank in self.blanks:
            parts += [
                "  ",
                blank.prompt,
                " ",
                (option_text(case, blank.id, self.choices[blank.id]), "bold"),
                "\n",
            ]
        names = [case.clues[c].name for c in self.evidence()]
        parts += ["  Evidence: ", ("; ".join(names), "bold"), "\n\n"]
        left = chances_left(case, self.game.state)
        parts.append(
            f"Accusations left: {left}. A wrong accusation uses one"
            + (" and ends the case." if left == 1 else ".")
        )
        parts += ["\n\n", ("Enter accuses. Escape goes back to change it.", "italic")]
        return literal(*parts)

    def evidence(self) -> list[str]:
        chosen = set(self.query_one(EvidenceList).selected)
        return [f.clue for f in self.game.state.found if f.clue in chosen]

    # -- moving between steps ----------------------------------------------------------------
    @on(OptionList.OptionSelected, ".blank")
    def _filled(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is None:
            return
        self.choices[self.blanks[self.step].id] = event.option_id
        self.show_step(self.step + 1)

    def action_next_step(self) -> None:
        if self.step == len(self.blanks):
            if not self.evidence():
                notify(self.app, "Attach at least one piece of evidence (Space).")
                return
            self.show_step(self.step + 1)

    def action_previous_step(self) -> None:
        if self.step == 0:
            self.app.pop_screen()
        else:
            self.show_step(self.step - 1)

    @on(Button.Pressed, "#change")
    def _change(self) -> None:
        self.show_step(0)

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        from ...engine import Accuse

        choices = tuple((b.id, self.choices[b.id]) for b in self.blanks)
        game = self.game
        before = len(game.history)
        outcome = play(self, game, Accuse(choices, tuple(self.evidence())))
        if outcome.accepted:
            self.app.switch_screen(VerdictScreen(game, game.history[before:]))


class VerdictScreen(Screen[None]):
    """What the accusation came to: the verdict, any ending, and the rating of a solve."""

    CSS_PATH = "../styles/accuse.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Continue"),
        Binding("escape", "done", "Continue", show=False),
    ]

    def __init__(self, game: Game, entries) -> None:
        super().__init__()
        self.game = game
        self.entries = list(entries)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield LogView(id="verdict", follow=False)
        yield Static(id="next-step")
        yield Footer()

    def on_mount(self) -> None:
        from ...engine import Entry, Line
        from ..render import rating_details

        game = self.game
        self.query_one(StatusBar).show(game, "The verdict")
        entries = list(self.entries)
        if game.state.ending == "solved":
            r = game.rating()
            entries.append(
                Entry(
                    game.state.step,
                    Line("rating", f"{stars(r).plain} ({rating_details(r)})", "Rating"),
                )
            )
        self.query_one(LogView).add(entries)
        self.query_one(LogView).focus()
        after = (
            "Press Enter to return to the title screen."
            if game.ended
            else "Press Enter to go back to the investigation."
        )
        self.query_one("#next-step", Static).update(literal((after, "bold")))

    def action_done(self) -> None:
        if self.game.ended:
            self.app.post_message(LeaveGame(self.game))
        else:
            self.app.pop_screen()
