"""Replaying a log is applying its actions one by one: the same state, the same messages and the
same first refused step, however the replay shares its work between steps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from tests.engine.test_stateful import CASE, actions
from whodunit.engine import Accuse, Connect, Game, Go, Hint, Search, apply, new_game, replay_log
from whodunit.pack.loader import load_pack_or_raise


def one_by_one(log, quiet):
    """The plain fold: `apply` for each action, up to the first one refused."""
    state, outcomes = new_game(CASE), []
    for n, action in enumerate(log):
        new, outcome = apply(CASE, state, action, quiet=quiet)
        if not outcome.accepted:
            return state, outcomes, (n + 1, outcome.text)
        state = new
        outcomes.append(outcome)
    return state, outcomes, None


# A wrong accusation the player can make as soon as they hold the delivery slip.
WRONG = Accuse(
    (("who", "vera"), ("why", "spite"), ("how", "door")),
    (("who", "slip"), ("why", "slip"), ("how", "slip")),
)
# Logs that wander back and forth, so that steps repeat, with anything at all mixed in.
wander = st.sampled_from(
    [
        Go("kitchen"),
        Go("shop"),
        Go("lane"),
        Search("kitchen", "rack"),
        Search("shop", "counter"),
        Connect("slip", "juice"),
        WRONG,
        Hint(),
    ]
)
logs = st.lists(st.one_of(wander, wander, actions), max_size=60)


@settings(max_examples=150, deadline=None)
@given(log=logs, quiet=st.booleans())
def test_a_replay_is_the_actions_applied_one_by_one(log, quiet) -> None:
    state, outcomes, refused = one_by_one(log, quiet)
    played = replay_log(CASE, log, quiet=quiet)
    assert played.state == state
    assert list(played.outcomes) == outcomes
    assert list(played.kept) == log[: len(outcomes)]
    if refused is None:
        assert played.dropped is None
    else:
        assert played.dropped is not None
        assert (played.dropped.step, played.dropped.text) == refused
        assert played.dropped.later == len(log) - refused[0]


def test_a_log_of_hints_tells_what_each_hint_said_when_it_was_asked() -> None:
    log = [Hint(), Hint(), Hint(), Go("kitchen"), *[Hint()] * 500]
    game = Game.from_log(load_pack_or_raise(EXAMPLE), CASE, log)
    hints = [
        (e.step, e.message.text, e.message.ref) for e in game.history if e.message.kind == "hint"
    ]
    assert hints[:6] == [
        (1, "Have you been to The kitchen yet?", ""),
        (2, "Go to The kitchen.", ""),
        (3, "Go to The kitchen. It is the very next step.", "go kitchen"),
        (5, "Something here deserves a closer look: The kitchen.", ""),
        (6, "Search the cooling rack.", ""),
        (7, "Search the cooling rack. It is the very next step.", "search rack"),
    ]
    assert hints[-1] == (504, "Search the cooling rack. It is the very next step.", "search rack")
    assert len(hints) == 503
    assert game.state.hints_used == 503 and game.state.hint_level == 500


def test_a_step_repeated_after_its_place_closed_is_refused(example_pack, edit) -> None:
    """A stale save: the same search was fine many times, until a fact closed the place."""
    edit(
        example_pack / "cases/tart.yaml",
        "    description: Flour on every surface.",
        "    when: {not: {searched: kitchen/window}}\n    description: Flour on every surface.",
    )
    case = load_pack_or_raise(example_pack).cases["tart"]
    rack = Search("kitchen", "rack")
    log = [Go("kitchen"), rack, rack, Hint(), rack, Search("kitchen", "window"), rack, Go("shop")]
    played = replay_log(case, log)
    assert played.dropped is not None
    assert (played.dropped.step, played.dropped.later) == (7, 1)
    assert "no longer search anything" in played.dropped.text
    assert played.state.step == 6


def test_hints_in_the_same_place_follow_what_was_found_between_them() -> None:
    three = [Hint(), Hint(), Hint()]
    log = [Go("kitchen"), *three, Search("kitchen", "rack"), *three, Go("shop"), Go("kitchen")]
    log += three
    played = replay_log(CASE, log, quiet=False)
    assert list(played.outcomes) == one_by_one(log, quiet=False)[1]
    plainest = [o.messages[0].ref for o in played.outcomes if o.messages[0].kind == "hint"][2::3]
    assert plainest[0] == "search rack" and plainest[1] != "search rack"
    assert plainest[2] == plainest[1]


def test_a_hint_after_an_accusation_works_on_it_when_the_log_is_replayed() -> None:
    """The same place and the same facts, but an accusation in between: the hint read back
    from the log is the one the player was given, about their accusation."""
    log = [Search("shop", "counter"), Hint(), WRONG, Hint()]
    pack = load_pack_or_raise(EXAMPLE)
    live = Game(pack, CASE)
    told = [m for action in log for m in live.act(action).messages if m.kind == "hint"]
    replayed = [e.message for e in Game.from_log(pack, CASE, log).history]
    assert [m for m in replayed if m.kind == "hint"] == told
    assert "Your last accusation does not hold" in told[1].text
    assert told[0].text != told[1].text
