"""Reachability over a case's facts, computed in time linear in the size of the case.

Facts only ever become true during play, so "can this fact ever become true?" is a least fixpoint
over the requirements of each fact. A `not` makes this non-monotone; the analysis handles it two
ways: *optimistically* (a `not` may hold: the player can act before the fact appears, unless it is
true from the start, like the starting place or a clue found at once), used to find content that
can never be reached, and *pessimistically* (a `not X` holds only when X can
never become true), used to prove that nothing the solution needs can be lost: whatever is
pessimistically reachable stays reachable from every state the player can get into.
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .conditions import AllCond, AnyCond, Condition, Fact, FactCond, NotCond, facts_in, holds
from .model import Case, clue_watchers


def fact_requirements(case: Case) -> dict[Fact, Condition]:
    """For every fact the player can make true, the condition under which they can."""
    req: dict[Fact, Condition] = {}
    for p in case.places.values():
        visited = Fact("visited", p.id)
        req[visited] = p.when
        for t in p.things.values():
            been = FactCond(visited, t.pos)
            # Most things have no `when` of their own: then being there is the requirement
            # (an `all` of nothing always holds), one object per thing instead of four.
            gates = tuple(c for c in (p.when, t.when) if not _always(c))
            req[Fact("searched", t.ref)] = AllCond((*gates, been), t.pos) if gates else been
    for s in case.suspects.values():
        for topic in s.topics.values():
            req[Fact("asked", topic.ref)] = AllCond((s.when, topic.when), topic.pos)
    for c in case.clues.values():
        req[Fact("found", c.id)] = c.revealed_by
    for conn in case.connections.values():
        req[Fact("connected", conn.id)] = AllCond(
            tuple(FactCond(held_fact(case, ref), conn.pos) for ref in conn.links), conn.pos
        )
    # Presenting is possible for every clue and suspect; only the pairs a condition or a
    # reaction mentions matter to the analysis.
    wanted: set[str] = {
        f"{s.id}/{r.clue}" for s in case.suspects.values() for r in s.reactions.values()
    }
    conditions = [*req.values(), *_option_conditions(case)]
    conditions += [s.when for s in case.suspects.values()]  # a suspect may have no topics
    for cond in conditions:
        wanted |= {fc.fact.ref for fc in facts_in(cond) if fc.fact.kind == "presented"}
    for ref in wanted:
        sid, _, cid = ref.partition("/")
        if sid in case.suspects and cid in case.clues:
            s = case.suspects[sid]
            req[Fact("presented", ref)] = AllCond(
                (s.when, FactCond(Fact("found", cid), s.pos)), s.pos
            )
    return req


def _always(cond: Condition) -> bool:
    return isinstance(cond, AllCond) and not cond.items


def held_fact(case: Case, ref: str) -> Fact:
    """The fact of holding what a connection links: a clue found, or a question asked."""
    return Fact("found", ref) if ref in case.clues else Fact("asked", ref)


def _option_conditions(case: Case) -> Iterable[Condition]:
    for claim in case.deduction.claims.values():
        if claim.id != "who":
            for o in claim.options.values():
                yield o.when


def evaluate(
    cond: Condition, has: Callable[[Fact], bool], not_holds: Callable[[Fact], bool]
) -> bool:
    """Evaluate with `has` for plain facts and `not_holds` for facts under a `not`."""
    if isinstance(cond, FactCond):
        return has(cond.fact)
    if isinstance(cond, AllCond):
        return all(evaluate(c, has, not_holds) for c in cond.items)
    if isinstance(cond, AnyCond):
        return any(evaluate(c, has, not_holds) for c in cond.items)
    inner = cond.item
    if isinstance(inner, FactCond):
        return not_holds(inner.fact)
    # `not` over a compound: the analysis assumes nothing it cannot prove.
    return _not_compound(inner, has, not_holds)


def _not_compound(
    cond: Condition, has: Callable[[Fact], bool], not_holds: Callable[[Fact], bool]
) -> bool:
    # De Morgan pushes the `not` down to the facts.
    if isinstance(cond, FactCond):
        return not_holds(cond.fact)
    if isinstance(cond, AllCond):
        return any(_not_compound(c, has, not_holds) for c in cond.items) if cond.items else False
    if isinstance(cond, AnyCond):
        return all(_not_compound(c, has, not_holds) for c in cond.items)
    return evaluate(cond.item, has, not_holds)


def reachable(
    req: dict[Fact, Condition],
    start: Iterable[Fact],
    not_holds: Callable[[Fact], bool],
) -> frozenset[Fact]:
    """The least fixpoint of facts, each made true once its requirement holds.

    `not_holds` is fixed for the whole run, so the fixpoint is monotone. Most requirements are
    a plain `all` of facts (once each `not` is read through `not_holds`): each of those keeps a
    count of the facts it still waits for, lowered as they become true (unit propagation over
    facts numbered 0..n-1). Only requirements with an `any` or a `not` over a compound are
    evaluated again, when a fact they mention becomes true. The cost is linear in the total
    size of the conditions, and the working set is lists of small integers rather than dicts
    of facts, so the time per fact stays flat as cases grow.
    """
    index: dict[Fact, int] = {fact: i for i, fact in enumerate(req)}
    facts: list[Fact] = list(req)
    n_req = len(facts)
    # Which requirement waits on which fact, as two flat arrays of numbers (no list per fact:
    # containers that live through the run make the collector's passes grow with the case).
    watched, watcher = array("l"), array("l")
    waiting = array("l", bytes(8 * n_req))  # for a plain `all`: needed facts not yet true
    compound: dict[int, Condition] = {}  # the rest, evaluated again when a fact they name is
    ready: list[int] = []
    needs: set[Fact] = set()
    for i, cond in enumerate(req.values()):
        needs.clear()
        plain = _plain_needs(cond, not_holds, needs)
        if plain is None:
            compound[i] = cond
            needs.update(fc.fact for fc in facts_in(cond))
            ready.append(i)
        elif not plain:
            waiting[i] = -1  # a `not` that never holds here: never true
            continue
        else:
            waiting[i] = len(needs)
            if not needs:
                ready.append(i)
        for fact in needs:
            j = index.get(fact)
            if j is None:  # named, never required: true only from the start
                j = index[fact] = len(facts)
                facts.append(fact)
            watched.append(j)
            watcher.append(i)
    # Counting sort: the watchers of fact j are targets[first[j]:first[j + 1]].
    first = array("l", bytes(8 * (len(facts) + 1)))
    for j in watched:
        first[j + 1] += 1
    for j in range(len(facts)):
        first[j + 1] += first[j]
    fill = array("l", first)
    targets = array("l", bytes(8 * len(watched)))
    for j, i in zip(watched, watcher, strict=True):
        targets[fill[j]] = i
        fill[j] += 1
    got = bytearray(len(facts))

    def make_true(j: int) -> None:
        got[j] = 1
        for w in targets[first[j] : first[j + 1]]:
            if w in compound:
                ready.append(w)
            else:
                waiting[w] -= 1
                if waiting[w] == 0:
                    ready.append(w)

    extra: set[Fact] = set()
    for fact in start:
        j = index.get(fact)
        if j is None:
            extra.add(fact)  # true, but nothing waits on it
        elif not got[j]:
            make_true(j)

    def has(fact: Fact) -> bool:
        j = index.get(fact)
        return fact in extra if j is None else bool(got[j])

    while ready:
        i = ready.pop()
        if got[i]:
            continue
        again = compound.get(i)
        if again is None or evaluate(again, has, not_holds):
            make_true(i)
    return frozenset([facts[j] for j, true in enumerate(got) if true]) | extra


def _plain_needs(
    cond: Condition, not_holds: Callable[[Fact], bool], needs: set[Fact]
) -> bool | None:
    """Whether a requirement is a plain `all` of facts once each `not F` is read through
    `not_holds`, adding the facts it needs to `needs`: False when such a `not` never holds
    (the requirement never does); None when it has an `any` or a `not` over a compound."""
    if isinstance(cond, FactCond):
        needs.add(cond.fact)
        return True
    if isinstance(cond, AllCond):
        for item in cond.items:
            if isinstance(item, FactCond):
                needs.add(item.fact)
                continue
            plain = _plain_needs(item, not_holds, needs)
            if not plain:
                return plain
        return True
    if isinstance(cond, NotCond) and isinstance(cond.item, FactCond):
        return bool(not_holds(cond.item.fact))
    return None


@dataclass(frozen=True)
class CaseReach:
    req: dict[Fact, Condition]
    optimistic: frozenset[Fact]
    pessimistic: frozenset[Fact]
    initial: frozenset[Fact] = frozenset()  # true before the player acts: a `not` of one fails

    def can(self, cond: Condition) -> bool:
        return evaluate(cond, self.optimistic.__contains__, lambda f: f not in self.initial)

    def surely(self, cond: Condition) -> bool:
        return evaluate(cond, self.pessimistic.__contains__, lambda f: f not in self.optimistic)


def reveal(case: Case, has: Callable[[Fact], bool], new: Fact | None = None) -> list[str]:
    """The clues that a state whose facts are `has` reveals after `new` became true (or at the
    start, when `new` is None), in the order they are found. This is the engine's rule.

    The order is that of passes over the clues in pack order, repeated until a pass finds
    nothing: it matters when a clue's condition has a `not` of another clue found in the same
    pass. Only clues that mention a fact that has just become true are looked at (all of them
    when `new` is None, at the start), so the cost is what can change, not the size of the case."""
    order = case.clue_order
    watchers = case.clue_watchers or clue_watchers(case.clues)
    if new is None:
        queue = [(0, n, cid) for cid, n in order.items()]
    else:
        queue = [(0, order[cid], cid) for cid in watchers.get(new, ())]
    heapq.heapify(queue)
    out: list[str] = []
    added: set[Fact] = set()

    def known(fact: Fact) -> bool:
        return fact in added or has(fact)

    while queue:
        sweep, n, cid = heapq.heappop(queue)
        fact = Fact("found", cid)
        if known(fact) or not holds(case.clues[cid].revealed_by, known):
            continue
        added.add(fact)
        out.append(cid)
        for other in watchers.get(fact, ()):
            # Later in pack order: the same pass reaches it; earlier: the next pass does.
            m = order[other]
            heapq.heappush(queue, (sweep if m > n else sweep + 1, m, other))
    return out


def initial_facts(case: Case, start: Iterable[Fact]) -> frozenset[Fact]:
    """The facts true before the player acts: `start`, and the clues a new game reveals from it.
    No `not` of one of these can hold once the player acts."""
    facts = frozenset(start)
    return facts | {Fact("found", cid) for cid in reveal(case, facts.__contains__)}


def analyse(case: Case, start: Iterable[Fact] = ()) -> CaseReach:
    """Reachability from the start of the case, or from a state's facts (`start`)."""
    start = set(start)
    if case.start:
        start.add(Fact("visited", case.start))
    req = fact_requirements(case)
    initial = initial_facts(case, start)
    # Optimistic: a `not` may hold unless its fact is true before the player can act.
    optimistic = reachable(req, initial, lambda f: f not in initial)
    pessimistic = reachable(req, initial, lambda f: f not in optimistic)
    return CaseReach(req, optimistic, pessimistic, initial)


