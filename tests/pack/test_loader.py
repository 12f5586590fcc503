"""The loader: one test per kind of problem, each asserting the message and where it points."""

from __future__ import annotations

from pathlib import Path

import pytest

from whodunit.pack.findings import Finding
from whodunit.pack.loader import load_pack


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert matching, f"no {code} in {[str(f) for f in findings]}"
    return matching[0]


def line_of(path: Path, text: str) -> int:
    """The line holding `text`; a leading newline means the line must start with it."""
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if line.startswith(text[1:]) if text.startswith("\n") else text in line:
            return n
    raise AssertionError(text)


def test_example_pack_loads_clean(example_pack: Path) -> None:
    pack, findings = load_pack(example_pack)
    assert findings == []
    assert pack is not None
    case = pack.cases["tart"]
    assert case.culprit == "pip"
    assert case.things["kitchen/rack"].name == "the cooling rack"
    assert case.clues["slip"].pos.line == line_of(example_pack / "cases/tart.yaml", "\n  slip:")


def test_unknown_key_suggests_the_right_one(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "    revealed_by: {searched: shop/counter}",
        "    revealed_bye: {searched: shop/counter}",
    )
    pack, findings = load_pack(example_pack)
    f = only(findings, "E005")
    assert pack is None
    assert "unknown key 'revealed_bye'" in f.message and "did you mean 'revealed_by'" in f.message
    assert (f.pos.file, f.pos.line, f.pos.col) == (str(case), line_of(case, "revealed_bye"), 5)


def test_missing_key(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "    name: Delivery slip\n", "")
    _, findings = load_pack(example_pack)
    f = only(findings, "E006")
    assert "clue 'slip' is missing 'name'" in f.message
    assert f.pos.line == line_of(case, "    text: Signed")


def test_duplicate_key_is_reported_not_overwritten(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "  juice:\n", "  slip:\n")
    _, findings = load_pack(example_pack)
    f = only(findings, "E004")
    assert "duplicate key 'slip'" in f.message and "first at line" in f.message


def test_wrong_type(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "  chances: 2", "  chances: [2]")
    _, findings = load_pack(example_pack)
    f = only(findings, "E007")
    assert "'chances' of the deduction should be a whole number" in f.message
    assert f.pos.line == line_of(case, "chances:")


def test_yaml_11_booleans_stay_text(example_pack: Path, edit) -> None:
    cast = example_pack / "cast.yaml"
    edit(cast, "    name: Mr Finch", "    name: no")
    edit(cast, "    name: Vera Lott", "    name: 12:30")
    case = example_pack / "cases/tart.yaml"
    edit(case, "    title: Case closed", "    title: 1.10")
    pack, findings = load_pack(example_pack)
    assert findings == [] and pack is not None
    assert pack.cast["finch"].name == "no"
    assert pack.cast["vera"].name == "12:30"
    assert pack.cases["tart"].solved.title == "1.10"


def test_invalid_id(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "  juice:\n", "  Juice Stain:\n")
    _, findings = load_pack(example_pack)
    f = only(findings, "E008")
    assert "'Juice Stain' is not a valid clue id" in f.message


def test_duplicate_case_id(example_pack: Path, edit) -> None:
    (example_pack / "cases/tart2.yaml").write_bytes((example_pack / "cases/tart.yaml").read_bytes())
    edit(
        example_pack / "pack.yaml",
        "  - cases/tart.yaml",
        "  - cases/tart.yaml\n  - cases/tart2.yaml",
    )
    _, findings = load_pack(example_pack)
    assert "case id 'tart' is used by two cases" in only(findings, "E009").message


def test_a_file_listed_twice_is_read_once(example_pack: Path, edit) -> None:
    """Listing one case file many times must not make the loader read and report it each time
    (a 4 MB manifest could list a 4 MB file 200,000 times)."""
    edit(
        example_pack / "pack.yaml",
        "  - cases/tart.yaml",
        "  - cases/tart.yaml\n" + "  - ./cases/tart.yaml\n" * 3 + "  - cases//tart.yaml",
    )
    _, findings = load_pack(example_pack)
    assert [f.code for f in findings] == ["E009"] * 4, [str(f) for f in findings]
    assert "'./cases/tart.yaml' is the file 'cases/tart.yaml' again" in findings[0].message
    assert findings[0].pos.line == line_of(example_pack / "pack.yaml", "  - ./cases/tart.yaml")


def test_unknown_reference_with_suggestion(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "revealed_by: {searched: kitchen/rack}", "revealed_by: {searched: kitchen/rak}")
    _, findings = load_pack(example_pack)
    f = only(findings, "E010")
    assert "'searched: kitchen/rak' names nothing" in f.message
    assert "did you mean 'kitchen/rack'" in f.message
    assert f.pos.line == line_of(case, "kitchen/rak")


