"""A game being played, written to its save file after every change.

A write that fails (a read-only or full disk, say) never stops the game: `record` and `note`
return a one-line reason, the game goes on in memory, and the next change writes the whole game
again, so nothing is lost once the problem is fixed. A fresh game never takes the name of a save
that exists, and a save is only ever written by the one session that holds its lock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..engine import Action
from ..pack.model import Pack
from .atomic import atomic_write, remove_old_temps, remove_stale_temps
from .codec import MAX_TEXT, encode
from .errors import NotAFolder, SaveError, SaveLocked
from .fit import Fit, fit_save, pack_ref
from .folder import ensure_folder, read_save, slot_path
from .lock import SaveLock
from .model import Note, PackRef, SaveData, utc_now

Clock = Callable[[], str]


class SaveDoesNotFit(SaveError):
    """A save with a step the pack no longer accepts; `fit` says which, and how many steps
    before it fit (those can be taken over as a new game)."""

    def __init__(self, fit: Fit) -> None:
        super().__init__(fit.path, fit.summary())
        self.fit = fit


def note_problem(text: str) -> str | None:
    """Why `text` cannot be a notebook line (a save holds one of at most MAX_TEXT characters),
    or None. A UI refuses such a note rather than have it cut short in the save."""
    if len(text) <= MAX_TEXT:
        return None
    return (
        f"a note can be at most {MAX_TEXT:,} characters long and this one has {len(text):,}: "
        "write it as shorter notes"
    )


def _note(text: str, step: int, at: str) -> Note:
    problem = note_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return Note(text, step, at)


def _write_problem(path: Path, exc: OSError) -> SaveError:
    reason = exc.strerror or str(exc)
    return SaveError(
        path, f"cannot save ({reason}); the game goes on, but is not saved until this is fixed"
    )


class Session:
    """The log and notebook of the game being played, and the file they are saved to."""

    def __init__(
        self,
        path: Path,
        pack: PackRef,
        case: str,
        *,
        created: str,
        actions: Iterable[Action] = (),
        times: Iterable[str] = (),
        notes: Iterable[Note] = (),
        seed: int | None = None,
        lock: SaveLock | None = None,
        fresh: bool = True,
        clock: Clock = utc_now,
    ) -> None:
        self.path = path
        self.pack = pack
        self.case = case
        self.created = created
        self.updated = created
        self.actions: list[Action] = list(actions)
        self.times: list[str] = list(times)
        self.notes: list[Note] = list(notes)
        self.seed = seed
        self.lock = lock or SaveLock(path)
        self.fresh = fresh  # nothing written yet, and the name must not be an existing save's
        self.clock = clock
        self.failure: SaveError | None = None  # why the last write failed, if it did
        self.saved = False  # something has been written by this session
        # What the file held when this game last read or wrote it, (updated, steps): a session
        # that takes the lock only later (the folder was read-only) checks that no one else has
        # written the save meanwhile before it writes over it.
        self.on_disk: tuple[str, int] | None = None

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def steps(self) -> int:
        return len(self.actions)

    def data(self) -> SaveData:
        return SaveData(
            self.pack,
            self.case,
            self.created,
            self.updated,
            tuple(self.actions),
            tuple(self.times),
            tuple(self.notes),
            self.seed,
        )

    # -- changes: each one is saved at once ------------------------------------------------------
    def record(self, action: Action) -> str | None:
        """Add an action the engine accepted, and save. None when saved, else why not."""
        self.actions.append(action)
        self.times.append(self.clock())
        return self.save()

    def note(self, text: str) -> str | None:
        """Add a notebook line, and save. ValueError for a line too long (see note_problem)."""
        self.notes.append(_note(text, len(self.actions), self.clock()))
        return self.save()

    def set_notes(self, notes: Iterable[str]) -> str | None:
        """Replace the notebook (a UI that edits or removes lines), and save. Lines that are
        unchanged keep their step and time; changed or new ones are stamped now."""
        now = self.clock()
        notes = list(notes)
        kept = [
            old if old.text == text else _note(text, len(self.actions), now)
            for old, text in zip(self.notes, notes, strict=False)
        ]
        kept += [_note(t, len(self.actions), now) for t in notes[len(kept) :]]
        self.notes = kept
        return self.save()

    def extends(self, actions: Sequence[Action]) -> bool:
        """Whether `actions` begin with this save's log (so going on from them loses nothing)."""
        n = len(self.actions)
        return len(actions) >= n and list(actions[:n]) == self.actions

    def save(self) -> str | None:
        """Write the whole game now. None when it is saved, else a one-line reason."""
        self.updated = self.clock()
        try:
            self._claim()
            atomic_write(self.path, encode(self.data()))
        except SaveError as exc:
            self.failure = exc
        except OSError as exc:
            self.failure = _write_problem(self.path, exc)
        else:
            self.failure = None
            self.saved = True
            self.fresh = False
            self.on_disk = (self.updated, self.steps)
        return self.error

    @property
    def error(self) -> str | None:
        """Why the last write failed (one line, naming the file), if it did."""
        return None if self.failure is None else str(self.failure)

    def _claim(self) -> None:
        """Hold the lock before writing; a fresh game whose name has been taken meanwhile
        moves to the next free name rather than overwrite anything."""
        if self.lock.held:
            return
        ensure_folder(self.path.parent, self.path)
        if self.fresh:
            self.path, self.lock = _reserve(self.path.parent, self.path.stem, named=False)
        else:
            self.lock.acquire()
            try:
                self._check_unchanged()
            except SaveError:
                self.lock.release()
                raise
        remove_stale_temps(self.path)

    def _check_unchanged(self) -> None:
        """The save is as this game last saw it (or gone): else another whodunit has written
        it since, and this game must not write over that."""
        if self.on_disk is None or not _exists(self.path):
            return
        try:
            save = read_save(self.path)
            unchanged = (save.updated, save.steps) == self.on_disk
        except SaveError:
            unchanged = False
        if not unchanged:
            raise SaveError(
                self.path,
                "has been changed by another whodunit since this game read it, so it is not "
                "written over; the game goes on, but is not saved",
            )

    def close(self) -> None:
        self.lock.release()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reserve(folder: Path, base: str, named: bool) -> tuple[Path, SaveLock]:
    """A save file nobody has: `base`, or for an automatic name `base-2`, `base-3`, ...
    Raises SaveError for a name that is taken, OSError when the folder cannot be written."""
    for n in range(1, 10_000):
        path = slot_path(folder, base if n == 1 else f"{base}-{n}")
        if path.exists():
            if named:
                raise SaveError(
                    path,
                    "a save with this name exists already: continue it, or choose another name",
                )
            continue
        lock = SaveLock(path)
        try:
            lock.acquire()
        except SaveLocked:
            if named:
                raise
            continue
        if path.exists():  # made between our look and our lock
            lock.release()
            if named:
                raise SaveError(path, "a save with this name exists already: choose another name")
            continue
        return path, lock
    raise SaveError(folder / base, "too many saves with this name")


