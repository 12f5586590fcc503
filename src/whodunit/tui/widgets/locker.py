"""The evidence locker: every clue found, with its text, when and where, and whom it was shown;
then every accusation made, with its verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets.option_list import Option

from ..render import accusation_words, clue_card
from ..safe import literal
from .choices import ChoiceList, heading

if TYPE_CHECKING:
    from ...engine import Game


class EvidenceLocker(ChoiceList):
    def show(self, game: Game) -> None:
        options: list[Option | None] = []
        for found in game.state.found:
            if options:
                options.append(None)
            options.append(Option(clue_card(game.case, game.state, found.clue), id=found.clue))
        if not options:
            options.append(
                Option(
                    literal(("No evidence yet. Search places and question people.", "italic")),
                    disabled=True,
                )
            )
        accusations = game.state.accusations
        if accusations:
            options += [None, heading(f"Accusations made ({len(accusations)})")]
        for n, record in enumerate(accusations, 1):
            options.append(
                Option(
                    accusation_words(
                        game.case, record, f"⚖ Accusation {n}, at step {record.step}:"
                    ),
                    id=f"accusation-{n}",
                )
            )
        self.fill(options)  # type: ignore[arg-type]
