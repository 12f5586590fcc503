"""The fast fair-play checker agrees with the exhaustive search of every game state, on thousands
of small random cases rich in `all`/`any`/`not`, connections, proofs per claim (any one of
several clues), options unlocked by conditions, and gated places, things, suspects and topics.

Cases are written as YAML and loaded like any pack, so the test goes through the loader too.
CI runs a fixed seed; set WHODUNIT_FAIRPLAY_EXAMPLES (say 20000) for a longer run, and
WHODUNIT_FAIRPLAY_REPORT=FILE to append, for each case, what it took the fast checker to settle
it (one JSON object a line: analysed, searched, undecided; benchmarks/RESULTS.md sums them up).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from whodunit.engine import apply, new_game
from whodunit.engine.actions import Ask, Connect, Go, Present, Search
from whodunit.engine.rules import available_actions
from whodunit.engine.trail import trail_actions
from whodunit.pack.conditions import Fact
from whodunit.pack.explore import FactGame
from whodunit.pack.fairplay import Effort, check_case
from whodunit.pack.findings import Finding
from whodunit.pack.loader import load_pack

EXAMPLES = int(os.environ.get("WHODUNIT_FAIRPLAY_EXAMPLES", "150"))
REPORT = os.environ.get("WHODUNIT_FAIRPLAY_REPORT")
FAIRNESS = {"E201", "E202", "E203", "E204", "E207"}

PLACES = ["hall", "yard", "attic"]
THINGS = {"hall": ["desk", "coat"], "yard": ["shed"], "attic": ["trunk"]}
SUSPECTS = ["ann", "bob", "cy"]  # ann is the culprit
TOPICS: dict[str, list[str]] = {"ann": ["night"], "bob": ["night", "coat"], "cy": []}
CLUES = ["c1", "c2", "c3", "c4"]
INSIGHTS = {"i1": "k1", "i2": "k2"}  # a clue revealed by putting two things together
CONNECTIONS = ["k1", "k2"]
HOLDABLE = CLUES + [f"{s}/{t}" for s in SUSPECTS for t in TOPICS[s]]
ALL_CLUES = CLUES + list(INSIGHTS)


def facts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([f"{{visited: {p}}}" for p in PLACES]),
        st.sampled_from([f"{{searched: {p}/{t}}}" for p in PLACES for t in THINGS[p]]),
        st.sampled_from([f"{{asked: {s}/{t}}}" for s in SUSPECTS for t in TOPICS[s]]),
        st.sampled_from([f"{{found: {c}}}" for c in ALL_CLUES]),
        st.sampled_from(["{presented: bob/c1}", "{presented: cy/c2}"]),
        st.sampled_from([f"{{connected: {k}}}" for k in CONNECTIONS]),
    )


def conditions() -> st.SearchStrategy[str]:
    leaf = facts()
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            inner.map(lambda c: f"{{not: {c}}}"),
            st.lists(inner, min_size=1, max_size=3).map(lambda cs: f"{{all: [{', '.join(cs)}]}}"),
            st.lists(inner, min_size=1, max_size=3).map(lambda cs: f"{{any: [{', '.join(cs)}]}}"),
        ),
        max_leaves=4,
    )


def maybe_when(draw: st.DrawFn, indent: str, key: str = "when") -> str:
    if draw(st.integers(0, 2)) == 0:
        return f"{indent}{key}: {draw(conditions())}\n"
    return ""


def option_whens(draw: st.DrawFn, count: int) -> list[str | None]:
    """Conditions for a claim's options, in the shapes that make or break a tell: none (there
    from the start), the same as another option's, one clue, or any condition."""
    out: list[str | None] = []
    for _ in range(count):
        shape = draw(st.integers(0, 4))
        if shape == 0 or (shape == 1 and not out):
            out.append(None)
        elif shape == 1:
            out.append(draw(st.sampled_from(out)))
        elif shape == 2:
            out.append(draw(st.sampled_from([f"{{found: {c}}}" for c in ALL_CLUES])))
        else:
            out.append(draw(conditions()))
    return out


def proofs(draw: st.DrawFn) -> str:
    ids = draw(st.lists(st.sampled_from(ALL_CLUES), min_size=1, max_size=2, unique=True))
    return f"[{', '.join(ids)}]"