def _exists(path: Path) -> bool:
    """Whether `path` exists, False when that cannot even be found out (an unreadable folder)."""
    try:
        return path.exists()
    except OSError:
        return False


def auto_name(case_id: str, when: str) -> str:
    """`CASE-YYYYMMDD-HHMMSS` from a save time."""
    stamp = re.sub(r"[^0-9]", "", when)[:14]
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", case_id)[:40] or "game"
    if not safe[0].isalnum():
        safe = "game" + safe
    return f"{safe}-{stamp[:8]}-{stamp[8:14]}"


def _fresh(
    folder: Path,
    name: str | None,
    base: SaveData,
    clock: Clock,
) -> Session:
    created = clock()
    stem = name if name is not None else auto_name(base.case, created)
    path = slot_path(folder, stem)  # ValueError for a bad name: the caller checked it
    lock: SaveLock | None = None
    try:
        ensure_folder(folder, path)
        remove_old_temps(folder)
        path, lock = _reserve(folder, path.stem, named=name is not None)
    except (OSError, NotAFolder):
        # The folder cannot be written: the game is played anyway and each save says why it
        # failed. A named save that exists is still refused.
        if name is not None and _exists(path):
            raise SaveError(
                path, "a save with this name exists already: continue it, or choose another name"
            ) from None
    return Session(
        path,
        base.pack,
        base.case,
        created=created,
        actions=base.actions,
        times=base.times,
        notes=base.notes,
        seed=base.seed,
        lock=lock,
        fresh=True,
        clock=clock,
    )


