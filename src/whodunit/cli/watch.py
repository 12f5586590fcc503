"""`whodunit play --plain --watch PACK`: play while writing, reloading the pack on every save.

When a pack file changes the pack is reloaded and the player's actions are replayed onto the new
version (engine.Game.reload), so the author stays where they were. If an action no longer fits, the
valid prefix is kept and the dropped step is named. If the edit breaks the pack, its findings are
printed and the last good version keeps running. The reusable parts are pack.watch.PackWatcher
and engine.Game.reload; this module is only the plain-text loop around them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..pack.findings import Finding
from ..pack.watch import PackWatcher, Reload
from .plain import PlainGame
from .report import err, findings_then, no_case

POLL_SECONDS = 0.4


class WatchSession:
    """A plain-mode game that follows its pack as it is edited."""

    def __init__(
        self,
        watcher: PackWatcher,
        case_id: str,
        write: Callable[[str], None],
        setup: Callable[[PlainGame], None] | None = None,
    ) -> None:
        assert watcher.pack is not None
        self.watcher = watcher
        self.case_id = case_id
        self.game = PlainGame(watcher.pack, watcher.pack.cases[case_id], write)
        if setup is not None:
            setup(self.game)  # e.g. to attach autosave: a reload keeps the same PlainGame

    def start(self) -> None:
        self.game.start()
        self.say(
            f"Watching {self.watcher.root} for changes: save a pack file and the game reloads "
            "where you are (type `reload` to force it)."
        )

    def say(self, text: str) -> None:
        self.game.say(text)

    def poll(self) -> bool:
        """Reload if a pack file changed; True when something was reported."""
        event = self.watcher.poll()
        if event is None:
            return False
        self.switch(event)
        return True

    def handle(self, line: str) -> bool:
        if line.strip().lower() == "reload":
            self.switch(self.watcher.reload())
            return True
        return self.game.handle(line)

    def switch(self, event: Reload) -> None:
        if not event.ok:
            self.say("The pack has errors; still playing the last version that loaded:")
            self._findings(event.errors)
            self.say("Fix them and save: the game reloads by itself.")
            return
        pack = event.pack
        assert pack is not None
        if self.case_id not in pack.cases:
            self.say(
                f"The pack no longer has a case '{self.case_id}'; still playing the last version "
                f"that had it. Its cases now: {', '.join(pack.cases)}."
            )
            return
        self.game.game, dropped = self.game.game.reload(pack)
        steps = len(self.game.log)
        if dropped is None:
            self.say(
                f"Reloaded {pack.title}: replayed your {steps} step(s); you are where you were"
            )
        else:
            self.say(
                f"Reloaded {pack.title}: kept your first {steps} step(s); {dropped.describe()}."
            )
        if event.findings:
            self._findings(event.findings)

    def _findings(self, findings: list[Finding]) -> None:
        for f in findings:
            self.say(f"  {f}")


def _lines(fd: int, idle: Callable[[], None]) -> Iterator[str]:
    """Lines from a file descriptor, calling `idle` whenever no input arrives for a moment."""
    if os.name == "nt":  # select() does not work on console handles: check before each line
        while True:
            idle()
            line = sys.stdin.readline()
            if not line:
                return
            yield line.rstrip("\r\n")
    import select

    buf = b""
    while True:
        ready, _, _ = select.select([fd], [], [], POLL_SECONDS)
        if not ready:
            idle()
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            if buf:
                yield buf.decode("utf-8", "replace").rstrip("\r")
            return
        buf += chunk
        while b"\n" in buf:
            raw, buf = buf.split(b"\n", 1)
            yield raw.decode("utf-8", "replace").rstrip("\r")


def run_watch(path: Path, case_id: str | None, fd: int | None = None) -> int:
    """Play a pack in plain mode, following its edits. Returns the exit status."""

    def write(text: str) -> None:
        print(text, flush=True)

    watcher = PackWatcher(path)
    if watcher.pack is None:
        findings_then(
            watcher.findings, f"cannot play '{path}': fix the errors above, then start again"
        )
        return 1
    pack = watcher.pack
    if case_id is not None and case_id not in pack.cases:
        err(no_case(case_id, pack))
        return 2
    session = WatchSession(watcher, case_id or pack.first_case.id, write)
    session.start()
    prompt = {"pending": False}

    def show_prompt() -> None:
        sys.stdout.write("> ")
        sys.stdout.flush()
        prompt["pending"] = True

    def idle() -> None:
        event = session.watcher.poll()
        if event is None:
            return
        if prompt["pending"]:
            sys.stdout.write("\n")
        session.switch(event)
        show_prompt()

    show_prompt()
    for line in _lines(sys.stdin.fileno() if fd is None else fd, idle):
        prompt["pending"] = False
        if not session.handle(line):
            return 0
        show_prompt()
    sys.stdout.write("\n")
    return 0
