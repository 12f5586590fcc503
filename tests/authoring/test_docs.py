"""The docs cannot drift from the code: every YAML example in them is checked.

How each example is checked is said by a `<!-- check: ... -->` comment before it; see
tests/authoring/docblocks.py for the directives.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.authoring.docblocks import (
    DOCS,
    blocks,
    check_block,
    doc_pack_files,
    make_base,
    message_lines,
)
from whodunit.cli.plain import run_script
from whodunit.pack.fairplay import check_pack
from whodunit.pack.findings import CODES, Finding
from whodunit.pack.format import (
    Choice,
    Cond,
    Integer,
    Kind,
    OwnId,
    Ref,
    Refs,
    Text,
    TextList,
    objects,
)
from whodunit.pack.loader import load_pack

CHECKED_DOCS = ["pack-format.md", "authoring.md", "diagnostics.md"]
# Codes whose documented example is not a YAML block, and why.
NO_YAML_EXAMPLE = {
    "E013": "a file over 4 MiB or 65 levels deep does not fit on a page",
    "E301": "a walkthrough is not YAML; tests/authoring/test_commands.py produces it",
    "W208": "5,000 states do not fit on a page; tests/pack/test_fairplay.py lowers the bound",
}


@pytest.mark.parametrize("name", CHECKED_DOCS)
def test_every_yaml_example_is_checked(name: str, tmp_path: Path) -> None:
    doc = DOCS / name
    found: list[Finding] | None = None
    checked = 0
    for block in blocks(doc):
        if block.lang == "yaml":
            found = check_block(block, tmp_path, doc)
            checked += 1
        elif block.check == "message":
            assert found, f"{block.where}: a message block must follow a block that produces it"
            shown = [f"{f.severity.value}: {f.message} [{f.code}]" for f in found]
            for line in message_lines(block):
                assert line in shown, f"{block.where}: {line!r} is not among {shown}"
                assert "; " in line, f"{block.where}: the message does not say what to do"
        elif block.lang == "toml":
            tomllib.loads(block.text)
        else:
            assert block.lang != "yml", f"{block.where}: write ```yaml so the block is checked"
    assert checked, f"{name} has no yaml examples"


@pytest.mark.parametrize("name", CHECKED_DOCS)
def test_the_packs_a_doc_builds_validate_and_their_walkthroughs_pass(
    name: str, tmp_path: Path
) -> None:
    doc = DOCS / name
    packs = {b.check.split()[1] for b in blocks(doc) if b.check.startswith("file ")}
    for pack_name in packs:
        root = make_base(pack_name, tmp_path / pack_name, doc)
        pack, findings = load_pack(root)
        assert pack is not None, [str(f) for f in findings]
        findings += check_pack(pack)
        assert not findings, [str(f) for f in findings]
        assert pack.walkthroughs, f"{name}: pack {pack_name} has no walkthrough"
        for w in pack.walkthroughs:
            result = run_script(pack, Path(w.path).read_text(encoding="utf-8"), lambda s: None)
            assert result.ok, (w.path, result.problems)


def doc_type(kind: Kind) -> str:
    """How the docs name the type of a key of this kind."""
    match kind:
        case Text():
            return kind.noun
        case TextList():
            return f"list of {kind.plural}"
        case OwnId():
            return "id"
        case Ref():
            return f"{kind.target} id"
        case Refs():
            return f"list of {kind.target} ids"
        case Choice():
            return " or ".join(kind.values)
        case Integer():
            return "number"
        case Cond():
            return "condition"
    return "mapping"


TABLE = re.compile(r"^<!--\s*check:\s*table\s+(\w+)\s*-->$")


def test_key_tables_are_the_formats_declaration() -> None:
    """A `<!-- check: table OBJECT -->` table lists the object's keys as pack/format.py declares
    them: in its order, with the kind's name as the type and whether the key is required."""
    declared = objects()
    tables = 0
    for name in CHECKED_DOCS:
        lines = (DOCS / name).read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            m = TABLE.match(line.strip())
            if not m:
                continue
            tables += 1
            rows = []
            for row in lines[i + 3 :]:  # after the header and its rule
                if not row.startswith("|"):
                    break
                key, kind, required = (c.strip() for c in row.strip("|").split("|")[:3])
                rows.append((key.strip("`"), kind, required))
            spec = declared[m.group(1)]
            want = [(k.name, doc_type(k.kind), "yes" if k.required else "no") for k in spec.keys]
            assert rows == want, f"{name}:{i + 1}: the table is not the declaration of {spec.name}"
    assert tables >= 2


def test_authoring_builds_a_pack_of_its_own() -> None:
    files = doc_pack_files(DOCS / "authoring.md", "gullpoint")
    assert {"pack.yaml", "cast.yaml", "walkthroughs/solve.txt"} <= set(files)
    assert any(rel.startswith("cases/") for rel in files)


def test_every_code_is_documented_with_an_example() -> None:
    doc = DOCS / "diagnostics.md"
    text = doc.read_text(encoding="utf-8")
    headings = re.findall(r"^### ([EW]\d{3}) (.+)$", text, re.M)
    assert [c for c, _ in headings] == list(CODES), "one heading per code, in CODES order"
    for code, title in headings:
        assert title == CODES[code], f"{code}: heading '{title}' != '{CODES[code]}'"
        assert f"[{code}](#{code.lower()}-" in text, f"{code} is missing from the table"
    examples = {b.check.split()[0] for b in blocks(doc) if b.lang == "yaml" and b.check}
    for code in CODES:
        if code in NO_YAML_EXAMPLE:
            assert code not in examples
            continue
        assert code in examples, f"{code} has no checked example in docs/diagnostics.md"
    fixes = text.count("**Fix:**")
    assert fixes == len(CODES), "every code has a **Fix:**"
