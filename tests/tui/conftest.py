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


def prompt_of(option_list: OptionList, index: int) -> str:
    prompt = option_list.get_option_at_index(index).prompt
    return prompt.plain if isinstance(prompt, Text) else str(prompt)


async def ready(pilot: Pilot) -> None:
    """Wait until the pack is loaded and the screen has settled."""
    await pilot.app.wait_for_pack()  # type: ignore[attr-defined]
    await pilot.pause()


async def move_to(pilot: Pilot, label: str) -> OptionList:
    """Move the cursor of the focused list onto the option containing `label`, with arrow keys."""
    await pilot.pause()
    widget = pilot.app.focused
    assert isinstance(widget, OptionList), f"the focus is on {widget!r}, not on a list"
    matches = [i for i in range(widget.option_count)
               if label in prompt_of(widget, i) and not widget.get_option_at_index(i).disabled]
    assert matches, f"no choice '{label}' in {[prompt_of(widget, i) for i in range(widget.option_count)]}"
    target = matches[0]
    for _ in range(widget.option_count + 1):
        if widget.highlighted == target:
            break
        key = "down" if widget.highlighted is None or widget.highlighted < target else "up"
        await pilot.press(key)
    assert widget.highlighted == target
    return widget


async def choose(pilot: Pilot, label: str) -> None:
    """Move onto the option containing `label` and press Enter."""
    await move_to(pilot, label)
    await pilot.press("enter")
    await pilot.pause()
