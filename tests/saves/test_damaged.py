"""Damaged, truncated, tampered and foreign files: each a one-line error naming the file, the
game goes on, and the file is never changed by the attempt to load it."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.saves.conftest import CHECK_LEAD, SOLVE, WANDER, play, resign, resign_text
from whodunit.engine import Go
from whodunit.pack.model import Pack
from whodunit.saves import (
    Note,
    Recording,
    SaveData,
    SaveError,
    continue_session,
    decode,
    encode,
    fit_save,
    list_saves,
    pack_ref,
    read_save,
    walkthrough_text,
)
from whodunit.saves.codec import Damaged


@pytest.fixture
def good(folder: Path, teashop: Pack) -> Path:
    return play(folder, teashop, SOLVE, name="good", notes=[(2, "a note")])


def refused(path: Path, pack: Pack) -> str:
    """The error loading `path` gives, checked to be one line naming the file; and proof that
    neither reading, listing nor trying to continue it changes anything in the folder."""
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    with pytest.raises(SaveError) as info:
        read_save(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert len(message) < 400
    with pytest.raises(SaveError):
        continue_session(path, pack)
    list_saves(path.parent)
    after = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    assert after == before
    return info.value.problem


def damage(path: Path, change: Callable[[bytes], bytes]) -> Path:
    path.write_bytes(change(path.read_bytes()))
    return path


def test_empty_file(good: Path, teashop: Pack) -> None:
    assert "empty" in refused(damage(good, lambda d: b""), teashop)
    assert "empty" in refused(damage(good, lambda d: b" \n\t "), teashop)


def test_truncated_anywhere(good: Path, teashop: Pack) -> None:
    data = good.read_bytes()
    for cut in range(1, len(data), 7):
        good.write_bytes(data[:cut])
        with pytest.raises(SaveError) as info:
            read_save(good)
        assert "\n" not in str(info.value)
    assert "cut off" in refused(damage(good, lambda d: data[: len(data) // 2]), teashop)


def test_every_single_flipped_bit_is_caught(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, WANDER[:2], name="small")
    data = path.read_bytes()
    for i in range(len(data)):
        for bit in range(8):
            flipped = bytearray(data)
            flipped[i] ^= 1 << bit
            with pytest.raises(Damaged):
                decode(bytes(flipped))
    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 4
    refused(damage(path, lambda d: bytes(flipped)), teashop)


def test_edited_by_hand(good: Path, teashop: Pack) -> None:
    text = good.read_text(encoding="utf-8").replace('"a note"', '"another note"')
    problem = refused(damage(good, lambda d: text.encode()), teashop)
    assert "do not match its check" in problem and "edited by hand" in problem


def test_no_check(good: Path, teashop: Pack) -> None:
    raw = json.loads(good.read_text(encoding="utf-8"))
    del raw["check"]
    problem = refused(damage(good, lambda d: json.dumps(raw).encode()), teashop)
    assert "has no check" in problem


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('"case": "tart"', '"case": 7', "'case' should be text, not a number"),
        ('"case": "tart"', '"case": ""', "'case' is empty"),
        ('"seed": null', '"seed": "x"', "'seed' should be a whole number, not text"),
        ('"seed": null', '"seed": true', "'seed' should be a whole number, not true/false"),
        (r'"created": "[^"]*"', '"created": 1', "'created' should be a time (text)"),
        (r'"created": "[^"]*"', '"created": "yesterday"', "'created' is not a time: 'yesterday'"),
        ('"actions": [', '"actions": {"a": [', "'actions' should be a list, not an object"),
        ('"place": "shop"', '"place": 5', "step 1: 'place' should be a short text"),
        ('"type": "go"', '"type": "fly"', "step 2: unknown action type 'fly'"),
        (
            '"type": "go", "place": "kitchen"',
            '"type": "go", "place": "kitchen", "x": 1',
            "step 2 has an unexpected key 'x'",
        ),
        ('"step": 2', '"step": "2"', "the step of notebook line 1 should be a whole number"),
        ('"step": 2', '"step": 99', "the step of notebook line 1 should be from 0 to 10, not 99"),
        ('"text": "a note"', '"text": ["a note"]', "'text' of notebook line 1 should be text"),
        (r'"hash": "[^"]*"', '"hash": 0', "'hash' of the pack should be text, not a number"),
        # Ids a pack can never have: a save naming one is not a save of any pack, and a path
        # must not be taken for a pack's id (it would load whatever folder the save names).
        ('"id": "teashop"', '"id": "../../elsewhere"', "'id' of the pack is not an id"),
        ('"id": "teashop"', '"id": "tea\\u001b]0;x\\u0007"', "'id' of the pack is not an id"),
        ('"case": "tart"', '"case": "Tart Case"', "'case' is not an id"),
    ],
)
def test_wrong_types(good: Path, teashop: Pack, old: str, new: str, says: str) -> None:
    def edit(text: str) -> str:
        assert old in text or ("[^" in old and re.search(old, text))
        text = re.sub(old, new, text, count=1) if "[^" in old else text.replace(old, new, 1)
        if new.startswith('"actions": {'):
            text = text.replace('\n  ],\n  "notebook"', '\n  ]},\n  "notebook"', 1)
        return text

    problem = refused(damage(good, resign_text(edit)), teashop)
    assert says in problem, problem


def test_missing_time_and_missing_key(good: Path, teashop: Pack) -> None:
    def no_time(text: str) -> str:
        start = text.index(', "at": "', text.index('"type": "go"'))
        end = text.index('"', start + 9) + 1
        return text[:start] + text[end:]

    assert "step 2 has no time ('at')" in refused(damage(good, resign_text(no_time)), teashop)


def test_unknown_top_level_key(good: Path, teashop: Pack) -> None:
    edit = resign_text(lambda t: t.replace('"seed": null,', '"seed": null,\n  "extra": 1,', 1))
    assert "unexpected key 'extra'" in refused(damage(good, edit), teashop)


def test_duplicate_keys(good: Path, teashop: Pack) -> None:
    edit = resign_text(lambda t: t.replace('"case": "tart",', '"case": "tart",\n  "case": "x",'))
    assert 'the key "case" appears twice' in refused(damage(good, edit), teashop)
    # at any depth
    good.unlink()
    path = play(good.parent, teashop, SOLVE, name="good2")
    edit = resign_text(
        lambda t: t.replace('"place": "kitchen"', '"place": "a", "place": "kitchen"')
    )
    assert 'the key "place" appears twice' in refused(damage(path, edit), teashop)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity(good: Path, teashop: Pack, constant: str) -> None:
    edit = resign_text(lambda t: t.replace('"seed": null', f'"seed": {constant}'))
    assert f"holds {constant}" in refused(damage(good, edit), teashop)


def test_huge_integers(good: Path, teashop: Pack) -> None:
    edit = resign_text(lambda t: t.replace('"seed": null', '"seed": ' + "9" * 5000))
    assert "5000 digits long" in refused(damage(good, edit), teashop)
    edit = resign_text(lambda t: t.replace('"seed": ' + "9" * 5000, '"seed": ' + "9" * 19))
    assert "19 digits long" in refused(damage(good, edit), teashop)
    edit = resign_text(lambda t: t.replace('"seed": ' + "9" * 19, '"seed": 1e999'))
    assert "'seed' should be a whole number" in refused(damage(good, edit), teashop)


@pytest.mark.parametrize("depth", [1_000, 100_000, 1_000_000])
@pytest.mark.parametrize("open_close", [("[", "]"), ('{"a":', "}")])
def test_deep_nesting(folder: Path, teashop: Pack, depth: int, open_close: tuple[str, str]) -> None:
    o, c = open_close
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deep.json"
    head = '{"format": "whodunit-save", "version": 1, "x": '
    path.write_text(head + o * depth + "1" + c * depth + "}", encoding="utf-8")
    assert "nested too deeply" in refused(path, teashop)


def test_newer_format(good: Path, teashop: Pack) -> None:
    edit = lambda d: d.replace(b'"version": 2,', b'"version": 3,', 1)  # noqa: E731
    problem = refused(damage(good, edit), teashop)
    assert "newer whodunit (save format 3; this one reads format 2)" in problem
    assert "update whodunit" in problem


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"name": "a shopping list"}', "not a whodunit save"),
        (b"[1, 2, 3]", "not a whodunit save"),
        (b'"whodunit-save"', "not a whodunit save"),
        (b"format: whodunit-save\nversion: 1\n", "not valid JSON at line 1, column 1"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text"),
        ('{"format": "whodunit-save"}'.encode("utf-16"), "not UTF-8 text"),
        (b'\xef\xbb\xbf{"format": "whodunit-save", "version": 1}', "not valid JSON"),
        (b'{"format": "whodunit-save", "version": 1} trailing', "not valid JSON at line 1"),
        (b'{"format": "whodunit-save", "version": "1"}', "'version' should be a whole number"),
        (b'{"format": "whodunit-save", "version": 1, "a": "\x01"}', "not valid JSON"),
    ],
)
def test_foreign_files(folder: Path, teashop: Pack, content: bytes, says: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "foreign.json"
    path.write_bytes(content)
    assert says in refused(path, teashop)


def test_not_a_regular_file(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "dir.json").mkdir()
    with pytest.raises(SaveError, match="is a folder"):
        read_save(folder / "dir.json")
    os.mkfifo(folder / "fifo.json")  # reading must not block waiting for a writer
    with pytest.raises(SaveError, match="not a regular file"):
        read_save(folder / "fifo.json")
    with pytest.raises(SaveError, match="no such save file"):
        read_save(folder / "missing.json")


def test_too_large(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whodunit.saves import codec

    monkeypatch.setattr(codec, "MAX_BYTES", 1000)
    folder.mkdir(parents=True)
    (folder / "big.json").write_bytes(b" " * 5000)
    with pytest.raises(SaveError, match="too large for a save"):
        read_save(folder / "big.json")


def test_ids_the_pack_does_not_have_name_the_step(good: Path, teashop: Pack) -> None:
    damage(good, resign_text(lambda t: t.replace('"place": "lane"', '"place": "attic"', 1)))
    save = read_save(good)  # the file itself is well formed ...
    fit = fit_save(good, save, teashop)  # ... but step 5 goes nowhere this pack has
    assert not fit.ok and fit.steps == 4
    assert fit.problem is not None and fit.problem.step == 5 and fit.problem.action == Go("attic")
    assert fit.problem_text() == (
        "step 5 (go attic) no longer fits: There is no place 'attic' you can go to."
    )


def test_terminal_controls_in_a_save_never_reach_the_message(good: Path, teashop: Pack) -> None:
    hostile = "\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\\u009b31m\\u202e"
    damage(good, resign_text(lambda t: t.replace('"type": "go"', f'"type": "{hostile}"', 1)))
    with pytest.raises(SaveError) as info:
        read_save(good)
    assert not any(ch in str(info.value) for ch in "\x1b\x07\x9b\u202e")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_bytes_only_ever_give_damaged(data: bytes) -> None:
    try:
        decode(data)
    except Damaged as exc:
        assert "\n" not in str(exc)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {"format": st.just("whodunit-save"), "version": st.just(1)},
        optional={
            k: _json for k in ("pack", "case", "seed", "created", "updated", "actions", "notebook")
        },
    )
)
def test_fuzz_structured_saves_only_ever_give_damaged(top: dict) -> None:
    body = json.dumps(top, indent=2)[:-2].encode()  # drop the closing "\n}" to add a check
    data = resign(body + b',\n  "check": "sha256:' + b"0" * 64 + b'"\n}\n')
    try:
        decode(data)
    except Damaged as exc:
        assert "\n" not in str(exc)


def test_an_unknown_key_with_control_characters_stays_on_one_line(
    good: Path, teashop: Pack
) -> None:
    edit = resign_text(
        lambda t: t.replace('"seed": null,', '"seed": null,\n  "a\\nb\\u001b[2J": 1,', 1)
    )
    message = refused(damage(good, edit), teashop)
    assert "\n" not in message and "\x1b" not in message
    assert "unexpected key 'a\\nb\\x1b[2J'" in message


# -- fuzzing a real save: its bytes and its JSON mutated, with the check made right again ------
def _a_real_save(pack: Pack) -> bytes:
    actions = (*WANDER, *SOLVE)
    save = SaveData(
        pack_ref(pack),
        "tart",
        "2026-11-21T06:55:15.486Z",
        "2026-11-21T06:58:02.117Z",
        actions,
        tuple(f"2026-11-21T06:56:{n:02d}.000Z" for n in range(len(actions))),
        (
            Note("Pip signed the slip.", 1, "2026-11-21T06:55:18.310Z"),
            Note("é ✓", 9, "2026-11-21T06:57:00.000Z"),
        ),
    )
    return encode(save)


def _only_our_errors(data: bytes, pack: Pack) -> None:
    """Decoding raises Damaged (one line) or gives a save; fitting that save to the pack raises
    SaveError or gives a Fit, whose recording and walkthrough can be made."""
    try:
        save = decode(data)
    except Damaged as exc:
        assert "\n" not in str(exc)
        return
    try:
        fit = fit_save(Path("fuzz.json"), save, pack)
    except SaveError as exc:
        assert "\n" not in str(exc)
        return
    recording = Recording(fit)
    for step in range(1, recording.steps + 1):
        recording.outcome(step)
        recording.notes_at(step)
        recording.delay(step)
    walkthrough_text(save, fit.steps, fit.state.ending)
    assert fit.ok or fit.problem is not None


_save_edit = st.tuples(
    st.integers(0, 1 << 20),
    st.sampled_from(["delete", "insert", "replace"]),
    st.binary(min_size=1, max_size=4) | st.sampled_from([b'"', b",", b"{", b"]", b"\\u0000", b"9"]),
)


@settings(max_examples=300, deadline=None)
@given(edits=st.lists(_save_edit, min_size=1, max_size=4), fix_check=st.booleans())
def test_fuzz_a_real_save_mutated_byte_by_byte(
    teashop: Pack, edits: list[tuple[int, str, bytes]], fix_check: bool
) -> None:
    data = _a_real_save(teashop)
    body_end = data.rfind(CHECK_LEAD)
    body, tail = data[:body_end], data[body_end:]
    for at, kind, extra in edits:
        pos = at % (len(body) + 1)
        cut = pos + (len(extra) if kind != "insert" else 0)
        body = body[:pos] + (b"" if kind == "delete" else extra) + body[cut:]
    data = body + tail
    _only_our_errors(resign(data) if fix_check else data, teashop)


_json_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.text(max_size=10),
    st.sampled_from(["go", "search", "accuse", "hint", "kitchen", "pip", "tart", "teashop", -1]),
    st.lists(st.sampled_from(["slip", "juice", 1, None]), max_size=3),
    st.dictionaries(
        st.sampled_from(["type", "place", "thing", "who", "at"]),
        st.sampled_from(["go", "lane", "pip", 0]),
        max_size=3,
    ),
)


def _places(node: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*here, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found += _places(value, (*here, n))
    return found


@settings(max_examples=300, deadline=None)
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, 1 << 20),
            st.sampled_from(["remove", "replace", "rename", "add", "swap"]),
            _json_value,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_fuzz_a_real_save_mutated_as_json(
    teashop: Pack, edits: list[tuple[int, str, object]]
) -> None:
    """Changes a player (or a program) could make to the JSON, with the check recomputed so
    that they reach the save's own rules: each is refused with a one-line reason, or loads."""
    top = json.loads(_a_real_save(teashop))
    del top["check"]
    for at, kind, value in edits:
        places = [p for p in _places(top) if p]
        where = places[at % len(places)]
        parent: Any = top
        for step in where[:-1]:
            parent = parent[step]
        last: Any = where[-1]
        if kind == "remove":
            del parent[last]
        elif kind == "replace":
            parent[last] = value
        elif kind == "swap" and isinstance(parent, list):
            parent.reverse()
        elif isinstance(parent, dict):
            parent[f"{last}x" if kind == "rename" else "extra"] = parent.pop(last)
        else:
            parent.insert(last, value)
    body = json.dumps(top, indent=2, ensure_ascii=False)[:-2].encode()
    _only_our_errors(resign(body + CHECK_LEAD + b"0" * 64 + b'"\n}\n'), teashop)


