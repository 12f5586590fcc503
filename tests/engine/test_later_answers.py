"""Suspects know what has happened: a topic's later answer replaces its first once its
condition holds, whether the question is asked for the first time then or asked again."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLE
from whodunit.engine import Ask, Connect, Game, Go, Search, apply, new_game, replay_log
from whodunit.pack.loader import load_pack, load_pack_or_raise

PACK = load_pack_or_raise(EXAMPLE)
CASE = PACK.cases["tart"]
FIRST = "Mud, ma'am"
LATER = "Blackberry. From the filling."
TO_THE_TRAIL = [
    Search("shop", "counter"),
    Ask("pip", "morning"),
    Go("kitchen"),
    Search("kitchen", "window"),
    Go("lane"),
    Search("lane", "cobbles"),
    Ask("pip", "boots"),
    Connect("boot_prints", "pip/morning"),
]


def told(game: Game, action: Ask) -> str:
    outcome = game.act(action)
    assert outcome.accepted, outcome.text
    return outcome.text


def test_the_first_answer_until_the_event_then_the_later_one() -> None:
    game = Game(PACK, CASE)
    for action in TO_THE_TRAIL[:-2]:
        assert game.act(action).accepted
    assert FIRST in told(game, Ask("pip", "boots"))
    game.act(TO_THE_TRAIL[-1])
    assert not game.has_new_answer(CASE.topics["pip/boots"])
    told(game, Ask("pip", "trail"))
    assert game.has_new_answer(CASE.topics["pip/boots"])
    again = told(game, Ask("pip", "boots"))
    assert LATER in again and FIRST not in again
    assert not game.has_new_answer(CASE.topics["pip/boots"])


def test_asked_for_the_first_time_after_the_event_it_gets_the_later_answer() -> None:
    game = Game(PACK, CASE)
    for action in [*TO_THE_TRAIL[:-2], TO_THE_TRAIL[-1], Ask("pip", "trail")]:
        assert game.act(action).accepted
    assert LATER in told(game, Ask("pip", "boots"))


def test_a_replayed_game_tells_what_the_game_in_play_told() -> None:
    log = [*TO_THE_TRAIL, Ask("pip", "trail"), Ask("pip", "boots")]
    live = Game(PACK, CASE)
    for action in log:
        assert live.act(action).accepted
    replayed = Game.from_log(PACK, CASE, log)
    assert [e.message.text for e in replayed.history] == [e.message.text for e in live.history]
    state = new_game(CASE)
    for action in log:
        state, _ = apply(CASE, state, action)
    assert replay_log(CASE, log).state.facts == state.facts


def test_a_later_answer_waiting_on_something_unknown_is_reported(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "when: {asked: pip/trail}", "when: {asked: pip/trial}")
    pack, findings = load_pack(example_pack)
    assert pack is None
    (f,) = [f for f in findings if "pip/trial" in f.message]
    assert "pip/trail" in f.message  # the id it probably meant
    assert f.pos.file == str(case)
    assert (
        f.pos.line
        == case.read_text().splitlines().index("            when: {asked: pip/trial}") + 1
    )
