"""Helpers for driving the UI with keys, and reading what is on the screen."""

from __future__ import annotations

import asyncio
import inspect
import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList

from whodunit.tui.app import WhodunitApp
from whodunit.tui.render import DONE

ROOT = Path(__file__).resolve().parents[2]
TEASHOP = ROOT / "examples" / "teashop"
ARCHER = ROOT / "story" / "archer"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no async plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


def make_app(pack: Path = TEASHOP, case_id: str | None = None, **kwargs) -> WhodunitApp:
    """An app on a pack, with a steady cursor so screenshots are the same on every run."""
    return WhodunitApp(pack, case_id, cursor_blink=False, **kwargs)


@pytest.fixture
def app() -> WhodunitApp:
    return make_app()


def screen_text(app: WhodunitApp) -> str:
    """The characters on the screen, as a user would read them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      legacy_windows=False, color_system=None)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True))
    return console.export_text()


def _words(text: str) -> str:
    text = "".join(" " if "\u2500" <= ch <= "\u259f" else ch for ch in text)
    return " ".join(text.split())


def screen_words(app: WhodunitApp, selector: str | None = None) -> str:
    """The words on the screen (or in the part of it a widget covers), with frames removed and
    every run of spaces and line breaks made one space, so text is found wherever it wrapped."""
    lines = screen_text(app).splitlines()
    if selector is not None:
        r = app.screen.query_one(selector).region
        lines = [line[r.x : r.right] for line in lines[r.y : r.bottom]]
    return _words("\n".join(lines))


def prompt_of(option_list: OptionList, index: int) -> str:
    prompt = option_list.get_option_at_index(index).prompt
    return prompt.plain if isinstance(prompt, Text) else str(prompt)


async def ready(pilot: Pilot) -> None:
    """Wait until the pack is loaded and the screen has settled."""
    await pilot.app.wait_for_pack()  # type: ignore[attr-defined]
    await pilot.pause()


def _matches(text: str, label: str, exact: bool) -> bool:
    if exact:
        return text.removesuffix(f" {DONE}").strip() == label
    return label in text


async def move_to(pilot: Pilot, label: str, exact: bool = False) -> OptionList:
    """Move the cursor of the focused list onto the option showing `label` (or containing it,
    unless `exact`), with the arrow keys."""
    await pilot.pause()
    widget = pilot.app.focused
    assert isinstance(widget, OptionList), f"the focus is on {widget!r}, not on a list"
    shown = [prompt_of(widget, i) for i in range(widget.option_count)]
    matches = [i for i, text in enumerate(shown)
               if _matches(text, label, exact) and not widget.get_option_at_index(i).disabled]
    assert matches, f"no choice '{label}' in {shown}"
    target = matches[0]
    for _ in range(widget.option_count + 1):
        if widget.highlighted == target:
            break
        key = "down" if widget.highlighted is None or widget.highlighted < target else "up"
        await pilot.press(key)
    assert widget.highlighted == target
    return widget


async def choose(pilot: Pilot, label: str, exact: bool = False) -> None:
    """Move onto the option showing `label` and press Enter."""
    await move_to(pilot, label, exact)
    await pilot.press("enter")
    await pilot.pause()


async def play_command(pilot: Pilot, line: str) -> None:
    """Do what a walkthrough line says, through the UI with keys only. The pack tells which
    label to look for; everything is done by moving the cursor and pressing keys."""
    from whodunit.engine import Accuse, Ask, Go, Present, Search, parse_action

    screen = pilot.app.screen
    game = screen.game  # type: ignore[attr-defined]
    case = game.case
    action = parse_action(line, game.state.location)
    if isinstance(action, Go):
        await choose(pilot, case.places[action.place].name, exact=True)
    elif isinstance(action, Search):
        thing = case.places[action.place].things[action.thing]
        await choose(pilot, f"Search {thing.name}", exact=True)
    elif isinstance(action, (Ask, Present)):
        await choose(pilot, case.suspects[action.suspect].name, exact=True)
        if isinstance(action, Ask):
            await choose(pilot, case.suspects[action.suspect].topics[action.topic].ask,
                         exact=True)
        else:
            await choose(pilot, case.clues[action.clue].name, exact=True)
        await pilot.press("escape")
        await pilot.pause()
    else:
        assert isinstance(action, Accuse), line
        await pilot.press("a")
        for blank in case.deduction.all_blanks:
            option = blank.options[action.choice(blank.id)]
            await choose(pilot, option.text, exact=True)
        for clue in action.evidence:
            await move_to(pilot, f"[ ] {case.clues[clue].name}", exact=True)
            await pilot.press("space")
        await pilot.press("enter")  # on to the confirmation
        await pilot.pause()
        await pilot.press("enter")  # the Accuse button
        await pilot.pause()


def walkthrough(path: Path) -> list[str]:
    """The command lines of a walkthrough file."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]
