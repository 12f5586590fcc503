"""What screens tell the app: they are given what they show (attributes down) and post these to
the app (messages up), never calling into it. Each is posted to the app itself, so that it
arrives even when the screen that sent it has gone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from .safe import notify

if TYPE_CHECKING:
    from ..engine import Action, Game, Outcome
    from ..saves import Recording


class GameChanged(Message):
    """`game` has taken `action`, or else its notebook has changed: keep it. `steps` is how many
    actions it had taken then: by the time the app handles this, it may have taken more."""

    def __init__(self, game: Game, action: Action | None = None) -> None:
        super().__init__()
        self.game = game
        self.action = action
        self.steps = len(game.actions)


class LeaveGame(Message):
    """Back to the title from `game` (the player left it, or it has ended)."""

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game


class MenuPicked(Message):
    """A choice of the title menu: new, continue, load, replay, help or quit."""

    def __init__(self, choice: str) -> None:
        super().__init__()
        self.choice = choice


class SaveCopy(Message):
    """Ask for a name, and save a copy of `game` under it."""

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game


class TakeOver(Message):
    """Ask for a name, and go on playing `recording` from `step` as a new game."""

    def __init__(self, recording: Recording, step: int) -> None:
        super().__init__()
        self.recording = recording
        self.step = step


def play(screen: Widget, game: Game, action: Action) -> Outcome:
    """Send `action` to the engine for `game`; the app keeps the game when it is accepted."""
    outcome = game.act(action)
    if outcome.accepted:
        settle = getattr(screen.app, "settle_keys", None)
        if settle is not None:  # keys typed before this step were meant for the list before it
            settle()
        screen.app.post_message(GameChanged(game, action))
    else:
        notify(screen.app, outcome.text, title="Not possible", severity="warning")
    return outcome
