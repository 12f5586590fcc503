"""The rules: what is available, and what each action does. Pure functions over immutable data."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..pack.analysis import held_fact, reveal
from ..pack.conditions import AllCond, Condition, Fact, holds
from ..pack.model import STRICT, Case, Pack, Place, Suspect, Thing, Topic
from .actions import Accuse, Action, Ask, Connect, Go, Hint, Move, Present, Search
from .hints import PLAINEST, next_hint
from .notation import format_action
from .state import AccusationRecord, FoundClue, GameState


@dataclass(frozen=True)
class Line:
    """Something the player is told. `kind` lets a UI style it; `ref` names what it is about."""

    # place, search, answer, reaction, connection, clue, unlock, verdict, ending, truth, hint,
    # rejected
    kind: str
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
        told.append(_told(case, state, Go(case.start))[0])
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
    """For each claim (who first), the option ids the evidence has unlocked so far."""
    return {
        c.id: [o.id for o in c.options.values() if _cond(state, o.when)]
        for c in case.deduction.claims.values()
    }


def holdings(case: Case, state: GameState) -> list[str]:
    """What the player holds and can put side by side: the clues found, in the order found,
    then the answers heard (SUSPECT/TOPIC), in the order of the case."""
    heard = [t.ref for t in case.topics.values() if Fact("asked", t.ref) in state.facts]
    return [f.clue for f in state.found] + heard


def holds_item(case: Case, state: GameState, ref: str) -> bool:
    return held_fact(case, ref) in state.facts and (ref in case.clues or ref in case.topics)


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
    for claim in case.deduction.claims.values():
        if not options[claim.id]:
            text = f"You cannot answer “{claim.prompt}” yet: find more evidence."
            return Line("rejected", text, "Not yet")
    if not state.found:
        return Line("rejected", "You have no clue yet to prove anything with.", "Not yet")
    return None


def can_accuse(case: Case, state: GameState) -> bool:
    return why_not_accuse(case, state) is None


def available_actions(case: Case, state: GameState) -> list[Action]:
    """Every action the rules accept now, except accusations (see accusation_options) and
    links of two things that mean nothing together (any two things held can be linked)."""
    if state.ended:
        return []
    acts: list[Action] = [Go(p.id) for p in open_places(case, state) if p.id != state.location]
    acts += [Search(t.place, t.id) for t in open_things(case, state)]
    for s in open_suspects(case, state):
        acts += [Ask(s.id, t.id) for t in open_topics(case, state, s.id)]
        acts += [Present(s.id, f.clue) for f in state.found]
    acts += [
        Connect(*c.links)
        for c in case.connections.values()
        if all(holds_item(case, state, ref) for ref in c.links)
    ]
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
    if isinstance(action, Connect):
        return _connect(case, _evolve(state, step=state.step + 1, hint_level=0), action, quiet)
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
    message, via = _told(case, state, action)
    if known:
        return state, Outcome(True, (message,))
    state, revealed = _reveal(case, state, via, fact)
    messages = [message, *revealed]
    if not quiet:
        messages += _unlock_messages(case, before, _snapshot(case, state))
    return state, Outcome(True, tuple(messages))


_ACCEPTED = Outcome(True, ())


def _connect(
    case: Case, state: GameState, action: Connect, quiet: bool
) -> tuple[GameState, Outcome]:
    pair = action.pair
    title = f"{case.holding(action.first)} + {case.holding(action.second)}"
    made = case.connection_of.get(pair)
    if made is None:
        if pair in state.wrong_links:
            text = "You have put these two side by side before: nothing follows from them."
            return state, Outcome(True, (Line("connection", text, title),))
        state = _evolve(state, wrong_links=state.wrong_links | {pair})
        text = "Nothing follows from putting these two together."
        return state, Outcome(True, (Line("connection", text, title),))
    fact = Fact("connected", made)
    if fact in state.facts:
        text = "You have already put these two together."
        return state, Outcome(True, (Line("connection", text, title, made),))
    before: set[tuple[str, str]] = set() if quiet else _snapshot(case, state)
    state = _evolve(state, facts=state.facts | {fact})
    state, revealed = _reveal(case, state, f"putting together {title}", fact)
    text = "These two belong together."
    messages = [Line("connection", text, title, made), *revealed]
    if not quiet:
        messages += _unlock_messages(case, before, _snapshot(case, state))
    return state, Outcome(True, tuple(messages))


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
    is and the last accusation), so each is worked out once for each facts-and-place, and
    again whenever a fact is added (a hint, also after an accusation). Anything else is
    `apply` itself."""
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
        elif new.accusations is not now.accusations:  # hints work on the last accusation
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


