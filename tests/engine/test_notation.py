"""Connections and accusations written as commands (plain mode, walkthroughs) and stored in
saves: each form reads back as the same action, and a mistake says how to write it."""

from __future__ import annotations

import pytest

from whodunit.engine import (
    Accuse,
    Connect,
    NotationError,
    action_from_dict,
    action_to_dict,
    format_action,
    parse_action,
)
from whodunit.engine.actions import ActionFormatError

ACCUSE = Accuse(
    (("who", "pip"), ("why", "hunger"), ("how", "window")),
    (("who", "route"), ("why", "confession"), ("how", "juice")),
)


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("connect boot_prints pip/morning", Connect("boot_prints", "pip/morning")),
        ("connect slip juice", Connect("slip", "juice")),
        (
            "accuse who=x:c why=y:d",
            Accuse((("who", "x"), ("why", "y")), (("who", "c"), ("why", "d"))),
        ),
        (format_action(ACCUSE), ACCUSE),
    ],
)
def test_commands_read_back_as_written(line: str, action) -> None:
    assert parse_action(line, "shop") == action
    assert format_action(action) == line
    assert parse_action(format_action(action), None) == action


def test_a_link_can_be_written_as_words() -> None:
    want = Connect("boot_prints", "pip/morning")
    for line in ("link boot_prints pip/morning", "connect boot_prints with pip/morning"):
        assert parse_action(line, None) == want
    assert parse_action("link boot_prints and pip/morning", None) == want


def test_an_answer_without_its_proof_reads_and_is_left_to_the_rules() -> None:
    """`who=pip` parses; the rules then ask for the clue that proves it."""
    action = parse_action("accuse who=pip", None)
    assert action == Accuse((("who", "pip"),), ())
    assert format_action(action) == "accuse who=pip"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("accuse who=pip why=hunger evidence=route,juice", "no longer takes `evidence=`"),
        ("accuse who=pip:route evidence=juice", "attach one clue to each claim"),
        ("accuse who=pip:route evidence=", "no longer takes `evidence=`"),
        ("accuse who=pip:route evidence", "no longer takes `evidence=`"),
        ("accuse", "usage: accuse"),
        ("accuse pip", "usage: accuse"),
        ("accuse who=pip:", "usage: accuse"),
        ("accuse who=", "usage: accuse"),
        ("connect slip", "usage: connect"),
        ("connect a b c", "usage: connect"),
    ],
)
def test_a_badly_written_command_says_how_to_write_it(line: str, says: str) -> None:
    with pytest.raises(NotationError) as info:
        parse_action(line, "shop")
    assert says in str(info.value)


@pytest.mark.parametrize("action", [Connect("boot_prints", "pip/morning"), ACCUSE])
def test_a_save_holds_connections_and_accusations(action) -> None:
    stored = action_to_dict(action)
    assert action_from_dict(stored) == action


def test_the_save_form_is_the_documented_one() -> None:
    assert action_to_dict(Connect("bead", "gown")) == {"type": "connect", "links": ["bead", "gown"]}
    assert action_to_dict(ACCUSE) == {
        "type": "accuse",
        "choices": {"who": "pip", "why": "hunger", "how": "window"},
        "proofs": {"who": "route", "why": "confession", "how": "juice"},
    }


@pytest.mark.parametrize(
    "stored",
    [
        {"type": "connect", "links": ["slip"]},
        {"type": "connect", "links": ["a", "b", "c"]},
        {"type": "connect", "links": "slip juice"},
        {"type": "connect", "links": ["slip", 3]},
        {"type": "accuse", "choices": {"who": "pip"}},
        {"type": "accuse", "choices": ["pip"], "proofs": {}},
        {"type": "accuse", "choices": {"who": "pip"}, "proofs": {"who": 1}},
        # A save of format 1: evidence beside the answers.
        {"type": "accuse", "choices": {"who": "pip"}, "evidence": ["route"]},
    ],
)
def test_a_damaged_stored_action_is_refused(stored) -> None:
    with pytest.raises(ActionFormatError):
        action_from_dict(stored)
