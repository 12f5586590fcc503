"""The loader and the JSON Schema, both made from pack/format.py, accept and refuse the same files.

Every file of three packs (the example, `whodunit new`'s template and the built-in pack) is
accepted by both. For every object of the first two, changes are derived from its declaration:
an unknown key, each required key left out or empty, each key given a value of the wrong type or
an id of the wrong shape, and each optional key left out or empty. The two must agree on each
changed file, except where only the loader can see: whether an id names something that exists
(E010), and what cross-references require (E205). So: a structural finding from the loader means
the schema refuses the file, and a file the schema refuses is a pack the loader refuses too.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.authoring.docblocks import schema_errors
from tests.conftest import ARCHER, EXAMPLE
from whodunit.cli.new import template_files
from whodunit.pack.format import (
    CASE,
    CAST,
    MANIFEST,
    Choice,
    Cond,
    Entries,
    Integer,
    Kind,
    Object,
    OwnId,
    Ref,
    Refs,
    Sub,
    Text,
    TextById,
    TextList,
)
from whodunit.pack.loader import load_pack
from whodunit.pack.schema import to_data
from whodunit.pack.yamlsafe import parse_text

STRUCTURAL = {"E005", "E006", "E007", "E008", "E009", "E011"}


def wrong_type(kind: Kind) -> Any:
    """A value of the wrong type for a key of this kind."""
    if isinstance(kind, Cond):
        return {"fuond": "x"}
    if isinstance(kind, Integer):
        return "many"
    if isinstance(kind, (Text, TextList, Ref, Refs, Choice)):
        return {"colour": "red"}
    assert isinstance(kind, (OwnId, TextById, Sub, Entries)), kind
    return ["x"]


def bad_id(kind: Kind, current: Any) -> Any | None:
    """A value whose id has the wrong shape, for a key holding ids; else None."""
    if isinstance(kind, (OwnId, Ref)):
        return "Not An Id"
    if isinstance(kind, Refs):
        return ["Not An Id"]
    if isinstance(kind, TextById):
        return {"Not An Id": "text"}
    if isinstance(kind, Entries) and isinstance(current, dict) and current:
        return {"Not An Id": next(iter(current.values()))}
    return None


def objects(
    spec: Object, data: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Object]]:
    """Every object in a file's data, with its key path, as the declaration describes it."""
    if not isinstance(data, dict):
        return
    yield path, spec
    for key in spec.keys:
        value = data.get(key.name)
        if isinstance(key.kind, Sub):
            yield from objects(key.kind.obj, value, (*path, key.name))
        elif isinstance(key.kind, Entries) and isinstance(value, dict):
            for entry_id, body in value.items():
                yield from objects(key.kind.obj, body, (*path, key.name, entry_id))


def changes(data: Any, spec: Object) -> Iterator[tuple[str, bool, Any]]:
    """(what changed, whether both must refuse it, the changed data) for one file. Only the first
    object of each kind is changed: the others are declared alike."""
    seen: set[str] = set()
    for path, obj in objects(spec, data):
        if obj.name in seen:
            continue
        seen.add(obj.name)
        where = "/".join(path) or spec.name
        yield f"{where}: unknown key", True, changed(data, path, "colour", "red")
        for key in obj.keys:
            name = f"{where}/{key.name}"
            current = _get(data, path).get(key.name)
            yield f"{name}: wrong type", True, changed(data, path, key.name, wrong_type(key.kind))
            bad = bad_id(key.kind, current)
            if bad is not None:
                yield f"{name}: id of the wrong shape", True, changed(data, path, key.name, bad)
            yield f"{name}: left out", key.required, changed(data, path, key.name, DROP)
            yield f"{name}: empty", key.required, changed(data, path, key.name, None)


DROP = object()


def changed(data: Any, path: tuple[str, ...], key: str, value: Any) -> Any:
    """A copy of `data` with `key` of the object at `path` set to `value` (or left out: DROP)."""
    new = json.loads(json.dumps(data))
    target = _get(new, path)
    if value is DROP:
        target.pop(key, None)
    else:
        target[key] = value
    return new


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def spec_of(data: Any) -> Object:
    if "format" in data:
        return MANIFEST
    return CAST if "characters" in data else CASE


def template_pack(dest: Path) -> Path:
    for rel, text in template_files("mypack", "My Pack"):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    return dest


def pack_copy(name: str, tmp_path: Path) -> Path:
    dest = tmp_path / name
    if name == "new":
        return template_pack(dest)
    source = EXAMPLE if name == "teashop" else ARCHER
    if not (source / "pack.yaml").is_file():
        pytest.skip(f"no {source}")
    shutil.copytree(source, dest)
    return dest


@pytest.mark.parametrize("name", ["teashop", "new", "archer"])
def test_the_loader_and_the_schema_accept_and_refuse_the_same_files(
    name: str, tmp_path: Path
) -> None:
    root = pack_copy(name, tmp_path)
    pack, findings = load_pack(root)
    assert pack is not None and not findings, [str(f) for f in findings]
    disagreements: list[str] = []
    checked = 0
    for path in sorted(root.rglob("*.yaml")):
        original = path.read_text(encoding="utf-8")
        data = to_data(parse_text(str(path), original))
        assert schema_errors(data) == [], path
        if name == "archer":
            continue  # large, and declared like the others: the changes would only repeat
        for what, must_refuse, new in changes(data, spec_of(data)):
            path.write_text(json.dumps(new), encoding="utf-8")  # JSON is YAML: keeps every type
            pack, findings = load_pack(root)
            codes = {f.code for f in findings}
            schema_refuses = bool(schema_errors(new))
            label = f"{path.relative_to(root)}: {what}"
            if must_refuse and not (pack is None and schema_refuses):
                disagreements.append(f"{label}: loader {sorted(codes)}, schema {schema_refuses}")
            if codes & STRUCTURAL and not schema_refuses:
                disagreements.append(f"{label}: the loader found {sorted(codes)}, the schema none")
            if schema_refuses and pack is not None:
                disagreements.append(f"{label}: the schema refuses, the loader accepts")
            checked += 1
        path.write_text(original, encoding="utf-8")
    assert not disagreements, "\n".join(disagreements)
    assert checked > 50 or name == "archer"
