"""Checking the examples in the docs against the code, so the docs cannot drift.

Every fenced ```yaml block of a checked doc is read with the pack's safe YAML reader. What else is
checked is said by an HTML comment on the line before the block (invisible when rendered):

    <!-- check: parse -->                    it parses; nothing more (CI files, syntax fixes)
    <!-- check: schema DEF -->               it validates against the schema definition DEF
    <!-- check: keys DEF -->                 its top-level keys are exactly DEF's properties
    <!-- check: file PACK PATH -->           it is the complete file PATH of the doc's pack PACK;
                                             the assembled pack must validate with no findings
                                             and its walkthroughs (text blocks) must pass
    <!-- check: merge BASE FILE [at K.K] --> merged into FILE of the pack BASE (at the key path
                                             K.K), the pack validates with no findings
    <!-- check: CODE merge BASE FILE ... --> merged likewise, the pack reports CODE
    <!-- check: CODE edit BASE FILE -->      the block's lines replace the lines of FILE with the
                                             same keys, found in order (for what a merge would
                                             lose: comments, quoting); the pack reports CODE
    <!-- check: CODE -->                     the block alone makes the YAML reader report CODE
    <!-- check: message -->                  (a text block) each line is a finding the previous
                                             checked block produced, as `severity: message [CODE]`

A yaml block without a comment must be a whole pack file (validated against the schema) or a
fragment of a case file (each top-level key validated against the case's schema).
BASE is `teashop` (examples/teashop), `new` (what `whodunit new` writes) or a doc's PACK.
Merging: mappings merge key by key, anything else (and any `when:` or `revealed_by:` condition)
replaces what was there; a FILE the base lacks is created.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tests.conftest import EXAMPLE, ROOT
from whodunit.cli.new import template_files
from whodunit.pack.fairplay import check_pack
from whodunit.pack.findings import Finding, sort_findings
from whodunit.pack.loader import load_pack
from whodunit.pack.schema import pack_schema, schema_for, to_data
from whodunit.pack.yamlsafe import YamlError, parse_text

DOCS = ROOT / "docs"
CHECK = re.compile(r"^<!--\s*check:\s*(.*?)\s*-->$")
FENCE = re.compile(r"^```\s*([\w-]*)")
YAML_CODES = ("E002", "E003", "E004", "E013")


@dataclass
class Block:
    doc: str
    line: int  # of the opening fence
    lang: str
    text: str
    check: str  # the directive, "" when none

    @property
    def where(self) -> str:
        return f"{self.doc}:{self.line}"


def blocks(doc: Path) -> list[Block]:
    out: list[Block] = []
    lines = doc.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        prev = next((lines[k].strip() for k in range(start - 1, -1, -1) if lines[k].strip()), "")
        d = CHECK.match(prev)
        out.append(
            Block(
                doc.relative_to(ROOT).as_posix(),
                start + 1,
                m.group(1),
                "\n".join(lines[start + 1 : j]) + "\n",
                d.group(1) if d else "",
            )
        )
        i = j + 1
    return out


def parse(block: Block) -> Any:
    return to_data(parse_text(block.where, block.text))


def schema_errors(data: Any, definition: str | None = None) -> list[str]:
    schema = pack_schema() if definition is None else schema_for(definition)
    v = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]


def file_kind(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    if "format" in data:
        return "manifest"
    if "characters" in data:
        return "cast"
    if "id" in data and "briefing" in data:
        return "case"
    return None


# -- packs to merge into -----------------------------------------------------------------------
def doc_pack_files(doc: Path, name: str) -> dict[str, str]:
    """The complete files a doc gives for its pack NAME (`file NAME PATH` blocks)."""
    files: dict[str, str] = {}
    for b in blocks(doc):
        words = b.check.split()
        if len(words) == 3 and words[0] == "file" and words[1] == name:
            files[words[2]] = b.text
    return files


def make_base(base: str, dest: Path, doc: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    if base == "teashop":
        shutil.copytree(EXAMPLE, dest)
        return dest
    files = (
        dict(template_files("mypack", "My Pack")) if base == "new" else doc_pack_files(doc, base)
    )
    assert files, f"no pack '{base}' to merge into (give `file {base} PATH` blocks)"
    for rel, text in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    return dest


CONDITION_KEYS = ("when", "revealed_by")  # a condition is replaced whole, never merged


def merge(into: Any, data: Any) -> Any:
    if isinstance(into, dict) and isinstance(data, dict):
        out = dict(into)
        for k, v in data.items():
            out[k] = merge(into[k], v) if k in into and k not in CONDITION_KEYS else v
        return out
    return data


def merged_pack(block: Block, words: list[str], dest: Path, doc: Path) -> list[Finding]:
    """Apply `merge BASE FILE [at K.K]` and return the pack's findings (loader + fair play)."""
    assert len(words) in (3, 5) and words[0] == "merge", f"{block.where}: bad directive {words}"
    base, rel = words[1], words[2]
    at = words[4].split(".") if len(words) == 5 else []
    root = make_base(base, dest, doc)
    path = root / rel
    current: Any = {}
    if path.exists():
        current = to_data(parse_text(str(path), path.read_text(encoding="utf-8")))
    data = parse(block)
    for key in reversed(at):
        data = {key: data}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(merge(current, data), sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )
    pack, findings = load_pack(root)
    if pack is not None:
        findings = sort_findings([*findings, *check_pack(pack)])
    return findings


