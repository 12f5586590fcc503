"""A JSON Schema (draft 2020-12) of the pack format, for YAML editors and for checking fragments,
made from the format's declaration in pack/format.py.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .conditions import FACT_KINDS
from .format import (
    CASE,
    CAST,
    FORMAT_VERSION,
    MANIFEST,
    Choice,
    Cond,
    Entries,
    Integer,
    Key,
    Kind,
    Object,
    OwnId,
    Ref,
    Refs,
    Sub,
    Text,
    TextById,
    TextList,
    objects,
)
from .model import Case, Pack
from .reader import ID_RE
from .yamlsafe import YMap, YNode, YScalar, YSeq

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:whodunit:pack-format:{FORMAT_VERSION}"
ID_PATTERN = ID_RE.pattern
_ID_PART = ID_PATTERN.strip("^$")
PAIR_PATTERN = f"^{_ID_PART}/{_ID_PART}$"
NULL = {"type": "null"}

Schema = dict[str, Any]
Ids = Mapping[str, Sequence[str]]  # the ids a pack defines, by target: "clue", "place_thing"


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _one_or_list(item: Schema, min_items: int = 0) -> Schema:
    array: Schema = {"type": "array", "items": item}
    if min_items:
        array["minItems"] = min_items
    return {"anyOf": [item, array]}


def _id_ref(target: str, ids: Ids) -> Schema:
    """An id of a `target`: one of the pack's own when the schema is made for a pack."""
    return _ref(f"{target}_id") if target in ids else _ref("id")


def _nullable(s: Schema) -> Schema:
    """`s`, or null. Where `s` states its type, null joins the type rather than an `anyOf`:
    a validator then reports the error inside `s` (`'who' is reserved`) instead of quoting
    the whole value as "not valid under any of the given schemas"."""
    if isinstance(s.get("type"), str) and "anyOf" not in s and "$ref" not in s:
        return {**s, "type": [s["type"], "null"]}
    return {"anyOf": [s, NULL]}


def _kind_schema(kind: Kind, required: bool, ids: Ids) -> Schema:
    """The values of a key of this kind. A key left empty reads as left out, so an optional
    key may also be null (but a number, which the loader wants written)."""
    match kind:
        case Text():
            s = _ref("text")
        case OwnId():
            s = _ref("id")
        case Ref():
            s = _id_ref(kind.target, ids)
        case TextList():
            s = _one_or_list(_ref("text"), kind.min_items)
        case Refs() if kind.target == "holding":
            held = (
                {"enum": [*ids["clue"], *ids["suspect_topic"]]}
                if "clue" in ids
                else {"type": "string", "pattern": f"{ID_PATTERN}|{PAIR_PATTERN}"}
            )
            s = {"type": "array", "items": held, "minItems": 2, "maxItems": 2}
        case Refs():
            s = _one_or_list(_id_ref(kind.target, ids))
        case Integer():
            if kind.only is not None:
                return {"const": kind.only}
            return {"type": "integer", "minimum": kind.low, "maximum": kind.high}
        case Cond():
            return _ref("required_condition" if required else "condition")
        case Choice():
            s = {"enum": list(kind.values)}
        case TextById():
            keys: Schema = (
                {"enum": list(ids[kind.target])} if kind.target in ids else {"pattern": ID_PATTERN}
            )
            s = {
                "type": "object",
                "propertyNames": keys,
                "additionalProperties": _ref("text"),
            }
        case Sub():
            s = _ref(kind.obj.name)
        case Entries():
            names: Schema = {"pattern": ID_PATTERN}
            if kind.reserved:
                names["not"] = {"enum": list(kind.reserved)}
            s = {
                "type": "object",
                "propertyNames": names,
                "additionalProperties": _ref(kind.obj.name),
            }
            if kind.min_items:
                s["minProperties"] = kind.min_items
    return s if required else _nullable(s)


def _key_schema(key: Key, ids: Ids) -> Schema:
    s = {**_kind_schema(key.kind, key.required, ids), "description": key.doc}
    if key.default is not None and not key.required:
        s["default"] = key.default
    return s


