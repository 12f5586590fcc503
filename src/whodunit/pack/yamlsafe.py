"""A restricted YAML reader for untrusted pack files.

The tree is built from the parser's event stream rather than PyYAML's composer, so that:
aliases, anchors and tags are refused before anything is built (no billion laughs, no code),
nesting depth is checked while streaming (the C composer recurses and can crash on deep input),
duplicate keys are reported instead of silently overwritten, and every scalar keeps the text the
author wrote, so `no` or `1.10` only become a bool or a number where the schema asks for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import yaml

from .findings import Finding, Pos, error

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64


@dataclass(frozen=True)
class YScalar:
    value: str
    plain: bool
    pos: Pos
    # For a plain scalar followed on its line by a comment: the comment, from its `#`. Text such
    # as `compartment #7` ends at ` #` in YAML, so the loader warns where prose does (W103).
    comment: str = field(default="", compare=False)

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class YMap:
    items: tuple[tuple[YScalar, YNode], ...]
    pos: Pos
    _index: dict[str, YNode] = field(default_factory=dict, compare=False, repr=False)

    def get(self, key: str) -> YNode | None:
        return self._index.get(key)

    def key_pos(self, key: str) -> Pos:
        for k, _ in self.items:
            if k.value == key:
                return k.pos
        return self.pos


@dataclass(frozen=True)
class YSeq:
    items: tuple[YNode, ...]
    pos: Pos


YNode = YScalar | YMap | YSeq


class YamlError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


class _Mark(Protocol):
    """A place in the YAML text, as either of PyYAML's parsers marks it."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


def _pos(path: str, mark: _Mark | None) -> Pos:
    if mark is None:
        return Pos(path)
    return Pos(path, mark.line + 1, mark.column + 1)


