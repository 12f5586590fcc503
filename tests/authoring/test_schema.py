"""`whodunit schema`, and the schema agreeing with the loader on valid and invalid files."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

from tests.authoring.docblocks import merge, schema_errors
from tests.authoring.test_commands import run
from tests.conftest import ARCHER, EXAMPLE
from whodunit.cli.new import template_files
from whodunit.pack.loader import load_pack
from whodunit.pack.schema import pack_schema, to_data
from whodunit.pack.yamlsafe import parse_text

STRUCTURAL = {"E005", "E006", "E007", "E008", "E009", "E011"}


def data_of(path: Path) -> object:
    return to_data(parse_text(str(path), path.read_text(encoding="utf-8")))


def test_schema_command_prints_a_valid_draft_2020_12_schema() -> None:
    out = run("schema")
    assert out.returncode == 0 and out.stderr == ""
    schema = json.loads(out.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == pack_schema()
    assert {"manifest", "cast", "case", "condition"} <= set(schema["$defs"])


def valid_files() -> list[Path]:
    files = sorted(EXAMPLE.rglob("*.yaml"))
    if (ARCHER / "pack.yaml").is_file():
        files += sorted(ARCHER.rglob("*.yaml"))
    return files


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: str(p.relative_to(p.parents[2])))
def test_files_the_loader_accepts_the_schema_accepts(path: Path) -> None:
    pack, findings = load_pack(path.parents[1] if path.parent.name == "cases" else path.parent)
    assert pack is not None, findings
    assert schema_errors(data_of(path)) == []


def test_the_new_pack_files_satisfy_the_schema(tmp_path: Path) -> None:
    for rel, text in template_files("mypack", "My Pack: A Start"):
        if rel.endswith(".yaml"):
            assert schema_errors(to_data(parse_text(rel, text))) == [], rel


# Each change: (file of the example pack, YAML merged into it). The loader must reject the pack
# with a structural finding, and the schema must reject the changed file.
INVALID = [
    ("pack.yaml", "format: 3"),
    ("pack.yaml", "format: 1"),
    ("pack.yaml", "id: Tea Shop"),
    ("pack.yaml", "licence: [a, b]"),
    ("pack.yaml", "cases: []"),
    ("pack.yaml", "extra: 1"),
    ("pack.yaml", "title: ~"),
    ("cast.yaml", "characters: [mabel]"),
    ("cast.yaml", "characters: {pip: {nickname: Pip}}"),
    ("cast.yaml", "characters: {Pip: {name: Pip}}"),
    ("cases/tart.yaml", "title: {a: b}"),
    ("cases/tart.yaml", "places: {cellar: {name: Cellar}}"),
    ("cases/tart.yaml", "places: {shop: {things: {till: {name: the till}}}}"),
    ("cases/tart.yaml", "places: {shop: {when: {found: slip, visited: shop}}}"),
    ("cases/tart.yaml", "places: {shop: {when: {all: {found: slip}}}}"),
    ("cases/tart.yaml", "places: {shop: {when: {fuond: slip}}}"),
    ("cases/tart.yaml", "places: {shop: {when: {found: [slip]}}}"),
    ("cases/tart.yaml", "suspects: {pip: {topics: {noon: {ask: Hi}}}}"),
    ("cases/tart.yaml", "suspects: {pip: {reactions: {slip: [a]}}}"),
    ("cases/tart.yaml", "clues: {slip: {revealed_by: ~}}"),
    ("cases/tart.yaml", "clues: {slip: {points_to: {pip: 1}}}"),
    ("cases/tart.yaml", "deduction: {chances: 0}"),
    ("cases/tart.yaml", "deduction: {chances: many}"),
    (
        "cases/tart.yaml",
        "deduction: {blanks: {who: {prompt: a, answer: b, options: {b: {text: b}}}}}",
    ),
    ("cases/tart.yaml", "deduction: {blanks: {where: {prompt: p, answer: a, options: {}}}}"),
    ("cases/tart.yaml", "deduction: {evidence: {required: []}}"),
    ("cases/tart.yaml", "deduction: {grading: lenient}"),
    ("cases/tart.yaml", "deduction: {claims: {how: {proven_by: {juice: 1}}}}"),
    ("cases/tart.yaml", "deduction: {claims: {how: {hint: h}}}"),
    (
        "cases/tart.yaml",
        "connections: {prints-and-route: {links: [boot_prints, pip/morning], x: 1}}",
    ),
    ("cases/tart.yaml", "connections: {Prints: {links: [boot_prints, pip/morning]}}"),
    ("cases/tart.yaml", "endings: {solved: {title: Yes}, out_of_chances: ~}"),
    ("cases/tart.yaml", "endings: {wrong: {vera: {title: t, text: t, mood: grim}}}"),
]

# Edits, as the author would type them, that the loader accepts: the schema must accept them too.
VALID = [
    ("pack.yaml", "version: 1.0.0", "version: 1.10"),
    ("pack.yaml", "title: The Teashop Mysteries", "title: 1984"),
    ("pack.yaml", "about: A tiny example pack that the tests and the docs use.", "about: ~"),
    ("pack.yaml", "authors: [The whodunit project]", "authors: The whodunit project"),
    ("pack.yaml", "licence: CC0-1.0", "licence: yes"),
    ("cast.yaml", "    description: Runs the rival bakery across the lane.", "    description:"),
    ("cases/tart.yaml", "title: The Vanished Tart", "title: true"),
    ("cases/tart.yaml", "start: shop", "start: shop\nrequires: ~"),
    (
        "cases/tart.yaml",
        "    when: {searched: kitchen/window}\n    things:",
        "    when: [{searched: kitchen/window}, {visited: kitchen}]\n    things:",
    ),
    ("cases/tart.yaml", "    points_to: [vera]", "    points_to: vera"),
    ("cases/tart.yaml", "  chances: 2", "  chances: 02"),
    (
        "cases/tart.yaml",
        "    text: An ordinary bread bag from the rival bakery, folded flat.",
        "    text: no",
    ),
    ("cases/tart.yaml", "  chances: 2", "  chances: 2\n  grading: strict"),
    (
        "cases/tart.yaml",
        "    links: [boot_prints, pip/morning]",
        "    links: [pip/morning, boot_prints]",
    ),
]


def apply_change(pack: Path, rel: str, change: str) -> Path:
    path = pack / rel
    current = data_of(path)
    new = merge(current, to_data(parse_text("change", textwrap.dedent(change))))
    path.write_text(json.dumps(new), encoding="utf-8")  # JSON is YAML: keeps every type
    return path


@pytest.mark.parametrize(("rel", "change"), INVALID, ids=[c for _, c in INVALID])
def test_the_loader_and_the_schema_both_reject(example_pack: Path, rel: str, change: str) -> None:
    path = apply_change(example_pack, rel, change)
    pack, findings = load_pack(example_pack)
    assert pack is None, f"the loader accepted {change}"
    assert {f.code for f in findings} & STRUCTURAL, [str(f) for f in findings]
    assert schema_errors(data_of(path)), f"the schema accepted {change}"


@pytest.mark.parametrize(("rel", "old", "new"), VALID, ids=[n for _, _, n in VALID])
def test_the_loader_and_the_schema_both_accept(
    example_pack: Path, edit, rel: str, old: str, new: str
) -> None:
    edit(example_pack / rel, old, new)
    pack, findings = load_pack(example_pack)
    assert pack is not None, [str(f) for f in findings]
    assert schema_errors(data_of(example_pack / rel)) == []
