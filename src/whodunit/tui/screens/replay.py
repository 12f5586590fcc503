"""Replaying a saved game: the investigation screen exactly as it was at any step, stepped
forward and back, played like a recording at a chosen speed, or taken over as a new game.

The game shown at step n is `Game.from_log` of the save's first n actions (with the notebook as
it was then): the same investigation screen as in play, read-only. Playing waits through a
`Schedule` (tui/timers.py), Textual's timers unless the app was given another.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.message import Message
from textual.widgets import Footer, Static

from ..messages import TakeOver
from ..render import action_words, one_line
from ..safe import literal, notify
from ..widgets.choices import ActionList
from ..widgets.log import LogView
from .investigation import InvestigationScreen

if TYPE_CHECKING:
    from ...engine import Game
    from ...saves import Recording
    from ..timers import Schedule, Stoppable

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
# At speed 1x each step waits as long as it took when it was played, within these bounds.
SHORTEST, LONGEST = 0.4, 2.5


# What the log shows at a step: what the last steps told, at most so many entries (the reader
# steps back to read further). Only these are laid out, however long the save.
WINDOW, SHOWN = 12, 24


def _game_at(recording: Recording, step: int) -> Game:
    """The game after `step` actions, from the recording's checkpoints: its state, and what
    its last `WINDOW` steps told (from the start of the case for the first ones)."""
    from ...engine import Entry, Game
    from ...engine.rules import opening

    case = recording.case
    first = max(1, step - WINDOW + 1)
    told = [Entry(0, m) for m in opening(case)[1]] if first == 1 else []
    if step:
        told += [Entry(n, m) for n, o in recording.told(first, step) for m in o.messages]
    return Game.shown_at(
        recording.fit.pack,
        case,
        recording.save.actions[:step],
        recording.state_at(step),
        told,
        [n.text for n in recording.notes_at(step)],
    )


class ReplayScreen(InvestigationScreen):
    """The investigation of a saved game at one step of it, and the controls of the replay."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "../styles/investigation.tcss",
        "../styles/replay.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left",
            "step(-1)",
            "Step",
            key_display="←/→",
            priority=True,
            tooltip="one step back (→ one step on)",
        ),
        Binding(
            "right",
            "step(1)",
            "Next",
            key_display="→",
            priority=True,
            show=False,
            tooltip="one step on",
        ),
        Binding(
            "space,p",
            "play_pause",
            "Play",
            key_display="Space",
            tooltip="play the steps one after another, or pause (p too)",
        ),
        Binding(
            "plus,equals_sign",
            "speed(1)",
            "Faster",
            key_display="+",
            show=False,
            tooltip="play faster (up to 8x)",
        ),
        Binding(
            "minus",
            "speed(-1)",
            "Slower",
            key_display="-",
            show=False,
            tooltip="play slower (down to 0.5x)",
        ),
        Binding(
            "home",
            "jump(0)",
            "First step",
            key_display="Home",
            show=False,
            priority=True,
            tooltip="the start of the case",
        ),
        Binding(
            "end",
            "jump_to_end",
            "Last step",
            key_display="End",
            show=False,
            priority=True,
            tooltip="the last step of the save",
        ),
        Binding("g", "go_to", "Go to", tooltip="go to a step by its number"),
        Binding(
            "c",
            "take_over",
            "Take over",
            tooltip="go on playing from this step as a new game (the save is kept)",
        ),
        Binding("e", "show_tab('evidence')", "Evidence", show=False),
        Binding("n", "show_tab('notebook')", "Notes", show=False),
        Binding("a", "accuse", "Accuse", show=False),
        Binding("h", "hint", "Hint", show=False),
        Binding("ctrl+s", "save_as", "Save as", key_display="Ctrl+S", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?", show=False),
        Binding("escape", "back", "Close", tooltip="back to the list, then out of the replay"),
    ]

    @classmethod
    def _merge_bindings(cls) -> BindingsMap:
        # "c" is Connect in the investigation and Take over here: listed last in the footer,
        # after the replay's own keys, not where the investigation has Connect.
        keys = dict(super()._merge_bindings().key_to_bindings)
        keys["c"] = keys.pop("c")
        return BindingsMap.from_keys(keys)

    class Tick(Message):
        """Time for the next step while playing."""

    def __init__(
        self, recording: Recording, *, step: int = 0, schedule: Schedule | None = None
    ) -> None:
        super().__init__(_game_at(recording, step), readonly=True)
        self.recording = recording
        self.step = step
        self.playing = False
        self.speed = SPEEDS.index(1.0)
        self.schedule = schedule
        self._timer: Stoppable | None = None

    @property
    def name_of_save(self) -> str:
        return self.recording.fit.path.stem

    @property
    def steps(self) -> int:
        return self.recording.steps

    def compose(self) -> ComposeResult:
        yield Static(id="replay-bar")
        yield from super().compose()

    def on_mount(self) -> None:
        log = self.query_one(LogView)
        log.shown, log.earlier = SHOWN, "step back (←) to read them"
        # The palette jumps by playing, which a replay does not: its place in the footer goes
        # to the replay's own keys.
        self.query_one(Footer).show_command_palette = False

    def refresh_view(self) -> None:
        super().refresh_view()
        self._show_bar()

    def _show_bar(self) -> None:
        """One line: playing or not, the step, the save's name, then what was done at that
        step in words (the part cut short when the line is too long for the terminal)."""
        step, steps = self.step, self.steps
        speed = f"{SPEEDS[self.speed]:g}x"
        if self.playing:
            parts: list = [(f"▶ Playing {speed}", "bold")]
        elif step == steps and steps:
            parts = [("■ The end", "bold"), f" ({speed})"]
        else:
            parts = [("‖ Paused", "bold"), f" ({speed})"]
        parts += [f" · step {step} of {steps} · ", (self.name_of_save, "italic")]
        if step:
            action = self.recording.action(step)
            parts += [": ", (action_words(self.game.case, action), "bold")]
        else:
            parts.append(": the start")
        self.query_one("#replay-bar", Static).update(one_line(literal(*parts)))

    # -- moving through the recording ------------------------------------------------------
    async def go_to(self, step: int) -> None:
        """Show the game as it was after `step` actions."""
        step = max(0, min(step, self.steps))
        if step == self.step + 1:
            self.game.act(self.recording.action(step))  # the next step: add to what is shown
            self.game.notes[:] = [n.text for n in self.recording.notes_at(step)]
            self.step = step
            self.refresh_view()
        elif step != self.step:
            self.step = step
            await self.show_game(_game_at(self.recording, step))
        else:
            self._show_bar()
        if self.playing:
            self._plan_next()

    async def action_step(self, delta: int) -> None:
        target = self.step + delta
        if not 0 <= target <= self.steps:
            where = "the start" if target < 0 else "the end"
            notify(self.app, f"This is {where} of the recording.", timeout=2)
            return
        await self.go_to(target)

    async def action_jump(self, step: int) -> None:
        await self.go_to(step)

    async def action_jump_to_end(self) -> None:
        await self.go_to(self.steps)

    def action_go_to(self) -> None:
        from .dialogs import AskDialog

        steps = self.steps

        def check(text: str) -> str | None:
            if not text.isdigit() or not 0 <= int(text) <= steps:
                return f"Type a step from 0 (the start) to {steps}."
            return None

        def chosen(text: str | None) -> None:
            if text:
                self.call_later(self.go_to, int(text))

        self.pause()
        self.app.push_screen(
            AskDialog(
                "Go to a step",
                f"Which step? 0 is the start of the case, {steps} the last step.",
                check,
                placeholder=f"0 to {steps}",
                integer=True,
            ),
            chosen,
        )

    # -- playing ------------------------------------------------------------------------------
    def action_play_pause(self) -> None:
        if self.playing:
            self.pause()
            return
        if self.step >= self.steps:
            if not self.steps:
                notify(self.app, "This save has no steps to play.", timeout=2)
                return
            self.call_later(self._play_from_start)
            return
        self.playing = True
        self._show_bar()
        self._plan_next()

    async def _play_from_start(self) -> None:
        await self.go_to(0)
        self.playing = True
        self._show_bar()
        self._plan_next()

    def pause(self) -> None:
        self._stop_timer()
        if self.playing:
            self.playing = False
            if self.is_mounted:
                self._show_bar()

    def action_speed(self, change: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + change))
        self._show_bar()
        if self.playing:
            self._plan_next()

    def delay(self) -> float:
        """How long to wait before the next step: as long as it took in play, within bounds,
        divided by the speed."""
        played = self.recording.delay(self.step + 1) if self.step < self.steps else 0.0
        return max(SHORTEST, min(LONGEST, played)) / SPEEDS[self.speed]

    def _plan_next(self) -> None:
        self._stop_timer()
        if self.step >= self.steps:
            self.playing = False
            self._show_bar()
            return
        schedule = self.schedule or self.set_timer
        self._timer = schedule(self.delay(), lambda: self.post_message(self.Tick()))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    async def on_replay_screen_tick(self, _: Tick) -> None:
        self._timer = None
        if self.playing:
            await self.go_to(self.step + 1)

    def on_screen_suspend(self) -> None:
        self.pause()  # a dialog or a suspect's answers over the replay: it waits for the player

    def on_unmount(self) -> None:
        self._stop_timer()

    def refuse_if_readonly(self) -> bool:
        notify(
            self.app,
            "This is a replay: press c to go on playing from this step as a new game.",
            timeout=3,
        )
        return True

    # -- taking over --------------------------------------------------------------------------
    def action_take_over(self) -> None:
        self.pause()
        self.app.post_message(TakeOver(self.recording, self.step))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape leaves a replay without asking: nothing is lost.
        return action != "leave"

    def action_back(self) -> None:
        """Back to the list of things to do; from there, out of the replay."""
        actions = self.query_one(ActionList)
        if self.focused is actions:
            self.pause()
            self.app.pop_screen()
        else:
            actions.focus()
