"""`whodunit schema [PACK] [--kind manifest|cast|case]`: print the JSON Schema of the pack format
(draft 2020-12).

Editors with yaml-language-server use it through the comment at the top of a pack file:
`# yaml-language-server: $schema=schema.json` (packs made by `whodunit new` carry it already).
Without `--kind` the schema covers every kind of file and tells them apart by their keys; with
it, it covers one kind, so a fresh pack.yaml is offered the manifest's keys from its first line.
Given a pack, references must name the pack's own ids, so an editor completes them.
"""

from __future__ import annotations

import argparse
import sys

from ..pack.schema import KINDS, pack_ids, schema_json
from .commands import PACK_HELP, help_for
from .report import load_or_report


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help=help_for("schema"),
        description="Print a JSON Schema (draft 2020-12) of pack files: the manifest, the cast "
        "and case files. Save it next to your pack (`whodunit schema > mypack/schema.json`) and "
        "start each YAML file with `# yaml-language-server: $schema=schema.json`; or save one "
        "schema per kind of file (`--kind case`) and map each to its files in your editor "
        "(docs/authoring.md).",
    )
    p.add_argument(
        "pack",
        nargs="?",
        help=f"{PACK_HELP}: references must then name its own clues, places, suspects, ...",
    )
    p.add_argument(
        "--kind",
        choices=list(KINDS),
        help="the schema of one kind of file only: manifest (pack.yaml), cast or case",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    ids = None
    if args.pack is not None:
        pack = load_or_report(args.pack, "make a schema for")
        if pack is None:
            return 1
        ids = pack_ids(pack)
    sys.stdout.write(schema_json(ids, args.kind))
    return 0
