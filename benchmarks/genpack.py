"""Generate a large, valid and fair clue pack for benchmarks and scaling tests.

The case is a long chain: each place opens only once a clue of the place before it is found, so
reachability has to walk the whole depth of the pack, the worst case for a naive fixpoint. The
culprit's last clue is an insight the player gets by linking the clue before it with the
culprit's answer to a question (a connection), and the motive's true option unlocks halfway down
the chain together with a decoy, which the tell check must see through the whole chain.
"""

from __future__ import annotations

import sys
from pathlib import Path

THINGS_PER_PLACE = 10
SUSPECTS = 8


def generate(dest: Path, clues: int) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    places = max(1, clues // THINGS_PER_PLACE)
    (dest / "pack.yaml").write_text(
        "format: 2\nid: generated\ntitle: Generated pack\nversion: '1'\n"
        "authors: [benchmark]\nlicence: CC0-1.0\ncast: cast.yaml\ncases: [case.yaml]\n"
    )
    cast = ["characters:"]
    for s in range(SUSPECTS):
        cast.append(f"  s{s}: {{name: Suspect {s}}}")
    (dest / "cast.yaml").write_text("\n".join(cast) + "\n")
    out = [
        "id: big",
        "title: A big case",
        "briefing: Many places, many clues.",
        "start: p0",
        "places:",
    ]
    for p in range(places):
        out.append(f"  p{p}:")
        out.append(f"    name: Place {p}")
        if p:
            out.append(f"    when: {{found: c{p * THINGS_PER_PLACE - 1}}}")
        out.append("    things:")
        for t in range(THINGS_PER_PLACE):
            out.append(f"      t{t}: {{name: thing {t}, text: You look.}}")
    out.append("suspects:")
    for s in range(SUSPECTS):
        out.append(f"  s{s}:")
        out.append("    intro: They wait.")
        out.append("    topics:")
        for k in range(5):
            cond = f", when: {{found: c{(s * 37 + k * 11) % clues}}}" if k else ""
            out.append(f"      q{k}: {{ask: Question {k}?, answer: An answer.{cond}}}")
        out.append("    reactions:")
        out.append("      c0: A reaction.")
    out.append("clues:")
    for c in range(clues):
        place, thing = divmod(c, THINGS_PER_PLACE)
        extra = ""
        if c == clues - 1:
            extra = ", points_to: [s0]"
        elif c >= clues - SUSPECTS:
            extra = f", rules_out: [s{clues - 1 - c}]"
        source = f"searched: p{place}/t{thing}" if c < clues - 1 else "connected: insight"
        out.append(f"  c{c}: {{name: Clue {c}, text: A clue., revealed_by: {{{source}}}{extra}}}")
    half = f"{{found: c{clues // 2}}}"
    out += [
        "connections:",
        f"  insight: {{links: [c{max(clues - 2, 0)}, s0/q0]}}",
        "deduction:",
        "  chances: 3",
        "  claims:",
        "    who:",
        "      prompt: Who?",
        "      proof: What shows it?",
        "      answer: s0",
        f"      proven_by: [c{clues - 1}]",
        "    why:",
        "      prompt: Why?",
        "      proof: What shows why?",
        "      answer: greed",
        f"      proven_by: [c0, c{clues // 2}]",
        "      options:",
        f"        greed: {{text: greed, when: {half}}}",
        f"        love: {{text: love, when: {half}}}",
        "        fear: {text: fear}",
        "endings:",
        "  solved: {title: Solved, text: Done.}",
        "  out_of_chances: {title: Lost, text: Gone.}",
        "  wrong:",
    ]
    for s in range(1, SUSPECTS):
        out.append(f"    s{s}: {{title: Wrong, text: Not them.}}")
    (dest / "case.yaml").write_text("\n".join(out) + "\n")
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/genpack.py DEST CLUES")
    print(generate(Path(sys.argv[1]), int(sys.argv[2])))
