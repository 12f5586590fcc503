"""A word typed on the investigation finds a thing to do; a key pressed on its own does what it
says at once. Key times are given to the keys here (a player's typing, not the test's speed)."""

from __future__ import annotations

import pytest
from textual import events

from whodunit.tui.screens.investigation import InvestigationScreen

from .conftest import ARCHER, explored, make_app, ready, screen_words

GAP = 0.2  # the app's typing gap in these tests; letters below come 0.05 s apart


def key(char: str, at: float | None = None) -> events.Key:
    name = {" ": "space", "/": "slash"}.get(char, char)
    event = events.Key(name, char)
    if at is not None:
        event.time = at
    return event


async def settle(pilot, rounds: int = 4) -> None:
    for _ in range(rounds):
        await pilot.pause()


async def start_cassie(pilot, steps: int = 6):
    """The Cassie case a few steps in: clues enough to connect and to accuse."""
    from whodunit.engine import Game

    await ready(pilot)
    app = pilot.app
    pack = await app.wait_for_pack()
    game = Game.from_log(pack, pack.cases["cassie"], explored(ARCHER, "cassie")[:steps])
    app.show_game(game)
    await settle(pilot)
    assert isinstance(app.screen, InvestigationScreen)
    return game


# Each letter that is a key on the investigation, and a word starting with it that the list
# finds (the choice the cursor goes to); what the key does on its own is checked first.
WORDS = [
    ("nev", "ask:neveah", "notebook"),  # n: the notebook, its note box focused
    ("edge", "search:roof/speaker", "evidence"),  # e: the evidence tab
    ("cassie", "go:hospital", "connect"),  # c: the connections view
    ("archer", "go:roof", "accuse"),  # a: the accusation
    ("hosp", "go:hospital", "hint"),  # h: "Take a hint?"
    ("lobby", "go:lobby", "log"),  # l: the log, focused
    ("tower", "go:roof", "theme"),  # t: the next theme
]


def what_shows(app, screen: InvestigationScreen, theme: str) -> set[str]:
    """What the keys of WORDS have done, as seen on the screen."""
    from whodunit.tui.screens.accuse import AccuseScreen
    from whodunit.tui.screens.connect import ConnectScreen
    from whodunit.tui.widgets.log import LogView

    shown = set()
    tab = screen.query_one("#tabs").active
    if tab == "notebook-tab":
        shown.add("notebook")
    if tab == "evidence-tab":
        shown.add("evidence")
    if isinstance(app.screen, ConnectScreen):
        shown.add("connect")
    if isinstance(app.screen, AccuseScreen):
        shown.add("accuse")
    if "Take a hint?" in screen_words(app):
        shown.add("hint")
    if isinstance(app.focused, LogView):
        shown.add("log")
    if app.theme != theme:
        shown.add("theme")
    return shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(("word", "found", "does"), WORDS, ids=[w[0] for w in WORDS])
async def test_a_word_typed_never_does_what_its_first_letter_does(size, word, found, does) -> None:
    # "nev" typed fast to find Neveah opened the notebook: the first letter was read as a key
    # on its own. It still is, the moment it is pressed (a key must not wait), but once a
    # second letter follows hard on it, what it did is undone and the word is found.
    app = make_app(ARCHER, typing_gap=GAP)
    async with app.run_test(size=size) as pilot:
        game = await start_cassie(pilot)
        screen, theme, steps = app.screen, app.theme, len(game.actions)
        actions = screen.query_one("#actions")
        first = key(word[0])
        app.post_message(first)
        await settle(pilot)
        assert what_shows(app, screen, theme) == {does}  # a key, at once
        # The rest of the word, all at once: keys that arrive together with a dialog closing.
        for n, char in enumerate(word[1:], 1):
            app.post_message(key(char, first.time + 0.05 * n))
        await settle(pilot)
        assert app.screen is screen and len(app.screen_stack) == 2
        assert what_shows(app, screen, theme) == set()
        assert screen.query_one("#tabs").active == "log-tab"
        assert app.focused is actions and actions.finding == word
        assert actions.highlighted_option.id == found
        assert f"find: {word}" in screen_words(app, "#actions")
        assert len(game.actions) == steps and game.state.hints_used == 0
        words = screen_words(app)
        assert "Not yet" not in words and "Theme:" not in words  # no toast left over a word