@st.composite
def cases(draw: st.DrawFn) -> str:
    out = ["id: c\ntitle: A case\nbriefing: Something happened.\nstart: hall\nplaces:\n"]
    for p in PLACES:
        out.append(f"  {p}:\n    name: the {p}\n    description: The {p}.\n")
        if p != "hall":
            out.append(maybe_when(draw, "    "))
        out.append("    things:\n")
        for t in THINGS[p]:
            out.append(f"      {t}:\n        name: the {t}\n        text: A {t}.\n")
            out.append(maybe_when(draw, "        "))
    out.append("suspects:\n")
    for s in SUSPECTS:
        out.append(f"  {s}:\n    intro: {s} waits.\n")
        out.append(maybe_when(draw, "    "))
        if not TOPICS[s]:
            out.append("    topics: {}\n")  # a suspect with nothing to ask, only to show
        else:
            out.append("    topics:\n")
            for t in TOPICS[s]:
                out.append(f"      {t}:\n        ask: About the {t}?\n        answer: Yes.\n")
                out.append(maybe_when(draw, "        "))
        out.append(f"    default_reaction: {s} shrugs.\n")
    out.append("clues:\n")
    sources = [f"{{searched: {p}/{t}}}" for p in PLACES for t in THINGS[p]]
    sources += [f"{{asked: {s}/{t}}}" for s in SUSPECTS for t in TOPICS[s]]
    for n, c in enumerate(ALL_CLUES):
        out.append(f"  {c}:\n    name: Clue {n}\n    text: Seen.\n")
        if c in INSIGHTS:
            insight = f"{{connected: {INSIGHTS[c]}}}"
            if draw(st.integers(0, 3)) == 0:
                insight = f"{{all: [{insight}, {draw(conditions())}]}}"
            out.append(f"    revealed_by: {insight}\n")
        elif draw(st.booleans()):
            out.append(f"    revealed_by: {draw(conditions())}\n")
        else:
            out.append(f"    revealed_by: {draw(st.sampled_from(sources))}\n")
        ruled = draw(st.lists(st.sampled_from(["bob", "cy"]), max_size=2, unique=True))
        out.append(f"    rules_out: [{', '.join(ruled)}]\n    points_to: [ann]\n")
    # Two connections, each of two distinct things the player can hold, never the same pair.
    pairs = draw(
        st.lists(
            st.lists(st.sampled_from(HOLDABLE), min_size=2, max_size=2, unique=True).map(
                lambda pair: tuple(sorted(pair))
            ),
            min_size=2,
            max_size=2,
            unique=True,
        )
    )
    out.append("connections:\n")
    for k, (a, b) in zip(CONNECTIONS, pairs, strict=True):
        out.append(f"  {k}:\n    links: [{a}, {b}]\n")
    out.append("deduction:\n  chances: 2\n  claims:\n")
    out.append(
        "    who:\n      prompt: Who?\n      proof: Shows who?\n      answer: ann\n"
        f"      proven_by: {proofs(draw)}\n"
    )
    for claim, options in (("why", ["greed", "fear", "spite"]), ("how", ["knife", "rope"])):
        answer = draw(st.sampled_from(options))
        out.append(
            f"    {claim}:\n      prompt: {claim.title()}?\n      proof: Shows {claim}?\n"
            f"      answer: {answer}\n      proven_by: {proofs(draw)}\n      options:\n"
        )
        for option, when in zip(options, option_whens(draw, len(options)), strict=True):
            out.append(f"        {option}:\n          text: {option}\n")
            if when is not None:
                out.append(f"          when: {when}\n")
    out.append(
        "endings:\n  solved: {title: Solved, text: Yes.}\n"
        "  out_of_chances: {title: Lost, text: No.}\n"
        "  wrong:\n    bob: {title: Bob, text: No.}\n    cy: {title: Cy, text: No.}\n"
    )
    return "".join(out)


def write_pack(root: Path, case_text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "cases").mkdir(exist_ok=True)
    (root / "pack.yaml").write_text(
        "format: 2\nid: gen\ntitle: Generated\nversion: 1.0.0\nauthors: [test]\n"
        "licence: CC0-1.0\nabout: Generated.\ncast: cast.yaml\ncases:\n  - cases/c.yaml\n"
    )
    (root / "cast.yaml").write_text(
        "characters:\n"
        + "".join(f"  {s}: {{name: {s.title()}, description: X.}}\n" for s in SUSPECTS)
    )
    (root / "cases" / "c.yaml").write_text(case_text)
    return root


def fairness(findings: list[Finding]) -> dict[tuple[int, int, str], str]:
    """The fairness errors, by where they are and what they say."""
    return {(f.pos.line, f.pos.col, f.code): f.message for f in findings if f.code in FAIRNESS}


