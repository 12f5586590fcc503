"""Plain mode: the game as lines of text on stdin/stdout, like dumb-frotz.

No colours and no cursor movement, so it works with screen readers, pipes and scripts.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..engine import (
    Accuse,
    Action,
    Game,
    GameState,
    Line,
    NotationError,
    accusation_options,
    chances_left,
    format_action,
    holdings,
    open_places,
    open_suspects,
    open_things,
    open_topics,
    parse_action,
    why_not_accuse,
)
from ..engine.rules import cost_lines, truth_text, verdict_text
from ..pack.model import Case, Claim, Pack
from ..saves.session import note_problem
from ..text import clean

HELP = """\
Commands (ids are the words in [brackets]):
  look                      where you are, what to search, where to go, whom to question
  go PLACE                  go somewhere
  search THING              search something where you are
  suspects                  the people you can question
  ask SUSPECT               list the questions you can put to them
  ask SUSPECT TOPIC         ask a question
  present CLUE to SUSPECT   show them a clue (also: show)
  evidence                  list the clues you have found
  evidence CLUE             read a clue again
  held                      what you hold, with the ids to type: clues, answers heard
  connect A B               put two things you hold side by side (a clue id, or
                            SUSPECT/TOPIC for an answer heard); also: link
  note TEXT                 write in your notebook
  notes                     read your notebook
  status                    progress and accusations left
  hint                      a hint (ask again for a plainer one)
  accuse                    accuse, claim by claim: each claim's answer, then the clue
                            that proves it (`cancel` stops; Enter keeps your last answer)
  accuse who=SUSPECT:CLUE CLAIM=OPTION:CLUE ...
                            the same on one line: each claim=answer:proof
  verdict                   read your last accusation and its verdict again
  help                      this list
  quit                      stop playing"""


class PlainGame:
    """Plain mode's view of a game (`self.game`): commands in, lines of text out."""

    def __init__(
        self,
        pack: Pack,
        case: Case,
        write: Callable[[str], None],
        actions: Iterable[Action] = (),
        notes: Iterable[str] = (),
    ) -> None:
        self.game = Game.from_log(pack, case, actions, notes)
        self.write = write
        self.errors = 0
        self.on_action: Callable[[PlainGame, Action], None] | None = None
        self.on_note: Callable[[PlainGame, str], None] | None = None  # after a notebook line
        self.wrap: Callable[[str], str] | None = None  # fits text to a terminal's width
        self.filling: Filling | None = None  # an accusation being filled claim by claim

    @property
    def case(self) -> Case:
        return self.game.case

    @property
    def state(self) -> GameState:
        return self.game.state

    @property
    def log(self) -> list[Action]:
        return self.game.actions

    @property
    def notes(self) -> list[str]:
        return self.game.notes

    def say(self, text: str = "") -> None:
        text = clean(text)
        self.write(self.wrap(text) if self.wrap else text)

    def start(self) -> None:
        self.say(f"{self.case.title}")
        self.say("=" * len(self.case.title))
        self.say(self.case.briefing)
        self.say()
        self.say("Type `help` for the commands, `look` to look around.")

    # -- commands ---------------------------------------------------------------------------
    def handle(self, line: str) -> bool:
        """Run one command; False when the player wants to stop."""
        line = line.strip()
        if self.filling is not None:
            return self.fill(line)
        if not line or line.startswith("#"):
            return True
        verb, _, rest = line.partition(" ")
        verb = verb.lower()
        rest = rest.strip()
        simple = {
            "help": lambda: self.say(HELP),
            "look": self.look,
            "l": self.look,
            "places": self.places,
            "suspects": self.suspects,
            "notes": self.show_notes,
            "status": self.status,
            "held": self.held,
            "holding": self.held,
            "verdict": self.verdict,
        }
        if verb in ("quit", "exit", "q"):
            return False
        if verb in simple and not rest:
            simple[verb]()
            return True
        if verb == "note":
            if not rest:
                self.fail("usage: note TEXT")
            elif (too_long := note_problem(rest)) is not None:
                self.fail(f"Not noted: {too_long}.")
            else:
                self.notes.append(rest)
                self.say("Noted.")
                if self.on_note is not None:
                    self.on_note(self, rest)
            return True
        if verb in ("evidence", "clues"):
            self.evidence(rest)
            return True
        if verb in ("ask", "question") and rest and len(rest.split()) == 1 and "/" not in rest:
            self.topics(rest)
            return True
        if verb == "accuse" and not rest:
            self.start_accusation()
            return True
        if verb in ("connect", "link") and not rest:
            self.held()
            return True
        if self.state.ended:
            self.fail("This case is over. Type `quit` to stop.")
            return True
        try:
            action = parse_action(line, self.state.location)
        except NotationError as exc:
            self.fail(str(exc))
            return True
        self.act(action)
        return True

    def fail(self, text: str) -> None:
        self.errors += 1
        self.say(text)

    def act(self, action: Action) -> None:
        told = None if self.state.ended else self.game.told_before(action)
        if told is not None:  # read again for free: not sent, so no step and no log entry
            self.say(f"(Read again; nothing new.) {told.title}" if told.title else "(Read again.)")
            self.say(told.text)
            return
        outcome = self.game.act(action)
        if not outcome.accepted:
            self.fail(outcome.text)
            return
        for message in outcome.messages:
            self.show(message)
        if self.on_action is not None:
            self.on_action(self, action)
        if self.state.ending == "solved":
            r = self.game.rating()
            self.say()
            self.say(
                f"Rating: {'*' * r.stars}{'.' * (3 - r.stars)} {r.label} "
                f"({_count(r.actions, 'action')}, {_count(r.wrong, 'wrong accusation')}, "
                f"{_count(r.wrong_links, 'wrong link')}, {_count(r.hints, 'hint')})"
            )
            for line in cost_lines(r):
                self.say(f"  {line}")
        if self.state.ended:
            for case in self.game.pack.cases.values():
                if self.case.id in case.requires:
                    self.say()
                    self.say(
                        f"A new case is open: {case.title}. Play it with "
                        f"`whodunit play --plain --case {case.id}`."
                    )

    def show(self, m: Line) -> None:
        if m.kind == "clue":
            self.say(f"New clue: {m.title} [{m.ref}]")
            self.say(f"  {m.text}")
        elif m.kind == "ending":
            self.say()
            self.say(f"*** {m.title} ***")
            self.say(m.text)
        elif m.kind == "hint":
            command = f" (type: {m.ref})" if m.ref else ""
            self.say(f"Hint: {m.text}{command}")
        elif m.kind == "verdict" and m.title:
            self.say(f"{m.title}. {m.text}")
        elif m.kind == "truth":
            self.say()
            self.say(f"*** {m.title} ***")
            self.say(m.text)
        elif m.kind == "connection":
            self.say(f"You put side by side: {m.title}.")
            self.say(m.text)
        elif m.title:
            self.say(m.title)
            self.say(m.text)
        else:
            self.say(m.text)

    # -- views --------------------------------------------------------------------------------
    def look(self) -> None:
        case, state = self.case, self.state
        if state.location:
            place = case.places[state.location]
            name = place.name[:1].upper() + place.name[1:]
            self.say(f"{name}. {place.description}")
            things = open_things(case, state)
            if things:
                self.say("You can search: " + ", ".join(f"{t.name} [{t.id}]" for t in things))
        else:
            self.say("You have not gone anywhere yet.")
        self.places()
        self.suspects()

    def places(self) -> None:
        others = [p for p in open_places(self.case, self.state) if p.id != self.state.location]
        if others:
            self.say("You can go to: " + ", ".join(f"{p.name} [{p.id}]" for p in others))

    def suspects(self) -> None:
        people = open_suspects(self.case, self.state)
        self.say("You can question: " + ", ".join(f"{s.name} [{s.id}]" for s in people))

    def topics(self, suspect: str) -> None:
        s = self.case.suspects.get(suspect)
        if s is None or s.id not in {o.id for o in open_suspects(self.case, self.state)}:
            self.fail(f"There is no suspect '{suspect}' you can question; try `suspects`.")
            return
        topics = open_topics(self.case, self.state, suspect)
        self.say(f"{s.name}. {s.intro}")
        if not topics:
            self.fail(
                f"You have nothing to ask {s.name} yet; find more, or show them a clue: "
                f"`present CLUE to {s.id}`."
            )
            return
        for t in topics:
            asked = " (asked)" if self.state.has_fact("asked", t.ref) else ""
            self.say(f"  [{t.id}] {t.ask}{asked}")

    def evidence(self, clue_id: str) -> None:
        if clue_id:
            found = {f.clue: f for f in self.state.found}
            if clue_id not in found:
                self.fail(f"You have not found any clue '{clue_id}'; try `evidence`.")
                return
            clue, f = self.case.clues[clue_id], found[clue_id]
            self.say(f"{clue.name} [{clue.id}]")
            self.say(clue.text)
            self.say(f"Found at step {f.step}, {f.via}.")
            shown = self.state.presented_to(clue_id)
            if shown:
                names = ", ".join(self.case.suspects[s].name for s in shown)
                self.say(f"Shown to: {names}.")
            return
        if not self.state.found:
            self.say("You have found no clues yet.")
            return
        self.say(f"Evidence ({len(self.state.found)} of {len(self.case.clues)} clues):")
        for f in self.state.found:
            self.say(f"  [{f.clue}] {self.case.clues[f.clue].name}")

    def show_notes(self) -> None:
        if not self.notes:
            self.say("Your notebook is empty. Write in it with `note TEXT`.")
        for n, text in enumerate(self.notes, 1):
            self.say(f"{n}. {text}")

    def status(self) -> None:
        s = self.state
        self.say(
            f"Step {s.step}. Clues found: {len(s.found)} of {len(self.case.clues)}. "
            f"Accusations left: {chances_left(self.case, s)}. Hints used: {s.hints_used}. "
            f"Links that led nowhere: {len(s.wrong_links)}."
        )
        if s.ending:
            self.say(f"The case has ended: {s.ending}.")

    def held(self) -> None:
        """What the player holds, with the ids to type for `connect` and for proofs."""
        case, state = self.case, self.state
        items = holdings(case, state)
        if not items:
            self.say("You hold nothing yet: search, and question the suspects.")
            return
        self.say("You hold (put two side by side with `connect A B`):")
        clues = [i for i in items if i in case.clues]
        heard = [i for i in items if i not in case.clues]
        if clues:
            self.say("  Clues:")
            for cid in clues:
                self.say(f"    [{cid}] {case.clues[cid].name}")
        if heard:
            self.say("  Answers heard:")
            for ref in heard:
                self.say(f"    [{ref}] {case.holding(ref)}")

    def verdict(self) -> None:
        """The last accusation again, claim by claim, and what was said of it."""
        case, state = self.case, self.state
        if not state.accusations:
            self.say("You have not accused anyone yet. Type `accuse` to do so.")
            return
        last = state.accusations[-1]
        n = len(state.accusations)
        self.say(f"Your accusation {n} of {case.deduction.chances} (step {last.step}):")
        self.say_statement(dict(last.choices), dict(last.proofs))
        self.say(f"Verdict: {verdict_text(case, last.wrong_parts)}")
        if state.ending == "out_of_chances":
            self.say()
            self.say("*** What really happened ***")
            self.say(truth_text(case, last))
        elif not state.ended:
            self.say(f"Accusations left: {chances_left(case, state)}.")

    def say_statement(self, choices: dict[str, str], proofs: dict[str, str]) -> None:
        case = self.case
        for claim in case.deduction.claims.values():
            answer = choices.get(claim.id, "")
            option = claim.options.get(answer)
            said = option.text if option else answer or "(no answer)"
            proof = proofs.get(claim.id, "")
            clue = case.clues.get(proof)
            shown = f"{clue.name} [{proof}]" if clue else proof or "(no clue)"
            self.say(f"  {claim.prompt} {said} [{answer}]; proof: {shown}")

    # -- accusing claim by claim --------------------------------------------------------------
    def start_accusation(self) -> None:
        """`accuse` alone: ask each claim's answer and then its proof, one line at a time."""
        problem = why_not_accuse(self.case, self.state)
        if problem is not None:
            self.fail(problem.text)
            if not self.state.ended:
                self.say(
                    "When you can, type `accuse` to be asked claim by claim, or on one line: "
                    f"accuse {self.example()}"
                )
            return
        last = self.state.accusations[-1] if self.state.accusations else None
        self.filling = Filling(
            claims=list(self.case.deduction.claims.values()),
            last_choices=dict(last.choices) if last else {},
            last_proofs=dict(last.proofs) if last else {},
        )
        left = chances_left(self.case, self.state)
        self.say(
            f"Accuse ({_count(left, 'accusation')} left): answer each claim, then attach a "
            "clue that proves it (where several do, any one will do). Type `cancel` to stop"
            + (", or press Enter to keep your last answer." if last else ".")
        )
        self.ask_next()

    def example(self) -> str:
        return " ".join(
            f"{c.id}={'SUSPECT' if c.id == 'who' else 'OPTION'}:CLUE"
            for c in self.case.deduction.claims.values()
        )

    def ask_next(self) -> None:
        f = self.filling
        assert f is not None
        if f.done:
            self.say("Your accusation:")
            self.say_statement(f.choices, f.proofs)
            self.say("Make it? (yes/no)")
            return
        claim = f.claim
        if not f.answering:
            self.say(f"proof: {claim.proof}")
            for n, found in enumerate(self.state.found, 1):  # as proof_choices lists them
                name = self.case.clues[found.clue].name
                self.say(f"  {n}. [{found.clue}] {name}, found {found.via}")
            self.say_last(f.last_proofs.get(claim.id))
            return
        self.say(claim.prompt)
        for n, oid in enumerate(self.answer_choices(claim), 1):
            self.say(f"  {n}. [{oid}] {claim.options[oid].text}")
        self.say_last(f.last_choices.get(claim.id))

    def say_last(self, last: str | None) -> None:
        if last is not None:
            self.say(f"  (Enter: {last}, as last time)")

    def answer_choices(self, claim: Claim) -> list[str]:
        return accusation_options(self.case, self.state)[claim.id]

    def proof_choices(self) -> list[str]:
        return [f.clue for f in self.state.found]

    def fill(self, line: str) -> bool:
        """One line typed while an accusation is being filled."""
        f = self.filling
        assert f is not None
        word = line.strip()
        if word.lower() in ("cancel", "quit", "exit", "q"):
            self.filling = None
            self.say("No accusation made.")
            return True
        if f.done:
            if word.lower() in ("yes", "y"):
                self.filling = None
                action = Accuse(tuple(f.choices.items()), tuple(f.proofs.items()))
                self.say(f"({format_action(action)})")
                self.act(action)
            elif word.lower() in ("no", "n"):
                self.filling = None
                self.say("No accusation made.")
            else:
                self.fail("Type yes to make this accusation, or no.")
            return True
        claim = f.claim
        if f.answering:
            choices, last = self.answer_choices(claim), f.last_choices.get(claim.id)
        else:
            choices, last = self.proof_choices(), f.last_proofs.get(claim.id)
        picked = _pick(word, choices, last)
        if picked is None and word.split(" ", 1)[0].lower() in _COMMANDS:
            self.filling = None  # a command instead of an answer: leave the form for it
            self.say("No accusation made.")
            return self.handle(line)
        if picked is None:
            what = "answers" if f.answering else "clues"
            self.fail(
                f"'{word}' is not one of the {what} listed: type its id or number (or `cancel`)."
            )
        else:
            f.take(picked)
        self.ask_next()
        return True


