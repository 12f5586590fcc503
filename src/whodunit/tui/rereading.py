"""Reading again what an action told: choosing something already searched, a question already
asked or a clue already shown brings its text back into view instead of sending the action
again. The engine's state says what has been done (its facts); nothing is sent, so the game's
log, its steps and the rating stay as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .render import message_text

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..engine import Action, Game
    from .widgets.log import LogView


def told_before(game: Game, action: Action) -> tuple[str, str] | None:
    """What the log says `action` told (a message's kind and ref), when it has been done
    already in `game`; None when it would do something new."""
    from ..engine import Go

    if isinstance(action, Go):
        return ("place", action.place) if game.state.location == action.place else None
    told = game.told_before(action)
    return (told.kind, told.ref) if told is not None else None


def reread(screen: Screen[None], log: LogView, game: Game, action: Action) -> bool:
    """Show again what `action` told, if it was done before: in `log` when the entry is there,
    else over the screen. True when it was read again (and must not be sent)."""
    about = told_before(game, action)
    if about is None:
        return False
    if log.reread(*about):
        return True
    told = [e for e in game.history if (e.message.kind, e.message.ref) == about]
    if told:
        from .screens.dialogs import ReadDialog

        screen.app.push_screen(ReadDialog(message_text(told[-1].message)))
    return bool(told)
