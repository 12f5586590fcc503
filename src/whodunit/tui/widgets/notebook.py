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

from ..safe import literal, notify
from .choices import ChoiceList

if TYPE_CHECKING:
    from ...engine import Game


class NoteList(ChoiceList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Edit", show=True),
        Binding("delete,d", "delete_note", "Delete", show=True),
        Binding("u", "undo", "Undo", show=True, tooltip="bring back the note deleted last"),
    ]

    class Delete(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Undo(Message):
        """Bring back the note deleted last."""

    can_undo = False  # set by the notebook while a deleted note can be brought back

    def action_delete_note(self) -> None:
        option = self.highlighted_option
        if self.highlighted is not None and option is not None and not option.disabled:
            self.post_message(self.Delete(self.highlighted))

    def action_undo(self) -> None:
        self.post_message(self.Undo())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.can_undo  # not in the footer while there is nothing to undo
        return True


class Notebook(Vertical):
    """An input to write a note, and the notes so far (newest last)."""

    class Changed(Message):
        """The notes changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.game: Game | None = None
        self.editing: int | None = None
        self.deleted: tuple[int, str] | None = None  # the last note deleted, and where it was

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Write a note and press Enter",
            id="note-input",
            max_length=500,
            select_on_focus=False,
        )
        yield NoteList(hang=3, id="note-list")

    def show(self, game: Game) -> None:
        if game is not self.game:
            self.forget_deleted()
        self.game = game
        notes = self.query_one(NoteList)
        options = [
            Option(literal(f"{n}. ", note), id=f"note-{n}") for n, note in enumerate(game.notes, 1)
        ]
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
                self._delete_note(self.editing)
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
        self._delete_note(event.index)
        self.editing = None
        self.show(self.game)
        self.post_message(self.Changed())

    def _delete_note(self, index: int) -> None:
        """Delete a note at once, and say how to bring it back."""
        assert self.game is not None
        self.deleted = (index, self.game.notes.pop(index))
        notes = self.query_one(NoteList)
        notes.can_undo = True
        notes.refresh_bindings()
        notify(
            self.app,
            f"Note {index + 1} deleted. Press u in the notes to bring it back.",
            title="Deleted",
            timeout=6,
        )

    def forget_deleted(self) -> None:
        self.deleted = None
        if self.is_mounted:
            notes = self.query_one(NoteList)
            if notes.can_undo:  # the footer is built again only when its keys change
                notes.can_undo = False
                notes.refresh_bindings()

    @on(NoteList.Undo)
    def _undo(self, event: NoteList.Undo) -> None:
        event.stop()
        if self.game is None or self.deleted is None:
            return
        index, text = self.deleted
        index = min(index, len(self.game.notes))
        self.game.notes.insert(index, text)
        self.forget_deleted()
        self.editing = None
        self.show(self.game)
        self.query_one(NoteList).highlighted = index
        self.post_message(self.Changed())
