"""Pictures of every screen at 80x24 and 120x40, compared with the stored SVGs.

Each picture is taken with a steady cursor and no clock; waits are for things to happen (the
pack loaded, a search answered), never for a length of time. To accept new pictures after a
deliberate change: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from whodunit.saves import MemoryStore

from .conftest import choose, make_app, move_to, play_command, ready, screen_words

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Steps = Callable[[Pilot], Awaitable[None]]


async def title(pilot: Pilot) -> None:
    await ready(pilot)


async def cases(pilot: Pilot) -> None:
    await ready(pilot)
    await pilot.press("n")


async def investigation(pilot: Pilot) -> None:
    await cases(pilot)
    await pilot.press("enter")
    for line in ("search counter", "go kitchen", "search rack", "search window"):
        await play_command(pilot, line)


async def evidence(pilot: Pilot) -> None:
    await investigation(pilot)
    await pilot.press("e")


async def present(pilot: Pilot) -> None:
    await evidence(pilot)
    await pilot.press("enter")


async def notebook(pilot: Pilot) -> None:
    await investigation(pilot)
    await pilot.press("n", *"Pip signed the slip at nine", "enter")
    await pilot.press(*"Who else knew about the window?")


async def questioning(pilot: Pilot) -> None:
    await investigation(pilot)
    await choose(pilot, "Vera Lott")
    await choose(pilot, "Delivery slip")


async def hint(pilot: Pilot) -> None:
    await investigation(pilot)
    await pilot.press("h", "enter", "h", "enter")


WRONG = "accuse who=vera:slip why=spite:slip how=door:slip"


async def accuse_form(pilot: Pilot) -> None:
    await investigation(pilot)
    await pilot.press("a")


async def accuse_proof(pilot: Pilot) -> None:
    await accuse_form(pilot)
    await pilot.press("enter")
    await choose(pilot, "Pip Tolliver")
    await pilot.press(*"pl")  # the clues narrowed to those holding "pl"


async def accuse_again(pilot: Pilot) -> None:
    await investigation(pilot)
    await play_command(pilot, WRONG)
    await pilot.press("enter", "a")


async def accuse_confirm(pilot: Pilot) -> None:
    await accuse_again(pilot)
    await pilot.pause()
    await move_to(pilot, "Accuse")
    await pilot.press("enter")


async def verdict_wrong(pilot: Pilot) -> None:
    await investigation(pilot)
    await play_command(pilot, WRONG)


async def verdict_lost(pilot: Pilot) -> None:
    await verdict_wrong(pilot)
    await pilot.press("enter")
    await play_command(pilot, "accuse who=finch:slip why=profit:slip how=door:slip")


async def evidence_accused(pilot: Pilot) -> None:
    await verdict_wrong(pilot)
    await pilot.press("enter", "e")
    await pilot.pause()
    await pilot.press("end")


async def connect_first(pilot: Pilot) -> None:
    await investigation(pilot)
    await play_command(pilot, "ask pip morning")
    await pilot.press("c")
    await pilot.pause()
    await pilot.press(*"slip", "enter")


async def connect_result(pilot: Pilot) -> None:
    await investigation(pilot)
    for line in ("ask pip morning", "go lane", "search cobbles"):
        await play_command(pilot, line)
    await pilot.press("c")
    await pilot.pause()
    await pilot.press(*"slip", "enter", *"plum", "enter")  # nothing follows
    await pilot.pause()
    await pilot.press(*"purple", "enter", *"pip morning", "enter")  # they belong together


async def verdict_solved(pilot: Pilot) -> None:
    await investigation(pilot)
    for line in (
        "ask pip morning",
        "go lane",
        "search cobbles",
        "connect boot_prints pip/morning",
        "connect slip juice",
        "ask pip trail",
        "accuse who=pip:route why=hunger:confession how=window:boot_prints",
    ):
        await play_command(pilot, line)


async def help_screen(pilot: Pilot) -> None:
    await ready(pilot)
    await pilot.press("question_mark")


async def palette(pilot: Pilot) -> None:
    await investigation(pilot)
    await pilot.press("ctrl+p", *"lane")
    for _ in range(100):  # until the search has answered
        if "Place: Harbour Lane" in screen_words(pilot.app):
            break
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()


async def high_contrast(pilot: Pilot) -> None:
    await investigation(pilot)
    pilot.app.theme = "whodunit-contrast"


async def light(pilot: Pilot) -> None:
    await questioning(pilot)
    pilot.app.theme = "whodunit-light"


SCREENS: dict[str, Steps] = {
    "title": title,
    "cases": cases,
    "investigation": investigation,
    "evidence": evidence,
    "present": present,
    "notebook": notebook,
    "questioning": questioning,
    "hint": hint,
    "accuse_form": accuse_form,
    "accuse_proof": accuse_proof,
    "accuse_again": accuse_again,
    "accuse_confirm": accuse_confirm,
    "verdict_wrong": verdict_wrong,
    "verdict_lost": verdict_lost,
    "verdict_solved": verdict_solved,
    "evidence_accused": evidence_accused,
    "connect_first": connect_first,
    "connect_result": connect_result,
    "help": help_screen,
    "palette": palette,
    "high_contrast": high_contrast,
    "light": light,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, name: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=SCREENS[name])


@pytest.mark.parametrize("size", SIZES)
def test_saved_games_list(snap_compare, size: tuple[int, int]) -> None:
    from whodunit.engine import Go, Search
    from whodunit.saves import LoadedGame

    store = MemoryStore(
        {
            "tart, step 2": LoadedGame("tart", [Search("shop", "counter"), Go("kitchen")]),
            "tart, step 0": LoadedGame("tart", []),
        }
    )

    async def steps(pilot: Pilot) -> None:
        await ready(pilot)
        await pilot.press("l")

    assert snap_compare(make_app(store=store), terminal_size=size, run_before=steps)


# -- the saves folder, replays and watch mode ---------------------------------------------------
@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    """Save times shown in the local time zone come out the same wherever the test runs."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def saves_folder_app(folder, pack=None, **kwargs):
    from .saving import SOLVE, START, make_save, pack_at, store_on

    make_save(
        folder,
        START,
        "morning",
        notes=[(2, "Pip was in the kitchen at nine")],
        pack=pack_at(pack) if pack else None,
    )
    make_save(
        folder, SOLVE, "solved", start="2026-02-27T18:30:00", pack=pack_at(pack) if pack else None
    )
    (folder / "scribbled.json").write_text('{"format": "whodunit-save", "version": 1,')
    return (
        make_app(pack, store=store_on(folder), **kwargs)
        if pack
        else make_app(store=store_on(folder), **kwargs)
    )


