"""The replay screen: a save's investigation as it was at any step, stepped forward and back,
jumped to, played and paused (on timers the test fires, so nothing waits for real time), and
taken over as a new game while the save stays byte for byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from whodunit.engine import Game
from whodunit.saves import read_save
from whodunit.tui.screens.investigation import InvestigationScreen
from whodunit.tui.screens.replay import ReplayScreen
from whodunit.tui.screens.title import TitleScreen

from .conftest import make_app, play_command, ready, screen_words
from .saving import SOLVE, START, FakeTimers, make_save, pack_at, store_on, toasts

NOTES = [(2, "Pip was in the kitchen at nine")]


async def open_replay(pilot, label: str = "morning") -> ReplayScreen:
    await ready(pilot)
    await pilot.press("r")
    await pilot.pause()
    assert "Choose a game to replay" in screen_words(pilot.app)
    from .conftest import choose

    await choose(pilot, label)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReplayScreen)
    return screen


def as_it_was(steps: int, notes: list[str] = ()) -> Game:  # type: ignore[assignment]
    pack = pack_at()
    return Game.from_log(pack, pack.cases["tart"], START[:steps], notes)


async def test_step_forward_back_and_jump(private_saves: Path) -> None:
    make_save(private_saves, START, "morning", notes=NOTES)
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_replay(pilot)
        words = screen_words(app)
        assert "Paused (1x) · step 0 of 4 · morning: the start" in words
        assert "Clues 0/8" in words and "Here: The shop floor" in words
        assert "Delivery slip" not in screen_words(app, "#log")

        await pilot.press("right")
        await pilot.pause()
        words = screen_words(app)
        assert "step 1 of 4 · morning: searched the counter" in words
        assert "Clues 1/8" in words
        assert "New clue: Delivery slip" in screen_words(app, "#log")
        assert screen.game.state == as_it_was(1).state

        await pilot.press("right", "right")
        await pilot.pause()
        assert "step 3 of 4 · morning: searched the cooling rack" in screen_words(app)
        assert "Here: The kitchen" in screen_words(app, "#actions")
        assert "Notebook (1)" in screen_words(app)  # written after step 2
        assert screen.game.state == as_it_was(3).state

        await pilot.press("left", "left")
        await pilot.pause()
        words = screen_words(app)
        assert "step 1 of 4 · morning: searched the counter" in words
        assert "Here: The shop floor" in screen_words(app, "#actions")
        assert "Notebook (0)" in words, "the notebook as it was at step 1"
        assert "The kitchen" not in screen_words(app, "#log")
        assert screen.game.history == as_it_was(1).history

        await pilot.press("g")
        await pilot.pause()
        assert "Which step? 0 is the start of the case, 4 the last step." in screen_words(
            app, ".ask-box"
        )
        await pilot.press("9", "enter")
        await pilot.pause()
        assert "Type a step from 0 (the start) to 4." in screen_words(app, ".ask-box")
        await pilot.press("backspace", "3", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "step 3 of 4 · morning: searched the cooling rack" in screen_words(app)
        assert screen.game.history == as_it_was(3, ["Pip was in the kitchen at nine"]).history

        await pilot.press("end")
        await pilot.pause()
        assert "The end (1x) · step 4 of 4 · morning: searched the back window" in screen_words(app)
        assert "You can now go to Harbour Lane" in screen_words(app, "#log")
        await pilot.press("home")
        await pilot.pause()
        assert "step 0 of 4" in screen_words(app)


async def test_the_investigation_at_a_step_is_shown_read_only(private_saves: Path) -> None:
    path = make_save(private_saves, START, "morning", notes=NOTES)
    before = path.read_bytes()
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_replay(pilot)
        await pilot.press("right", "right")
        await pilot.pause()
        await pilot.press("enter")  # the cursor is on a thing to search: nothing happens
        await pilot.pause()
        assert "This is a replay: press c to go on playing from this step" in toasts(app)
        assert screen.step == 2 and len(screen.game.actions) == 2
        await pilot.press("e")
        await pilot.pause()
        assert "Found at step 1, searching the counter" in screen_words(app, "#locker")
        await pilot.press("escape", "escape")  # back to the list, then out of the replay
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
    assert path.read_bytes() == before


async def test_play_and_pause_at_a_chosen_speed(private_saves: Path) -> None:
    make_save(private_saves, START, "morning")
    timers = FakeTimers()
    app = make_app(store=store_on(private_saves), schedule=timers)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_replay(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert "Playing 1x · step 0 of 4" in screen_words(app)
        assert len(timers.pending) == 1
        timers.fire()
        await pilot.pause()
        assert "Playing 1x · step 1 of 4 · morning: searched the counter" in screen_words(app)
        assert "New clue: Delivery slip" in screen_words(app, "#log")
        at_1x = timers.pending[0].delay

        await pilot.press("plus")
        await pilot.pause()
        assert "Playing 2x" in screen_words(app)
        assert len(timers.pending) == 1 and timers.pending[0].delay == at_1x / 2
        timers.fire()
        await pilot.pause()
        assert "step 2 of 4 · morning: went to The kitchen" in screen_words(app)

        await pilot.press("space")
        await pilot.pause()
        assert "Paused (2x) · step 2 of 4" in screen_words(app)
        assert timers.pending == []

        await pilot.press("p")  # p plays too
        await pilot.pause()
        timers.fire()
        await pilot.pause()
        timers.fire()
        await pilot.pause()
        assert "The end (2x) · step 4 of 4" in screen_words(app)
        assert timers.pending == [], "playing stops at the end"
        assert screen.step == 4

        await pilot.press("space")  # at the end, Space plays again from the start
        await pilot.pause()
        assert "Playing 2x · step 0 of 4" in screen_words(app)
        await pilot.press("g")  # a dialog over the replay pauses it
        await pilot.pause()
        assert timers.pending == []
        await pilot.press("escape")
        await pilot.pause()
        assert "Paused (2x) · step 0 of 4" in screen_words(app)


async def test_take_over_starts_a_new_game_and_leaves_the_save_as_it_was(
    private_saves: Path,
) -> None:
    path = make_save(private_saves, SOLVE, "morning", notes=NOTES)
    before = path.read_bytes()
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_replay(pilot)
        await pilot.press("g", "3", "enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        words = screen_words(app, ".ask-box")
        assert "Take over at step 3" in words
        assert "The save 'morning' is left as it is" in words
        await pilot.press(*"my-way", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert not isinstance(app.screen, ReplayScreen)
        game = app.screen.game
        assert list(game.actions) == list(SOLVE[:3])
        assert game.notes == ["Pip was in the kitchen at nine"]
        assert "A new game from step 3 of 'morning'" in toasts(app)
        words = screen_words(app)
        assert "Here: The kitchen" in words and "Notebook (1)" in words
        await play_command(pilot, "go shop")
        assert "Here: The shop floor" in screen_words(app)
    assert path.read_bytes() == before, "the original save is untouched"
    mine = read_save(private_saves / "my-way.json")
    assert list(mine.actions[:3]) == list(SOLVE[:3]) and mine.steps == 4


async def test_replaying_a_damaged_save_says_why_in_one_line(private_saves: Path) -> None:
    make_save(private_saves, START, "morning")
    (private_saves / "bad.json").write_text("not json at all\n")
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        from .conftest import choose

        await choose(pilot, "bad (cannot be loaded")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Cannot replay" in toasts(app) and "bad.json" in toasts(app)


async def test_replaying_a_save_the_pack_no_longer_fits_stops_where_it_stops_fitting(
    private_saves: Path, example_pack: Path, edit
) -> None:
    path = make_save(private_saves, SOLVE, "morning", pack=pack_at(example_pack))
    before = path.read_bytes()
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "      window:\n", "      sash:\n")
    edit(tart, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    edit(tart, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    app = make_app(example_pack, store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_replay(pilot)
        shown = toasts(app)
        assert "step 4 (search window) no longer fits" in shown
        assert "the replay stops at step 3" in shown
        assert "step 0 of 3" in screen_words(app, "#replay-bar")
        await pilot.press("end")
        await pilot.pause()
        assert "The end (1x) · step 3 of 3 · morning: searched the cooling rack" in screen_words(
            app, "#replay-bar"
        )
        await pilot.press("c", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert list(app.screen.game.actions) == list(SOLVE[:3])
        assert screen.step == 3
    assert path.read_bytes() == before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_jump_in_a_long_save_shows_that_step_and_only_its_last_entries(
    private_saves: Path, size
) -> None:
    # End on a 107-step save took 1.5 s: a jump replayed the whole log and laid out its last
    # 200 entries. Now the state comes from the checkpoint before the step, and the log shows
    # what the last few steps told (the reader steps back for more).
    from whodunit.engine import Go, Hint, Search
    from whodunit.engine.rules import fold
    from whodunit.tui.screens import replay as replay_screen
    from whodunit.tui.widgets.log import LogView

    rounds = [Go("shop"), Hint(), Go("kitchen"), Search("kitchen", "rack"), Hint()] * 100
    log = [*START, *rounds]
    make_save(private_saves, log, "morning")
    case = pack_at().cases["tart"]
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=size) as pilot:
        screen = await open_replay(pilot)
        for key, step in (("end", len(log)), ("home", 0), ("end", len(log))):
            await pilot.press(key)
            await pilot.pause()
            assert screen.step == step
            assert screen.game.state == fold(case, log[:step]).state
        entries = screen.query_one(LogView).entries
        assert 0 < len(entries) <= replay_screen.SHOWN + 1  # and the note on what is left out
        assert "Earlier entries are not shown here: step back" in entries[0].plain
        screen.action_go_to()
        await pilot.pause()
        await pilot.press(*"250", "enter")
        await pilot.pause()
        assert screen.step == 250
        assert screen.game.state == fold(case, log[:250]).state
        assert screen.game.history[-1].step == 250
        await pilot.press("right")
        await pilot.pause()
        assert screen.game.state == fold(case, log[:251]).state
