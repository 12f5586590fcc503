"""A word typed is not keys pressed: on a screen with a list to find in (the investigation,
questioning), letters typed hard on one another find a choice in it, and never do what their
keys do there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual import events
from textual.screen import Screen

from ..safe import notify
from ..widgets.choices import ChoiceList
from ..widgets.log import LogView


@dataclass
class Typed:
    """A letter typed on the screen (`first`) and how to put back what was shown before it
    (`put_back`); whether letters followed it fast enough to make it a word (`word`), the last
    of them at `time`."""

    first: events.Key
    put_back: Callable[[], None]
    word: bool = False
    time: float = field(init=False)

    def __post_init__(self) -> None:
        self.time = self.first.time


class FindsWords(Screen[None]):
    """A screen whose list (`words_list`) finds the words typed on it (the app sends it every
    key first: `take_key`)."""

    _typed: Typed | None = None  # the letters typed last, one hard on the heels of another
    _slash_at = float("-inf")  # when `/` was typed, or the last letter typed hard after it
    _toasts = 0  # toasts raised here so far (a key taken back takes its toast away)

    def words_list(self) -> ChoiceList:
        raise NotImplementedError

    def letters_are_keys(self) -> bool:
        """Whether a letter typed now would work as a key of this screen: the focus on the
        list (not finding) or on what it reads beside it, not in a box nor on a list whose
        letters are keys of its own."""
        focused = self.focused
        words = self.words_list()
        return (
            self.app.screen is self
            and (focused is None or focused is words or isinstance(focused, LogView))
            and words.finding is None
        )

    def view_now(self) -> Callable[[], None]:
        """A function that puts back what this screen shows now (its own parts: a tab, the
        log's place), after a key turned out to begin a word."""
        logs = [(log, log.scroll_y) for log in self.query(LogView)]

        def put_back() -> None:
            for log, y in logs:  # a hint read again brought an old entry into view
                if log.scroll_y != y:
                    log.scroll_to(y=y, animate=False)

        return put_back

    def take_key(self, event: events.Key) -> bool:
        """Every key, as it reaches the app (before it goes anywhere): True takes it.

        A letter typed hard on the heels of another (less than the app's `typing_gap` apart)
        is a word typed, not keys pressed. The first letter cannot be known for a word until
        the second comes, and a key must not wait (`e` alone shows the evidence at once), so
        it does what its key does; once a second letter follows, that is undone (the dialog
        it opened closed, the tab switched back, the theme put back, its toast taken away)
        and the word goes to finding in the list, its first letter with it. A key pressed
        again (e e, h h) stays a key."""
        typed = self._typed
        char = event.character or ""
        letter = len(char) == 1 and char.isprintable()
        letter = letter and event.key not in ("slash", "question_mark")
        gap = getattr(self.app, "typing_gap", 0.0)
        if typed is not None and letter and 0 <= event.time - typed.time < gap:
            words = self.words_list()
            if typed.word and words.finding is not None:
                typed.time = event.time
                words.focus()
                words.type_to_find(char)
                return True
            if not typed.word and event.key != typed.first.key:
                # Typed ahead, the first letter may still be on its way: it does nothing
                # there, and is not read again by the list.
                typed.first.stop()
                typed.first.prevent_default()
                typed.put_back()  # what the first letter did as a key, if done yet
                typed.word, typed.time = True, event.time
                words.focus()
                words.type_to_find(typed.first.character or "")
                words.type_to_find(char)
                return True
        self._typed = None
        if event.key == "slash" or (letter and event.time - self._slash_at < gap):
            # `/` and the letters typed hard after it find in the list that took the `/`,
            # wherever it is: they are read there as they come, even before it has seen it.
            self._slash_at = event.time
            return False
        if gap > 0 and letter and char.isalnum() and self.letters_are_keys():
            self._typed = Typed(event, self._put_back_all())
        return False

    def _put_back_all(self) -> Callable[[], None]:
        app, theme, toasts = self.app, self.app.theme, self._toasts
        screens = len(app.screen_stack)
        put_back_view = self.view_now()

        def put_back() -> None:
            while len(app.screen_stack) > screens and app.screen is not self:
                app.pop_screen()
            if app.theme != theme or self._toasts != toasts:
                app.clear_notifications()  # the theme's name, or a "Not yet"
                app.theme = theme
            put_back_view()

        return put_back

    def toast(self, message: str, title: str = "") -> None:
        """A toast raised by a key of this screen (taken away if the key began a word)."""
        self._toasts += 1
        notify(self.app, message, title=title)
