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
    """An app on a pack, with a steady cursor so screenshots are the same on every run. Keys
    pressed here come faster than anyone types: they are read as keys, never as a word typed,
    unless `typing_gap` is given."""
    kwargs.setdefault("typing_gap", 0.0)
    return WhodunitApp(pack, case_id, cursor_blink=False, **kwargs)


@pytest.fixture
def app() -> WhodunitApp:
    return make_app()


def screen_text(app: WhodunitApp) -> str:
    """The characters on the screen, as a user would read them."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        legacy_windows=False,
        color_system=None,
    )
    console.print(
        app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens, simplify=True
        )
    )
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
    if exact:  # without the note after it: "(shown)"
        return text.removesuffix(" (shown)").strip() == label
    return label in text


async def move_to(pilot: Pilot, label: str, exact: bool = False) -> OptionList:
    """Move the cursor of the focused list onto the option showing `label` (or containing it,
    unless `exact`), with the arrow keys."""
    await pilot.pause()
    widget = pilot.app.focused
    assert isinstance(widget, OptionList), f"the focus is on {widget!r}, not on a list"
    shown = [prompt_of(widget, i) for i in range(widget.option_count)]
    matches = [
        i
        for i, text in enumerate(shown)
        if _matches(text, label, exact) and not widget.get_option_at_index(i).disabled
    ]
    assert matches, f"no choice '{label}' in {shown}"
    target = matches[0]
    for _ in range(widget.option_count + 1):
        if widget.highlighted == target:
            break
        key = "down" if widget.highlighted is None or widget.highlighted < target else "up"
        await pilot.press(key)
    assert widget.highlighted == target
    return widget


async def move_to_id(pilot: Pilot, option_id: str) -> None:
    """Move the cursor of the focused list onto the option `option_id`, with the arrow keys."""
    await pilot.pause()
    widget = pilot.app.focused
    assert isinstance(widget, OptionList), f"the focus is on {widget!r}, not on a list"
    target = widget.get_option_index(option_id)
    for _ in range(widget.option_count + 1):
        if widget.highlighted == target:
            break
        await pilot.press(
            "down" if widget.highlighted is None or widget.highlighted < target else "up"
        )
    assert widget.highlighted == target


async def choose(pilot: Pilot, label: str, exact: bool = False) -> None:
    """Move onto the option showing `label` and press Enter."""
    await move_to(pilot, label, exact)
    await pilot.press("enter")
    await pilot.pause()


async def play_command(pilot: Pilot, line: str) -> None:
    """Do what a walkthrough line says, through the UI with keys only. The pack tells which
    label to look for; everything is done by moving the cursor and pressing keys."""
    from whodunit.engine import Accuse, Ask, Connect, Go, Present, Search, parse_action

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
            await choose(pilot, case.suspects[action.suspect].topics[action.topic].ask, exact=True)
        else:
            await choose(pilot, case.clues[action.clue].name, exact=True)
        await pilot.press("escape")
        await pilot.pause()
    elif isinstance(action, Connect):
        await pilot.press("c")
        for ref in (action.first, action.second):
            await filter_to(pilot, case.holding(ref))
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    else:
        assert isinstance(action, Accuse), line
        await pilot.press("a")
        await pilot.pause()
        await accuse_with(pilot, action)
        await pilot.press("enter")  # the Accuse button of the question "Make this accusation?"
        await pilot.pause()


async def filter_to(pilot: Pilot, label: str) -> None:
    """Type a choice's words into the focused list that filters, until the cursor is on it."""
    await pilot.pause()
    widget = pilot.app.focused
    assert isinstance(widget, OptionList), f"the focus is on {widget!r}, not on a list"
    await pilot.press(*label.lower())
    await pilot.pause()
    shown = [prompt_of(widget, i) for i in range(widget.option_count)]
    assert widget.highlighted is not None and label in prompt_of(widget, widget.highlighted), (
        f"typing '{label}' left {shown}"
    )


async def accuse_with(pilot: Pilot, action) -> None:
    """On the accusation screen: each claim's answer and proof chosen (by their labels in the
    pack), then Accuse."""
    case = pilot.app.screen.game.case  # type: ignore[attr-defined]
    labels = {
        claim.id: (
            claim.options[action.choice(claim.id)].text,
            case.clues[action.proof(claim.id)].name,
        )
        for claim in case.deduction.claims.values()
    }
    await fill_statement(pilot, labels, exact=True)


