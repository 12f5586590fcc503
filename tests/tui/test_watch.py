"""Watch mode in the UI (`whodunit play --watch PACK`): an edit of the pack reloads it and
replays the player's actions onto the new version, so they stay where they were; an edit that
breaks the pack shows its errors, literally, and the last good version keeps running."""

from __future__ import annotations

from pathlib import Path

from whodunit.tui.screens.investigation import InvestigationScreen
from whodunit.tui.screens.question import QuestionScreen
from whodunit.tui.screens.title import TitleScreen

from .conftest import choose, make_app, play_command, ready, screen_words
from .saving import toasts


async def start(pilot) -> None:
    await ready(pilot)
    await pilot.press("n", "enter")
    await pilot.pause()
    for line in ("search counter", "go kitchen", "search rack"):
        await play_command(pilot, line)


async def test_an_edit_reloads_and_the_player_stays_where_they_were(
    example_pack: Path, edit
) -> None:
    app = make_app(example_pack, watch=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start(pilot)
        assert "Watching" in toasts(app) and "Games are not saved" in toasts(app)
        screen = app.screen
        assert await app.poll_pack() is None, "nothing changed yet"
        edit(example_pack / "cases" / "tart.yaml", "Purple plum juice", "Dark plum juice")
        edit(
            example_pack / "cases" / "tart.yaml", "    name: The kitchen", "    name: The scullery"
        )
        event = await app.poll_pack()
        await pilot.pause()
        assert event is not None and event.ok
        assert app.screen is screen, "the same screen, now showing the new version"
        assert "Replayed your 3 steps: you are where you were." in toasts(app)
        words = screen_words(app)
        assert "Here: The scullery" in words
        assert "✓ Search the cooling rack" in words and "Clues 2/8" in words
        assert "Dark plum juice" in screen_words(app, "#log")
        assert len(app.game.actions) == 3 and app.game.pack is event.pack
        await play_command(pilot, "search window")
        assert "Harbour Lane" in screen_words(app, "#actions")


async def test_a_broken_edit_shows_the_errors_and_the_last_good_version_runs(
    example_pack: Path, edit
) -> None:
    app = make_app(example_pack, watch=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start(pilot)
        good = app.pack
        tart = example_pack / "cases" / "tart.yaml"
        edit(tart, "    name: The kitchen", "    name: [The kitchen [/] [@click=app.quit]")
        event = await app.poll_pack()
        await pilot.pause()
        assert event is not None and not event.ok
        shown = toasts(app)
        assert "The pack has errors: still playing the last version that loaded" in shown
        assert "tart.yaml:" in shown and "[E002]" in shown, "the finding, literally"
        assert app.pack is good and app.is_running
        assert isinstance(app.screen, InvestigationScreen)
        await play_command(pilot, "search window")  # the last good version keeps running
        assert "Harbour Lane" in screen_words(app, "#actions")

        edit(tart, "    name: [The kitchen [/] [@click=app.quit]", "    name: The pantry")
        event = await app.poll_pack()
        await pilot.pause()
        assert event is not None and event.ok
        shown = toasts(app)
        assert "[E002]" not in shown, "the errors go once the pack loads again"
        assert "Replayed your 4 steps" in shown
        assert "Here: The pantry" in screen_words(app)


async def test_a_step_the_new_version_refuses_is_named(example_pack: Path, edit) -> None:
    app = make_app(example_pack, watch=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start(pilot)
        tart = example_pack / "cases" / "tart.yaml"
        edit(tart, "      rack:\n", "      shelf:\n")
        edit(tart, "{searched: kitchen/rack}", "{searched: kitchen/shelf}")
        event = await app.poll_pack()
        await pilot.pause()
        assert event is not None and event.ok
        assert "Kept your first 2 steps; step 3 `search rack` was dropped" in toasts(app)
        assert "✓ Search the cooling rack" not in screen_words(app)
        assert "Clues 1/8" in screen_words(app)


async def test_questioning_goes_on_after_a_reload(example_pack: Path, edit) -> None:
    app = make_app(example_pack, watch=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start(pilot)
        await choose(pilot, "Mr Finch")
        assert isinstance(app.screen, QuestionScreen)
        edit(
            example_pack / "cases" / "tart.yaml",
            "Mr Finch polishes his spectacles",
            "Mr Finch wipes his spectacles",
        )
        await app.poll_pack()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Mr Finch wipes his spectacles" in screen_words(app, "#transcript")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen) and app.screen.game is app.game


async def test_the_title_screen_follows_the_pack_and_f5_reloads(example_pack: Path, edit) -> None:
    app = make_app(example_pack, watch=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        assert "Load a game (no saves while watching)" in screen_words(app, "#menu")
        edit(
            example_pack / "pack.yaml",
            "title: The Teashop Mysteries",
            "title: The Teashop Mysteries, Revised",
        )
        # The watcher's own timer finds the edit: wait for it to show, not for a time.
        for _ in range(100):
            if "Revised" in screen_words(app, "#pack-title"):
                break
            await pilot.pause(0.05)
        assert "The Teashop Mysteries, Revised" in screen_words(app, "#pack-title")
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("f5")
        for _ in range(100):
            if "Reloaded" in toasts(app):
                break
            await pilot.pause(0.05)
        assert "Reloaded The Teashop Mysteries, Revised" in toasts(app)


async def test_without_watch_f5_says_how_to_watch() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert "whodunit play --watch PACK" in toasts(app)