def _edit_steps(changes: dict[int, Callable[[dict], dict]]) -> Callable[[str], str]:
    """Change the objects of some steps (counting from 1), one action per line as written."""

    def edit(text: str) -> str:
        lines = text.split("\n")
        steps = [n for n, line in enumerate(lines) if line.startswith('    {"type"')]
        for step, change in changes.items():
            n = steps[step - 1]
            comma = "," if lines[n].endswith(",") else ""
            lines[n] = "    " + json.dumps(change(json.loads(lines[n].strip().rstrip(",")))) + comma
        return "\n".join(lines)

    return edit


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        # The first wrong step is named, whatever is wrong with it and with the steps after it.
        ({2: lambda s: {**s, "type": "fly"}, 3: lambda s: {**s, "at": "noon"}}, "step 2: unknown"),
        ({2: lambda s: {**s, "at": "noon"}, 3: lambda s: {**s, "type": "fly"}}, "time of step 2"),
        ({3: lambda s: {**s, "at": 5}, 4: lambda s: ["go"]}, "the time of step 3 should be"),
        ({4: lambda s: ["go"], 5: lambda s: {**s, "at": 5}}, "step 4 should be an object"),
        ({5: lambda s: {**s, "x": 1}, 6: lambda s: {"type": "go"}}, "step 5 has an unexpected"),
        # A time at the very end of the calendar that UTC cannot hold.
        ({6: lambda s: {**s, "at": "9999-12-31T23:00:00-05:00"}}, "the time of step 6 is not"),
        ({1: lambda s: {**s, "at": "0001-01-01T01:00:00+05:00"}}, "the time of step 1 is not"),
    ],
)
def test_the_first_wrong_step_is_named(good: Path, teashop: Pack, changes, says: str) -> None:
    problem = refused(damage(good, resign_text(_edit_steps(changes))), teashop)
    assert says in problem, problem


def test_times_at_the_ends_of_the_calendar_that_utc_can_hold(good: Path, teashop: Pack) -> None:
    edit = _edit_steps(
        {1: lambda s: {**s, "at": "0001-01-01T00:00:00"}, 2: lambda s: {**s, "at": "9999-12-31"}}
    )
    save = read_save(damage(good, resign_text(edit)))
    assert save.times[:2] == ("0001-01-01T00:00:00", "9999-12-31")
    assert save.actions[0] == SOLVE[0]
