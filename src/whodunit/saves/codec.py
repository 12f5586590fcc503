"""The save file format, version 2: strict JSON, one action per line, ending with a check.

    {
      "format": "whodunit-save",
      "version": 2,
      "pack": {"id": "teashop", "version": "1.0.0", "hash": "<sha256 of the pack files>",
               "format": 2},
      "case": "tart",
      "seed": null,
      "created": "2026-11-21T06:43:12.345Z",
      "updated": "2026-11-21T06:50:01.002Z",
      "actions": [
        {"type": "search", "place": "shop", "thing": "counter", "at": "2026-11-21T06:43:15.001Z"},
        ...
      ],
      "notebook": [
        {"text": "Pip signed the slip.", "step": 1, "at": "2026-11-21T06:43:20.120Z"}
      ],
      "check": "sha256:<sha256 of every byte of the file before the comma that precedes "check">"
    }

Reading refuses anything else with a one-line reason (see `decode`). A save of version 1 has
no pack format (its pack was of format 1), and its accusations attach `evidence` to the whole
statement: such a one is read as an accusation with no proofs, which no case accepts, so the
save fits up to the step before it (saves/fit.py says why). docs/saves.md has the reference.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from ..engine import Accuse, Action, action_from_dict, action_to_dict
from ..engine.actions import ActionFormatError
from ..pack.reader import ID_RE
from .model import FORMAT_TAG, FORMAT_VERSION, Note, PackRef, SaveData
from .strictjson import JsonProblem, loads

MAX_BYTES = 64 * 1024 * 1024
MAX_TEXT = 100_000  # characters in one notebook line
MAX_ID = 200

_CHECK_LEAD = b',\n  "check": "sha256:'
_CHECK_END = b'"\n}\n'
_TOP_KEYS = (
    "format",
    "version",
    "pack",
    "case",
    "seed",
    "created",
    "updated",
    "actions",
    "notebook",
    "check",
)


class Damaged(ValueError):
    """Why the bytes are not a save this whodunit can read, as a phrase."""


class NewerFormat(Damaged):
    pass


# -- writing ----------------------------------------------------------------------------------
def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def encode(save: SaveData) -> bytes:
    p = save.pack
    pack = {"id": p.id, "version": p.version, "hash": p.hash, "format": p.format}
    lines = [
        "{",
        f'  "format": {_dump(FORMAT_TAG)},',
        f'  "version": {FORMAT_VERSION},',
        f'  "pack": {_dump(pack)},',
        f'  "case": {_dump(save.case)},',
        f'  "seed": {_dump(save.seed)},',
        f'  "created": {_dump(save.created)},',
        f'  "updated": {_dump(save.updated)},',
    ]
    actions = [
        "    " + _dump({**action_to_dict(a), "at": t})
        for a, t in zip(save.actions, save.times, strict=True)
    ]
    lines.append(
        '  "actions": [\n' + ",\n".join(actions) + "\n  ]," if actions else '  "actions": [],'
    )
    notes = ["    " + _dump({"text": n.text, "step": n.step, "at": n.at}) for n in save.notes]
    lines.append('  "notebook": [\n' + ",\n".join(notes) + "\n  ]" if notes else '  "notebook": []')
    # Lone surrogates (from a terminal that sent bytes that are not UTF-8) become "?".
    body = "\n".join(lines).encode("utf-8", "replace")
    digest = hashlib.sha256(body).hexdigest().encode()
    return body + _CHECK_LEAD + digest + _CHECK_END


# -- reading ----------------------------------------------------------------------------------
def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _wrong(where: str, wanted: str, value: object) -> Damaged:
    return Damaged(f"{where} should be {wanted}, not {_kind(value)}")


def _text(obj: Mapping[str, object], key: str, where: str, limit: int = MAX_ID) -> str:
    """A text value; ids (the default limit) may not be empty."""
    value = obj[key]
    name = f"'{key}' {where}".rstrip()
    if not isinstance(value, str):
        raise _wrong(name, "text", value)
    if limit == MAX_ID and not value.strip():
        raise Damaged(f"{name} is empty")
    if len(value) > limit:
        raise Damaged(f"{name} is longer than {limit} characters")
    return value


def _id(obj: Mapping[str, object], key: str, where: str) -> str:
    """A pack's or a case's id: written only as the pack loader allows one, so that a save can
    never name a path (or terminal controls) where an id belongs."""
    value = _text(obj, key, where)
    if not ID_RE.match(value):
        name = f"'{key}' {where}".rstrip()
        raise Damaged(
            f"{name} is not an id (lower-case letters, digits, '_' or '-'): {value[:40]!r}"
        )
    return value


def _time(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _wrong(where, "a time (text)", value)
    try:
        if len(value) > 40:
            raise ValueError
        when = datetime.fromisoformat(value)
        if when.tzinfo is not None:
            when.astimezone(UTC)  # OverflowError: a time near year 1 or 9999 that UTC cannot hold
    except (ValueError, OverflowError):
        raise Damaged(f"{where} is not a time: {value[:40]!r}") from None
    return value


def _all_times(values: Sequence[object]) -> bool:
    """Whether every value is a time `_time` accepts, checked in bulk (a long log's times are
    read here rather than one call per step); False means "look at each one"."""
    if set(map(type, values)) - {str}:
        return False
    texts: Sequence[str] = values  # type: ignore[assignment]  # all text: checked just above
    if not texts:
        return True
    if max(map(len, texts)) > 40:
        return False
    try:
        for _ in map(datetime.fromisoformat, texts):
            pass
    except ValueError:
        return False
    # Only a time in year 1 or 9999 can fall outside what UTC can hold (see `_time`). Every
    # text here starts with its four-digit year, so the least and the greatest say if any does.
    return not (min(texts).startswith("0001") or max(texts).startswith("9999"))


def _int(value: object, where: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _wrong(where, "a whole number", value)
    if not low <= value <= high:
        raise Damaged(f"{where} should be from {low} to {high}, not {value}")
    return value


def _keys(obj: Mapping[str, object], wanted: tuple[str, ...] | frozenset[str], where: str) -> None:
    extra = [k for k in obj if k not in wanted]
    if extra:
        raise Damaged(f"{where} has an unexpected key {extra[0][:40]!r}")
    missing = [k for k in wanted if k not in obj]
    if missing:
        raise Damaged(f"{where} has no '{missing[0]}'")


def _object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _wrong(where, "an object", value)
    return value


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise _wrong(where, "a list", value)
    return value


class _Actions:
    """Reads the action log. A long log repeats the same few actions, so each distinct one is
    checked and built once and then shared (actions are immutable). The times are checked all
    together; only when that finds something wrong are the steps read one by one, to say which
    step is the first that is wrong and why."""

    def __init__(self) -> None:
        self.seen: dict[tuple[tuple[str, object], ...], Action] = {}
        self.keys: dict[type, frozenset[str]] = {}

    def read(self, items: list[object]) -> tuple[tuple[Action, ...], tuple[str, ...]]:
        times = [item.pop("at", None) if type(item) is dict else None for item in items]
        if None not in times and _all_times(times):
            actions = self._shared(items)  # type: ignore[arg-type]  # all objects: no None
            if actions is not None:
                return actions, tuple(times)  # type: ignore[arg-type]  # all text: checked
        return self._one_by_one(items, times)

    def _shared(self, items: list[dict[str, object]]) -> tuple[Action, ...] | None:
        """The actions, each distinct step built once; None if any step is wrong (then
        `_one_by_one` says which is the first). A step is known by its keys and then their
        values; an accusation holds lists, so each one is known by its place in the log."""
        keys: list[object] = [
            (*item, *item.values()) if item.get("type") not in ("accuse", "connect") else n
            for n, item in enumerate(items)
        ]
        try:
            distinct = dict(zip(keys, items, strict=True))
        except TypeError:  # a list or an object where an id belongs
            return None
        try:
            built = {key: self.build(item, 0) for key, item in distinct.items()}
        except Damaged:
            return None
        return tuple(map(built.__getitem__, keys))

    def _one_by_one(
        self, items: list[object], times: list[object]
    ) -> tuple[tuple[Action, ...], tuple[str, ...]]:
        """Read step after step, so that the first that is wrong (its shape, then its time,
        then its action) is the one named."""
        actions: list[Action] = []
        checked: list[str] = []
        seen = self.seen
        for n, (item, at) in enumerate(zip(items, times, strict=True), 1):
            if type(item) is not dict:
                raise _wrong(f"step {n}", "an object", item)
            if at is None:
                raise Damaged(f"step {n} has no time ('at')")
            checked.append(_time(at, f"the time of step {n}"))
            try:
                key = tuple(item.items())
                action = seen.get(key)
            except TypeError:  # an accusation or a link holds lists and objects
                key, action = None, None
            if action is None:
                action = self.build(item, n)
                if key is not None:
                    seen[key] = action
            actions.append(action)
        return tuple(actions), tuple(checked)

    def build(self, item: dict[str, object], n: int) -> Action:
        if item.get("type") == "accuse" and "evidence" in item and "proofs" not in item:
            return self.old_accusation(item, n)
        try:
            action = action_from_dict(item)
        except ActionFormatError as exc:
            raise Damaged(f"step {n}: {exc}") from None
        wanted = self.keys.get(type(action))
        if wanted is None:
            wanted = self.keys[type(action)] = frozenset(action_to_dict(action))
        _keys(item, wanted, f"step {n}")
        if isinstance(action, Accuse):
            for what, pairs in (("choices", action.choices), ("proofs", action.proofs)):
                for claim, value in pairs:
                    if not claim or not value or len(claim) > MAX_ID or len(value) > MAX_ID:
                        raise Damaged(f"step {n}: the accusation's {what} should be short ids")
        return action

    def old_accusation(self, item: dict[str, object], n: int) -> Accuse:
        """An accusation of pack format 1: its answers, and `evidence` for the whole statement.
        It is kept as an accusation with no proofs (which no case of format 2 accepts), so the
        save loads up to the step before it; its evidence has no place in the game any more."""
        _keys(item, ("type", "choices", "evidence"), f"step {n}")
        evidence = item["evidence"]
        if not isinstance(evidence, list) or not all(
            isinstance(c, str) and 0 < len(c) <= MAX_ID for c in evidence
        ):
            raise Damaged(f"step {n}: 'evidence' should be a list of clue ids")
        action = self.build({"type": "accuse", "choices": item["choices"], "proofs": {}}, n)
        assert isinstance(action, Accuse)
        return action


def _check(data: bytes, claimed: object) -> None:
    if not isinstance(claimed, str):
        raise Damaged("it has no check, so it was not written by whodunit or was edited")
    lead = data.rfind(_CHECK_LEAD)
    digest = hashlib.sha256(data[:lead]).hexdigest() if lead >= 0 else ""
    if (
        lead < 0
        or claimed != f"sha256:{digest}"
        or data[lead:] != _CHECK_LEAD + digest.encode() + _CHECK_END
    ):
        raise Damaged(
            "its contents do not match its check: the file is damaged or was edited by hand"
        )


def decode(data: bytes) -> SaveData:
    """The save in these bytes, or `Damaged` saying what is wrong."""
    if len(data) > MAX_BYTES:
        raise Damaged(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for a save")
    if not data.strip():
        raise Damaged("the file is empty (it may have been cut off while it was written)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Damaged(
            f"it is not UTF-8 text (byte {exc.start} is not), so it is not a whodunit save "
            "or it is damaged"
        ) from None
    save = _by_lines(data, text)
    if save is not None:
        return save
    try:
        top = loads(text)
    except JsonProblem as exc:
        raise Damaged(str(exc)) from None
    return _from_top(data, top, _Actions().read)


# The action log as `encode` lays it out: one step a line, its time last.
_LOG_OPEN = '\n  "actions": [\n    {'
_LOG_CLOSE = '"}\n  ]'
_AT = ', "at": "'  # between a step and its time
_NEXT = '"},\n    {'  # between a time and the next step


def _by_lines(data: bytes, text: str) -> SaveData | None:
    """The save, read the quick way when its action log is laid out as `encode` writes it;
    None when it is not, or when anything at all is wrong (then `decode` reads it the long way,
    which says what). A long log repeats a few distinct steps, each with its own time, so the
    log's text is cut at the fixed text between a step and its time and between a time and the
    next step (C string methods, no Python call per step), each distinct step's text is parsed
    and built once, and the times are checked together.

    Why this reads exactly what the long way reads: the pieces are put back together and must
    give the log's text again, so the log is `[{H1, "at": "T1"}, {H2, "at": "T2"}, ...]` with
    these H and T. Each distinct `{H}` is parsed strictly (no duplicate key, and no "at" of its
    own), each T is text with nothing JSON would escape (so `"T"` is the JSON string T), and the
    rest of the file, with the log taken out, is parsed strictly too; so the whole file is
    strict JSON with exactly these steps. The rest is `decode`'s own checks."""
    start = text.find(_LOG_OPEN)
    end = text.find(_LOG_CLOSE, start)
    if start < 0 or end < 0:
        return None
    log = text[start + len(_LOG_OPEN) : end]
    pieces = log.replace(_NEXT, _AT).split(_AT)
    steps, times = pieces[0::2], pieces[1::2]
    if len(steps) != len(times) or _NEXT.join(map(_AT.join, zip(steps, times, strict=True))) != log:
        # A step whose own text holds `, "at": "` (an id in an accusation, say): cut each line
        # at its last one instead. A line cannot hold _NEXT (JSON escapes a line break), and a
        # time holds no quote (checked below), so that is where the time begins.
        cut = [line.rpartition(_AT) for line in log.split(_NEXT)]
        if not all(sep for _, sep, _ in cut):
            return None
        steps, times = [step for step, _, _ in cut], [time for _, _, time in cut]
    joined = "".join(times)
    if '"' in joined or "\\" in joined or not joined.isprintable() or not _all_times(times):
        return None
    shared = _Actions()
    built: dict[str, Action] = {}
    try:
        for step in dict.fromkeys(steps):
            item = loads("{" + step + "}")
            if type(item) is not dict or not item or "at" in item:
                return None
            built[step] = shared.build(item, 0)
        actions = tuple(map(built.__getitem__, steps))
        rest = loads(text[: start + len(_LOG_OPEN) - 1] + text[end + 2 :])
        if type(rest) is not dict or rest.get("actions") != []:
            return None
        return _from_top(data, rest, lambda _: (actions, tuple(times)))
    except (JsonProblem, Damaged):
        return None


