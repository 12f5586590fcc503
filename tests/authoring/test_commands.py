"""The authoring commands as an author meets them: what they print and the status they exit with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE, ROOT
from whodunit.pack.findings import Finding, Pos, Severity, findings_github
from whodunit.pack.loader import load_pack


def run(
    *args: str, stdin: str = "", cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "whodunit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def no_traceback(out: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in out.stderr and "Traceback" not in out.stdout


# -- new -------------------------------------------------------------------------------------------
def test_new_writes_a_valid_playable_pack_whose_walkthroughs_pass(tmp_path: Path) -> None:
    target = tmp_path / "My Mystery"
    out = run("new", str(target))
    assert out.returncode == 0, out.stderr
    assert "Created the clue pack 'my-mystery'" in out.stdout
    assert "whodunit validate" in out.stdout and "docs/authoring.md" in out.stdout
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == [
        "README.md",
        "cases/orchid.yaml",
        "cast.yaml",
        "pack.yaml",
        "schema.json",
        "walkthroughs/claim-by-claim.txt",
        "walkthroughs/solve.txt",
        "walkthroughs/wrong.txt",
    ]
    val = run("validate", str(target))
    assert val.returncode == 0, val.stdout + val.stderr
    assert val.stdout.strip() == "ok: My Mystery (1 case) is valid and fair"
    test = run("test", str(target))
    assert test.returncode == 0, test.stdout
    assert "3 walkthroughs: 3 passed, 0 failed" in test.stdout
    pack, _ = load_pack(target)
    assert pack is not None and pack.id == "my-mystery" and pack.title == "My Mystery"
    case = pack.first_case
    assert len(case.suspects) >= 3 and len(case.places) >= 3 and len(case.clues) >= 5
    assert len(case.deduction.claims) >= 3 and case.connections and case.wrong
    assert case.deduction.grading == "graded"


def test_new_files_point_editors_at_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    assert run("new", str(target)).returncode == 0
    for path in target.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema_ref = first.split("$schema=", 1)[1]
        assert (path.parent / schema_ref).resolve() == (target / "schema.json").resolve()
        assert "#" in path.read_text(encoding="utf-8").split("\n", 2)[2], "comments that teach"
    assert json.loads((target / "schema.json").read_text()) == json.loads(run("schema").stdout)


def test_new_title_with_punctuation_stays_valid(tmp_path: Path) -> None:
    target = tmp_path / "x"
    assert run("new", str(target), "--title", "Murder: on the 4:50 #1").returncode == 0
    pack, findings = load_pack(target)
    assert pack is not None, findings
    assert pack.title == "Murder: on the 4:50 #1"


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    out = run("new", str(tmp_path))
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"whodunit: '{tmp_path}' is not empty; give a new or empty folder "
        "(whodunit new never overwrites files)"
    )
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    out = run("new", str(tmp_path / "notes.txt"))
    assert out.returncode == 1 and "is a file" in out.stderr
    no_traceback(out)


def test_new_into_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert run("new", str(target)).returncode == 0
    assert (target / "pack.yaml").is_file()


# -- validate --format github ----------------------------------------------------------------------
def test_new_into_a_folder_it_cannot_read_is_a_message_not_a_traceback() -> None:
    from tests.saves.unprivileged import run_unprivileged, shared_dir

    locked = shared_dir() / "locked"
    locked.mkdir()
    (locked / "notes.txt").write_text("mine\n")
    locked.chmod(0o700)  # the unprivileged user can neither list nor write it
    out = run_unprivileged(f"raise SystemExit(whodunit.cli.main.main(['new', {str(locked)!r}]))")
    assert out.returncode == 1, out.stderr
    assert out.stderr.startswith(f"whodunit: cannot write the pack into '{locked}'")
    no_traceback(out)
    assert sorted(p.name for p in locked.iterdir()) == ["notes.txt"]


def test_a_pack_in_a_folder_this_user_cannot_enter_is_e001_not_a_traceback() -> None:
    from tests.saves.unprivileged import run_unprivileged, shared_dir

    locked = shared_dir() / "locked"
    locked.mkdir()
    shutil.copytree(EXAMPLE, locked / "teashop")
    locked.chmod(0o700)
    pack = locked / "teashop"
    for args in (
        ["validate", str(pack)],
        ["validate", str(pack / "pack.yaml")],
        ["graph", str(pack)],
        ["test", str(pack)],
        ["play", "--plain", str(pack), "--no-save"],
    ):
        out = run_unprivileged(f"raise SystemExit(whodunit.cli.main.main({args!r}))")
        no_traceback(out)
        assert out.returncode == 1, (args, out.stderr)
        text = out.stdout + out.stderr
        assert "Permission denied" in text and "[E001]" in text, (args, text)


def test_validate_github_annotations(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "rules_out: [finch]", "rules_out: [nobody]")
    edit(case, "revealed_by: {searched: shop/counter}", "revealed_by: {found: slip}")
    out = run("validate", str(example_pack), "--format", "github")
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"::error file={case},line=")
    assert ",title=E010::no suspect 'nobody'" in lines[0]
    assert "name a suspect of this case" in lines[0]
    assert "1 error(s), 0 warning(s)" in out.stderr


def test_validate_github_warnings_and_clean(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "revealed_by: {searched: shop/counter}",
        "revealed_by: {found: slip}",
    )
    out = run("validate", str(example_pack), "--format", "github")
    assert out.returncode == 0
    assert out.stdout.startswith("::warning file=")
    assert "title=W101::clue 'slip' can never be reached" in out.stdout
    clean = run("validate", str(EXAMPLE), "--format", "github")
    assert clean.returncode == 0 and clean.stdout == ""


def test_github_annotations_escape_what_would_break_them() -> None:
    f = Finding(Pos("a,b:c.yaml", 3, 4), Severity.ERROR, "E002", "50% off\nnext line")
    assert (
        findings_github([f])
        == "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=E002::50%25 off%0Anext line"
    )


def test_every_message_says_what_to_do(example_pack: Path, edit) -> None:
    """A broken pack's findings each carry a fix after the problem: '; ...' or '(...)'."""
    case = example_pack / "cases/tart.yaml"
    edit(case, "    revealed_by: {searched: lane/cobbles}", "    revealed_by: {foo: lane}")
    edit(case, "  chances: 2", "  chances: [2]")
    edit(case, "    rules_out: [vera]", "    rules_out: {vera: 1}")
    edit(case, "  bag:\n", "  Bag:\n")
    pack, findings = load_pack(example_pack)
    assert pack is None and len(findings) >= 4
    for f in findings:
        assert ";" in f.message, f"no fix in: {f}"


