"""The built-in Archer School pack: valid, fair, at the promised scale, true to the sources,
and solvable by its own walkthroughs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ARCHER
from whodunit.cli.plain import run_script
from whodunit.engine import open_cases, replay, solution_path
from whodunit.pack.fairplay import check_pack
from whodunit.pack.loader import load_pack

PACK, FINDINGS = load_pack(ARCHER)
WALKTHROUGHS = sorted((ARCHER / "walkthroughs").glob("*.txt"))


def all_text(case) -> str:
    parts = [case.briefing]
    for p in case.places.values():
        parts += [p.name, p.description, *(t.text for t in p.things.values())]
    for s in case.suspects.values():
        parts += [s.intro, *(t.ask + " " + t.answer for t in s.topics.values())]
        parts += [r.text for r in s.reactions.values()]
    parts += [c.name + " " + c.text for c in case.clues.values()]
    for claim in case.deduction.claims.values():
        parts += [claim.prompt, claim.proof, *(o.text for o in claim.options.values())]
    parts += [case.solved.text, case.out_of_chances.text, *(e.text for e in case.wrong.values())]
    return "\n".join(parts).lower()


def test_pack_validates_with_no_findings() -> None:
    assert [str(f) for f in FINDINGS] == []
    assert PACK is not None
    assert [str(f) for f in check_pack(PACK)] == []


def test_pack_says_it_is_a_fan_work() -> None:
    assert "fan" in PACK.notice.lower() and "netflix" in PACK.notice.lower()
    assert "not affiliated" in PACK.notice.lower()


def test_cases_in_order_and_ramon_opens_after_cassie() -> None:
    assert list(PACK.cases) == ["cassie", "ramon"]
    assert open_cases(PACK, []) == ["cassie"]
    assert open_cases(PACK, ["cassie"]) == ["cassie", "ramon"]


@pytest.mark.parametrize("case_id", ["cassie", "ramon"])
def test_scale(case_id: str) -> None:
    case = PACK.cases[case_id]
    assert len(case.suspects) >= 7
    assert len(case.places) >= 6
    assert len(case.clues) >= 20
    for s in case.suspects.values():
        assert len(s.topics) >= 3, s.id
        assert s.reactions, s.id
    claims = case.deduction.claims
    assert set(claims) - {"who"}, "the deduction has claims beyond who"
    for claim in claims.values():
        assert claim.proven_by, claim.id
    assert set(case.wrong) == set(case.suspects) - {case.culprit}


def test_cassie_answer_is_fixed_by_the_sources() -> None:
    case = PACK.cases["cassie"]
    assert case.culprit == "delia"
    assert {"bette", "delia", "nabil", "june", "neveah", "ramon"} <= set(case.suspects)
    assert set(case.suspects) & {"dubois", "shane", "oren"}
    assert "roof" in case.places
    text = all_text(case)
    for fact in ("fingerprint", "white rose", "hood", "life support"):
        assert fact in text, fact
    fingerprints = [c for c in case.clues.values() if "fingerprint" in (c.name + c.text).lower()]
    assert any("delia" in c.points_to for c in fingerprints)
    assert any("bette" in c.rules_out for c in fingerprints)


def test_ramon_keeps_every_fact_of_the_sources() -> None:
    case = PACK.cases["ramon"]
    assert case.requires == ("cassie",)
    assert {"neveah", "bette", "june"} <= set(case.suspects)
    text = all_text(case)
    for fact in (
        "stake",
        "studio",
        "showcase",
        "white rose",
        "it's time to fly",
        "torri",
        "isabel",
        "patron",
        "text",
    ):
        assert fact in text, fact


@pytest.mark.parametrize("case_id", ["cassie", "ramon"])
def test_following_the_hints_solves_each_case(case_id: str) -> None:
    case = PACK.cases[case_id]
    assert replay(case, solution_path(case)).ending == "solved"


def test_walkthroughs_cover_what_the_issue_asks() -> None:
    names = [p.read_text() for p in WALKTHROUGHS]
    for case_id in ("cassie", "ramon"):
        mine = [t for t in names if f"#! case {case_id}" in t]
        assert any("#! expect solved" in t and "\nhint" not in t for t in mine)
        assert any("#! expect solved" in t and "\nhint" in t for t in mine)
        losing = [t for t in mine if "#! expect out_of_chances" in t]
        assert losing
        # Losing shows the truth.
        assert any("#! expect-text What really happened" in t for t in losing)
        # A wrong suspect's ending is shown only once the chances are used up: each one is
        # reached by a walkthrough that loses.
        wrong_titles = {e.title for e in PACK.cases[case_id].wrong.values()}
        covered = {
            title for title in wrong_titles for t in losing if f"#! expect-text {title}" in t
        }
        assert covered == wrong_titles


@pytest.mark.parametrize("case_id", ["cassie", "ramon"])
def test_every_proof_can_be_found(case_id: str) -> None:
    """Each claim can be proven: the hints lead to a proof of each, and the accusation they
    end with attaches one."""
    case = PACK.cases[case_id]
    path = solution_path(case)
    state = replay(case, path[:-1])
    for claim in case.deduction.claims.values():
        assert any(state.has_found(c) for c in claim.proven_by), claim.id
        assert path[-1].proof(claim.id) in claim.proven_by


@pytest.mark.parametrize("path", WALKTHROUGHS, ids=lambda p: p.name)
def test_walkthrough(path: Path) -> None:
    lines: list[str] = []
    result = run_script(PACK, path.read_text(), lines.append)
    assert result.ok, "\n".join(result.problems + lines[-15:])


def test_ending_cassie_opens_ramon_in_plain_mode(tmp_path: Path) -> None:
    import subprocess
    import sys

    solve = (ARCHER / "walkthroughs" / "cassie-solve.txt").read_text()
    commands = [line for line in solve.splitlines() if line and not line.startswith("#")]
    env_dir = tmp_path / "saves"
    run = lambda *args, stdin="": subprocess.run(  # noqa: E731
        [sys.executable, "-m", "whodunit", "play", "--plain", "--saves-dir", str(env_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    locked = run("--case", "ramon", stdin="quit\n")
    assert locked.returncode != 0 and "ramon" in locked.stderr
    played = run(stdin="\n".join(commands) + "\nquit\n")
    assert played.returncode == 0, played.stderr
    assert "A new case is open: The Last Night of the Showcase." in played.stdout
    opened = run("--case", "ramon", stdin="look\nquit\n")
    assert opened.returncode == 0, opened.stderr
    assert "The Last Night of the Showcase" in opened.stdout


CLOCK = re.compile(r"\b([012]?\d:[0-5]\d)\b")


@pytest.mark.parametrize("case_id", ["cassie", "ramon"])
def test_every_clock_time_in_the_text_is_on_the_case_timeline(case_id: str) -> None:
    """One timeline per case, in the case file's header comment: a time the player reads that
    is not on it is a slip (two texts that disagree about when something happened)."""
    assert PACK is not None
    source = (ARCHER / "cases" / f"{case_id}.yaml").read_text(encoding="utf-8")
    header = "\n".join(line for line in source.splitlines()[:200] if line.startswith("#"))
    assert "TIMELINE" in header
    timeline = set(CLOCK.findall(header))
    said = set(CLOCK.findall(all_text(PACK.cases[case_id])))
    assert said, "the case tells no time at all"
    assert sorted(said - timeline) == []
