"""The fair-play checker: proves from the pack alone that each case can be solved fairly.

Two oracles answer the same three questions (can this fact ever be true, can this condition
ever hold, can the player lose it for good): the fast one reasons over facts in near-linear time
and searches the game's states only where it cannot prove a target safe; the exhaustive one
searches every state, and is the reference the fast one is tested against. Every "can be lost"
finding carries the shortest order of play that loses it.

The same two oracles look for a *tell*: a claim's true option that gives itself away by when it
appears (on its own, or always the last of its claim's options).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .analysis import CaseReach, analyse, blocking_nots, evaluate, reachable, surely_for
from .analysis import _necessary as necessary  # facts true whenever a condition holds
from .conditions import (
    AllCond,
    AnyCond,
    Condition,
    Fact,
    FactCond,
    NotCond,
    always,
    facts_in,
    facts_negated,
    holds,
)
from .explore import FactGame, Loss, SearchTooLarge, StateGraph
from .findings import Finding, Pos, error, has_errors, warning
from .model import Case, Claim, Pack

# How many game states the fast checker may look at to settle a doubt about a case; past
# that it warns and names `--exhaustive`.
SEARCH_LIMIT = 5_000
# How many states `--exhaustive` may look at.
EXHAUSTIVE_LIMIT = 200_000
# How many distinct facts behind a `not` the analysis follows to see whether closing them can
# matter (each costs a pass over the case); past that it keeps the `not` and may search.
CLOSER_BUDGET = 64


@dataclass
class Effort:
    """What it took the fast checker to settle a case: for each kind of question ("loss": can
    this be lost for good; "tell": does this option give itself away), how many the analysis
    settled alone, how many needed the search of the game's states, and how many neither settled
    (a W208, or a tell left unsaid)."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, kind: str, how: str) -> None:
        self.counts[kind, how] += 1

    @property
    def analysed(self) -> int:
        return sum(n for (_, how), n in self.counts.items() if how == "analysed")

    @property
    def searched(self) -> int:
        return sum(n for (_, how), n in self.counts.items() if how == "searched")

    @property
    def undecided(self) -> int:
        return sum(n for (_, how), n in self.counts.items() if how == "undecided")

    def as_dict(self) -> dict[str, int]:
        return {f"{kind} {how}": n for (kind, how), n in sorted(self.counts.items())}