# -- graph -----------------------------------------------------------------------------------------
def test_graph_text() -> None:
    out = run("graph", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("Case tart: The Vanished Tart\n")
    assert "    shop: The shop floor [start]" in text
    assert "      kitchen/bin: the scrap bin  <- when searched kitchen/window" in text
    assert "-> reveals clue boot_prints" in text
    assert "    pip: Pip Tolliver [culprit]" in text
    assert "    alibi_finch: Mr Finch's alibi  <- when asked finch/judging" in text
    assert "        -> rules out suspect finch" in text
    assert "    juice: Plum juice on the sill [required]" in text
    assert "    route: The prints and Pip's morning [required]  <- when connected " in text
    assert "    why/hunger: hunger [answer]\n" in text
    assert "  Answer: who=pip:route|confession why=hunger:confession how=window:juice|" in text
    assert "  Connection prints-and-route: boot_prints + pip/morning" in text
    assert text.rstrip().endswith("Unreachable: nothing")


def test_graph_marks_the_unreachable_in_every_format(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "revealed_by: {searched: shop/counter}",
        "revealed_by: {found: slip}",
    )
    text = run("graph", str(example_pack), "--case", "tart").stdout
    assert "    slip: Delivery slip [UNREACHABLE]  <- when found slip" in text
    assert "  Unreachable (1): clue slip" in text
    mermaid = run("graph", str(example_pack), "--format", "mermaid")
    assert mermaid.returncode == 0
    lines = mermaid.stdout.splitlines()
    assert lines[0] == "flowchart LR"
    [slip] = [line for line in lines if "clue slip: Delivery slip" in line]
    assert "(unreachable)" in slip
    node = slip.split("{{")[0].strip()
    assert f"  class {node} unreachable" in lines
    assert any('-.->|"rules out"|' in line for line in lines)
    dot = run("graph", str(example_pack), "--format", "dot")
    assert dot.returncode == 0
    assert dot.stdout.startswith("digraph whodunit {") and dot.stdout.rstrip().endswith("}")
    [slip] = [line for line in dot.stdout.splitlines() if "clue slip: Delivery slip" in line]
    assert "(unreachable)" in slip and "style=dashed" in slip and "color=red" in slip
    assert dot.stdout.count("{") == dot.stdout.count("}")
    if shutil.which("dot"):
        rendered = subprocess.run(
            ["dot", "-Tsvg"], input=dot.stdout, capture_output=True, text=True
        )
        assert rendered.returncode == 0, rendered.stderr


def test_graph_errors(example_pack: Path, edit) -> None:
    out = run("graph", str(EXAMPLE), "--case", "pie")
    assert out.returncode == 2 and "no case 'pie' in pack 'teashop'; its cases: tart" in out.stderr
    edit(example_pack / "cast.yaml", "    name: Pip Tolliver", "    name: [Pip")
    out = run("graph", str(example_pack))
    assert out.returncode == 1 and "cast.yaml:" in out.stderr and "whodunit validate" in out.stderr
    no_traceback(out)
    assert run("graph", str(EXAMPLE), "--format", "svg").returncode == 2


# -- test ------------------------------------------------------------------------------------------
def test_test_runs_every_walkthrough() -> None:
    out = run("test", str(EXAMPLE))
    assert out.returncode == 0, out.stdout
    assert out.stdout.splitlines() == [
        f"PASS  {EXAMPLE / 'walkthroughs' / 'fail.txt'}",
        f"PASS  {EXAMPLE / 'walkthroughs' / 'solve.txt'}",
        "2 walkthroughs: 2 passed, 0 failed",
    ]


def test_test_reports_each_failure_with_its_line(example_pack: Path) -> None:
    bad = example_pack / "walkthroughs" / "broken.txt"
    bad.write_text("#! expect solved\n# look around\nsearch counter\n\nsearch moon\n")
    out = run("test", str(example_pack))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert f"FAIL  {bad}" in lines
    assert (
        "      line 5: command 'search moon' was refused: "
        "There is nothing called 'moon' to search in The shop floor." in lines
    )
    assert "      expected the case to end 'solved', but it is 'unfinished'" in lines
    assert lines[-1] == "3 walkthroughs: 2 passed, 1 failed"
    verbose = run("test", str(example_pack), "-v")
    assert "      | > search moon" in verbose.stdout


def test_test_unreadable_walkthrough_is_e301(example_pack: Path) -> None:
    (example_pack / "walkthroughs" / "latin1.txt").write_bytes(b"search caf\xe9\n")
    out = run("test", str(example_pack))
    assert out.returncode == 1
    assert (
        "latin1.txt:1:1: error: cannot read it: it is not UTF-8 text; save it as UTF-8 text [E301]"
        in out.stdout
    )


def test_test_refuses_a_walkthrough_that_links_out_of_the_pack(
    example_pack: Path, tmp_path: Path
) -> None:
    """A shared pack's walkthrough may be a link to a file of the user's: it is not read (its
    lines would be run as commands and echoed back)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n")
    link = example_pack / "walkthroughs" / "leak.txt"
    os.symlink(secret, link)
    out = run("test", str(example_pack), "-v")
    assert out.returncode == 1
    assert "TOP-SECRET-LINE" not in out.stdout + out.stderr
    assert f"FAIL  {link}" in out.stdout.splitlines()
    assert "leads outside the pack folder" in out.stdout and "[E012]" in out.stdout
    assert out.stdout.splitlines()[-1] == "3 walkthroughs: 2 passed, 1 failed"


def test_test_shows_walkthrough_names_without_terminal_control(example_pack: Path) -> None:
    shutil.copy(
        example_pack / "walkthroughs" / "solve.txt",
        example_pack / "walkthroughs" / "so\x1b]0;pwned\x07lve.txt",
    )
    out = run("test", str(example_pack))
    assert out.returncode == 0, out.stdout
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert out.stdout.count("solve.txt") == 2 and "3 walkthroughs: 3 passed" in out.stdout


def test_test_without_walkthroughs_or_with_a_broken_pack(example_pack: Path, edit) -> None:
    shutil.rmtree(example_pack / "walkthroughs")
    out = run("test", str(example_pack))
    assert out.returncode == 1 and "no walkthroughs in" in out.stderr
    edit(example_pack / "pack.yaml", "format: 2", "format: 9")
    out = run("test", str(example_pack))
    assert out.returncode == 1 and "[E011]" in out.stderr and "cannot test" in out.stderr
    no_traceback(out)


# -- list and installed packs ----------------------------------------------------------------------
def write_distribution(site: Path, dist: str, entry_points: dict[str, str]) -> None:
    """What pip would install: a dist-info folder declaring entry points in whodunit.packs."""
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[whodunit.packs]\n{lines}")


def site_env(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    return env


def test_an_installed_pack_is_listed_and_playable(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site / "teatime_pack")
    (site / "teatime_pack" / "__init__.py").write_text("raise RuntimeError('never imported')\n")
    (site / "pathpack.py").write_text(
        "from pathlib import Path\n"
        f"def pack_path():\n    return Path({str(site / 'teatime_pack')!r})\n"
    )
    write_distribution(
        site,
        "teatime-pack",
        {"teatime": "teatime_pack", "bypath": "pathpack:pack_path", "gone": "no_such_module"},
    )
    env = site_env(site)
    out = run("list", env=env)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    installed = lines[lines.index("Installed packs:") :]
    assert any(
        line.startswith("  teatime  The Teashop Mysteries  [")
        and "teatime-pack, entry point teatime = teatime_pack" in line
        for line in installed
    ), installed
    assert "    tart  The Vanished Tart" in installed
    assert any(line.startswith("  bypath  The Teashop Mysteries") for line in installed)
    assert any(line.startswith("  gone  ") for line in installed)
    assert any(
        "module 'no_such_module' is not installed; reinstall or uninstall teatime-pack" in line
        for line in installed
    )
    data = json.loads(run("list", "--format", "json", env=env).stdout)
    teatime = next(x for x in data if x["id"] == "teatime")
    assert teatime["source"] == "installed" and teatime["cases"][0]["id"] == "tart"

    for name in ("teatime", "bypath"):
        played = run("play", "--plain", name, stdin="look\nsearch counter\nquit\n", env=env)
        assert played.returncode == 0, played.stderr
        assert "The Vanished Tart" in played.stdout
        assert "New clue: Delivery slip [slip]" in played.stdout
    gone = run("play", "--plain", "gone", stdin="quit\n", env=env)
    assert gone.returncode == 1 and "installed pack 'gone' cannot be found" in gone.stderr
    no_traceback(gone)
    script = run(
        "play", "--plain", "teatime", "--script", str(EXAMPLE / "walkthroughs/solve.txt"), env=env
    )
    assert script.returncode == 0, script.stderr


def test_list_shows_an_installed_pack_s_titles_without_terminal_control(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site / "odd_pack")
    for rel, old, new in [
        ("pack.yaml", "title: The Teashop Mysteries", 'title: "Tea\\e]0;pwned\\ashop"'),
        ("cases/tart.yaml", "title: The Vanished Tart", 'title: "The \\e[2JTart\\u202e"'),
    ]:
        path = site / "odd_pack" / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    write_distribution(site, "odd-pack", {"odd": "odd_pack"})
    out = run("list", env=site_env(site))
    assert out.returncode == 0, out.stderr
    assert "  odd  Teashop  [" in out.stdout and "    tart  The Tart" in out.stdout
    assert not any(ch in out.stdout for ch in "\x1b\x07\u202e")


def test_list_shows_the_built_in_packs() -> None:
    from whodunit.pack.builtin import builtin_packs

    out = run("list")
    assert out.returncode == 0
    assert out.stdout.splitlines()[0] == "Built-in packs:"
    for pack_id in builtin_packs():
        assert any(line.startswith(f"  {pack_id}  ") for line in out.stdout.splitlines())
    assert "Play one with `whodunit play ID`" in out.stdout


def test_unknown_pack_names_the_ways_to_find_one() -> None:
    out = run("play", "--plain", "no-such-pack")
    assert out.returncode == 1
    assert "no pack 'no-such-pack'" in out.stderr and "whodunit list" in out.stderr


# -- help ------------------------------------------------------------------------------------------
def test_help_lists_the_authoring_commands() -> None:
    out = run("--help")
    assert out.returncode == 0
    for command in ("new", "graph", "schema", "test", "list", "validate", "play"):
        assert command in out.stdout
    for command in ("new", "graph", "schema", "test", "list"):
        assert run(command, "--help").returncode == 0
    assert run("new").returncode == 2
    assert run("graph").returncode == 2


def test_every_command_that_takes_a_pack_takes_an_installed_or_built_in_id(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site / "teatime_pack")
    write_distribution(site, "teatime-pack", {"teatime": "teatime_pack"})
    env = site_env(site)
    for pack_id, title in (("teatime", "The Vanished Tart"), ("archer", "The Fall from the Roof")):
        checked = run("validate", pack_id, env=env)
        assert checked.returncode == 0, checked.stderr
        assert checked.stdout.startswith("ok: ")
        tested = run("test", pack_id, env=env)
        assert tested.returncode == 0, tested.stdout + tested.stderr
        assert "0 failed" in tested.stdout
        drawn = run("graph", pack_id, env=env)
        assert drawn.returncode == 0, drawn.stderr
        assert title in drawn.stdout
        watched = run("play", "--plain", "--watch", pack_id, stdin="quit\n", env=env)
        assert watched.returncode == 0, watched.stderr
        assert title in watched.stdout and "Watching " in watched.stdout
        schema = json.loads(run("schema", pack_id, env=env).stdout)
        assert schema["$schema"].startswith("https://json-schema.org/")
    for command in ("validate", "test", "graph", "schema"):
        missing = run(command, "no-such-pack", env=env)
        assert missing.returncode == 1, command
        assert "no pack 'no-such-pack'" in missing.stderr and "teatime" in missing.stderr
        no_traceback(missing)
