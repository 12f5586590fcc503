"""One writer per save: a lock file next to the save, held for as long as a game plays it.

The lock is an OS advisory lock (flock), so it goes away by itself when its process ends, even
when the process is killed: a crash never leaves a save locked. A second whodunit that wants the
same save is refused with a clear message instead of both writing it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import SaveLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]
    import msvcrt


def lock_path(save: Path) -> Path:
    return save.with_name(f".{save.name}.lock")


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


class SaveLock:
    """The lock for one save file. `acquire` raises SaveLocked if another process holds it, or
    OSError if the lock file cannot be made (a read-only folder, say)."""

    def __init__(self, save: Path) -> None:
        self.save = save
        self.path = lock_path(save)
        self.fd: int | None = None

    @property
    def held(self) -> bool:
        return self.fd is not None

    def acquire(self) -> None:
        if self.fd is not None:
            return
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                holder = _read_pid(fd)
                os.close(fd)
                who = f" (process {holder})" if holder else ""
                raise SaveLocked(
                    self.save,
                    f"this save is open in another whodunit{who}; close that game first, "
                    "or take this save over as a new game",
                )
            # The holder before us may have removed the lock file as it let go: then our lock
            # is on a file nobody else will see, so start again with a fresh one.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                break
            os.close(fd)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = None

    def __enter__(self) -> SaveLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip() if hasattr(os, "pread") else ""
        return int(text) if text.isdigit() else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None