def start_session(
    folder: Path,
    pack: Pack,
    case_id: str,
    name: str | None = None,
    *,
    actions: Sequence[Action] = (),
    notes: Sequence[str] = (),
    clock: Clock = utc_now,
) -> Session:
    """A new game of `case_id` (that has taken `actions` already), to be saved as `name` (a
    slot) or under an automatic name. Nothing is written until the first action or note, or
    `save()`. Raises SaveError if `name` is taken (SaveLocked if another whodunit is starting a
    game with that name)."""
    if name is not None:
        slot_path(folder, name)  # raises ValueError for a bad name
    now = clock()
    base = SaveData(
        pack_ref(pack),
        case_id,
        now,
        now,
        tuple(actions),
        tuple(now for _ in actions),
        tuple(_note(t, len(actions), now) for t in notes),
    )
    return _fresh(folder, name, base, clock)


def take_over(
    folder: Path, fit: Fit, step: int, name: str | None = None, *, clock: Clock = utc_now
) -> Session:
    """A new game that begins as `fit`'s save did, up to and including `step`, saved under a
    new name (the original save is never touched). It is written at once."""
    if not 0 <= step <= fit.steps:
        raise ValueError(f"step {step} is not between 0 and {fit.steps}")
    if name is not None:
        slot_path(folder, name)
    base = fit.save.upto(step)
    base = SaveData(
        pack_ref(fit.pack),
        base.case,
        base.created,
        base.updated,
        base.actions,
        base.times,
        base.notes,
        base.seed,
    )
    session = _fresh(folder, name, base, clock)
    session.save()
    return session


def hold_save(path: Path) -> SaveLock:
    """The lock on the save in `path`, taken before the save is read, so that what is read is
    what the game goes on from: no other whodunit can write it in between. Raises SaveLocked
    (another whodunit plays it) or SaveError (the lock file is a link, say). A folder where no
    lock can be made (a read-only one) gives a lock not held: the game is played, and each save
    says why it failed."""
    lock = SaveLock(path)
    try:
        lock.acquire()
    except SaveError:
        raise
    except OSError:
        return lock
    remove_stale_temps(path)
    remove_old_temps(path.parent)
    return lock


def continued(fit: Fit, lock: SaveLock, *, clock: Clock = utc_now) -> Session:
    """The session that goes on from `fit`, a save read while `lock` (from `hold_save`) was
    held: it writes to the same file, and owns the lock from now on."""
    save = fit.save
    session = Session(
        fit.path,
        pack_ref(fit.pack),
        save.case,
        created=save.created,
        actions=save.actions,
        times=save.times,
        notes=save.notes,
        seed=save.seed,
        lock=lock,
        fresh=False,
        clock=clock,
    )
    session.updated = save.updated
    session.on_disk = (save.updated, save.steps)
    return session


def continue_session(path: Path, pack: Pack, *, clock: Clock = utc_now) -> tuple[Session, Fit]:
    """Go on playing the save in `path`, writing to the same file. The save is locked first and
    then read, so no other whodunit can write it in between; build the game from the `Fit`
    returned (never from an earlier read).

    Raises SaveLocked (another whodunit plays it), SaveError (it cannot be read, or is not for
    this pack), or SaveDoesNotFit (a step no longer fits: offer `take_over(..., fit.steps)`)."""
    lock = hold_save(path)
    try:
        fit = fit_save(path, read_save(path), pack)
        if not fit.ok:
            raise SaveDoesNotFit(fit)
    except BaseException:
        lock.release()
        raise
    return continued(fit, lock, clock=clock), fit
