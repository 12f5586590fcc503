"""One writer per save: a lock file next to the save, held for as long as a game plays it.

The lock is an OS advisory lock (flock), so it goes away by itself when its process ends, even
when the process is killed: a crash never leaves a save locked. A second whodunit that wants the
same save is refused with a clear message instead of both writing it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .errors import SaveError, SaveLocked

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


# Never follow a link, and never block on a FIFO, when opening a file in the saves folder: a
# planted `.NAME.json.lock -> ~/.bashrc` must not get that file truncated.
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
NO_FOLLOW |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def open_own_file(path: Path, flags: int, owner: Path) -> int:
    """Open `path` without following a link, and make sure it is a regular file of this user's.
    Raises SaveError (naming `owner`, the save it belongs to) when it is not, OSError otherwise."""
    try:
        fd = os.open(path, flags | NO_FOLLOW, 0o644)
    except OSError as exc:
        if os.path.islink(path):
            raise _not_ours(path, owner, "a link") from None
        raise exc
    try:
        info = os.fstat(fd)
        mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        if not stat.S_ISREG(info.st_mode) or not mine:
            raise _not_ours(path, owner, "not a regular file" if mine else "another user's file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _not_ours(path: Path, owner: Path, what: str) -> SaveError:
    return SaveError(
        owner,
        f"{path.name} is {what}, which whodunit never writes through: remove it (or check who "
        "put it there) and try again",
    )


class SaveLock:
    """The lock for one save file. `acquire` raises SaveLocked if another process holds it,
    SaveError if the lock file is a link or not a regular file of this user's, or OSError if
    the lock file cannot be made (a read-only folder, say)."""

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
            fd = open_own_file(self.path, os.O_RDWR | os.O_CREAT, self.save)
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


def lock_looks_held(save: Path) -> bool:
    """Whether a live process may hold `save`'s lock, found out without taking it (so that no
    other whodunit is refused meanwhile): the lock file names its holder. When in doubt, yes."""
    try:
        fd = os.open(lock_path(save), os.O_RDONLY | NO_FOLLOW)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        pid = _read_pid(fd)
    finally:
        os.close(fd)
    if pid is None or os.name != "posix":  # os.kill would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
