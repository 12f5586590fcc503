"""The play and saves options, kept free of heavy imports: `whodunit` starts the UI through
them, and the title screen should not wait for modules it does not use."""

from __future__ import annotations

import argparse


def add_arguments(play: argparse.ArgumentParser) -> None:
    play.add_argument(
        "--save",
        metavar="NAME",
        help="with --plain: save this game as NAME in the saves folder (with --load: continue "
        "the save as a new game NAME, leaving it as it is)",
    )
    play.add_argument(
        "--load",
        metavar="SAVE",
        help="with --plain: continue a saved game (its name in the saves folder, or a file)",
    )
    play.add_argument(
        "--to",
        metavar="N",
        type=int,
        help="with --load: take the save over from step N as a new game (the save is kept)",
    )
    play.add_argument("--no-save", action="store_true", help="with --plain: do not save this game")
    add_saves_dir(play)


def add_saves_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--saves-dir",
        metavar="DIR",
        help="the saves folder (default: $WHODUNIT_SAVES, or saves/ in the working directory)",
    )


def option_problem(args: argparse.Namespace) -> str | None:
    """Why these play options do not go together, or None."""
    load, save, to = args.load, args.save, args.to
    # `--save=` and `--load=` are given, but empty: said so below, never taken as not given.
    if (load is not None or save is not None or to is not None or args.no_save) and not args.plain:
        return "--load, --save, --to and --no-save work with --plain (the UI has Continue and Load)"
    if getattr(args, "watch", False) and (load is not None or save is not None):
        return "--watch does not save or load games; play without --watch to use --load or --save"
    if load == "":
        return "--load needs a save: its name in the saves folder, or a file"
    if to is not None and not load:
        return "--to needs --load: `whodunit play --plain --load SAVE --to N`"
    if to is not None and to < 0:
        return "--to needs a step number from 0"
    if save is not None and args.no_save:
        return "--save and --no-save contradict each other; choose one"
    if load and args.script:
        return (
            "--load and --script do not go together; export the save with `whodunit replay "
            "SAVE --walkthrough FILE` to run it as a walkthrough"
        )
    if load and args.case:
        return "--case is not needed with --load: the save says which case it is"
    if save is not None:
        from ..saves import check_name

        try:
            check_name(save)
        except ValueError as exc:
            return f"--save: {exc}"
    return None
