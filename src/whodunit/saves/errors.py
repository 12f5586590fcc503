"""The errors the saves layer raises: one line each, naming the file and what is wrong."""

from __future__ import annotations

import os
from pathlib import Path

from ..text import clean


class StoreError(Exception):
    """A one-line, player-facing reason why a game could not be kept, loaded or replayed."""


class SaveError(StoreError):
    """A save that cannot be read, written or used: `<file>: <what is wrong>`.

    `problem` is the part after the file name, for a UI that shows the file separately. Text
    that came from a save (ids, say) is cleaned of terminal controls before it gets here."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = Path(path)
        self.problem = clean(problem).replace("\n", " ")
        super().__init__(f"{clean(str(self.path))}: {self.problem}")


class SaveLocked(SaveError):
    """Another whodunit is playing this save right now."""


class NotAFolder(SaveError):
    """The saves folder (or a folder on its way) is a file or something else, not a folder."""
