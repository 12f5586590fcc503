"""`whodunit upgrade PACK`: a pack of format 1 rewritten in format 2, keeping the author's
comments where the text allows, and saying what to review. The packs under format1/ are the
example pack and the `whodunit new` template as they were in format 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.authoring.test_commands import no_traceback, run
from whodunit.cli.plain import run_script
from whodunit.pack.loader import load_pack

FORMAT1 = Path(__file__).parent / "format1"


@pytest.fixture
def old_teashop(tmp_path: Path) -> Path:
    dest = tmp_path / "teashop"
    shutil.copytree(FORMAT1 / "teashop", dest)
    return dest


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_format_1_pack_is_refused_with_the_way_out(old_teashop: Path) -> None:
    pack, findings = load_pack(old_teashop)
    assert pack is None
    assert any("whodunit upgrade PACK" in f.message and f.code == "E011" for f in findings)


def test_upgrade_in_place(old_teashop: Path) -> None:
    out = run("upgrade", str(old_teashop))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Upgraded" in out.stdout and "Review:" in out.stdout
    assert "Which clue proves it?" in out.stdout  # the proofs to write
    assert "endings.wrong" in out.stdout  # shown only at the end now
    pack, findings = load_pack(old_teashop)
    assert pack is not None, [str(f) for f in findings]
    assert pack.format == 2
    claims = pack.cases["tart"].deduction.claims
    assert list(claims) == ["who", "why", "how"]
    assert claims["who"].proven_by == ("boot_prints", "juice")  # the evidence proves who
    assert claims["why"].proven_by == ("confession",)  # its true option's `when`
    assert claims["how"].proven_by == ("juice",)
    assert claims["why"].options["hunger"].when is not None
    manifest = (old_teashop / "pack.yaml").read_text(encoding="utf-8")
    assert manifest.startswith("# The manifest: what this pack is")  # comments stay
    assert "\nformat: 2\n" in manifest
    solve = (old_teashop / "walkthroughs" / "solve.txt").read_text(encoding="utf-8")
    assert "accuse who=pip:boot_prints why=hunger:confession how=window:juice" in solve
    assert "evidence=" not in solve
    result = run_script(pack, solve, lambda s: None)
    assert result.ok, result.problems
    fail = (old_teashop / "walkthroughs" / "fail.txt").read_text(encoding="utf-8")
    assert "accuse who=vera:slip why=spite:slip how=door:slip" in fail


def test_upgrade_keeps_the_comments_of_the_deduction(tmp_path: Path) -> None:
    out = run("upgrade", str(FORMAT1 / "orchid"), "--out", str(tmp_path / "new"))
    assert out.returncode == 0, out.stdout + out.stderr
    case = (tmp_path / "new" / "cases" / "orchid.yaml").read_text(encoding="utf-8")
    assert "  chances: 2                  # wrong accusations allowed in all" in case
    assert "      answer: ned               # a suspect id; every suspect is an option" in case
    assert "# -- The deduction ---" in case and "# -- Endings ---" in case
    assert "    required:" not in case and "  blanks:" not in case
    assert "comments under `evidence:`" in out.stdout
    pack, findings = load_pack(tmp_path / "new")
    assert pack is not None, [str(f) for f in findings]
    for w in pack.walkthroughs:
        text = Path(w.path).read_text(encoding="utf-8")
        result = run_script(pack, text, lambda s: None)
        if w.name == "solve":
            assert result.ok, result.problems


def test_out_leaves_the_pack_as_it_was(old_teashop: Path, tmp_path: Path) -> None:
    before = files(old_teashop)
    out = run("upgrade", str(old_teashop / "pack.yaml"), "--out", str(tmp_path / "v2"))
    assert out.returncode == 0, out.stderr
    assert files(old_teashop) == before
    assert load_pack(tmp_path / "v2")[0] is not None
    again = run("upgrade", str(old_teashop), "--out", str(tmp_path / "v2"))
    assert again.returncode == 2 and "not a new or empty folder" in again.stderr


def test_a_pack_of_format_2_is_left_alone(example_pack: Path) -> None:
    before = files(example_pack)
    out = run("upgrade", str(example_pack))
    assert out.returncode == 0 and "of format 2 already" in out.stdout
    assert files(example_pack) == before


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("format: 1", "format: 7", "only format 1 can be upgraded"),
        ("  evidence:\n", "  proof:\n", "no `who:` and `evidence:`"),
        ("    required: [boot_prints, juice]", "    required: []", "names no clue"),
    ],
)
def test_what_cannot_be_upgraded_is_said_and_nothing_is_written(
    old_teashop: Path, old: str, new: str, says: str
) -> None:
    path = old_teashop / ("pack.yaml" if old.startswith("format") else "cases/tart.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    before = files(old_teashop)
    out = run("upgrade", str(old_teashop))
    assert out.returncode == 1 and says in out.stderr, out.stderr
    assert out.stderr.startswith("whodunit: cannot upgrade") and len(out.stderr.splitlines()) == 1
    no_traceback(out)
    assert files(old_teashop) == before


def test_a_deduction_in_flow_style_is_written_anew(old_teashop: Path) -> None:
    tart = old_teashop / "cases" / "tart.yaml"
    text = tart.read_text(encoding="utf-8")
    start, end = text.index("deduction:"), text.index("\nendings:")
    flow = (
        "deduction: {chances: 2, who: {prompt: 'Who took the tart?', answer: pip},\n"
        "  blanks: {why: {prompt: Why?, answer: hunger, options: {hunger: {text: hunger,\n"
        "  when: {found: confession}}, spite: {text: spite}}}},\n"
        "  evidence: {required: [boot_prints, [juice, slip]]}}\n"
    )
    tart.write_text(text[:start] + flow + text[end:], encoding="utf-8")
    out = run("upgrade", str(old_teashop))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "written anew" in out.stdout and "its groups too" in out.stdout
    pack, findings = load_pack(old_teashop)
    assert pack is not None, [str(f) for f in findings]
    claims = pack.cases["tart"].deduction.claims
    assert claims["who"].proven_by == ("boot_prints", "juice", "slip")
    assert claims["why"].proven_by == ("confession",)


def test_no_such_folder() -> None:
    out = run("upgrade", "/nonexistent/pack")
    assert out.returncode == 2 and "no pack folder" in out.stderr


def test_comments_between_the_parts_of_the_deduction_stay(old_teashop: Path) -> None:
    tart = old_teashop / "cases" / "tart.yaml"
    text = tart.read_text(encoding="utf-8")
    text = text.replace("  blanks:\n", "  # Each blank below has its own options.\n  blanks:\n", 1)
    tart.write_text(text, encoding="utf-8")
    out = run("upgrade", str(old_teashop))
    assert out.returncode == 0, out.stdout + out.stderr
    new = tart.read_text(encoding="utf-8")
    assert "    # Each blank below has its own options.\n    why:\n" in new
    assert "speak of blanks or evidence" in out.stdout
    assert load_pack(old_teashop)[0] is not None
