"""The rules: what is available, and what each action does. Pure functions over immutable data."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..pack.analysis import reveal
from ..pack.conditions import AllCond, Condition, Fact, holds
from ..pack.model import Case, Pack, Place, Suspect, Thing, Topic
from .actions import Accuse, Action, Ask, Go, Hint, Move, Present, Search
from .hints import PLAINEST, next_hint
from .notation import format_action
from .state import AccusationRecord, FoundClue, GameState


@dataclass(frozen=True)
class Line:
    """Something the player is told. `kind` lets a UI style it; `ref` names what it is about."""

    kind: str  # place, search, answer, reaction, clue, unlock, verdict, ending, hint, rejected
    text: str
    title: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    messages: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(m.text for m in self.messages)


def new_game(case: Case) -> GameState:
    return opening(case)[0]


def opening(case: Case) -> tuple[GameState, list[Line]]:
    """The state at the start of the case, and what the player is told then: the briefing,
    where they are, and the clues they start with."""
    state = GameState(case_id=case.id, location=case.start)
    told = [Line("briefing", case.briefing, case.title, case.id)]
    if case.start:
        state = _evolve(state, facts=frozenset({Fact("visited", case.start)}))
        told.append(_told(case, Go(case.start))[0])
    state, clues = _reveal(case, state, "at the start of the case")
    return state, told + clues


def _evolve(state: GameState, **changes: object) -> GameState:
    """`dataclasses.replace` for the state without its per-call introspection: folding a long
    log calls this for every action."""
    new = object.__new__(GameState)
    new.__dict__.update(state.__dict__, **changes)
    return new


def _cond(state: GameState, cond: Condition) -> bool:
    if type(cond) is AllCond and not cond.items:  # "always", the commonest condition
        return True
    return holds(cond, state.has)


# -- what is available ------------------------------------------------------------------
def open_places(case: Case, state: GameState) -> list[Place]:
    return [p for p in case.places.values() if _cond(state, p.when)]


def open_suspects(case: Case, state: GameState) -> list[Suspect]:
    return [s for s in case.suspects.values() if _cond(state, s.when)]


def open_things(case: Case, state: GameState, place: str | None = None) -> list[Thing]:
    place = place or state.location
    if place is None or place not in case.places:
        return []
    p = case.places[place]
    if not _cond(state, p.when):
        return []
    return [t for t in p.things.values() if _cond(state, t.when)]


def open_topics(case: Case, state: GameState, suspect: str) -> list[Topic]:
    s = case.suspects.get(suspect)
    if s is None or not _cond(state, s.when):
        return []
    return [t for t in s.topics.values() if _cond(state, t.when)]


def accusation_options(case: Case, state: GameState) -> dict[str, list[str]]:
    """For each blank (who first), the option ids the evidence has unlocked so far."""
    return {
        b.id: [o.id for o in b.options.values() if _cond(state, o.when)]
        for b in case.deduction.all_blanks
    }


def chances_left(case: Case, state: GameState) -> int:
    return case.deduction.chances - state.wrong_accusations


_OVER = "This case is over."
_NO_CHANCES = "You have no accusations left."


def why_not_accuse(case: Case, state: GameState) -> Line | None:
    """Why the player cannot make an accusation now, or None when they can."""
    if state.ended:
        return Line("rejected", _OVER)
    if chances_left(case, state) <= 0:
        return Line("rejected", _NO_CHANCES)
    options = accusation_options(case, state)
    for blank in case.deduction.all_blanks:
        if not options[blank.id]:
            text = f"You cannot answer “{blank.prompt}” yet: find more evidence."
            return Line("rejected", text, "Not yet")
    return None


def can_accuse(case: Case, state: GameState) -> bool:
    return why_not_accuse(case, state) is None


def available_actions(case: Case, state: GameState) -> list[Action]:
    """Every action the rules accept now, except accusations (see accusation_options)."""
    if state.ended:
        return []
    acts: list[Action] = [Go(p.id) for p in open_places(case, state) if p.id != state.location]
    acts += [Search(t.place, t.id) for t in open_things(case, state)]
    for s in open_suspects(case, state):
        acts += [Ask(s.id, t.id) for t in open_topics(case, state, s.id)]
        acts += [Present(s.id, f.clue) for f in state.found]
    acts.append(Hint())
    return acts


# -- applying an action -------------------------------------------------------------------
def _reject(state: GameState, why: str) -> tuple[GameState, Outcome]:
    return state, Outcome(False, (Line("rejected", why),))


def _snapshot(case: Case, state: GameState) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = {("place", p.id) for p in open_places(case, state)}
    for s in open_suspects(case, state):
        out.add(("suspect", s.id))
        out |= {("topic", t.ref) for t in open_topics(case, state, s.id)}
    for p in open_places(case, state):
        out |= {("thing", t.ref) for t in open_things(case, state, p.id)}
    return out


def _reveal(
    case: Case, state: GameState, via: str, new: Fact | None = None
) -> tuple[GameState, list[Line]]:
    """Reveal every clue whose condition now holds after `new` became true (every clue that
    holds, at the start), in the order the pack's rule gives (`pack.analysis.reveal`)."""
    ids = reveal(case, state.facts.__contains__, new)
    if not ids:
        return state, []
    found = tuple(FoundClue(cid, state.step, via, state.location) for cid in ids)
    state = _evolve(
        state,
        found=(*state.found, *found),
        facts=state.facts | {Fact("found", cid) for cid in ids},
        _found_ids=state._found_ids | set(ids),
    )
    clues = case.clues
    return state, [Line("clue", clues[cid].text, clues[cid].name, cid) for cid in ids]


