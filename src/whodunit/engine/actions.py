"""The actions a player can take. A game is an ordered log of these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class ActionFormatError(ValueError):
    """A stored action that is not of any known shape."""


@dataclass(frozen=True)
class Go:
    place: str


@dataclass(frozen=True)
class Search:
    place: str
    thing: str


@dataclass(frozen=True)
class Ask:
    suspect: str
    topic: str


@dataclass(frozen=True)
class Present:
    suspect: str
    clue: str


@dataclass(frozen=True)
class Accuse:
    choices: tuple[tuple[str, str], ...]  # (blank id, option id), "who" first
    evidence: tuple[str, ...]

    def choice(self, blank: str) -> str | None:
        return dict(self.choices).get(blank)


@dataclass(frozen=True)
class Hint:
    pass


Move = Go | Search | Ask | Present  # what finds things out: not a hint, not an accusation
Action = Move | Accuse | Hint


def action_to_dict(action: Action) -> dict[str, object]:
    if isinstance(action, Go):
        return {"type": "go", "place": action.place}
    if isinstance(action, Search):
        return {"type": "search", "place": action.place, "thing": action.thing}
    if isinstance(action, Ask):
        return {"type": "ask", "suspect": action.suspect, "topic": action.topic}
    if isinstance(action, Present):
        return {"type": "present", "suspect": action.suspect, "clue": action.clue}
    if isinstance(action, Accuse):
        return {
            "type": "accuse",
            "choices": {b: o for b, o in action.choices},
            "evidence": list(action.evidence),
        }
    return {"type": "hint"}


def _str(d: Mapping[str, object], key: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise ActionFormatError(f"'{key}' should be a short text")
    return value


def action_from_dict(d: object) -> Action:
    if not isinstance(d, Mapping):
        raise ActionFormatError("an action should be a JSON object")
    kind = d.get("type")
    if kind == "go":
        return Go(_str(d, "place"))
    if kind == "search":
        return Search(_str(d, "place"), _str(d, "thing"))
    if kind == "ask":
        return Ask(_str(d, "suspect"), _str(d, "topic"))
    if kind == "present":
        return Present(_str(d, "suspect"), _str(d, "clue"))
    if kind == "hint":
        return Hint()
    if kind == "accuse":
        choices = d.get("choices")
        evidence = d.get("evidence")
        if not isinstance(choices, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in choices.items()
        ):
            raise ActionFormatError("'choices' should map blank ids to option ids")
        if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
            raise ActionFormatError("'evidence' should be a list of clue ids")
        return Accuse(tuple(choices.items()), tuple(evidence))
    raise ActionFormatError(f"unknown action type {kind!r}")
