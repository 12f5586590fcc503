"""A JSON Schema (draft 2020-12) of the pack format, for YAML editors and for checking fragments.

The loader is the authority: the schema describes the *shape* of pack files (keys, types, ids) so
an editor using yaml-language-server can complete and check them while the author types. What a
schema cannot see — whether an id names something that exists, and the fair-play rules — only
`whodunit validate` reports. tests/authoring/test_schema.py keeps the two in agreement.

Editors read YAML 1.2, where plain `12`, `1.5` and `true` are numbers and booleans. The loader
keeps every scalar as the text the author wrote, so wherever the format expects text the schema
accepts strings, numbers and booleans alike.

The schema declares draft 2020-12 but uses only keywords that draft-07 validators read the same
way (no `$ref` next to other validation keywords), so older editor plugins check it alike.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .conditions import FACT_KINDS
from .reader import ID_RE
from .yamlsafe import YMap, YNode, YScalar, YSeq

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:whodunit:pack-format:1"
ID_PATTERN = ID_RE.pattern
_ID_PART = ID_PATTERN.strip("^$")
PAIR_PATTERN = f"^{_ID_PART}/{_ID_PART}$"
RESERVED_BLANKS = ("who", "evidence")

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _obj(
    description: str,
    required: dict[str, Schema],
    optional: dict[str, Schema] | None = None,
) -> Schema:
    props = {**required, **(optional or {})}
    return {
        "type": "object",
        "description": description,
        "properties": props,
        "required": list(required),
        "additionalProperties": False,
    }


def _entries(description: str, body: str, *, reserved: tuple[str, ...] = ()) -> Schema:
    """A mapping from ids to entries, such as `clues:`."""
    names: Schema = {"pattern": ID_PATTERN}
    if reserved:
        names = {"pattern": ID_PATTERN, "not": {"enum": list(reserved)}}
    return {
        "type": "object",
        "description": description,
        "propertyNames": names,
        "additionalProperties": _ref(body),
    }


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _text(description: str) -> Schema:
    return {"$ref": "#/$defs/text", "description": description}


def _opt_text(description: str) -> Schema:
    return {"anyOf": [_ref("text"), {"type": "null"}], "description": description}


def _id(description: str) -> Schema:
    return {"$ref": "#/$defs/id", "description": description}


def _when(description: str) -> Schema:
    return {"$ref": "#/$defs/condition", "description": description}


def _defs() -> dict[str, Schema]:
    facts: dict[str, Schema] = {}
    for kind, names in FACT_KINDS.items():
        pattern = PAIR_PATTERN if "/" in names else ID_PATTERN
        facts[kind] = {
            "type": "string",
            "pattern": pattern,
            "description": f"holds once the player has {kind} this: a {names} reference",
        }
    return {
        "text": {
            "type": ["string", "number", "boolean"],
            "description": "Text, shown exactly as written.",
        },
        "id": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "An id: lower-case letters, digits, '_' and '-', from a letter.",
        },
        "idList": {
            "anyOf": [
                _ref("id"),
                {"type": "array", "items": _ref("id")},
                {"type": "null"},
            ],
            "description": "A list of ids (one id alone is a list of one).",
        },
        "condition": {
            "description": "A condition: {found: CLUE}, {visited: PLACE}, {searched: PLACE/THING},"
            " {asked: SUSPECT/TOPIC}, {presented: SUSPECT/CLUE}, {all: [...]}, {any: [...]},"
            " {not: ...}; a list means all; empty means always.",
            "anyOf": [
                {"type": "null"},
                {"type": "array", "items": _ref("condition")},
                {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "additionalProperties": False,
                    "properties": {
                        **facts,
                        "all": {
                            "type": "array",
                            "items": _ref("condition"),
                            "description": "holds when every condition in the list holds",
                        },
                        "any": {
                            "type": "array",
                            "items": _ref("condition"),
                            "description": "holds when at least one condition in the list holds",
                        },
                        "not": {
                            "$ref": "#/$defs/condition",
                            "description": "holds while the condition does not",
                        },
                    },
                },
            ],
        },
        "required_condition": {
            "allOf": [_ref("condition"), {"not": {"type": "null"}}],
            "description": "A condition (required here).",
        },
        "manifest": _obj(
            "The manifest, pack.yaml: what the pack is and which cases it holds.",
            {
                "format": {"const": 1, "description": "The pack format version: 1."},
                "id": _id("The pack's id."),
                "title": _text("The pack's title, shown to players."),
                "version": _text("Your own version of the pack."),
                "authors": {
                    "anyOf": [_ref("text"), {"type": "array", "items": _ref("text")}],
                    "description": "Who wrote the pack.",
                },
                "licence": _text("The licence of the pack's text."),
                "cast": _text("The cast file, relative to the pack folder."),
                "cases": {
                    "anyOf": [
                        _ref("text"),
                        {"type": "array", "items": _ref("text"), "minItems": 1},
                    ],
                    "description": "The case files, in playing order.",
                },
            },
            {
                "about": _opt_text("A short description of the pack."),
                "notice": _opt_text("A notice shown with the title (say so here for fan works)."),
            },
        ),
        "cast": _obj(
            "The cast file: every character of every case.",
            {"characters": _entries("The characters, by id.", "character")},
        ),
        "character": _obj(
            "A character.",
            {"name": _text("The character's name.")},
            {"description": _opt_text("Who they are.")},
        ),
        "case": _obj(
            "A case file.",
            {
                "id": _id("The case's id."),
                "title": _text("Shown in the case list."),
                "briefing": _text("Shown when the case begins."),
                "places": _entries("The places to visit and search, by id.", "place"),
                "suspects": _entries(
                    "The people to question; each id is a character of the cast.", "suspect"
                ),
                "clues": _entries("The evidence, by id.", "clue"),
                "deduction": _ref("deduction"),
                "endings": _ref("endings"),
            },
            {
                "victim": _nullable(_id("The victim: a character id.")),
                "start": _nullable(_id("The place the player starts in.")),
                "requires": {
                    "$ref": "#/$defs/idList",
                    "description": "Cases that must have ended before this one opens.",
                },
            },
        ),
        "place": _obj(
            "A place.",
            {
                "name": _text("The place's name."),
                "things": _entries("The things to search here, by id.", "thing"),
            },
            {
                "description": _opt_text("What the player sees on arriving."),
                "when": _when("The place is open only once this holds."),
            },
        ),
        "thing": _obj(
            "A thing to search.",
            {
                "name": _text("Its name, e.g. 'the cooling rack'."),
                "text": _text("What searching it shows."),
            },
            {"when": _when("It can be searched only once this holds.")},
        ),
        "suspect": _obj(
            "A suspect of this case.",
            {
                "intro": _text("Shown when the player questions them."),
                "topics": _entries("The questions the player can ask, by id.", "topic"),
            },
            {
                "when": _when("They can be questioned only once this holds."),
                "reactions": _nullable(
                    {
                        "type": "object",
                        "description": "What they say when shown a clue, by clue id.",
                        "propertyNames": {"pattern": ID_PATTERN},
                        "additionalProperties": _ref("text"),
                    }
                ),
                "default_reaction": _opt_text("What they say to every other clue."),
            },
        ),
        "topic": _obj(
            "An interview topic.",
            {"ask": _text("The question."), "answer": _text("The answer.")},
            {"when": _when("The question opens once this holds.")},
        ),
        "clue": _obj(
            "A clue.",
            {
                "name": _text("The clue's name."),
                "text": _text("What the clue says."),
                "revealed_by": {
                    "$ref": "#/$defs/required_condition",
                    "description": "The clue is found once this holds.",
                },
            },
            {
                "points_to": {
                    "$ref": "#/$defs/idList",
                    "description": "Suspects this clue implicates.",
                },
                "rules_out": {
                    "$ref": "#/$defs/idList",
                    "description": "Suspects this clue clears.",
                },
            },
        ),
        "deduction": _obj(
            "What the player must work out: a statement with blanks, judged as a whole.",
            {
                "who": _obj(
                    "Who did it; the options are the case's suspects.",
                    {"prompt": _text("The question."), "answer": _id("The culprit's id.")},
                ),
                "evidence": _obj(
                    "The evidence the player must attach.",
                    {
                        "required": {
                            "anyOf": [
                                _ref("id"),
                                {
                                    "type": "array",
                                    "items": {
                                        "anyOf": [
                                            _ref("id"),
                                            {"type": "array", "items": _ref("id"), "minItems": 1},
                                        ]
                                    },
                                    "minItems": 1,
                                },
                            ],
                            "description": "Every entry must be attached: a clue id, or a list "
                            "of clue ids of which any one will do.",
                        }
                    },
                    {"prompt": _opt_text("The question.")},
                ),
            },
            {
                "chances": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 99,
                    "description": "How many accusations the player may make (default 3).",
                },
                "blanks": _nullable(
                    _entries("The other blanks, by id.", "blank", reserved=RESERVED_BLANKS)
                ),
            },
        ),
        "blank": _obj(
            "A blank of the deduction.",
            {
                "prompt": _text("The question."),
                "answer": _id("The right option's id."),
                "options": {
                    **_entries("The options, by id.", "option"),
                    "minProperties": 1,
                },
            },
        ),
        "option": _obj(
            "An option of a blank.",
            {"text": _text("How the option reads.")},
            {"when": _when("The option is offered once this holds.")},
        ),
        "endings": _obj(
            "How the case can end.",
            {
                "solved": _ref("ending"),
                "out_of_chances": _ref("ending"),
            },
            {
                "wrong": _nullable(
                    _entries("One ending for every suspect who is not the culprit.", "ending")
                )
            },
        ),
        "ending": _obj(
            "An ending.",
            {"title": _text("The ending's title."), "text": _text("The ending's text.")},
        ),
    }


def pack_schema() -> Schema:
    """The schema of every pack file; which kind a file is follows from its keys."""
    return {
        "$schema": SCHEMA_URI,
        "$id": SCHEMA_ID,
        "title": "whodunit clue pack, format 1",
        "description": "A file of a whodunit clue pack: the manifest (pack.yaml, with `format:`),"
        " the cast (with `characters:`) or a case. See docs/pack-format.md.",
        "if": {"type": "object", "required": ["format"]},
        "then": _ref("manifest"),
        "else": {
            "if": {"type": "object", "required": ["characters"]},
            "then": _ref("cast"),
            "else": _ref("case"),
        },
        "$defs": _defs(),
    }


def schema_for(definition: str) -> Schema:
    """A schema whose root is one definition (or a JSON pointer below `#/$defs/`)."""
    schema = pack_schema()
    for key in ("if", "then", "else", "title", "description"):
        schema.pop(key, None)
    schema["$ref"] = f"#/$defs/{definition}"
    return schema


def schema_json() -> str:
    return json.dumps(pack_schema(), indent=2) + "\n"


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = ("", "~", "null", "Null", "NULL")


def to_data(node: YNode) -> Any:
    """A positioned YAML tree as plain data, resolving scalars as YAML 1.2 editors do."""
    if isinstance(node, YMap):
        return {key.value: to_data(value) for key, value in node.items}
    if isinstance(node, YSeq):
        return [to_data(item) for item in node.items]
    assert isinstance(node, YScalar)
    if not node.plain:
        return node.value
    v = node.value
    if v in _NULLS:
        return None
    if v in ("true", "True", "TRUE"):
        return True
    if v in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(v):
        return int(v)
    if _FLOAT.fullmatch(v):
        return float(v)
    return v
