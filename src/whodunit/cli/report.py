"""Telling the person at the terminal what went wrong: one line on stderr, `whodunit: ...`.

Messages often quote what came from a pack or a save (ids, names, file names), so they go
through `whodunit.text.clean` on the way: such text is shown literally, never as terminal control.
"""

from __future__ import annotations

import sys

from ..text import clean


def err(text: str) -> None:
    print(f"whodunit: {clean(text)}", file=sys.stderr)
