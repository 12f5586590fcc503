"""The engine: actions, what they reveal, accusations, and the game as a fold of its log."""

from __future__ import annotations

import pytest

from tests.conftest import ARCHER, EXAMPLE
from whodunit.engine import (
    Accuse,
    Ask,
    Connect,
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
    format_action,
    new_game,
    parse_action,
    rating,
    replay,
    solution_path,
)
from whodunit.pack.loader import load_pack_or_raise

CASE = load_pack_or_raise(EXAMPLE).cases["tart"]
PROVEN = (("who", "route"), ("why", "confession"), ("how", "juice"))
SOLVE = [
    Search("shop", "counter"),
    Ask("pip", "morning"),
    Go("kitchen"),
    Search("kitchen", "rack"),
    Search("kitchen", "window"),
    Go("lane"),
    Search("lane", "cobbles"),
    Connect("boot_prints", "pip/morning"),
    Ask("pip", "trail"),
    Accuse((("who", "pip"), ("why", "hunger"), ("how", "window")), PROVEN),
]
FOUND_ALL = SOLVE[:-1]  # every proof in hand, nothing accused yet


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
    _, outs = play(SOLVE[:5])
    told = [m.text for m in outs[4].messages if m.kind == "unlock"]
    assert "You can now go to Harbour Lane." in told
    assert "Something new to search in The kitchen: the scrap bin." in told
    _state, outs = play(SOLVE[:7])
    assert any("New question for Pip Tolliver" in m.text for m in outs[6].messages)


def test_presenting_shows_the_reaction_and_records_it() -> None:
    state, [_, out] = play([Search("shop", "counter"), Present("pip", "slip")])
    assert "That's my mark" in out.messages[0].text
    assert state.presented_to("slip") == ["pip"]
    _, [_, out] = play([Search("shop", "counter"), Present("vera", "slip")])
    assert out.messages[0].text == "I have my own tarts to mind."


def test_options_unlock_with_evidence(example_pack, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "        hunger:\n          text: hunger\n",
        "        hunger:\n          text: hunger\n          when: {found: boot_prints}\n",
    )
    case = load_pack_or_raise(example_pack).cases["tart"]
    assert accusation_options(case, new_game(case))["why"] == ["spite", "profit"]
    state = replay(case, FOUND_ALL)
    assert accusation_options(case, state)["why"] == ["hunger", "spite", "profit"]
    # Every suspect of the case can be named from the start.
    assert accusation_options(case, state)["who"] == ["pip", "finch", "vera"]


def test_correct_accusation_solves_the_case() -> None:
    state, outs = play(SOLVE)
    assert state.ending == "solved"
    assert [m.title for m in outs[-1].messages if m.kind == "ending"] == ["Case closed"]
    assert available_actions(CASE, state) == []
    assert not apply(CASE, state, Go("shop"))[1].accepted


def test_accusation_must_use_unlocked_options_and_found_clues(example_pack, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "        door:\n          text: through the shop door\n",
        "        door:\n          text: through the shop door\n          when: {found: juice}\n",
    )
    case = load_pack_or_raise(example_pack).cases["tart"]
    state = replay(case, [Search("shop", "counter")])
    slip = (("who", "slip"), ("why", "slip"), ("how", "slip"))
    refused = [
        (
            Accuse((("who", "pip"), ("why", "spite"), ("how", "door")), slip),
            "not an answer you have",
        ),
        (
            Accuse(
                (("who", "pip"), ("why", "spite"), ("how", "window")), (*slip[:2], ("how", "juice"))
            ),
            "not found any clue 'juice'",
        ),
        (Accuse((("who", "pip"),), slip[:1]), "Answer the claim 'why': Why did they take it?"),
        (
            Accuse((("who", "pip"), ("why", "spite"), ("how", "window")), slip[:2]),
            "Attach the clue that proves 'how': What shows the way it went?",
        ),
        (
            Accuse((("who", "pip"), ("why", "spite"), ("how", "window"), ("when", "noon")), slip),
            "no claim 'when'",
        ),
        (
            Accuse((("who", "pip"), ("why", "spite"), ("how", "window")), (*slip, ("who", "slip"))),
            "only once",
        ),
        (Accuse((("who", "nobody"), ("why", "spite"), ("how", "window")), slip), "'nobody'"),
    ]
    for accusation, why in refused:
        new, out = apply(case, state, accusation)
        assert not out.accepted and new is state, accusation
        assert why in out.text, (accusation, out.text)


def test_no_accusation_before_holding_a_clue() -> None:
    state = new_game(CASE)
    assert not can_accuse(CASE, state)
    nothing = Accuse((("who", "pip"), ("why", "hunger"), ("how", "window")), PROVEN)
    assert not apply(CASE, state, nothing)[1].accepted


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
    # A fair solve clears the innocent too, not only what the accusation needs.
    assert Ask("vera", "bag") in path and Ask("finch", "judging") in path
    assert state.found_ids >= {"rye_receipt", "alibi_finch", "route", "confession", "juice"}
    assert any(isinstance(a, Connect) and a.pair == {"boot_prints", "pip/morning"} for a in path)


