"""Waiting in the UI without tying it to the clock: the replay screen asks a `Schedule` to call
it back after a delay. In the app that is Textual's `set_timer`; a test gives its own and fires
the calls itself, so nothing waits for real time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Stoppable(Protocol):
    def stop(self) -> None: ...


# schedule(seconds, callback) -> something with .stop() that cancels the call
Schedule = Callable[[float, Callable[[], object]], Stoppable]