def answer_to(state: GameState, topic: Topic) -> str:
    """What the suspect says to `topic` now: the last of its later answers whose `when` holds,
    else its first answer."""
    for later in reversed(topic.later):
        if _cond(state, later.when):
            return later.answer
    return topic.answer


def _told(case: Case, state: GameState, action: Move) -> tuple[Line, str]:
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
        message = Line("answer", answer_to(state, topic), f"{name}: {topic.ask}", topic.ref)
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
    if isinstance(action, Connect):
        for ref in (action.first, action.second):
            if not holds_item(case, state, ref):
                return f"You hold nothing called '{ref}' to put beside another."
        if action.first == action.second:
            return "Put two different things side by side."
        return None
    if isinstance(action, Accuse):
        return _check_accusation(case, state, action)
    return None


def _check_accusation(case: Case, state: GameState, action: Accuse) -> str | None:
    if chances_left(case, state) <= 0:
        return _NO_CHANCES
    options = accusation_options(case, state)
    given, proofs = dict(action.choices), dict(action.proofs)
    if len(given) != len(action.choices) or len(proofs) != len(action.proofs):
        return "Each claim can be answered and proven only once."
    claims = case.deduction.claims
    extra = (set(given) | set(proofs)) - set(claims)
    if extra:
        return f"There is no claim '{sorted(extra)[0]}' in this deduction."
    for claim in claims.values():
        choice = given.get(claim.id)
        if choice is None:
            return f"Answer the claim '{claim.id}': {claim.prompt}"
        if choice not in options[claim.id]:
            return f"'{choice}' is not an answer you have for '{claim.id}' (yet)."
        proof = proofs.get(claim.id)
        if proof is None:
            return f"Attach the clue that proves '{claim.id}': {claim.proof}"
        if not state.has_found(proof):
            return f"You have not found any clue '{proof}'."
    return None


def parts_wrong(
    case: Case, choices: Iterable[tuple[str, str]], proofs: Iterable[tuple[str, str]]
) -> int:
    """How many parts of an accusation (each claim's answer, each claim's proof) do not hold."""
    given, attached = dict(choices), dict(proofs)
    return sum(
        c.parts_wrong(given.get(c.id), attached.get(c.id)) for c in case.deduction.claims.values()
    )


def verdict_text(case: Case, wrong_parts: int) -> str:
    """What a verdict says: how close it was, never which part missed."""
    if wrong_parts == 0:
        return "Every part of it holds. You have the truth."
    if case.deduction.grading == STRICT:
        return "That is not the truth: some part of it does not hold."
    if wrong_parts <= 2:
        return "Close: one or two parts of it do not hold."
    return "Far off: more than two parts of it do not hold."


def _judge(case: Case, state: GameState, action: Accuse) -> tuple[GameState, list[Line]]:
    wrong_parts = parts_wrong(case, action.choices, action.proofs)
    record = AccusationRecord(state.step, action.choices, action.proofs, wrong_parts)
    state = _evolve(state, accusations=(*state.accusations, record))
    verdict = verdict_text(case, wrong_parts)
    if wrong_parts == 0:
        ending = case.solved
        state = _evolve(state, ending="solved")
        return state, [
            Line("verdict", verdict, "Right"),
            Line("ending", ending.text, ending.title, "solved"),
        ]
    msgs = [Line("verdict", verdict, "Wrong")]
    left = chances_left(case, state)
    if left > 0:
        word = "accusation" if left == 1 else "accusations"
        msgs.append(Line("verdict", f"You have {left} {word} left."))
        return state, msgs
    # Only now, with nothing left to guess, does the game say more than the grading did.
    state = _evolve(state, ending="out_of_chances")
    accused = action.choice("who") or ""
    wrong = case.wrong.get(accused)
    if wrong is not None:
        msgs.append(Line("ending", wrong.text, wrong.title, f"wrong:{accused}"))
    msgs.append(
        Line("ending", case.out_of_chances.text, case.out_of_chances.title, "out_of_chances")
    )
    msgs.append(Line("truth", truth_text(case, record), "What really happened", "truth"))
    return state, msgs