def _unlock_messages(
    case: Case, before: set[tuple[str, str]], after: set[tuple[str, str]]
) -> list[Line]:
    msgs = []
    for kind, ref in sorted(after - before):
        if kind == "place":
            text = f"You can now go to {case.places[ref].name}."
        elif kind == "suspect":
            text = f"You can now question {case.suspects[ref].name}."
        elif kind == "thing":
            thing = case.things[ref]
            text = f"Something new to search in {case.places[thing.place].name}: {thing.name}."
        else:
            topic = case.topics[ref]
            text = f"New question for {case.suspects[topic.suspect].name}: {topic.ask}"
        msgs.append(Line("unlock", text, ref=ref))
    return msgs


def apply(
    case: Case, state: GameState, action: Action, *, quiet: bool = False
) -> tuple[GameState, Outcome]:
    """Apply one action. A rejected action returns the same state and says why.

    `quiet=True` is for folding a log: the state is the same, but an accepted action's outcome
    leaves out the hint text and the "you can now ..." messages, which are costly to work out."""
    if state.ended:
        return _reject(state, _OVER)
    if isinstance(action, Hint):
        hint = _ACCEPTED_HINT if quiet else _hint_message(case, state)
        new = _evolve(
            state,
            step=state.step + 1,
            hints_used=state.hints_used + 1,
            hint_level=state.hint_level + 1,
        )
        return new, Outcome(True, (hint,))
    checked = _check(case, state, action)
    if isinstance(checked, str):
        return _reject(state, checked)
    if isinstance(action, Accuse):
        state, verdict = _judge(case, _evolve(state, step=state.step + 1, hint_level=0), action)
        return state, Outcome(True, tuple(verdict))
    fact = _fact_of(action)
    known = fact in state.facts  # then nothing new can be revealed or unlocked
    before: set[tuple[str, str]] = set() if quiet or known else _snapshot(case, state)
    state = _evolve(
        state,
        step=state.step + 1,
        hint_level=0,
        location=action.place if isinstance(action, Go) else state.location,
        facts=state.facts if known else state.facts | {fact},
    )
    if known and quiet:
        return state, _ACCEPTED
    message, via = _told(case, action)
    if known:
        return state, Outcome(True, (message,))
    state, revealed = _reveal(case, state, via, fact)
    messages = [message, *revealed]
    if not quiet:
        messages += _unlock_messages(case, before, _snapshot(case, state))
    return state, Outcome(True, tuple(messages))


_ACCEPTED = Outcome(True, ())


_ACCEPTED_HINT = Line("hint", "")
_QUIET_HINT = Outcome(True, (_ACCEPTED_HINT,))


@dataclass(frozen=True)
class Folded:
    """A log applied in turn: the state after the actions accepted, their outcomes, and the
    outcome of the first action refused (the one at index `len(outcomes)`), if any."""

    state: GameState
    outcomes: list[Outcome]
    refused: Outcome | None


