"""A save as a plain-mode walkthrough: the same actions (and notebook lines) as commands, with
the ending they reach as its expectation. Running it with `--script FILE --save NAME` makes the
save again, so walkthroughs and saves are interchangeable."""

from __future__ import annotations

from ..engine import format_action
from ..text import clean
from .model import SaveData


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


def walkthrough_text(
    save: SaveData, steps: int | None = None, ending: str | None = None, source: str = ""
) -> str:
    """The first `steps` actions of `save` (all by default) as walkthrough lines. `ending` is
    the case's ending after them (None while unfinished), written as `#! expect`."""
    steps = save.steps if steps is None else steps
    notes: dict[int, list[str]] = {}
    for note in save.notes:
        if note.step <= steps and _one_line(note.text):
            notes.setdefault(note.step, []).append(_one_line(note.text))
    made_from = f" the save {_one_line(source)}" if source else " a save"
    lines = [
        f"# A whodunit walkthrough made from{made_from}:",
        f"# pack {_one_line(save.pack.id)} {_one_line(save.pack.version)}, {steps} steps.",
        f"#! case {save.case}",
        f"#! expect {ending or 'unfinished'}",
    ]
    lines += [f"note {text}" for text in notes.get(0, [])]
    for n, action in enumerate(save.actions[:steps], 1):
        lines.append(format_action(action))
        lines += [f"note {text}" for text in notes.get(n, [])]
    return "\n".join(lines) + "\n"