# Every command's first word: typed while an accusation is being filled, it leaves the form.
_COMMANDS = frozenset(
    {line.split()[0] for line in HELP.splitlines()[1:] if line[2:3].strip()}
    | {"l", "q", "exit", "clues", "question", "show", "examine", "visit", "link", "holding"}
)


def _pick(word: str, choices: list[str], last: str | None) -> str | None:
    if not word:
        return last if last in choices else None
    if word in choices:
        return word
    if word.isdigit() and 1 <= int(word) <= len(choices):
        return choices[int(word) - 1]
    return None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass
class Filling:
    """An accusation being filled: for each claim in turn, its answer and then its proof."""

    claims: list[Claim]
    last_choices: dict[str, str]
    last_proofs: dict[str, str]
    choices: dict[str, str] = field(default_factory=dict)
    proofs: dict[str, str] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return len(self.proofs) == len(self.claims)

    @property
    def claim(self) -> Claim:
        return self.claims[len(self.proofs)]

    @property
    def answering(self) -> bool:
        return self.claim.id not in self.choices

    def take(self, value: str) -> None:
        if self.answering:
            self.choices[self.claim.id] = value
        else:
            self.proofs[self.claim.id] = value


@dataclass
class ScriptResult:
    ok: bool
    problems: list[str]


