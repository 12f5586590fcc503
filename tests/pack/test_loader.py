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
    assert f.pos.line == line_of(case, "    text: Two sacks of flour, delivered")


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


# -- format 2: the deduction's claims and the connections -----------------------------------------
FORMAT_1_DEDUCTION = """deduction:
  chances: 2
  who:
    prompt: Who took the tart?
    answer: pip
  blanks:
    why:
      prompt: Why did they take it?
      answer: hunger
      options:
        hunger: {text: hunger}
        spite: {text: spite}
  evidence:
    prompt: Which evidence proves it?
    required: [boot_prints, juice]
"""


def at(f: Finding, path: Path, text: str, col_of: str | None = None) -> None:
    """Assert the finding points at the line holding `text`, at the column of `col_of`."""
    line = line_of(path, text)
    assert (f.pos.file, f.pos.line) == (str(path), line), str(f)
    if col_of is not None:
        written = path.read_text(encoding="utf-8").splitlines()[line - 1]
        assert f.pos.col == written.index(col_of) + 1, str(f)


def replace_deduction(case: Path, new: str) -> None:
    text = case.read_text(encoding="utf-8")
    start, end = text.index("deduction:\n"), text.index("\nendings:")
    case.write_text(text[:start] + new + text[end:], encoding="utf-8")


def test_a_format_1_pack_gets_one_message_saying_what_changed(example_pack: Path, edit) -> None:
    manifest = example_pack / "pack.yaml"
    edit(manifest, "format: 2", "format: 1")
    replace_deduction(example_pack / "cases/tart.yaml", FORMAT_1_DEDUCTION)
    pack, findings = load_pack(example_pack)
    assert pack is None
    assert [f.code for f in findings] == ["E011"], [str(f) for f in findings]
    (f,) = findings
    at(f, manifest, "format: 1", "format")
    for word in ("format 1", "format 2", "claims", "proven_by", "connections"):
        assert word in f.message, word


def test_a_pack_of_a_later_format_says_to_update(example_pack: Path, edit) -> None:
    edit(example_pack / "pack.yaml", "format: 2", "format: 3")
    pack, findings = load_pack(example_pack)
    assert pack is None and [f.code for f in findings] == ["E011"]
    assert "reads pack format 2, not 3" in findings[0].message


def test_who_takes_no_options(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "      proven_by: [route, confession]\n",
        "      proven_by: [route, confession]\n      options: {pip: {text: Pip}}\n",
    )
    pack, findings = load_pack(example_pack)
    f = only(findings, "E011")
    assert pack is None and "'who' takes its options from the case's suspects" in f.message
    at(f, case, "options: {pip: {text: Pip}}", "options")


def test_a_claim_needs_two_options(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "        door:\n          text: through the shop door\n", "")
    _, findings = load_pack(example_pack)
    f = only(findings, "E011")
    assert "claim 'how' needs at least two options" in f.message
    line = line_of(case, "      answer: window") + 2
    assert case.read_text().splitlines()[line - 1] == "      options:"
    assert (f.pos.line, f.pos.col) == (line, 7)
    assert [x.code for x in findings] == ["E011"]


@pytest.mark.parametrize(
    ("proven_by", "code", "says", "col_of"),
    [
        ("[juicy, boot_prints]", "E010", "no clue 'juicy'; did you mean 'juice'?", "juicy"),
        ("[boot_prints, kitchen/rack]", "E010", "no clue 'kitchen/rack'", "kitchen/rack"),
        ("[]", "E011", "claim 'how' names no clue that proves it", "[]"),
    ],
)
def test_proven_by_names_clues_of_the_case(
    example_pack: Path, edit, proven_by: str, code: str, says: str, col_of: str
) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "      proven_by: [juice, boot_prints]", f"      proven_by: {proven_by}")
    pack, findings = load_pack(example_pack)
    f = only(findings, code)
    assert pack is None and says in f.message
    at(f, case, f"      proven_by: {proven_by}", col_of)


def test_proven_by_is_required(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "      proven_by: [juice, boot_prints]\n", "")
    _, findings = load_pack(example_pack)
    assert "claim 'how' is missing 'proven_by'" in only(findings, "E006").message


def test_a_claims_answer_is_one_of_its_options(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "      answer: hunger", "      answer: hungry")
    _, findings = load_pack(example_pack)
    f = only(findings, "E010")
    assert f.message == "no option of 'why' 'hungry'; did you mean 'hunger'?"
    at(f, case, "      answer: hungry", "hungry")
    assert len(findings) == 1


