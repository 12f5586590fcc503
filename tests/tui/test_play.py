"""Whole games through the UI, with the keyboard only, from the title screen to the ending."""

from __future__ import annotations

import pytest

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
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        text = screen_text(app)
        assert "The Vanished Tart" in text
        assert "Clues 0/7" in text
        await choose(pilot, "Search the counter")
        assert "New clue: Delivery slip" in screen_text(app)
        await choose(pilot, "The kitchen")
        await choose(pilot, "Search the cooling rack")
        await choose(pilot, "Search the back window")
        assert "You can now go to Harbour Lane" in screen_text(app)
        await choose(pilot, "Harbour Lane")
        await choose(pilot, "Search the cobbles")
        assert "New clue: Purple boot prints" in screen_text(app)
        await choose(pilot, "Pip Tolliver")
        assert "Questioning Pip Tolliver" in screen_text(app)
        await choose(pilot, "plum stains")
        text = screen_text(app)
        assert "I only meant to take a slice" in text
        assert "New clue: Pip's admission" in text
        await pilot.press("escape")
        await pilot.press("a")
        await pilot.pause()
        assert "Who took the tart?" in screen_text(app)
        await choose(pilot, "Pip Tolliver")
        assert "Why did they take it?" in screen_text(app)
        await choose(pilot, "hunger")
        await choose(pilot, "back window")
        assert "Which evidence proves it?" in screen_text(app)
        await move_to(pilot, "Purple boot prints")
        await pilot.press("space")
        await move_to(pilot, "Plum juice")
        await pilot.press("space")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "You are about to accuse" in text
        assert "Pip Tolliver" in text and "through the back window" in text
        await pilot.press("enter")  # the Accuse button has the focus
        await pilot.pause()
        text = screen_text(app)
        assert "Case closed" in text
        assert "of 3 stars" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.ended_cases == {"tart"}


async def test_a_wrong_accusation_then_out_of_chances() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_teashop(pilot)
        await play_command(pilot, "search counter")
        await play_command(pilot, "accuse who=vera why=spite how=door evidence=slip")
        text = screen_text(app)
        assert "Verdict: Wrong" in text
        assert "A rival accused" in text
        assert "Accusations left: 1" in text
        assert "go back to the investigation" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "Accusations left 1" in screen_text(app)
        await play_command(pilot, "accuse who=finch why=profit how=door evidence=slip")
        text = screen_text(app)
        assert "A judge accused" in text
        assert "The trail goes cold" in text
        assert "return to the title screen" in text
        assert "of 3 stars" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.ended_cases == {"tart"}
        assert "Continue (no saved games yet)" in screen_text(app)
        # The cursor waits on New game, not on Quit.
        assert app.screen.query_one("#menu").highlighted_option.id == "new"


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
