"""Telling the person at the terminal what went wrong: one line on stderr, `whodunit: ...`.

Messages often quote what came from a pack or a save (ids, names, file names), so they go
through `whodunit.text.clean` on the way: such text is shown literally, never as terminal control.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..text import clean

if TYPE_CHECKING:
    from pathlib import Path

    from ..pack.findings import Finding
    from ..pack.model import Pack


def err(text: str) -> None:
    print(f"whodunit: {clean(text)}", file=sys.stderr)


def findings_then(findings: Iterable[Finding], text: str) -> None:
    """Every finding on stderr (each one line, `file:line:col: ...`), then `text` after them."""
    for f in findings:
        print(f, file=sys.stderr)
    err(text)


def resolve_or_report(name: str | None) -> Path | None:
    """The folder of the pack `name` (a folder, or a built-in or installed pack's id; None for
    the default), or None after saying that there is no such pack."""
    from ..pack.builtin import PackNotFound, resolve_pack

    try:
        return resolve_pack(name)
    except PackNotFound as exc:
        err(str(exc))
        return None


def pack_to_play(name: str | None) -> Pack | None:
    """The pack `name` loaded to play, or None after saying why it cannot be used."""
    path = resolve_or_report(name)
    return None if path is None else load_or_report(path, "play")


def load_or_report(name: str | Path, doing: str) -> Pack | None:
    """The pack `name` (a folder, or a built-in or installed pack's id when given as text), or
    None after printing why it cannot be used for `doing` (a verb: "draw", "test")."""
    from ..pack.loader import load_pack

    path = resolve_or_report(name) if isinstance(name, str) else name
    if path is None:
        return None
    pack, findings = load_pack(path)
    if pack is None:
        findings_then(
            findings, f"cannot {doing} '{name}': fix the errors above (`whodunit validate {name}`)"
        )
    return pack


def no_case(case_id: str, pack: Pack) -> str:
    return f"no case '{case_id}' in pack '{pack.id}'; its cases: {', '.join(pack.cases)}"
