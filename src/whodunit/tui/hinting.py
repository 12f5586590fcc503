"""Taking a hint. A hint costs half a star, so the player is asked first: the question opens on
taking it (`h`, then Enter), and letters typed by mistake do nothing there. The plainest hint
asked for again with nothing done since is read again for free, without asking."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .rereading import reread

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..engine import Action, Game
    from .widgets.log import LogView

ASK = (
    "A hint costs half a star of your rating. Hints asked for in a row get plainer; the third "
    "names the very next step."
)


def offer_hint(
    screen: Screen[None],
    log: LogView,
    game: Game,
    readonly: bool,
    act: Callable[[Action], bool],
    then: Callable[[], None],
) -> None:
    """Give a hint through `act` once the player says yes, then `then()` (which puts the
    cursor on the step a plain hint names)."""
    from ..engine import Hint
    from .screens.dialogs import ConfirmDialog

    if not game.ended and not readonly and reread(screen, log, game, Hint()):
        then()
        return
    if game.ended or readonly:  # refused as any action would be, and said why
        act(Hint())
        return

    def answered(yes: bool | None) -> None:
        if yes and act(Hint()):
            then()

    screen.app.push_screen(ConfirmDialog("Take a hint?", ASK, "Take the hint", "Not now"), answered)