def at(findings: list[Finding], code: str) -> dict[tuple[int, int], str]:
    return {(f.pos.line, f.pos.col): f.message for f in findings if f.code == code}


@seed(20261202)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case_text=cases())
def test_the_fast_checker_agrees_with_the_search_of_every_state(
    tmp_path_factory, case_text: str
) -> None:
    root = write_pack(tmp_path_factory.mktemp("gen"), case_text)
    pack, load_findings = load_pack(root)
    assert pack is not None, [str(f) for f in load_findings]
    case = pack.cases["c"]
    effort = Effort()
    fast = check_case(case, effort=effort)
    exact = check_case(case, exhaustive=True)
    assert not at(exact, "W208"), "the reference searches every state of a small case"
    # Sound: every error of the fast checker is one the search of every state finds, and
    # every error it does not find it names as a doubt (W208) where the error would be.
    fast_errors, exact_errors = fairness(fast), fairness(exact)
    doubts = at(fast, "W208")
    assert not set(fast_errors) - set(exact_errors), "no false error"
    for (line, col, code), message in exact_errors.items():
        if (line, col, code) in fast_errors:
            assert fast_errors[line, col, code] == message
        else:
            assert (line, col) in doubts, f"missed without a word: {message}"
    # Tells: the fast checker names only real ones, and every one when it decided them all.
    fast_tells, exact_tells = at(fast, "W209"), at(exact, "W209")
    assert set(fast_tells) <= set(exact_tells)
    if not effort.undecided:
        assert set(fast_tells) == set(exact_tells)
    for where, message in fast_tells.items():
        if "always the last" in message:  # what the analysis says of it holds
            assert "always the last" in exact_tells[where]
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as out:
            out.write(json.dumps(effort.as_dict() | {"doubts": len(doubts)}) + "\n")
    for finding in fast:
        if finding.trail:
            # The order of play is real: the engine accepts every step of it.
            state = new_game(case)
            for action in trail_actions(case, finding.trail):
                state, outcome = apply(case, state, action)
                assert outcome.accepted, (action, outcome.text)


@seed(20261203)
@settings(
    max_examples=max(EXAMPLES // 3, 50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case_text=cases(), walk=st.lists(st.integers(0, 10_000), max_size=12))
def test_the_fact_game_moves_as_the_engine_does(
    tmp_path_factory, case_text: str, walk: list[int]
) -> None:
    """The exhaustive search is only a reference if its game is the engine's: on a random walk,
    the facts the engine's actions can make true are the fact game's open moves, and the clues
    found after each step are the same."""
    root = write_pack(tmp_path_factory.mktemp("gen"), case_text)
    pack, _ = load_pack(root)
    assert pack is not None
    case = pack.cases["c"]
    game = FactGame(case)
    state, facts = new_game(case), game.start()
    assert state.facts == facts
    for pick in walk:
        moves = set(game.open_moves(facts))
        assert {f for f in engine_moves(case, state) if mattering(f, case_text)} == moves
        if not moves:
            break
        move = sorted(moves, key=str)[pick % len(moves)]
        for action in actions_for(case, state, move):
            state, outcome = apply(case, state, action)
            assert outcome.accepted
        facts = game.play(facts, move)
        assert state.facts == facts


def engine_moves(case, state) -> set:
    """Every fact one move can make true; a search in a place visited before counts as one move
    with the walk back to it, as it does in the fact game."""
    out = set()
    for action in available_actions(case, state):
        after, _ = apply(case, state, action, quiet=True)
        out |= after.facts - state.facts
        if isinstance(action, Go) and Fact("visited", action.place) in state.facts:
            for then in available_actions(case, after):
                if isinstance(then, Search):
                    out |= apply(case, after, then, quiet=True)[0].facts - after.facts
    return {f for f in out if f.kind != "found"}


def mattering(fact: Fact, case_text: str) -> bool:
    """Showing a clue matters to the game only where some condition names that showing (the
    generated cases have no reactions); every other move always matters."""
    return fact.kind != "presented" or f"presented: {fact.ref}}}" in case_text


def actions_for(case, state, move) -> list:
    if move.kind == "connected":
        return [Connect(*case.connections[move.ref].links)]
    if move.kind != "searched":
        return trail_actions_from(move)
    place, thing = move.ref.split("/")
    return ([Go(place)] if state.location != place else []) + [Search(place, thing)]


def trail_actions_from(move) -> list:
    first, _, second = move.ref.partition("/")
    if move.kind == "visited":
        return [Go(first)]
    if move.kind == "asked":
        return [Ask(first, second)]
    return [Present(first, second)]
