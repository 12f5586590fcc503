"""Plain mode: the game as lines of text on stdin/stdout, like dumb-frotz.

No colours and no cursor movement, so it works with screen readers, pipes and scripts.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..engine import (
    Action,
    Game,
    GameState,
    Line,
    NotationError,
    accusation_options,
    chances_left,
    open_places,
    open_suspects,
    open_things,
    open_topics,
    parse_action,
)
from ..pack.model import Case, Pack
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
  note TEXT                 write in your notebook
  notes                     read your notebook
  status                    progress and accusations left
  hint                      a hint (ask again for a plainer one)
  accuse                    how to accuse, and the options you have
  accuse who=... BLANK=... evidence=CLUE,CLUE
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
            self.accuse_help()
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
                f"({r.actions} actions, {r.wrong} wrong accusations, {r.hints} hints)"
            )
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
            f"Accusations left: {chances_left(self.case, s)}. Hints used: {s.hints_used}."
        )
        if s.ending:
            self.say(f"The case has ended: {s.ending}.")

    def accuse_help(self) -> None:
        options = accusation_options(self.case, self.state)
        self.say("Fill every blank, and attach the evidence that proves it:")
        for blank in self.case.deduction.all_blanks:
            names = (
                ", ".join(f"{blank.options[o].text} [{o}]" for o in options[blank.id])
                or "(nothing yet: find more evidence)"
            )
            self.say(f"  {blank.id}: {blank.prompt} {names}")
        most = self.case.deduction.max_evidence
        self.say(
            f"  evidence: {self.case.deduction.evidence_prompt} "
            f"(up to {most} clue ids, comma-separated)"
        )
        example = " ".join(f"{b.id}=..." for b in self.case.deduction.all_blanks)
        self.say(f"Then type: accuse {example} evidence=CLUE,CLUE")
        self.say(f"Accusations left: {chances_left(self.case, self.state)}.")


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
