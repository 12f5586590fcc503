"""Any sequence of actions, legal or not, keeps the engine's invariants."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tests.conftest import EXAMPLE
from whodunit.engine import (
    Accuse,
    Ask,
    Connect,
    Go,
    Hint,
    Present,
    Search,
    apply,
    available_actions,
    chances_left,
    new_game,
    replay,
)
from whodunit.pack.loader import load_pack_or_raise

CASE = load_pack_or_raise(EXAMPLE).cases["tart"]
PLACES = [*CASE.places, "attic"]
THINGS = [*(t.id for p in CASE.places.values() for t in p.things.values()), "moon"]
SUSPECTS = [*CASE.suspects, "ghost"]
TOPICS = [*(t.id for s in CASE.suspects.values() for t in s.topics.values()), "weather"]
CLUES = [*CASE.clues, "nothing"]
OPTIONS = {c.id: [*c.options, "zzz"] for c in CASE.deduction.claims.values()}
# Links: every clue and every answer that can be heard, and something never held.
LINKS = [*CASE.clues, *CASE.topics, "nothing"]


def accusation(who, why, how, proofs):
    """An accusation with the proofs given, claim by claim: fewer than three leaves a claim
    unproven (and the rules refuse it)."""
    claims = ("who", "why", "how")
    return Accuse(
        tuple(zip(claims, (who, why, how), strict=True)), tuple(zip(claims, proofs, strict=False))
    )


actions = st.one_of(
    st.builds(Go, st.sampled_from(PLACES)),
    st.builds(Search, st.sampled_from(PLACES), st.sampled_from(THINGS)),
    st.builds(Ask, st.sampled_from(SUSPECTS), st.sampled_from(TOPICS)),
    st.builds(Present, st.sampled_from(SUSPECTS), st.sampled_from(CLUES)),
    st.just(Hint()),
    st.builds(Connect, st.sampled_from(LINKS), st.sampled_from(LINKS)),
    # A proof for each claim, or fewer (then the accusation is refused).
    st.builds(
        accusation,
        st.sampled_from(OPTIONS["who"]),
        st.sampled_from(OPTIONS["why"]),
        st.sampled_from(OPTIONS["how"]),
        st.lists(st.sampled_from(CLUES), max_size=3),
    ),
)


class EngineMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.state = new_game(CASE)
        self.log = []

    @rule(action=actions)
    def act(self, action) -> None:
        before = self.state
        new, outcome = apply(CASE, before, action)
        if outcome.accepted:
            offered = available_actions(CASE, before)
            if isinstance(action, Connect):
                # Any two things held can be linked; a declared pair is offered (either way round).
                if action.pair in CASE.connection_of:
                    assert any(isinstance(a, Connect) and a.pair == action.pair for a in offered)
            elif not isinstance(action, Accuse):
                assert action in offered, "the rules accept what is offered"
            self.log.append(action)
            assert new.step == before.step + 1
            assert new.facts >= before.facts, "facts only ever become true"
            assert new.wrong_links >= before.wrong_links
            self.state = new
        else:
            assert new is before, "a rejected action changes nothing"
            assert outcome.messages and outcome.messages[0].kind == "rejected"

    @invariant()
    def replay_equals_state(self) -> None:
        assert replay(CASE, self.log) == self.state

    @invariant()
    def chances_are_bounded(self) -> None:
        left = chances_left(CASE, self.state)
        assert 0 <= left <= CASE.deduction.chances
        assert (left == 0) <= (self.state.ending == "out_of_chances")

    @invariant()
    def wrong_links_are_pairs_held_that_mean_nothing(self) -> None:
        for pair in self.state.wrong_links:
            assert len(pair) == 2 and pair not in CASE.connection_of
            assert all(ref in CASE.clues or ref in CASE.topics for ref in pair)

    @invariant()
    def found_clues_are_unique_and_ordered(self) -> None:
        ids = [f.clue for f in self.state.found]
        assert len(ids) == len(set(ids))
        assert [f.step for f in self.state.found] == sorted(f.step for f in self.state.found)


EngineMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestEngine = EngineMachine.TestCase