@pytest.mark.parametrize(("word", "found", "does"), WORDS, ids=[w[0] for w in WORDS])
async def test_a_word_typed_faster_than_its_first_key_works(word, found, does) -> None:
    # Letters that arrive together (typed ahead while the screen is busy): the first letter's
    # key has not run when the second is read; it never runs.
    app = make_app(ARCHER, typing_gap=GAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_cassie(pilot)
        screen, theme = app.screen, app.theme
        first = key(word[0])
        app.post_message(first)
        for n, char in enumerate(word[1:], 1):
            app.post_message(key(char, first.time + 0.05 * n))
        await settle(pilot)
        assert app.screen is screen and what_shows(app, screen, theme) == set()
        actions = screen.query_one("#actions")
        assert actions.finding == word and actions.highlighted_option.id == found


async def test_a_key_pressed_on_its_own_still_works_at_once() -> None:
    app = make_app(ARCHER, typing_gap=GAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_cassie(pilot)
        screen = app.screen
        first = key("e")
        app.post_message(first)
        await settle(pilot)
        assert screen.query_one("#tabs").active == "evidence-tab"
        # The same key again, fast, is that key again (e e), not a word.
        app.post_message(key("e", first.time + 0.05))
        await settle(pilot)
        assert screen.query_one("#tabs").active == "evidence-tab"
        assert screen.query_one("#actions").finding is None
        # n, then a note typed after a pause: the note goes in the box.
        first = key("n", first.time + 1)
        app.post_message(first)
        await settle(pilot)
        for n, char in enumerate("oren lied", 1):
            app.post_message(key(char, first.time + 0.5 + 0.05 * n))
        await settle(pilot)
        assert screen.query_one("#note-input").value == "oren lied"
        assert screen.query_one("#actions").finding is None
        # h, then Enter at once: the hint is taken (Enter is a key, never a letter of a word).
        app.post_message(events.Key("escape", "\x1b"))
        await settle(pilot)
        first = key("h", first.time + 3)
        app.post_message(first)
        await settle(pilot)
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert app.game.state.hints_used == 1


def test_words_typed_rank_a_name_they_start_in_order_first() -> None:
    from whodunit.tui.widgets.choices import WORD_STARTS, word_rank
    from whodunit.tui.widgets.picker import IN_NAME, match_rank

    assert word_rank("the front lobby", ["the", "f"]) == 0  # as typed
    assert word_rank("the front lobby", ["f", "lob"]) == 1  # word starts, in order
    assert word_rank("ramon costa", ["c", "r"]) == 2  # word starts, out of order
    assert word_rank("search the corner rail", ["c", "r"]) == 1
    assert word_rank("the front lobby", ["ron"]) == WORD_STARTS  # inside a word
    assert word_rank("the front lobby", ["the", "the"]) == 2  # one word cannot start twice
    assert word_rank("madame duboiss office", ["dub", "off"]) == 1
    assert word_rank("the roof (here)", ["here"]) == 1
    assert word_rank("the front lobby", ["x"]) is None
    assert word_rank("the front lobby", []) is None
    # The lists that narrow (the accusation, the connections view) rank the same way, then
    # by what is said under the name.
    assert match_rank("the front lobby", "", ["the", "f"]) == 0
    assert match_rank("the kitchen knife", "", ["kitchen"]) == 1
    assert match_rank("corner rail", "", ["c", "r"]) < match_rank("ramon costa", "", ["c", "r"])
    assert match_rank("plum juice", "found (the kitchen)", ["kitchen"]) == 3
    assert match_rank("the front lobby", "", ["ron"]) == IN_NAME


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_finding_with_several_words_prefers_them_in_order(size) -> None:
    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        game = await start_cassie(pilot, 0)
        actions = app.screen.query_one("#actions")

        async def find(text: str) -> str:
            await pilot.press("slash", *(c if c != " " else "space" for c in text))
            await pilot.pause()
            found = actions.highlighted_option.id
            await pilot.press("escape")
            return found

        # "c r": the corner rail (both words start its words, in order) before Ramon Costa.
        assert await find("c r") == "search:roof/rail"
        assert await find("f lob") == "go:lobby"
        assert await find("ne") == "ask:neveah"  # the start of a name before "corner"
        # Her name's words, in order, find Madame Monique Dubois before "Madame Dubois's
        # office", though the office's name starts with them: a person before a place.
        assert await find("madame dubois") == "ask:dubois"
        # On the fire stairs, "the f" finds the front lobby, not the stairs where you stand.
        await pilot.press("slash", *"fire", "enter")
        await settle(pilot)
        assert game.state.location == "stairs"
        assert await find("the f") == "go:lobby"
        assert "find: the f" not in screen_words(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_word_typed_in_questioning_finds_a_question_and_takes_no_hint(size) -> None:
    # "how" typed to find "How do the others treat you?" opened "Take a hint?" (h).
    from whodunit.tui.screens.question import QuestionScreen

    app = make_app(ARCHER, typing_gap=GAP)
    async with app.run_test(size=size) as pilot:
        game = await start_cassie(pilot, 0)
        app.screen.question("neveah")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        first = key("h")
        app.post_message(first)
        await settle(pilot)
        assert "Take a hint?" in screen_words(app)  # a key, at once
        for n, char in enumerate("ow", 1):
            app.post_message(key(char, first.time + 0.05 * n))
        await settle(pilot)
        assert app.screen is screen and "Take a hint?" not in screen_words(app)
        questions = screen.query_one("#questions")
        assert app.focused is questions and questions.finding == "how"
        assert questions.highlighted_option.id == "topic:bette"
        assert game.state.hints_used == 0 and not game.actions


async def test_slash_in_the_evidence_finds_a_clue_there() -> None:
    # "/bag" on the evidence tab: the locker finds its own clues; the letters typed fast after
    # the / must not be taken for a word for the list of things to do.
    app = make_app(ARCHER, typing_gap=GAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_cassie(pilot)
        screen = app.screen
        first = key("e")
        app.post_message(first)
        await settle(pilot)
        locker = screen.query_one("#locker")
        assert app.focused is locker
        app.post_message(key("/", first.time + 1))
        for n, char in enumerate("gravel", 1):
            app.post_message(key(char, first.time + 1 + 0.05 * n))
        await settle(pilot)
        assert screen.query_one("#tabs").active == "evidence-tab"
        assert app.focused is locker and locker.finding == "gravel"
        assert locker.highlighted_option.id == "scuffs"  # The gravel at the corner
        assert screen.query_one("#actions").finding is None


async def test_slash_and_a_word_typed_all_at_once_find_it() -> None:
    app = make_app(ARCHER, typing_gap=GAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_cassie(pilot)
        first = key("/")
        app.post_message(first)
        for n, char in enumerate("nev", 1):
            app.post_message(key(char, first.time + 0.05 * n))
        await settle(pilot)
        actions = app.screen.query_one("#actions")
        assert app.focused is actions and actions.finding == "nev"
        assert actions.highlighted_option.id == "ask:neveah"
        assert app.screen.query_one("#tabs").active == "log-tab"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_showing_a_clue_a_name_typed_finds_the_person(size) -> None:
    # "To whom?" listed ten people and letters typed there did nothing (only / and letters).
    from whodunit.tui.screens.present import PresentScreen
    from whodunit.tui.screens.question import QuestionScreen

    app = make_app(ARCHER)
    async with app.run_test(size=size) as pilot:
        await start_cassie(pilot)
        await pilot.press("e", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PresentScreen)
        assert "Type a name to find it" in screen_words(app)
        await pilot.press(*"nab")
        await settle(pilot)
        people = app.screen.query_one("#present-list")
        assert people.highlighted_option.id == "nabil"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.screen.suspect.id == "nabil"
