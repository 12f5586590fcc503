"""`whodunit list`: every pack whodunit can find, with its cases.

Packs come from the built-in `story/` folder and from installed Python packages that declare an
entry point in the group `whodunit.packs` (see pack/installed.py). Each can be played by its id:
`whodunit play ID`. A folder anywhere can always be played by its path.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field

from ..pack.builtin import builtin_packs
from ..pack.findings import has_errors
from ..pack.installed import GROUP, installed_packs
from ..pack.loader import load_pack
from ..text import clean
from .commands import help_for


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "list",
        help=help_for("list"),
        description="List the built-in packs and the packs installed as Python packages "
        f"(entry point group '{GROUP}'), each with its cases. Play one with `whodunit play ID`.",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="text or json")
    p.set_defaults(handler=run)


@dataclass
class Listed:
    id: str
    source: str  # "built-in" or "installed"
    path: str | None
    title: str = ""
    detail: str = ""  # for installed packs: which distribution and entry point
    cases: list[dict[str, object]] = field(default_factory=list)
    problem: str = ""


def _describe(listed: Listed) -> Listed:
    if listed.path is None:
        return listed
    pack, findings = load_pack(listed.path)
    if pack is None or has_errors(findings):
        errors = sum(1 for f in findings if f.severity.value == "error")
        listed.problem = (
            f"cannot be loaded ({errors} error(s)); run `whodunit validate {listed.path}`"
        )
        return listed
    listed.title = pack.title
    listed.cases = [
        {"id": c.id, "title": c.title, "requires": list(c.requires)} for c in pack.cases.values()
    ]
    return listed


def find_all() -> list[Listed]:
    out = [
        _describe(Listed(pack_id, "built-in", str(path)))
        for pack_id, path in builtin_packs().items()
    ]
    builtin = {x.id for x in out}
    for ip in installed_packs():
        listed = Listed(
            ip.name,
            "installed",
            str(ip.path) if ip.path else None,
            detail=f"{ip.distribution}, entry point {ip.name} = {ip.value}",
            problem=ip.problem,
        )
        if ip.name in builtin and ip.path:
            listed.problem = f"hidden by the built-in pack '{ip.name}'; play it by its path"
        out.append(_describe(listed) if not listed.problem else listed)
    return out


def run(args: argparse.Namespace) -> int:
    found = find_all()
    if args.format == "json":
        print(json.dumps([vars(x) for x in found], indent=2))
        return 0

    def say(text: str) -> None:
        print(clean(text))  # titles and problems come from packs and their packages

    for source, heading in (("built-in", "Built-in packs"), ("installed", "Installed packs")):
        group = [x for x in found if x.source == source]
        say(f"{heading}:")
        if not group:
            hint = (
                f" (a Python package adds one with an entry point in '{GROUP}')"
                if source == "installed"
                else ""
            )
            say(f"  none{hint}")
        for x in group:
            where = x.path or "?"
            if x.detail:
                where = f"{where}; {x.detail}"
            say(f"  {x.id}  {x.title or '(no title)'}  [{where}]")
            if x.problem:
                say(f"    {x.problem}")
            width = max((len(str(c["id"])) for c in x.cases), default=0)
            for c in x.cases:
                requires = (
                    [str(r) for r in c["requires"]] if isinstance(c["requires"], list) else []
                )
                after = f"  (opens after: {', '.join(requires)})" if requires else ""
                say(f"    {str(c['id']).ljust(width)}  {c['title']}{after}")
    print("Play one with `whodunit play ID` (or `whodunit play PATH` for any pack folder).")
    return 0