def decode(path: str, data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise YamlError(
            error(
                Pos(path),
                "E013",
                f"file is {len(data):,} bytes; pack files may be at most {MAX_FILE_BYTES:,} bytes "
                "(split it into several files)",
            )
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            error(Pos(path, line, col), "E001", "file is not UTF-8 text; save it as UTF-8")
        ) from None


def parse_text(path: str, text: str) -> YNode:
    """Parse one YAML document into a tree of positioned nodes, or raise YamlError."""
    stack: list[tuple[str, Pos, list[YNode]]] = []
    root: YNode | None = None
    documents = 0
    lines = text.splitlines()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(
                        error(
                            _pos(path, event.start_mark),
                            "E003",
                            "a pack file holds one YAML document; remove the second `---`",
                        )
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(
                    error(
                        _pos(path, event.start_mark),
                        "E003",
                        f"aliases (*{event.anchor}) are not allowed in packs; write the value out",
                    )
                )
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise YamlError(
                    error(
                        _pos(path, event.start_mark),
                        "E003",
                        f"anchors (&{event.anchor}) are not allowed in packs; remove it",
                    )
                )
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and (
                event.tag is not None and event.tag != "!"
            ):
                raise YamlError(
                    error(
                        _pos(path, event.start_mark),
                        "E003",
                        f"tags ({event.tag}) are not allowed in packs; remove it",
                    )
                )
            node: YNode | None = None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        error(
                            _pos(path, event.start_mark),
                            "E013",
                            _TOO_DEEP,
                        )
                    )
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                stack.append((kind, _pos(path, event.start_mark), []))
                continue
            if isinstance(event, yaml.MappingEndEvent):
                _, pos, parts = stack.pop()
                node = _build_map(path, pos, parts)
            elif isinstance(event, yaml.SequenceEndEvent):
                _, pos, parts = stack.pop()
                node = YSeq(tuple(parts), pos)
            elif isinstance(event, yaml.ScalarEvent):
                plain = bool(event.implicit[0])
                end = event.end_mark
                comment = _comment_after(lines, end) if plain and end and event.value else ""
                node = YScalar(event.value, plain, _pos(path, event.start_mark), comment)
            if node is None:
                continue
            if stack:
                stack[-1][2].append(node)
            else:
                root = node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and _flow_depth(text, mark.index) > MAX_DEPTH:
            # The C parser has its own depth limit and may stop before our streaming check sees
            # the nesting; the file is then valid YAML that is too deep, not a syntax error.
            raise YamlError(error(_pos(path, mark), "E013", _TOO_DEEP)) from None
        problem = exc.problem or exc.context or "invalid YAML"
        hint = ""
        if mark is not None:
            lines = text.splitlines()
            bad = lines[mark.line] if mark.line < len(lines) else ""
            if "\t" in bad[: len(bad) - len(bad.lstrip())] or "\\t" in problem:
                hint = " (a tab: indent with spaces, not tabs)"
        at_line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
        quoted = _quote_then_text(at_line) if not hint else None
        if quoted is not None:
            assert mark is not None
            at = Pos(path, mark.line + 1, quoted[0])
            raise YamlError(error(at, "E002", quoted[1])) from None
        if not hint:
            hint = _syntax_fix(problem, text, mark.index if mark is not None else None)
        raise YamlError(error(_pos(path, mark), "E002", f"{problem}{hint}")) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        pos = Pos(path, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        raise YamlError(
            error(
                pos,
                "E002",
                f"control character #x{exc.character:04x} in the file; "
                "the file holds binary data: save it as plain UTF-8 text",
            )
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise YamlError(
            error(Pos(path), "E002", f"not valid YAML: {first}; fix the YAML syntax")
        ) from None
    if root is None:
        raise YamlError(
            error(
                Pos(path),
                "E002",
                "file is empty; it should hold a mapping: write its `key: value` lines "
                "(see docs/pack-format.md)",
            )
        )
    return root


def _comment_after(lines: list[str], end: _Mark) -> str:
    """The comment that follows a scalar ending at `end` on the same line, or ""."""
    rest = lines[end.line][end.column :] if end.line < len(lines) else ""
    m = re.match(r"[ \t]+(#.*)", rest)
    return m.group(1).rstrip() if m else ""


# A line whose value (after indentation, `- ` and `key: `) starts with a quote.
_QUOTED_START = re.compile(r"\s*(?:-\s+)*(?:([^\s\"'#:][^\"'#:]*?):\s+)?([\"'])")


def _quote_then_text(line: str) -> tuple[int, str] | None:
    """When `line` is text that opens with a quote and goes on after the closing quote (dialogue
    such as `answer: "I was there," she says.`): the column of that quote, and what happened
    and how to write it."""
    m = _QUOTED_START.match(line)
    if m is None:
        return None
    quote, start = m.group(2), m.end()
    i = start
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":
                i += 2
                continue
            break
        i += 1
    else:
        return None  # the quote closes on a later line: not this mistake
    rest = line[i + 1 :].strip()
    if not rest or rest[0] in ":#,]}":
        return None
    key = f"{m.group(1)}: " if m.group(1) else "- " if line.lstrip().startswith("-") else ""
    key = key if len(key) <= 40 else ""
    said, whole = line[m.start(2) : i + 1], line[m.start(2) :].rstrip()
    quoted = f"`{key}'{whole.replace(chr(39), chr(39) * 2)}'`"
    if len(quoted) > 80:  # a long line: say how rather than repeat it
        quoted = "in single quotes (a ' inside it written twice)"
        said, rest = _short(said), _short(rest)
    return m.start(2) + 1, (
        f"this text starts with a quote, so YAML reads {said} as all of it and cannot read the "
        f"rest of the line ({rest}); quote the whole text, {quoted}, or write it on the lines "
        f"after `{key}>-`"
    )


def _short(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


_TOO_DEEP = f"nested too deeply (more than {MAX_DEPTH} levels); flatten this part"


def _flow_depth(text: str, end: int) -> int:
    return _open_at(text, end)[0]


def _open_at(text: str, end: int) -> tuple[int, str]:
    """How many `[` and `{` are open at offset `end`, and which quote is, outside comments."""
    depth = 0
    quote = ""
    comment = False
    previous = "\n"
    for ch in text[:end]:
        if comment:
            comment = ch != "\n"
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch in "\"'" and (depth or previous in " \t\n:-"):
            quote = ch
        elif ch == "#" and previous in " \t\n":
            comment = True
        previous = ch
    return depth, quote


def _syntax_fix(problem: str, text: str, index: int | None) -> str:
    """What to do, judged from the file itself where it can be (the parser's wording varies)."""
    if index is not None:
        depth, quote = _open_at(text, index)
        if quote:
            return "; a quote opened above is never closed"
        if depth and not text[index:].strip(" \t\r\n]}"):
            return "; a bracket opened above is never closed: close the bracket"
        if depth:
            return "; close the bracket or separate the items with commas"
    if "mapping values are not allowed" in problem:
        return "; put text that contains ': ' in quotes"
    if "control characters" in problem or "special characters" in problem:
        return "; the file holds binary data: save it as plain UTF-8 text"
    return "; fix the YAML syntax here"


def _build_map(path: str, pos: Pos, parts: list[YNode]) -> YMap:
    items: list[tuple[YScalar, YNode]] = []
    index: dict[str, YNode] = {}
    seen: dict[str, Pos] = {}
    for key, value in zip(parts[::2], parts[1::2], strict=True):
        if not isinstance(key, YScalar):
            raise YamlError(
                error(
                    key.pos,
                    "E003",
                    "keys must be plain text, not lists or mappings; write a plain word before `:`",
                )
            )
        if key.value in seen:
            first = seen[key.value]
            raise YamlError(
                error(
                    key.pos,
                    "E004",
                    f"duplicate key '{key.value}' (first at line {first.line}); keep one of them",
                )
            )
        seen[key.value] = key.pos
        items.append((key, value))
        index[key.value] = value
    return YMap(tuple(items), pos, index)


def load_file_bytes(path: str, data: bytes) -> YNode:
    return parse_text(path, decode(path, data))