def test_the_culprit_is_a_suspect_and_nothing_else_is_blamed_for_it(
    example_pack: Path, edit
) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "      answer: pip", "      answer: pipp")
    _, findings = load_pack(example_pack)
    f = only(findings, "E010")
    assert f.message == "no suspect 'pipp'; did you mean 'pip'?"
    at(f, case, "      answer: pipp", "pipp")
    # Pip is not the culprit as written, but that is the one mistake: no "Pip has no
    # wrong-accusation ending" beside it.
    assert [x.code for x in findings] == ["E010"], [str(x) for x in findings]


def test_the_claims_need_who(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "    who:\n", "    whom:\n")
    _, findings = load_pack(example_pack)
    f = only(findings, "E006")
    assert "the claims are missing 'who'" in f.message
    at(f, case, "\n  claims:", "claims")
    assert "E205" not in {x.code for x in findings}


def test_grading_is_graded_or_strict(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "  chances: 2\n", "  chances: 2\n  grading: lenient\n")
    pack, findings = load_pack(example_pack)
    f = only(findings, "E011")
    assert pack is None and "graded, strict" in f.message and "lenient" in f.message
    at(f, case, "  grading: lenient", "lenient")


def test_grading_strict_loads(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", "  chances: 2\n", "  chances: 2\n  grading: strict\n")
    pack, findings = load_pack(example_pack)
    assert findings == [] and pack is not None
    assert pack.cases["tart"].deduction.grading == "strict"


@pytest.mark.parametrize(
    "links", ["[boot_prints]", "[boot_prints, pip/morning, slip]", "[boot_prints, boot_prints]"]
)
def test_a_connection_links_exactly_two_different_things(
    example_pack: Path, edit, links: str
) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "    links: [boot_prints, pip/morning]", f"    links: {links}")
    pack, findings = load_pack(example_pack)
    f = only(findings, "E011")
    assert pack is None
    assert "connection 'prints-and-route' should link exactly two different things" in f.message
    at(f, case, f"    links: {links}", "links")
    # One mistake, one finding: the conditions that name the connection are not reported too.
    assert [x.code for x in findings] == ["E011"], [str(x) for x in findings]


def test_two_connections_cannot_link_the_same_pair(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "    links: [boot_prints, pip/morning]\n",
        "    links: [boot_prints, pip/morning]\n  again:\n    links: [pip/morning, boot_prints]\n",
    )
    _, findings = load_pack(example_pack)
    f = only(findings, "E009")
    assert f.message == (
        "connection 'again' links the same two things as 'prints-and-route'; keep one"
    )
    at(f, case, "\n  again:", "again")


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("pip/mornin", "no clue or suspect/topic 'pip/mornin'; did you mean 'pip/morning'?"),
        ("kitchen/rack", "no clue or suspect/topic 'kitchen/rack'"),
        ("nothing", "no clue or suspect/topic 'nothing'"),
    ],
)
def test_a_link_names_a_clue_or_a_question(example_pack: Path, edit, link: str, says) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "    links: [boot_prints, pip/morning]", f"    links: [boot_prints, {link}]")
    _, findings = load_pack(example_pack)
    f = only(findings, "E010")
    assert says in f.message
    at(f, case, f"    links: [boot_prints, {link}]", link)


def test_a_connected_condition_names_a_connection(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "    revealed_by: {connected: prints-and-route}",
        "    revealed_by: {connected: nosuch}",
    )
    _, findings = load_pack(example_pack)
    f = only(findings, "E010")
    assert f.message.startswith("'connected: nosuch' names nothing in this case")
    at(f, case, "{connected: nosuch}", "nosuch")


def test_a_connection_nothing_uses_is_a_warning(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(
        case,
        "    links: [boot_prints, pip/morning]\n",
        "    links: [boot_prints, pip/morning]\n  idle:\n    links: [slip, juice]\n",
    )
    pack, findings = load_pack(example_pack)
    assert pack is not None, "a warning does not stop play"
    (f,) = findings
    assert f.code == "W102" and f.severity == "warning"
    assert "connection 'idle' leads to nothing" in f.message and "connected: idle" in f.message
    at(f, case, "\n  idle:", "idle")
    assert pack.cases["tart"].connection_of[frozenset({"slip", "juice"})] == "idle"
