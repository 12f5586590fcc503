"""The `whodunit` command: a thin layer over the pack, engine, saves and UI layers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from .. import __version__
from .commands import COMMANDS

EXIT_OK = 0


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
            return int(args.handler(args))
        from .play import run_ui

        return run_ui(None, None, mouse=True, saves_dir=args.ui_saves_dir)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
