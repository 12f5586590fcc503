"""Every screen that shows pack or save text shows it literally: markup stays text, and no
terminal control (OSC 52 clipboard, OSC 0 title, clear screen, 8-bit CSI, bidi override) reaches
the terminal. The payloads are those of the hardening issue."""

from __future__ import annotations

import shutil
from pathlib import Path

from whodunit.engine import Search

from .conftest import (
    TEASHOP,
    choose,
    fill_statement,
    make_app,
    play_command,
    ready,
    screen_text,
    screen_words,
)
from .saving import make_save, pack_at, store_on

MARKUP = "[/] [b]x[/i] [@click=app.quit]q[/] [link=file:///etc/passwd]p[/link]"
CONTROLS = "\\e]52;c;ZXZpbA==\\a\\e]0;owned\\a\\e[2J\\x9b31m\\u202Eabc"
CONTROL_CHARS = ("\x1b", "\x9b", "\x07", "\u202e")


def _yaml(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def hostile_pack(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    shutil.copytree(TEASHOP, root)
    case = root / "cases" / "tart.yaml"
    text = case.read_text()
    payload = f"{MARKUP} {CONTROLS}"
    for old, new in [
        ("prompt: Why did they take it?", f"prompt: {_yaml('Why ' + payload)}"),
        ("text: spite, to spoil the contest", f"text: {_yaml('spite ' + payload)}"),
        ("text: through the shop door", f"text: {_yaml('door ' + payload)}"),
        ("proof: What shows why?", f"proof: {_yaml('Proof ' + payload)}"),
        ("name: The prints and Pip's morning", f"name: {_yaml('Insight ' + payload)}"),
        ("ask: What did you do this morning?", f"ask: {_yaml('Morning ' + payload)}"),
        ("title: A rival accused", f"title: {_yaml('Rival ' + MARKUP)}"),
        (
            "text: Vera produces a month of Tuesday receipts. The lane talks of nothing else.",
            f"text: {_yaml('Receipts ' + payload)}",
        ),
        ("title: The trail goes cold", f"title: {_yaml('Cold ' + MARKUP)}"),
        (
            "text: The judging starts without Mabel's tart. Nobody ever owns up.",
            f"text: {_yaml('Nobody ' + payload)}",
        ),
        (
            'text: A delivery slip lies by the till, signed with a hurried "P.T.".',
            f"text: {_yaml('Till ' + payload)}",
        ),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    case.write_text(text)
    return root


async def start_with_the_slip(pilot) -> None:
    """New game, the first case, and the counter searched: the slip is in the locker."""
    await ready(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await play_command(pilot, "search counter")


async def accuse_vera(pilot) -> None:
    """Accuse Vera of spite through the door, with the slip: choices found by their visible
    (cleaned) text, as a player reads them."""
    await pilot.press("a")
    await pilot.pause()
    slip = "Delivery slip"
    await fill_statement(
        pilot, {"who": ("Vera Lott", slip), "why": ("spite", slip), "how": ("door", slip)}
    )
    await pilot.press("enter")  # yes, accuse
    await pilot.pause()


def assert_no_controls(app) -> None:
    shown = screen_text(app) + app.export_screenshot()
    for ch in CONTROL_CHARS:
        assert ch not in shown, repr(ch)
    assert app.is_running


async def test_accusation_verdict_and_endings_show_pack_text_literally(tmp_path: Path) -> None:
    app = make_app(hostile_pack(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_the_slip(pilot)
        assert f"Till {MARKUP} abc" in screen_words(app)
        assert_no_controls(app)
        await accuse_vera(pilot)
        words = screen_words(app)
        assert "Verdict: Wrong" in words
        assert_no_controls(app)
        await pilot.press("enter")
        await pilot.pause()
        await accuse_vera(pilot)
        words = screen_words(app)
        assert f"Rival {MARKUP}" in words
        assert f"Receipts {MARKUP} abc" in words
        assert f"Cold {MARKUP}" in words and f"Nobody {MARKUP} abc" in words
        assert f"Why {MARKUP} abc" in words and f"Proof {MARKUP} abc" in words  # the truth
        assert_no_controls(app)


async def test_the_accusation_steps_show_prompts_and_options_literally(tmp_path: Path) -> None:
    app = make_app(hostile_pack(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_the_slip(pilot)
        await pilot.press("a")
        await pilot.pause()
        words = screen_words(app)
        assert f"Why {MARKUP} abc" in words and f"Proof {MARKUP} abc" in words
        assert_no_controls(app)
        await pilot.press("enter")  # who: the first suspect
        await pilot.press("enter")
        await pilot.press("enter")  # its proof: the first clue; then why, by itself
        await pilot.pause()
        words = screen_words(app)
        assert f"Why {MARKUP} abc" in words
        assert f"spite {MARKUP} abc" in words
        assert_no_controls(app)


async def test_the_connections_view_shows_what_is_held_literally(tmp_path: Path) -> None:
    app = make_app(hostile_pack(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await start_with_the_slip(pilot)
        await choose(pilot, "Pip Tolliver")
        await choose(pilot, "Morning")
        await pilot.press("escape")
        for line in ("go kitchen", "search rack", "search window", "go lane", "search cobbles"):
            await play_command(pilot, line)
        await pilot.press("c")
        await pilot.pause()
        words = screen_words(app)
        assert f"Morning {MARKUP} abc" in words
        assert_no_controls(app)
        await pilot.press(*"purple", "enter", *"morning", "enter")
        await pilot.pause()
        words = screen_words(app, "#connect-below")  # beside the list at 120 columns
        assert f"Insight {MARKUP} abc" in words
        assert f"Purple boot prints + Pip Tolliver: “Morning {MARKUP} abc”" in words
        assert_no_controls(app)


async def test_a_saved_notebook_is_shown_literally(tmp_path: Path, private_saves: Path) -> None:
    notes = [(1, f"note {MARKUP} \x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\u202eend")]
    make_save(private_saves, [Search("shop", "counter")], "hostile", pack=pack_at(), notes=notes)
    app = make_app(store=store_on(private_saves))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert f"note {MARKUP} end" in screen_words(app, "#note-list")
        assert_no_controls(app)
