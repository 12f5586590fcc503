"""Plain mode at a terminal: wrapping to its width, and completing ids with Tab."""

from __future__ import annotations

from tests.conftest import EXAMPLE
from whodunit.cli.plain import PlainGame
from whodunit.cli.terminal import completer, wrap
from whodunit.pack.loader import load_pack_or_raise


def test_wrap_joins_hard_breaks_and_keeps_list_indents() -> None:
    text = "A line broken\nby the author in the middle.\n\n  [x] a list item that is long"
    assert wrap(text, 20) == (
        "A line broken by the\nauthor in the\nmiddle.\n\n  [x] a list item\n    that is long"
    )


def test_completion_offers_commands_and_the_ids_open_now() -> None:
    pack = load_pack_or_raise(EXAMPLE)
    game = PlainGame(pack, pack.first_case, lambda _line: None)
    complete = completer(game)

    def all_for(prefix: str) -> list[str]:
        out, n = [], 0
        while (word := complete(prefix, n)) is not None:
            out.append(word)
            n += 1
        return out

    assert all_for("se") == ["search "]
    assert all_for("coun") == ["counter "]
    assert all_for("lan") == []  # Harbour Lane is not open yet
    game.handle("search counter")
    assert all_for("sl") == ["slip "]