def fold(case: Case, actions: Iterable[Action], *, quiet: bool = True) -> Folded:
    """Apply `actions` in turn from the start of the case, stopping at the first one refused:
    the same states and outcomes as calling `apply` for each, with less work for a long log.

    Most steps of a long game teach nothing new: a hint, or a move whose fact is already known.
    Such a step only counts a hint or moves the player, so here it changes a few counters
    instead of copying the state. What it tells the player, and whether a move is allowed at
    all, depend only on the facts and where the player stands (and for a hint, how plain it
    is), so each is worked out once for each facts-and-place, and again whenever a fact is
    added. Anything else is `apply` itself."""
    state = new_game(case)
    step, location, hints_used, hint_level = (
        state.step,
        state.location,
        state.hints_used,
        state.hint_level,
    )
    outcomes: list[Outcome] = []
    # For the facts as they are now: where the player stands -> the moves accepted there that
    # teach nothing new, and what each of them told the player.
    repeats: dict[str | None, dict[Action, Outcome]] = {}
    here = repeats.setdefault(location, {})
    hints: dict[tuple[str | None, int], Outcome] = {}  # (place, plainness) -> the hint given
    ended = state.ended
    told: Outcome | None
    for action in actions:
        if not ended:
            if type(action) is Hint:
                if quiet:
                    told = _QUIET_HINT
                else:
                    plainness = min(hint_level + 1, PLAINEST)
                    told = hints.get((location, plainness))
                    if told is None:
                        now = _evolve(
                            state,
                            step=step,
                            location=location,
                            hints_used=hints_used,
                            hint_level=hint_level,
                        )
                        told = Outcome(True, (_hint_message(case, now),))
                        hints[location, plainness] = told
                step, hints_used, hint_level = step + 1, hints_used + 1, hint_level + 1
                outcomes.append(told)
                continue
            told = here.get(action)
            if told is not None:
                step, hint_level = step + 1, 0
                if type(action) is Go:
                    location = action.place
                    here = repeats.setdefault(location, {})
                outcomes.append(told)
                continue
        now = _evolve(
            state, step=step, location=location, hints_used=hints_used, hint_level=hint_level
        )
        new, outcome = apply(case, now, action, quiet=quiet)
        if not outcome.accepted:
            return Folded(now, outcomes, outcome)
        outcomes.append(outcome)
        if new.facts is not now.facts:  # a fact was added: every check may differ now
            repeats.clear()
            hints.clear()
        elif isinstance(action, (Go, Search, Ask, Present)):
            repeats.setdefault(now.location, {})[action] = outcome
        state, ended = new, new.ended
        step, location, hints_used, hint_level = (
            new.step,
            new.location,
            new.hints_used,
            new.hint_level,
        )
        here = repeats.setdefault(location, {})
    state = _evolve(
        state, step=step, location=location, hints_used=hints_used, hint_level=hint_level
    )
    return Folded(state, outcomes, None)


def _hint_message(case: Case, state: GameState) -> Line:
    """The hint, with the command of the step it names in `ref` once it names one exactly."""
    hint = next_hint(case, state)
    ref = format_action(hint.action) if hint.level >= PLAINEST and hint.action is not None else ""
    return Line("hint", hint.text, ref=ref)


def _fact_of(action: Move) -> Fact:
    """The fact an accepted action establishes."""
    if isinstance(action, Go):
        return Fact("visited", action.place)
    if isinstance(action, Search):
        return Fact("searched", f"{action.place}/{action.thing}")
    if isinstance(action, Ask):
        return Fact("asked", f"{action.suspect}/{action.topic}")
    return Fact("presented", f"{action.suspect}/{action.clue}")


def _told(case: Case, action: Move) -> tuple[Line, str]:
    """What the player is told on an accepted action, and how a clue it reveals was found."""
    if isinstance(action, Go):
        place = case.places[action.place]
        message = Line("place", place.description, _cap(place.name), place.id)
        return message, f"on arriving at {place.name}"
    if isinstance(action, Search):
        thing = case.places[action.place].things[action.thing]
        message = Line("search", thing.text, _cap(thing.name), thing.ref)
        return message, f"searching {thing.name} ({case.places[thing.place].name})"
    if isinstance(action, Ask):
        topic = case.suspects[action.suspect].topics[action.topic]
        name = case.suspects[action.suspect].name
        message = Line("answer", topic.answer, f"{name}: {topic.ask}", topic.ref)
        return message, f"asking {name} “{topic.ask.rstrip('.')}”"
    suspect = case.suspects[action.suspect]
    reaction = suspect.reactions.get(action.clue)
    text = reaction.text if reaction else suspect.default_reaction
    ref = f"{suspect.id}/{action.clue}"
    clue_name = case.clues[action.clue].name
    message = Line("reaction", text, f"{suspect.name} is shown: {clue_name}", ref)
    return message, f"showing {clue_name} to {suspect.name}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _check(case: Case, state: GameState, action: Action) -> str | None:
    """Why the action is not allowed now, or None when it is."""
    if isinstance(action, Go):
        place = case.places.get(action.place)
        if place is None or not _cond(state, place.when):
            return f"There is no place '{action.place}' you can go to."
        if state.location == place.id:
            return f"You are already in {place.name}."
        return None
    if isinstance(action, Search):
        place = case.places.get(action.place)
        if place is None or state.location != place.id:
            return "You can only search things where you are; go there first."
        if not _cond(state, place.when):
            return f"You can no longer search anything in {place.name}."
        thing = place.things.get(action.thing)
        if thing is None or not _cond(state, thing.when):
            return f"There is nothing called '{action.thing}' to search in {place.name}."
        return None
    if isinstance(action, (Ask, Present)):
        suspect = case.suspects.get(action.suspect)
        if suspect is None or not _cond(state, suspect.when):
            return f"There is no suspect '{action.suspect}' you can question."
        if isinstance(action, Ask):
            topic = suspect.topics.get(action.topic)
            if topic is None or not _cond(state, topic.when):
                return f"You cannot ask {suspect.name} about '{action.topic}' (yet)."
            return None
        if not state.has_found(action.clue):
            return f"You have no clue '{action.clue}' to show."
        return None
    if isinstance(action, Accuse):
        return _check_accusation(case, state, action)
    return None


