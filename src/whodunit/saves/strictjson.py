"""Strict JSON for files other people may have damaged or written: every oddity is refused with
a short reason, and nothing but `JsonProblem` ever escapes (no RecursionError, no ValueError)."""

from __future__ import annotations

import json
from typing import NoReturn

MAX_DIGITS = 18  # far more than any number a save holds; stops 5,000-digit integers early


class JsonProblem(ValueError):
    """Why a text is not acceptable JSON, as a short phrase."""


def _refuse(text: str) -> NoReturn:
    raise JsonProblem(text)


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                _refuse(f"the key {json.dumps(key)} appears twice in one object")
            seen.add(key)
    return obj


def _constant(name: str) -> NoReturn:
    _refuse(f"it holds {name}, which is not a number a save can hold")


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        _refuse(f"it holds a number {len(digits.lstrip('-'))} digits long")
    return int(digits)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_integer, strict=True
)


def loads(text: str) -> object:
    """Parse one JSON document, refusing duplicate keys, NaN and Infinity, huge integers,
    control characters inside strings, and nesting deeper than the interpreter can follow."""
    try:
        return _DECODER.decode(text)
    except JsonProblem:
        raise
    except json.JSONDecodeError as exc:
        end = len(text.rstrip())
        if exc.pos >= end or exc.msg.startswith("Unterminated string"):
            _refuse(f"it is cut off at line {exc.lineno} (the end of the file is missing)")
        _refuse(f"it is not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})")
    except RecursionError:
        _refuse("it is nested too deeply")
    except (ValueError, OverflowError) as exc:  # e.g. a float the interpreter cannot hold
        _refuse(f"it holds a value that cannot be read ({exc})")