def blocking_nots(cond: Condition, optimistic: frozenset[Fact]) -> list[NotCond]:
    """The `not`s in a condition whose fact the player can make true."""
    out: list[NotCond] = []

    def walk(c: Condition) -> None:
        if isinstance(c, NotCond):
            if any(fc.fact in optimistic for fc in facts_in(c.item)):
                out.append(c)
        elif isinstance(c, (AllCond, AnyCond)):
            for i in c.items:
                walk(i)

    walk(cond)
    return out


def _necessary(cond: Condition) -> frozenset[Fact]:
    """Facts that are true whenever `cond` holds."""
    if isinstance(cond, FactCond):
        return frozenset({cond.fact})
    if isinstance(cond, AllCond):
        return frozenset().union(*map(_necessary, cond.items))
    if isinstance(cond, AnyCond):
        parts = [_necessary(c) for c in cond.items]
        return frozenset.intersection(*parts) if parts else frozenset()
    return frozenset()


def _sufficient(cond: Condition) -> frozenset[Fact] | None:
    """Facts any one of which makes `cond` hold, given facts only grow; None when `cond` has a
    `not` (it could stop holding) or always holds."""
    if isinstance(cond, FactCond):
        return frozenset({cond.fact})
    if isinstance(cond, AnyCond):
        parts = [_sufficient(c) for c in cond.items]
        if any(p is None for p in parts):
            return None
        return frozenset().union(*(p for p in parts if p is not None))
    if isinstance(cond, AllCond):
        parts = [_sufficient(c) for c in cond.items]
        if not parts or any(p is None for p in parts):
            return None
        return frozenset.intersection(*(p for p in parts if p is not None))
    return None


def surely_for(case: Case, reach: CaseReach, target: Condition) -> bool:
    """Whether `target` can be made to hold from every state the player can get into.

    Sharper than `reach.surely`: while the target does not hold, a fact that can only become
    true after it (the target's own clue, or anything that needs it) is false, so a `not` of
    that fact cannot close the way to it (a thing that closes once its own clue is found)."""
    if reach.surely(target):
        return True
    after = _sufficient(target)
    if not after:
        return False
    needs_of: dict[Fact, list[Fact]] = defaultdict(list)
    for fact, cond in reach.req.items():
        for need in _necessary(cond):
            needs_of[need].append(fact)
    later = set(after)
    queue = list(after)
    while queue:
        for fact in needs_of.get(queue.pop(), ()):
            if fact not in later:
                later.add(fact)
                queue.append(fact)

    def not_holds(f: Fact) -> bool:
        return f not in reach.optimistic or f in later

    pessimistic = reachable(reach.req, reach.initial, not_holds)
    return evaluate(target, pessimistic.__contains__, not_holds)