def test_unknown_suspect_in_rules_out(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", "rules_out: [finch]", "rules_out: [finchh]")
    _, findings = load_pack(example_pack)
    assert "no suspect 'finchh'; did you mean 'finch'?" in only(findings, "E010").message


def test_missing_wrong_ending(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "    vera:\n      title: A rival accused\n"
        "      text: Vera produces a month of Tuesday receipts. The lane talks of nothing else.\n",
        "",
    )
    _, findings = load_pack(example_pack)
    assert "suspect 'vera' has no wrong-accusation ending" in only(findings, "E205").message


def test_bad_yaml_points_at_the_line(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "    name: The kitchen", "    name: [The kitchen")
    _, findings = load_pack(example_pack)
    f = only(findings, "E002")
    assert f.pos.file == str(case) and f.pos.line >= line_of(case, "[The kitchen")


def test_tabs_are_explained(example_pack: Path, edit) -> None:
    edit(example_pack / "cast.yaml", "    name: Pip Tolliver", "\tname: Pip Tolliver")
    _, findings = load_pack(example_pack)
    assert "tab" in only(findings, "E002").message


@pytest.mark.parametrize(
    ("yaml_text", "needle"),
    [
        ("characters: &a {x: {name: X}}\n", "anchors (&a)"),
        ("characters: !!python/object/apply:os.system ['true']\n", "tags"),
        ("a: &x 1\ncharacters: *x\n", "anchors"),
        ("characters: {}\n---\ncharacters: {}\n", "one YAML document"),
    ],
)
def test_unsafe_yaml_is_refused(example_pack: Path, yaml_text: str, needle: str) -> None:
    (example_pack / "cast.yaml").write_text(yaml_text)
    _, findings = load_pack(example_pack)
    f = only(findings, "E003")
    assert needle in f.message


def test_file_outside_the_pack_is_refused(example_pack: Path, edit) -> None:
    edit(example_pack / "pack.yaml", "cast: cast.yaml", "cast: ../cast.yaml")
    _, findings = load_pack(example_pack)
    assert "leads outside the pack folder" in only(findings, "E012").message


def test_missing_file(example_pack: Path, edit) -> None:
    edit(example_pack / "pack.yaml", "cast: cast.yaml", "cast: people.yaml")
    _, findings = load_pack(example_pack)
    f = only(findings, "E001")
    assert "'people.yaml' does not exist" in f.message
    assert f.pos.line == line_of(example_pack / "pack.yaml", "cast: people.yaml")


def test_not_a_folder(tmp_path: Path) -> None:
    pack, findings = load_pack(tmp_path / "nowhere")
    assert pack is None
    assert "no such pack folder" in only(findings, "E001").message


def test_every_problem_is_reported_at_once(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "rules_out: [finch]", "rules_out: [nobody]")
    edit(case, "revealed_by: {asked: vera/bag}", "revealed_by: {asked: vera/bagg}")
    edit(case, "  chances: 2", "  chances: lots")
    _, findings = load_pack(example_pack)
    assert {f.code for f in findings} >= {"E010", "E007"}
    assert len(findings) >= 3


def test_findings_are_printed_as_path_line_col(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "rules_out: [finch]", "rules_out: [nobody]")
    _, findings = load_pack(example_pack)
    line = line_of(case, "rules_out: [nobody]")
    col = case.read_text(encoding="utf-8").splitlines()[line - 1].index("nobody") + 1
    assert str(only(findings, "E010")).startswith(f"{case}:{line}:{col}: error: ")


@pytest.mark.parametrize(
    ("ref", "says"),
    [
        ("pip/slip", None),
        ("pipp/slip", "; did you mean 'pip/slip'?"),
        ("pip/slipp", "; did you mean 'pip/slip'?"),
        ("nobody/nothing", "; write suspect/clue, e.g. pip/slip"),
        ("pip", "; write suspect/clue, e.g. pip/slip"),
    ],
)
def test_presented_references_are_checked_part_by_part(
    example_pack: Path, edit, ref: str, says: str | None
) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "when: {found: boot_prints}",
        f"when: {{presented: {ref}}}",
    )
    _, findings = load_pack(example_pack)
    errors = [f for f in findings if f.code == "E010"]
    if says is None:
        assert errors == []
    else:
        assert errors[0].message == f"'presented: {ref}' names nothing in this case{says}"


def test_checking_presented_references_does_not_pair_every_suspect_with_every_clue(
    example_pack: Path,
) -> None:
    """Half a megabyte of pack can hold a thousand suspects and thousands of clues: checking a
    `presented` reference against every pair of them took gigabytes."""
    import tracemalloc

    n_suspects, n_clues = 600, 2500
    case = example_pack / "cases/tart.yaml"
    text = case.read_text()
    clues = "".join(
        f"  zz{i:04d}:\n    name: c\n    text: t\n    revealed_by: {{found: slip}}\n"
        for i in range(n_clues)
    )
    suspects = "".join(
        f"  s{i:04d}:\n    intro: x\n    topics: {{t: {{ask: a, answer: b}}}}\n"
        for i in range(n_suspects)
    )
    wrong = "".join(f"    s{i:04d}: {{title: w, text: w}}\n" for i in range(n_suspects))
    text = text.replace("\nclues:\n", "\nclues:\n" + clues, 1)
    text = text.replace("\nsuspects:\n", "\nsuspects:\n" + suspects, 1)
    text = text.replace("\n  wrong:\n", "\n  wrong:\n" + wrong, 1)
    case.write_text(text.replace("when: {found: boot_prints}", "when: {presented: pip/zz0007}"))
    cast = example_pack / "cast.yaml"
    cast.write_text(
        cast.read_text() + "".join(f"  s{i:04d}:\n    name: S\n" for i in range(n_suspects))
    )
    tracemalloc.start()
    try:
        pack, findings = load_pack(example_pack)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pack is not None and [f for f in findings if f.code.startswith("E")] == []
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MiB"


def test_required_evidence_entries_must_be_clues_or_lists_of_clues(
    example_pack: Path, edit
) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "    required: [boot_prints, juice]", "    required: [boot_prints, {a: b}, [juicy]]")
    _, findings = load_pack(example_pack)
    assert "a list of clue ids of which any one will do" in only(findings, "E007").message
    assert "no clue 'juicy'; did you mean 'juice'?" in only(findings, "E010").message
