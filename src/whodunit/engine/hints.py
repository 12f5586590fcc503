"""Hints, computed from the same reachability analysis as the fair-play checker.

The planner looks for the first clue (in the pack's order) that the solution needs and the player
has not found, and walks back through its conditions to an action the player can take now.
Consecutive hints are plainer each time: a nudge, then the step, then the exact command.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..pack.analysis import CaseReach, analyse, held_fact
from ..pack.conditions import AllCond, AnyCond, Condition, Fact, FactCond, holds
from ..pack.model import Case, Claim
from .actions import Ask, Connect, Go, Move, Present, Search
from .state import AccusationRecord, GameState

Step = Move | Connect

PLAINEST = 3  # the level of the plainest hint, which names the exact step: none is plainer


@dataclass(frozen=True)
class HintText:
    level: int
    text: str
    action: Step | None


def needed_clues(case: Case, reach: CaseReach, found: frozenset[str] = frozenset()) -> list[str]:
    """The clues a fair solve still needs, given the clues found: one proof of each claim, and
    a clue clearing each innocent suspect not yet cleared."""
    needed: set[str] = set()
    for claim in case.deduction.claims.values():
        proof = _proof_to_find(claim, reach, found)
        if proof is not None:
            needed.add(proof)
    cleared: set[str] = {s for c in found for s in case.clues[c].rules_out}
    for c in case.clues.values():
        if c.id in found or Fact("found", c.id) not in reach.optimistic:
            continue
        fresh = set(c.rules_out) - cleared - {case.culprit}
        if fresh:
            needed.add(c.id)
            cleared |= fresh
    # The answer's options are reached through their conditions by next_step, which picks one
    # alternative of an `any` rather than wanting every clue that is mentioned.
    return [c for c in case.clues if c in needed]


def _proof_to_find(claim: Claim, reach: CaseReach, found: frozenset[str]) -> str | None:
    """The proof of a claim the player should look for, or None when they hold one."""
    if any(c in found for c in claim.proven_by):
        return None
    reachable = [c for c in claim.proven_by if Fact("found", c) in reach.optimistic]
    return reachable[0] if reachable else (claim.proven_by[0] if claim.proven_by else None)


class _Planner:
    def __init__(self, case: Case, state: GameState, reach: CaseReach) -> None:
        self.case = case
        self.state = state
        self.reach = reach
        self.seen: set[Fact] = set()

    def holds(self, cond: Condition) -> bool:
        return holds(cond, self.state.has)

    def cond(self, cond: Condition) -> Step | None:
        if self.holds(cond):
            return None
        if isinstance(cond, FactCond):
            return self.fact(cond.fact)
        if isinstance(cond, AllCond):
            for item in cond.items:
                if not self.holds(item):
                    step = self.cond(item)
                    if step is not None:
                        return step
            return None
        if isinstance(cond, AnyCond):
            for item in cond.items:
                if self.reach.can(item):
                    step = self.cond(item)
                    if step is not None:
                        return step
            return None
        return None  # a `not` cannot be made true by acting

    def fact(self, fact: Fact) -> Step | None:
        if self.state.has(fact) or fact in self.seen or fact not in self.reach.optimistic:
            return None
        self.seen.add(fact)
        case, kind, ref = self.case, fact.kind, fact.ref
        if kind == "found":
            return self.cond(case.clues[ref].revealed_by)
        if kind == "visited":
            return self.cond(case.places[ref].when) or Go(ref)
        if kind == "searched":
            thing = case.things[ref]
            place = case.places[thing.place]
            pre = self.cond(place.when) or self.cond(thing.when)
            if pre is not None:
                return pre
            if self.state.location != place.id:
                return Go(place.id)
            return Search(place.id, thing.id)
        if kind == "connected":
            conn = case.connections[ref]
            for link in conn.links:
                step = self.fact(held_fact(case, link))
                if step is not None:
                    return step
            return Connect(*conn.links)
        if kind == "asked":
            topic = case.topics[ref]
            suspect = case.suspects[topic.suspect]
            return self.cond(suspect.when) or self.cond(topic.when) or Ask(suspect.id, topic.id)
        sid, _, cid = ref.partition("/")
        return (
            self.fact(Fact("found", cid)) or self.cond(case.suspects[sid].when) or Present(sid, cid)
        )


def next_step(case: Case, state: GameState, reach: CaseReach | None = None) -> Step | None:
    """The next useful action toward a fair solve, or None when the player has what they need."""
    reach = reach or analyse(case, state.facts)
    planner = _Planner(case, state, reach)
    for cid in needed_clues(case, reach, state.found_ids):
        if not state.has_found(cid):
            step = planner.fact(Fact("found", cid))
            if step is not None:
                return step
    for claim in case.deduction.claims.values():
        opt = claim.options.get(claim.answer)
        if opt is not None and not planner.holds(opt.when):
            step = planner.cond(opt.when)
            if step is not None:
                return step
    return None


def _toward_proof(case: Case, state: GameState, claim: Claim) -> Step | None:
    """The next step toward a clue that proves `claim`, or None when the player holds one."""
    reach = analyse(case, state.facts)
    proof = _proof_to_find(claim, reach, state.found_ids)
    if proof is None:
        return None
    return _Planner(case, state, reach).fact(Fact("found", proof))


def _toward_answer(case: Case, state: GameState, claim: Claim) -> Step | None:
    """The next step that unlocks the claim's true answer, or None when it is open."""
    option = claim.options.get(claim.answer)
    if option is None:
        return None
    return _Planner(case, state, analyse(case, state.facts)).cond(option.when)


