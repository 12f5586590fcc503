"""`whodunit graph PACK [--case ID] [--around ID [--depth N]] [--format text|mermaid|dot]`.

text is an outline to read in the terminal; mermaid pastes into Markdown (GitHub renders it);
dot is for Graphviz (`whodunit graph mypack --format dot | dot -Tsvg > case.svg`).
Whatever the player can never reach is marked "(unreachable)" in every format. The drawings are
maps: each place in a box with its things, each suspect with their topics, each blank with its
options, a gate node for every `all` / `any` and a red dashed edge for a `not`, and a legend.

Names and titles come from the pack, so each one is cleaned of controls first (`_plain`) and only
then escaped for its format: cleaning escaped text could undo the escaping (`ESC \\ "` in a name
would close a DOT string and let a pack add nodes and attributes of its own).
"""

from __future__ import annotations

import argparse
import sys

from ..pack.graph import CaseGraph, Edge, Node, around, case_graph, find
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
        "--around",
        metavar="ID",
        help="only what is within --depth steps of this clue or suspect (or place, thing, "
        "topic or option: e.g. roof/rail)",
    )
    p.add_argument(
        "--depth",
        type=_depth,
        default=None,
        metavar="N",
        help="how many steps --around reaches (default: 2)",
    )
    p.add_argument(
        "--format",
        choices=["text", "mermaid", "dot"],
        default="text",
        help="text (default), mermaid (for Markdown) or dot (for Graphviz)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.depth is not None and args.around is None:
        err("--depth says how far --around reaches: give --around ID too")
        return 2
    pack = load_or_report(args.pack, "draw")
    if pack is None:
        return 1
    if args.case is not None and args.case not in pack.cases:
        err(no_case(args.case, pack))
        return 2
    cases = [pack.cases[args.case]] if args.case else list(pack.cases.values())
    graphs = [case_graph(c) for c in cases]
    if args.around is not None:
        focused = []
        for g in graphs:
            node = find(g, args.around)
            if node is not None:
                focused.append(around(g, node.key, 2 if args.depth is None else args.depth))
        if not focused:
            where = f"case '{args.case}'" if args.case else f"pack '{pack.id}'"
            err(
                f"nothing called '{args.around}' in {where}; give a clue or suspect id "
                f"(or a place, thing such as kitchen/rack, topic or option); "
                f"`whodunit graph {args.pack}` lists them"
            )
            return 2
        graphs = focused
    render = {"text": render_text, "mermaid": render_mermaid, "dot": render_dot}[args.format]
    sys.stdout.write(render(graphs))
    return 0


def _depth(text: str) -> int:
    try:
        depth = int(text)
    except ValueError:
        depth = -1
    if depth < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of steps (0, 1, 2, ...)")
    return depth


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
    shown: dict[str, list[str]] = {}
    for e in g.edges:
        if e.kind == "has":
            continue
        dst = g.nodes[e.dst]
        if e.kind == "shown":
            shown.setdefault(e.src, []).append(dst.ref)
            continue
        effects.setdefault(e.src, []).append(_plain(f"{e.label} {dst.kind} {dst.ref}"))
    for src, suspects in shown.items():
        effects.setdefault(src, []).append(_plain(f"reactions from {', '.join(suspects)}"))

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
    answers = [f"{c.id}={c.answer}:{'|'.join(c.proven_by)}" for c in d.claims.values()]
    out.append(_plain(f"  Answer: {' '.join(answers)}"))
    for conn in case.connections.values():
        out.append(_plain(f"  Connection {conn.id}: {' + '.join(conn.links)}"))
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


# -- shared by the drawings ----------------------------------------------------------------------
KINDS = ("place", "thing", "suspect", "topic", "clue", "option")


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
        for key in [*g.nodes, *g.gates]:
            ids[(gi, key)] = f"n{len(ids)}"
    return ids


def _groups(g: CaseGraph) -> tuple[list[list[Node]], list[Node]]:
    """The nodes in boxes (a place and its things, a suspect and their topics, a blank's
    options) and the rest (clues)."""
    groups: dict[str, list[Node]] = {}
    loose: list[Node] = []
    for node in g.nodes.values():
        if node.kind in ("place", "suspect"):
            groups.setdefault(node.key, []).insert(0, node)
        elif node.kind in ("thing", "topic"):
            owner = ("place:" if node.kind == "thing" else "suspect:") + node.ref.split("/")[0]
            groups.setdefault(owner, []).append(node)
        elif node.kind == "option":
            groups.setdefault("blank:" + node.ref.split("/")[0], []).append(node)
        else:
            loose.append(node)
    return list(groups.values()), loose


def _group_kind(group: list[Node]) -> str:
    return group[0].kind if group[0].kind in ("place", "suspect") else "option"


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
    "all": ('["', '"]'),
    "any": ('{"', '"}'),
}
# Subgraphs are coloured with `style` (Mermaid's `class` is for nodes).
_MERMAID_GROUP = {"place": "fill:#eef4ff", "suspect": "fill:#fff6e0", "option": "fill:#f2f2f2"}