def truth_text(case: Case, last: AccusationRecord | None) -> str:
    """The true statement, claim by claim with the clues that prove it, and beside each part
    what the player's last accusation said of it."""
    given = dict(last.choices) if last else {}
    attached = dict(last.proofs) if last else {}
    paras: list[str] = []
    for claim in case.deduction.claims.values():
        true = claim.options[claim.answer].text if claim.answer in claim.options else claim.answer
        lines = [claim.prompt, f"  {_cap(true)}."]
        said = given.get(claim.id)
        if last is not None:
            if said == claim.answer:
                lines[-1] += " You had this right."
            elif said is not None:
                yours = claim.options[said].text if said in claim.options else said
                lines[-1] += f" You said: {yours}."
        proofs = " or ".join(case.clues[c].name for c in claim.proven_by if c in case.clues)
        lines.append(f"  {claim.proof} {proofs}.")
        clue = attached.get(claim.id)
        if last is not None and clue is not None:
            name = case.clues[clue].name if clue in case.clues else clue
            holds_ = said == claim.answer and clue in claim.proven_by
            lines[-1] += f" You attached {name}: " + ("it holds." if holds_ else "it does not.")
        paras.append("\n".join(lines))
    return "\n\n".join(paras)


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
    wrong_links: int = 0
    # What took stars away, in words, with what each cost: ("2 hints", 1.0).
    costs: tuple[tuple[str, float], ...] = ()

    @property
    def score(self) -> float:
        """Three, less what each thing cost: `stars` is this rounded, and at least one."""
        return _score(self.costs)


def _score(costs: Iterable[tuple[str, float]]) -> float:
    return 3.0 - sum(cost for _, cost in costs)


def cost_lines(r: Rating) -> list[str]:
    """What took stars away, one line each, as a player reads it ("1 hint: -0.5 star"), and
    how they add up to the stars shown."""
    if not r.costs:
        return ["Nothing took a star away."]

    def num(value: float) -> str:
        return f"{value:.1f}".removesuffix(".0")

    lines = [f"{what}: -{num(cost)} star" for what, cost in r.costs]
    stars = f"{r.stars} star{'' if r.stars == 1 else 's'}"
    lines.append(
        f"3 - {num(3.0 - r.score)} = {num(r.score)}: {stars}, rounded to the nearest whole star "
        "(a solved case keeps at least one)"
    )
    return lines


WRONG_LINK_COST = 0.1  # a link that leads nowhere costs a little, and all of them at most:
WRONG_LINKS_MOST = 1.0  # trying ideas is part of detecting


_LEARNING = frozenset({"visited", "searched", "asked", "presented", "connected"})


def rating(case: Case, state: GameState, par: int) -> Rating:
    """Three stars for a clean solve; each wrong accusation and each hint costs, and a wrong
    link a little. Searching and questioning thoroughly is the game and costs nothing; only
    steps that found nothing new, far beyond the length of the hints' own path (par), do."""
    actions = state.step - state.hints_used
    links = len(state.wrong_links)
    costs: list[tuple[str, float]] = []

    def cost(count: int, one: str, many: str, value: float) -> None:
        if count and value:
            costs.append((f"{count} {one if count == 1 else many}", value))

    cost(
        state.wrong_accusations,
        "wrong accusation",
        "wrong accusations",
        1.0 * state.wrong_accusations,
    )
    cost(state.hints_used, "hint", "hints", 0.5 * state.hints_used)
    cost(
        links,
        "link that led nowhere",
        "links that led nowhere",
        min(WRONG_LINKS_MOST, WRONG_LINK_COST * links),
    )
    # Every first search, question, showing, link and visit taught something: only the rest
    # (walking to and fro, asking again what changed nothing) is wandering.
    start = Fact("visited", case.start or "")  # the first place is given, not a step
    learned = sum(f.kind in _LEARNING and f != start for f in state.facts)
    idle = max(0, actions - learned - len(state.accusations) - links)
    if idle > 3 * par:
        cost(idle, "step that found nothing new", "steps that found nothing new", 1.0)
    elif idle > 2 * par:
        cost(idle, "step that found nothing new", "steps that found nothing new", 0.5)
    score = _score(costs)
    stars = max(1, min(3, math.floor(score + 0.5)))
    label = {3: "Sharp as a pin", 2: "A solid investigation", 1: "Got there in the end"}[stars]
    return Rating(
        stars, label, actions, state.wrong_accusations, state.hints_used, links, tuple(costs)
    )