def _nudge(case: Case, state: GameState, action: Step) -> str:
    if isinstance(action, Go):
        name = case.places[action.place].name
        if state.has(Fact("visited", action.place)):  # going back to search there
            return f"You have not seen everything in {name} yet."
        return f"Have you been to {name} yet?"
    if isinstance(action, Search):
        return f"Something here deserves a closer look: {case.places[action.place].name}."
    if isinstance(action, Ask):
        return f"{case.suspects[action.suspect].name} may know more than they have said."
    if isinstance(action, Connect):
        return f"Look again at {case.holding(action.first)}: does something else you hold fit it?"
    return f"Someone's reaction to {case.clues[action.clue].name} could be telling."


def _plain(case: Case, action: Step) -> str:
    if isinstance(action, Go):
        return f"Go to {case.places[action.place].name}."
    if isinstance(action, Search):
        # The planner sends the player to the place first, so they are standing in it now.
        return f"Search {case.places[action.place].things[action.thing].name}."
    if isinstance(action, Ask):
        topic = case.suspects[action.suspect].topics[action.topic]
        return f'Ask {case.suspects[action.suspect].name}: "{topic.ask}"'
    if isinstance(action, Connect):
        return f"Put {case.holding(action.first)} beside {case.holding(action.second)}."
    return f"Show {case.clues[action.clue].name} to {case.suspects[action.suspect].name}."


def _last_wrong(state: GameState) -> AccusationRecord | None:
    last = state.accusations[-1] if state.accusations else None
    return last if last is not None and not last.correct else None


def _failing_claim(case: Case, last: AccusationRecord) -> Claim | None:
    given, attached = dict(last.choices), dict(last.proofs)
    for claim in case.deduction.claims.values():
        if claim.parts_wrong(given.get(claim.id), attached.get(claim.id)):
            return claim
    return None


def _after_accusation(
    case: Case, state: GameState, level: int, last: AccusationRecord
) -> HintText | None:
    """After a wrong accusation the hints work on it: a nudge, then which claim does not
    hold, then the step that finds or connects its proof (or the clue that proves it)."""
    claim = _failing_claim(case, last)
    if claim is None:
        return None
    if level == 1:
        text = (
            "Your last accusation does not hold. Read each claim again beside the clue you "
            "attached to it: does that clue show what the claim asks?"
        )
        return HintText(level, text, None)
    if level == 2:
        text = (
            f"Look again at “{claim.prompt}”: your answer to it, or the clue you attached "
            f"for “{claim.proof}”, does not hold."
        )
        return HintText(level, text, None)
    step = _toward_proof(case, state, claim) or _toward_answer(case, state, claim)
    if step is not None:
        return HintText(level, f"{_plain(case, step)} It is the very next step.", step)
    attached = dict(last.proofs).get(claim.id)
    if attached in claim.proven_by and attached in case.clues:
        # The right clue went with a wrong answer: attaching it again is no step forward.
        name = case.clues[attached].name
        text = (
            f"For “{claim.prompt}”, {name} is the clue to attach: it is your answer that does "
            f"not hold. Read {name} again."
        )
        return HintText(level, text, None)
    held = [c for c in claim.proven_by if state.has_found(c)]
    name = case.clues[held[0]].name if held else "a clue you hold"
    text = f"For “{claim.prompt}”, attach {name}: it answers “{claim.proof}”."
    return HintText(level, text, None)


def next_hint(case: Case, state: GameState) -> HintText:
    """The hint for the next request: its level is one more than the hints asked in a row."""
    level = state.hint_level + 1
    if state.ended:
        return HintText(level, "This case is over.", None)
    last = _last_wrong(state)
    if last is not None:
        hint = _after_accusation(case, state, min(level, PLAINEST), last)
        if hint is not None:
            return hint
    action = next_step(case, state)
    if action is None:
        texts = [
            "You have found what you need. Think over what clears whom, then accuse.",
            "Every suspect but one is cleared by something in your evidence. "
            "Read your evidence again: who is left, and why?",
            "Make your accusation: answer each claim and attach the clue that shows it. "
            "The hints will not name the culprit.",
        ]
        return HintText(level, texts[min(level, PLAINEST) - 1], None)
    if level == 1:
        return HintText(level, _nudge(case, state, action), action)
    if level == 2:
        return HintText(level, _plain(case, action), action)
    return HintText(level, f"{_plain(case, action)} It is the very next step.", action)
