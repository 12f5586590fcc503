"""How engine messages and evidence look as text. Meaning is carried by words and symbols (a
leading mark and a label on every entry), never by colour alone; colour comes from the styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from .safe import literal

if TYPE_CHECKING:
    from ..engine import Action, GameState, Line
    from ..engine.rules import Rating
    from ..engine.state import AccusationRecord
    from ..pack.model import Case

DONE = "✓"

# A mark and a label for each kind of message the engine sends.
HEADINGS: dict[str, tuple[str, str]] = {
    "briefing": ("■", "Case: "),
    "intro": ("●", ""),
    "place": ("▶", ""),
    "search": ("⌕", "Searched: "),
    "answer": ("❝", ""),
    "reaction": ("❝", "Shown: "),
    "clue": ("★", "New clue: "),
    "unlock": ("+", ""),
    "hint": ("?", "Hint"),
    "verdict": ("⚖", "Verdict"),
    "ending": ("■", ""),
    "rejected": ("✗", "Not possible"),
    "rating": ("★", ""),
    "connection": ("⇄", "Put together: "),
    "truth": ("■", ""),
}


def prose(text: str) -> str:
    """Pack text as paragraphs: single line breaks (as YAML block text has them) are joined,
    blank lines separate paragraphs, and lines that start a list item or are indented stay."""
    paragraphs: list[str] = []
    for block in text.strip().split("\n\n"):
        lines: list[str] = []
        for line in block.splitlines():
            if lines and line.strip() and not line.startswith((" ", "\t", "-", "*", "•")):
                lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            else:
                lines.append(line.rstrip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(p for p in paragraphs if p.strip())


def message_text(m: Line) -> Text:
    """A message as a short heading line (when it has one) and its body."""
    mark, label = HEADINGS.get(m.kind, ("·", ""))
    if m.kind == "unlock":
        return literal((f"{mark} ", "bold"), (m.text, "italic"))
    if m.kind == "reaction":
        head = literal((f"{mark} ", "bold"), (m.title, "bold"))
    elif m.kind == "verdict" and not m.title:  # what follows a verdict: "Accusations left: 1."
        return literal((prose(m.text), "bold"))
    elif m.kind in ("hint", "verdict", "rejected"):
        title = f"{label}: {m.title}" if m.title and m.kind == "verdict" else label
        return literal((f"{mark} {title}. ", "bold"), prose(m.text))
    else:
        head = literal((f"{mark} {label}", "bold"), (m.title, "bold"))
    return literal(head, "\n", prose(m.text))


def message_view(m: Line) -> RenderableType:
    """A message as the log shows it: as `message_text`, except that the truth told at the end
    is laid out claim by claim, each claim's lines indented under it (wrapped lines too)."""
    if m.kind != "truth":
        return message_text(m)
    mark, _ = HEADINGS["truth"]
    parts: list[RenderableType] = [literal((f"{mark} ", "bold"), (m.title, "bold"))]
    for line in m.text.strip().splitlines():
        if not line.strip():
            parts.append(Text(""))
        elif line.startswith((" ", "\t")):
            parts.append(Padding(literal(line.strip()), (0, 0, 0, 2)))
        else:
            parts.append(literal((line.strip(), "bold")))
    return Group(*parts)


