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
class Connect:
    """Putting two things the player holds side by side: clue ids, or SUSPECT/TOPIC for an
    answer heard. The order does not matter."""

    first: str
    second: str

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.first, self.second))


@dataclass(frozen=True)
class Accuse:
    choices: tuple[tuple[str, str], ...]  # (claim id, option id), "who" first
    proofs: tuple[tuple[str, str], ...]  # (claim id, clue id)

    def choice(self, claim: str) -> str | None:
        return dict(self.choices).get(claim)

    def proof(self, claim: str) -> str | None:
        return dict(self.proofs).get(claim)


@dataclass(frozen=True)
class Hint:
    pass


Move = Go | Search | Ask | Present  # what finds things out by looking, asking or showing
Action = Move | Connect | Accuse | Hint


def action_to_dict(action: Action) -> dict[str, object]:
    if isinstance(action, Go):
        return {"type": "go", "place": action.place}
    if isinstance(action, Search):
        return {"type": "search", "place": action.place, "thing": action.thing}
    if isinstance(action, Ask):
        return {"type": "ask", "suspect": action.suspect, "topic": action.topic}
    if isinstance(action, Present):
        return {"type": "present", "suspect": action.suspect, "clue": action.clue}
    if isinstance(action, Connect):
        return {"type": "connect", "links": [action.first, action.second]}
    if isinstance(action, Accuse):
        return {
            "type": "accuse",
            "choices": {b: o for b, o in action.choices},
            "proofs": {b: c for b, c in action.proofs},
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
    if kind == "connect":
        links = d.get("links")
        if not isinstance(links, list) or len(links) != 2:
            raise ActionFormatError("'links' should be a list of two things held")
        first, second = (_str({"link": x}, "link") for x in links)
        return Connect(first, second)
    if kind == "accuse":
        choices = d.get("choices")
        proofs = d.get("proofs")
        if not isinstance(choices, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in choices.items()
        ):
            raise ActionFormatError("'choices' should map claim ids to option ids")
        if not isinstance(proofs, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in proofs.items()
        ):
            raise ActionFormatError("'proofs' should map claim ids to clue ids")
        return Accuse(tuple(choices.items()), tuple(proofs.items()))
    raise ActionFormatError(f"unknown action type {kind!r}")
