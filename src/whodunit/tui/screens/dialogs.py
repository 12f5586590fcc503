"""Small dialogs over the current screen: a question to confirm, and a line to type (a save's
name, a step to jump to) checked before the dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ..safe import literal

if TYPE_CHECKING:
    from rich.text import Text
    from textual.widgets.button import ButtonVariant


class MarkedButton(Button):
    """A button that shows it has the focus without colour, in plain text too: `▸ Label ◂`
    while focused, `  Label  ` otherwise (the width stays the same)."""

    def __init__(self, label: str, *, id: str | None = None, variant: ButtonVariant = "default"):
        self.text = label
        super().__init__(self._label(False), id=id, variant=variant)

    def _label(self, focused: bool) -> Text:
        return literal(f"▸ {self.text} ◂" if focused else f"  {self.text}  ")

    def on_focus(self) -> None:
        self.label = self._label(True)

    def on_blur(self) -> None:
        self.label = self._label(False)


class ConfirmDialog(ModalScreen[bool]):
    """A question with a button to do it and one to cancel; Escape cancels. A `safe` dialog
    opens with the focus on the button that cancels, so that a key typed as it opens (an
    Enter meant for the screen below) keeps the player where they are."""

    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left", "app.focus_previous", "The other button", show=False),
        Binding("right", "app.focus_next", "The other button", show=False),
    ]

    def __init__(
        self, title: str, text: str, yes: str, no: str = "Cancel", *, safe: bool = False
    ) -> None:
        super().__init__()
        self.heading = title
        self.text = text
        self.yes = yes
        self.no = no
        self.safe = safe

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-box"):
            yield Static(literal((self.heading, "bold")), classes="dialog-title")
            yield Static(literal(self.text), classes="ask-text")
            with Horizontal(classes="ask-buttons"):
                yield MarkedButton(self.yes, id="yes", variant="primary")
                yield MarkedButton(self.no, id="no")
            yield Static(
                literal(("Enter: the ▸ button · ←/→: the other · Escape: cancel", "italic")),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#no" if self.safe else "#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class AskDialog(ModalScreen["str | None"]):
    """A line to type. `submit(text)` does what it is for and returns None when done (the
    dialog closes with the text), or one line saying what is wrong (shown; the dialog stays)."""

    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        text: str,
        submit: Callable[[str], str | None],
        *,
        placeholder: str = "",
        value: str = "",
        integer: bool = False,
    ) -> None:
        super().__init__()
        self.heading = title
        self.text = text
        self.submit = submit
        self.placeholder = placeholder
        self.value = value
        self.integer = integer

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-box"):
            yield Static(literal((self.heading, "bold")), classes="dialog-title")
            yield Static(literal(self.text), classes="ask-text")
            yield Input(
                self.value,
                placeholder=self.placeholder,
                id="ask-input",
                type="integer" if self.integer else "text",
                max_length=80,
                select_on_focus=False,
            )
            yield Static(id="ask-problem")
            yield Static(literal(("Enter: done · Escape: cancel", "italic")), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#ask-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        problem = self.submit(text)
        if problem is None:
            if self.app.screen is self:  # what was submitted may have changed screens already
                self.dismiss(text)
        else:
            self.query_one("#ask-problem", Static).update(literal(("! ", "bold"), problem))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReadDialog(ModalScreen[None]):
    """Text to read again, over the current screen; Escape or Enter closes it."""

    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
    ]

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-box"):
            with VerticalScroll(id="read-box"):
                yield Static(self.text)
            yield Static(
                literal(("Read again: no step taken · Enter or Escape: close", "italic")),
                classes="dialog-keys",
            )

    def action_scroll(self, how: str) -> None:
        box = self.query_one("#read-box", VerticalScroll)
        box.scroll_page_up() if how == "page_up" else box.scroll_page_down()

    def action_close(self) -> None:
        self.dismiss(None)
