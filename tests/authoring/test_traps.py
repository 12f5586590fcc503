"""The traps a new writer fell into, writing a case from the docs alone: each is now reported at
the place it happens, with what to do about it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from tests.authoring.test_commands import no_traceback, run
from tests.conftest import EXAMPLE, ROOT
from whodunit.cli.plain import DIRECTIVES, ENDINGS, HELP, run_script
from whodunit.engine.notation import ALIASES
from whodunit.pack.findings import Finding
from whodunit.pack.loader import load_pack
from whodunit.pack.schema import pack_ids, pack_schema, to_data
from whodunit.pack.yamlsafe import parse_text

TART = "cases/tart.yaml"


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def at(path: Path, text: str) -> tuple[int, int]:
    """The line and column where `text` is written in `path`."""
    n = line_of(path, text)
    return n, path.read_text().splitlines()[n - 1].index(text) + 1


def only(findings: list[Finding], code: str) -> Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [str(f) for f in findings]
    return found[0]


# -- ` #` in plain text -----------------------------------------------------------------------
def test_prose_cut_short_by_a_comment_is_w103_at_its_line(example_pack: Path, edit) -> None:
    edit(
        example_pack / TART,
        "    text: An ordinary bread bag from the rival bakery, folded flat.",
        "    text: The lock of compartment #7 is bent.",
    )
    out = run("validate", str(example_pack))
    assert out.returncode == 0, out.stdout  # a warning: the pack still plays
    line = line_of(example_pack / TART, "compartment #7")
    assert f"tart.yaml:{line}:11: warning: the text of 'text' stops before '#7 is bent.'" in (
        out.stdout
    )
    assert "[W103]" in out.stdout and "`>-`" in out.stdout and "quotes" in out.stdout


def test_w103_is_only_for_prose_that_a_comment_cuts(example_pack: Path, edit) -> None:
    path = example_pack / TART
    edit(path, "start: shop", "start: shop  # where the player begins")
    edit(path, "    points_to: [vera]", "    points_to: [vera]  # the red herring")
    edit(
        path,
        "    text: An ordinary bread bag from the rival bakery, folded flat.",
        "    text: 'An ordinary bread bag, stall #7.'  # quoted: all of it is kept",
    )
    edit(
        path, "    name: Delivery slip", "    name: Delivery slip#2"
    )  # no space before #: not a comment
    pack, findings = load_pack(example_pack)
    assert pack is not None and not [f for f in findings if f.code == "W103"], findings
    assert pack.cases["tart"].clues["bag"].text == "An ordinary bread bag, stall #7."
    assert pack.cases["tart"].clues["slip"].name == "Delivery slip#2"


def test_w103_in_lists_and_reactions(example_pack: Path, edit) -> None:
    edit(example_pack / "pack.yaml", "authors: [The whodunit project]", "authors:\n  - Ann #1 fan")
    edit(
        example_pack / TART,
        '      bag: She laughs. "Check Mabel\'s receipts. Tuesday rye, like always."',
        "      bag: She laughs. Receipts #12 and #13 say so.",
    )
    pack, findings = load_pack(example_pack)
    cut = [f for f in findings if f.code == "W103"]
    assert pack is not None
    assert sorted(Path(f.pos.file).name for f in cut) == ["pack.yaml", "tart.yaml"], cut
    assert any("'reactions'" in f.message for f in cut)
    assert any("'authors'" in f.message for f in cut)


# -- dialogue that starts with a quote -------------------------------------------------------
def test_dialogue_that_starts_with_a_quote_says_how_to_write_it(example_pack: Path, edit) -> None:
    edit(
        example_pack / TART,
        "        answer: At the village hall since eight, setting out the tables with the vicar.",
        '        answer: "At the village hall," he says, "since eight."',
    )
    out = run("validate", str(example_pack))
    assert out.returncode == 1
    line = line_of(example_pack / TART, "he says")
    text = out.stdout
    assert f"tart.yaml:{line}:17: error: this text starts with a quote" in text
    assert '"At the village hall," as all of it' in text
    assert '`answer: \'"At the village hall," he says, "since eight."\'`' in text
    assert "`answer: >-`" in text and "[E002]" in text
    assert "did not find expected key" not in text
    no_traceback(out)


def test_the_quoted_fix_the_message_gives_reads_back_as_the_text() -> None:
    try:
        parse_text("f.yaml", '- "I was there," she says.\n')
    except Exception as exc:  # the finding quotes the fix to type
        fix = re.search(r"`(- '.*')`", str(exc))
        assert fix is not None, str(exc)
        assert to_data(parse_text("f.yaml", fix.group(1))) == ['"I was there," she says.']
    else:
        raise AssertionError("the line parsed")


def test_a_quoted_key_or_a_quote_that_ends_the_value_is_not_this_mistake() -> None:
    data = to_data(parse_text("f.yaml", '"a key": b\nc: "whole"  # fine\nd: ["x", y]\n'))
    assert data == {"a key": "b", "c": "whole", "d": ["x", "y"]}


# -- ids inside lists ------------------------------------------------------------------------
def test_a_typo_inside_a_list_is_reported_at_the_item(example_pack: Path, edit) -> None:
    path = example_pack / TART
    edit(path, "      proven_by: [juice, boot_prints]", "      proven_by: [juce, boot_prints]")
    edit(path, "    points_to: [vera]", "    points_to:\n      - vear")
    pack, findings = load_pack(example_pack)
    assert pack is None
    juce = next(f for f in findings if "'juce'" in f.message)
    assert (juce.pos.line, juce.pos.col) == at(path, "juce"), str(juce)
    vear = next(f for f in findings if "'vear'" in f.message)
    assert (vear.pos.line, vear.pos.col) == at(path, "vear"), str(vear)
    assert "did you mean 'vera'?" in vear.message


def test_a_typo_in_a_proof_a_link_and_in_requires(example_pack: Path, edit) -> None:
    path = example_pack / TART
    edit(path, "      proven_by: [confession]", "      proven_by: [confesion]")
    edit(path, "    links: [boot_prints, pip/morning]", "    links: [boot_prints, pip/mornin]")
    edit(path, "start: shop", "start: shop\nrequires: [tarte]")
    _, findings = load_pack(example_pack)
    wrong = next(f for f in findings if "'confesion'" in f.message)
    assert (wrong.pos.line, wrong.pos.col) == at(path, "confesion")
    link = next(f for f in findings if "'pip/mornin'" in f.message)
    assert (link.pos.line, link.pos.col) == at(path, "pip/mornin")
    tarte = next(f for f in findings if "'tarte'" in f.message)
    assert (tarte.pos.line, tarte.pos.col) == at(path, "tarte]")


# -- walkthrough directives ------------------------------------------------------------------
def test_an_unknown_ending_or_directive_fails_the_walkthrough(example_pack: Path) -> None:
    solve = (EXAMPLE / "walkthroughs" / "solve.txt").read_text(encoding="utf-8")
    typo = solve.replace("#! expect solved", "#! expect solvd\n#! expct solved")
    (example_pack / "walkthroughs" / "typo.txt").write_text(typo, encoding="utf-8")
    out = run("test", str(example_pack))
    assert out.returncode == 1
    assert "FAIL  " in out.stdout and "typo.txt" in out.stdout
    assert "line 1: unknown ending 'solvd' in '#! expect' (did you mean 'solved'?)" in out.stdout
    assert "line 2: unknown directive '#! expct' (did you mean '#! expect'?)" in out.stdout
    assert "expected the case to end 'solvd'" not in out.stdout
    script = run(
        "play",
        "--plain",
        str(example_pack),
        "--script",
        str(example_pack / "walkthroughs/typo.txt"),
    )
    assert script.returncode == 1
    assert "unknown ending 'solvd'" in script.stderr and "unknown directive" in script.stderr


def test_a_known_ending_that_does_not_happen_still_fails() -> None:
    pack, _ = load_pack(EXAMPLE)
    assert pack is not None
    result = run_script(pack, "#! expect out_of_chances\nsearch counter\n", lambda s: None)
    assert not result.ok
    assert result.problems == ["expected the case to end 'out_of_chances', but it is 'unfinished'"]


def test_the_walkthrough_doc_lists_every_command_and_its_examples_pass() -> None:
    doc = (ROOT / "docs" / "walkthroughs.md").read_text(encoding="utf-8")
    verbs = {line.split()[0] for line in HELP.splitlines()[1:] if line[2:3].strip()}
    for word in [*verbs, *ALIASES, *DIRECTIVES, *ENDINGS, "l", "clues", "places", "exit"]:
        assert f"`{word}" in doc or f"#! {word}" in doc, f"docs/walkthroughs.md lacks {word}"
    pack, _ = load_pack(EXAMPLE)
    assert pack is not None
    examples = re.findall(r"<!-- walkthrough: teashop -->\n```text\n(.*?)```", doc, re.S)
    assert len(examples) >= 2
    for text in examples:
        result = run_script(pack, text, lambda s: None)
        assert result.ok, result.problems
    assert "walkthroughs.md" in (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


# -- chances and wrong endings ----------------------------------------------------------------
def test_chances_left_out_is_three(example_pack: Path, edit) -> None:
    edit(example_pack / TART, "  chances: 2\n", "")
    pack, findings = load_pack(example_pack)
    assert pack is not None, findings
    assert pack.cases["tart"].deduction.chances == 3
    doc = (ROOT / "docs" / "pack-format.md").read_text(encoding="utf-8")
    assert "the player then has 3" in doc


def test_a_wrong_ending_for_the_culprit_is_refused(example_pack: Path, edit) -> None:
    edit(
        example_pack / TART,
        "  wrong:\n",
        "  wrong:\n    pip:\n      title: The boy accused\n      text: Pip cries.\n",
    )
    out = run("validate", str(example_pack))
    assert out.returncode == 1
    assert "'wrong.pip' is an ending for accusing the culprit" in out.stdout
    assert "remove it [E011]" in out.stdout


# -- schemas ---------------------------------------------------------------------------------
def test_each_kind_of_file_has_its_own_schema() -> None:
    for kind, key in (("manifest", "format"), ("cast", "characters"), ("case", "briefing")):
        out = run("schema", "--kind", kind)
        assert out.returncode == 0, out.stderr
        schema = json.loads(out.stdout)
        jsonschema.Draft202012Validator.check_schema(schema)
        root = schema["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
        assert key in root["properties"]
    manifest = json.loads(run("schema", "--kind", "manifest").stdout)
    errors = list(jsonschema.Draft202012Validator(manifest).iter_errors({"title": "Gull Point"}))
    missing = " ".join(e.message for e in errors)
    # A fresh pack.yaml is asked for a manifest's keys, never a case's.
    assert "'format' is a required property" in missing and "briefing" not in missing
    for name in ("example", "teashop"):
        path = (EXAMPLE / "pack.yaml") if name == "teashop" else (EXAMPLE / "cast.yaml")
        data = to_data(parse_text(str(path), path.read_text(encoding="utf-8")))
        kind = "manifest" if name == "teashop" else "cast"
        assert not list(jsonschema.Draft202012Validator(pack_schema(kind=kind)).iter_errors(data))


def test_schema_messages_stay_short(example_pack: Path) -> None:
    path = example_pack / TART
    data = to_data(parse_text(str(path), path.read_text(encoding="utf-8")))
    data["deduction"]["claims"]["why"]["reason"] = data["deduction"]["claims"]["why"].pop("proof")
    errors = list(jsonschema.Draft202012Validator(pack_schema(kind="case")).iter_errors(data))
    assert errors
    for e in errors:
        assert len(e.message) < 120, e.message
    assert any("'proof'" in e.message for e in errors)


def test_the_schema_of_a_pack_knows_its_ids(example_pack: Path, edit) -> None:
    out = run("schema", str(example_pack), "--kind", "case")
    assert out.returncode == 0, out.stderr
    schema = json.loads(out.stdout)
    pack, _ = load_pack(example_pack)
    assert pack is not None
    assert schema == pack_schema(pack_ids(pack), "case")
    assert "boot_prints" in schema["$defs"]["clue_id"]["enum"]
    v = jsonschema.Draft202012Validator(schema)
    path = example_pack / TART
    data = to_data(parse_text(str(path), path.read_text(encoding="utf-8")))
    assert not list(v.iter_errors(data))
    data["clues"]["slip"]["revealed_by"] = {"searched": "shop/countr"}
    data["clues"]["bag"]["points_to"] = ["vear"]
    data["deduction"]["claims"]["how"]["proven_by"] = ["boot_prints", "juce"]
    data["connections"]["prints-and-route"]["links"] = ["boot_prints", "pip/mornin"]
    bad = {"/".join(map(str, e.absolute_path)) for e in v.iter_errors(data)}
    assert {
        "clues/slip/revealed_by",
        "clues/bag/points_to",
        "deduction/claims/how/proven_by",
        "connections/prints-and-route/links/1",
    } <= bad, bad
    assert not list(jsonschema.Draft202012Validator(pack_schema(kind="case")).iter_errors(data))


def test_every_file_of_the_built_in_packs_satisfies_its_pack_s_schema() -> None:
    for root in (ROOT / "story" / "archer", EXAMPLE):
        pack, _ = load_pack(root)
        assert pack is not None
        ids = pack_ids(pack)
        for path in sorted(root.rglob("*.yaml")):
            data = to_data(parse_text(str(path), path.read_text(encoding="utf-8")))
            kind = (
                "manifest"
                if path.name == "pack.yaml"
                else "cast"
                if "characters" in data
                else "case"
            )
            v = jsonschema.Draft202012Validator(pack_schema(ids, kind))
            assert [e.message for e in v.iter_errors(data)] == [], path
