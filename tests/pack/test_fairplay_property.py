"""The fast fair-play checker agrees with the exhaustive search of every game state, on thousands
of small random cases rich in `all`/`any`/`not`, gated places, things and topics.

Cases are written as YAML and loaded like any pack, so the test goes through the loader too.
CI runs a fixed seed; set WHODUNIT_FAIRPLAY_EXAMPLES (say 20000) for a longer run.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from whodunit.engine import apply, new_game
from whodunit.engine.actions import Ask, Go, Present, Search
from whodunit.engine.rules import available_actions
from whodunit.engine.trail import trail_actions
from whodunit.pack.conditions import Fact
from whodunit.pack.explore import FactGame
from whodunit.pack.fairplay import check_case
from whodunit.pack.loader import load_pack

EXAMPLES = int(os.environ.get("WHODUNIT_FAIRPLAY_EXAMPLES", "150"))
FAIRNESS = {"E201", "E202", "E203", "E204", "E207"}

PLACES = ["hall", "yard", "attic"]
THINGS = {"hall": ["desk", "coat"], "yard": ["shed"], "attic": ["trunk"]}
SUSPECTS = ["ann", "bob", "cy"]  # ann is the culprit
TOPICS: dict[str, list[str]] = {"ann": ["night"], "bob": ["night", "coat"], "cy": []}
CLUES = ["c1", "c2", "c3", "c4", "c5"]


def facts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([f"{{visited: {p}}}" for p in PLACES]),
        st.sampled_from([f"{{searched: {p}/{t}}}" for p in PLACES for t in THINGS[p]]),
        st.sampled_from([f"{{asked: {s}/{t}}}" for s in SUSPECTS for t in TOPICS[s]]),
        st.sampled_from([f"{{found: {c}}}" for c in CLUES]),
        st.sampled_from(["{presented: bob/c1}", "{presented: cy/c2}"]),
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
    for n, c in enumerate(CLUES):
        out.append(f"  {c}:\n    name: Clue {n}\n    text: Seen.\n")
        if draw(st.booleans()):
            out.append(f"    revealed_by: {draw(conditions())}\n")
        else:
            out.append(f"    revealed_by: {draw(st.sampled_from(sources))}\n")
        ruled = draw(st.lists(st.sampled_from(["bob", "cy"]), max_size=2, unique=True))
        out.append(f"    rules_out: [{', '.join(ruled)}]\n    points_to: [ann]\n")
    required = draw(st.lists(st.sampled_from(CLUES), min_size=1, max_size=2, unique=True))
    out.append(
        "deduction:\n  chances: 2\n  who:\n    prompt: Who?\n    answer: ann\n"
        "  blanks:\n    why:\n      prompt: Why?\n      answer: greed\n      options:\n"
        "        greed:\n          text: greed\n"
    )
    out.append(maybe_when(draw, "          "))
    out.append("        fear:\n          text: fear\n")
    out.append(f"  evidence:\n    prompt: Proof?\n    required: [{', '.join(required)}]\n")
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
        "format: 1\nid: gen\ntitle: Generated\nversion: 1.0.0\nauthors: [test]\n"
        "licence: CC0-1.0\nabout: Generated.\ncast: cast.yaml\ncases:\n  - cases/c.yaml\n"
    )
    (root / "cast.yaml").write_text(
        "characters:\n"
        + "".join(f"  {s}: {{name: {s.title()}, description: X.}}\n" for s in SUSPECTS)
    )
    (root / "cases" / "c.yaml").write_text(case_text)
    return root


def fairness(findings: list) -> list[tuple[str, str]]:
    return sorted((f.code, f.message) for f in findings if f.code in FAIRNESS)


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
    fast = check_case(case)
    exact = check_case(case, exhaustive=True)
    assert "W208" not in {f.code for f in fast + exact}, "small cases are always decided"
    assert fairness(fast) == fairness(exact)
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
        for action in actions_for(state, move):
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


def actions_for(state, move) -> list:
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
