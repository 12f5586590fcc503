"""The fair-play checker: proves from the pack alone that each case can be solved fairly.

Two oracles answer the same three questions (can this fact ever be true, can this condition
ever hold, can the player lose it for good): the fast one reasons over facts in near-linear time
and searches the game's states only where it cannot prove a target safe; the exhaustive one
searches every state, and is the reference the fast one is tested against. Every "can be lost"
finding carries the shortest order of play that loses it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .analysis import CaseReach, analyse, blocking_nots, surely_for
from .conditions import (
    AllCond,
    AnyCond,
    Condition,
    Fact,
    FactCond,
    NotCond,
    always,
    facts_in,
    holds,
)
from .explore import FactGame, Loss, SearchTooLarge, StateGraph
from .findings import Finding, Pos, error, warning
from .model import Case, Pack

# How many game states the fast checker may look at to settle a doubt about a case; past
# that it warns and names `--exhaustive`.
SEARCH_LIMIT = 5_000
# How many states `--exhaustive` may look at.
EXHAUSTIVE_LIMIT = 200_000


def check_pack(pack: Pack, limit: int = SEARCH_LIMIT, exhaustive: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    for case in pack.cases.values():
        findings += check_case(case, limit, exhaustive)
    return findings


def check_case(case: Case, limit: int = SEARCH_LIMIT, exhaustive: bool = False) -> list[Finding]:
    reach = analyse(case)
    oracle: _Oracle = _Fast(case, reach, limit)
    out: list[Finding] = []
    if exhaustive:
        graph = StateGraph(FactGame(case), max(limit, EXHAUSTIVE_LIMIT))
        if graph.complete:
            oracle = _Exact(graph)
        else:
            out.append(
                warning(
                    case.pos,
                    "W208",
                    f"case '{case.id}' has more than {len(graph.parent):,} game states, too many "
                    "to search them all; the fast checker's verdict follows",
                )
            )
    out += _start(case, oracle)
    out += _dead_content(case, reach, oracle)
    out += _solution(case, reach, oracle)
    out += _deducible(case, reach, oracle)
    return out


class _Oracle:
    def fact(self, fact: Fact) -> bool:
        """Whether the fact can ever become true."""
        raise NotImplementedError

    def can(self, cond: Condition) -> bool:
        """Whether the condition can ever hold."""
        raise NotImplementedError

    def loss(self, target: Condition) -> Loss | SearchTooLarge | None:
        """None when the target can never be lost for good; a Loss (the shortest order of play
        that loses it) when it can; SearchTooLarge when this oracle cannot decide."""
        raise NotImplementedError


class _Fast(_Oracle):
    def __init__(self, case: Case, reach: CaseReach, limit: int) -> None:
        self.case = case
        self.reach = reach
        self.limit = limit
        self._graph: StateGraph | None = None

    def fact(self, fact: Fact) -> bool:
        return fact in self.reach.optimistic

    def can(self, cond: Condition) -> bool:
        return self.reach.can(cond)

    def loss(self, target: Condition) -> Loss | SearchTooLarge | None:
        if surely_for(self.case, self.reach, target):
            return None
        if self._graph is None:  # made once per case, and only when something is in doubt
            self._graph = StateGraph(FactGame(self.case), self.limit)
        try:
            return self._graph.shortest_loss(target)
        except SearchTooLarge as exc:
            return exc


class _Exact(_Oracle):
    def __init__(self, graph: StateGraph) -> None:
        self.graph = graph
        self.facts = graph.facts()

    def fact(self, fact: Fact) -> bool:
        return fact in self.facts

    def can(self, cond: Condition) -> bool:
        return any(holds(cond, state.__contains__) for state in self.graph.parent)

    def loss(self, target: Condition) -> Loss | SearchTooLarge | None:
        return self.graph.shortest_loss(target)


def _start(case: Case, oracle: _Oracle) -> list[Finding]:
    place = case.places.get(case.start or "")
    if place is None or place.when == always(place.when.pos):
        return []
    if holds(place.when, FactGame(case).start().__contains__):
        return []
    return [
        error(
            place.pos,
            "E207",
            f"case '{case.id}' starts in '{place.id}', but its `when` does not hold at the start, "
            "so nothing there can be searched; start elsewhere or drop the condition",
        )
    ]


def _dead_content(case: Case, reach: CaseReach, oracle: _Oracle) -> list[Finding]:
    out: list[Finding] = []

    def dead(pos: Pos, what: str, cond: Condition | None = None) -> None:
        if cond is None:
            fix = "; let the suspect be questioned once the clue can be found"
        else:
            fix = f": {_why_never(reach, cond)}"
        out.append(warning(pos, "W101", f"{what} can never be reached in case '{case.id}'{fix}"))

    for p in case.places.values():
        if not oracle.fact(Fact("visited", p.id)):
            dead(p.pos, f"place '{p.id}'", p.when)
        for t in p.things.values():
            if not oracle.fact(Fact("searched", t.ref)) and oracle.fact(Fact("visited", p.id)):
                dead(t.pos, f"thing '{t.ref}'", t.when)
    for s in case.suspects.values():
        if not oracle.can(s.when):
            dead(s.pos, f"suspect '{s.id}'", s.when)
            continue
        for topic in s.topics.values():
            if not oracle.fact(Fact("asked", topic.ref)):
                dead(topic.pos, f"topic '{topic.ref}'", topic.when)
        for r in s.reactions.values():
            if oracle.fact(Fact("found", r.clue)) and not oracle.fact(
                Fact("presented", f"{s.id}/{r.clue}")
            ):
                dead(r.pos, f"the reaction of '{s.id}' to '{r.clue}'")
    for c in case.clues.values():
        if not oracle.fact(Fact("found", c.id)):
            dead(c.pos, f"clue '{c.id}'", c.revealed_by)
    for conn in case.connections.values():
        if not oracle.fact(Fact("connected", conn.id)):
            dead(conn.pos, f"connection '{conn.id}'")
    for claim in case.deduction.claims.values():
        if claim.id == "who":
            continue
        for o in claim.options.values():
            if not oracle.can(o.when):
                dead(o.pos, f"option '{claim.id}/{o.id}'", o.when)
    return out


def _why_never(reach: CaseReach, cond: Condition) -> str:
    """Why a condition can never hold: the chain of facts it waits on, ending in a `not` that
    can never hold, a fact nothing can make true, or a cycle that waits on itself."""
    chain: list[Fact] = []
    end = _unmet(reach, cond, chain)

    def needs(facts: list[Fact]) -> str:
        return "".join(f"needs `{f}`, which " for f in facts)

    if end is None:
        # Only the exhaustive search saw it: the way to it closes before it can be used.
        return "every way to it closes before it can be taken; check the `not`s on its way"
    kind, fact = end
    if kind == "cycle":
        start = chain.index(fact)
        loop = " → ".join(f"`{f}`" for f in [*chain[start:], fact])
        return f"it {needs(chain[:start])}waits on itself ({loop}); give the cycle a way in"
    if kind == "empty":
        return f"it {needs(chain)}needs an `any:` with nothing in it, which never holds"
    if kind == "not":
        return (
            f"it {needs(chain)}needs `not {fact}`, but `{fact}` is true from the start; "
            "remove that `not`"
        )
    return f"it {needs(chain)}needs `{fact}`, which nothing in the case can make true"


def _unmet(reach: CaseReach, cond: Condition, chain: list[Fact]) -> tuple[str, Fact] | None:
    if isinstance(cond, FactCond):
        fact = cond.fact
        if fact in reach.optimistic:
            return None
        if fact in chain:
            return "cycle", fact
        if fact not in reach.req:
            return "none", fact
        chain.append(fact)
        found = _unmet(reach, reach.req[fact], chain)
        if found is None:
            chain.pop()
        return found
    if isinstance(cond, NotCond):
        for fc in facts_in(cond.item):
            if fc.fact in reach.initial:
                return "not", fc.fact
        return None
    items = cond.items
    if isinstance(cond, AnyCond) and not items:
        return "empty", Fact("any", "[]")
    if isinstance(cond, AnyCond) and any(reach.can(c) for c in items):
        return None
    for item in items:
        if not reach.can(item):
            return _unmet(reach, item, chain)
    return None


def _needs(case: Case) -> Iterator[tuple[Pos, str, Condition]]:
    """What the true accusation needs unlocked and found, each with where it is written."""
    d = case.deduction
    for claim in d.claims.values():
        opt = claim.options.get(claim.answer)
        if opt is not None:
            what = (
                f"the culprit '{opt.id}'"
                if claim.id == "who"
                else f"the answer '{claim.id}/{opt.id}'"
            )
            yield opt.pos, what, opt.when
        clues = [case.clues[c] for c in claim.proven_by if c in case.clues]
        if clues:
            what = " or ".join(f"'{c.id}'" for c in clues)
            found = tuple(FactCond(Fact("found", c.id), c.pos) for c in clues)
            yield clues[0].pos, f"the proof of '{claim.id}' ({what})", AnyCond(found, d.pos)


def _solution(case: Case, reach: CaseReach, oracle: _Oracle) -> list[Finding]:
    """The true answer and its evidence can be reached, and can never be lost on the way."""
    out: list[Finding] = []
    needs = list(_needs(case))
    unwinnable = f"leaving case '{case.id}' unwinnable"
    for pos, what, cond in needs:
        out += _lost(
            case,
            reach,
            oracle,
            pos,
            cond,
            f"{what} can never be unlocked, so case '{case.id}' cannot be solved; "
            "make its condition reachable",
            "E204",
            f"{what} can be lost",
            f"{unwinnable}; remove that `not` or give another way to it",
        )
    if needs and not out:
        together = AllCond(tuple(c for _, _, c in needs), case.deduction.pos)
        out += _lost(
            case,
            reach,
            oracle,
            case.deduction.pos,
            together,
            f"the true answers and their proofs can never all be held at once, "
            f"so case '{case.id}' cannot be solved; make sure no `not` of one closes another",
            "E204",
            "the true answers and their proofs can stop being all within reach",
            f"{unwinnable}; make sure no `not` of one closes another",
        )
    return out


def _lost(
    case: Case,
    reach: CaseReach,
    oracle: _Oracle,
    pos: Pos,
    target: Condition,
    never: str,
    code: str,
    what: str,
    fix: str,
) -> list[Finding]:
    """A finding when `target` can be lost: E201 `never` when it is lost from the start."""
    if not oracle.can(target):
        return [error(pos, "E201" if code == "E204" else code, never)]
    loss = oracle.loss(target)
    if loss is None:
        return []
    nots = _find_blockers(case, reach, target)
    where = f" (see the `not` at line {nots[0].pos.line})" if nots else ""
    if isinstance(loss, SearchTooLarge):
        return [
            warning(
                pos,
                "W208",
                f"could not prove that {what.removesuffix(' can be lost')} can never be lost"
                f"{where}: the case has too many states to search here; run "
                "`whodunit validate --exhaustive PACK` on a smaller copy, or remove the `not`",
            )
        ]
    if not loss.moves:
        return [error(pos, "E201" if code == "E204" else code, never)]
    steps = len(loss.moves)
    after = f"after {steps} move{'s' * (steps != 1)}"
    return [error(pos, code, f"{what} {after}{where}, {fix}", trail=loss.moves)]


def _find_blockers(case: Case, reach: CaseReach, cond: Condition) -> list[NotCond]:
    """The `not`s that can cut a condition off, looking through what it depends on."""
    seen: set[Fact] = set()
    stack = [cond]
    while stack:
        c = stack.pop()
        nots = blocking_nots(c, reach.optimistic)
        if nots:
            return nots
        for fc in facts_in(c):
            if fc.fact not in seen and fc.fact in reach.req:
                seen.add(fc.fact)
                if fc.fact not in reach.pessimistic:
                    stack.append(reach.req[fc.fact])
    return []


def _deducible(case: Case, reach: CaseReach, oracle: _Oracle) -> list[Finding]:
    out: list[Finding] = []
    culprit = case.culprit
    clearing: dict[str, list[Condition]] = {}
    pointed: set[str] = set()
    for c in case.clues.values():
        for sid in c.rules_out:
            clearing.setdefault(sid, []).append(FactCond(Fact("found", c.id), c.pos))
        if oracle.fact(Fact("found", c.id)):
            pointed |= set(c.points_to)
        if culprit in c.rules_out:
            out.append(
                error(
                    c.pos,
                    "E203",
                    f"clue '{c.id}' rules out the culprit '{culprit}'; "
                    "take them out of its rules_out",
                )
            )
    for s in case.suspects.values():
        if s.id == culprit:
            continue
        cannot = f"so the answer to case '{case.id}' cannot be deduced"
        out += _lost(
            case,
            reach,
            oracle,
            s.pos,
            AnyCond(tuple(clearing.get(s.id, ())), s.pos),
            f"nothing the player can find rules out suspect '{s.id}', {cannot}; add "
            f"`rules_out: [{s.id}]` to a reachable clue",
            "E202",
            f"every clue that rules out suspect '{s.id}' can be lost",
            f"{cannot} any more; remove that `not` or give another way to clear them",
        )
    if culprit in case.suspects and culprit not in pointed:
        who = case.suspects[culprit]
        out.append(
            warning(
                who.pos,
                "W206",
                f"no reachable clue points to the culprit "
                f"'{culprit}'; add `points_to: [{culprit}]` to the decisive clues",
            )
        )
    return out
