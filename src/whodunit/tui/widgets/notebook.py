"""The notebook: the player's own notes, kept with the game."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input
from textual.widgets.option_list import Option

from ..safe import literal
from .choices import ChoiceList

if TYPE_CHECKING:
    from ..game import Game


class NoteList(ChoiceList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Edit", show=True),
        Binding("delete,d", "delete_note", "Delete", show=True),
    ]

    class Delete(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_delete_note(self) -> None:
        option = self.highlighted_option
        if self.highlighted is not None and option is not None and not option.disabled:
            self.post_message(self.Delete(self.highlighted))


class Notebook(Vertical):
    """An input to write a note, and the notes so far (newest last)."""

    class Changed(Message):
        """The notes changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.game: Game | None = None
        self.editing: int | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Write a note and press Enter", id="note-input", max_length=500,
                    select_on_focus=False)
        yield NoteList(id="note-list")

    def show(self, game: Game) -> None:
        self.game = game
        notes = self.query_one(NoteList)
        options = [Option(literal(f"{n}. ", note), id=f"note-{n}")
                   for n, note in enumerate(game.notes, 1)]
        if not options:
            options = [Option(literal(("Your notebook is empty.", "italic")), disabled=True)]
        notes.fill(options)

    @on(Input.Submitted, "#note-input")
    def _write(self, event: Input.Submitted) -> None:
        event.stop()
        if self.game is None:
            return
        text = " ".join(event.value.split())
        if self.editing is not None and self.editing < len(self.game.notes):
            if text:
                self.game.notes[self.editing] = text
            else:
                del self.game.notes[self.editing]
        elif text:
            self.game.notes.append(text)
        else:
            return
        self.editing = None
        event.input.value = ""
        event.input.placeholder = "Write a note and press Enter"
        self.show(self.game)
        self.post_message(self.Changed())

    @on(NoteList.OptionSelected, "#note-list")
    def _edit(self, event: NoteList.OptionSelected) -> None:
        event.stop()
        if self.game is None or event.option_index >= len(self.game.notes):
            return
        self.editing = event.option_index
        box = self.query_one(Input)
        box.value = self.game.notes[event.option_index]
        box.cursor_position = len(box.value)
        box.placeholder = "Edit the note (empty it to delete it) and press Enter"
        box.focus()

    @on(NoteList.Delete)
    def _delete(self, event: NoteList.Delete) -> None:
        event.stop()
        if self.game is None or event.index >= len(self.game.notes):
            return
        del self.game.notes[event.index]
        self.editing = None
        self.show(self.game)
        self.post_message(self.Changed())
