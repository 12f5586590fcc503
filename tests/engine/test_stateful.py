"""Any sequence of actions, legal or not, keeps the engine's invariants."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tests.conftest import EXAMPLE
from whodunit.engine import (
    Accuse,
    Ask,
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
OPTIONS = {b.id: [*b.options, "zzz"] for b in CASE.deduction.all_blanks}

actions = st.one_of(
    st.builds(Go, st.sampled_from(PLACES)),
    st.builds(Search, st.sampled_from(PLACES), st.sampled_from(THINGS)),
    st.builds(Ask, st.sampled_from(SUSPECTS), st.sampled_from(TOPICS)),
    st.builds(Present, st.sampled_from(SUSPECTS), st.sampled_from(CLUES)),
    st.just(Hint()),
    st.builds(
        lambda who, why, how, ev: Accuse((("who", who), ("why", why), ("how", how)), tuple(ev)),
        st.sampled_from(OPTIONS["who"]),
        st.sampled_from(OPTIONS["why"]),
        st.sampled_from(OPTIONS["how"]),
        st.lists(st.sampled_from(CLUES), max_size=3, unique=True),
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
            if not isinstance(action, Accuse):
                assert action in available_actions(CASE, before), "the rules accept what is offered"
            self.log.append(action)
            assert new.step == before.step + 1
            assert new.facts >= before.facts, "facts only ever become true"
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
    def found_clues_are_unique_and_ordered(self) -> None:
        ids = [f.clue for f in self.state.found]
        assert len(ids) == len(set(ids))
        assert [f.step for f in self.state.found] == sorted(f.step for f in self.state.found)


EngineMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestEngine = EngineMachine.TestCase
