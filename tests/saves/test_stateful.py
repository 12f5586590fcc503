"""Hypothesis state machine over a game and its save: any sequence of actions, legal or not,
with notes, saves and reloads. A refused action changes nothing, the state is always the replay
of the log, and what is loaded back is always the game that was played."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.conftest import EXAMPLE
from whodunit.engine import Accuse, Ask, Connect, Go, Hint, Present, Search, apply, new_game, replay
from whodunit.pack.loader import load_pack
from whodunit.saves import continue_session, fit_save, read_save, start_session

PACK, _ = load_pack(EXAMPLE)
assert PACK is not None
CASE = PACK.cases["tart"]

places = st.sampled_from([*CASE.places, "attic"])
things = st.sampled_from([t.split("/")[1] for t in CASE.things] + ["drawer"])
suspects = st.sampled_from([*CASE.suspects, "vicar"])
topics = st.sampled_from([*sorted({t.split("/")[1] for t in CASE.topics}), "weather"])
clues = st.sampled_from([*CASE.clues, "fingerprint"])
claim_choices = st.tuples(
    *(
        st.tuples(st.just(c.id), st.sampled_from([*c.options, "nothing"]))
        for c in CASE.deduction.claims.values()
    )
)
claim_proofs = st.tuples(*(st.tuples(st.just(c), clues) for c in CASE.deduction.claims))
links = st.sampled_from([*CASE.clues, *CASE.topics, "fingerprint"])
actions = st.one_of(
    st.builds(Go, places),
    st.builds(Search, places, things),
    st.builds(Ask, suspects, topics),
    st.builds(Present, suspects, clues),
    st.just(Hint()),
    st.builds(Connect, links, links),
    st.builds(Accuse, claim_choices, claim_proofs),
)


class GameAndSave(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="whodunit-stateful-"))
        self.session = start_session(self.folder, PACK, "tart")
        self.state = new_game(CASE)
        self.log: list = []
        self.notes: list[str] = []

    @rule(action=actions)
    def act(self, action) -> None:
        new, outcome = apply(CASE, self.state, action)
        if not outcome.accepted:
            assert new == self.state  # a refused action changes nothing
            return
        self.state = new
        self.log.append(action)
        assert self.session.record(action) is None

    @rule(text=st.text(max_size=30))
    def note(self, text: str) -> None:
        self.notes.append(text)
        assert self.session.note(text) is None

    @precondition(lambda self: self.session.saved)
    @rule()
    def close_and_continue(self) -> None:
        path = self.session.path
        self.session.close()
        self.session, fit = continue_session(path, PACK)
        assert fit.ok and fit.state == self.state

    @invariant()
    def state_is_the_replay_of_the_log(self) -> None:
        assert replay(CASE, self.log) == self.state

    @invariant()
    def the_save_is_the_game(self) -> None:
        if not self.session.saved:
            return
        save = read_save(self.session.path)
        assert list(save.actions) == self.log
        assert [n.text for n in save.notes] == self.notes
        assert fit_save(self.session.path, save, PACK).state == self.state

    def teardown(self) -> None:
        self.session.close()
        shutil.rmtree(self.folder, ignore_errors=True)


GameAndSave.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_game_and_save = GameAndSave.TestCase
