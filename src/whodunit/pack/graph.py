"""A case as a graph: places, things, suspects, topics, clues and options, and what opens what.

Edges go from what the player does or finds to what it opens: searching a thing reveals a clue,
finding a clue opens a topic, and so on (one edge per fact in a condition; a fact under `not`
gives a `negated` edge). Clues also point to or rule out suspects, and a clue a suspect reacts
to has a `shown` edge to them. Nodes the player can never reach (the same reachability analysis as
the fair-play checker) are marked.

For drawing, `wires` keep each condition's shape: every `all` or `any` of two or more parts is a
small gate node of its own (in `gates`), its parts wired into it and it into what it opens, and a
`not` is a negated wire. `around` cuts a graph down to what is within a few steps of one node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import analyse
from .conditions import AllCond, AnyCond, Condition, Fact, FactCond, describe, facts_negated
from .model import Case


@dataclass(frozen=True)
class Node:
    key: str  # unique in the case: "place:kitchen", "thing:kitchen/rack", ...
    kind: str  # place, thing, suspect, topic, clue, option
    ref: str  # what the author wrote: "kitchen", "kitchen/rack", "why/hunger"
    label: str  # the name a player sees
    reachable: bool
    marks: tuple[str, ...] = ()  # start, culprit, required, answer
    condition: str = ""  # the condition that opens it, in words ("" when always open)


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    kind: str  # has, reveals, opens, points to, rules out, shown ("" into a gate)
    negated: bool = False
    note: str = ""  # e.g. "shown to pip" for a presented-clue fact

    @property
    def label(self) -> str:
        words = " ".join(w for w in ("not" if self.negated else "", self.kind) if w)
        return f"{words} ({self.note})" if self.note else words


@dataclass
class CaseGraph:
    case: Case
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    gates: dict[str, Node] = field(default_factory=dict)  # kind "all" or "any"
    wires: list[Edge] = field(default_factory=list)  # edges as drawn: conditions through gates

    @property
    def unreachable(self) -> list[Node]:
        return [n for n in self.nodes.values() if not n.reachable]


def _words(cond: Condition) -> str:
    text = describe(cond)
    return "" if text == "always" else text.removeprefix("(").removesuffix(")")


def case_graph(case: Case) -> CaseGraph:
    reach = analyse(case)
    opt = reach.optimistic
    g = CaseGraph(case)
    d = case.deduction

    def has(kind: str, ref: str) -> bool:
        return Fact(kind, ref) in opt

    def add(node: Node) -> None:
        g.nodes[node.key] = node

    for p in case.places.values():
        marks = ("start",) if p.id == case.start else ()
        add(
            Node(
                f"place:{p.id}", "place", p.id, p.name, has("visited", p.id), marks, _words(p.when)
            )
        )
        for t in p.things.values():
            add(
                Node(
                    f"thing:{t.ref}",
                    "thing",
                    t.ref,
                    t.name,
                    has("searched", t.ref),
                    (),
                    _words(t.when),
                )
            )
            g.edges.append(Edge(f"place:{p.id}", f"thing:{t.ref}", "has"))
    for s in case.suspects.values():
        marks = ("culprit",) if s.id == case.culprit else ()
        add(
            Node(
                f"suspect:{s.id}", "suspect", s.id, s.name, reach.can(s.when), marks, _words(s.when)
            )
        )
        for topic in s.topics.values():
            ref = topic.ref
            add(
                Node(
                    f"topic:{ref}",
                    "topic",
                    ref,
                    topic.ask,
                    has("asked", ref),
                    (),
                    _words(topic.when),
                )
            )
            g.edges.append(Edge(f"suspect:{s.id}", f"topic:{ref}", "has"))
    for c in case.clues.values():
        marks = ("required",) if c.id in d.proof_clues else ()
        add(
            Node(
                f"clue:{c.id}",
                "clue",
                c.id,
                c.name,
                has("found", c.id),
                marks,
                _words(c.revealed_by),
            )
        )
    for b in d.claims.values():
        if b.id == "who":
            continue
        for o in b.options.values():
            marks = ("answer",) if o.id == b.answer else ()
            add(
                Node(
                    f"option:{b.id}/{o.id}",
                    "option",
                    f"{b.id}/{o.id}",
                    o.text,
                    reach.can(o.when),
                    marks,
                    _words(o.when),
                )
            )

    def source(kind: str, ref: str) -> tuple[str, str]:
        if kind == "found":
            return f"clue:{ref}", ""
        if kind == "visited":
            return f"place:{ref}", ""
        if kind == "searched":
            return f"thing:{ref}", ""
        if kind == "asked":
            return f"topic:{ref}", ""
        if kind == "connected":
            return f"connection:{ref}", ""
        suspect, _, clue = ref.partition("/")
        return f"clue:{clue}", f"shown to {suspect}"

    def wire(cond: Condition, dst: str, verb: str, negated: bool = False) -> None:
        if isinstance(cond, FactCond):
            src, note = source(cond.fact.kind, cond.fact.ref)
            if src in g.nodes or src in g.gates:
                edge = Edge(src, dst, verb, negated, note)
                if edge not in g.wires:
                    g.wires.append(edge)
        elif isinstance(cond, (AllCond, AnyCond)):
            if len(cond.items) == 1:
                wire(cond.items[0], dst, verb, negated)
            elif cond.items:
                kind = "all" if isinstance(cond, AllCond) else "any"
                key = f"gate:{len(g.gates)}"
                g.gates[key] = Node(key, kind, kind, kind, True)
                g.wires.append(Edge(key, dst, verb, negated))
                for item in cond.items:
                    wire(item, key, "")
        else:
            wire(cond.item, dst, verb, not negated)

    def link(cond: Condition, dst: str) -> None:
        verb = "reveals" if dst.startswith("clue:") else "opens"
        seen: set[tuple[str, bool, str]] = set()
        for fact, negated in facts_negated(cond):
            src, note = source(fact.kind, fact.ref)
            if (src in g.nodes or src in g.gates) and (src, negated, note) not in seen:
                seen.add((src, negated, note))
                g.edges.append(Edge(src, dst, verb, negated, note))
        wire(cond, dst, verb)

    for conn in case.connections.values():
        # A connection is a gate: both things it links, held together.
        key = f"connection:{conn.id}"
        g.gates[key] = Node(key, "all", conn.id, f"linked: {conn.id}", True)
        for ref in conn.links:
            src = f"clue:{ref}" if ref in case.clues else f"topic:{ref}"
            if src in g.nodes:
                g.wires.append(Edge(src, key, ""))
    for p in case.places.values():
        link(p.when, f"place:{p.id}")
        for t in p.things.values():
            link(t.when, f"thing:{t.ref}")
    for s in case.suspects.values():
        link(s.when, f"suspect:{s.id}")
        for topic in s.topics.values():
            link(topic.when, f"topic:{topic.ref}")
    for c in case.clues.values():
        link(c.revealed_by, f"clue:{c.id}")
        for sid in c.points_to:
            if f"suspect:{sid}" in g.nodes:
                g.edges.append(Edge(f"clue:{c.id}", f"suspect:{sid}", "points to"))
        for sid in c.rules_out:
            if f"suspect:{sid}" in g.nodes:
                g.edges.append(Edge(f"clue:{c.id}", f"suspect:{sid}", "rules out"))
    for s in case.suspects.values():
        for clue_id in s.reactions:
            if f"clue:{clue_id}" in g.nodes:
                g.edges.append(Edge(f"clue:{clue_id}", f"suspect:{s.id}", "shown"))
    for b in d.claims.values():
        if b.id == "who":
            continue
        for o in b.options.values():
            link(o.when, f"option:{b.id}/{o.id}")
    g.wires += [e for e in g.edges if e.kind in ("has", "points to", "rules out", "shown")]
    return g


def find(g: CaseGraph, ref: str) -> Node | None:
    """The node an author means by `ref`: a clue or suspect id first, else any node's ref."""
    for kind in ("clue", "suspect", "place", "thing", "topic", "option"):
        node = g.nodes.get(f"{kind}:{ref}")
        if node is not None:
            return node
    return None


