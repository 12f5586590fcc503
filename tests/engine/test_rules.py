"""The engine: actions, what they reveal, accusations, and the game as a fold of its log."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE
from whodunit.engine import (
    Accuse,
    Ask,
    Go,
    Hint,
    InvalidStep,
    Present,
    Search,
    accusation_options,
    action_from_dict,
    action_to_dict,
    apply,
    available_actions,
    can_accuse,
    chances_left,
    format_action,
    new_game,
    parse_action,
    rating,
    replay,
    solution_path,
)
from whodunit.pack.loader import load_pack_or_raise

CASE = load_pack_or_raise(EXAMPLE).cases["tart"]
SOLVE = [
    Search("shop", "counter"),
    Go("kitchen"),
    Search("kitchen", "rack"),
    Search("kitchen", "window"),
    Go("lane"),
    Search("lane", "cobbles"),
    Ask("pip", "boots"),
    Accuse((("who", "pip"), ("why", "hunger"), ("how", "window")), ("boot_prints", "juice")),
]


def play(actions):
    state = new_game(CASE)
    outcomes = []
    for a in actions:
        state, out = apply(CASE, state, a)
        assert out.accepted, out.text
        outcomes.append(out)
    return state, outcomes


def test_new_game_starts_where_the_case_says() -> None:
    state = new_game(CASE)
    assert state.location == "shop" and state.step == 0 and state.found == ()


def test_searching_reveals_a_clue_and_records_when_and_where() -> None:
    state, [out] = play([Search("shop", "counter")])
    assert [m.ref for m in out.messages if m.kind == "clue"] == ["slip"]
    (found,) = state.found
    assert (found.clue, found.step, found.place) == ("slip", 1, "shop")
    assert "the counter" in found.via


def test_rejected_actions_change_nothing_and_say_why() -> None:
    state = new_game(CASE)
    for action, why in [
        (Search("kitchen", "rack"), "go there first"),
        (Go("lane"), "no place 'lane'"),
        (Ask("pip", "boots"), "cannot ask"),
        (Present("pip", "slip"), "no clue 'slip'"),
        (Go("shop"), "already in"),
    ]:
        new, out = apply(CASE, state, action)
        assert not out.accepted and new is state
        assert why in out.text


def test_conditions_open_places_and_topics_and_say_so() -> None:
    _, outs = play(SOLVE[:4])
    assert any("You can now go to Harbour Lane" in m.text for m in outs[3].messages)
    told = [m.text for m in outs[3].messages if m.kind == "unlock"]
    assert "Something new to search in The kitchen: the scrap bin." in told
    _state, outs = play(SOLVE[:6])
    assert any("New question for Pip Tolliver" in m.text for m in outs[5].messages)


def test_presenting_shows_the_reaction_and_records_it() -> None:
    state, [_, out] = play([Search("shop", "counter"), Present("pip", "slip")])
    assert "That's my mark" in out.messages[0].text
    assert state.presented_to("slip") == ["pip"]
    _, [_, out] = play([Search("shop", "counter"), Present("vera", "slip")])
    assert out.messages[0].text == "I have my own tarts to mind."


def test_options_unlock_with_evidence() -> None:
    assert accusation_options(CASE, new_game(CASE))["why"] == ["spite", "profit"]
    state, _ = play(SOLVE[:7])
    assert "hunger" in accusation_options(CASE, state)["why"]


def test_correct_accusation_solves_the_case() -> None:
    state, outs = play(SOLVE)
    assert state.ending == "solved"
    assert [m.title for m in outs[-1].messages if m.kind == "ending"] == ["Case closed"]
    assert available_actions(CASE, state) == []
    assert not apply(CASE, state, Go("shop"))[1].accepted


def test_right_suspect_wrong_reason_is_still_wrong() -> None:
    wrong = Accuse((("who", "pip"), ("why", "spite"), ("how", "window")), ("boot_prints", "juice"))
    state, [*_, out] = play([*SOLVE[:7], wrong])
    assert state.ending is None and chances_left(CASE, state) == 1
    assert "not the whole truth" in out.text


def test_missing_evidence_is_wrong_even_with_the_right_answer() -> None:
    weak = Accuse((("who", "pip"), ("why", "hunger"), ("how", "window")), ("slip",))
    state, _ = play([*SOLVE[:7], weak])
    assert state.accusations[-1].correct is False


def test_running_out_of_chances_ends_the_case() -> None:
    a = Accuse((("who", "vera"), ("why", "spite"), ("how", "door")), ("slip",))
    state, outs = play([Search("shop", "counter"), a, a])
    assert state.ending == "out_of_chances"
    titles = [m.title for m in outs[-1].messages if m.kind == "ending"]
    assert titles == ["A rival accused", "The trail goes cold"]
    assert not can_accuse(CASE, state)


def test_accusation_must_use_unlocked_options_and_found_evidence() -> None:
    state, _ = play([Search("shop", "counter")])
    early = Accuse((("who", "pip"), ("why", "hunger"), ("how", "door")), ("slip",))
    assert "not an option you have" in apply(CASE, state, early)[1].text
    no_clue = Accuse((("who", "pip"), ("why", "spite"), ("how", "door")), ("juice",))
    assert "not found any clue 'juice'" in apply(CASE, state, no_clue)[1].text
    partial = Accuse((("who", "pip"),), ("slip",))
    assert "Fill the blank 'why'" in apply(CASE, state, partial)[1].text


def test_the_state_is_the_fold_of_the_log() -> None:
    state, _ = play(SOLVE)
    assert replay(CASE, SOLVE) == state


def test_replay_names_the_first_step_that_does_not_fit() -> None:
    with pytest.raises(InvalidStep) as info:
        replay(CASE, [Go("kitchen"), Search("kitchen", "bin")])
    assert info.value.step == 2 and "nothing called 'bin'" in info.value.why


def test_actions_round_trip_through_dicts_and_text() -> None:
    location = "shop"
    for action in [*SOLVE, Present("pip", "slip"), Hint()]:
        assert action_from_dict(action_to_dict(action)) == action
        if isinstance(action, Go):
            location = action.place
        assert parse_action(format_action(action), location) == action


def test_hints_get_plainer_and_are_counted() -> None:
    state = new_game(CASE)
    messages = []
    for _ in range(3):
        state, out = apply(CASE, state, Hint())
        messages.append(out.messages[0])
    assert state.hints_used == 3
    assert [m.ref for m in messages] == ["", "", "go kitchen"]
    assert messages[0].text == "Have you been to The kitchen yet?"
    assert messages[1].text == "Go to The kitchen."
    state, _ = apply(CASE, state, Go("kitchen"))
    assert state.hint_level == 0


def test_hints_never_name_the_culprit_once_everything_is_found() -> None:
    state, _ = play(SOLVE[:7])
    for _ in range(3):
        state, out = apply(CASE, state, Hint())
        assert "Pip" not in out.text


def test_following_the_hints_solves_the_case() -> None:
    path = solution_path(CASE)
    state = replay(CASE, path)
    assert state.ending == "solved"
    # A fair solve clears the innocent too, not only the evidence the accusation needs.
    assert Ask("vera", "bag") in path and Ask("finch", "judging") in path
    assert state.found_ids >= {"rye_receipt", "alibi_finch", "boot_prints", "juice"}


def test_rating_rewards_a_clean_solve() -> None:
    par = len(solution_path(CASE))
    clean, _ = play(SOLVE)
    assert rating(CASE, clean, par).stars == 3
    wrong = Accuse((("who", "pip"), ("why", "spite"), ("how", "window")), ("juice",))
    sloppy, _ = play([*SOLVE[:7], Hint(), Hint(), wrong, SOLVE[-1]])
    r = rating(CASE, sloppy, par)
    assert r.stars == 1 and (r.wrong, r.hints) == (1, 2)


def test_a_place_that_closes_around_the_player_cannot_be_searched(example_pack, edit) -> None:
    """`available_actions` and the fair-play analysis say a thing can be searched only while its
    place is open; the rules must refuse the same search rather than trust the UI to hide it."""
    case_file = example_pack / "cases/tart.yaml"
    edit(
        case_file,
        "    description: Flour on every surface.",
        "    when: {not: {searched: kitchen/window}}\n    description: Flour on every surface.",
    )
    case = load_pack_or_raise(example_pack).cases["tart"]
    state = new_game(case)
    for action in (Go("kitchen"), Search("kitchen", "window")):
        state, out = apply(case, state, action)
        assert out.accepted, out.text
    rack = Search("kitchen", "rack")
    assert rack not in available_actions(case, state)
    after, out = apply(case, state, rack)
    assert not out.accepted and after is state


def _with_alternatives(example_pack, edit):
    edit(
        example_pack / "cases/tart.yaml",
        "    required: [boot_prints, juice]",
        "    required: [boot_prints, [juice, confession]]",
    )
    return load_pack_or_raise(example_pack).cases["tart"]


def test_required_evidence_can_name_alternatives(example_pack, edit) -> None:
    case = _with_alternatives(example_pack, edit)
    assert case.deduction.evidence == (("boot_prints",), ("juice", "confession"))
    state = replay(case, SOLVE[:7])
    choices = SOLVE[-1].choices
    for evidence, right in [
        (("boot_prints", "juice"), True),
        (("boot_prints", "confession"), True),
        (("confession", "juice"), False),
        (("boot_prints",), False),
    ]:
        new, _ = apply(case, state, Accuse(choices, evidence))
        assert new.accusations[-1].correct is right, evidence


def test_hints_accept_any_alternative_already_found(example_pack, edit) -> None:
    from whodunit.engine.hints import needed_clues
    from whodunit.pack.analysis import analyse

    case = _with_alternatives(example_pack, edit)
    state = replay(
        case,
        [
            Search("shop", "counter"),
            Go("kitchen"),
            Search("kitchen", "window"),
            Go("lane"),
            Search("lane", "cobbles"),
        ],
    )
    reach = analyse(case, state.facts)
    assert "juice" in needed_clues(case, reach, state.found_ids)
    # Once the confession is found it stands in for the plum juice as evidence.
    state = replay(case, [*SOLVE[:1], *SOLVE[1:2], SOLVE[3], *SOLVE[4:7]])
    assert state.has_found("confession") and not state.has_found("juice")
    assert "juice" not in needed_clues(case, analyse(case, state.facts), state.found_ids)
    assert replay(case, solution_path(case)).ending == "solved"


def test_attaching_everything_is_refused() -> None:
    state = replay(CASE, SOLVE[:7])
    everything = tuple(f.clue for f in state.found)
    assert len(everything) > CASE.deduction.max_evidence == 3
    new, out = apply(CASE, state, Accuse(SOLVE[-1].choices, everything))
    assert not out.accepted and new is state
    assert out.text == "Attach at most 3 pieces of evidence: only the ones that prove it."


def test_a_chain_of_clues_listed_backwards_is_revealed_in_one_action(example_pack, edit) -> None:
    case_file = example_pack / "cases/tart.yaml"
    edit(
        case_file,
        "clues:\n",
        "clues:\n"
        "  chain3: {name: Three, text: t, revealed_by: {found: chain2}}\n"
        "  chain2: {name: Two, text: t, revealed_by: {found: chain1}}\n",
    )
    case_file.write_text(
        case_file.read_text().replace(
            "\ndeduction:",
            "  chain1: {name: One, text: t, revealed_by: {searched: shop/counter}}\n\ndeduction:",
            1,
        )
    )
    case = load_pack_or_raise(example_pack).cases["tart"]
    state, out = apply(case, new_game(case), Search("shop", "counter"))
    assert [f.clue for f in state.found] == ["slip", "chain1", "chain2", "chain3"]
    assert [m.ref for m in out.messages if m.kind == "clue"] == [
        "slip",
        "chain1",
        "chain2",
        "chain3",
    ]
