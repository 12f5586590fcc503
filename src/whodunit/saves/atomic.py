"""Writing a file so that a crash at any moment leaves either the old file or the new one.

The bytes go to a temporary file in the same folder, which is flushed to disk (fsync) and then
renamed over the old file in one step (os.replace); the folder is synced so that the rename
itself survives a power cut. If anything fails, the temporary file is removed and the old file is
as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from pathlib import Path

from .lock import NO_FOLLOW, lock_looks_held

TEMP_SUFFIX = ".tmp"
_TEMP = re.compile(r"\.(.+)\.[0-9a-f]{12}\.tmp")
STALE_AFTER = 60.0  # seconds: no writer keeps its temporary file that long


def temp_name(path: Path) -> Path:
    """A hidden temporary file next to `path`: `.NAME.<random>.tmp`."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, all or nothing. Raises OSError, leaving `path` untouched."""
    fd, tmp = _create_temp(path)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new temporary file: O_EXCL never opens a file (or follows a link) that is there
    already, so a name that is taken is simply passed over for another."""
    for _ in range(100):
        tmp = temp_name(path)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o644), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {path.name}")


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable. Not every system can sync a folder; that is no error."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files a killed writer of `path` left behind. Call only while holding
    the save's lock, so that no live writer's file is removed."""
    with contextlib.suppress(OSError):
        for stale in path.parent.glob(f".{glob_escape(path.name)}.*{TEMP_SUFFIX}"):
            found = _TEMP.fullmatch(stale.name)
            if found is not None and found.group(1) == path.name:  # not another save's
                with contextlib.suppress(OSError):
                    stale.unlink()


def remove_old_temps(folder: Path, now: float | None = None) -> None:
    """Remove the temporary files of every save in `folder` that killed writers left behind:
    those older than STALE_AFTER whose save is not locked by a live process."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = _TEMP.fullmatch(entry.name)
            if found is None:
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                    continue
                if not lock_looks_held(folder / found.group(1)):
                    os.unlink(entry.path)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