def _from_top(
    data: bytes,
    top: object,
    read_actions: Callable[[list[object]], tuple[tuple[Action, ...], tuple[str, ...]]],
) -> SaveData:
    """The save held by the parsed file `top`, its action log read by `read_actions`."""
    if not isinstance(top, dict) or top.get("format") != FORMAT_TAG:
        raise Damaged(f'it is not a whodunit save (it has no "format": "{FORMAT_TAG}")')
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Damaged("its 'version' should be a whole number from 1")
    if version > FORMAT_VERSION:
        raise NewerFormat(
            f"it was written by a newer whodunit (save format {version}; this one reads format "
            f"{FORMAT_VERSION}): update whodunit to load it"
        )
    _check(data, top.get("check"))
    _keys(top, _TOP_KEYS, "the save")
    pack = _object(top["pack"], "'pack'")
    # Save format 1 did not record the pack's format: every pack was of format 1 then.
    _keys(pack, ("id", "version", "hash", "format")[: 3 if version == 1 else 4], "'pack'")
    ref = PackRef(
        _id(pack, "id", "of the pack"),
        _text(pack, "version", "of the pack"),
        _text(pack, "hash", "of the pack"),
        1 if version == 1 else _int(pack["format"], "the format of the pack", 1, 999),
    )
    seed = top["seed"]
    if seed is not None:
        seed = _int(seed, "'seed'", -(2**63), 2**63 - 1)
    actions, times = read_actions(_list(top["actions"], "'actions'"))
    notes = []
    for n, item in enumerate(_list(top["notebook"], "'notebook'"), 1):
        where = f"notebook line {n}"
        obj = _object(item, where)
        _keys(obj, ("text", "step", "at"), where)
        notes.append(
            Note(
                _text(obj, "text", f"of {where}", MAX_TEXT),
                _int(obj["step"], f"the step of {where}", 0, len(actions)),
                _time(obj["at"], f"the time of {where}"),
            )
        )
    return SaveData(
        pack=ref,
        case=_id(top, "case", ""),
        created=_time(top["created"], "'created'"),
        updated=_time(top["updated"], "'updated'"),
        actions=actions,
        times=times,
        notes=tuple(notes),
        seed=seed,
    )
