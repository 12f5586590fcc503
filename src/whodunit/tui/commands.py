"""The command palette finds any place, suspect or clue of the case by name and jumps there.

Only what the player can see is offered: open places and suspects, things where they stand, and
clues they have found. Names are pack text, so the match is highlighted on literal content (the
stock `Matcher.highlight` would parse the name as markup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from .safe import plain

if TYPE_CHECKING:
    from ..engine import Game, Search

Target = tuple[str, Callable[[], None], str]


@runtime_checkable
class CaseScreen(Protocol):
    """Where the palette jumps to (the investigation screen, whose palette this is)."""

    game: Game

    def jump_to_place(self, place: str) -> None: ...
    def jump_to_thing(self, thing: Search) -> None: ...
    def jump_to_clue(self, clue: str) -> None: ...
    def question(self, suspect: str, present: str | None = None) -> None: ...
    def connect(self, first: str | None = None) -> None: ...


def _highlight(matcher: Matcher, candidate: str) -> Content:
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CaseCommands(Provider):
    """Places, suspects, things and clues of the case in play, and the connections view."""

    def _targets(self) -> Iterator[Target]:
        from ..engine import Search, open_places, open_suspects, open_things

        screen = self.screen
        if not isinstance(screen, CaseScreen):
            return
        game = screen.game
        case, state = game.case, game.state
        for p in open_places(case, state):
            where = "you are here" if p.id == state.location else "go there"
            yield (plain(f"Place: {p.name}"), partial(screen.jump_to_place, p.id), where)
        for t in open_things(case, state):
            yield (
                plain(f"Search: {t.name}"),
                partial(screen.jump_to_thing, Search(t.place, t.id)),
                "something to search where you are",
            )
        for s in open_suspects(case, state):
            yield (
                plain(f"Suspect: {s.name or s.id}"),
                partial(screen.question, s.id),
                "question them",
            )
        yield (
            "Connect: put two things you hold side by side",
            screen.connect,
            "the connections view (c)",
        )
        for f in state.found:
            clue = case.clues[f.clue]
            yield (
                plain(f"Clue: {clue.name}"),
                partial(screen.jump_to_clue, clue.id),
                "open it in the evidence locker",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._targets():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text=text, help=help_text)

    async def discover(self) -> Hits:
        for text, command, help_text in self._targets():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)
