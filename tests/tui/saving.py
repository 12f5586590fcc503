"""Helpers for the UI's saves tests: saves made with a fixed clock, a store on a folder, timers
a test fires by hand, and a look at the toasts on the screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from whodunit.engine import Accuse, Action, Ask, Connect, Go, Search, parse_action
from whodunit.pack.loader import load_pack
from whodunit.pack.model import Pack
from whodunit.saves import FolderStore, start_session

from .conftest import TEASHOP

START: tuple[Action, ...] = (
    Search("shop", "counter"),
    Go("kitchen"),
    Search("kitchen", "rack"),
    Search("kitchen", "window"),
)
SOLVE: tuple[Action, ...] = (
    *START,
    Ask("pip", "morning"),
    Go("lane"),
    Search("lane", "cobbles"),
    Connect("boot_prints", "pip/morning"),
    Ask("pip", "trail"),
    Accuse(
        (("who", "pip"), ("why", "hunger"), ("how", "window")),
        (("who", "route"), ("why", "confession"), ("how", "juice")),
    ),
)


def pack_at(path: Path = TEASHOP) -> Pack:
    pack, findings = load_pack(path)
    assert pack is not None, findings
    return pack


def clock(start: str = "2026-03-01T09:00:00", step: float = 7.0) -> Callable[[], str]:
    """Save times that do not depend on when the test runs: `start`, then `step` seconds on."""
    now = [datetime.fromisoformat(start).replace(tzinfo=UTC)]

    def tick() -> str:
        when = now[0]
        now[0] = when + timedelta(seconds=step)
        return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    return tick


def make_save(
    folder: Path,
    actions: Sequence[Action],
    name: str,
    *,
    pack: Pack | None = None,
    notes: Sequence[tuple[int, str]] = (),
    case: str = "tart",
    start: str = "2026-03-01T09:00:00",
) -> Path:
    """A save of `actions` (with `notes` written after step k) as `name`, at fixed times."""
    session = start_session(folder, pack or pack_at(), case, name, clock=clock(start))
    with session:
        for text in (t for k, t in notes if k == 0):
            assert session.note(text) is None
        for n, action in enumerate(actions, 1):
            assert session.record(action) is None
            for text in (t for k, t in notes if k == n):
                assert session.note(text) is None
        if not session.saved:
            assert session.save() is None
    return session.path


def walkthrough_actions(case, lines: Sequence[str]) -> list[Action]:
    from whodunit.engine import apply, new_game

    state = new_game(case)
    out: list[Action] = []
    for line in lines:
        action = parse_action(line, state.location)
        state, outcome = apply(case, state, action)
        assert outcome.accepted, (line, outcome.text)
        out.append(action)
    return out


def store_on(folder: Path) -> Callable[[Pack], FolderStore]:
    """What `whodunit` gives the app: a FolderStore on `folder`, made once the pack loads."""
    return lambda pack: FolderStore(folder, pack=pack)


class FakeTimer:
    def __init__(self, timers: FakeTimers, delay: float, callback: Callable[[], object]) -> None:
        self.timers = timers
        self.delay = delay
        self.callback = callback

    def stop(self) -> None:
        if self in self.timers.pending:
            self.timers.pending.remove(self)


class FakeTimers:
    """A `Schedule` whose calls wait until the test fires them: no real time passes."""

    def __init__(self) -> None:
        self.pending: list[FakeTimer] = []
        self.asked: list[float] = []  # every delay asked for, in order

    def __call__(self, delay: float, callback: Callable[[], object]) -> FakeTimer:
        timer = FakeTimer(self, delay, callback)
        self.pending.append(timer)
        self.asked.append(delay)
        return timer

    def fire(self) -> None:
        assert self.pending, "nothing is waiting"
        timer = self.pending.pop(0)
        timer.callback()


def toasts(app) -> str:
    """The words in the notifications on the screen, as a user reads them (each toast's own
    part of the screen, so that the text behind it does not get in between)."""
    from textual.widgets._toast import Toast

    from .conftest import _words, screen_text

    lines = screen_text(app).splitlines()
    out = []
    for toast in app.screen.query(Toast):
        r = toast.region
        out.append(_words("\n".join(line[r.x : r.right] for line in lines[r.y : r.bottom])))
    return " | ".join(out)
