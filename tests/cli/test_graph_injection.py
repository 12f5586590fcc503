"""`whodunit graph` with hostile names: each text is cleaned and then escaped for its format, so
a pack can put any text in a name and still not add a node, an edge or an attribute."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli.test_hostile_text import _yaml_quote

# ESC \ is a string terminator that cleaning removes: cleaning after escaping turned the escaped
# `\\\"` back into `\\"`, which closes a DOT string.
BREAKOUT = '\x1b\\" URL="javascript:alert(1)" target="_top"]; evil [label="evil'
HOSTILE_NAMES = {
    "    name: Delivery slip": BREAKOUT,
    "    name: The shop floor": 'back\\slash \\" \\N \\G "quoted" end',
    "    name: The kitchen": "line\nbreak\r\n  n99 [label=x];\n} digraph x {",
    "    name: Harbour Lane": "a] b> c< d| e{ f} g( h) #quot; &amp; `md`",
    "        name: the counter": "<<b>html</b>> <table><tr><td>x</td></tr></table>",
    "    name: Plum juice on the sill": '"]\n    click n0 call alert()\n    n0["x',
    "        ask: What did you do this morning?": '\x1b]8;;javascript:x\x1b\\link\x1b]8;;\x1b\\ |"',
}


def graph(pack: Path, fmt: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "whodunit", "graph", str(pack), "--format", fmt],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and "\r" not in out.stdout
    return out.stdout


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example pack as it is, and with hostile names."""
    from tests.conftest import EXAMPLE

    base = tmp_path_factory.mktemp("graph")
    plain, hostile = base / "plain", base / "hostile"
    shutil.copytree(EXAMPLE, plain)
    shutil.copytree(EXAMPLE, hostile)
    for path in (hostile / "cases/tart.yaml", hostile / "cast.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, name in HOSTILE_NAMES.items():
            key = old.split(":")[0]
            quoted = _yaml_quote(name).replace("\n", "\\n").replace("\r", "\\r")
            text = text.replace(old, f"{key}: {quoted}", 1)
        path.write_text(text, encoding="utf-8")
    return plain, hostile


_DOT_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Za-z_0-9.]+|->|\S')


def _unescape(m: re.Match[str]) -> str:
    return " " if m.group(1) == "n" else m.group(1)


def dot_tokens(text: str) -> tuple[list[str], list[str]]:
    """The DOT as tokens with every quoted string replaced by `S`, and the strings' texts."""
    shape: list[str] = []
    strings: list[str] = []
    for token in _DOT_TOKEN.findall(text):
        if token.startswith('"'):
            shape.append("S")
            # Labels are wrapped at spaces: a DOT line break (`\n`) stands for the space it took.
            strings.append(re.sub(r"\\(.)", _unescape, token[1:-1]))
        else:
            shape.append(token)
    return shape, strings


def test_dot_is_the_same_graph_whatever_the_names(packs: tuple[Path, Path]) -> None:
    plain, hostile = packs
    plain_shape, _ = dot_tokens(graph(plain, "dot"))
    hostile_dot = graph(hostile, "dot")
    shape, strings = dot_tokens(hostile_dot)
    assert shape == plain_shape  # the same nodes, edges and attributes, only other labels
    labels = " ".join(strings)
    assert '" URL="javascript:alert(1)" target="_top"]; evil [label="evil' in labels
    assert 'back\\slash \\" \\N \\G "quoted" end' in labels
    assert "line break   n99 [label=x]; } digraph x {" in labels
    assert "<<b>html</b>> <table>" in labels


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_draws_only_the_intended_nodes(packs: tuple[Path, Path]) -> None:
    def svg(pack: Path) -> ET.Element:
        out = subprocess.run(
            ["dot", "-Tsvg"], input=graph(pack, "dot"), capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 0, out.stderr
        return ET.fromstring(out.stdout)

    def classes(root: ET.Element, name: str) -> int:
        return sum(1 for e in root.iter() if e.get("class") == name)

    plain, hostile = svg(packs[0]), svg(packs[1])
    assert classes(hostile, "node") == classes(plain, "node")
    assert classes(hostile, "edge") == classes(plain, "edge")
    assert classes(hostile, "cluster") == classes(plain, "cluster")
    for element in hostile.iter():
        assert not element.tag.endswith("}a"), "a link in the drawing"
        for value in element.attrib.values():
            assert "javascript:" not in value
    # A name is drawn as text, literally: the only place its words may appear.
    texts = [e.text or "" for e in hostile.iter() if e.tag.endswith("}text")]
    assert any('URL="javascript:alert(1)"' in t for t in texts)


MERMAID_NODE = re.compile(
    r'    n\d+(\["|\("|\(\["|>"|\{\{"|\[\[")[^"|`\n]*("\]|"\)|"\]\)|"\}\}|"\]\])'
)


def test_mermaid_keeps_every_name_inside_its_label(packs: tuple[Path, Path]) -> None:
    plain, hostile = (graph(p, "mermaid").splitlines() for p in packs)
    assert len(hostile) == len(plain)
    for ours, theirs in zip(plain, hostile, strict=True):
        if MERMAID_NODE.fullmatch(ours):
            assert MERMAID_NODE.fullmatch(theirs), theirs
        elif "|" in ours:  # an edge with a label: the label cannot end early
            assert theirs.count("|") == 2 and theirs.split('"')[0] == ours.split('"')[0]
        elif not ours.startswith("  subgraph"):
            assert theirs == ours
    text = "\n".join(hostile)
    assert not any(line.lstrip().startswith("click") for line in hostile)
    assert (
        '{{"clue juice: #quot;]     click n0 call alert()     n0[#quot;x' in text
        and "#lt;#lt;b#gt;html" in text
        and "#35;quot;" in text
    )
    assert "d#124; e{" in text and "#96;md#96;" in text


def test_text_shows_one_line_per_name(packs: tuple[Path, Path]) -> None:
    plain, hostile = (graph(p, "text").splitlines() for p in packs)
    assert len(hostile) == len(plain)
    assert "    kitchen: line break   n99 [label=x]; } digraph x {" in hostile
