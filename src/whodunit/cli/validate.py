"""`whodunit validate PACK [--format text|json|github] [--exhaustive] [--counterexample FILE]`.

Every problem as `file:line:col`, then the fair-play checker's verdict. A finding that says a
case can be lost comes with the order of play that loses it, which `--counterexample` writes as a
walkthrough the author can run (`whodunit play --plain PACK --script FILE`) or step through.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine import format_action
from ..engine.trail import trail_actions
from ..pack.fairplay import check_case
from ..pack.findings import Finding, findings_github, findings_json, has_errors, sort_findings
from ..pack.loader import load_pack
from ..pack.model import Pack
from ..text import clean
from .commands import PACK_HELP, help_for
from .report import err, resolve_or_report

EXIT_OK, EXIT_FAIL = 0, 1


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("validate", help=help_for("validate"))
    p.add_argument("pack", help=PACK_HELP)
    p.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text (default), json for editors, or github for GitHub Actions annotations",
    )
    p.add_argument(
        "--exhaustive",
        action="store_true",
        help="search every state of each case (up to 200,000) instead of the fast checker",
    )
    p.add_argument(
        "--counterexample",
        metavar="FILE",
        help="write the order of play behind the first unfair finding as a walkthrough",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = resolve_or_report(args.pack)
    if path is None:
        return EXIT_FAIL
    pack, findings = load_pack(path)
    trails: dict[int, tuple[str, list[str]]] = {}
    if pack is not None:
        checked = _check(pack, args.exhaustive)
        findings = sort_findings([*findings, *checked])
        trails = _trails(pack, findings, checked)
    if args.format == "json":
        print(findings_json(findings, {n: commands for n, (_, commands) in trails.items()}))
    elif args.format == "github":
        if findings:
            print(findings_github(findings))
        _summary(findings)
    else:
        for n, f in enumerate(findings):
            print(f)
            if n in trails:
                print(f"  lost by: {clean('; '.join(trails[n][1]))}")
        if findings:
            _summary(findings)
        else:
            title = pack.title if pack else args.pack
            cases = len(pack.cases) if pack else 0
            print(f"ok: {clean(title)} ({cases} case{'s' if cases != 1 else ''}) is valid and fair")
    if args.counterexample:
        if not trails:
            err(f"no counterexample written to '{args.counterexample}': no finding has one")
        elif not _write(Path(args.counterexample), findings[min(trails)], *trails[min(trails)]):
            return EXIT_FAIL
    return EXIT_FAIL if has_errors(findings) else EXIT_OK


def _check(pack: Pack, exhaustive: bool) -> dict[Finding, str]:
    """Every fair-play finding, with the id of its case."""
    out: dict[Finding, str] = {}
    for case in pack.cases.values():
        for f in check_case(case, exhaustive=exhaustive):
            out.setdefault(f, case.id)
    return out


def _trails(
    pack: Pack, findings: list[Finding], checked: dict[Finding, str]
) -> dict[int, tuple[str, list[str]]]:
    out: dict[int, tuple[str, list[str]]] = {}
    for n, f in enumerate(findings):
        if f.trail and f in checked:
            case = pack.cases[checked[f]]
            out[n] = (case.id, [format_action(a) for a in trail_actions(case, f.trail)])
    return out


def _write(path: Path, finding: Finding, case_id: str, commands: list[str]) -> bool:
    lines = [
        "# A whodunit walkthrough written by `whodunit validate --counterexample`.",
        f"# {' '.join(str(finding).split())}",
        "# These moves lose it for good: play them, then try to solve the case.",
        f"#! case {case_id}",
        "#! expect unfinished",
        *commands,
    ]
    try:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        err(f"cannot write the counterexample to '{path}': {exc.strerror or exc}")
        return False
    print(f"counterexample written to {clean(str(path))}", file=sys.stderr)
    return True


def _summary(findings: list[Finding]) -> None:
    errors = sum(1 for f in findings if f.severity.value == "error")
    print(f"{errors} error(s), {len(findings) - errors} warning(s)", file=sys.stderr)
