"""The subcommands that live in modules of their own, with their one-line help.

`whodunit` imports a subcommand's module only when that subcommand runs; the others appear in
`--help` from this table alone, so starting the game pays for none of them.
"""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("play", "play a case (in the terminal UI, or --plain)"),
    "validate": ("validate", "check a clue pack and report every problem"),
    "new": ("new", "start a new clue pack from a small, complete, commented example"),
    "graph": ("graph", "show a case as a graph: what reveals what, what rules out whom"),
    "schema": ("schema", "print the JSON Schema of the pack format, for YAML editors"),
    "upgrade": ("upgrade", "rewrite a clue pack of format 1 in format 2, in place or --out DIR"),
    "test": ("testcmd", "run every walkthrough of a pack and report each result"),
    "list": ("listing", "list every pack found (built-in and installed) with its cases"),
    "replay": ("replay", "print a saved game as a transcript, or check it against its pack"),
    "serve": ("serve", "serve the game to a web browser (on this machine by default)"),
}


def help_for(name: str) -> str:
    return COMMANDS[name][1]


PACK_HELP = "a pack folder (or its pack.yaml), or the id of a built-in or installed pack"
