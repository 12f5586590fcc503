"""The UI with the saves folder, as `whodunit` runs it: autosave and Continue across runs, Load
with a damaged save, named copies, a pack edited under a save, a folder that cannot be written,
and progress (which cases are open) read from the saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from whodunit.saves import read_save
from whodunit.tui.screens.investigation import InvestigationScreen
from whodunit.tui.screens.saved import SavedGamesScreen
from whodunit.tui.screens.title import TitleScreen

from .conftest import ARCHER, choose, make_app, play_command, ready, screen_words, walkthrough
from .saving import START, make_save, pack_at, store_on, toasts, walkthrough_actions


def saves_in(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.json"))


async def new_teashop_game(pilot) -> None:
    await ready(pilot)
    await pilot.press("n", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, InvestigationScreen)


async def test_autosave_writes_a_save_that_a_new_app_continues(private_saves: Path) -> None:
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await new_teashop_game(pilot)
        for line in ("search counter", "go kitchen", "search rack"):
            await play_command(pilot, line)
        await pilot.press("n", *"Pip signed at nine", "enter")
        await pilot.pause()
    [name] = saves_in(private_saves)
    saved = read_save(private_saves / f"{name}.json")
    assert saved.steps == 3 and [n.text for n in saved.notes] == ["Pip signed at nine"]

    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "Continue: The Vanished Tart (step 3)" in screen_words(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        words = screen_words(app)
        assert "Here: The kitchen" in words
        assert "Clues 2/8" in words and "Notebook (1)" in words
        assert "✓ Search the cooling rack" in words
        await play_command(pilot, "search window")
    assert saves_in(private_saves) == [name], "Continue goes on in the same save"
    assert read_save(private_saves / f"{name}.json").steps == 4


async def test_actions_taken_before_the_autosave_runs_are_saved_as_played(
    private_saves: Path,
) -> None:
    """Keys typed ahead reach the game before the app handles its autosave message: two actions
    taken back to back must be saved exactly as played, in one file."""
    from whodunit.engine import Go, Search, format_action
    from whodunit.tui.messages import play

    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await new_teashop_game(pilot)
        screen, game = app.screen, app.game
        assert game is not None
        play(screen, game, Search("shop", "counter"))  # no pause between: as a burst of keys
        play(screen, game, Go("kitchen"))
        for _ in range(3):
            await pilot.pause()
        played = [format_action(a) for a in game.actions]
    assert played == ["search counter", "go kitchen"]
    [name] = saves_in(private_saves)
    saved = read_save(private_saves / f"{name}.json")
    assert [format_action(a) for a in saved.actions] == played


async def test_continue_picks_the_most_recently_played_game(private_saves: Path) -> None:
    make_save(private_saves, START[:1], "older", start="2026-03-01T09:00:00")
    make_save(private_saves, START[:2], "newer", start="2026-03-02T09:00:00")
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "Continue: The Vanished Tart (step 2)" in screen_words(app)
        await pilot.press("c")
        await pilot.pause()
        assert "Here: The kitchen" in screen_words(app)


async def test_load_lists_the_saves_and_a_damaged_one_is_one_line(private_saves: Path) -> None:
    make_save(private_saves, START[:2], "morning")
    broken = private_saves / "broken.json"
    broken.write_bytes(b'{"format": "whodunit-save", "vers')
    before = broken.read_bytes()
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, SavedGamesScreen)
        words = screen_words(app)
        assert "Choose a game to load" in words
        assert "morning: The Vanished Tart, step 2" in words
        assert "broken (cannot be loaded:" in words
        await choose(pilot, "broken")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen), "the game goes on"
        problems = [n.message for n in app._notifications if n.title == "Cannot load"]
        assert len(problems) == 1 and "\n" not in problems[0]
        assert "broken.json" in problems[0] and "broken.json" in toasts(app)
        await pilot.press("l")
        await pilot.pause()
        await choose(pilot, "morning")
        assert isinstance(app.screen, InvestigationScreen)
        assert "Here: The kitchen" in screen_words(app)
    assert broken.read_bytes() == before, "a damaged save is never written over"


async def test_a_named_copy_from_the_investigation(private_saves: Path) -> None:
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_teashop_game(pilot)
        await play_command(pilot, "search counter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Save a copy as" in screen_words(app)
        await pilot.press(*"not a name!", "enter")
        await pilot.pause()
        assert "is not a save name" in screen_words(app, ".ask-box")
        await pilot.press(*["backspace"] * 11, *"before-the-kitchen", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "Saved a copy as 'before-the-kitchen'" in toasts(app)
        await play_command(pilot, "go kitchen")
        await pilot.press("ctrl+s", *"before-the-kitchen", "enter")
        await pilot.pause()
        assert "exists already" in screen_words(app, ".ask-box")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
    assert read_save(private_saves / "before-the-kitchen.json").steps == 1
    autosave = [n for n in saves_in(private_saves) if n != "before-the-kitchen"]
    assert len(autosave) == 1 and read_save(private_saves / f"{autosave[0]}.json").steps == 2


async def test_a_pack_edited_under_a_save_that_still_fits(
    private_saves: Path, example_pack: Path, edit
) -> None:
    make_save(private_saves, START[:2], "morning", pack=pack_at(example_pack))
    edit(example_pack / "cases" / "tart.yaml", "the smell of cinnamon", "the smell of nutmeg")
    app = make_app(example_pack, store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        words = screen_words(app)
        assert "has changed since this save was made" in toasts(app)
        assert "but all 2 steps still fit" in toasts(app)
        assert "Here: The kitchen" in words


async def test_a_pack_edited_under_a_save_that_no_longer_fits(
    private_saves: Path, example_pack: Path, edit
) -> None:
    path = make_save(private_saves, START, "morning", pack=pack_at(example_pack))
    before = path.read_bytes()
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "      window:\n", "      sash:\n")
    edit(tart, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    edit(tart, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    app = make_app(example_pack, store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        words = screen_words(app, ".ask-box")
        assert "This save no longer fits the pack" in words
        assert "step 4 (search window) no longer fits" in words
        assert "The first 3 of its 4 steps fit. Load them as a new game?" in words
        await pilot.press("escape")  # not now: nothing is loaded, nothing written
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert saves_in(private_saves) == ["morning"]
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # Load 3 steps
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        words = screen_words(app)
        assert "Here: The kitchen" in words and "✓ Search the cooling rack" in words
        assert len(app.screen.game.actions) == 3
    assert path.read_bytes() == before, "the save itself is kept as it is"
    [other] = [n for n in saves_in(private_saves) if n != "morning"]
    assert read_save(private_saves / f"{other}.json").steps == 3


async def test_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "saves"
    not_a_folder.write_text("a file where the saves folder should be\n")
    app = make_app(store=store_on(not_a_folder))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_teashop_game(pilot)
        await play_command(pilot, "search counter")
        assert "Could not save" in toasts(app)
        assert "the game goes on" in toasts(app)
        await play_command(pilot, "go kitchen")
        await play_command(pilot, "search rack")
        said = [n for n in app._notifications if n.title == "Could not save"]
        assert len(said) == 1, "said once, not after every action"
        assert "Here: The kitchen" in screen_words(app), "the game keeps running"
        assert "Clues 2/8" in screen_words(app)
    walk = app.unsaved_walkthrough()
    assert "#! case tart" in walk
    assert walk.splitlines()[-3:] == ["search counter", "go kitchen", "search rack"]


async def test_a_save_open_in_another_window_is_refused(private_saves: Path) -> None:
    make_save(private_saves, START[:2], "morning")
    first = make_app(store=store_on(private_saves))
    async with first.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(first.screen, InvestigationScreen)
        second = make_app(store=store_on(private_saves))
        async with second.run_test(size=(80, 24), notifications=True) as other:
            await ready(other)
            await other.press("c")
            await other.pause()
            assert isinstance(second.screen, TitleScreen)
            assert "open in another whodunit" in toasts(second)
        await play_command(pilot, "search rack")
    assert read_save(private_saves / "morning.json").steps == 3


@pytest.mark.skipif(not (ARCHER / "pack.yaml").is_file(), reason="the Archer pack is not here")
async def test_ramon_opens_after_cassie_across_runs(private_saves: Path) -> None:
    pack = pack_at(ARCHER)
    cassie = next(iter(pack.cases.values()))
    lines = walkthrough(ARCHER / "walkthroughs" / "cassie-solve.txt")
    make_save(
        private_saves, walkthrough_actions(cassie, lines), "cassie", pack=pack, case=cassie.id
    )
    app = make_app(ARCHER, store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        words = screen_words(app)
        assert "1. The Fall from the Roof (ended)" in words
        assert "2. The Last Night of the Showcase" in words
        assert "locked" not in words


@pytest.mark.skipif(not (ARCHER / "pack.yaml").is_file(), reason="the Archer pack is not here")
async def test_a_case_that_is_not_open_is_not_started_by_case_option(
    private_saves: Path,
) -> None:
    pack = pack_at(ARCHER)
    ramon = list(pack.cases)[1]
    app = make_app(ARCHER, ramon, store=store_on(private_saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        # Said on the title screen itself, with the pack's fan-work notice still in full view.
        words = screen_words(app)
        assert "is not open yet: finish The Fall from the Roof first" in words
        assert not toasts(app)
        assert "A fan-made work set in the world of the Netflix series Tiny Pretty Things" in words
        assert "Dhonielle Clayton and Sona Charaipotra" in words


async def test_a_long_game_shows_its_latest_entries(
    private_saves: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("whodunit.tui.widgets.log.SHOWN", 6)
    make_save(private_saves, START, "morning")
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        game = app.screen.game
        hidden = len(game.history) - 6
        await pilot.press("l", "home")
        await pilot.pause()
        log = screen_words(app, "#log")
        assert f"({hidden} earlier entries are not shown here.)" in log
        assert "Case: The Vanished Tart" not in log
        await pilot.press("escape")  # back to the list of things to do
        await play_command(pilot, "go lane")
        assert "Harbour Lane" in screen_words(app, "#log")


async def test_a_key_pressed_while_continue_loads_is_not_kept_for_the_game(
    private_saves: Path,
) -> None:
    # A `c` pressed while the save was read started Continue again (a second load), and the
    # player's next `c` opened Connections in the game: keys on the title wait for nothing.
    import asyncio

    from whodunit.tui.screens.connect import ConnectScreen

    make_save(private_saves, START, "mine")
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        gate, loads = asyncio.Event(), []
        load = app.library.load

        async def slow_load(saved) -> None:
            loads.append(saved)
            await gate.wait()
            await load(saved)

        app.library.load = slow_load
        await pilot.press("c")  # Continue
        await pilot.pause()
        await pilot.press("c")  # meant for the game, while it is still being read
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        gate.set()
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert len(loads) == 1
        assert not any(isinstance(s, ConnectScreen) for s in app.screen_stack)
        assert len(app.screen_stack) == 2