def _object_schema(obj: Object, ids: Ids) -> Schema:
    return {
        "type": "object",
        "description": obj.doc,
        "properties": {key.name: _key_schema(key, ids) for key in obj.keys},
        "required": obj.required,
        "additionalProperties": False,
    }


def _defs(ids: Ids) -> dict[str, Schema]:
    facts: dict[str, Schema] = {}
    for kind, names in FACT_KINDS.items():
        pattern = PAIR_PATTERN if "/" in names else ID_PATTERN
        fact: Schema = {"type": "string", "pattern": pattern}
        if names.replace("/", "_") in ids:
            fact = {"enum": list(ids[names.replace("/", "_")])}
        facts[kind] = {
            **fact,
            "description": f"holds once the player has {kind} this: a {names} reference",
        }
    own = {
        f"{target}_id": {
            "enum": list(values),
            "description": f"The id of a {target.replace('_', '/')} of this pack.",
        }
        for target, values in ids.items()
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
        "condition": {
            "description": "A condition: {found: CLUE}, {visited: PLACE}, {searched: PLACE/THING},"
            " {asked: SUSPECT/TOPIC}, {presented: SUSPECT/CLUE}, {connected: CONNECTION},"
            " {all: [...]}, {any: [...]},"
            " {not: ...}; a list means all; empty means always.",
            "anyOf": [
                NULL,
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
            "allOf": [_ref("condition"), {"not": NULL}],
            "description": "A condition (required here).",
        },
        **own,
        **{name: _object_schema(obj, ids) for name, obj in objects().items()},
    }


def pack_ids(pack: Pack) -> Ids:
    """The ids a pack defines, by what they name, for a schema that completes and checks
    references: each list is every case's ids together (the loader checks that a reference
    names something of its own case)."""
    cases = list(pack.cases.values())

    def every(pick: Callable[[Case], Iterable[str]]) -> list[str]:
        return sorted({i for c in cases for i in pick(c)})

    return {
        "character": sorted(pack.cast),
        "case": list(pack.cases),
        "place": every(lambda c: c.places),
        "suspect": every(lambda c: c.suspects),
        "clue": every(lambda c: c.clues),
        "connection": every(lambda c: c.connections),
        "place_thing": every(lambda c: (f"{t.place}/{t.id}" for t in c.things.values())),
        "suspect_topic": every(lambda c: (f"{t.suspect}/{t.id}" for t in c.topics.values())),
    }


KINDS = {"manifest": MANIFEST, "cast": CAST, "case": CASE}


def pack_schema(ids: Ids | None = None, kind: str | None = None) -> Schema:
    """The schema of pack files: of one `kind` of file (manifest, cast, case), or of every
    kind, which then follows from a file's keys. With `ids` (see pack_ids), references must
    name those ids, so an editor completes them."""
    ids = ids or {}
    if kind is not None:
        obj = KINDS[kind]
        return {
            "$schema": SCHEMA_URI,
            "$id": f"{SCHEMA_ID}:{kind}",
            "title": f"whodunit clue pack, format {FORMAT_VERSION}: {obj.doc}",
            "$ref": f"#/$defs/{kind}",
            "$defs": _defs(ids),
        }
    return {
        "$schema": SCHEMA_URI,
        "$id": SCHEMA_ID,
        "title": f"whodunit clue pack, format {FORMAT_VERSION}",
        "description": "A file of a whodunit clue pack: the manifest (pack.yaml, with `format:`),"
        " the cast (with `characters:`) or a case. See docs/pack-format.md.",
        "if": {"type": "object", "required": ["format"]},
        "then": _ref("manifest"),
        "else": {
            "if": {"type": "object", "required": ["characters"]},
            "then": _ref("cast"),
            "else": _ref("case"),
        },
        "$defs": _defs(ids),
    }


def schema_for(definition: str) -> Schema:
    """A schema whose root is one definition (or a JSON pointer below `#/$defs/`)."""
    schema = pack_schema()
    for key in ("if", "then", "else", "title", "description"):
        schema.pop(key, None)
    schema["$ref"] = f"#/$defs/{definition}"
    return schema


def schema_json(ids: Ids | None = None, kind: str | None = None) -> str:
    return json.dumps(pack_schema(ids, kind), indent=2) + "\n"


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
