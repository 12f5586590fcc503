"""Option lists with headings, and the list of things to do in the investigation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..render import DONE
from ..safe import literal

if TYPE_CHECKING:
    from ..game import Game


def heading(text: str) -> Option:
    """A heading inside an option list: disabled, so the cursor skips it."""
    return Option(literal((text, "bold underline")), disabled=True)


def choice(option_id: str, *parts: str | tuple[str, str], done: bool = False) -> Option:
    text = literal(*parts)
    if done:
        text.append(f" {DONE}", style="bold")
    return Option(text, id=option_id)


class ChoiceList(OptionList):
    """An option list that can be refilled while keeping the cursor on the same choice."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Choose")]

    def fill(self, options: Iterable[Option], keep: bool = True,
             start: str | None = None) -> None:
        """Replace the options; keep the cursor on the same choice, or put it on `start` (or at
        the top)."""
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        index = self.highlighted
        if not keep:
            current, index = start, 0
        self.clear_options()
        self.add_options(list(options))
        ids = [o.id for o in self.options]
        if current is not None and current in ids:
            self.highlighted = ids.index(current)
        elif index is not None:
            self._highlight_near(index)
        else:
            self._highlight_near(0)

    def _highlight_near(self, index: int) -> None:
        enabled = [i for i, o in enumerate(self.options) if not o.disabled]
        if not enabled:
            self.highlighted = None
            return
        after = [i for i in enabled if i >= index]
        self.highlighted = after[0] if after else enabled[-1]

    def select_id(self, option_id: str) -> bool:
        ids = [o.id for o in self.options]
        if option_id in ids:
            self.highlighted = ids.index(option_id)
            return True
        return False

    def prompt_text(self, option_id: str) -> str:
        option = self.get_option(option_id)
        prompt = option.prompt
        return prompt.plain if isinstance(prompt, Text) else str(prompt)


class ActionList(ChoiceList):
    """What the player can do from here: search things, go places, question people."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Do it")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.location: str | None = None

    def show(self, game: Game) -> None:
        from ...engine import open_places, open_suspects, open_things, open_topics

        case, state = game.case, game.state
        options: list[Option] = []
        fresh: list[str] = []  # what has not been done yet, in order
        if state.location is not None:
            here = case.places[state.location]
            options.append(heading(f"Here: {here.name}"))
            things = open_things(case, state)
            for t in things:
                done = state.has_fact("searched", t.ref)
                options.append(choice(f"search:{t.ref}", "Search ", t.name, done=done))
                if not done:
                    fresh.append(f"search:{t.ref}")
            if not things:
                options.append(Option(literal(("Nothing here to search.", "italic")),
                                      disabled=True))
        places = [p for p in open_places(case, state) if p.id != state.location]
        if places:
            options.append(heading("Go to"))
            for p in places:
                options.append(
                    choice(f"go:{p.id}", p.name, done=state.has_fact("visited", p.id))
                )
        suspects = open_suspects(case, state)
        if suspects:
            options.append(heading("Question"))
            for s in suspects:
                topics = open_topics(case, state, s.id)
                done = bool(topics) and all(state.has_fact("asked", t.ref) for t in topics)
                options.append(choice(f"ask:{s.id}", s.name or s.id, done=done))
        moved = state.location != self.location
        self.location = state.location
        # Arriving somewhere, the cursor starts on the first thing not searched yet.
        self.fill(options, keep=not moved, start=fresh[0] if fresh else None)
