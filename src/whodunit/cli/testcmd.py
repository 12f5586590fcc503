"""`whodunit test PACK`: run every walkthrough in the pack's walkthroughs/ folder.

Each walkthrough runs exactly as `whodunit play --plain PACK --script FILE` runs it; this command
reports each one's result and exits 1 if any failed, so a pack's own CI can run it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..pack.findings import Finding, Pos, error
from ..text import clean
from .commands import PACK_HELP, help_for
from .plain import run_script
from .report import load_or_report

REFUSED = "command '"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "test",
        help=help_for("test"),
        description="Run every walkthrough in PACK/walkthroughs/ (*.txt) and report each "
        "result. Exit status 0 when all pass, 1 when any fails or the pack does not load.",
    )
    p.add_argument("pack", help=PACK_HELP)
    p.add_argument(
        "-v", "--verbose", action="store_true", help="print each walkthrough's transcript too"
    )
    p.set_defaults(handler=run)


def _command_lines(text: str) -> list[int]:
    """The line number of every command, in the order the script runner sees them."""
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(n)
    return out


def _blocks(transcript: list[str]) -> list[list[str]]:
    """The output that followed each command of the transcript."""
    blocks: list[list[str]] = []
    for line in transcript:
        if line.startswith("> "):
            blocks.append([])
        elif blocks:
            blocks[-1].append(line)
    return blocks


def explain(problems: list[str], text: str, transcript: list[str]) -> list[str]:
    """Problems with the line of each refused command and the game's reason."""
    lines = _command_lines(text)
    commands = [raw.strip() for raw in text.splitlines() if raw.strip() and raw.strip()[0] != "#"]
    blocks = _blocks(transcript)
    out: list[str] = []
    at = 0
    for problem in problems:
        if problem.startswith(REFUSED) and problem.endswith("' was refused"):
            wanted = problem[len(REFUSED) : -len("' was refused")]
            for j in range(at, len(commands)):
                if clean(commands[j]) == wanted:
                    at = j + 1
                    reason = (
                        next((x for x in blocks[j] if x.strip()), "") if j < len(blocks) else ""
                    )
                    where = f"line {lines[j]}: " if j < len(lines) else ""
                    out.append(f"{where}{problem}" + (f": {reason}" if reason else ""))
                    break
            else:
                out.append(problem)
        else:
            line = _directive_line(problem, text)
            out.append(f"line {line}: {problem}" if line else problem)
    return out


_UNKNOWN_DIRECTIVE = re.compile(r"unknown directive '#! (.*?)'")
_UNKNOWN_ENDING = re.compile(r"unknown ending '(.*?)' in '#! expect'")


def _directive_line(problem: str, text: str) -> int | None:
    """The line of the `#!` directive a problem is about, if it is about one."""
    wanted: tuple[str, str | None]
    if m := _UNKNOWN_DIRECTIVE.match(problem):
        wanted = (m.group(1), None)
    elif m := _UNKNOWN_ENDING.match(problem):
        wanted = ("expect", m.group(1))
    else:
        return None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("#!"):
            key, _, value = line[2:].strip().partition(" ")
            if clean(key) == wanted[0] and wanted[1] in (None, clean(value.strip())):
                return n
    return None


def _read(path: str, root: Path) -> str | Finding:
    """A walkthrough's text, or the finding that says why it cannot be run. Like every pack
    file, it must lie inside the pack folder: a link out of it is not read."""
    try:
        Path(path).resolve().relative_to(root.resolve())
    except ValueError:
        return error(
            Pos(path),
            "E012",
            "it is a link that leads outside the pack folder; copy the file into the pack's "
            "walkthroughs/ folder instead",
        )
    except OSError as exc:
        return error(Pos(path), "E301", f"cannot read it: {exc.strerror or exc}")
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or "it is not UTF-8 text"
        return error(Pos(path), "E301", f"cannot read it: {why}; save it as UTF-8 text")


def run(args: argparse.Namespace) -> int:
    pack = load_or_report(args.pack, "test")
    if pack is None:
        return 1
    folder = Path(pack.root) / "walkthroughs"
    if not pack.walkthroughs:
        print(
            f"whodunit: no walkthroughs in {folder}; add one (a .txt file of plain-mode "
            "commands, see docs/authoring.md)",
            file=sys.stderr,
        )
        return 1
    passed = failed = 0
    for w in pack.walkthroughs:
        text = _read(w.path, Path(pack.root))
        if isinstance(text, Finding):
            print(f"FAIL  {clean(w.path)}")
            print(f"      {text}")
            failed += 1
            continue
        transcript: list[str] = []
        result = run_script(pack, text, transcript.append)
        print(f"{'PASS' if result.ok else 'FAIL'}  {clean(w.path)}")
        if args.verbose:
            for line in transcript:
                print(f"      | {line}")
        for problem in explain(result.problems, text, transcript):
            print(f"      {clean(problem)}")
        if result.ok:
            passed += 1
        else:
            failed += 1
    total = passed + failed
    print(f"{total} walkthrough{'s' if total != 1 else ''}: {passed} passed, {failed} failed")
    return 1 if failed else 0
