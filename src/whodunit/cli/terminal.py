"""Plain mode at a real terminal: line editing, tab completion of ids, and text wrapped to the
terminal's width. None of it applies when input or output is a pipe or a file."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable

from .plain import HELP, PlainGame


def wrap(text: str, width: int) -> str:
    """Fill each paragraph to `width`, joining the author's hard line breaks; indented lines
    (lists) are wrapped one by one under their own indent."""
    out: list[str] = []
    for para in text.split("\n\n"):
        lines = para.split("\n")
        if all(line and not line[0].isspace() for line in lines):
            out.append(textwrap.fill(" ".join(lines), width) if para.strip() else para)
            continue
        filled = []
        for line in lines:
            indent = line[: len(line) - len(line.lstrip())]
            more = indent + "  "
            filled.append(textwrap.fill(line, width, subsequent_indent=more) if line else line)
        out.append("\n".join(filled))
    return "\n\n".join(out)


def _verbs() -> list[str]:
    # A command's line starts two spaces in; its explanation may go on, further in, below.
    return sorted({line.split()[0] for line in HELP.splitlines()[1:] if line[2:3].strip()})


def completer(game: PlainGame) -> Callable[[str, int], str | None]:
    """Complete commands and the ids that make sense now."""
    from ..engine import (
        accusation_options,
        holdings,
        open_places,
        open_suspects,
        open_things,
        open_topics,
    )

    def words() -> list[str]:
        case, state = game.case, game.state
        ids = [p.id for p in open_places(case, state)]
        ids += [t.id for t in open_things(case, state)]
        for s in open_suspects(case, state):
            ids.append(s.id)
            ids += [t.id for t in open_topics(case, state, s.id)]
        ids += holdings(case, state)  # clues found, and SUSPECT/TOPIC of answers heard
        for claim in case.deduction.claims.values():
            ids += accusation_options(case, state)[claim.id]
        return sorted({*_verbs(), *ids, "to"})

    matches: list[str] = []

    def complete(text: str, n: int) -> str | None:
        nonlocal matches
        if n == 0:
            matches = [w + " " for w in words() if w.startswith(text)]
        return matches[n] if n < len(matches) else None

    return complete


def make_interactive(game: PlainGame) -> None:
    """Line editing, history and tab completion at a terminal, and text fitted to its width."""
    if sys.stdout.isatty():
        width = max(40, min(shutil.get_terminal_size().columns - 1, 100))
        game.wrap = lambda text: wrap(text, width)
    if not sys.stdin.isatty():
        return
    try:
        import readline
    except ImportError:  # not every Python has it; plain input() still works
        return
    readline.set_completer(completer(game))
    readline.set_completer_delims(" ,=:")
    readline.parse_and_bind("tab: complete")