def _mermaid_edge(a: str, b: str, e: Edge) -> str:
    label = _mermaid_label(e.label)
    if e.kind == "has":
        return f"  {a} --- {b}"
    if e.negated:
        return f'  {a} -.->|"{label}"| {b}'
    if not e.kind:  # a part of a condition, into its gate
        return f'  {a} -->|"{label}"| {b}' if e.note else f"  {a} --> {b}"
    if e.kind == "rules out":
        return f'  {a} -.->|"{label}"| {b}'
    if e.kind == "points to":
        return f'  {a} ==>|"{label}"| {b}'
    if e.kind == "shown":
        return f'  {a} --o|"{label}"| {b}'
    return f'  {a} -->|"{label}"| {b}'


def render_mermaid(graphs: list[CaseGraph]) -> str:
    ids = _ids(graphs)
    out = ["flowchart LR", '  subgraph legend["legend"]']
    for kind in (*KINDS, "all", "any"):
        left, right = _MERMAID_SHAPE[kind]
        out.append(f"    legend_{kind}{left}{kind}{right}")
    out += ['    legend_all -.->|"not"| legend_any', "  end"]
    dead: list[str] = []
    classes: dict[str, list[str]] = {}
    styles: list[str] = []
    for gi, g in enumerate(graphs):
        out.append(f'  subgraph case{gi}["{_mermaid_label(f"case {g.case.id}: {g.case.title}")}"]')
        groups, loose = _groups(g)

        def node_line(node: Node, gi: int = gi) -> str:
            left, right = _MERMAID_SHAPE[node.kind]
            if not node.reachable:
                dead.append(ids[(gi, node.key)])
            return f"    {ids[(gi, node.key)]}{left}{_mermaid_label(_node_label(node))}{right}"

        for n, group in enumerate(groups):
            kind = _group_kind(group)
            styles.append(f"  style case{gi}_{n} {_MERMAID_GROUP[kind]}")
            title = group[0].label if kind != "option" else group[0].ref.split("/")[0]
            out.append(f'  subgraph case{gi}_{n}["{_mermaid_label(title)}"]')
            out += [node_line(node) for node in group]
            out.append("  end")
        out += [node_line(node) for node in loose]
        for key, gate in g.gates.items():
            left, right = _MERMAID_SHAPE[gate.kind]
            out.append(f"    {ids[(gi, key)]}{left}{gate.kind}{right}")
            classes.setdefault(f"gate{gate.kind}", []).append(ids[(gi, key)])
        out.append("  end")
        for e in g.wires:
            out.append(_mermaid_edge(ids[(gi, e.src)], ids[(gi, e.dst)], e))
    out += [
        "  classDef unreachable stroke:#c00,stroke-width:2px,stroke-dasharray:5 3,color:#c00",
        "  classDef gateall fill:#333,color:#fff",
        "  classDef gateany fill:#fff,stroke:#333",
        "  class legend_all gateall",
        "  class legend_any gateany",
    ]
    for name, members in classes.items():
        out.append(f"  class {','.join(members)} {name}")
    out += styles
    if dead:
        out.append(f"  class {','.join(dead)} unreachable")
    return "\n".join(out) + "\n"


