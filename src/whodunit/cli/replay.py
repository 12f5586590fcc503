"""`whodunit replay SAVE`: a saved game as a transcript, checked against the pack as it is now.

    whodunit replay SAVE                  print the game, step by step, as plain mode showed it
    whodunit replay SAVE --to N           stop after step N
    whodunit replay SAVE --verify         only check it: exit 1 with the first step that no
                                          longer fits the pack, 0 when every step fits
    whodunit replay SAVE --export F.md    write a shareable Markdown transcript
    whodunit replay SAVE --walkthrough F  write it as a plain-mode walkthrough (run it with
                                          `whodunit play --plain --script F [--save NAME]`)

Exit codes: 0 the save (up to --to) fits; 1 it is damaged or a step no longer fits, or a file
could not be written; 2 the command line names no save, no pack, or a step the save lacks.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..engine import format_action, replay
from ..saves import (
    Fit,
    SaveError,
    atomic_write,
    fit_save,
    read_save,
    resolve_save,
    saves_folder,
    walkthrough_text,
)
from ..text import clean
from .commands import help_for
from .options import add_saves_dir
from .plain import PlainGame
from .report import err as _err
from .report import pack_to_play

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay",
        help=help_for("replay"),
        description="Replay a saved game against the pack as it is now and print it as a "
        "transcript. Exit status: 0 when every step (up to --to) still fits, 1 when the save "
        "is damaged or a step no longer fits, 2 when the save or pack cannot be found.",
    )
    p.add_argument("save", metavar="SAVE", help="a save's name in the saves folder, or a file")
    p.add_argument(
        "--pack", help="the pack folder or id (default: the built-in pack the save names)"
    )
    p.add_argument("--to", metavar="N", type=int, help="stop after step N")
    p.add_argument(
        "--verify",
        action="store_true",
        help="print no transcript: only check that every step still fits the pack",
    )
    p.add_argument("--export", metavar="FILE.md", help="write the transcript as Markdown")
    p.add_argument(
        "--walkthrough", metavar="FILE", help="write the game as a plain-mode walkthrough"
    )
    add_saves_dir(p)
    p.set_defaults(handler=run)


def _load(args: argparse.Namespace) -> tuple[Fit | None, int]:
    folder = saves_folder(args.saves_dir)
    try:
        path = resolve_save(folder, args.save)
    except SaveError as exc:
        _err(str(exc))
        return None, EXIT_USAGE
    try:
        save = read_save(path)
    except SaveError as exc:
        _err(f"{exc} (the file is left as it is)")
        return None, EXIT_FAIL
    pack = pack_to_play(args.pack or save.pack.id)
    if pack is None:
        if not args.pack:
            _err(
                f"{path}: this is a save of the pack '{save.pack.id}': name the pack's folder "
                f"with --pack FOLDER"
            )
        return None, EXIT_USAGE
    try:
        return fit_save(path, save, pack), EXIT_OK
    except SaveError as exc:
        _err(str(exc))
        return None, EXIT_FAIL


def run(args: argparse.Namespace) -> int:
    if args.to is not None and args.to < 0:
        _err("--to needs a step number from 0")
        return EXIT_USAGE
    fit, code = _load(args)
    if fit is None:
        return code
    save = fit.save
    to = save.steps if args.to is None else args.to
    if to > save.steps:
        _err(f"{fit.path}: --to {to}: the save has only {save.steps} steps")
        return EXIT_USAGE
    fits = to <= fit.steps  # every step up to `to` fits
    shown = min(to, fit.steps)

    code = EXIT_OK
    lines = transcript(fit, shown)
    if not args.verify and not args.export and not args.walkthrough:
        for line in lines:
            print(line)
    if args.export and not _write(fit, args.export, markdown(fit, shown, lines)):
        code = EXIT_FAIL
    if args.walkthrough:
        ending = _ending_after(fit, shown)
        text = walkthrough_text(save, shown, ending, source=fit.path.name)
        if not _write(fit, args.walkthrough, text):
            code = EXIT_FAIL
    if not fits:
        _err(f"{fit.path}: {fit.problem_text()} (the pack '{fit.pack.id}' {fit.pack.version})")
        return EXIT_FAIL
    if args.verify:
        changed = " (the pack has changed since the save, but they still fit)"
        changed = changed if fit.pack_changed else ""
        ending = _ending_after(fit, shown)
        end = f", {ending}" if ending else ""
        print(
            f"ok: {clean(str(fit.path))}: all {shown} steps fit the pack '{fit.pack.id}' "
            f"{clean(fit.pack.version)}{end}{changed}"
        )
    return code


def _ending_after(fit: Fit, step: int) -> str | None:
    if step == fit.steps:
        return fit.state.ending
    return replay(fit.case, fit.save.actions[:step]).ending


def transcript(fit: Fit, steps: int) -> list[str]:
    """The game up to `steps` as plain mode showed it, each command marked with its step."""
    lines: list[str] = []
    game = PlainGame(fit.pack, fit.case, lines.append)
    notes: dict[int, list[str]] = {}
    for note in fit.save.notes:
        if note.step <= steps:
            notes.setdefault(note.step, []).append(note.text)
    game.start()
    for text in notes.get(0, []):
        game.say(f"(notebook: {text})")
    for n, action in enumerate(fit.save.actions[:steps], 1):
        lines.append("")
        lines.append(f"[{n}] > {clean(format_action(action))}")
        game.act(action)
        for text in notes.get(n, []):
            game.say(f"(notebook: {text})")
    return lines


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))


def _code(text: str) -> str:
    """Text as a Markdown code span, shown exactly as written: escapes mean nothing inside one,
    so the span's backticks are made longer than any run of them in the text instead."""
    text = " ".join(clean(text).split())
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def markdown(fit: Fit, steps: int, lines: list[str]) -> str:
    """A shareable transcript: a short header, then the transcript in a code block so that
    no text from the pack or the save is read as Markdown or HTML."""
    save = fit.save
    body = "\n".join(lines)
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    ending = _ending_after(fit, steps)
    status = {"solved": "solved", "out_of_chances": "out of accusations"}.get(ending or "", "")
    header = [
        f"# {_md(fit.case.title)}",
        "",
        f"A game of whodunit, replayed from the save {_code(fit.path.name)}.",
        "",
        f"- Pack: {_md(fit.pack.title)} ({_md(fit.pack.id)} {_md(fit.pack.version)})",
        f"- Case: {_md(fit.case.id)}",
        f"- Played: {_md(save.created)} to {_md(save.updated)}",
        f"- Steps: {steps}" + (f", {status}" if status else ", unfinished"),
        "",
    ]
    return "\n".join([*header, f"{fence}text", body, fence, ""])


def _write(fit: Fit, target: str, text: str) -> bool:
    path = Path(target)
    try:
        if path.exists() and path.resolve() == fit.path.resolve():
            _err(f"{path}: that is the save itself; write to another file")
            return False
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        _err(f"{path}: cannot write it ({exc.strerror or exc})")
        return False
    print(f"wrote {clean(str(path))}")
    return True
