"""The accusation: one answer and one proof for each claim, a verdict that says how close it
was and never which part missed, and the truth told once the last chance is gone.

The example case: Pip took the tart (proven by the prints and Pip's morning put together, or
by his admission), out of hunger (his admission), through the back window (the plum juice or
the boot prints). The player has two chances."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import EXAMPLE
from tests.engine.test_rules import FOUND_ALL
from whodunit.engine import Accuse, Game, GameState, Line, apply, can_accuse, chances_left, replay
from whodunit.engine.rules import verdict_text
from whodunit.pack.loader import load_pack_or_raise
from whodunit.pack.model import Case

PACK = load_pack_or_raise(EXAMPLE)
CASE = PACK.cases["tart"]
TRUE = {"who": "pip", "why": "hunger", "how": "window"}
RIGHT_PROOF = {"who": "route", "why": "confession", "how": "juice"}

CLOSE = "one or two parts of it do not hold"
FAR = "more than two parts of it do not hold"


def accuse(answers: dict[str, str] | None = None, proofs: dict[str, str] | None = None) -> Accuse:
    """The true statement with its proofs, changed where `answers` and `proofs` say."""
    a, p = {**TRUE, **(answers or {})}, {**RIGHT_PROOF, **(proofs or {})}
    return Accuse(tuple(a.items()), tuple((c, p[c]) for c in a))


def ready(case: Case = CASE) -> GameState:
    """Every proof of the case in hand, nothing accused yet."""
    return replay(case, FOUND_ALL)


def told(state: GameState, *accusations: Accuse, case: Case = CASE) -> list[Line]:
    """What the player is told on the last of these accusations."""
    out = None
    for a in accusations:
        state, out = apply(case, state, a)
        assert out.accepted, out.text
    assert out is not None
    return list(out.messages)


def said(lines: list[Line]) -> str:
    return "\n".join(f"{m.title}\n{m.text}" for m in lines)


@pytest.mark.parametrize(
    ("who", "how"), itertools.product(["route", "confession"], ["juice", "boot_prints"])
)
def test_a_right_proof_for_each_claim_wins_whichever_alternative(who: str, how: str) -> None:
    state, out = apply(CASE, ready(), accuse(proofs={"who": who, "how": how}))
    assert out.accepted and state.ending == "solved"
    assert state.accusations[-1].correct
    assert [m.title for m in out.messages if m.kind == "ending"] == ["Case closed"]


@pytest.mark.parametrize(
    "proofs",
    [
        {"who": "slip"},  # a clue that points at Pip, but does not tie him to the tart
        {"how": "confession"},  # a proof of another claim
        {"why": "juice", "how": "route"},  # two proofs swapped about
    ],
)
def test_a_right_statement_with_a_wrong_proof_is_close(proofs: dict[str, str]) -> None:
    state = ready()
    new, out = apply(CASE, state, accuse(proofs=proofs))
    assert out.accepted and new.ending is None
    assert CLOSE in out.text and FAR not in out.text
    assert chances_left(CASE, new) == chances_left(CASE, state) - 1


def test_a_wrong_answer_with_its_proof_is_two_parts_and_still_close() -> None:
    """No clue proves a wrong answer: the answer and its proof both miss."""
    out = told(ready(), accuse({"why": "spite"}))
    assert CLOSE in said(out)


@pytest.mark.parametrize(
    ("answers", "proofs"),
    [
        ({"who": "vera", "how": "door"}, {}),  # two claims wrong, answer and proof
        ({"why": "profit"}, {"how": "slip"}),  # three parts
        ({"who": "finch", "why": "spite", "how": "door"}, {}),
    ],
)
def test_more_than_two_parts_wrong_is_far_off(answers, proofs) -> None:
    out = said(told(ready(), accuse(answers, proofs)))
    assert FAR in out and CLOSE not in out


def test_the_verdict_never_says_which_part_missed() -> None:
    verdicts = {
        tuple(m.text for m in told(ready(), accuse(proofs=wrong)))
        for wrong in ({"who": "slip"}, {"why": "slip"}, {"how": "slip"})
    }
    assert len(verdicts) == 1
    (verdict,) = verdicts
    for claim in CASE.deduction.claims.values():
        assert not any(claim.prompt in line or claim.proof in line for line in verdict)


def test_strict_grading_says_only_that_something_is_wrong(example_pack, edit) -> None:
    edit(example_pack / "cases/tart.yaml", "  chances: 2\n", "  chances: 2\n  grading: strict\n")
    case = load_pack_or_raise(example_pack).cases["tart"]
    for wrong in (accuse(proofs={"who": "slip"}), accuse({"who": "vera", "how": "door"})):
        out = said(told(ready(case), wrong, case=case))
        assert "does not hold" in out
        assert CLOSE not in out and FAR not in out
    assert apply(case, ready(case), accuse())[0].ending == "solved"


def test_grading_by_count_of_parts() -> None:
    assert verdict_text(CASE, 0) != verdict_text(CASE, 1)
    assert verdict_text(CASE, 1) == verdict_text(CASE, 2)
    assert verdict_text(CASE, 3) == verdict_text(CASE, 6) != verdict_text(CASE, 2)


def test_a_wrong_accusation_mid_game_tells_nothing_of_the_endings() -> None:
    state, out = apply(CASE, ready(), accuse({"who": "vera"}))
    assert state.ending is None
    assert [m.kind for m in out.messages] == ["verdict", "verdict"]
    assert "1 accusation left" in out.text
    for ending in (*CASE.wrong.values(), CASE.out_of_chances, CASE.solved):
        assert ending.title not in said(list(out.messages))
        assert ending.text.strip() not in out.text
    # Every accusation stays on record, with how many parts missed.
    (record,) = state.accusations
    assert dict(record.choices)["who"] == "vera" and record.wrong_parts == 2


def test_the_last_chance_shows_that_suspects_ending_then_the_truth() -> None:
    lines = told(ready(), accuse({"who": "vera"}), accuse({"who": "finch", "how": "door"}))
    endings = [(m.kind, m.ref) for m in lines if m.kind in ("ending", "truth")]
    # Finch was accused last: his ending, not Vera's, then the case's and the truth.
    assert endings == [
        ("ending", "wrong:finch"),
        ("ending", "out_of_chances"),
        ("truth", "truth"),
    ]
    assert lines[0].kind == "verdict"
    assert CASE.wrong["finch"].title in said(lines)
    assert CASE.wrong["vera"].title not in said(lines)


def test_the_truth_gives_each_claim_its_answer_and_proofs_and_marks_what_was_right() -> None:
    last = accuse({"who": "finch", "how": "door"}, {"who": "slip"})
    state = ready()
    state, _ = apply(CASE, state, accuse({"who": "vera"}))
    state, out = apply(CASE, state, last)
    assert state.ending == "out_of_chances" and not can_accuse(CASE, state)
    (truth,) = [m.text for m in out.messages if m.kind == "truth"]
    paragraphs = dict(zip(CASE.deduction.claims, truth.split("\n\n"), strict=True))
    for claim_id, claim in CASE.deduction.claims.items():
        text = paragraphs[claim_id]
        assert claim.prompt in text
        assert claim.options[claim.answer].text.lower() in text.lower()
        for clue in claim.proven_by:
            assert CASE.clues[clue].name in text
    # Only the reason was right, with its proof.
    assert "You had this right" in paragraphs["why"]
    assert "You had this right" not in paragraphs["who"] + paragraphs["how"]
    assert "Mr Finch" in paragraphs["who"] and "through the shop door" in paragraphs["how"]
    assert "Delivery slip" in paragraphs["who"]


def test_accusing_the_culprit_with_a_wrong_proof_at_the_end_shows_no_wrong_ending() -> None:
    lines = told(ready(), accuse(proofs={"why": "slip"}), accuse(proofs={"who": "slip"}))
    assert [m.ref for m in lines if m.kind in ("ending", "truth")] == ["out_of_chances", "truth"]


def test_out_of_chances_the_case_is_over() -> None:
    state = ready()
    for _ in range(CASE.deduction.chances):
        state, _ = apply(CASE, state, accuse({"who": "vera"}))
    assert state.ending == "out_of_chances" and chances_left(CASE, state) == 0
    new, out = apply(CASE, state, accuse())
    assert not out.accepted and new is state


def test_a_game_keeps_every_verdict_in_what_the_player_was_told() -> None:
    game = Game.from_log(PACK, CASE, [*FOUND_ALL, accuse({"who": "vera"}), accuse()])
    verdicts = [e.message.text for e in game.history if e.message.kind == "verdict"]
    assert any(CLOSE in v for v in verdicts)
    assert any("Every part of it holds" in v for v in verdicts)
    assert game.ended and game.state.ending == "solved"
    r = game.rating()
    assert (r.wrong, r.hints, r.wrong_links) == (1, 0, 0)
