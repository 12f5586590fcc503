"""`whodunit graph PACK [--case ID] [--format text|mermaid|dot]`: the shape of a case.

text is an outline to read in the terminal; mermaid pastes into Markdown (GitHub renders it);
dot is for Graphviz (`whodunit graph mypack --format dot | dot -Tsvg > case.svg`).
Whatever the player can never reach is marked "(unreachable)" in every format.

Names and titles come from the pack, so each one is cleaned of controls first (`_plain`) and only
then escaped for its format: cleaning escaped text could undo the escaping (`ESC \\ "` in a name
would close a DOT string and let a pack add nodes and attributes of its own).
"""

from __future__ import annotations

import argparse
import sys

from ..pack.graph import CaseGraph, Node, case_graph
from ..pack.model import Case
from ..text import clean
from .commands import PACK_HELP, help_for
from .report import err, load_or_report, no_case

UNREACHABLE = "(unreachable)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "graph",
        help=help_for("graph"),
        description="Show the shape of a case: places, things, suspects, topics, clues and "
        "options, what reveals or opens what, and which clues point to or rule out which "
        "suspects. Anything the player can never reach is marked (unreachable).",
    )
    p.add_argument("pack", help=PACK_HELP)
    p.add_argument("--case", help="only this case (default: every case)")
    p.add_argument(
        "--format",
        choices=["text", "mermaid", "dot"],
        default="text",
        help="text (default), mermaid (for Markdown) or dot (for Graphviz)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    pack = load_or_report(args.pack, "draw")
    if pack is None:
        return 1
    if args.case is not None and args.case not in pack.cases:
        err(no_case(args.case, pack))
        return 2
    cases = [pack.cases[args.case]] if args.case else list(pack.cases.values())
    graphs = [case_graph(c) for c in cases]
    render = {"text": render_text, "mermaid": render_mermaid, "dot": render_dot}[args.format]
    sys.stdout.write(render(graphs))
    return 0


def _plain(text: str) -> str:
    """Pack text on one line, with no terminal control: what every format shows of it."""
    return " ".join(clean(text).splitlines())


# -- text ---------------------------------------------------------------------------------------
def _marks(node: Node) -> str:
    marks = list(node.marks)
    if not node.reachable:
        marks.append("UNREACHABLE")
    return f" [{', '.join(marks)}]" if marks else ""


def _text_case(g: CaseGraph) -> list[str]:
    case: Case = g.case
    out = [_plain(f"Case {case.id}: {case.title}")]
    effects: dict[str, list[str]] = {}
    for e in g.edges:
        if e.kind == "has":
            continue
        dst = g.nodes[e.dst]
        effects.setdefault(e.src, []).append(_plain(f"{e.label} {dst.kind} {dst.ref}"))

    def line(node: Node, indent: str) -> None:
        text = f"{node.ref}: {node.label}{_marks(node)}"
        if node.condition:
            text += f"  <- when {node.condition}"
        out.append(indent + _plain(text))
        for effect in effects.get(node.key, []):
            out.append(f"{indent}    -> {effect}")

    def section(title: str, kind: str, child: str | None = None) -> None:
        nodes = [n for n in g.nodes.values() if n.kind == kind]
        if not nodes:
            return
        out.append(f"  {title}")
        for n in nodes:
            line(n, "    ")
            if child:
                for e in g.edges:
                    if e.kind == "has" and e.src == n.key:
                        line(g.nodes[e.dst], "      ")

    section("Places and things", "place", "thing")
    section("Suspects and topics", "suspect", "topic")
    section("Clues", "clue")
    section("Deduction options", "option")
    d = case.deduction
    answers = [f"who={d.who.answer}", *(f"{b.id}={b.answer}" for b in d.blanks.values())]
    evidence = ",".join("|".join(group) for group in d.evidence)
    out.append(_plain(f"  Answer: {' '.join(answers)} evidence={evidence}"))
    dead = g.unreachable
    if dead:
        names = ", ".join(f"{n.kind} {n.ref}" for n in dead)
        out.append(_plain(f"  Unreachable ({len(dead)}): {names}"))
    else:
        out.append("  Unreachable: nothing")
    return out


def render_text(graphs: list[CaseGraph]) -> str:
    blocks = ["\n".join(_text_case(g)) for g in graphs]
    return "\n\n".join(blocks) + "\n"


# -- mermaid ------------------------------------------------------------------------------------
# Mermaid's entity codes, all at once (so '#' in a name is not read as the start of one); '|'
# would end an edge label and '`' start a Markdown string.
_MERMAID_ESCAPES = str.maketrans(
    {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;"}
)


def _mermaid_label(text: str) -> str:
    return _plain(text).translate(_MERMAID_ESCAPES)


_MERMAID_SHAPE = {
    "place": ('["', '"]'),
    "thing": ('("', '")'),
    "suspect": ('(["', '"])'),
    "topic": ('>"', '"]'),
    "clue": ('{{"', '"}}'),
    "option": ('[["', '"]]'),
}


def _node_label(node: Node) -> str:
    label = f"{node.kind} {node.ref}: {node.label}"
    if node.marks:
        label += f" ({', '.join(node.marks)})"
    if not node.reachable:
        label += f" {UNREACHABLE}"
    return label


def _ids(graphs: list[CaseGraph]) -> dict[tuple[int, str], str]:
    ids: dict[tuple[int, str], str] = {}
    for gi, g in enumerate(graphs):
        for key in g.nodes:
            ids[(gi, key)] = f"n{len(ids)}"
    return ids


def render_mermaid(graphs: list[CaseGraph]) -> str:
    ids = _ids(graphs)
    out = ["flowchart LR"]
    dead: list[str] = []
    for gi, g in enumerate(graphs):
        out.append(f'  subgraph case{gi}["{_mermaid_label(f"case {g.case.id}: {g.case.title}")}"]')
        for key, node in g.nodes.items():
            left, right = _MERMAID_SHAPE[node.kind]
            out.append(f"    {ids[(gi, key)]}{left}{_mermaid_label(_node_label(node))}{right}")
            if not node.reachable:
                dead.append(ids[(gi, key)])
        out.append("  end")
        for e in g.edges:
            a, b = ids[(gi, e.src)], ids[(gi, e.dst)]
            label = _mermaid_label(e.label)
            if e.kind == "has":
                out.append(f"  {a} --- {b}")
            elif e.kind == "rules out" or e.negated:
                out.append(f'  {a} -.->|"{label}"| {b}')
            elif e.kind == "points to":
                out.append(f'  {a} ==>|"{label}"| {b}')
            else:
                out.append(f'  {a} -->|"{label}"| {b}')
    out.append(
        "  classDef unreachable stroke:#c00,stroke-width:2px,stroke-dasharray:5 3,color:#c00"
    )
    if dead:
        out.append(f"  class {','.join(dead)} unreachable")
    return "\n".join(out) + "\n"


# -- dot ----------------------------------------------------------------------------------------
def _dot(text: str) -> str:
    return '"' + _plain(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


_DOT_SHAPE = {
    "place": "box",
    "thing": "ellipse",
    "suspect": "house",
    "topic": "note",
    "clue": "hexagon",
    "option": "component",
}


def render_dot(graphs: list[CaseGraph]) -> str:
    ids = _ids(graphs)
    out = ["digraph whodunit {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for gi, g in enumerate(graphs):
        out.append(f"  subgraph cluster_{gi} {{")
        out.append(f"    label={_dot(f'case {g.case.id}: {g.case.title}')};")
        for key, node in g.nodes.items():
            attrs = [f"label={_dot(_node_label(node))}", f"shape={_DOT_SHAPE[node.kind]}"]
            if not node.reachable:
                attrs += ["color=red", "fontcolor=red", "style=dashed"]
            elif "required" in node.marks or "culprit" in node.marks:
                attrs.append("penwidth=2")
            out.append(f"    {ids[(gi, key)]} [{', '.join(attrs)}];")
        out.append("  }")
        for e in g.edges:
            attrs = [] if e.kind == "has" else [f"label={_dot(e.label)}"]
            if e.kind == "has":
                attrs.append("arrowhead=none")
            if e.kind == "rules out" or e.negated:
                attrs.append("style=dashed")
            if e.kind == "points to":
                attrs.append("penwidth=2")
            out.append(f"  {ids[(gi, e.src)]} -> {ids[(gi, e.dst)]} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"
