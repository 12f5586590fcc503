"""The `whodunit` command as a user meets it: what it prints and the status it exits with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE
from whodunit import __version__


def run(*args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "whodunit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_help_and_version() -> None:
    out = run("--help")
    assert out.returncode == 0
    for word in ("play", "validate"):
        assert word in out.stdout
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"whodunit {__version__}"


def test_usage_error_exits_2() -> None:
    out = run("validate")
    assert out.returncode == 2 and "usage:" in out.stderr
    assert run("frobnicate").returncode == 2


def test_validate_ok() -> None:
    out = run("validate", str(EXAMPLE))
    assert out.returncode == 0
    assert out.stdout.strip() == "ok: The Teashop Mysteries (1 case) is valid and fair"


def test_validate_reports_every_problem_as_path_line_col(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "rules_out: [finch]", "rules_out: [nobody]")
    edit(case, "  chances: 2", "  chances: many")
    out = run("validate", str(example_pack))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{case}:") and ": error: " in line for line in lines)
    assert "1 error(s)" not in out.stderr and "2 error(s), 0 warning(s)" in out.stderr


def test_validate_json(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", "rules_out: [finch]", "rules_out: [nobody]")
    out = run("validate", str(example_pack), "--format", "json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["errors"] == 1
    [f] = data["findings"]
    assert f["code"] == "E010" and f["severity"] == "error" and f["line"] > 1


def test_validate_warnings_do_not_fail(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "revealed_by: {searched: shop/counter}",
        "revealed_by: {found: slip}",
    )
    out = run("validate", str(example_pack))
    assert out.returncode == 0
    assert ": warning: clue 'slip' can never be reached" in out.stdout


def test_walkthroughs_of_the_example_pass() -> None:
    for script, ending in [("solve.txt", "Case closed"), ("fail.txt", "The trail goes cold")]:
        out = run(
            "play", "--plain", str(EXAMPLE), "--script", str(EXAMPLE / "walkthroughs" / script)
        )
        assert out.returncode == 0, out.stderr
        assert ending in out.stdout


def test_a_failing_walkthrough_exits_1(tmp_path: Path) -> None:
    script = tmp_path / "wrong.txt"
    script.write_text("#! expect solved\nsearch counter\nsearch moon\n")
    out = run("play", "--plain", str(EXAMPLE), "--script", str(script))
    assert out.returncode == 1
    assert "command 'search moon' was refused" in out.stderr
    assert "expected the case to end 'solved', but it is 'unfinished'" in out.stderr


def test_plain_play_on_stdin() -> None:
    out = run("play", "--plain", str(EXAMPLE), stdin="look\nsearch counter\nevidence slip\nquit\n")
    assert out.returncode == 0
    assert "The Vanished Tart" in out.stdout
    assert "You can search: the counter [counter]" in out.stdout
    assert "New clue: Delivery slip [slip]" in out.stdout
    assert "Found at step 1, searching the counter (The shop floor)." in out.stdout
    assert "\x1b" not in out.stdout


def test_plain_play_ends_on_end_of_input() -> None:
    out = run("play", "--plain", str(EXAMPLE), stdin="look\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr


def test_bad_pack_gives_findings_not_a_traceback(example_pack: Path, edit) -> None:
    edit(example_pack / "cast.yaml", "    name: Pip Tolliver", "    name: [Pip")
    out = run("play", "--plain", str(example_pack), stdin="quit\n")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "cast.yaml:" in out.stderr and "whodunit validate" in out.stderr


def test_unknown_pack_and_case() -> None:
    out = run("play", "--plain", "no-such-pack")
    assert out.returncode == 1 and "no pack 'no-such-pack'" in out.stderr
    out = run("play", "--plain", str(EXAMPLE), "--case", "pie")
    assert out.returncode == 2 and "no case 'pie'" in out.stderr


def test_unknown_directives_are_reported_in_the_script_s_order() -> None:
    from whodunit.cli.plain import run_script
    from whodunit.pack.loader import load_pack_or_raise

    names = [f"oops{n}" for n in range(12)]
    script = "".join(f"#! {name} x\n" for name in names)
    result = run_script(load_pack_or_raise(EXAMPLE), script, lambda line: None)
    assert result.problems == [
        f"unknown directive '#! {name}'; the directives are #! case, #! expect and "
        "#! expect-text (see docs/walkthroughs.md)"
        for name in names
    ]


def test_asking_an_open_suspect_with_no_open_topics_says_so(example_pack: Path) -> None:
    """Vera can be questioned from the start, but her only topic opens with the bag."""
    from whodunit.cli.plain import PlainGame
    from whodunit.pack.loader import load_pack_or_raise

    pack = load_pack_or_raise(example_pack)
    lines: list[str] = []
    game = PlainGame(pack, pack.first_case, lines.append)
    game.handle("suspects")
    assert "Vera Lott [vera]" in lines[-1]
    game.handle("ask vera")
    assert "no suspect" not in lines[-1]
    assert lines[-2:] == [
        "Vera Lott. Vera Lott folds her floury arms.",
        "You have nothing to ask Vera Lott yet; find more, or show them a clue: "
        "`present CLUE to vera`.",
    ]


def test_the_top_level_saves_dir_goes_with_every_command(tmp_path: Path) -> None:
    """`--saves-dir DIR` before the command: DIR must not be taken for the command's name."""
    out = run("--saves-dir", str(tmp_path), "graph", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Case tart: The Vanished Tart")
    out = run(f"--saves-dir={tmp_path}", "test", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    out = run("--saves-dir", str(tmp_path), "replay", "nothing")
    assert out.returncode == 2 and "no save named 'nothing'" in out.stderr
    # ... and it is the folder they use
    out = run("--saves-dir", str(tmp_path), "play", "--plain", str(EXAMPLE), "--save", "mine",
              stdin="search counter\n")  # fmt: skip
    assert out.returncode == 0 and (tmp_path / "mine.json").is_file(), out.stderr
    out = run("--saves-dir", str(tmp_path), "replay", "mine", "--pack", str(EXAMPLE), "--verify")
    assert out.returncode == 0 and out.stdout.startswith("ok: "), out.stderr


def test_every_top_level_option_with_a_value_is_known_to_command_of() -> None:
    from whodunit.cli.main import _VALUE_OPTIONS, build_parser

    takes_value = {
        s
        for action in build_parser()._actions
        if action.option_strings and action.nargs != 0 and action.dest not in ("help", "version")
        for s in action.option_strings
    }
    assert takes_value <= set(_VALUE_OPTIONS)


def test_plain_hints_end_with_the_command_to_type() -> None:
    out = run("play", "--plain", str(EXAMPLE), "--no-save", stdin="hint\nhint\nhint\nquit\n")
    hints = [line for line in out.stdout.split("> ") if line.startswith("Hint:")]
    assert hints[0].strip() == "Hint: Have you been to The kitchen yet?"
    assert hints[2].strip() == (
        "Hint: Go to The kitchen. It is the very next step. (type: go kitchen)"
    )