def stars(r: Rating) -> Text:
    return literal(
        ("★" * r.stars + "☆" * (3 - r.stars), "bold"),
        f"  {r.stars} of 3 stars: {r.label}",
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def rating_details(r: Rating) -> str:
    return (
        f"{_count(r.actions, 'action')}, {_count(r.wrong, 'wrong accusation')}, "
        f"{_count(r.hints, 'hint')}, {_count(r.wrong_links, 'wrong link')}"
    )


def rating_parts(r: Rating) -> str:
    """What a rating is made of: three stars, less what took stars away."""
    from ..engine.rules import cost_lines  # not at import: the title screen needs no engine

    return "\n".join(
        (
            f"Three stars to start with ({rating_details(r)}); then:",
            *(f"  {line}" for line in cost_lines(r)),
        )
    )


def clue_card(case: Case, state: GameState, clue_id: str) -> Text:
    """A clue in the evidence locker: its name, text, when and where it was found, whom it was
    shown to."""
    clue = case.clues[clue_id]
    found = next(f for f in state.found if f.clue == clue_id)
    when = "at the start" if found.step == 0 else f"at step {found.step}"
    shown = [case.suspects[s].name for s in state.presented_to(clue_id) if s in case.suspects]
    return literal(
        ("★ ", "bold"),
        (clue.name, "bold"),
        "\n",
        prose(clue.text),
        "\n",
        ("Found ", "italic"),
        (f"{when}, {found.via}.", "italic"),
        "\n",
        ("Shown to: ", "italic"),
        (", ".join(shown) + "." if shown else "nobody yet.", "italic"),
    )


def suspect_name(case: Case, suspect_id: str) -> str:
    suspect = case.suspects.get(suspect_id)
    if suspect is not None and suspect.name:
        return suspect.name
    return suspect_id


def option_text(case: Case, claim_id: str, option_id: str) -> str:
    claim = case.deduction.claims.get(claim_id)
    option = claim.options.get(option_id) if claim is not None else None
    return (option.text if option is not None else "") or option_id


def clue_name(case: Case, clue_id: str) -> str:
    clue = case.clues.get(clue_id)
    return clue.name if clue is not None else clue_id


def found_where(state: GameState, clue_id: str) -> str:
    """Where a clue the player holds came from, in words: "at the start" or "at step 3,
    searched the counter (The shop floor)"."""
    found = next((f for f in state.found if f.clue == clue_id), None)
    if found is None:
        return ""
    when = "at the start" if found.step == 0 else f"at step {found.step}"
    return f"{when}, {found.via}" if found.via else when


def accusation_words(case: Case, record: AccusationRecord, title: str = "") -> Group:
    """An accusation made, claim by claim (its answer, and under it the clue attached as its
    proof), and its verdict: what the player said, never which part missed."""
    from ..engine.rules import verdict_text

    choices, proofs = dict(record.choices), dict(record.proofs)
    lines: list[RenderableType] = [literal((title, "bold"))] if title else []
    for claim in case.deduction.claims.values():
        said = choices.get(claim.id)
        answer = option_text(case, claim.id, said) if said else "(no answer)"
        proof = proofs.get(claim.id)
        lines += [
            Padding(literal(claim.prompt, " ", (answer, "bold")), (0, 0, 0, 2)),
            Padding(
                literal(("proof: ", "italic"), clue_name(case, proof) if proof else "(none)"),
                (0, 0, 0, 4),
            ),
        ]
    verdict = literal(("Verdict: ", "bold"), verdict_text(case, record.wrong_parts))
    lines.append(Padding(verdict, (0, 0, 0, 2)))
    return Group(*lines)


def progress(case: Case, state: GameState) -> str:
    """Progress in words: clues found, accusations left, hints used."""
    from ..engine import chances_left

    return (
        f"Clues {len(state.found)}/{len(case.clues)} · "
        f"Accusations left {chances_left(case, state)} · "
        f"Hints {state.hints_used}"
    )


def one_line(text: Text) -> Text:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def action_words(case: Case, action: Action) -> str:
    """An action as a player would say it, with the pack's names (never its ids)."""
    from ..engine import Accuse, Ask, Connect, Go, Present, Search

    if isinstance(action, Go):
        place = case.places.get(action.place)
        return f"went to {place.name if place is not None else action.place}"
    if isinstance(action, Search):
        place = case.places.get(action.place)
        thing = place.things.get(action.thing) if place is not None else None
        return f"searched {thing.name if thing is not None else action.thing}"
    if isinstance(action, Ask):
        suspect = case.suspects.get(action.suspect)
        topic = suspect.topics.get(action.topic) if suspect is not None else None
        asked = f"“{topic.ask}”" if topic is not None else action.topic
        return f"asked {suspect_name(case, action.suspect)} {asked}"
    if isinstance(action, Present):
        found = case.clues.get(action.clue)
        clue = found.name if found is not None else action.clue
        return f"showed {clue} to {suspect_name(case, action.suspect)}"
    if isinstance(action, Connect):
        return f"put together {case.holding(action.first)} and {case.holding(action.second)}"
    if isinstance(action, Accuse):
        who = action.choice("who")
        return f"accused {suspect_name(case, who)}" if who else "made an accusation"
    return "asked for a hint"
