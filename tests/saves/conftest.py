"""Fixtures for the saves tests: the example pack, a saves folder, and saves made by playing."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from whodunit.engine import (
    Accuse,
    Action,
    Ask,
    Connect,
    Go,
    Hint,
    Present,
    Search,
    replay,
    solution_path,
)
from whodunit.pack.loader import load_pack
from whodunit.pack.model import Pack
from whodunit.saves import Session, start_session

SOLVE: tuple[Action, ...] = (
    Search("shop", "counter"),
    Go("kitchen"),
    Search("kitchen", "rack"),
    Search("kitchen", "window"),
    Go("lane"),
    Search("lane", "cobbles"),
    Ask("pip", "morning"),
    Connect("boot_prints", "pip/morning"),
    Ask("pip", "trail"),
    Accuse(
        (("who", "pip"), ("why", "hunger"), ("how", "window")),
        (("who", "route"), ("why", "confession"), ("how", "juice")),
    ),
)
WANDER: tuple[Action, ...] = (
    Search("shop", "counter"),
    Hint(),
    Go("kitchen"),
    Present("pip", "slip"),
    Ask("finch", "judging"),
)

CHECK_LEAD = b',\n  "check": "sha256:'


def load(path: Path) -> Pack:
    pack, findings = load_pack(path)
    assert pack is not None, findings
    return pack


@pytest.fixture(scope="session")
def teashop() -> Pack:
    return load(EXAMPLE)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def two_cases(tmp_path: Path) -> Path:
    """The example pack with a second case, 'pie', that opens once 'tart' has ended."""
    dest = tmp_path / "twocase"
    shutil.copytree(EXAMPLE, dest)
    text = (dest / "cases" / "tart.yaml").read_text(encoding="utf-8")
    text = text.replace("id: tart", "id: pie", 1).replace(
        "victim: mabel", "victim: mabel\nrequires: [tart]", 1
    )
    (dest / "cases" / "pie.yaml").write_text(text, encoding="utf-8")
    with open(dest / "pack.yaml", "a", encoding="utf-8") as fh:
        fh.write("  - cases/pie.yaml\n")
    return dest


def play(
    folder: Path,
    pack: Pack,
    actions: Sequence[Action],
    name: str | None = None,
    notes: Sequence[tuple[int, str]] = (),
    case: str = "tart",
) -> Path:
    """Play `actions` in a new session, writing `notes` (after step k), and return the file."""
    session = start_session(folder, pack, case, name)
    with session:
        for text in (t for k, t in notes if k == 0):
            assert session.note(text) is None
        for n, action in enumerate(actions, 1):
            assert session.record(action) is None
            for text in (t for k, t in notes if k == n):
                assert session.note(text) is None
        if not session.saved:
            assert session.save() is None
    return session.path


def resign(data: bytes) -> bytes:
    """Bytes edited by a test, with the check made right again: a deliberate tamper that only
    the format's own rules can catch."""
    lead = data.rfind(CHECK_LEAD)
    body = data[:lead]
    return body + CHECK_LEAD + hashlib.sha256(body).hexdigest().encode() + b'"\n}\n'


def resign_text(edit: Callable[[str], str]) -> Callable[[bytes], bytes]:
    def go(data: bytes) -> bytes:
        lead = data.rfind(CHECK_LEAD)
        return resign(edit(data[:lead].decode("utf-8")).encode("utf-8") + data[lead:])

    return go


__all__ = [
    "SOLVE",
    "WANDER",
    "Session",
    "load",
    "play",
    "replay",
    "resign",
    "resign_text",
    "solution_path",
]