def read_script(text: str) -> tuple[dict[str, list[str]], list[str]]:
    """A walkthrough's `#!` directives and its command lines."""
    directives: dict[str, list[str]] = {}
    commands: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#!"):
            key, _, value = line[2:].strip().partition(" ")
            directives.setdefault(key, []).append(value.strip())
        elif line and not line.startswith("#"):
            commands.append(line)
    return directives, commands


DIRECTIVES = ("case", "expect", "expect-text")
ENDINGS = ("solved", "out_of_chances", "unfinished")  # what `#! expect` can name


def _did_you_mean(word: str, choices: Iterable[str], prefix: str = "") -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{prefix}{close[0]}'?)" if close else ""


def directive_problems(directives: dict[str, list[str]]) -> list[str]:
    """What is wrong with a walkthrough's `#!` lines themselves: a directive or an ending
    that does not exist (a typo would otherwise check nothing, or fail without saying why)."""
    problems = []
    for name in directives:
        if name not in DIRECTIVES:
            problems.append(
                f"unknown directive '#! {name}'{_did_you_mean(name, DIRECTIVES, '#! ')}; the "
                "directives are #! case, #! expect and #! expect-text (see docs/walkthroughs.md)"
            )
    for ending in directives.get("expect", []):
        if ending not in ENDINGS:
            problems.append(
                f"unknown ending '{ending}' in '#! expect'{_did_you_mean(ending, ENDINGS)}; "
                "write #! expect solved, out_of_chances or unfinished"
            )
    return problems