_ABOUT = ("points to", "rules out", "shown")  # what a clue says of a suspect


def around(g: CaseGraph, focus: str, depth: int) -> CaseGraph:
    """The part of `g` within `depth` steps of node `focus`, either way along any edge (a gate
    is not a step: it stands for the condition on the edges through it). A clue's pointing to,
    ruling out or being shown to a suspect is a step only from or to the focus: through
    suspects, whom many clues concern, every clue would be two steps from every other. So is
    a place's having a thing or a suspect a topic, but a thing or topic kept brings its place or
    suspect along, so that it is drawn in its box."""
    near: dict[str, set[str]] = {}
    owner: dict[str, str] = {}
    for e in g.edges:
        if e.kind == "has":
            owner[e.dst] = e.src
        if e.kind in (*_ABOUT, "has") and focus not in (e.src, e.dst):
            continue
        near.setdefault(e.src, set()).add(e.dst)
        near.setdefault(e.dst, set()).add(e.src)
    keep = {focus}
    ring = {focus}
    for _ in range(depth):
        ring = {n for k in ring for n in near.get(k, ())} - keep
        keep |= ring
    keep |= {owner[k] for k in keep if k in owner}
    gates: set[str] = set()
    for e in g.wires:  # a gate is wired into what it opens before its parts are wired into it
        if e.src in g.gates and (e.dst in keep or e.dst in gates):
            gates.add(e.src)

    def shown(e: Edge) -> bool:
        return e.kind not in _ABOUT or focus in (e.src, e.dst)

    wires = [
        e
        for e in g.wires
        if (e.src in keep or e.src in gates) and (e.dst in keep or e.dst in gates) and shown(e)
    ]
    fed = {e.dst for e in wires if e.dst in gates}  # a gate none of whose parts is kept goes
    wires = [e for e in wires if e.src in keep or e.src in fed]
    return CaseGraph(
        g.case,
        {k: n for k, n in g.nodes.items() if k in keep},
        [e for e in g.edges if e.src in keep and e.dst in keep and shown(e)],
        {k: n for k, n in g.gates.items() if k in fed},
        wires,
    )
