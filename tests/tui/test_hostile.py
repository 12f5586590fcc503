"""Pack text is shown literally: markup, actions and terminal escapes in it never take effect."""

from __future__ import annotations

import shutil
from pathlib import Path

from whodunit.tui.screens.investigation import InvestigationScreen

from .conftest import TEASHOP, choose, make_app, ready, screen_text, screen_words

ESC = "\x1b"


def hostile_pack(tmp_path: Path) -> Path:
    """The teashop pack with markup, an action link and escape sequences in its text."""
    root = tmp_path / "hostile"
    shutil.copytree(TEASHOP, root)
    pack = root / "pack.yaml"
    pack.write_text(
        pack.read_text().replace(
            "title: The Teashop Mysteries",
            'title: "Teashop [@click=app.quit]Mysteries[/] [/"\n'
            'notice: "Notice [b]literal[/b] \\e[1mbright"',
        )
    )
    case = root / "cases" / "tart.yaml"
    text = case.read_text()
    for old, new in [
        ("title: The Vanished Tart", 'title: "The [red]Vanished[/red] Tart [/"'),
        ("name: The shop floor", 'name: "Shop [/ floor [@click=app.quit]quit[/]"'),
        (
            "intro: Pip shifts from foot to foot, cap in his hands.",
            'intro: "[bold]x[/i] \\e[31mred\\e[0m \\e]0;owned\\a Pip \\e[2J"',
        ),
        ("    name: Delivery slip", '    name: "Slip [@click=app.quit]Q[/] \\e[5mnow"'),
        ("ask: What did you do this morning?", 'ask: "Morning [/]? [link=x]y[/link]"'),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    case.write_text(text)
    return root


async def test_hostile_pack_text_renders_literally(tmp_path: Path) -> None:
    app = make_app(hostile_pack(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        words = screen_words(app)
        assert "Teashop [@click=app.quit]Mysteries[/] [/" in words
        assert "Notice [b]literal[/b] bright" in words
        await pilot.press("enter")
        await pilot.pause()
        assert "The [red]Vanished[/red] Tart [/" in screen_words(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        words = screen_words(app)
        assert "▶ Shop [/ floor [@click=app.quit]quit[/]" in words
        await choose(pilot, "Search the counter")
        assert "New clue: Slip [@click=app.quit]Q[/] now" in screen_words(app)
        await pilot.press("e")
        await pilot.pause()
        assert "★ Slip [@click=app.quit]Q[/] now" in screen_words(app)
        await pilot.press("escape")
        await choose(pilot, "Pip Tolliver")
        assert "[bold]x[/i] red Pip" in screen_words(app, "#transcript")
        assert "Morning [/]? [link=x]y[/link]" in screen_words(app, "#questions")
        await choose(pilot, "Morning")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"slip")
        await pilot.pause(0.3)
        assert "Clue: Slip [@click=app.quit]Q[/] now" in screen_words(app)
        await pilot.press("escape")
        await pilot.pause()
        # Nothing took effect: the app still runs, and no escape sequence reached the screen.
        assert app.is_running
        assert ESC not in screen_text(app)
        assert ESC not in app.export_screenshot()
