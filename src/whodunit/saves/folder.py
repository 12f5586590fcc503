"""The saves folder: where it is, the names of saves in it, reading one, and listing them."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .codec import MAX_BYTES, Damaged, decode
from .errors import NotAFolder, SaveError
from .lock import NO_FOLLOW
from .model import SaveData

ENV_VAR = "WHODUNIT_SAVES"
DEFAULT_FOLDER = "saves"
SUFFIX = ".json"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")
LINK = "is a link, which whodunit does not follow: load the file it points to instead"


def saves_folder(
    explicit: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """`--saves-dir` if given, else $WHODUNIT_SAVES, else `saves/` in the working directory."""
    if explicit:
        return Path(explicit)
    env = (os.environ if environ is None else environ).get(ENV_VAR)
    return Path(env) if env else Path(DEFAULT_FOLDER)


def check_name(name: str) -> str:
    """A save name (a slot) without its `.json`; ValueError saying how to write one."""
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    if not _NAME.fullmatch(stem) or stem.endswith("."):
        raise ValueError(
            f"'{name[:80]}' is not a save name: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit (at most 80)"
        )
    return stem


def ensure_folder(folder: Path, save: Path) -> None:
    """Make the saves folder if need be. Raises NotAFolder (naming `save`) when the folder, or
    a folder on its way, is something else (a file, a pipe), OSError when it cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        there = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        if there is None:
            raise
        raise NotAFolder(
            save,
            f"cannot save: {there} is {_kind(there)}, not a folder (move it away, or save "
            "somewhere else with --saves-dir DIR or $WHODUNIT_SAVES); the game goes on, but is "
            "not saved until this is fixed",
        ) from None


def _kind(path: Path) -> str:
    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    return "a file" if stat.S_ISREG(mode) else "a special file"


def slot_path(folder: Path, name: str) -> Path:
    return folder / f"{check_name(name)}{SUFFIX}"


def save_names(folder: Path) -> list[str]:
    try:
        return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))
    except OSError:
        return []


def resolve_save(folder: Path, ref: str) -> Path:
    """The file a player means by `ref`: a path to a save file, or the name of one in `folder`.
    Raises SaveError when there is none, or when the folder cannot be looked into."""
    try:
        return _resolve(folder, ref)
    except OSError as exc:  # a folder on the way that this user may not look into
        where = Path(exc.filename) if exc.filename else Path(ref)
        raise SaveError(where, f"cannot be read: {exc.strerror or exc}") from None


def _resolve(folder: Path, ref: str) -> Path:
    as_path = Path(ref)
    has_sep = os.sep in ref or bool(os.altsep and os.altsep in ref)
    if has_sep or (ref.endswith(SUFFIX) and as_path.is_file()):
        if as_path.exists():
            return as_path
        raise SaveError(as_path, "no such save file")
    try:
        path = slot_path(folder, ref)
    except ValueError as exc:
        if as_path.is_file():
            return as_path
        raise SaveError(as_path, str(exc)) from None
    if path.exists():
        return path
    if as_path.is_file():
        return as_path
    names = save_names(folder)
    more = ", ..." if len(names) > 8 else ""
    known = f"the saves there: {', '.join(names[:8])}{more}" if names else "it holds no saves"
    raise SaveError(path, f"no save named '{path.stem}' in {folder} ({known})")


def read_save(path: Path) -> SaveData:
    """The save in `path`, checked strictly. Raises SaveError; never changes the file."""
    try:
        fd = os.open(path, os.O_RDONLY | NO_FOLLOW)
    except FileNotFoundError:
        raise SaveError(path, "no such save file") from None
    except IsADirectoryError:
        raise SaveError(path, "is a folder, not a save file") from None
    except OSError as exc:
        if os.path.islink(path):
            raise SaveError(path, LINK) from None
        raise SaveError(path, f"cannot be read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SaveError(path, "is a folder, not a save file")
        if not stat.S_ISREG(mode):
            raise SaveError(path, "is not a regular file, so it is not a save")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise SaveError(path, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    try:
        return decode(b"".join(chunks))
    except Damaged as exc:
        raise SaveError(path, str(exc)) from None


def _timestamp(text: str) -> float:
    try:
        when = datetime.fromisoformat(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.timestamp()
    except (ValueError, OverflowError, OSError):  # a time this system cannot place
        return 0.0


@dataclass(frozen=True)
class SaveInfo:
    """One save in a folder, for a Continue or Load list. A damaged save is listed with its
    `error` (and no `save`) so that a UI can show it without being able to open it."""

    path: Path
    save: SaveData | None
    error: str | None
    when: float  # when it was last played (its `updated` time, or the file's time if damaged)

    @property
    def name(self) -> str:
        return self.path.stem


def list_saves(folder: Path, pack_id: str | None = None) -> list[SaveInfo]:
    """The saves in `folder`, the most recently played first; only `pack_id`'s if given
    (damaged saves are listed whatever their pack, since it cannot be known)."""
    infos: list[SaveInfo] = []
    try:
        paths = [p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")]
    except OSError:
        return []
    for path in paths:
        info = _info(path)
        if info.save is None or pack_id is None or info.save.pack.id == pack_id:
            infos.append(info)
    infos.sort(key=lambda i: (i.when, i.name), reverse=True)
    return infos


def _info(path: Path) -> SaveInfo:
    """One save, judged on its own: whatever is wrong with it, the others are still listed."""
    try:
        save = read_save(path)
        return SaveInfo(path, save, None, _timestamp(save.updated))
    except (SaveError, ValueError, OverflowError) as exc:
        problem = exc.problem if isinstance(exc, SaveError) else f"cannot be read: {exc}"
    try:
        mtime = os.lstat(path).st_mtime
    except OSError:
        mtime = 0.0
    return SaveInfo(path, None, problem, mtime)


def latest_save(folder: Path, pack_id: str | None = None) -> SaveInfo | None:
    """The game to Continue: the most recently played save that can be read."""
    return next((i for i in list_saves(folder, pack_id) if i.save is not None), None)
