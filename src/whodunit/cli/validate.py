"""`whodunit validate PACK`: check a clue pack and report every problem."""

from __future__ import annotations

import argparse
import sys

from .commands import help_for

EXIT_OK, EXIT_FAIL = 0, 1


def add_parser(sub: argparse._SubParsersAction) -> None:
    val = sub.add_parser("validate", help=help_for("validate"))
    val.add_argument("pack", help="the pack folder (or its pack.yaml)")
    val.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text (default), json for editors, or github for GitHub Actions annotations",
    )
    val.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..pack.fairplay import check_pack
    from ..pack.findings import findings_github, findings_json, has_errors, sort_findings
    from ..pack.loader import load_pack

    pack, findings = load_pack(args.pack)
    if pack is not None:
        findings = sort_findings([*findings, *check_pack(pack)])
    if args.format == "json":
        print(findings_json(findings))
    elif args.format == "github":
        if findings:
            print(findings_github(findings))
        errors = sum(1 for f in findings if f.severity.value == "error")
        print(f"{errors} error(s), {len(findings) - errors} warning(s)", file=sys.stderr)
    else:
        for f in findings:
            print(f)
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = len(findings) - errors
        if findings:
            print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        else:
            title = pack.title if pack else args.pack
            cases = len(pack.cases) if pack else 0
            from ..text import clean

            print(f"ok: {clean(title)} ({cases} case{'s' if cases != 1 else ''}) is valid and fair")
    return EXIT_FAIL if has_errors(findings) else EXIT_OK