async def load_list(pilot: Pilot) -> None:
    await ready(pilot)
    await pilot.press("l")


async def replay(pilot: Pilot) -> None:
    await ready(pilot)
    await pilot.press("r", "enter")
    await pilot.pause()
    await pilot.press("right", "right", "right")


async def replay_go_to(pilot: Pilot) -> None:
    await replay(pilot)
    await pilot.press("g", "9", "enter")


async def replay_take_over(pilot: Pilot) -> None:
    await replay(pilot)
    await pilot.press("c", *"my-way")


async def save_as(pilot: Pilot) -> None:
    await ready(pilot)
    await pilot.press("c")
    await pilot.pause()
    await pilot.press("ctrl+s", *"a name?", "enter")


SAVES_SCREENS: dict[str, Steps] = {
    "load_list": load_list,
    "replay": replay,
    "replay_go_to": replay_go_to,
    "replay_take_over": replay_take_over,
    "save_as": save_as,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", list(SAVES_SCREENS))
def test_saves_screen(snap_compare, utc, private_saves, name: str, size: tuple[int, int]) -> None:
    app = saves_folder_app(private_saves)
    assert snap_compare(app, terminal_size=size, run_before=SAVES_SCREENS[name])


@pytest.mark.parametrize("size", SIZES)
def test_replay_playing(snap_compare, utc, private_saves, size: tuple[int, int]) -> None:
    from .saving import FakeTimers

    timers = FakeTimers()

    async def steps(pilot: Pilot) -> None:
        await replay(pilot)
        await pilot.press("plus", "space")
        await pilot.pause()
        timers.fire()

    app = saves_folder_app(private_saves, schedule=timers)
    assert snap_compare(app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_save_no_longer_fits(
    snap_compare, utc, private_saves, example_pack, edit, size: tuple[int, int]
) -> None:
    app = saves_folder_app(private_saves, example_pack)
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "      window:\n", "      sash:\n")
    edit(tart, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    edit(tart, "{searched: kitchen/window}", "{searched: kitchen/sash}")

    async def steps(pilot: Pilot) -> None:
        await ready(pilot)
        await pilot.press("c")

    assert snap_compare(app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_watch_broken_edit(snap_compare, example_pack, edit, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot) -> None:
        await ready(pilot)
        pilot.app.clear_notifications()  # the "Watching FOLDER" toast names a temporary path
        await pilot.press("n", "enter")
        for line in ("search counter", "go kitchen"):
            await play_command(pilot, line)
        edit(
            example_pack / "cases" / "tart.yaml",
            "    name: The kitchen",
            "    name: [The kitchen [/]",
        )
        await pilot.app.poll_pack()

    app = make_app(example_pack, watch=True)
    assert snap_compare(app, terminal_size=size, run_before=steps)