def check_pack(pack: Pack, limit: int = SEARCH_LIMIT, exhaustive: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    for case in pack.cases.values():
        findings += check_case(case, limit, exhaustive)
    return findings


def check_case(
    case: Case,
    limit: int = SEARCH_LIMIT,
    exhaustive: bool = False,
    effort: Effort | None = None,
) -> list[Finding]:
    reach = analyse(case)
    oracle: _Oracle = _Fast(case, reach, limit, effort if effort is not None else Effort())
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
    solution = _solution(case, reach, oracle)
    out += solution
    out += _deducible(case, reach, oracle)
    if not has_errors(solution):  # a tell matters only in a case that can be won
        out += _tells(case, reach, oracle)
    return out


@dataclass(frozen=True)
class Tell:
    """A true option that gives itself away: whenever it appears, no other option of its claim
    appears with it; `last` when every other option is always already there by then."""

    last: bool


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

    def tell(self, truth: Condition, decoys: Sequence[Condition]) -> Tell | None:
        """Whether an option unlocked by `truth` gives itself away among options unlocked by
        `decoys` (those that can ever hold); None when it does not, or cannot be shown to."""
        raise NotImplementedError


class _Fast(_Oracle):
    def __init__(self, case: Case, reach: CaseReach, limit: int, effort: Effort) -> None:
        self.case = case
        self.reach = reach
        self.limit = limit
        self.effort = effort
        self._graph: StateGraph | None = None
        self._guards: _Guards | Literal[False] | None = None  # False: no `not` to relax

    def fact(self, fact: Fact) -> bool:
        return fact in self.reach.optimistic

    def can(self, cond: Condition) -> bool:
        return self.reach.can(cond)

    def _search(self) -> StateGraph:
        if self._graph is None:  # made once per case, and only when something is in doubt
            self._graph = StateGraph(FactGame(self.case), self.limit)
        return self._graph

    def loss(self, target: Condition) -> Loss | SearchTooLarge | None:
        if surely_for(self.case, self.reach, target) or self._surely_past_guards(target):
            self.effort.add("loss", "analysed")
            return None
        try:
            loss = self._search().shortest_loss(target)
        except SearchTooLarge as exc:
            self.effort.add("loss", "undecided")
            return exc
        self.effort.add("loss", "searched")
        return loss

    def _surely_past_guards(self, target: Condition) -> bool:
        """surely_for, once the `not`s that close nothing still needed are taken out."""
        if self._guards is None:
            self._guards = _Guards(self.reach) if blocking_nots_anywhere(self.reach) else False
        if self._guards is False:
            return False
        relaxed = self._guards.relaxed(target)
        return relaxed is not None and surely_for(self.case, relaxed, target)

    def tell(self, truth: Condition, decoys: Sequence[Condition]) -> Tell | None:
        decided, found = tell_by_analysis(self.case, self.reach, truth, decoys)
        if decided:
            self.effort.add("tell", "analysed")
            return found
        decided, found = tell_in_graph(self._search(), truth, decoys)
        # a tell is a matter of style: one the search cannot show is not reported
        self.effort.add("tell", "searched" if decided else "undecided")
        return found


def blocking_nots_anywhere(reach: CaseReach) -> bool:
    """Whether any requirement has a `not` of a fact the player can make true."""
    return any(blocking_nots(cond, reach.optimistic) for cond in reach.req.values())


class _Guards:
    """`not` guards that close nothing the player still needs.

    A `not F` in what a fact G requires closes G once F is true. That loses nothing when F
    being true means G is true already (a thing that closes once it is searched), or means
    that everything needing G is true already and the target does not name G itself (a lane
    that locks once its only thing is searched: the lane is needed only to search it). Taking
    such guards out of the requirements and asking `surely_for` again stays sound: an order of
    play that used G can still use it until F, and after F it no longer needs it."""

    def __init__(self, reach: CaseReach) -> None:
        self.reach = reach
        self.users: dict[Fact, set[Fact]] = {}
        for fact, cond in reach.req.items():
            for used, negated in facts_negated(cond):
                if not negated:
                    self.users.setdefault(used, set()).add(fact)
        self._implied: dict[Fact, frozenset[Fact]] = {}

    def implied(self, fact: Fact) -> frozenset[Fact] | None:
        """What is true once `fact` is; None past the budget (each costs the case's size)."""
        if fact not in self._implied:
            if len(self._implied) >= CLOSER_BUDGET:
                return None
            self._implied[fact] = _implied(self.reach, FactCond(fact, Pos("")))
        return self._implied[fact]

    def relaxed(self, target: Condition) -> CaseReach | None:
        """The reach with the harmless guards taken out, or None when there are none."""
        named = {f for f, negated in facts_negated(target) if not negated}
        changed = False

        def harmless(closer: Fact, guarded: Fact) -> bool:
            if closer == guarded:
                return True
            after = self.implied(closer)
            if after is None:
                return False  # keeping a guard is always safe
            if guarded in after:
                return True
            return guarded not in named and self.users.get(guarded, set()) <= after

        def strip(cond: Condition, guarded: Fact) -> Condition:
            nonlocal changed
            if isinstance(cond, NotCond):
                inner = cond.item
                if (
                    isinstance(inner, FactCond)
                    and inner.fact in self.reach.optimistic
                    and harmless(inner.fact, guarded)
                ):
                    changed = True
                    return always(cond.pos)
                return cond
            if isinstance(cond, AllCond):
                return AllCond(tuple(strip(c, guarded) for c in cond.items), cond.pos)
            if isinstance(cond, AnyCond):
                return AnyCond(tuple(strip(c, guarded) for c in cond.items), cond.pos)
            return cond

        req = {fact: strip(cond, fact) for fact, cond in self.reach.req.items()}
        if not changed:
            return None
        optimistic = self.reach.optimistic
        pessimistic = reachable(req, self.reach.initial, lambda f: f not in optimistic)
        return replace(self.reach, req=req, pessimistic=pessimistic)


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

    def tell(self, truth: Condition, decoys: Sequence[Condition]) -> Tell | None:
        return tell_in_graph(self.graph, truth, decoys)[1]


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


def _tells(case: Case, reach: CaseReach, oracle: _Oracle) -> list[Finding]:
    """W209 for each claim whose true option gives itself away by when it appears."""
    out: list[Finding] = []
    for claim in case.deduction.claims.values():
        truth = claim.options.get(claim.answer)
        if truth is None or holds(truth.when, reach.initial.__contains__):
            continue  # there from the start: its arrival says nothing
        decoys = [o.when for o in claim.options.values() if o.id != truth.id and oracle.can(o.when)]
        if not oracle.can(truth.when):
            continue
        found = oracle.tell(truth.when, decoys)
        if found is not None:
            out.append(warning(truth.pos, "W209", _tell_message(claim, found, bool(decoys))))
    return out


def _tell_message(claim: Claim, tell: Tell, decoys: bool) -> str:
    if not decoys:  # every other option is unreachable (W101 says why)
        what = "suspect" if claim.id == "who" else f"option of '{claim.id}'"
        return (
            f"'{claim.id}/{claim.answer}' gives itself away: it is the only {what} that can "
            "ever appear; make another one reachable"
        )
    if claim.id == "who":
        head = f"the culprit '{claim.answer}' gives themself away: "
        if tell.last:
            return (
                f"{head}they are always the last suspect to appear, and on their own; "
                "let an innocent suspect appear with them (the same `when`) or after them"
            )
        return (
            f"{head}whatever brings them in brings no other suspect, so they appear on their "
            "own; let an innocent suspect appear with them (the same `when`)"
        )
    head = f"the true answer '{claim.id}/{claim.answer}' gives itself away: "
    if tell.last:
        return (
            f"{head}it is always the last option of '{claim.id}' to appear, and on its own; "
            "let a decoy unlock with it (the same `when`) or after it"
        )
    return (
        f"{head}whatever unlocks it unlocks no other option of '{claim.id}', so it appears "
        "on its own; let a decoy unlock with it (the same `when`)"
    )


def _moments(case: Case, reach: CaseReach, cond: Condition) -> frozenset[Fact]:
    """The player's moves at which `cond` can start to hold: a condition starts to hold only
    when a fact it names (not under a `not`) becomes true, and a clue is found at the move that
    makes its own `revealed_by` hold. Facts true before the player acts make no move."""
    out: set[Fact] = set()
    seen: set[Fact] = set()
    stack = [f for f, negated in facts_negated(cond) if not negated]
    while stack:
        fact = stack.pop()
        if fact in seen or fact in reach.initial:
            continue
        seen.add(fact)
        clue = case.clues.get(fact.ref) if fact.kind == "found" else None
        if clue is not None:
            stack += [f for f, negated in facts_negated(clue.revealed_by) if not negated]
        elif fact.kind != "found":
            out.add(fact)
    return frozenset(out)


def _implied(reach: CaseReach, cond: Condition) -> frozenset[Fact]:
    """Facts true in every state where `cond` holds: what it needs, what that needed when it
    became true (facts only grow), and so on, and whatever is true from the start."""
    out: set[Fact] = set(reach.initial)
    stack = list(necessary(cond))
    while stack:
        fact = stack.pop()
        if fact in out:
            continue
        out.add(fact)
        if fact in reach.req:
            stack += necessary(reach.req[fact])
    return frozenset(out)


def _implies(reach: CaseReach, first: Condition, then: Condition) -> bool:
    """Whether `then` surely holds wherever `first` does (an `any:` branch by branch)."""
    if isinstance(first, AnyCond):
        return all(_implies(reach, branch, then) for branch in first.items)
    has = _implied(reach, first)
    return evaluate(then, has.__contains__, lambda f: f not in reach.optimistic)


def tell_by_analysis(
    case: Case, reach: CaseReach, truth: Condition, decoys: Sequence[Condition]
) -> tuple[bool, Tell | None]:
    """(decided, tell) in time linear in the case for each option. A tell is shown when no
    decoy can start to hold at a move where the truth can; none is when some decoy holds in
    exactly the states where the truth does. Anything else is left to the search."""
    moments = _moments(case, reach, truth)
    if not moments:
        return True, None  # it never starts to hold during play
    shared = [d for d in decoys if _moments(case, reach, d) & moments]
    if not shared:
        return True, Tell(all(_implies(reach, truth, d) for d in decoys))
    for d in shared:
        if _implies(reach, truth, d) and _implies(reach, d, truth):
            return True, None  # they always appear together
    return False, None


def tell_in_graph(
    graph: StateGraph, truth: Condition, decoys: Sequence[Condition]
) -> tuple[bool, Tell | None]:
    """(decided, tell) from the moves between the game's states: a tell when at every move
    that unlocks the truth no decoy unlocks too. On a partial graph only a move that unlocks
    both decides (no tell)."""
    unlocks = 0
    last = True
    for state, nexts in graph.next.items():
        if holds(truth, state.__contains__):
            continue
        before = [holds(d, state.__contains__) for d in decoys]
        for after in nexts:
            if not holds(truth, after.__contains__):
                continue
            for d, was in zip(decoys, before, strict=True):
                if not was and holds(d, after.__contains__):
                    return True, None
            unlocks += 1
            last = last and all(before)
    if not graph.complete:
        return False, None
    return True, Tell(last) if unlocks else None
