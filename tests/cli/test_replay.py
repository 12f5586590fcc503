"""`whodunit replay`: the transcript, --verify, --to, --export and --walkthrough, and the exit
status: 0 the save fits, 1 it is damaged or a step no longer fits, 2 nothing to replay."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

SOLVE = EXAMPLE / "walkthroughs" / "solve.txt"


def run(*args: str, cwd: Path, stdin: str = ""):
    environ = {k: v for k, v in os.environ.items() if k != "WHODUNIT_SAVES"}
    return subprocess.run(
        [sys.executable, "-m", "whodunit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        timeout=120,
    )


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A solved game saved as 'game' in tmp_path/saves, with a notebook line after step 1."""
    script = tmp_path / "solve.txt"
    lines = SOLVE.read_text(encoding="utf-8").splitlines()
    at = lines.index("search counter") + 1
    script.write_text("\n".join([*lines[:at], "note P.T. signed the slip", *lines[at:]]) + "\n")
    out = run("play", "--plain", str(EXAMPLE), "--script", str(script), "--save", "game",
              cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    return tmp_path / "saves" / "game.json"


def test_transcript(saved: Path, tmp_path: Path) -> None:
    out = run("replay", "game", "--pack", str(EXAMPLE), cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == ""
    text = out.stdout
    assert text.startswith("The Vanished Tart\n=================\n")
    assert "[1] > search counter\nThe counter\n" in text
    assert "New clue: Delivery slip [slip]" in text
    assert "(notebook: P.T. signed the slip)" in text
    assert "[10] > accuse who=pip:route why=hunger:confession how=window:juice" in text
    assert "*** Case closed ***" in text and "Rating: " in text
    assert text.index("[1] >") < text.index("(notebook:") < text.index("[2] >")


def test_verify(saved: Path, tmp_path: Path) -> None:
    out = run("replay", "game", "--pack", str(EXAMPLE), "--verify", cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout == (
        "ok: saves/game.json: all 10 steps fit the pack 'teashop' 1.0.0, solved\n"
    )


def test_to(saved: Path, tmp_path: Path) -> None:
    out = run("replay", "game", "--pack", str(EXAMPLE), "--to", "2", cwd=tmp_path)
    assert out.returncode == 0
    assert "[2] > ask pip morning" in out.stdout and "[3]" not in out.stdout
    out = run("replay", "game", "--pack", str(EXAMPLE), "--to", "0", "--verify", cwd=tmp_path)
    assert out.stdout == "ok: saves/game.json: all 0 steps fit the pack 'teashop' 1.0.0\n"
    out = run("replay", "game", "--pack", str(EXAMPLE), "--to", "11", cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == "whodunit: saves/game.json: --to 11: the save has only 10 steps\n"
    out = run("replay", "game", "--pack", str(EXAMPLE), "--to", "-1", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr == "whodunit: --to needs a step number from 0\n"


def test_a_save_that_no_longer_fits(saved: Path, tmp_path: Path, example_pack: Path, edit) -> None:
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "  lane:\n    name: Harbour Lane", "  alley:\n    name: Harbour Lane")
    edit(tart, "revealed_by: {searched: lane/cobbles}", "revealed_by: {searched: alley/cobbles}")
    problem = (
        "whodunit: saves/game.json: step 6 (go lane) no longer fits: There is no place 'lane' "
        "you can go to. (the pack 'teashop' 1.0.0)\n"
    )
    out = run("replay", "game", "--pack", str(example_pack), "--verify", cwd=tmp_path)
    assert (out.returncode, out.stdout, out.stderr) == (1, "", problem)
    out = run("replay", "game", "--pack", str(example_pack), cwd=tmp_path)
    assert out.returncode == 1 and out.stderr == problem
    assert "[5] > search window" in out.stdout and "[6]" not in out.stdout
    # the steps before it still replay cleanly
    out = run("replay", "game", "--pack", str(example_pack), "--to", "5", "--verify", cwd=tmp_path)
    assert out.returncode == 0


def test_a_pack_changed_but_still_fitting(
    saved: Path, tmp_path: Path, example_pack: Path, edit
) -> None:
    edit(example_pack / "cases" / "tart.yaml", "lies by the till", "lies by the old till")
    out = run("replay", "game", "--pack", str(example_pack), "--verify", cwd=tmp_path)
    assert out.returncode == 0
    assert out.stdout.endswith("solved (the pack has changed since the save, but they still fit)\n")
    out = run("replay", "game", "--pack", str(example_pack), cwd=tmp_path)
    assert out.returncode == 0 and "lies by the old till" in out.stdout


def test_damaged_and_missing_saves(saved: Path, tmp_path: Path) -> None:
    damaged = saved.read_bytes().replace(b'"go"', b'"fly"')
    saved.write_bytes(damaged)
    out = run("replay", "game", "--pack", str(EXAMPLE), cwd=tmp_path)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == (
        "whodunit: saves/game.json: its contents do not match its check: the file is damaged "
        "or was edited by hand (the file is left as it is)\n"
    )
    assert saved.read_bytes() == damaged
    out = run("replay", "nothing", "--pack", str(EXAMPLE), cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.startswith("whodunit: saves/nothing.json: no save named 'nothing'")
    out = run("replay", str(tmp_path / "x" / "y.json"), cwd=tmp_path)
    assert out.returncode == 2 and "no such save file" in out.stderr


def test_the_pack_must_be_named_when_it_is_not_built_in(saved: Path, tmp_path: Path) -> None:
    out = run("replay", "game", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.splitlines()[-1] == (
        "whodunit: saves/game.json: this is a save of the pack 'teashop': name the pack's "
        "folder with --pack FOLDER"
    )


def test_export_markdown(saved: Path, tmp_path: Path) -> None:
    out = run("replay", str(saved), "--pack", str(EXAMPLE), "--export", "game.md", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout == "wrote game.md\n"
    text = (tmp_path / "game.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# The Vanished Tart"
    assert "- Pack: The Teashop Mysteries (teashop 1\\.0\\.0)" in lines
    assert "- Steps: 10, solved" in lines
    assert lines[lines.index("```text") + 1] == "The Vanished Tart"
    assert "[3] > go kitchen" in text and text.endswith("```\n")


def test_export_names_the_save_in_a_code_span_as_it_is(tmp_path: Path) -> None:
    """Backslash escapes are literal inside a code span: the name is shown as written."""
    run("play", "--plain", str(EXAMPLE), "--save", "my-game.v2", cwd=tmp_path, stdin="hint\n")
    out = run("replay", "my-game.v2", "--pack", str(EXAMPLE), "--export", "g.md", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "g.md").read_text(encoding="utf-8")
    assert "A game of whodunit, replayed from the save `my-game.v2.json`." in text.splitlines()


def test_export_keeps_pack_text_literal(tmp_path: Path, example_pack: Path, edit) -> None:
    edit(example_pack / "cases" / "tart.yaml", "title: The Vanished Tart",
         "title: 'The [Tart](javascript:alert(1)) <b>x</b> ```'")  # fmt: skip
    edit(example_pack / "cases" / "tart.yaml", "the smell of cinnamon",
         "the smell of ```` cinnamon \\e]52;c;eA==\\a")  # fmt: skip
    out = run("play", "--plain", str(example_pack), "--save", "g", cwd=tmp_path,
              stdin="go kitchen\ngo shop\n")  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = run("replay", "g", "--pack", str(example_pack), "--export", "g.md", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "g.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "# The \\[Tart\\]\\(javascript:alert\\(1\\)\\) \\<b\\>x\\</b\\> \\`\\`\\`"
    )
    assert "\n`````text\n" in text and text.endswith("\n`````\n")  # longer than any run inside
    assert "\x1b" not in text and "\x07" not in text


def test_export_refuses_to_write_over_the_save(saved: Path, tmp_path: Path) -> None:
    before = saved.read_bytes()
    out = run("replay", "game", "--pack", str(EXAMPLE), "--export", str(saved), cwd=tmp_path)
    assert out.returncode == 1
    assert "that is the save itself; write to another file" in out.stderr
    assert saved.read_bytes() == before


def test_walkthrough_export_runs_as_a_walkthrough(saved: Path, tmp_path: Path) -> None:
    out = run("replay", "game", "--pack", str(EXAMPLE), "--to", "3", "--walkthrough", "w.txt",
              cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "w.txt").read_text(encoding="utf-8").splitlines()[2:] == [
        "#! case tart",
        "#! expect unfinished",
        "search counter",
        "note P.T. signed the slip",
        "ask pip morning",
        "go kitchen",
    ]
    out = run("play", "--plain", str(EXAMPLE), "--script", "w.txt", cwd=tmp_path)
    assert out.returncode == 0, out.stderr


def test_help_lists_replay(tmp_path: Path) -> None:
    out = run("--help", cwd=tmp_path)
    assert "replay" in out.stdout
    out = run("replay", "--help", cwd=tmp_path)
    assert out.returncode == 0 and "--verify" in out.stdout and "--walkthrough" in out.stdout
