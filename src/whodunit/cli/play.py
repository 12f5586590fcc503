"""`whodunit play [PACK]`: a case in the terminal UI, or `--plain` line by line (see saving.py
for plain mode's saves), or `--watch` following the pack's edits while it is written.

This module imports nothing heavy: `whodunit` with no command starts the UI through it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .commands import PACK_HELP, help_for
from .options import add_arguments, option_problem
from .report import err, no_case, pack_to_play, resolve_or_report

if TYPE_CHECKING:
    from ..pack.model import Pack
    from ..saves import FolderStore

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
EXIT_NOT_SAVED = 3  # played, but what was asked to be saved was not (see saving.py)

EXIT_STATUS = """\
exit status:
  0  played (and saved, unless --no-save); with --script: every command was accepted
     and every expectation held
  1  the pack, the save or the walkthrough file cannot be used (a save open in
     another whodunit, say), or a walkthrough failed
  2  the command line is wrong (an unknown case or save, a save name that is taken)
  3  played, but not saved: the game, or its last steps, could not be written (a
     read-only or full disk, or another whodunit took the name); in interactive play
     the game is printed on stderr as a walkthrough, so that it is not lost"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    play = sub.add_parser(
        "play",
        help=help_for("play"),
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    play.add_argument("pack", nargs="?", help=f"{PACK_HELP} (default: archer)")
    play.add_argument("--case", help="the case id to play")
    play.add_argument("--plain", action="store_true", help="plain line-based text, no UI")
    play.add_argument("--script", metavar="FILE", help="with --plain: run a walkthrough file")
    play.add_argument("--no-mouse", action="store_true", help="turn the mouse off in the UI")
    play.add_argument(
        "--watch",
        action="store_true",
        help="reload the pack when its files change, keeping your place (UI or --plain)",
    )
    add_arguments(play)
    play.set_defaults(handler=run)


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.script and not args.plain:
        return "--script needs --plain"
    problem = option_problem(args)
    if problem is None and args.watch and args.script:
        return "--watch does not run walkthroughs; run them with `whodunit test PACK`"
    return problem


def run(args: argparse.Namespace) -> int:
    problem = _usage_problem(args)
    if problem is not None:
        err(problem)
        return EXIT_USAGE
    if not args.plain:
        saves_dir = args.saves_dir or getattr(args, "ui_saves_dir", None)
        return run_ui(args.pack, args.case, not args.no_mouse, saves_dir, watch=args.watch)
    if args.watch:
        path = resolve_or_report(args.pack)
        if path is None:
            return EXIT_FAIL
        from .watch import run_watch

        return run_watch(path, args.case)
    from . import saving

    if args.load:
        return saving.play_loaded(args)
    pack = pack_to_play(args.pack)
    if pack is None:
        return EXIT_FAIL
    problem = no_case(args.case, pack) if args.case not in (None, *pack.cases) else None
    if problem is None:
        problem = saving.closed_case(args, pack)
    if problem is not None:
        err(problem)
        return EXIT_USAGE
    if args.script:
        return _run_script(args, pack)
    case = pack.cases[args.case] if args.case else pack.first_case
    return saving.play_new(args, pack, case)


def _run_script(args: argparse.Namespace, pack: Pack) -> int:
    """`--plain --script FILE [--save NAME]`: a walkthrough, checked as it runs."""
    from . import saving
    from .plain import run_script

    try:
        text = Path(args.script).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err(f"cannot read walkthrough '{args.script}': {getattr(exc, 'strerror', exc)}")
        return EXIT_FAIL
    saver, taken = saving.script_saver(args, pack)
    if taken is not None:
        err(taken)
        return EXIT_USAGE
    result = run_script(pack, text, print, args.case, setup=saver.attach if saver else None)
    saved = True
    if saver is not None:
        saved = saver.finish(_script_command(args))
    for problem in result.problems:
        err(f"{args.script}: {problem}")
    if not result.ok:
        return EXIT_FAIL
    return EXIT_OK if saved else EXIT_NOT_SAVED


def _script_command(args: argparse.Namespace) -> str:
    import shlex

    words = ["whodunit", "play", "--plain", *([args.pack] if args.pack else [])]
    words += ["--script", args.script, "--save", args.save]
    if args.saves_dir:
        words += ["--saves-dir", args.saves_dir]
    return shlex.join(words)


def run_ui(
    pack_name: str | None,
    case_id: str | None,
    mouse: bool,
    saves_dir: str | None = None,
    watch: bool = False,
) -> int:
    """The Textual UI. Games are saved in the saves folder, through a store made once the pack
    has loaded (so the saves layer is not imported before the title screen is up); watch mode
    follows the pack's edits and saves nothing."""
    try:
        from ..tui.app import run_app
    except ImportError:
        err("the terminal UI is not available in this build; use `whodunit play --plain`")
        return EXIT_FAIL

    def folder_store(pack: Pack) -> FolderStore:
        from ..saves import FolderStore, saves_folder

        return FolderStore(saves_folder(saves_dir), pack=pack, pack_source=pack_name)

    return run_app(
        pack_name, case_id, mouse=mouse, store=None if watch else folder_store, watch=watch
    )