async def fill_statement(
    pilot: Pilot, labels: dict[str, tuple[str, str]], exact: bool = False
) -> None:
    """On the accusation screen: for each claim, the answer and the proof showing these labels
    chosen (the form goes on from one part to the next by itself on a first attempt; else each
    line is moved onto and opened with Enter), then the cursor on Accuse and Enter."""
    screen = pilot.app.screen
    claims = screen.game.case.deduction.claims  # type: ignore[attr-defined]

    async def open_part(part: str) -> None:
        if screen.picking != part:  # type: ignore[attr-defined]
            await move_to_id(pilot, part)
            await pilot.press("enter")

    for claim_id, (answer, proof) in labels.items():
        await open_part(f"answer:{claims[claim_id].id}")
        await choose(pilot, answer, exact=exact)
        await open_part(f"proof:{claims[claim_id].id}")
        await choose(pilot, proof)
    await move_to_id(pilot, "accuse")
    await pilot.press("enter")
    await pilot.pause()


async def leave_game(pilot: Pilot) -> None:
    """From the list of things to do, back to the title: Escape, then say yes when asked (the
    question opens on "Stay": Left moves to the button that leaves)."""
    from whodunit.tui.screens.dialogs import ConfirmDialog

    await pilot.press("escape")
    for _ in range(20):  # until the question is on the screen
        await pilot.pause()
        if isinstance(pilot.app.screen, ConfirmDialog):
            break
    assert isinstance(pilot.app.screen, ConfirmDialog), "Escape did not ask to leave"
    await pilot.press("left", "enter")
    await pilot.pause()


def walkthrough(path: Path) -> list[str]:
    """The command lines of a walkthrough file."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


async def options_cut_short(pilot: Pilot, selector: str) -> list[str]:
    """The options of the list `selector` that do not show in full on the screen: each option
    is scrolled to the top of the list in turn and its words looked for where the list is."""
    widget = pilot.app.screen.query_one(selector, OptionList)
    cut = []
    for index in range(widget.option_count):
        widget.scroll_to(y=widget._index_to_line[index], animate=False, immediate=True)
        await pilot.pause()
        text = _words(prompt_of(widget, index))
        if text not in screen_words(pilot.app, selector):
            cut.append(text)
    return cut


def explored(pack_path: Path, case_id: str, *, at_most: int = 10_000) -> list:
    """The actions of a game that goes everywhere, searches everything and asks everything the
    case offers (never accusing, never asking for a hint): a game with most of its clues."""
    from whodunit.engine import Go, Hint, Present, apply, available_actions, new_game
    from whodunit.pack.loader import load_pack

    pack, _ = load_pack(pack_path)
    assert pack is not None
    case = pack.cases[case_id]
    state, actions = new_game(case), []
    done: set = set()
    progress = True
    while progress and len(actions) < at_most:
        progress = False
        for action in available_actions(case, state):
            if isinstance(action, (Hint, Present, Go)) or action in done:
                continue
            done.add(action)
            state, _ = apply(case, state, action)
            actions.append(action)
            progress = True
        for place in case.places:  # go everywhere, so that each place's things open
            for action in available_actions(case, state):
                if action == Go(place):
                    state, _ = apply(case, state, action)
                    actions.append(action)
                    for search in available_actions(case, state):
                        if search not in done and type(search).__name__ == "Search":
                            done.add(search)
                            state, _ = apply(case, state, search)
                            actions.append(search)
                            progress = True
    return actions


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def low_contrast(app: WhodunitApp, least: float = 4.5, selector: str | None = None) -> list[str]:
    """Text on the screen (or in the part a widget covers) whose colour and background are
    less than `least`:1 apart, both as drawn in full colour and as a 256-colour terminal
    (tmux, say) shows them. Only letters and digits count: frames, scrollbars and marks are not
    text to read."""
    from rich.color import ColorSystem
    from rich.segment import Segment

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        legacy_windows=False,
        color_system="truecolor",
    )
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    region = app.screen.query_one(selector).region if selector else None
    found = []
    lines = Segment.split_and_crop_lines(console.render(update), width, pad=False)
    for y, line in enumerate(lines):
        x = 0
        for segment in line:
            start, x = x, x + segment.cell_length
            if region is not None and not (
                region.y <= y < region.bottom and region.x <= start < region.right
            ):
                continue
            style = segment.style
            if style is None or style.color is None or style.bgcolor is None:
                continue
            if not any(ch.isalnum() for ch in segment.text):
                continue
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
                ratio = contrast(
                    tuple(fg.downgrade(system).get_truecolor()),
                    tuple(bg.downgrade(system).get_truecolor()),
                )
                if ratio < least:
                    found.append(f"{segment.text.strip()!r} {fg.name} on {bg.name}: {ratio:.2f}")
                    break
    return sorted(set(found))