# -- dot ----------------------------------------------------------------------------------------
def _dot(text: str, width: int = 0) -> str:
    """A DOT string of pack text: cleaned, escaped, and (given a width) wrapped at spaces."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace('"', '\\"')

    plain = _plain(text)
    if not width:
        return f'"{escape(plain)}"'
    lines: list[str] = []
    for word in plain.split(" "):  # each break takes the place of exactly one space
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return '"' + "\\n".join(escape(line) for line in lines) + '"'


_DOT_NODE = {
    "place": 'shape=box, style="filled,bold", fillcolor="#cfe0ff"',
    "thing": 'shape=ellipse, style=filled, fillcolor="#eef4ff"',
    "suspect": 'shape=house, style=filled, fillcolor="#ffd98a"',
    "topic": 'shape=note, style=filled, fillcolor="#fff6e0"',
    "clue": 'shape=hexagon, style=filled, fillcolor="#d8f5d0"',
    "option": 'shape=component, style=filled, fillcolor="#e6e6e6"',
    "all": "shape=box, style=filled, fillcolor=black, fontcolor=white, "
    "width=0.3, height=0.2, fontsize=8, margin=0.02",
    "any": "shape=diamond, width=0.3, height=0.3, fontsize=8, margin=0.02",
}
_DOT_CLUSTER = {
    "place": 'style="rounded,filled", fillcolor="#f5f8ff", color="#9db5e0"',
    "suspect": 'style="rounded,filled", fillcolor="#fffaf0", color="#e0c080"',
    "option": 'style="rounded,filled", fillcolor="#fafafa", color="#b0b0b0"',
}
# A negated edge: red, dashed, ending in a bar ("not this").
_DOT_NOT = "style=dashed, color=red, fontcolor=red, arrowhead=tee"
_DOT_SHOWN = 'style=dotted, color="#888888", arrowhead=odot, arrowtail=odot'
_LABEL_WIDTH = 30
_ABOUT = ("points to", "rules out", "shown")


def _dot_legend() -> list[str]:
    """A key to the shapes, in two short columns (pairs joined by invisible edges)."""
    out = [
        "  subgraph cluster_legend {",
        '    label="legend"; style=rounded; color="#999999"; fontsize=10;',
    ]
    for kind in (*KINDS, "all", "any"):
        out.append(f'    legend_{kind} [label="{kind}", {_DOT_NODE[kind]}];')
    out += [
        '    legend_from [label="", shape=point]; legend_to [label="", shape=point];',
        f'    legend_from -> legend_to [label="not", {_DOT_NOT}];',
        '    legend_clue2 [label="", shape=point]; legend_suspect2 [label="", shape=point];',
        f'    legend_clue2 -> legend_suspect2 [label="shown (reaction)", {_DOT_SHOWN}];',
    ]
    for a, b in (("place", "thing"), ("suspect", "topic"), ("clue", "option"), ("all", "any")):
        out.append(f"    legend_{a} -> legend_{b} [style=invis];")
    out.append("  }")
    return out


def _dot_edge(a: str, b: str, e: Edge, free: bool) -> str:
    # A reaction is told by its look alone (dotted, grey, ending in a circle): almost every
    # clue has several, and a label on each would bury the rest.
    plain = e.kind in ("has", "shown") or not e.label
    attrs = [] if plain else [f"label={_dot(e.label)}"]
    if e.kind == "has":
        attrs.append("arrowhead=none")
    if e.negated:
        attrs.append(_DOT_NOT)
    elif e.kind == "rules out":
        attrs.append("style=dashed")
    elif e.kind == "points to":
        attrs.append("penwidth=2")
    elif e.kind == "shown":
        attrs.append(_DOT_SHOWN)
    if e.kind in ("rules out", "shown") and free:
        # Only what opens what sets the left-to-right order: a suspect is drawn near their
        # topics, not after every clue about them. (Not for a clue that no other edge ranks,
        # nor for "points to": with those too, Graphviz 2.43 fails to rank the Archer cases'
        # clusters, "trouble in init_rank".)
        attrs.append("constraint=false")
    return f"  {a} -> {b} [{', '.join(attrs)}];"


def render_dot(graphs: list[CaseGraph]) -> str:
    ids = _ids(graphs)
    # newrank: without it Graphviz 2.43 (Debian's) fails to rank the clusters of a large case
    # ("trouble in init_rank") as soon as some of its edges do not rank; the cases are not
    # clusters themselves, which newrank would mis-rank.
    out = [
        "digraph whodunit {",
        "  rankdir=LR; newrank=true; ranksep=0.35; nodesep=0.15;",
        '  ratio=compress; size="12,16";',
        '  node [fontname="Helvetica", fontsize=10, margin="0.06,0.03"];',
        '  edge [fontname="Helvetica", fontsize=8];',
        *_dot_legend(),
    ]
    for gi, g in enumerate(graphs):
        # Not a cluster: Graphviz 2.43 mis-ranks clusters in clusters joined by edges.
        title = _dot(f"case {g.case.id}: {g.case.title}")
        out.append(f"  subgraph case_{gi} {{")
        if len(graphs) == 1:
            out.append(f"    label={title}; labelloc=t; fontsize=14;")
        else:
            out.append(f"    case_{gi}_title [label={title}, shape=plaintext, fontsize=16];")
        groups, loose = _groups(g)

        def node_line(node: Node, gi: int = gi) -> str:
            attrs = [f"label={_dot(_node_label(node), _LABEL_WIDTH)}", _DOT_NODE[node.kind]]
            if not node.reachable:
                attrs += ["color=red", "fontcolor=red", "style=dashed"]
            elif "required" in node.marks or "culprit" in node.marks:
                attrs.append("penwidth=2")
            return f"    {ids[(gi, node.key)]} [{', '.join(attrs)}];"

        for n, group in enumerate(groups):
            out.append(f"    subgraph cluster_{gi}_{n} {{")
            out.append(f'      graph [label="", {_DOT_CLUSTER[_group_kind(group)]}];')
            out += ["  " + node_line(node) for node in group]
            out.append("    }")
        out += [node_line(node) for node in loose]
        for key, gate in g.gates.items():
            out.append(f'    {ids[(gi, key)]} [label="{gate.kind}", {_DOT_NODE[gate.kind]}];')
        out.append("  }")
        ranked = {
            k for e in g.wires if e.kind not in _ABOUT and e.src != e.dst for k in (e.src, e.dst)
        }
        for e in g.wires:
            a, b = ids[(gi, e.src)], ids[(gi, e.dst)]
            out.append(_dot_edge(a, b, e, free=e.src in ranked))
    out.append("}")
    return "\n".join(out) + "\n"
