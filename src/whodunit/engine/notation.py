"""The text form of actions: what a player types in plain mode and what walkthroughs hold."""

from __future__ import annotations

from .actions import Accuse, Action, Ask, Connect, Go, Hint, Move, Present, Search


class NotationError(ValueError):
    """A command that does not name an action, with a message saying how to write it."""


USAGE: dict[str, str] = {
    "go": "go PLACE",
    "search": "search THING",
    "ask": "ask SUSPECT TOPIC",
    "present": "present CLUE to SUSPECT",
    "connect": "connect THING THING  (a clue, or SUSPECT/TOPIC for an answer heard)",
    "accuse": "accuse who=SUSPECT:CLUE CLAIM=OPTION:CLUE ...  (each claim's answer and proof)",
    "hint": "hint",
}
ALIASES = {
    "show": "present",
    "examine": "search",
    "question": "ask",
    "visit": "go",
    "link": "connect",
}


def format_action(action: Action) -> str:
    if isinstance(action, Go):
        return f"go {action.place}"
    if isinstance(action, Search):
        return f"search {action.thing}"
    if isinstance(action, Ask):
        return f"ask {action.suspect} {action.topic}"
    if isinstance(action, Present):
        return f"present {action.clue} to {action.suspect}"
    if isinstance(action, Connect):
        return f"connect {action.first} {action.second}"
    if isinstance(action, Accuse):
        proofs = dict(action.proofs)
        parts = [f"{c}={o}:{proofs[c]}" if c in proofs else f"{c}={o}" for c, o in action.choices]
        return "accuse " + " ".join(parts)
    return "hint"


def parse_action(line: str, location: str | None) -> Action:
    """Parse a command. `search` needs the place the player stands in (or `place/thing`)."""
    words = line.split()
    if not words:
        raise NotationError("type a command; `help` lists them")
    verb = ALIASES.get(words[0].lower(), words[0].lower())
    args = words[1:]
    if verb not in USAGE:
        raise NotationError(f"unknown command '{words[0]}'; `help` lists the commands")

    def usage() -> NotationError:
        return NotationError(f"usage: {USAGE[verb]}")

    if verb == "hint":
        if args:
            raise usage()
        return Hint()
    if verb == "go":
        if len(args) != 1:
            raise usage()
        return Go(args[0])
    if verb == "search":
        if len(args) != 1:
            raise usage()
        if "/" in args[0]:
            place, _, thing = args[0].partition("/")
            return Search(place, thing)
        if location is None:
            raise NotationError("you are nowhere yet: `go PLACE` first")
        return Search(location, args[0])
    if verb == "ask":
        if len(args) == 1 and "/" in args[0]:
            args = args[0].split("/", 1)
        if len(args) != 2:
            raise usage()
        return Ask(args[0], args[1])
    if verb == "present":
        if len(args) == 3 and args[1].lower() == "to":
            return Present(args[2], args[0])
        if len(args) == 2:
            return Present(args[1], args[0])
        raise usage()
    if verb == "connect":
        args = [a for a in args if a.lower() not in ("with", "and", "to")]
        if len(args) != 2:
            raise usage()
        return Connect(args[0], args[1])
    choices: list[tuple[str, str]] = []
    proofs: list[tuple[str, str]] = []
    for arg in args:
        claim, eq, value = arg.partition("=")
        answer, colon, proof = value.partition(":")
        if claim.lower() == "evidence":
            raise NotationError(
                "an accusation no longer takes `evidence=`: attach one clue to each claim, "
                "as in `who=SUSPECT:CLUE`"
            )
        if not eq or not claim or not answer:
            raise usage()
        choices.append((claim, answer))
        if colon:
            if not proof:
                raise usage()
            proofs.append((claim, proof))
    if not choices:
        raise usage()
    return Accuse(tuple(choices), tuple(proofs))


def choice_id(target: Move | str) -> str:
    """The id of the entry in a list of things to do that leads to `target`: `go:PLACE`,
    `search:PLACE/THING`, or `ask:SUSPECT` for a suspect's id or questioning them (asking,
    showing a clue)."""
    if isinstance(target, Go):
        return f"go:{target.place}"
    if isinstance(target, Search):
        return f"search:{target.place}/{target.thing}"
    return f"ask:{target if isinstance(target, str) else target.suspect}"


def parse_choice(choice: str) -> Go | Search | str | None:
    """What an entry made by `choice_id` leads to: the action, or the suspect to question."""
    kind, _, ref = choice.partition(":")
    if kind == "go":
        return Go(ref)
    if kind == "search":
        place, _, thing = ref.partition("/")
        return Search(place, thing)
    return ref if kind == "ask" else None
