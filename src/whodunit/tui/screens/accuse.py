"""The accusation: the statement built claim by claim, each with its answer and the clue that
proves it, then the verdict. The form opens on the last attempt, so that a player changes only
what they doubt."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from weakref import WeakKeyDictionary

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..messages import LeaveGame, play
from ..render import clue_name, found_where, option_text, prose, rating_parts, stars
from ..safe import literal, notify
from ..widgets.choices import BULLET, Choice, ChoiceList
from ..widgets.log import LogView
from ..widgets.picker import FilterList
from ..widgets.status import StatusBar

if TYPE_CHECKING:
    from ...engine import Game

WHAT_IS_NEEDED = (
    "Each claim needs an answer and a clue that proves it (where several do, any one will do); "
    "a miss says if one or two parts were wrong, or more, never which."
)
ACCUSE = "accuse"
# What was chosen on a form left without accusing, by game: the form opens on it again (as long
# as no accusation has been made since).
DRAFTS: WeakKeyDictionary[Game, tuple[int, dict[str, str], dict[str, str]]] = WeakKeyDictionary()
PROOF = "↳ "  # before the proof of a claim, under its answer


def part_id(kind: str, claim: str) -> str:
    """The id of a line of the statement: `answer:CLAIM` or `proof:CLAIM`."""
    return f"{kind}:{claim}"


class AccuseScreen(Screen[None]):
    """The statement, one line per part (each claim's answer, then its proof), and a last line to
    accuse with. Enter on a part opens its choices; typing filters them."""

    CSS_PATH = "../styles/accuse.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.claims = list(game.case.deduction.claims.values())
        self.choices: dict[str, str] = {}
        self.proofs: dict[str, str] = {}
        self.picking: str | None = None  # the part whose choices are shown
        self.last_verdict = ""
        self.from_draft = False  # the form opens as it was left, not on the last accusation
        self._prefill()

    def _prefill(self) -> None:
        """The form as it was left, else the last accusation's answers and proofs, as far as
        they can still be given."""
        from ...engine import accusation_options
        from ...engine.rules import verdict_text

        case, state = self.game.case, self.game.state
        if state.accusations:
            last = state.accusations[-1]
            choices, proofs = dict(last.choices), dict(last.proofs)
            self.last_verdict = verdict_text(case, last.wrong_parts)
        else:
            choices, proofs = {}, {}
        draft = DRAFTS.get(self.game)
        if draft is not None and draft[0] == len(state.accusations):
            choices, proofs = draft[1], draft[2]
            self.from_draft = True
        options = accusation_options(case, state)
        for claim, option in choices.items():
            if option in options.get(claim, ()):
                self.choices[claim] = option
        for claim, clue in proofs.items():
            if claim in case.deduction.claims and state.has_found(clue):
                self.proofs[claim] = clue

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Vertical(id="accuse-body"):
            yield Static(literal((WHAT_IS_NEEDED, "italic")), id="needed")
            with ContentSwitcher(initial="form", id="views"):
                with Vertical(id="form"):
                    yield Static(id="form-note")
                    yield ChoiceList(hang=2, id="statement")
                with Vertical(id="pick"):
                    yield Static(id="pick-title")
                    yield Static(id="pick-keys", classes="keys-hint")
                    yield FilterList(marker=BULLET, id="picker")
                    yield Static(id="pick-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StatusBar).show(self.game, "Accusation")
        if self.from_draft:
            note = literal(("The statement is as you left it. ", "bold"))
            if self.last_verdict:
                note.append_text(literal("Your last accusation's verdict: ", self.last_verdict))
        elif self.last_verdict:
            note = literal(
                ("Your last accusation is filled in. ", "bold"),
                "Its verdict: ",
                (self.last_verdict, "italic"),
                " Change what you doubt, then Accuse.",
            )
        else:
            note = literal("Enter on a line to choose it; the choices narrow as you type.")
        self.query_one("#form-note", Static).update(note)
        self.show_form(self._first_empty() or part_id("answer", self.claims[0].id))

    # -- the statement --------------------------------------------------------------------------
    def parts(self) -> list[str]:
        return [part_id(k, c.id) for c in self.claims for k in ("answer", "proof")]

    def _first_empty(self, after: str | None = None) -> str | None:
        """The first part still empty; given `after`, the first one following it (wrapping
        round), so filling one part always moves on, never back to an earlier one."""
        parts = self.parts()
        if after is not None:
            at = parts.index(after) + 1
            parts = parts[at:] + parts[:at]
        for part in parts:
            kind, _, claim = part.partition(":")
            if claim not in (self.choices if kind == "answer" else self.proofs):
                return part
        return None

    def _statement(self) -> list[Option]:
        from ...engine import chances_left

        case, state = self.game.case, self.game.state
        unset = ("not chosen yet", "italic")
        options: list[Option] = []
        for n, claim in enumerate(self.claims, 1):
            said = self.choices.get(claim.id)
            options.append(
                Choice(
                    literal(
                        (f"{n}. {claim.prompt}", "bold"),
                        "\n",
                        ("Answer: ", "italic"),
                        (option_text(case, claim.id, said), "bold") if said else unset,
                    ),
                    id=part_id("answer", claim.id),
                    marker=BULLET,
                )
            )
            clue = self.proofs.get(claim.id)
            options.append(
                Choice(
                    literal(
                        claim.proof,
                        "\n",
                        ("Proof: ", "italic"),
                        (clue_name(case, clue), "bold") if clue else unset,
                    ),
                    id=part_id("proof", claim.id),
                    marker=PROOF,
                )
            )
        left = chances_left(case, state)
        options.append(
            Choice(
                literal(
                    ("Accuse", "bold"),
                    f"  ({left} accusation{'s' if left != 1 else ''} left"
                    + ("; a wrong one ends the case)" if left == 1 else ")"),
                ),
                id=ACCUSE,
                marker="⚖ ",
            )
        )
        return options

    def show_form(self, at: str | None = None) -> None:
        self.picking = None
        statement = self.query_one("#statement", ChoiceList)
        statement.fill(self._statement(), keep=at is None, start=at)
        self.query_one(ContentSwitcher).current = "form"
        statement.focus()

    @on(OptionList.OptionSelected, "#statement")
    def _line_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == ACCUSE:
            self.confirm()
        elif event.option_id:
            self.pick(event.option_id)

    # -- choosing a part ------------------------------------------------------------------------
    def pick(self, part: str) -> None:
        """Show the choices for `part`, the cursor on what it holds now."""
        from ...engine import accusation_options

        case, state = self.game.case, self.game.state
        kind, _, claim_id = part.partition(":")
        claim = case.deduction.claims[claim_id]
        n = self.claims.index(claim) + 1
        picker = self.query_one(FilterList)
        if kind == "answer":
            title = literal((f"Claim {n} of {len(self.claims)}: ", "bold"), (claim.prompt, "bold"))
            items = [
                Option(literal(option_text(case, claim.id, o)), id=o)
                for o in accusation_options(case, state)[claim.id]
            ]
            current = self.choices.get(claim.id)
        else:
            said = self.choices.get(claim.id)
            title = literal(
                (f"Claim {n} of {len(self.claims)}, its proof: ", "bold"),
                (claim.proof, "bold"),
                *(
                    ("\n", ("for the answer: ", "italic"), option_text(case, claim.id, said))
                    if said
                    else ()
                ),
            )
            items = [
                Option(
                    literal(
                        (clue_name(case, f.clue), "bold"),
                        "\n",
                        ("found ", "italic"),
                        (found_where(state, f.clue), "italic"),
                    ),
                    id=f.clue,
                )
                for f in state.found
            ]
            current = self.proofs.get(claim.id)
        self.picking = part
        self.query_one("#pick-title", Static).update(title)
        self.query_one("#pick-keys", Static).update(
            literal(("Type to filter · Enter: choose · Escape: back to the statement", "italic"))
        )
        picker.set_items(items, start=current)
        self.query_one(ContentSwitcher).current = "pick"
        picker.focus()
        self._preview()

    @on(OptionList.OptionHighlighted, "#picker")
    def _preview(self) -> None:
        """Under the clues to prove a claim with: what the clue under the cursor says."""
        preview = self.query_one("#pick-preview", Static)
        option = self.query_one(FilterList).highlighted_option
        clue = self.game.case.clues.get(option.id or "") if option is not None else None
        shown = bool(self.picking and self.picking.startswith("proof:") and clue)
        preview.display = shown
        if shown and clue is not None:
            preview.update(literal((f"{clue.name}: ", "bold"), prose(clue.text)))

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        part, chosen = self.picking, event.option_id
        if part is None or chosen is None:
            return
        kind, _, claim = part.partition(":")
        (self.choices if kind == "answer" else self.proofs)[claim] = chosen
        # Always the same way on: to the next part still empty; once none is, back to the
        # statement on the line after this one (a changed answer may want a new proof).
        empty = self._first_empty(after=part)
        if empty is not None:
            self.pick(empty)
            return
        self.query_one("#form-note", Static).update(
            literal(("Every part is filled in. ", "bold"), "Read it over, then Accuse.")
        )
        parts = self.parts()
        after = parts[parts.index(part) + 1 :]
        self.show_form(after[0] if after else ACCUSE)

    # -- accusing -------------------------------------------------------------------------------
    def confirm(self) -> None:
        from ...engine import chances_left
        from .dialogs import ConfirmDialog

        empty = self._first_empty()
        if empty is not None:
            kind, _, claim = empty.partition(":")
            prompt = self.game.case.deduction.claims[claim]
            what = prompt.prompt if kind == "answer" else prompt.proof
            notify(self.app, f"Not finished: “{what}” has nothing chosen yet.", title="Not yet")
            self.query_one("#statement", ChoiceList).select_id(empty)
            return
        left = chances_left(self.game.case, self.game.state)
        text = (
            "This is your last accusation: if any part of it does not hold, the case is over."
            if left == 1
            else f"You have {left} accusations left; a wrong one uses one."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.accuse()

        self.app.push_screen(
            ConfirmDialog("Make this accusation?", text, "Accuse", "Not yet"), answered
        )

    def accuse(self) -> None:
        from ...engine import Accuse

        choices = tuple((c.id, self.choices[c.id]) for c in self.claims)
        proofs = tuple((c.id, self.proofs[c.id]) for c in self.claims)
        game = self.game
        before = len(game.history)
        outcome = play(self, game, Accuse(choices, proofs))
        if outcome.accepted:
            self.app.switch_screen(VerdictScreen(game, game.history[before:]))

    def action_back(self) -> None:
        if self.picking is not None:
            self.show_form(self.picking)
        else:
            accusations = len(self.game.state.accusations)
            DRAFTS[self.game] = (accusations, dict(self.choices), dict(self.proofs))
            self.app.pop_screen()


class VerdictScreen(Screen[None]):
    """What the accusation came to: the verdict, any ending, the truth when the case is lost,
    and the rating of a solve with what it is made of."""

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

        game = self.game
        self.query_one(StatusBar).show(game, "The verdict")
        entries = list(self.entries)
        if game.state.ending == "solved":
            r = game.rating()
            entries.append(
                Entry(game.state.step, Line("rating", rating_parts(r), f"Rating: {stars(r).plain}"))
            )
        self.query_one(LogView).add(entries)
        self.query_one(LogView).focus()
        if game.ended:
            after = "Press Enter to return to the title screen."
        else:
            after = (
                "Press Enter to go back to the investigation; the accusation form keeps "
                "this attempt."
            )
        self.query_one("#next-step", Static).update(
            literal(("PgUp/PgDn to read it all. ", "italic"), (after, "bold"))
        )

    def action_done(self) -> None:
        if self.game.ended:
            self.app.post_message(LeaveGame(self.game))
        else:
            self.app.pop_screen()
