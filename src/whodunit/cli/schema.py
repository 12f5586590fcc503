"""`whodunit schema`: print the JSON Schema of the pack format (draft 2020-12).

Editors with yaml-language-server use it through the comment at the top of a pack file:
`# yaml-language-server: $schema=schema.json` (packs made by `whodunit new` carry it already).
"""

from __future__ import annotations

import argparse
import sys

from ..pack.schema import schema_json
from .commands import help_for


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help=help_for("schema"),
        description="Print a JSON Schema (draft 2020-12) of pack files: the manifest, the cast "
        "and case files. Save it next to your pack (`whodunit schema > mypack/schema.json`) and "
        "start each YAML file with `# yaml-language-server: $schema=schema.json`.",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json())
    return 0
