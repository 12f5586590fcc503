"""Hostile text in a pack reaches plain mode literally or stripped: never as terminal control."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from whodunit.text import clean

HOSTILE = {
    "markup": "[/] [b]x[/i] [@click=app.quit]quit[/] [link=file:///etc/passwd]x[/link]",
    "osc52": "\x1b]52;c;ZXZpbA==\x07copied",
    "title": "\x1b]0;pwned\x07titled",
    "clear": "\x1b[2Jcleared",
    "csi8": "\x9b31mred",
    "bidi": "abc\u202edcba",
}


def test_clean_strips_controls_and_keeps_markup_literal() -> None:
    assert clean(HOSTILE["markup"]) == HOSTILE["markup"]
    assert clean(HOSTILE["osc52"]) == "copied"
    assert clean(HOSTILE["title"]) == "titled"
    assert clean(HOSTILE["clear"]) == "cleared"
    assert clean(HOSTILE["csi8"]) == "red"
    assert clean(HOSTILE["bidi"]) == "abcdcba"
    assert clean("line one\nline two\ttab") == "line one\nline two\ttab"
    assert clean("lone \x1b escape") == "lone  escape"


def _yaml_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\x1b", "\\e").replace("\x07", "\\a").replace("\x9b", "\\x9b")
    return '"' + escaped.replace("\u202e", "\\u202E") + '"'


def test_plain_mode_shows_hostile_pack_text_literally(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    payload = " ".join(HOSTILE.values())
    edit(
        case,
        "    description: Lace curtains, six small tables and the smell of cinnamon.",
        f"    description: {_yaml_quote(payload)}",
    )
    edit(case, "    name: Delivery slip", f"    name: {_yaml_quote(HOSTILE['osc52'] + ' slip')}")
    out = subprocess.run(
        [sys.executable, "-m", "whodunit", "play", "--plain", str(example_pack)],
        input="look\nsearch counter\nevidence\nquit\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for bad in ("\x1b", "\x9b", "\x07", "\u202e"):
        assert bad not in text
    assert HOSTILE["markup"] in text
    assert "copied titled cleared red abcdcba" in text
    assert "[slip] copied slip" in text


CONTROLS = ("\x1b", "\x9b", "\x07", "\u202e")


def _whodunit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "whodunit", *args], capture_output=True, text=True, timeout=60
    )


def _no_controls(out: subprocess.CompletedProcess) -> None:
    for bad in CONTROLS:
        assert bad not in out.stdout and bad not in out.stderr, (out.stdout, out.stderr)


def test_validate_findings_never_carry_terminal_control(example_pack: Path) -> None:
    """A finding quotes what the author wrote (a key, a file name): cleaned, in every format."""
    manifest = example_pack / "pack.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + f"{_yaml_quote('bogus' + HOSTILE['title'])}: 1\n",
        encoding="utf-8",
    )
    for fmt in ("text", "github"):
        out = _whodunit("validate", str(example_pack), "--format", fmt)
        assert out.returncode == 1 and "bogus" in out.stdout and "titled" in out.stdout
        _no_controls(out)
    manifest.write_text(manifest.read_text(encoding="utf-8").rsplit("\n", 2)[0] + "\n")
    (example_pack / f"stray{HOSTILE['clear']}.yaml").write_text("x: 1\n", encoding="utf-8")
    out = _whodunit("validate", str(example_pack))
    assert out.returncode == 0 and "strayclear" in out.stdout and "W102" in out.stdout
    _no_controls(out)


def test_a_finding_is_one_line_whatever_it_quotes() -> None:
    from whodunit.pack.findings import Pos, error

    finding = error(Pos("pack\n.yaml", 3, 1), "E005", "unknown key 'a\r\nb\x1b[2J'")
    assert str(finding) == "pack .yaml:3:1: error: unknown key 'a b' [E005]"


def test_graph_shows_hostile_pack_text_literally(example_pack: Path, edit) -> None:
    case = example_pack / "cases/tart.yaml"
    edit(case, "title: The Vanished Tart", f"title: {_yaml_quote(' '.join(HOSTILE.values()))}")
    edit(case, "    name: Delivery slip", f"    name: {_yaml_quote(HOSTILE['clear'] + ' slip')}")
    for fmt in ("text", "mermaid", "dot"):
        out = _whodunit("graph", str(example_pack), "--format", fmt)
        assert out.returncode == 0, out.stderr
        assert "copied titled cleared red abcdcba" in out.stdout and "cleared slip" in out.stdout
        _no_controls(out)


def test_a_walkthrough_s_problems_are_reported_without_terminal_control(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLE

    script = tmp_path / "odd.txt"
    script.write_text(
        f"#! case tart\n#! expect {HOSTILE['title']}\ngo {HOSTILE['clear']}\n"
        f"#! {HOSTILE['osc52']} x\n",
        encoding="utf-8",
    )
    out = _whodunit("play", "--plain", str(EXAMPLE), "--script", str(script))
    assert out.returncode == 1
    assert "command 'go cleared' was refused" in out.stderr
    assert "unknown ending 'titled' in '#! expect'" in out.stderr
    assert "unknown directive '#! copied'" in out.stderr
    _no_controls(out)


def test_validate_names_a_valid_pack_without_terminal_control(example_pack: Path, edit) -> None:
    edit(
        example_pack / "pack.yaml",
        "title: The Teashop Mysteries",
        f"title: {_yaml_quote('Tea' + HOSTILE['clear'] + HOSTILE['bidi'])}",
    )
    out = _whodunit("validate", str(example_pack))
    assert out.returncode == 0, out.stdout
    assert out.stdout == "ok: Teaclearedabcdcba (1 case) is valid and fair\n"
    _no_controls(out)


def test_play_names_an_unknown_pack_without_terminal_control() -> None:
    out = _whodunit("play", "--plain", "no-such\x1b[2Jpack")
    assert out.returncode == 1 and "no pack 'no-suchpack'" in out.stderr
    _no_controls(out)
