"""How engine messages and evidence look as text. Meaning is carried by words and symbols (a
leading mark and a label on every entry), never by colour alone; colour comes from the styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from .safe import literal

if TYPE_CHECKING:
    from ..engine import Action, GameState, Line
    from ..engine.rules import Rating
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


def stars(r: Rating) -> Text:
    return literal(
        ("★" * r.stars + "☆" * (3 - r.stars), "bold"),
        f"  {r.stars} of 3 stars: {r.label}",
    )


def rating_details(r: Rating) -> str:
    return (
        f"{r.actions} action{'s' if r.actions != 1 else ''}, "
        f"{r.wrong} wrong accusation{'s' if r.wrong != 1 else ''}, "
        f"{r.hints} hint{'s' if r.hints != 1 else ''}"
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


def option_text(case: Case, blank_id: str, option_id: str) -> str:
    blank = next(b for b in case.deduction.all_blanks if b.id == blank_id)
    option = blank.options[option_id]
    return option.text or option_id


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
    from ..engine import Accuse, Ask, Go, Present, Search

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
    if isinstance(action, Accuse):
        who = action.choice("who")
        return f"accused {suspect_name(case, who)}" if who else "made an accusation"
    return "asked for a hint"
