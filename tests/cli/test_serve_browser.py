"""`whodunit serve` played in a real browser: Debian's headless Chromium, driven by Playwright.

The page draws the terminal on a canvas, so the test reads what it shows from the terminal
itself: xterm.js's buffer, through its public API (`buffer.active.getLine(y)`), on the xterm
Terminal object that the init script below catches as textual.js makes it (textual.js keeps it
to itself). Keys are typed without any click first: the page must give the terminal the keyboard.

Skipped only without /usr/bin/chromium (`.ci/run` installs it); no browser is downloaded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli.serving import server_pid, serving
from tests.conftest import EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium (apt-get install chromium)"
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT = 60  # seconds before a screen that never comes fails the test (a bound, not a measure)

# xterm.js's Terminal sets `this._core` in its constructor: a setter on Object.prototype sees
# it happen and keeps the terminal where the test can read it.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "_core", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "_core", { value, writable: true, configurable: true });
    if (typeof this.loadAddon === "function") window.__terminal = this;
  },
});
"""
SCREEN = """() => {
  const t = window.__terminal;
  if (!t) return "";
  const buffer = t.buffer.active, lines = [];
  for (let y = 0; y < t.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
}"""


@pytest.fixture(scope="module")
def playwright() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        yield p


@contextmanager
def browser(playwright: object, profile: Path) -> Iterator[object]:
    """A fresh Chromium on an empty profile: a visitor with a cookie jar of their own."""
    profile.mkdir()
    context = playwright.chromium.launch_persistent_context(  # type: ignore[attr-defined]
        str(profile),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1000, "height": 640},
    )
    try:
        context.add_init_script(CATCH_TERMINAL)
        yield context
    finally:
        context.close()


def screen(page: object) -> str:
    return str(page.evaluate(SCREEN))  # type: ignore[attr-defined]


def wait_for(page: object, *texts: str) -> str:
    """The terminal's text once it shows every one of `texts`; fails with what it shows."""
    deadline = time.monotonic() + WAIT
    shown = screen(page)
    while not all(t in shown for t in texts):
        if time.monotonic() > deadline:
            raise AssertionError(f"the page never showed {texts!r}; it shows:\n{shown}")
        time.sleep(0.2)
        shown = screen(page)
    return shown


def open_game(context: object, url: str) -> object:
    page = context.new_page()  # type: ignore[attr-defined]
    page.goto(url)
    wait_for(page, "New game")
    return page


def first_moves(page: object) -> str:
    """New game, the case, and the first search, all by keyboard alone."""
    page.keyboard.press("n")  # type: ignore[attr-defined]
    wait_for(page, "The Vanished Tart")
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    wait_for(page, "Search the counter")
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    return wait_for(page, "New clue: Delivery slip")


def test_a_case_is_played_by_keyboard_in_the_browser_and_continues_in_the_terminal(
    playwright: object, tmp_path: Path
) -> None:
    saves = tmp_path / "saves"
    with (
        serving(str(EXAMPLE), saves=saves) as served,
        browser(playwright, tmp_path / "profile") as context,
    ):
        page = open_game(context, served.url)
        assert page.title() == "whodunit"  # type: ignore[attr-defined]
        first_moves(page)
    [save] = saves.glob("*.json")
    # The player's own saves folder: the terminal picks the game up where the browser left it.
    out = subprocess.run(
        [
            *(sys.executable, "-m", "whodunit", "play", "--plain", str(EXAMPLE)),
            *("--load", save.stem, "--no-save", "--saves-dir", str(saves)),
        ],
        input="evidence\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "Delivery slip" in out.stdout


def test_served_beyond_this_machine_each_browser_has_saves_of_its_own(
    playwright: object, tmp_path: Path
) -> None:
    saves = tmp_path / "saves"
    # 127.0.0.2 is this machine too, but not one of the names whodunit takes for it.
    with (
        serving(str(EXAMPLE), saves=saves, host="127.0.0.2") as served,
        browser(playwright, tmp_path / "first") as first,
    ):
        page = open_game(first, served.url)
        first_moves(page)
        with browser(playwright, tmp_path / "second") as second:
            wait_for(open_game(second, served.url), "no saved games yet")
        page.reload()  # type: ignore[attr-defined]
        wait_for(page, "Continue: The Vanished Tart")
    assert "beyond this machine" in served.errors
    assert not list(saves.glob("*.json")), "a visitor's game was saved among the player's"
    folders = [p.parent for p in (saves / "web").rglob("*.json")]
    assert len(folders) == 1 and folders[0].parent == saves / "web"


def test_stopping_the_server_with_a_game_open_stops_its_games_cleanly(
    playwright: object, tmp_path: Path
) -> None:
    with (
        serving(str(EXAMPLE), saves=tmp_path / "saves") as served,
        browser(playwright, tmp_path / "profile") as context,
    ):
        open_game(context, served.url)
        os.kill(server_pid(served), signal.SIGINT)  # Ctrl+C to the server alone, not its games
        assert served.process.wait(timeout=WAIT) == 0
        with pytest.raises(ProcessLookupError):  # the games it started have ended too
            os.killpg(served.process.pid, 0)
    assert "Traceback" not in served.errors and "Error" not in served.errors, served.errors
