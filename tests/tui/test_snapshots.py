"""Pictures of every screen at 80x24 and 120x40, compared with the stored SVGs.

Each picture is taken with a steady cursor and no clock; waits are for things to happen (the
pack loaded, a search answered), never for a length of time. To accept new pictures after a
deliberate change: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from .conftest import choose, make_app, move_to, play_command, ready, screen_words
from .test_features import MemoryStore

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
    await pilot.press("h", "h")


async def accuse_blank(pilot: Pilot) -> None:
    await investigation(pilot)
    await pilot.press("a")
    await choose(pilot, "Vera Lott")


async def accuse_evidence(pilot: Pilot) -> None:
    await accuse_blank(pilot)
    await choose(pilot, "spite")
    await choose(pilot, "back window")
    await move_to(pilot, "Plum juice")
    await pilot.press("space")


async def accuse_confirm(pilot: Pilot) -> None:
    await accuse_evidence(pilot)
    await pilot.press("enter")


async def verdict_wrong(pilot: Pilot) -> None:
    await accuse_confirm(pilot)
    await pilot.press("enter")


async def verdict_solved(pilot: Pilot) -> None:
    await investigation(pilot)
    for line in ("go lane", "search cobbles", "ask pip boots",
                 "accuse who=pip why=hunger how=window evidence=boot_prints,juice"):
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
    pilot.app.theme = "textual-light"


SCREENS: dict[str, Steps] = {
    "title": title,
    "cases": cases,
    "investigation": investigation,
    "evidence": evidence,
    "present": present,
    "notebook": notebook,
    "questioning": questioning,
    "hint": hint,
    "accuse_blank": accuse_blank,
    "accuse_evidence": accuse_evidence,
    "accuse_confirm": accuse_confirm,
    "verdict_wrong": verdict_wrong,
    "verdict_solved": verdict_solved,
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
    from whodunit.tui.seam import LoadedGame

    store = MemoryStore({
        "tart, step 2": LoadedGame("tart", [Search("shop", "counter"), Go("kitchen")]),
        "tart, step 0": LoadedGame("tart", []),
    })

    async def steps(pilot: Pilot) -> None:
        await ready(pilot)
        await pilot.press("l")

    assert snap_compare(make_app(store=store), terminal_size=size, run_before=steps)
