"""The `whodunit` command: a thin layer over the pack, engine, saves and UI layers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .commands import COMMANDS

if TYPE_CHECKING:
    from ..pack.findings import Finding
    from ..pack.model import Pack

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _err(text: str) -> None:
    from .report import err

    err(text)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser. Only the module of `command` is imported (when it has one); the
    other subcommands are listed from their help alone."""
    parser = argparse.ArgumentParser(
        prog="whodunit",
        description="A terminal deduction game. With no command, opens the game on the "
        "built-in Archer School cases (a fan-made work).",
    )
    parser.add_argument("--version", action="version", version=f"whodunit {__version__}")
    parser.add_argument(
        "--saves-dir",
        dest="ui_saves_dir",
        metavar="DIR",
        help="the saves folder (default: $WHODUNIT_SAVES, or saves/ in the working directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play a case (in the terminal UI, or --plain)")
    play.add_argument("pack", nargs="?", help="a pack folder or built-in pack id (default: archer)")
    play.add_argument("--case", help="the case id to play")
    play.add_argument("--plain", action="store_true", help="plain line-based text, no UI")
    play.add_argument("--script", metavar="FILE", help="with --plain: run a walkthrough file")
    play.add_argument("--no-mouse", action="store_true", help="turn the mouse off in the UI")
    play.add_argument(
        "--watch",
        action="store_true",
        help="reload the pack when its files change, keeping your place (UI or --plain)",
    )
    from .options import add_arguments as add_save_arguments

    add_save_arguments(play)

    from importlib import import_module

    for name, (module, help_text) in COMMANDS.items():
        if name == command:
            import_module(f"{__package__}.{module}").add_parser(sub)
        else:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


# Options before the command that take a value: that value is not the command.
_VALUE_OPTIONS = ("--saves-dir",)


def _command_of(argv: Sequence[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(argv))
    args = parser.parse_args(argv)
    if getattr(args, "saves_dir", None) is None and getattr(args, "ui_saves_dir", None):
        args.saves_dir = args.ui_saves_dir  # `whodunit --saves-dir DIR COMMAND` is for every one
    try:
        if getattr(args, "handler", None) is not None:
            return args.handler(args)
        if args.command == "play":
            return cmd_play(args)
        return cmd_ui(None, None, mouse=True, saves_dir=args.ui_saves_dir)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def load_for_play(name: str | None) -> Pack | None:
    """Load a pack to play, printing what is wrong with it instead of failing noisily."""
    from ..pack.builtin import PackNotFound, resolve_pack
    from ..pack.loader import load_pack

    try:
        path = resolve_pack(name)
    except PackNotFound as exc:
        _err(str(exc))
        return None
    pack, findings = load_pack(path)
    if pack is None:
        _print_findings(findings)
        _err(f"cannot play '{path}': fix the errors above (`whodunit validate {path}`)")
    return pack


def _print_findings(findings: list[Finding]) -> None:
    for f in findings:
        print(f, file=sys.stderr)


def cmd_play(args: argparse.Namespace) -> int:
    if args.script and not args.plain:
        _err("--script needs --plain")
        return EXIT_USAGE
    from .options import option_problem

    problem = option_problem(args)
    if problem is not None:
        _err(problem)
        return EXIT_USAGE
    if getattr(args, "watch", False):
        if args.script:
            _err("--watch does not run walkthroughs; run them with `whodunit test PACK`")
            return EXIT_USAGE
        if not args.plain:
            return cmd_ui(args.pack, args.case, mouse=not args.no_mouse, watch=True)
        from ..pack.builtin import PackNotFound, resolve_pack

        try:
            path = resolve_pack(args.pack)
        except PackNotFound as exc:
            _err(str(exc))
            return EXIT_FAIL
        from .watch import run_watch

        return run_watch(path, args.case)
    if not args.plain:
        saves_dir = args.saves_dir or getattr(args, "ui_saves_dir", None)
        return cmd_ui(args.pack, args.case, mouse=not args.no_mouse, saves_dir=saves_dir)
    from . import saving

    if args.load:
        return saving.play_loaded(args)
    pack = load_for_play(args.pack)
    if pack is None:
        return EXIT_FAIL
    if args.case is not None and args.case not in pack.cases:
        _err(f"no case '{args.case}' in pack '{pack.id}'; its cases: {', '.join(pack.cases)}")
        return EXIT_USAGE
    closed = saving.closed_case(args, pack)
    if closed is not None:
        _err(closed)
        return EXIT_USAGE
    from .plain import run_script

    if args.script:
        try:
            text = Path(args.script).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _err(f"cannot read walkthrough '{args.script}': {getattr(exc, 'strerror', exc)}")
            return EXIT_FAIL
        saver, taken = saving.script_saver(args, pack)
        if taken is not None:
            _err(taken)
            return EXIT_USAGE
        result = run_script(pack, text, print, args.case, setup=saver.attach if saver else None)
        if saver is not None:
            saver.finish()
        for problem in result.problems:
            _err(f"{args.script}: {problem}")
        return EXIT_OK if result.ok else EXIT_FAIL
    case = pack.cases[args.case] if args.case else pack.first_case
    return saving.play_new(args, pack, case)


def cmd_ui(
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
        _err("the terminal UI is not available in this build; use `whodunit play --plain`")
        return EXIT_FAIL

    def folder_store(pack: Pack):  # a whodunit.saves.FolderStore
        from ..saves import FolderStore, saves_folder

        return FolderStore(saves_folder(saves_dir), pack=pack, pack_source=pack_name)

    return run_app(
        pack_name, case_id, mouse=mouse, store=None if watch else folder_store, watch=watch
    )
