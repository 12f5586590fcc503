"""Whole games through the UI, with the keyboard only, from the title screen to the ending."""

from __future__ import annotations

import pytest

from whodunit.tui.screens.connect import ConnectScreen
from whodunit.tui.screens.investigation import InvestigationScreen
from whodunit.tui.screens.title import TitleScreen

from .conftest import (
    ARCHER,
    choose,
    make_app,
    move_to,
    play_command,
    ready,
    screen_text,
    screen_words,
    walkthrough,
)


async def start_teashop(pilot) -> None:
    await ready(pilot)
    assert "New game" in screen_text(pilot.app)
    await pilot.press("enter")  # New game
    await pilot.pause()
    assert "Choose a case" in screen_text(pilot.app)
    await pilot.press("enter")  # The Vanished Tart
    await pilot.pause()
    assert isinstance(pilot.app.screen, InvestigationScreen)


async def test_solve_the_teashop_case_with_keys_only() -> None:
    """Won by the rules of format 2: two things put together reveal an insight, and each claim
    is answered and proven by a clue picked (by typing a few of its letters) from those held."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        text = screen_text(app)
        assert "The Vanished Tart" in text
        assert "Clues 0/8" in text
        assert "c Connect" in text and "esc Title" in text, "the footer has room for both"
        await choose(pilot, "Search the counter")
        assert "New clue: Delivery slip" in screen_text(app)
        await choose(pilot, "Pip Tolliver")
        await choose(pilot, "What did you do this morning?")
        await pilot.press("escape")
        await pilot.pause()
        await choose(pilot, "The kitchen")
        await choose(pilot, "Search the cooling rack")
        await choose(pilot, "Search the back window")
        await choose(pilot, "Harbour Lane")
        await choose(pilot, "Search the cobbles")
        assert "New clue: Purple boot prints" in screen_text(app)

        await pilot.press("c")  # the connections view
        await pilot.pause()
        assert isinstance(app.screen, ConnectScreen)
        # Letters that are keys elsewhere (a: accuse, e: evidence) and Space go to the filter.
        await pilot.press(*"purple boot", "enter")
        await pilot.pause()
        assert "First: Purple boot prints" in screen_words(app)
        await pilot.press(*"pip morning", "enter")
        await pilot.pause()
        words = screen_words(app)
        assert "These two belong together" in words
        assert "New clue: The prints and Pip's morning" in words
        # A pair that means nothing: said so, and listed with the one before.
        await pilot.press(*"slip", "enter", *"plum", "enter")
        await pilot.pause()
        words = screen_words(app)
        assert "Nothing follows from putting these two together" in words
        assert "✓ Purple boot prints + Pip Tolliver" in words
        assert "✗ Delivery slip + Plum juice on the sill: nothing follows" in words
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)

        await choose(pilot, "Pip Tolliver")
        await choose(pilot, "The purple prints go the way you went")
        assert "New clue: Pip's admission" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("a")
        await pilot.pause()
        words = screen_words(app)
        assert "Each claim needs an answer and a clue that proves it" in words
        assert "where several do, any one will do" in words
        assert "a miss says if one or two parts were wrong, or more, never which" in words
        assert "1. Who took the tart? Answer: not chosen yet" in words
        await pilot.press("enter")  # the first line: its choices
        await choose(pilot, "Pip Tolliver")
        # On to its proof by itself; the label is the claim's question of proof.
        words = screen_words(app)
        assert "its proof: What ties them to the tart?" in words
        assert "found at step 1, searching the counter (The shop floor)" in words
        await pilot.press(*"admis", "enter")
        await pilot.pause()
        await choose(pilot, "hunger")
        await pilot.press(*"admis", "enter")
        await pilot.pause()
        await choose(pilot, "back window")
        await pilot.press(*"plum", "enter")
        await pilot.pause()
        words = screen_words(app)
        assert "Answer: Pip Tolliver" in words and "Proof: Plum juice on the sill" in words
        assert "Every part is filled in. Read it over, then Accuse." in words
        assert app.focused.highlighted_option.id == "accuse"
        await pilot.press("enter")  # Accuse, and say yes when asked
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_words(app)
        assert "Verdict: Right" in text
        assert "Case closed" in text
        assert "of 3 stars" in text
        assert "1 link that led nowhere" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.ended_cases == {"tart"}


async def test_a_wrong_accusation_then_out_of_chances_shows_the_truth() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await play_command(pilot, "accuse who=vera:slip why=spite:slip how=door:slip")
        text = screen_words(app)
        assert "Verdict: Wrong. Far off: more than two parts of it do not hold." in text
        assert "You have 1 accusation left" in text
        assert "A rival accused" not in text, "a wrong suspect's ending waits for the end"
        assert "go back to the investigation" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "Accusations left 1" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        locker = screen_words(app, "#locker")
        assert "Accusation 1, at step 2" in locker
        assert "Who took the tart? Vera Lott" in locker
        assert "Verdict: Far off" in locker

        # The form opens on the last attempt: change the suspect only.
        await pilot.press("a")
        await pilot.pause()
        words = screen_words(app)
        assert "Your last accusation is filled in" in words
        assert "Answer: Vera Lott" in words and "Answer: spite, to spoil the contest" in words
        await pilot.press("enter")
        await choose(pilot, "Mr Finch")
        assert app.focused.highlighted_option.id == "proof:who"
        await move_to(pilot, "Accuse")
        await pilot.press("enter")
        await pilot.pause()
        assert "This is your last accusation" in screen_words(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_words(app)
        assert "A judge accused" in text
        assert "The trail goes cold" in text
        assert "What really happened" in text
        assert "Who took the tart? Pip Tolliver. You said: Mr Finch." in text
        assert "return to the title screen" in text
        assert "of 3 stars" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.ended_cases == {"tart"}
        assert "Continue (no saved games yet)" in screen_text(app)
        # The cursor waits on New game, not on Quit.
        assert app.screen.query_one("#menu").highlighted_option.id == "new"


async def test_the_accusation_form_left_half_done_opens_as_it_was_left() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await choose(pilot, "Mr Finch")
        await pilot.press("escape")  # from its proof back to the form
        await pilot.pause()
        await pilot.press("escape")  # and out of it
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        await pilot.press("a")
        await pilot.pause()
        words = screen_words(app)
        assert "The statement is as you left it" in words
        assert "Answer: Mr Finch" in words


@pytest.mark.skipif(not (ARCHER / "pack.yaml").is_file(), reason="the Archer pack is not here")
async def test_solve_the_cassie_case_then_the_ramon_case_opens() -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_words(app)
        assert "1. The Fall from the Roof" in text
        assert (
            "2. The Last Night of the Showcase (locked: finish The Fall from the Roof first)"
            in text
        )
        await choose(pilot, "The Fall from the Roof")
        assert isinstance(app.screen, InvestigationScreen)
        lines = walkthrough(ARCHER / "walkthroughs" / "cassie-solve.txt")
        for line in lines:
            await play_command(pilot, line)
        text = screen_text(app)
        assert "The truth at the rail" in text
        assert "of 3 stars" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        # The cursor waits on Continue, which begins the case that has just opened.
        assert "Continue: The Last Night of the Showcase (new case)" in screen_words(app)
        assert app.screen.query_one("#menu").highlighted_option.id == "continue"
        await pilot.press("n")  # New game
        await pilot.pause()
        text = screen_words(app)
        assert "1. The Fall from the Roof (ended)" in text
        assert "2. The Last Night of the Showcase" in text
        assert "locked" not in text


async def test_the_accusation_goes_on_to_the_next_empty_part_even_after_escape() -> None:
    # Players found it went straight to a proof once, and back to the statement another time.
    from textual.widgets import ContentSwitcher

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        for line in ("search counter", "ask pip morning"):
            await play_command(pilot, line)
        await pilot.press("a")
        await pilot.pause()
        views = app.screen.query_one(ContentSwitcher)
        await pilot.press("enter")
        await choose(pilot, "Pip Tolliver")
        assert views.current == "pick"  # on to the proof of "who"
        await pilot.press("escape")
        await pilot.pause()
        assert views.current == "form"
        assert app.focused.highlighted_option.id == "proof:who"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"slip", "enter")
        await pilot.pause()
        assert views.current == "pick"  # on to the answer of "why", as before the Escape
        assert "Why did they take it?" in screen_words(app)