def test_rating_rewards_a_clean_solve() -> None:
    par = len(solution_path(CASE))
    clean, _ = play(SOLVE)
    assert rating(CASE, clean, par).stars == 3
    wrong = Accuse(SOLVE[-1].choices, (("who", "slip"), *PROVEN[1:]))
    sloppy, _ = play([*FOUND_ALL, Hint(), Hint(), wrong, SOLVE[-1]])
    r = rating(CASE, sloppy, par)
    assert r.stars == 1 and (r.wrong, r.hints, r.wrong_links) == (1, 2, 0)


def test_searching_and_asking_everything_costs_no_star_but_walking_to_and_fro_does() -> None:
    cassie = load_pack_or_raise(ARCHER).cases["cassie"]
    path = solution_path(cassie)
    par = len(path)
    state, thorough = new_game(cassie), []
    while True:  # every question, search, showing and visit there is: a very thorough player
        new = [
            a
            for a in available_actions(cassie, state)
            if isinstance(a, (Ask, Search, Present, Go)) and a not in thorough
        ]
        if not new:
            break
        state, out = apply(cassie, state, new[0])
        assert out.accepted, out.text
        thorough.append(new[0])
    for action in path:  # then the hints' own path to the end
        state, out = apply(cassie, state, action)
    assert state.ending == "solved"
    assert state.step > 4 * par  # past what used to count as wandering
    assert rating(cassie, state, par).costs == ()

    par = len(solution_path(CASE))
    to_and_fro = [Go("lane") if n % 2 else Go("kitchen") for n in range(3 * par + 2)]
    wandered, _ = play([*FOUND_ALL, *to_and_fro, SOLVE[-1]])
    r = rating(CASE, wandered, par)
    assert r.stars == 2
    assert [what for what, _ in r.costs] == [f"{3 * par + 2} steps that found nothing new"]


def test_the_rating_says_how_its_costs_add_up_to_the_stars_shown() -> None:
    from whodunit.engine import cost_lines

    par = len(solution_path(CASE))
    one_hint, _ = play([*FOUND_ALL, Hint(), SOLVE[-1]])
    lines = cost_lines(rating(CASE, one_hint, par))
    assert lines[0] == "1 hint: -0.5 star"
    assert lines[-1].startswith("3 - 0.5 = 2.5: 3 stars, rounded to the nearest")
    wrong = Accuse(SOLVE[-1].choices, (("who", "slip"), *PROVEN[1:]))
    sloppy, _ = play([*FOUND_ALL, Hint(), Hint(), wrong, SOLVE[-1]])
    assert cost_lines(rating(CASE, sloppy, par))[-1].startswith("3 - 2 = 1: 1 star,")
    clean, _ = play(SOLVE)
    assert cost_lines(rating(CASE, clean, par)) == ["Nothing took a star away."]


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


def test_hints_look_for_one_proof_of_each_claim_and_accept_any_already_found() -> None:
    from whodunit.engine.hints import needed_clues
    from whodunit.pack.analysis import analyse

    # The way it went is proven by the plum juice or by the boot prints: before either is
    # found the hints look for the first, and once the prints are found, for neither.
    state = new_game(CASE)
    assert "juice" in needed_clues(CASE, analyse(CASE, state.facts), state.found_ids)
    walk = [Go("kitchen"), Search("kitchen", "window"), Go("lane"), Search("lane", "cobbles")]
    state = replay(CASE, walk)
    assert state.has_found("boot_prints") and not state.has_found("juice")
    needed = needed_clues(CASE, analyse(CASE, state.facts), state.found_ids)
    assert "juice" not in needed and "boot_prints" not in needed
    # Following the hints from there proves the way it went with the prints.
    rest = solution_path_from(state)
    assert not any(isinstance(a, Search) and a.thing == "rack" for a in rest)
    assert rest[-1].proof("how") == "boot_prints"
    assert replay(CASE, [*walk, *rest]).ending == "solved"


def solution_path_from(state):
    """The steps the plainest hints name from `state`, and the accusation they lead to."""
    from whodunit.engine.hints import next_step

    steps = []
    while (step := next_step(CASE, state)) is not None:
        state, out = apply(CASE, state, step)
        assert out.accepted, out.text
        steps.append(step)
    claims = CASE.deduction.claims.values()
    proofs = tuple((c.id, next(p for p in c.proven_by if state.has_found(p))) for c in claims)
    return [*steps, Accuse(tuple((c.id, c.answer) for c in claims), proofs)]


def test_a_chain_of_clues_listed_backwards_is_revealed_in_one_action(example_pack, edit) -> None:
    case_file = example_pack / "cases/tart.yaml"
    edit(
        case_file,
        "clues:\n",
        "clues:\n"
        "  chain3: {name: Three, text: t, revealed_by: {found: chain2}}\n"
        "  chain2: {name: Two, text: t, revealed_by: {found: chain1}}\n",
    )
    edit(
        case_file,
        "    revealed_by: {asked: pip/trail}\n    points_to: [pip]\n",
        "    revealed_by: {asked: pip/trail}\n    points_to: [pip]\n"
        "  chain1: {name: One, text: t, revealed_by: {searched: shop/counter}}\n",
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
