"""Reading a save by the lines of its action log (codec._by_lines) gives exactly what reading
it as one JSON document gives: the same save, or the same refusal in the same words."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.saves.conftest import CHECK_LEAD, resign
from whodunit.engine import Accuse, Action, Ask, Connect, Go, Hint, Present, Search
from whodunit.saves import Note, SaveData, decode, encode
from whodunit.saves.codec import Damaged, _Actions, _by_lines, _from_top
from whodunit.saves.model import PackRef
from whodunit.saves.strictjson import JsonProblem, loads

# Ids that hold the text the log is cut at, quotes, backslashes and lines of their own.
TRICKY = ['"', "\\", ', "at": "', '"},\n    {', '"}\n  ]', "\n", "\u2028", "é", "at"]
ids = st.lists(st.sampled_from(["a", "b", *TRICKY]), min_size=1, max_size=6).map("".join)
actions: st.SearchStrategy[Action] = st.one_of(
    st.builds(Go, ids),
    st.builds(Search, ids, ids),
    st.builds(Ask, ids, ids),
    st.builds(Present, ids, ids),
    st.just(Hint()),
    st.builds(Connect, ids, ids),
    st.builds(
        Accuse,
        st.lists(st.tuples(ids, ids), max_size=3, unique_by=lambda p: p[0]).map(tuple),
        st.lists(st.tuples(ids, ids), max_size=3, unique_by=lambda p: p[0]).map(tuple),
    ),
)
TIME = "2026-11-21T06:43:15.001Z"


def the_long_way(data: bytes) -> SaveData:
    try:
        top = loads(data.decode("utf-8"))
    except JsonProblem as exc:
        raise Damaged(str(exc)) from None
    return _from_top(data, top, _Actions().read)


def outcome(read: object, data: bytes) -> object:
    try:
        return read(data)  # type: ignore[operator]
    except Damaged as exc:
        return f"refused: {exc}"


def a_save(log: list[Action], notes: list[str]) -> SaveData:
    times = tuple(TIME for _ in log)
    return SaveData(
        PackRef("teashop", "1.0.0", "0" * 64, 2),
        "tart",
        TIME,
        TIME,
        tuple(log),
        times,
        tuple(Note(t, len(log), TIME) for t in notes),
    )


@settings(max_examples=150, deadline=None)
@given(log=st.lists(actions, min_size=1, max_size=8), notes=st.lists(st.text(max_size=20)))
@example(log=[Accuse((), (("a", "a"), ("at", "a")))], notes=[])  # `, "at": "` inside a step
def test_any_written_save_is_read_by_its_lines(log: list[Action], notes: list[str]) -> None:
    save = a_save(log, notes)
    data = encode(save)
    assert _by_lines(data, data.decode("utf-8")) == save
    assert decode(data) == the_long_way(data) == save


@settings(max_examples=300, deadline=None)
@given(
    log=st.lists(actions, min_size=1, max_size=5),
    at=st.integers(0, 10_000),
    cut=st.integers(0, 40),
    insert=st.lists(
        st.sampled_from([*TRICKY, '"at": ', "{", "}", ",", " ", "x", "1"]), max_size=6
    ).map("".join),
)
def test_an_edited_log_is_read_or_refused_as_the_long_way_does(
    log: list[Action], at: int, cut: int, insert: str
) -> None:
    data = encode(a_save(log, []))
    body = data[: data.rfind(CHECK_LEAD)].decode("utf-8")
    first = body.index('"actions": [')
    at = first + at % (len(body) - first)
    edited = resign((body[:at] + insert + body[at + cut :]).encode("utf-8") + CHECK_LEAD)
    assert outcome(decode, edited) == outcome(the_long_way, edited)


def test_a_step_with_a_second_time_is_a_duplicate_key() -> None:
    data = encode(a_save([Hint(), Go("shop")], []))
    text = data.decode("utf-8").replace('{"type": "hint", ', '{"type": "hint", "at": "x", ', 1)
    edited = resign(text.encode("utf-8"))
    assert outcome(decode, edited) == 'refused: the key "at" appears twice in one object'