def run_script(
    pack: Pack,
    text: str,
    write: Callable[[str], None],
    case_id: str | None = None,
    setup: Callable[[PlainGame], None] | None = None,
) -> ScriptResult:
    """Run a walkthrough; `setup` sees the game before it starts (to attach autosave, say)."""
    directives, commands = read_script(text)
    problems: list[str] = []
    wanted_case = case_id or next(iter(directives.get("case") or []), None)
    if wanted_case is not None and wanted_case not in pack.cases:
        return ScriptResult(False, [clean(f"no case '{wanted_case}' in pack '{pack.id}'")])
    case = pack.cases[wanted_case] if wanted_case else pack.first_case
    transcript: list[str] = []

    def both(line: str) -> None:
        transcript.append(line)
        write(line)

    game = PlainGame(pack, case, both)
    if setup is not None:
        setup(game)
    game.start()
    for line in commands:
        both(f"> {clean(line)}")
        before = game.errors
        if not game.handle(line):
            break
        if game.errors > before:
            problems.append(f"command '{line}' was refused")
    full = "\n".join(transcript)
    for expected in directives.get("expect", []):
        actual = game.state.ending or "unfinished"
        if expected in ENDINGS and expected != actual:
            problems.append(f"expected the case to end '{expected}', but it is '{actual}'")
    for text_wanted in directives.get("expect-text", []):
        if text_wanted not in full:
            problems.append(f"expected the transcript to contain '{text_wanted}'")
    problems += directive_problems(directives)
    # Problems quote the script's own lines, which may come from a pack someone else wrote.
    return ScriptResult(not problems, [clean(p) for p in problems])
