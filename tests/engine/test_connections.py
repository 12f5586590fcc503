"""Connections: the player puts two things they hold side by side. A pair the case declares
reveals its insight; any other pair reveals nothing, is recorded and costs a little rating.

In the example case the purple boot prints and Pip's answer about his morning belong together:
linking them reveals "The prints and Pip's morning", a proof of who took the tart."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE
from tests.engine.test_rules import FOUND_ALL, SOLVE
from whodunit.engine import (
    Accuse,
    Ask,
    Connect,
    GameState,
    Go,
    Search,
    apply,
    available_actions,
    holdings,
    new_game,
    rating,
    replay,
    solution_path,
)
from whodunit.pack.conditions import Fact
from whodunit.pack.loader import load_pack_or_raise

CASE = load_pack_or_raise(EXAMPLE).cases["tart"]
BEFORE_LINK = FOUND_ALL[:7]  # the prints found and Pip asked about his morning
LINK = Connect("boot_prints", "pip/morning")


def at_link() -> GameState:
    return replay(CASE, BEFORE_LINK)


def test_what_the_player_holds_is_clues_found_then_answers_heard() -> None:
    state = at_link()
    assert holdings(CASE, state) == [*(f.clue for f in state.found), "pip/morning"]
    assert "pip/boots" not in holdings(CASE, state)  # open, but not asked yet


@pytest.mark.parametrize("link", [LINK, Connect("pip/morning", "boot_prints")])
def test_a_right_link_reveals_its_insight_whichever_way_round(link: Connect) -> None:
    state = at_link()
    assert not state.has_found("route")
    new, out = apply(CASE, state, link)
    assert out.accepted
    assert [m.kind for m in out.messages][:2] == ["connection", "clue"]
    assert [m.ref for m in out.messages if m.kind == "clue"] == ["route"]
    assert new.has_found("route") and new.has(Fact("connected", "prints-and-route"))
    assert "Purple boot prints" in out.messages[0].title
    # What it opens is said too: a new question for Pip.
    assert any(m.kind == "unlock" and m.ref == "pip/trail" for m in out.messages)
    assert new.wrong_links == frozenset()


def test_a_right_link_made_again_reveals_nothing_more() -> None:
    state, _ = apply(CASE, at_link(), LINK)
    again, out = apply(CASE, state, Connect("pip/morning", "boot_prints"))
    assert out.accepted
    assert [m.kind for m in out.messages] == ["connection"]
    assert again.found == state.found and again.wrong_links == frozenset()


def test_the_insight_can_serve_as_proof() -> None:
    state = at_link()
    answers = (("who", "pip"), ("why", "spite"), ("how", "window"))
    by_route = Accuse(answers, (("who", "route"), ("why", "slip"), ("how", "juice")))
    refused, out = apply(CASE, state, by_route)
    assert not out.accepted and refused is state and "'route'" in out.text
    state, _ = apply(CASE, state, LINK)
    state, _ = apply(CASE, state, Ask("pip", "trail"))
    won = Accuse((("who", "pip"), ("why", "hunger"), ("how", "window")), SOLVE[-1].proofs)
    assert dict(won.proofs)["who"] == "route"
    assert apply(CASE, state, won)[0].ending == "solved"


def test_a_wrong_link_reveals_nothing_and_is_recorded_once_per_pair() -> None:
    state = at_link()
    new, out = apply(CASE, state, Connect("slip", "juice"))
    assert out.accepted
    assert [m.kind for m in out.messages] == ["connection"]
    assert "Nothing follows" in out.text
    assert new.found == state.found and new.facts == state.facts
    assert new.wrong_links == {frozenset({"slip", "juice"})}
    for again in (Connect("juice", "slip"), Connect("slip", "juice")):
        new, out = apply(CASE, new, again)
        assert out.accepted and new.found == state.found
    assert new.wrong_links == {frozenset({"slip", "juice"})}
    new, _ = apply(CASE, new, Connect("slip", "pip/morning"))
    assert len(new.wrong_links) == 2


def test_wrong_links_cost_a_little_rating_and_at_most_one_star() -> None:
    par = len(solution_path(CASE))
    clean = replay(CASE, SOLVE)
    wrong = [Connect("slip", "juice"), Connect("slip", "route"), Connect("juice", "pip/trail")]
    careless = replay(CASE, [*SOLVE[:-1], *wrong, SOLVE[-1]])
    assert careless.ending == "solved"
    assert rating(CASE, clean, par).stars == 3
    assert rating(CASE, clean, par).costs == ()
    r = rating(CASE, careless, par)
    assert r.wrong_links == 3 and r.wrong == 0
    assert r.costs == (("3 links that led nowhere", pytest.approx(0.3)),)
    # Trying every pair of what the player holds costs one star, not more.
    before = replay(CASE, SOLVE[:-1])
    held = holdings(CASE, before)
    every = [Connect(a, b) for i, a in enumerate(held) for b in held[i + 1 :]]
    reckless = replay(CASE, [*SOLVE[:-1], *every, SOLVE[-1]])
    r = rating(CASE, reckless, par)
    assert r.wrong_links >= 15 and r.stars == 2
    # The same wrong pair tried again and again counts once.
    repeated = replay(CASE, [*SOLVE[:-1], *[Connect("slip", "juice")] * 3, SOLVE[-1]])
    assert rating(CASE, repeated, par).wrong_links == 1


@pytest.mark.parametrize(
    "link",
    [
        Connect("boot_prints", "slip"),  # the prints are not found yet
        Connect("slip", "pip/boots"),  # a question not asked
        Connect("slip", "nothing"),  # nothing of the case
        Connect("slip", "shop/counter"),  # a thing searched is not held: its clue is
        Connect("slip", "slip"),  # one thing is not two
    ],
)
def test_linking_what_is_not_held_is_refused(link: Connect) -> None:
    state, _ = apply(CASE, new_game(CASE), Search("shop", "counter"))
    new, out = apply(CASE, state, link)
    assert not out.accepted and new is state
    assert out.messages[0].kind == "rejected"


def test_the_declared_links_are_offered_once_both_are_held() -> None:
    def offered(state: GameState) -> list[Connect]:
        return [a for a in available_actions(CASE, state) if isinstance(a, Connect)]

    assert offered(replay(CASE, [Go("kitchen"), Search("kitchen", "window"), Go("lane")])) == []
    assert offered(at_link()) == [LINK]
