"""The fair-play checker: proves from the pack alone that each case can be solved fairly."""

from __future__ import annotations

from .analysis import CaseReach, analyse, blocking_nots
from .conditions import AnyCond, Condition, Fact, NotCond, facts_in
from .findings import Finding, Pos, error, warning
from .model import Case, Pack


def check_pack(pack: Pack) -> list[Finding]:
    findings: list[Finding] = []
    for case in pack.cases.values():
        findings += check_case(case)
    return findings


def check_case(case: Case) -> list[Finding]:
    reach = analyse(case)
    out: list[Finding] = []
    out += _dead_content(case, reach)
    out += _solution(case, reach)
    out += _deducible(case, reach)
    return out


def _dead_content(case: Case, reach: CaseReach) -> list[Finding]:
    out: list[Finding] = []
    opt = reach.optimistic

    def dead(pos: Pos, what: str, cond: Condition | None = None) -> None:
        fix = (
            "; check its condition: it needs something the player can never do "
            f"(`whodunit graph PACK --case {case.id}` shows what opens what)"
            if cond is not None
            else "; let the suspect be questioned once the clue can be found"
        )
        out.append(warning(pos, "W101", f"{what} can never be reached in case '{case.id}'{fix}"))

    for p in case.places.values():
        if Fact("visited", p.id) not in opt:
            dead(p.pos, f"place '{p.id}'", p.when)
        for t in p.things.values():
            if Fact("searched", t.ref) not in opt and Fact("visited", p.id) in opt:
                dead(t.pos, f"thing '{t.ref}'", t.when)
    for s in case.suspects.values():
        if not reach.can(s.when):
            dead(s.pos, f"suspect '{s.id}'", s.when)
            continue
        for topic in s.topics.values():
            if Fact("asked", topic.ref) not in opt:
                dead(topic.pos, f"topic '{topic.ref}'", topic.when)
        for r in s.reactions.values():
            if Fact("found", r.clue) in opt and Fact("presented", f"{s.id}/{r.clue}") not in opt:
                dead(r.pos, f"the reaction of '{s.id}' to '{r.clue}'")
    for c in case.clues.values():
        if Fact("found", c.id) not in opt:
            dead(c.pos, f"clue '{c.id}'", c.revealed_by)
    for b in case.deduction.blanks.values():
        for o in b.options.values():
            if not reach.can(o.when):
                dead(o.pos, f"option '{b.id}/{o.id}'", o.when)
    return out


def _solution(case: Case, reach: CaseReach) -> list[Finding]:
    """The true answer and its evidence can be reached, and can never be lost on the way."""
    out: list[Finding] = []
    d = case.deduction
    needs: list[tuple[Pos, str, Condition]] = []
    who = case.suspects.get(d.who.answer)
    if who is not None:
        needs.append((who.pos, f"the culprit '{who.id}'", who.when))
    for b in d.blanks.values():
        opt = b.options.get(b.answer)
        if opt is not None:
            needs.append((opt.pos, f"the answer '{b.id}/{opt.id}'", opt.when))
    for group in d.evidence:
        clues = [case.clues[c] for c in group if c in case.clues]
        if not clues:
            continue
        what = " or ".join(f"'{c.id}'" for c in clues)
        cond = (
            clues[0].revealed_by
            if len(clues) == 1
            else AnyCond(tuple(c.revealed_by for c in clues), clues[0].pos)
        )
        needs.append((clues[0].pos, f"the required evidence {what}", cond))
    for pos, what, cond in needs:
        if not reach.can(cond):
            out.append(
                error(
                    pos,
                    "E201",
                    f"{what} can never be unlocked, so case '{case.id}' cannot "
                    "be solved; make its condition reachable",
                )
            )
        elif not reach.surely(cond):
            nots = _find_blockers(case, reach, cond)
            where = f" (see the `not` at line {nots[0].pos.line})" if nots else ""
            out.append(
                error(
                    pos,
                    "E204",
                    f"{what} can be lost through a `not` condition{where}, "
                    f"leaving case '{case.id}' unwinnable; remove that `not` or give "
                    "another way to it",
                )
            )
    return out


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


def _deducible(case: Case, reach: CaseReach) -> list[Finding]:
    out: list[Finding] = []
    culprit = case.culprit
    found = {c.id for c in case.clues.values() if Fact("found", c.id) in reach.optimistic}
    ruled_out: set[str] = set()
    pointed: set[str] = set()
    for c in case.clues.values():
        if c.id in found:
            ruled_out |= set(c.rules_out)
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
        if s.id != culprit and s.id not in ruled_out:
            out.append(
                error(
                    s.pos,
                    "E202",
                    f"nothing the player can find rules out suspect '{s.id}', "
                    f"so the answer to case '{case.id}' cannot be deduced; add "
                    f"`rules_out: [{s.id}]` to a reachable clue",
                )
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
