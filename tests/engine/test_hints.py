"""Hints after a wrong accusation work on it: a nudge, then the claim that does not hold, then
the step toward its proof (or the clue to attach). No hint ever names a step already taken, or
sends the player to the place they stand in."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from tests.engine.test_replay_log import logs
from tests.engine.test_rules import FOUND_ALL
from whodunit.engine import (
    Accuse,
    Ask,
    Connect,
    GameState,
    Go,
    Hint,
    Present,
    Search,
    apply,
    replay,
    replay_log,
)
from whodunit.engine.hints import next_hint
from whodunit.pack.conditions import Fact
from whodunit.pack.loader import load_pack_or_raise

CASE = load_pack_or_raise(EXAMPLE).cases["tart"]
PROMPTS = {c.id: c.prompt for c in CASE.deduction.claims.values()}
BEFORE_LINK = FOUND_ALL[:7]  # the prints, the plum juice and Pip's morning; nothing put together


def hints(state: GameState, n: int = 3) -> list[str]:
    """The next `n` hints asked in a row, with the command each names (if it names one)."""
    out = []
    for _ in range(n):
        state, told = apply(CASE, state, Hint())
        (line,) = told.messages
        out.append((line.text, line.ref))
    return out


def accused(state: GameState, answers: dict[str, str], proofs: dict[str, str]) -> GameState:
    state, out = apply(CASE, state, Accuse(tuple(answers.items()), tuple(proofs.items())))
    assert out.accepted and state.ending is None, out.text
    return state


def test_after_a_wrong_accusation_the_hints_go_from_a_nudge_to_the_failing_claim_to_its_proof():
    state = replay(CASE, BEFORE_LINK)
    # Who is right but not proven: the prints do not tie Pip to the tart by themselves.
    state = accused(
        state,
        {"who": "pip", "why": "spite", "how": "window"},
        {"who": "boot_prints", "why": "slip", "how": "juice"},
    )
    (nudge, _), (claim, _), (step, command) = hints(state)
    assert not any(p in nudge for p in PROMPTS.values())
    assert PROMPTS["who"] in claim
    assert PROMPTS["why"] not in claim and PROMPTS["how"] not in claim
    # The step that makes a proof of who: putting the prints beside Pip's morning.
    assert command == "connect boot_prints pip/morning"
    assert "Purple boot prints" in step


def test_the_plainest_hint_names_the_clue_to_attach_once_it_is_held() -> None:
    state = accused(
        replay(CASE, FOUND_ALL),
        {"who": "pip", "why": "hunger", "how": "window"},
        {"who": "route", "why": "slip", "how": "juice"},
    )
    (_, _), (claim, _), (attach, command) = hints(state)
    assert PROMPTS["why"] in claim and PROMPTS["who"] not in claim
    assert "Pip's admission" in attach and PROMPTS["why"] in attach
    assert command == ""  # attaching is not a step of its own


def test_the_hints_move_on_once_the_step_they_named_is_taken() -> None:
    state = accused(
        replay(CASE, BEFORE_LINK),
        {"who": "pip", "why": "spite", "how": "window"},
        {"who": "boot_prints", "why": "slip", "how": "juice"},
    )
    state, _ = apply(CASE, state, Connect("boot_prints", "pip/morning"))
    *_, (plainest, command) = hints(state)
    assert command != "connect boot_prints pip/morning"
    assert "The prints and Pip's morning" in plainest


def test_a_right_clue_attached_to_a_wrong_answer_is_not_named_again_as_the_step() -> None:
    """The player attached the clue that proves the claim, but to the wrong answer: the
    plainest hint must not tell them to attach what they already attached."""
    state = accused(
        replay(CASE, FOUND_ALL),
        {"who": "pip", "why": "spite", "how": "window"},
        {"who": "route", "why": "confession", "how": "juice"},
    )
    *_, (plainest, _) = hints(state)
    assert PROMPTS["why"] in plainest
    assert "attach Pip's admission" not in plainest
    assert "answer" in plainest


def test_hints_before_any_accusation_do_not_speak_of_one() -> None:
    for text, _ in hints(replay(CASE, BEFORE_LINK)):
        assert "accusation does not hold" not in text


def fact_of(action: Search | Ask | Present) -> Fact:
    if isinstance(action, Search):
        return Fact("searched", f"{action.place}/{action.thing}")
    if isinstance(action, Ask):
        return Fact("asked", f"{action.suspect}/{action.topic}")
    return Fact("presented", f"{action.suspect}/{action.clue}")


def test_a_hint_sending_the_player_back_does_not_ask_whether_they_have_been() -> None:
    state = replay(CASE, [Go("kitchen"), Go("shop")])
    (nudge, _), (plain, _), (_, command) = hints(state)
    assert nudge == "You have not seen everything in The kitchen yet."
    assert plain == "Go to The kitchen." and command == "go kitchen"


@settings(max_examples=120, deadline=None)
@given(log=logs, level=st.integers(min_value=0, max_value=4))
def test_a_hint_never_names_a_step_taken_or_the_place_the_player_stands_in(log, level) -> None:
    state = replay_log(CASE, log).state
    if state.ended:
        return
    hint = next_hint(CASE, replace(state, hint_level=level))
    action = hint.action
    if action is None:
        return
    assert action != Go(state.location or "")
    if isinstance(action, Go):  # going back to search there, or a place not seen yet
        assert "Have you been" not in hint.text or not state.has(Fact("visited", action.place))
    elif isinstance(action, Connect):
        assert not state.has(Fact("connected", CASE.connection_of[action.pair]))
    else:
        assert not state.has(fact_of(action)), (action, hint.text)
    # And the rules accept it: a hint never names a step the player cannot take.
    assert apply(CASE, state, action)[1].accepted, hint.text


def test_the_plainest_hint_opens_the_true_answer_when_it_is_not_open_yet(example_pack, edit):
    edit(
        example_pack / "cases/tart.yaml",
        "        hunger:\n          text: hunger\n",
        "        hunger:\n          text: hunger\n          when: {presented: pip/juice}\n",
    )
    case = load_pack_or_raise(example_pack).cases["tart"]
    state = replay(case, FOUND_ALL)
    answers = (("who", "pip"), ("why", "spite"), ("how", "window"))
    proofs = (("who", "route"), ("why", "confession"), ("how", "juice"))
    state, _ = apply(case, state, Accuse(answers, proofs))
    for _ in range(3):
        state, told = apply(case, state, Hint())
    assert told.messages[0].ref == "present juice to pip"
