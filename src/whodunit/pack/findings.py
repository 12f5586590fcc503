"""Findings: what the validator and the fair-play checker report, each at a source position."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ..text import clean


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a pack file; line and col count from 1."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


# Every kind of finding has a stable code; docs/diagnostics.md explains each one with a fix.
CODES: dict[str, str] = {
    "E001": "file cannot be read",
    "E002": "not valid YAML",
    "E003": "YAML feature not allowed in packs",
    "E004": "duplicate key",
    "E005": "unknown key",
    "E006": "missing key",
    "E007": "wrong type",
    "E008": "invalid id",
    "E009": "duplicate id",
    "E010": "unknown reference",
    "E011": "invalid value",
    "E012": "path outside the pack",
    "E013": "file too large or too deep",
    "W101": "unreachable content",
    "W102": "unused content",
    "W103": "text cut short by a comment",
    "W104": "two clues share a name",
    "E201": "answer cannot be reached",
    "E202": "suspect cannot be ruled out",
    "E203": "culprit is ruled out",
    "E204": "case can become unwinnable",
    "E205": "missing ending",
    "W206": "culprit has no evidence against them",
    "E207": "the starting place is closed",
    "W208": "fairness could not be proved",
    "W209": "true option gives itself away",
    "E301": "walkthrough cannot be read",
}


@dataclass(frozen=True)
class Finding:
    pos: Pos
    severity: Severity
    code: str
    message: str
    # For a case that can be lost: the facts the player makes true, in order, that lose it
    # (each a `conditions.Fact`, a (kind, ref) tuple).
    trail: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        """The finding as one line for a terminal; what it quotes from the pack (a key, a file
        name) is cleaned of terminal controls and line breaks."""
        line = f"{self.pos}: {self.severity.value}: {self.message} [{self.code}]"
        return clean(line).replace("\n", " ")

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.pos.file,
            "line": self.pos.line,
            "col": self.pos.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def error(pos: Pos, code: str, message: str, trail: tuple[tuple[str, str], ...] = ()) -> Finding:
    return Finding(pos, Severity.ERROR, code, message, trail)


def warning(pos: Pos, code: str, message: str) -> Finding:
    return Finding(pos, Severity.WARNING, code, message)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.pos, f.code, f.message))


def findings_json(
    findings: Iterable[Finding], counterexamples: Mapping[int, list[str]] | None = None
) -> str:
    """The findings as JSON; `counterexamples` gives, by a finding's index, the commands of the
    order of play that proves it."""
    items = [f.as_dict() for f in findings]
    for n, commands in (counterexamples or {}).items():
        items[n]["counterexample"] = commands
    errors = sum(1 for i in items if i["severity"] == "error")
    return json.dumps(
        {"errors": errors, "warnings": len(items) - errors, "findings": items}, indent=2
    )


def _gh_data(text: str) -> str:
    text = clean(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def findings_github(findings: Iterable[Finding]) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    lines = []
    for f in findings:
        kind = "error" if f.severity is Severity.ERROR else "warning"
        where = f"file={_gh_prop(f.pos.file)},line={f.pos.line},col={f.pos.col}"
        props = f"{where},title={_gh_prop(f.code)}"
        lines.append(f"::{kind} {props}::{_gh_data(f.message)}")
    return "\n".join(lines)


class PackError(Exception):
    """A pack that cannot be used; carries every finding that explains why."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sort_findings(findings)
        first = self.findings[0] if self.findings else None
        super().__init__(str(first) if first else "invalid pack")
