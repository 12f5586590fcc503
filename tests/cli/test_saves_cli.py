"""Plain mode with saves, as a player meets it: autosave, --save, --load, taking over with --to,
walkthroughs that become saves, the gate on cases not open yet, and saves that cannot be used."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.saves.unprivileged import read_only, run_unprivileged, shared_dir
from whodunit.saves import read_save

SOLVE = EXAMPLE / "walkthroughs" / "solve.txt"


def run(*args: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None):
    environ = {k: v for k, v in os.environ.items() if k != "WHODUNIT_SAVES"}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "whodunit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        timeout=120,
    )


def saves_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_plain_play_autosaves_and_says_how_to_continue(tmp_path: Path) -> None:
    out = run("play", "--plain", str(EXAMPLE), cwd=tmp_path,
              stdin="search counter\nnote Pip signed it\ngo kitchen\nquit\n")  # fmt: skip
    assert out.returncode == 0 and out.stderr == ""
    [name] = [n.removesuffix(".json") for n in saves_in(tmp_path / "saves")]
    assert name.startswith("tart-")
    assert out.stdout.splitlines()[-1] == (
        f"Saved as '{name}'. Continue it with: whodunit play --plain {EXAMPLE} --load {name}"
    )
    save = read_save(tmp_path / "saves" / f"{name}.json")
    assert save.steps == 2 and [(n.step, n.text) for n in save.notes] == [(1, "Pip signed it")]


def test_saves_dir_and_environment(tmp_path: Path) -> None:
    run("play", "--plain", str(EXAMPLE), "--saves-dir", "mine", cwd=tmp_path, stdin="hint\n")
    run("play", "--plain", str(EXAMPLE), cwd=tmp_path, stdin="hint\n",
        env={"WHODUNIT_SAVES": str(tmp_path / "env")})  # fmt: skip
    run("play", "--plain", str(EXAMPLE), "--no-save", cwd=tmp_path, stdin="hint\n")
    assert len(saves_in(tmp_path / "mine")) == 1
    assert len(saves_in(tmp_path / "env")) == 1
    assert not (tmp_path / "saves").exists()


def test_named_save_load_and_continue(tmp_path: Path) -> None:
    out = run("play", "--plain", str(EXAMPLE), "--save", "mine", cwd=tmp_path,
              stdin="search counter\ngo kitchen\n")  # fmt: skip
    assert out.returncode == 0 and saves_in(tmp_path / "saves") == ["mine.json"]
    out = run("play", "--plain", str(EXAMPLE), "--save", "mine", cwd=tmp_path, stdin="hint\n")
    assert out.returncode == 2
    assert one_line(out.stderr) == (
        "whodunit: saves/mine.json: a save with this name exists already: continue it, or "
        "choose another name"
    )
    out = run("play", "--plain", str(EXAMPLE), "--load", "mine", cwd=tmp_path,
              stdin="search rack\n")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Continuing 'mine' at step 2." in out.stdout
    assert "You can search: the cooling rack [rack]" in out.stdout  # where the player was
    assert "New clue: Plum juice on the sill [juice]" in out.stdout
    assert read_save(tmp_path / "saves" / "mine.json").steps == 3
    assert saves_in(tmp_path / "saves") == ["mine.json"]


def test_take_over_from_a_step(tmp_path: Path) -> None:
    run("play", "--plain", str(EXAMPLE), "--save", "mine", cwd=tmp_path,
        stdin="search counter\ngo kitchen\nsearch rack\n")  # fmt: skip
    original = (tmp_path / "saves" / "mine.json").read_bytes()
    out = run("play", "--plain", str(EXAMPLE), "--load", "mine", "--to", "1", "--save", "branch",
              cwd=tmp_path, stdin="evidence\n")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert (
        "Taking over 'mine' from step 1 as a new game 'branch'; 'mine' is left as it is."
        in out.stdout
    )
    assert "Evidence (1 of 8 clues):" in out.stdout
    assert (tmp_path / "saves" / "mine.json").read_bytes() == original
    assert read_save(tmp_path / "saves" / "branch.json").steps == 1
    out = run("play", "--plain", str(EXAMPLE), "--load", "mine", "--to", "9", cwd=tmp_path)
    assert out.returncode == 2
    assert one_line(out.stderr) == "whodunit: saves/mine.json: --to 9: the save has only 3 steps"


def test_a_damaged_save_is_one_line_and_left_alone(tmp_path: Path) -> None:
    run("play", "--plain", str(EXAMPLE), "--save", "mine", cwd=tmp_path, stdin="go kitchen\n")
    path = tmp_path / "saves" / "mine.json"
    damaged = path.read_bytes()[:-40]
    path.write_bytes(damaged)
    out = run("play", "--plain", str(EXAMPLE), "--load", "mine", cwd=tmp_path, stdin="look\n")
    assert out.returncode == 1
    assert one_line(out.stderr).startswith("whodunit: saves/mine.json: it is cut off at line")
    assert path.read_bytes() == damaged and saves_in(tmp_path / "saves") == ["mine.json"]
    out = run("play", "--plain", str(EXAMPLE), "--load", "yours", cwd=tmp_path)
    assert out.returncode == 2
    assert one_line(out.stderr) == (
        "whodunit: saves/yours.json: no save named 'yours' in saves (the saves there: mine)"
    )


def test_a_save_of_a_pack_that_is_not_built_in(tmp_path: Path) -> None:
    run("play", "--plain", str(EXAMPLE), "--save", "mine", cwd=tmp_path, stdin="go kitchen\n")
    out = run("play", "--plain", "--load", "mine", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.splitlines()[-1] == (
        "whodunit: saves/mine.json: this is a save of the pack 'teashop': name the pack's "
        "folder, as in `whodunit play --plain FOLDER --load mine`"
    )


def test_ids_in_a_save_reach_the_terminal_without_control(tmp_path: Path) -> None:
    """A save names ids its player never typed (it may come from anyone): the messages that
    quote them are cleaned."""
    from whodunit.engine import Go
    from whodunit.pack.loader import load_pack_or_raise
    from whodunit.saves import SaveData, encode, pack_ref

    ref = pack_ref(load_pack_or_raise(EXAMPLE))
    when = "2026-01-01T00:00:00.000Z"
    hostile = Go("kitchen\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e")
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "odd.json").write_bytes(
        encode(SaveData(ref, "tart", when, when, (hostile,), (when,)))
    )
    for args in (["--load", "odd"], ["--load", "odd", "--to", "1"]):
        out = run("play", "--plain", str(EXAMPLE), *args, cwd=tmp_path)
        assert out.returncode == 1
        line = one_line(out.stderr)
        assert "step 1 (go kitchen" in line and "no longer fits" in line
        assert not any(ch in line for ch in "\x1b\x07\x9b\u202e"), line


def test_a_pack_edited_under_a_save(tmp_path: Path, example_pack: Path, edit) -> None:
    run("play", "--plain", str(example_pack), "--script", str(SOLVE), "--save", "game",
        cwd=tmp_path)  # fmt: skip
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "  lane:\n    name: Harbour Lane", "  alley:\n    name: Harbour Lane")
    edit(tart, "revealed_by: {searched: lane/cobbles}", "revealed_by: {searched: alley/cobbles}")
    out = run("play", "--plain", str(example_pack), "--load", "game", cwd=tmp_path)
    assert out.returncode == 1
    assert one_line(out.stderr) == (
        "whodunit: saves/game.json: the pack 'teashop' has changed since this save was made, "
        "and step 6 (go lane) no longer fits: There is no place 'lane' you can go to; the "
        "first 5 of its 10 steps fit and can be loaded as a new game: "
        f"`whodunit play --plain {example_pack} --load game --to 5`"
    )
    out = run("play", "--plain", str(example_pack), "--load", "game", "--to", "5", cwd=tmp_path,
              stdin="go alley\n")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Taking over 'game' from step 5 as a new game" in out.stdout
    assert "Note: the pack 'teashop' has changed since this save was made" in out.stdout
    assert "Harbour Lane" in out.stdout


def test_a_walkthrough_run_becomes_a_save_and_back(tmp_path: Path) -> None:
    out = run("play", "--plain", str(EXAMPLE), "--script", str(SOLVE), "--save", "solved",
              cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Saved as 'solved' (saves/solved.json)." in out.stdout
    first = read_save(tmp_path / "saves" / "solved.json")
    assert first.steps == 10
    out = run("replay", "solved", "--pack", str(EXAMPLE), "--walkthrough", "w.txt", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    out = run("play", "--plain", str(EXAMPLE), "--script", "w.txt", "--save", "again",
              cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr  # its `#! expect solved` held
    again = read_save(tmp_path / "saves" / "again.json")
    assert again.actions == first.actions and again.notes == first.notes


def test_a_closed_case_is_refused_until_its_requirements_end(tmp_path: Path) -> None:
    pack = tmp_path / "twocase"
    shutil.copytree(EXAMPLE, pack)
    text = (pack / "cases" / "tart.yaml").read_text(encoding="utf-8")
    text = text.replace("id: tart", "id: pie", 1).replace("victim: mabel", "victim: mabel\n"
                                                          "requires: [tart]", 1)  # fmt: skip
    (pack / "cases" / "pie.yaml").write_text(text, encoding="utf-8")
    with open(pack / "pack.yaml", "a", encoding="utf-8") as fh:
        fh.write("  - cases/pie.yaml\n")
    out = run("play", "--plain", str(pack), "--case", "pie", cwd=tmp_path, stdin="look\n")
    assert out.returncode == 2
    assert one_line(out.stderr) == (
        "whodunit: the case 'pie' is not open yet: finish 'tart' first (games saved in saves "
        "count; a walkthrough run with --script may play any case)"
    )
    script = tmp_path / "pie.txt"
    script.write_text(SOLVE.read_text(encoding="utf-8"), encoding="utf-8")
    out = run("play", "--plain", str(pack), "--case", "pie", "--script", str(script),
              cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr  # authors may test any case
    run("play", "--plain", str(pack), "--script", str(SOLVE), "--save", "done", cwd=tmp_path)
    out = run("play", "--plain", str(pack), "--case", "pie", cwd=tmp_path, stdin="look\n")
    assert out.returncode == 0, out.stderr


HOLDER = """
import sys, time
from pathlib import Path
from whodunit.pack.loader import load_pack
from whodunit.saves import continue_session
pack, _ = load_pack(sys.argv[2])
session, fit = continue_session(Path(sys.argv[1]), pack)
print("holding", flush=True)
time.sleep(60)
"""


def test_a_save_open_in_another_game_is_refused(tmp_path: Path) -> None:
    run("play", "--plain", str(EXAMPLE), "--save", "mine", cwd=tmp_path, stdin="go kitchen\n")
    path = tmp_path / "saves" / "mine.json"
    before = path.read_bytes()
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(EXAMPLE)],
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline() == "holding\n"
        out = run("play", "--plain", str(EXAMPLE), "--load", "mine", cwd=tmp_path, stdin="hint\n")
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert out.returncode == 1
    assert one_line(out.stderr) == (
        f"whodunit: saves/mine.json: this save is open in another whodunit (process "
        f"{child.pid}); close that game first, or take this save over as a new game"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--load", "x"], "--load, --save, --to and --no-save work with --plain"),
        (["--plain", "--to", "3"], "--to needs --load"),
        (["--plain", "--load", "x", "--to", "-1"], "--to needs a step number from 0"),
        (["--plain", "--save", "../x"], "--save: '../x' is not a save name"),
        (["--plain", "--save", "x", "--no-save"], "--save and --no-save contradict"),
        (["--plain", "--load", "x", "--case", "tart"], "--case is not needed with --load"),
        (["--plain", "--save="], "--save: '' is not a save name"),
        (["--plain", "--save=", "--script", str(SOLVE)], "--save: '' is not a save name"),
        (["--plain", "--load="], "--load needs a save: its name in the saves folder, or a file"),
        (["--plain", "--load=", "--to", "1"], "--load needs a save"),
    ],
)
def test_options_that_do_not_go_together(tmp_path: Path, args: list[str], says: str) -> None:
    out = run("play", str(EXAMPLE), *args, cwd=tmp_path)
    assert out.returncode == 2 and says in one_line(out.stderr)


def test_a_read_only_saves_folder_and_the_game_goes_on() -> None:
    base = shared_dir()
    try:
        folder = base / "saves"
        folder.mkdir()
        read_only(folder)
        code = textwrap.dedent(
            f"""
            import sys
            from whodunit.cli.main import main
            sys.exit(main(["play", "--plain", {str(EXAMPLE)!r}, "--saves-dir", {str(folder)!r}]))
            """
        )
        out = run_unprivileged(code, stdin="search counter\ngo kitchen\nsearch rack\n", cwd=base)
        assert out.returncode == 3, out.stderr  # played, but not saved
        assert "New clue: Plum juice on the sill [juice]" in out.stdout  # the game went on
        errors = out.stderr.splitlines()
        assert errors[0].startswith(f"whodunit: {folder}/tart-")
        assert errors[0].endswith(
            ": cannot save (Permission denied); the game goes on, but is not saved until this "
            "is fixed"
        )
        assert sum("cannot save" in line for line in errors) == 1  # said once, not every step
        assert errors[1] == (
            "whodunit: this game could not be saved; here it is as a walkthrough: keep it in a "
            "file and run it with `whodunit play --plain --script FILE --save NAME`"
        )
        assert errors[-3:] == ["search counter", "go kitchen", "search rack"]
        assert list(folder.iterdir()) == []
    finally:
        os.chmod(base / "saves", 0o755)
        shutil.rmtree(base)


def test_a_saves_folder_that_cannot_be_read_is_one_line_not_a_traceback() -> None:
    base = shared_dir()
    try:
        folder = base / "saves"
        folder.mkdir()
        folder.chmod(0o700)  # the unprivileged user cannot look inside at all
        cases = [
            (["replay", "game"], 2),
            (["play", "--plain", str(EXAMPLE), "--load", "game"], 1),
            (["play", "--plain", str(EXAMPLE), "--save", "game"], 3),  # played, not saved
            (["play", "--plain", str(EXAMPLE), "--script", str(SOLVE), "--save", "game"], 3),
        ]
        for args, status in cases:
            code = (
                "import sys\nfrom whodunit.cli.main import main\n"
                f"sys.exit(main({[*args, '--saves-dir', str(folder)]!r}))\n"
            )
            out = run_unprivileged(code, stdin="search counter\n", cwd=base)
            assert "Traceback" not in out.stderr, out.stderr
            assert out.returncode == status, (args, out.stderr)
            assert f"whodunit: {folder}/game.json: " in out.stderr, out.stderr
            assert "Permission denied" in out.stderr
    finally:
        os.chmod(base / "saves", 0o755)
        shutil.rmtree(base)


def test_a_save_made_on_a_pack_of_format_1(tmp_path: Path) -> None:
    """Its accusation attached evidence to the whole statement: loading it says so plainly, and
    the steps before it can be taken over; the old file is never touched."""
    from tests.saves.test_pack_changed import _as_format_1

    out = run("play", "--plain", str(EXAMPLE), "--script", str(SOLVE), "--save", "old",
              cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    path = tmp_path / "saves" / "old.json"
    _as_format_1(path)
    before = path.read_bytes()
    out = run("play", "--plain", str(EXAMPLE), "--load", "old", cwd=tmp_path)
    assert out.returncode == 1
    line = one_line(out.stderr)
    assert "step 10 (accuse who=pip why=hunger how=window) no longer fits" in line
    assert "made under pack format 1" in line and "--load old --to 9`" in line
    out = run("replay", "old", "--pack", str(EXAMPLE), "--verify", cwd=tmp_path)
    assert out.returncode == 1 and "made under pack format 1" in one_line(out.stderr)
    accuse = "accuse who=pip:route why=hunger:confession how=window:juice\n"
    out = run("play", "--plain", str(EXAMPLE), "--load", "old", "--to", "9", "--save", "new",
              cwd=tmp_path, stdin=accuse)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "*** Case closed ***" in out.stdout
    assert path.read_bytes() == before
    assert read_save(tmp_path / "saves" / "new.json").pack.format == 2
