"""Saves: the action log of a game on disk, written safely, read strictly, replayed to derive the
state. Nothing here draws anything; the UI and the command line call these.

- Where saves live: `saves_folder(--saves-dir)`; `list_saves`, `latest_save`, `resolve_save`
  (a name or a path), `read_save` (strict; raises SaveError).
- Playing: `start_session` (a new game, autosaved), `continue_session` (go on in the same file:
  locked first, then read; or `hold_save`, then read, then `continued(fit, lock)`), `take_over`
  (a new game from step k of a save); then `Session.record(action)` after every accepted action
  and `Session.note(text)`; `Session.close()` at the end.
- Checking and watching: `fit_save` (replay against the pack as it is now), `Recording`
  (state and messages at any step), `walkthrough_text`.
- Progress: `ended_cases`, `playable_cases`; what Continue takes up: `continue_choice`.
- The UI's store: the `GameStore` protocol (seam.py), `FolderStore` on a folder, `MemoryStore`
  with saves off.

Each name is imported from its module when first used, so that naming a store (the UI does, on
its way up) does not load the rules.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .atomic import atomic_write
    from .codec import decode, encode
    from .continuing import Continue, continue_choice
    from .errors import SaveError, SaveLocked, StoreError
    from .fit import Fit, fit_save, pack_ref
    from .folder import check_name, latest_save, list_saves, read_save, resolve_save, saves_folder
    from .memory import MemoryStore
    from .model import FORMAT_TAG, FORMAT_VERSION, Note, SaveData
    from .progress import ended_cases, playable_cases
    from .recording import Recording
    from .seam import GameStore, LoadedGame, SavedGame
    from .session import (
        SaveDoesNotFit,
        Session,
        continue_session,
        continued,
        hold_save,
        start_session,
        take_over,
    )
    from .store import FolderStore
    from .walkthrough import walkthrough_text

_MODULES = {
    "atomic": "atomic_write",
    "codec": "decode encode",
    "continuing": "Continue continue_choice",
    "errors": "SaveError SaveLocked StoreError",
    "fit": "Fit fit_save pack_ref",
    "folder": "check_name latest_save list_saves read_save resolve_save saves_folder",
    "memory": "MemoryStore",
    "model": "FORMAT_TAG FORMAT_VERSION Note SaveData",
    "progress": "ended_cases playable_cases",
    "recording": "Recording",
    "seam": "GameStore LoadedGame SavedGame",
    "session": (
        "SaveDoesNotFit Session continue_session continued hold_save start_session take_over"
    ),
    "store": "FolderStore",
    "walkthrough": "walkthrough_text",
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names.split()}
__all__ = [
    "FORMAT_TAG",
    "FORMAT_VERSION",
    "Continue",
    "Fit",
    "FolderStore",
    "GameStore",
    "LoadedGame",
    "MemoryStore",
    "Note",
    "Recording",
    "SaveData",
    "SaveDoesNotFit",
    "SaveError",
    "SaveLocked",
    "SavedGame",
    "Session",
    "StoreError",
    "atomic_write",
    "check_name",
    "continue_choice",
    "continue_session",
    "continued",
    "decode",
    "encode",
    "ended_cases",
    "fit_save",
    "hold_save",
    "latest_save",
    "list_saves",
    "pack_ref",
    "playable_cases",
    "read_save",
    "resolve_save",
    "saves_folder",
    "start_session",
    "take_over",
    "walkthrough_text",
]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
