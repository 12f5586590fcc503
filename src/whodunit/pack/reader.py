"""Typed reading of positioned YAML nodes, collecting findings instead of raising; `Fields`
reads a mapping as an object declared in pack/format.py."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from .conditions import FACT_KINDS, AllCond, AnyCond, Condition, Fact, FactCond, NotCond, always
from .findings import Finding, Pos, error, warning
from .format import (
    Choice,
    Cond,
    Entries,
    Integer,
    Kind,
    Object,
    OwnId,
    Ref,
    Refs,
    Sub,
    Text,
    TextById,
    TextList,
    is_prose,
)
from .yamlsafe import YMap, YNode, YScalar, YSeq

ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_FACT_EXAMPLE = {
    "found": "slip",
    "visited": "kitchen",
    "searched": "kitchen/rack",
    "asked": "pip/morning",
    "presented": "pip/slip",
    "connected": "slip-and-sugar",
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

    def cut_by_comment(self, node: YNode, name: str) -> None:
        """W103 for each plain text under `node` that a comment on its line cut short."""
        if isinstance(node, YSeq):
            scalars = list(node.items)
        elif isinstance(node, YMap):
            scalars = [value for _, value in node.items]
        else:
            scalars = [node]
        for item in scalars:
            if isinstance(item, YScalar) and item.comment:
                comment = item.comment if len(item.comment) <= 30 else item.comment[:29] + "…"
                self.findings.append(
                    warning(
                        item.pos,
                        "W103",
                        f"the text of '{name}' stops before '{comment}': in YAML, ` #` starts "
                        "a comment, so players never see it; write the text in quotes, or "
                        "on the lines after `>-`",
                    )
                )

    # -- shapes -------------------------------------------------------------------------
    def mapping(self, node: YNode | None, what: str) -> YMap | None:
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


K = TypeVar("K", bound=Kind)


class Fields:
    """A mapping read as the object `spec` declares: its keys are checked when it is made, and
    each getter reads one declared key of the kind it expects, with the declared default.
    `what` names the object in messages; `pos` is where a condition left out holds from."""

    def __init__(
        self, reader: Reader, spec: Object, m: YMap, what: str, pos: Pos, check: bool = True
    ) -> None:
        self.reader, self.spec, self.m, self.what, self.pos = reader, spec, m, what, pos
        if not check:
            return
        allowed = [*spec.required, *spec.optional]
        for key, _ in m.items:
            if key.value not in allowed:
                close = reader.suggest(key.value, allowed)
                reader.err(
                    key.pos,
                    "E005",
                    f"unknown key '{key.value}' in {what}{close}"
                    + ("" if close else f"; use one of {', '.join(allowed)}, or remove it"),
                )
        for name in spec.required:
            value = m.get(name)
            if value is None or (isinstance(value, YScalar) and value.is_null):
                reader.err(m.pos, "E006", f"{what} is missing '{name}'; add `{name}:`")
        for declared in spec.keys:
            node = m.get(declared.name)
            if node is not None and is_prose(declared.kind):
                reader.cut_by_comment(node, declared.name)

    def _declared(self, name: str, kind: type[K] | tuple[type[K], ...]) -> K:
        declared = self.spec.key(name).kind
        assert isinstance(declared, kind), f"{self.spec.name}.{name} is a {declared}"
        return declared

    def text(self, name: str, what: str = "") -> str:
        self._declared(name, (Text, Ref, OwnId))
        default = self.spec.key(name).default
        default = default if isinstance(default, str) else ""
        node = self.m.get(name)
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return default
        if not isinstance(node, YScalar):
            self.reader.err(
                node.pos,
                "E007",
                f"'{name}' of {what or self.what} should be text, not {_kind(node)}; "
                "write it on one line, or after `|` on the lines below",
            )
            return default
        return node.value.rstrip()

    def values(self) -> dict[str, Any]:
        """Each declared key that holds text, ids, a condition or a number, read, by name: the
        model names its fields after them (`Clue(id=..., pos=..., **clue.values())`)."""
        read: dict[type, Callable[[str], object]] = {
            Text: self.text,
            Ref: self.text,
            Refs: self.refs,
            Cond: self.condition,
            Integer: self.integer,
            Choice: self.choice,
        }
        return {k.name: read[type(k.kind)](k.name) for k in self.spec.keys if type(k.kind) in read}

    def own_id(self, name: str = "id") -> str:
        """The object's id, checked to be one."""
        self._declared(name, OwnId)
        node = self.m.get(name)
        if isinstance(node, YScalar) and not node.is_null:
            self.reader.ident(node, self.spec.noun)
            return node.value
        if node is not None:
            self.text(name, self.spec.noun)
        return ""

    def texts(self, name: str) -> list[YScalar]:
        self._declared(name, (TextList, Refs))
        node = self.m.get(name)
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return []
        if isinstance(node, YScalar):
            return [node]
        if not isinstance(node, YSeq):
            self.reader.err(
                node.pos,
                "E007",
                f"'{name}' of {self.what} should be a list, not {_kind(node)}; "
                "write `[a, b]`, or one `- item` per line",
            )
            return []
        out: list[YScalar] = []
        for item in node.items:
            if isinstance(item, YScalar) and not item.is_null:
                out.append(item)
            else:
                self.reader.err(
                    item.pos,
                    "E007",
                    f"items of '{name}' in {self.what} should be text; write each item as a "
                    "plain word such as `- pip`",
                )
        return out

    def refs(self, name: str) -> tuple[str, ...]:
        return tuple(s.value for s in self.texts(name))

    def integer(self, name: str) -> int:
        kind = self._declared(name, Integer)
        default = self.spec.key(name).default
        assert isinstance(default, int)
        node = self.m.get(name)
        if node is None:
            return default
        if not isinstance(node, YScalar) or not node.plain or not re.fullmatch(r"\d+", node.value):
            self.reader.err(
                node.pos,
                "E007",
                f"'{name}' of {self.what} should be a whole number, not {_kind(node)}; "
                f"write a number such as {default}",
            )
            return default
        if len(node.value) > MAX_INT_DIGITS or not kind.low <= int(node.value) <= kind.high:
            self.reader.err(
                node.pos,
                "E011",
                f"'{name}' of {self.what} should be from {kind.low} to {kind.high}; "
                "write a number in that range",
            )
            return default
        return int(node.value)

    def condition(self, name: str) -> Condition:
        self._declared(name, Cond)
        return self.reader.condition(self.m.get(name), self.pos)

    def choice(self, name: str) -> str:
        """One of the declared words; the default (with an error) for anything else."""
        kind = self._declared(name, Choice)
        default = self.spec.key(name).default
        assert isinstance(default, str)
        node = self.m.get(name)
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return default
        if isinstance(node, YScalar) and node.value in kind.values:
            return node.value
        self.reader.err(
            node.pos,
            "E011",
            f"'{name}' of {self.what} should be one of {', '.join(kind.values)}, "
            f"not {node.value if isinstance(node, YScalar) else _kind(node)}",
        )
        return default

    def by_id(self, name: str) -> tuple[tuple[YScalar, YNode], ...]:
        """The pairs of the mapping from ids under `name`; their values are not checked."""
        self._declared(name, TextById)
        m = self.reader.mapping(self.m.get(name), f"'{name}' of {self.what}")
        return m.items if m else ()

    def sub(self, name: str, what: str, shape: str = "", check_absent: bool = True) -> Fields:
        """The object under `name`; an empty one where it is absent or not a mapping. `shape`
        names it when it is not a mapping (default: `'name'`)."""
        kind = self._declared(name, Sub)
        node = self.m.get(name)
        m = self.reader.mapping(node, shape or f"'{name}'") or YMap((), self.m.pos, {})
        return Fields(self.reader, kind.obj, m, what, m.pos, check_absent or node is not None)

    def entries(self, name: str, owner: str = "") -> Iterator[tuple[YScalar, Fields]]:
        """Each entry of the mapping from ids under `name` that has a valid id and is a mapping;
        `owner` prefixes the ids in messages (`kitchen/` for the things of the kitchen)."""
        kind = self._declared(name, Entries)
        noun = kind.id_noun
        m = self.reader.mapping(self.m.get(name), f"'{name}'")
        valid: list[tuple[YScalar, YMap]] = []
        for key, value in m.items if m else ():
            if not self.reader.ident(key, noun):
                continue
            body = self.reader.mapping(value, f"{noun} '{key.value}'")
            if body is not None:
                valid.append((key, body))
        for key, body in valid:
            if key.value in kind.reserved:
                self.reader.err(
                    key.pos, "E009", f"'{key.value}' is reserved; give this {noun} another id"
                )
                continue
            what = f"{kind.obj.noun} '{owner}{key.value}'"
            yield key, Fields(self.reader, kind.obj, body, what, key.pos)
