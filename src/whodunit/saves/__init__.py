"""Saves: the action log of a game on disk, written safely, read strictly, replayed to derive the
state. Nothing here draws anything; the UI and the command line call these.

- Where saves live: `saves_folder(--saves-dir)`; `list_saves`, `latest_save` (Continue),
  `resolve_save` (a name or a path), `read_save` (strict; raises SaveError).
- Playing: `start_session` (a new game, autosaved), `continue_session` (go on in the same file),
  `take_over` (a new game from step k of a save); then `Session.record(action)` after every
  accepted action and `Session.note(text)`; `Session.close()` at the end.
- Checking and watching: `fit_save` (replay against the pack as it is now), `Recording`
  (state and messages at any step), `walkthrough_text`.
- Progress: `ended_cases`, `playable_cases`.
- The UI's store (tui/seam.py): `FolderStore`.
"""

from .atomic import atomic_write
from .codec import decode, encode
from .errors import SaveError, SaveLocked
from .fit import Fit, fit_save, pack_ref
from .folder import (
    ENV_VAR,
    SaveInfo,
    check_name,
    latest_save,
    list_saves,
    read_save,
    resolve_save,
    saves_folder,
    slot_path,
)
from .model import FORMAT_TAG, FORMAT_VERSION, Note, PackRef, SaveData, utc_now
from .progress import ended_cases, playable_cases
from .recording import Recording
from .session import SaveDoesNotFit, Session, continue_session, start_session, take_over
from .store import FolderStore, LoadedSave, StoredGame
from .walkthrough import walkthrough_text

__all__ = [
    "ENV_VAR",
    "FORMAT_TAG",
    "FORMAT_VERSION",
    "Fit",
    "FolderStore",
    "LoadedSave",
    "Note",
    "PackRef",
    "Recording",
    "SaveData",
    "SaveDoesNotFit",
    "SaveError",
    "SaveInfo",
    "SaveLocked",
    "Session",
    "StoredGame",
    "atomic_write",
    "check_name",
    "continue_session",
    "decode",
    "encode",
    "ended_cases",
    "fit_save",
    "latest_save",
    "list_saves",
    "pack_ref",
    "playable_cases",
    "read_save",
    "resolve_save",
    "saves_folder",
    "slot_path",
    "start_session",
    "take_over",
    "utc_now",
    "walkthrough_text",
]
