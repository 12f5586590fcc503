"""Watch mode: the pack's files are looked at while its author writes them, and the game in play
follows each edit, replayed onto the new version (or, if the edit broke the pack, goes on with
the last version that loaded, and the errors are shown). Nothing is saved while watching."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from .background import in_daemon_thread
from .safe import notify

if TYPE_CHECKING:
    from textual.app import App

    from ..engine import Game
    from ..pack.findings import Finding
    from ..pack.model import Pack
    from ..pack.watch import PackWatcher, Reload

WATCH_SECONDS = 0.5


class Watching:
    def __init__(
        self,
        app: App[int],
        watcher: PackWatcher,
        playing: Callable[[], Game | None],
        reloaded: Callable[[Pack, Game | None], Awaitable[None]],
    ) -> None:
        """`playing` is the game in play; `reloaded(pack, game)` switches the app to a new
        version of the pack, and to `game` (the game in play replayed onto it) unless None."""
        self.app = app
        self.watcher = watcher
        self.playing = playing
        self.reloaded = reloaded
        self.polling = False

    def start(self) -> None:
        self.app.set_interval(WATCH_SECONDS, self._tick, name="watch-pack")
        notify(
            self.app,
            f"Watching {self.watcher.root} for changes: save a pack file and the game "
            "reloads where you are (F5 reloads at once). Games are not saved while "
            "watching.",
            title="Watch mode",
            timeout=8,
        )
        self.show_findings(self.watcher.findings, "The pack loaded with warnings")

    def _tick(self) -> None:
        if not self.polling:
            self.app.run_worker(self.poll(), group="watch")

    async def poll(self, force: bool = False) -> Reload | None:
        """Look for edits of the pack (or reload it now, with `force`) and follow them."""
        if self.polling:
            return None
        self.polling = True
        watcher = self.watcher
        try:
            event = await in_daemon_thread(watcher.reload if force else watcher.poll)
        except Exception as exc:  # a watcher that fails must not stop the game
            notify(self.app, str(exc), title="Cannot reload", severity="error")
            return None
        finally:
            self.polling = False
        if event is not None:
            await self.follow(event)
        return event

    async def follow(self, event: Reload) -> None:
        """Switch to a new version of the pack, replaying the player's actions onto it; or, if
        the edit broke it, say what is wrong and keep playing the last version that loaded."""
        self.app.clear_notifications()
        if event.pack is None:
            self.show_findings(
                event.errors,
                "The pack has errors: still playing the last version that loaded",
                severity="error",
            )
            return
        pack = event.pack
        old = self.playing()
        if old is None:
            await self.reloaded(pack, None)
            notify(self.app, f"Reloaded {pack.title}.", title="Reloaded", timeout=4)
            self.show_findings(event.findings, "The new version has warnings")
            return
        case = pack.cases.get(old.case.id)
        if case is None:
            await self.reloaded(pack, None)
            notify(
                self.app,
                f"The pack no longer has a case '{old.case.id}': still playing the "
                f"last version that had it. Its cases now: {', '.join(pack.cases)}.",
                title="Reloaded",
                severity="warning",
                timeout=10,
            )
            return
        game, dropped = old.reload(pack)
        await self.reloaded(pack, game)
        steps = len(game.actions)
        if dropped is None:
            said = f"Replayed your {steps} step{'s' if steps != 1 else ''}: you are where you were."
        else:
            said = f"Kept your first {steps} step{'s' if steps != 1 else ''}; {dropped.describe()}."
        notify(self.app, said, title=f"Reloaded {pack.title}", timeout=6)
        self.show_findings(event.findings, "The new version has warnings")

    def show_findings(self, findings: list[Finding], title: str, severity: str = "warning") -> None:
        if not findings:
            return
        root = str(self.watcher.root)
        # Each finding as the validator prints it, its file named from the pack's folder.
        shown = [str(f).removeprefix(root + os.sep) for f in findings[:5]]
        if len(findings) > 5:
            shown.append(
                f"... and {len(findings) - 5} more: `whodunit validate {root}` lists them all."
            )
        if severity == "error":
            shown.append("(F5 checks the pack again and shows what is still wrong.)")
        # Errors stay up a while (until the pack loads again, if that is sooner).
        timeout = 30.0 if severity == "error" else 10.0
        notify(self.app, "\n".join(shown), title=title, severity=severity, timeout=timeout)
