"""Typed reading of positioned YAML nodes, collecting findings instead of raising."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from .conditions import FACT_KINDS, AllCond, AnyCond, Condition, Fact, FactCond, NotCond, always
from .findings import Finding, Pos, error
from .yamlsafe import YMap, YNode, YScalar, YSeq

ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_FACT_EXAMPLE = {
    "found": "slip",
    "visited": "kitchen",
    "searched": "kitchen/rack",
    "asked": "pip/morning",
    "presented": "pip/slip",
}
MAX_INT_DIGITS = 6


def _kind(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return "empty" if node.is_null else f"the text {node.value!r}"


# How many names one load may compare for "did you mean": each comparison is costly, and a pack
# with thousands of unknown references among thousands of ids would take minutes to report.
SUGGEST_BUDGET = 200_000


class Reader:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.suggest_budget = SUGGEST_BUDGET

    def closest(self, word: str, choices: Iterable[str]) -> str | None:
        """The choice closest to `word`, if one is close, until this load has compared
        SUGGEST_BUDGET names; after that None, and messages fall back to their general advice."""
        choices = list(choices)
        self.suggest_budget -= len(choices)
        if self.suggest_budget < 0:
            return None
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        return close[0] if close else None

    def suggest(self, word: str, choices: Iterable[str]) -> str:
        """`; did you mean 'CHOICE'?` for the closest choice, or "" (see `closest`)."""
        close = self.closest(word, choices)
        return f"; did you mean '{close}'?" if close else ""

    def err(self, pos: Pos, code: str, message: str) -> None:
        self.findings.append(error(pos, code, message))

    # -- shapes -------------------------------------------------------------------------
    def mapping(self, node: YNode | None, what: str, pos: Pos) -> YMap | None:
        if node is None:
            return None
        if isinstance(node, YMap):
            return node
        if isinstance(node, YScalar) and node.is_null:
            return YMap((), node.pos, {})
        self.err(
            node.pos,
            "E007",
            f"{what} should be a mapping (key: value lines), not {_kind(node)}; "
            "write its entries as indented `key: value` lines",
        )
        return None

    def keys(
        self, m: YMap, what: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> None:
        required = list(required)
        allowed = [*required, *optional]
        for key, _ in m.items:
            if key.value not in allowed:
                close = self.suggest(key.value, allowed)
                self.err(
                    key.pos,
                    "E005",
                    f"unknown key '{key.value}' in {what}{close}"
                    + ("" if close else f"; use one of {', '.join(allowed)}, or remove it"),
                )
        for key in required:
            value = m.get(key)
            if value is None or (isinstance(value, YScalar) and value.is_null):
                self.err(m.pos, "E006", f"{what} is missing '{key}'; add `{key}:`")

    def text(self, m: YMap, key: str, what: str, default: str | None = None) -> str:
        node = m.get(key)
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return default if default is not None else ""
        if not isinstance(node, YScalar):
            self.err(
                node.pos,
                "E007",
                f"'{key}' of {what} should be text, not {_kind(node)}; "
                "write it on one line, or after `|` on the lines below",
            )
            return default or ""
        return node.value.rstrip()

    def integer(self, m: YMap, key: str, what: str, default: int, low: int, high: int) -> int:
        node = m.get(key)
        if node is None:
            return default
        if not isinstance(node, YScalar) or not node.plain or not re.fullmatch(r"\d+", node.value):
            self.err(
                node.pos,
                "E007",
                f"'{key}' of {what} should be a whole number, not {_kind(node)}; "
                f"write a number such as {default}",
            )
            return default
        if len(node.value) > MAX_INT_DIGITS or not low <= int(node.value) <= high:
            self.err(
                node.pos,
                "E011",
                f"'{key}' of {what} should be from {low} to {high}; write a number in that range",
            )
            return default
        return int(node.value)

    def text_list(self, m: YMap, key: str, what: str) -> list[YScalar]:
        node = m.get(key)
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return []
        if isinstance(node, YScalar):
            return [node]
        if not isinstance(node, YSeq):
            self.err(
                node.pos,
                "E007",
                f"'{key}' of {what} should be a list, not {_kind(node)}; "
                "write `[a, b]`, or one `- item` per line",
            )
            return []
        out: list[YScalar] = []
        for item in node.items:
            if isinstance(item, YScalar) and not item.is_null:
                out.append(item)
            else:
                self.err(
                    item.pos,
                    "E007",
                    f"items of '{key}' in {what} should be text; write each item as a plain "
                    "word such as `- pip`",
                )
        return out

    def ident(self, key: YScalar, what: str) -> bool:
        if ID_RE.match(key.value):
            return True
        self.err(
            key.pos,
            "E008",
            f"'{key.value}' is not a valid {what} id; use lower-case letters, digits, '_' or '-', "
            "starting with a letter",
        )
        return False

    def entries(self, m: YMap | None, what: str) -> list[tuple[YScalar, YMap]]:
        """The id-keyed entries of a mapping such as `clues:`, each checked to be a mapping."""
        out: list[tuple[YScalar, YMap]] = []
        if m is None:
            return out
        for key, value in m.items:
            if not self.ident(key, what):
                continue
            body = self.mapping(value, f"{what} '{key.value}'", key.pos)
            if body is not None:
                out.append((key, body))
        return out

    # -- conditions -----------------------------------------------------------------------
    def condition(self, node: YNode | None, pos: Pos) -> Condition:
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return always(pos)
        if isinstance(node, YSeq):
            return AllCond(tuple(self.condition(i, i.pos) for i in node.items), node.pos)
        if not isinstance(node, YMap) or len(node.items) != 1:
            self.err(
                node.pos,
                "E007",
                "a condition is a mapping with one key, such as {found: CLUE}, {all: [...]}, "
                f"{{any: [...]}} or {{not: ...}}; got {_kind(node)}"
                + (" with several keys (wrap them in `all:`)" if isinstance(node, YMap) else ""),
            )
            return always(node.pos)
        key, value = node.items[0]
        op = key.value
        if op in ("all", "any"):
            if not isinstance(value, YSeq):
                self.err(
                    value.pos,
                    "E007",
                    f"'{op}' takes a list of conditions: "
                    f"write `{op}: [{{found: a}}, {{found: b}}]`",
                )
                return always(node.pos)
            items = tuple(self.condition(i, i.pos) for i in value.items)
            return AllCond(items, key.pos) if op == "all" else AnyCond(items, key.pos)
        if op == "not":
            return NotCond(self.condition(value, value.pos), key.pos)
        if op in FACT_KINDS:
            if not isinstance(value, YScalar) or value.is_null:
                self.err(
                    value.pos,
                    "E007",
                    f"'{op}' takes a {FACT_KINDS[op]} reference, not {_kind(value)}; "
                    f"write it like `{{{op}: {_FACT_EXAMPLE[op]}}}`",
                )
                return always(node.pos)
            return FactCond(Fact(op, value.value), value.pos)
        self.err(
            key.pos,
            "E005",
            f"unknown condition '{op}'"
            + (
                self.suggest(op, [*FACT_KINDS, "all", "any", "not"])
                or f"; use one of {', '.join(FACT_KINDS)}, all, any or not"
            ),
        )
        return always(node.pos)