def _key(line: str) -> str:
    """A line's indentation and key (`    text:`), or the line itself."""
    m = re.match(r"(\s*(?:- )?[^\s:#][^:#]*:)(\s|$)", line)
    return m.group(1) if m else line


def edited_pack(block: Block, words: list[str], dest: Path, doc: Path) -> list[Finding]:
    """Apply `edit BASE FILE`: each line of the block replaces the next line of FILE, from the
    one the last replaced, that has its indentation and key."""
    assert len(words) == 3 and words[0] == "edit", f"{block.where}: bad directive {words}"
    root = make_base(words[1], dest, doc)
    path = root / words[2]
    lines = path.read_text(encoding="utf-8").splitlines()
    at = 0
    for new in block.text.splitlines():
        if not new.strip() or new.lstrip().startswith("#"):
            continue
        found = next((i for i in range(at, len(lines)) if _key(lines[i]) == _key(new)), None)
        assert found is not None, f"{block.where}: no line like {new!r} in {words[2]}"
        lines[found], at = new, found + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pack, findings = load_pack(root)
    if pack is not None:
        findings = sort_findings([*findings, *check_pack(pack)])
    return findings


def yaml_code(block: Block) -> list[Finding]:
    try:
        parse_text(block.where, block.text)
    except YamlError as exc:
        return [exc.finding]
    return []


def check_block(block: Block, tmp: Path, doc: Path) -> list[Finding]:
    """Check one yaml block; returns the findings it produced (for a following message block)."""
    words = block.check.split()
    if words and re.fullmatch(r"[EW]\d{3}", words[0]):
        code, rest = words[0], words[1:]
        if not rest:
            assert code in YAML_CODES, f"{block.where}: {code} needs `merge BASE FILE`"
            found = yaml_code(block)
        elif rest[0] == "edit":
            found = edited_pack(block, rest, tmp / "edited", doc)
        else:
            parse(block)
            found = merged_pack(block, rest, tmp / "merged", doc)
        assert code in {f.code for f in found}, (
            f"{block.where}: expected {code}, got {[str(f) for f in found]}"
        )
        return found
    data = parse(block)
    if not words:
        kind = file_kind(data)
        if kind is not None:
            errors = schema_errors(data, kind)
        else:
            assert isinstance(data, dict), f"{block.where}: give a check directive"
            errors = []
            case_props = pack_schema()["$defs"]["case"]["properties"]
            for key, value in data.items():
                assert key in case_props, (
                    f"{block.where}: '{key}' is not a key of a case file; "
                    "give a check directive (see tests/authoring/docblocks.py)"
                )
                errors += schema_errors(value, f"case/properties/{key}")
        assert not errors, f"{block.where}: {errors}"
        return []
    if words[0] == "parse":
        return []
    if words[0] == "schema":
        errors = schema_errors(data, words[1])
        assert not errors, f"{block.where}: {errors}"
        return []
    if words[0] == "keys":
        props = pack_schema()["$defs"][words[1]]["properties"]
        assert set(data) == set(props), f"{block.where}: keys {sorted(data)} != {sorted(props)}"
        return []
    if words[0] == "file":
        kind = file_kind(data)
        assert kind, f"{block.where}: not a whole pack file"
        errors = schema_errors(data, kind)
        assert not errors, f"{block.where}: {errors}"
        return []
    if words[0] == "merge":
        found = merged_pack(block, words, tmp / "merged", doc)
        assert not found, f"{block.where}: {[str(f) for f in found]}"
        return []
    raise AssertionError(f"{block.where}: unknown check directive '{block.check}'")


def message_lines(block: Block) -> list[str]:
    return [line.strip() for line in block.text.splitlines() if line.strip()]
