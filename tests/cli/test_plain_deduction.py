"""Plain mode's deduction: what the player holds, connecting two things, accusing claim by claim
(each with its proof) or on one line, the verdict again, the truth on losing, and the rating."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from whodunit.cli.plain import HELP, PlainGame, run_script
from whodunit.pack.loader import load_pack
from whodunit.pack.model import Pack

FOUND = [
    "search counter",
    "ask pip morning",
    "go kitchen",
    "search rack",
    "search window",
    "go lane",
    "search cobbles",
]


@pytest.fixture(scope="module")
def teashop() -> Pack:
    pack, findings = load_pack(EXAMPLE)
    assert pack is not None, findings
    return pack


def play(pack: Pack, *lines: str) -> tuple[PlainGame, str]:
    out: list[str] = []
    game = PlainGame(pack, pack.first_case, out.append)
    for line in lines:
        out.append(f"> {line}")
        game.handle(line)
    return game, "\n".join(out)


def test_help_explains_the_new_commands() -> None:
    for words in ("connect A B", "held", "accuse who=SUSPECT:CLUE", "verdict", "cancel"):
        assert words in HELP


def test_held_lists_clues_and_answers_heard_with_their_ids(teashop: Pack) -> None:
    _, text = play(teashop, "held")
    assert "You hold nothing yet" in text
    _, text = play(teashop, "search counter", "ask pip morning", "connect")
    held = text.split("> connect\n", 1)[1]
    assert "    [slip] Delivery slip" in held
    assert "    [pip/morning] Pip Tolliver: “What did you do this morning?”" in held


def test_connecting_reveals_an_insight_and_a_wrong_pair_costs_a_little(teashop: Pack) -> None:
    game, text = play(teashop, *FOUND, "connect slip juice", "link boot_prints with pip/morning")
    assert "You put side by side: Delivery slip + Plum juice on the sill." in text
    assert "Nothing follows from putting these two together." in text
    assert "These two belong together." in text
    assert "New clue: The prints and Pip's morning [route]" in text
    assert len(game.state.wrong_links) == 1
    out: list[str] = []
    game.write = out.append
    game.handle("status")
    assert "Links that led nowhere: 1." in out[0]
    _, text = play(teashop, "search counter", "connect slip nothing")
    assert "You hold nothing called 'nothing'" in text


def test_accusing_claim_by_claim_shows_each_prompt_options_and_proofs(teashop: Pack) -> None:
    game, text = play(
        teashop,
        *FOUND,
        "connect boot_prints pip/morning",
        "ask pip trail",
        "accuse",
        "pip",
        "route",
        "1",  # hunger, by its number
        "confession",
        "window",
        "juice",
    )
    form = text.split("> accuse\n", 1)[1]
    assert "Accuse (2 accusations left)" in form
    assert "Who took the tart?\n  1. [pip] Pip Tolliver\n  2. [finch] Mr Finch" in form
    assert "proof: What ties them to the tart?" in form
    assert "  1. [slip] Delivery slip, found searching the counter (The shop floor)" in form
    assert "[route] The prints and Pip's morning, found putting together" in form
    assert "proof: What shows why?" in form
    assert "  Why did they take it? hunger [hunger]; proof: Pip's admission [confession]" in form
    assert form.rstrip().endswith("Make it? (yes/no)")
    assert not game.state.accusations  # nothing is judged before `yes`
    game.handle("yes")
    assert game.state.ending == "solved"
    assert game.state.accusations[-1].proofs == (
        ("who", "route"),
        ("why", "confession"),
        ("how", "juice"),
    )


def test_the_form_refuses_what_is_not_listed_and_can_be_left(teashop: Pack) -> None:
    game, text = play(teashop, "search counter", "accuse", "pip", "juice", "cancel")
    assert "'juice' is not one of the clues listed" in text
    assert "No accusation made." in text and game.filling is None
    assert not game.state.accusations
    game, text = play(teashop, "search counter", "accuse", "look")
    assert "No accusation made.\nThe shop floor." in text  # a command leaves the form and runs
    game, text = play(teashop, "search counter", "accuse", "vera", "slip", "spite", "slip")
    game.handle("door")
    game.handle("slip")
    game.handle("no")
    assert not game.state.accusations and game.filling is None


def test_enter_keeps_the_last_accusation(teashop: Pack) -> None:
    game, _ = play(teashop, "search counter", "accuse who=vera:slip why=spite:slip how=door:slip")
    assert len(game.state.accusations) == 1
    game, text = play(
        teashop,
        "search counter",
        "accuse who=vera:slip why=spite:slip how=door:slip",
        "accuse",
    )
    assert "(Enter: vera, as last time)" in text
    for _ in range(6):
        game.handle("")
    assert game.filling is not None and game.filling.done
    assert game.filling.choices == {"who": "vera", "why": "spite", "how": "door"}


def test_accusing_before_anything_is_held_says_why(teashop: Pack) -> None:
    _, text = play(teashop, "accuse")
    assert "You have no clue yet to prove anything with." in text
    assert "accuse who=SUSPECT:CLUE why=OPTION:CLUE how=OPTION:CLUE" in text


def test_verdict_reads_the_last_one_again_and_the_truth_once_lost(teashop: Pack) -> None:
    _, text = play(teashop, "verdict")
    assert "You have not accused anyone yet." in text
    game, text = play(
        teashop,
        *FOUND,
        "connect boot_prints pip/morning",
        "accuse who=pip:boot_prints why=hunger:juice how=window:juice",
        "verdict",
    )
    assert "Wrong. Close: one or two parts of it do not hold." in text
    again = text.rsplit("> verdict\n", 1)[1]
    assert again.startswith("Your accusation 1 of 2 (step 9):")
    assert (
        "  Who took the tart? Pip Tolliver [pip]; proof: Purple boot prints [boot_prints]" in again
    )
    assert "Verdict: Close: one or two parts of it do not hold." in again
    assert "Accusations left: 1." in again
    game.handle("accuse who=finch:slip why=profit:slip how=door:slip")
    assert game.state.ending == "out_of_chances"
    out: list[str] = []
    game.write = out.append
    game.handle("verdict")
    text = "\n".join(out)
    assert "*** What really happened ***" in text
    assert "Pip Tolliver. You said: Mr Finch." in text


def test_losing_shows_the_wrong_suspect_then_the_truth(teashop: Pack) -> None:
    script = "\n".join(
        [
            "#! expect out_of_chances",
            "search counter",
            "accuse who=vera:slip why=spite:slip how=door:slip",
            "accuse who=finch:slip why=profit:slip how=door:slip",
        ]
    )
    out: list[str] = []
    assert run_script(teashop, script, out.append).ok
    text = "\n".join(out)
    assert "A rival accused" not in text  # the first wrong suspect's text is never shown
    judge, cold = text.index("*** A judge accused ***"), text.index("*** The trail goes cold ***")
    truth = text.index("*** What really happened ***")
    assert judge < cold < truth
    assert "What ties them to the tart? The prints and Pip's morning or Pip's admission." in text


def test_the_rating_says_what_it_is_made_of(teashop: Pack) -> None:
    _, text = play(
        teashop,
        *FOUND,
        "hint",
        "connect slip juice",
        "connect boot_prints pip/morning",
        "ask pip trail",
        "accuse who=pip:route why=hunger:confession how=window:juice",
    )
    assert "(11 actions, 0 wrong accusations, 1 wrong link, 1 hint)" in text


def test_an_accusation_of_format_1_says_what_changed(teashop: Pack) -> None:
    _, text = play(teashop, "search counter", "accuse who=pip why=hunger evidence=slip")
    assert "no longer takes `evidence=`" in text


def test_pack_text_in_the_form_stays_literal(example_pack: Path, edit) -> None:
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "      prompt: Who took the tart?", '      prompt: "Who \\e]0;pwned\\a took it?"')
    edit(tart, "      proof: What shows why?", '      proof: "Why \\e[2J?"')
    pack, findings = load_pack(example_pack)
    assert pack is not None, [str(f) for f in findings]
    _, text = play(pack, "search counter", "accuse", "pip", "slip")
    assert "\x1b" not in text and "\x07" not in text
    assert "Who" in text and "took it?" in text


def test_searching_asking_or_showing_again_reads_it_again_for_free(teashop: Pack) -> None:
    lines = ("search counter", "ask pip morning", "show slip to pip")
    once, _ = play(teashop, *lines)
    twice, out = play(teashop, *lines, *lines)
    assert (twice.state.step, twice.log) == (once.state.step, once.log)
    second = out[out.rindex("> search counter") :]
    assert second.count("Read again") == 3
    assert "Dropped off the flour at nine" in second


def test_a_question_asked_again_after_its_answer_changed_is_answered_anew(
    teashop: Pack,
) -> None:
    lines = (*FOUND, "ask pip boots", "connect boot_prints pip/morning", "ask pip trail")
    before, _ = play(teashop, *lines)
    after, out = play(teashop, *lines, "ask pip boots")
    assert after.state.step == before.state.step + 1
    last = out[out.rindex("> ask pip boots") :]
    assert "Blackberry. From the filling." in last and "Read again" not in last


def test_the_plainest_hint_asked_for_again_is_read_again_for_free(teashop: Pack) -> None:
    game, out = play(teashop, "hint", "hint", "hint", "hint")
    assert game.state.hints_used == 3
    last = out[out.rindex("> hint") :]
    assert "Read again" in last and "the very next step" in last
    game.handle("go kitchen")
    game.handle("hint")
    assert game.state.hints_used == 4  # something was done since: a new hint, and its cost
