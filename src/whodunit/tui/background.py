"""Work off the UI's thread that never keeps the app from quitting."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def in_daemon_thread(fn: Callable[..., T], *args: object) -> T:
    """Run `fn` in a daemon thread: unlike the default executor, quitting never waits for it."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def work() -> None:
        try:
            result, error = fn(*args), None
        except Exception as exc:
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the app has already closed
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=work, name="whodunit-load", daemon=True).start()
    return await future