def _check_accusation(case: Case, state: GameState, action: Accuse) -> str | None:
    if chances_left(case, state) <= 0:
        return _NO_CHANCES
    options = accusation_options(case, state)
    given = dict(action.choices)
    if len(given) != len(action.choices):
        return "Each blank can be filled only once."
    for blank in case.deduction.all_blanks:
        choice = given.get(blank.id)
        if choice is None:
            return f"Fill the blank '{blank.id}': {blank.prompt}"
        if choice not in options[blank.id]:
            return f"'{choice}' is not an option you have for '{blank.id}' (yet)."
    extra = set(given) - set(options)
    if extra:
        return f"There is no blank '{sorted(extra)[0]}' in this deduction."
    if not action.evidence:
        return "Attach at least one piece of evidence."
    for clue in action.evidence:
        if not state.has_found(clue):
            return f"You have not found any clue '{clue}'."
    if len(set(action.evidence)) != len(action.evidence):
        return "Attach each piece of evidence only once."
    most = case.deduction.max_evidence
    if len(action.evidence) > most:
        return f"Attach at most {most} pieces of evidence: only the ones that prove it."
    return None


def is_correct(case: Case, choices: Iterable[tuple[str, str]], evidence: Sequence[str]) -> bool:
    given = dict(choices)
    d = case.deduction
    return all(given.get(b.id) == b.answer for b in d.all_blanks) and d.proves(evidence)


def _judge(case: Case, state: GameState, action: Accuse) -> tuple[GameState, list[Line]]:
    correct = is_correct(case, action.choices, action.evidence)
    record = AccusationRecord(state.step, action.choices, action.evidence, correct)
    state = _evolve(state, accusations=(*state.accusations, record))
    if correct:
        ending = case.solved
        state = _evolve(state, ending="solved")
        return state, [
            Line("verdict", "Every part of it holds. You have the truth.", "Right"),
            Line("ending", ending.text, ending.title, "solved"),
        ]
    msgs = [Line("verdict", "That is not the whole truth: some part of it does not hold.", "Wrong")]
    accused = action.choice("who") or ""
    wrong = case.wrong.get(accused)
    if wrong is not None:
        msgs.append(Line("ending", wrong.text, wrong.title, f"wrong:{accused}"))
    left = chances_left(case, state)
    if left <= 0:
        state = _evolve(state, ending="out_of_chances")
        msgs.append(
            Line("ending", case.out_of_chances.text, case.out_of_chances.title, "out_of_chances")
        )
    else:
        msgs.append(Line("verdict", f"Accusations left: {left}."))
    return state, msgs


# -- across cases ------------------------------------------------------------------------
def open_cases(pack: Pack, ended: Iterable[str]) -> list[str]:
    """The cases a player can start, given the ids of cases they have finished."""
    done = set(ended)
    return [c.id for c in pack.cases.values() if set(c.requires) <= done]


@dataclass(frozen=True)
class Rating:
    stars: int
    label: str
    actions: int
    wrong: int
    hints: int


def rating(case: Case, state: GameState, par: int) -> Rating:
    """Three stars for a clean solve; each wrong accusation and each hint costs. Questioning
    thoroughly is the game, so only wandering far beyond the hints' own path (par) costs."""
    actions = state.step - state.hints_used
    score = 3.0
    score -= state.wrong_accusations
    score -= 0.5 * state.hints_used
    if actions > 5 * par:
        score -= 1
    elif actions > 3 * par:
        score -= 0.5
    stars = max(1, min(3, math.floor(score + 0.5)))
    label = {3: "Sharp as a pin", 2: "A solid investigation", 1: "Got there in the end"}[stars]
    return Rating(stars, label, actions, state.wrong_accusations, state.hints_used)
