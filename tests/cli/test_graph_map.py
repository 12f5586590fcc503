"""`whodunit graph` as a map an author can read: boxes per place and suspect, gates for `all` and
`any`, red dashed edges for `not`, reactions, a legend, a layout that is not a strip, and
`--around ID` for the part of a case near one clue or suspect."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is missing")


def graph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "whodunit", "graph", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def drawn(*args: str) -> str:
    out = graph(*args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def svg(dot: str) -> ET.Element:
    out = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Error" not in out.stderr, out.stderr
    return ET.fromstring(out.stdout)


def size(root: ET.Element) -> tuple[float, float]:
    return tuple(float(root.get(side, "0").removesuffix("pt")) for side in ("width", "height"))  # type: ignore[return-value]


def titled(root: ET.Element, cls: str) -> list[str]:
    return [
        (e.findtext(f"{SVG}title") or "") for e in root.iter(f"{SVG}g") if e.get("class") == cls
    ]


def texts(root: ET.Element) -> str:
    return " ".join(e.text or "" for e in root.iter(f"{SVG}text"))


@needs_dot
@pytest.mark.parametrize("case", ["cassie", "ramon"])
def test_each_archer_case_is_a_map_that_fits_a_page(case: str) -> None:
    root = svg(drawn("archer", "--case", case, "--format", "dot"))
    width, height = size(root)
    assert width / height < 3 and height / width < 3, (width, height)
    clusters = titled(root, "cluster")
    assert "cluster_legend" in clusters
    # One box per place and per suspect (and per blank's options), inside the case's box.
    text = drawn("archer", "--case", case)
    people_and_places = text.split("  Clues\n")[0].splitlines()
    boxes = sum(1 for line in people_and_places if re.match(r"    \w+: ", line))
    assert boxes > 10 and len(clusters) >= boxes + 2
    words = texts(root)
    for kind in ("place", "thing", "clue", "topic", "suspect", "option", "all", "any", "not"):
        assert re.search(rf"\b{kind}\b", words), kind


@needs_dot
def test_around_draws_a_smaller_graph_that_holds_the_focus() -> None:
    whole = svg(drawn("archer", "--case", "cassie", "--format", "dot"))
    near = svg(drawn("archer", "--case", "cassie", "--around", "fingerprints", "--format", "dot"))
    nearer = drawn("archer", "--case", "cassie", "--around", "fingerprints", "--depth", "1")
    assert 0 < len(titled(near, "node")) < len(titled(whole, "node")) / 2
    assert "clue fingerprints: The" in texts(near)
    assert "fingerprints: The fingerprint report" in nearer
    assert "lobby/folder: the lab report" in nearer  # what reveals it
    assert "roof/rail" not in nearer  # three steps away: what reveals what reveals that


def test_around_a_suspect_keeps_their_topics_and_the_clues_about_them() -> None:
    text = drawn(str(EXAMPLE), "--around", "finch", "--depth", "1")
    assert "    finch: Mr Finch" in text
    assert "      finch/judging: Where were you before the judging?" in text
    assert "alibi_finch: Mr Finch's alibi" in text and "-> rules out suspect finch" in text
    assert "pip: Pip Tolliver" not in text


def test_around_something_that_is_not_there_says_what_to_give() -> None:
    out = graph(str(EXAMPLE), "--around", "nosuch")
    assert out.returncode == 2
    assert "nothing called 'nosuch'" in out.stderr and "clue or suspect" in out.stderr
    assert "Traceback" not in out.stderr
    out = graph(str(EXAMPLE), "--around", "slip", "--depth", "-1")
    assert out.returncode == 2 and "--depth" in out.stderr and "Traceback" not in out.stderr


NOT_AND_ANY = (
    "        when: {found: boot_prints}",
    "        when: {all: [{found: boot_prints}, {not: {found: slip}}, "
    "{any: [{found: juice}, {asked: pip/morning}]}]}",
)


def dot_lines(dot: str, label: str) -> list[str]:
    return [line for line in dot.splitlines() if f'label="{label}"' in line]


def test_all_any_and_not_are_drawn_apart(
    example_pack: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(example_pack / "cases/tart.yaml", *NOT_AND_ANY)
    dot = drawn(str(example_pack), "--format", "dot")
    ids = {m[1]: m[0] for m in re.findall(r'    (n\d+) \[label="(clue \w+|topic pip/\w+)', dot)}
    boots, slip = ids["topic pip/boots"], ids["clue slip"]
    # The example's connection is an `all` gate of its own: take the one opening the topic.
    [all_gate] = [
        line
        for line in dot_lines(dot, "all")
        if "legend" not in line and f"  {line.split()[0]} -> {boots} [" in dot
    ]
    [any_gate] = [line for line in dot_lines(dot, "any") if "legend" not in line]
    assert "shape=box" in all_gate and "style=filled" in all_gate
    assert "shape=diamond" in any_gate
    a, b = all_gate.split()[0], any_gate.split()[0]
    assert f"  {a} -> {boots} [" in dot  # the gate opens the topic
    assert f"  {b} -> {a} [" in dot  # `any` is a part of the `all`
    [negated] = [line for line in dot.splitlines() if line.startswith(f"  {slip} -> {a} [")]
    assert "color=red" in negated and "style=dashed" in negated and "arrowhead=tee" in negated
    mermaid = drawn(str(example_pack), "--format", "mermaid")
    assert re.search(r'n\d+\["all"\]', mermaid) and re.search(r'n\d+\{"any"\}', mermaid)
    assert re.search(r'  n\d+ -\.->\|"not"\| n\d+', mermaid)
    if shutil.which("dot"):
        svg(dot)


def test_reactions_are_drawn_from_the_clue_to_the_suspect() -> None:
    dot = drawn(str(EXAMPLE), "--format", "dot")
    ids = dict(re.findall(r'    (n\d+) \[label="(clue slip|suspect pip)\b', dot))
    slip, pip = (k for k, v in sorted(ids.items(), key=lambda kv: kv[1]))
    edges = [line for line in dot.splitlines() if line.startswith(f"  {slip} -> {pip} [")]
    assert len(edges) == 2  # the slip points to Pip, and Pip reacts to it
    [shown] = [line for line in edges if "arrowhead=odot" in line]
    assert "style=dotted" in shown and "label=" not in shown
    assert re.search(r'  n\d+ --o\|"shown"\| n\d+', drawn(str(EXAMPLE), "--format", "mermaid"))
    assert "-> reactions from" in drawn(str(EXAMPLE))


def test_mermaid_puts_each_place_and_suspect_in_its_own_box() -> None:
    lines = drawn(str(EXAMPLE), "--format", "mermaid").splitlines()
    assert '  subgraph legend["legend"]' in lines
    for title in ("The shop floor", "The kitchen", "Pip Tolliver", "Mr Finch"):
        [start] = [i for i, line in enumerate(lines) if line.endswith(f'["{title}"]')]
        assert lines[start].startswith("  subgraph ")
        assert lines[start + 1].startswith("    n")
    assert sum(line.lstrip().startswith("subgraph ") for line in lines) == sum(
        line.strip() == "end" for line in lines
    )


def test_depth_without_around_is_a_usage_error() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "whodunit", "graph", "archer", "--depth", "3"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2 and "--around" in out.stderr and "Traceback" not in out.stderr
