"""The clue-pack format, declared once: every object of a pack file, its keys, what kind of value
each key holds, its default, what an id in it names, and a line of documentation.

The loader checks keys and reads values through these declarations (pack/reader.py), the JSON
Schema of `whodunit schema` is made from them (pack/schema.py), and the key tables of
docs/pack-format.md are checked against them (tests/authoring/test_docs.py). Adding a key to the
format is adding a `Key` here; the model (pack/model.py) is what the game keeps of it.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSION = 2


# -- kinds of value (a list also takes one item alone) ------------------------------------------
@dataclass(frozen=True)
class Text:
    noun: str = "text"  # what the docs call it: "text", "path"
    prose: bool = True  # read by players (not a path, a version or a licence): see is_prose


@dataclass(frozen=True)
class TextList:
    plural: str = "text"
    min_items: int = 0


@dataclass(frozen=True)
class OwnId:  # the id of the object that holds it
    pass


@dataclass(frozen=True)
class Ref:  # the id of a `target` defined elsewhere
    target: str


@dataclass(frozen=True)
class Refs:  # a list of ids of `target`s
    target: str


@dataclass(frozen=True)
class Choice:  # one of a few words
    values: tuple[str, ...]


@dataclass(frozen=True)
class Integer:
    low: int
    high: int
    only: int | None = None  # the one value the schema allows; the loader explains any other


@dataclass(frozen=True)
class Cond:  # a condition (pack/conditions.py); left out, it always holds
    pass


@dataclass(frozen=True)
class TextById:  # a mapping from ids of `target`s to texts
    target: str


@dataclass(frozen=True)
class Sub:  # one object
    obj: Object


@dataclass(frozen=True)
class Entries:
    """A mapping from ids to objects, such as `clues:`. `noun` names the ids in messages (by
    default the object's noun); `reserved` ids may not be used."""

    obj: Object
    noun: str = ""
    reserved: tuple[str, ...] = ()
    min_items: int = 0

    @property
    def id_noun(self) -> str:
        return self.noun or self.obj.noun


def is_prose(kind: Kind) -> bool:
    """Text the player reads (not a path): written plain, a ` #` in it starts a YAML comment
    and cuts it short, which the loader warns about (W103)."""
    match kind:
        case Text():
            return kind.prose and kind.noun == "text"
        case TextList():
            return kind.plural == "text"
        case TextById():
            return True
    return False


Kind = Text | TextList | OwnId | Ref | Refs | Choice | Integer | Cond | TextById | Sub | Entries


# -- objects ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Key:
    name: str
    kind: Kind
    doc: str
    required: bool = False
    default: str | int | None = None  # what the loader takes when the key is left out


def req(name: str, kind: Kind, doc: str, default: str | int | None = None) -> Key:
    return Key(name, kind, doc, True, default)


def opt(name: str, kind: Kind, doc: str, default: str | int | None = None) -> Key:
    return Key(name, kind, doc, default=default)


@dataclass(frozen=True)
class Object:
    name: str  # its name in the schema's $defs
    noun: str  # how messages name one of them: "clue 'slip'"
    doc: str
    keys: tuple[Key, ...]

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)

    @property
    def required(self) -> list[str]:
        return [k.name for k in self.keys if k.required]

    @property
    def optional(self) -> list[str]:
        return [k.name for k in self.keys if not k.required]


def obj(name: str, doc: str, *keys: Key, noun: str = "") -> Object:
    return Object(name, noun or name, doc, keys)


# Each object is declared before the objects that hold it: from an ending up to the manifest.
TEXT = Text()
METADATA = Text(prose=False)  # text about the pack rather than of it: a comment may follow

ENDING = obj(
    "ending",
    "An ending.",
    req("title", TEXT, "The ending's title."),
    req("text", TEXT, "The ending's text."),
)
ENDINGS = obj(
    "endings",
    "How the case can end.",
    req("solved", Sub(ENDING), "Shown when the accusation is right."),
    req("out_of_chances", Sub(ENDING), "Shown when the last chance is used up."),
    opt(
        "wrong",
        Entries(ENDING, noun="suspect"),
        "One ending for every suspect who is not the culprit, shown when the player's last "
        "accusation names them.",
    ),
)
OPTION = obj(
    "option",
    "An option of a claim.",
    req("text", TEXT, "How the option reads."),
    opt("when", Cond(), "The option is offered once this holds."),
)
CLAIM = obj(
    "claim",
    "A claim of the accusation: the player picks its answer and attaches the clue that proves it.",
    req("prompt", TEXT, "The question, e.g. 'Who pushed her?'."),
    req("proof", TEXT, "What the attached clue must show, e.g. 'What puts her at the rail?'."),
    req("answer", Text("id", prose=False), "The true option's id (for `who`, the culprit's id)."),
    req(
        "proven_by",
        Refs("clue"),
        "The clues that prove the true answer: attaching any one of them proves it.",
    ),
    opt(
        "options",
        Entries(OPTION),
        "The options, by id; `who` has none of its own: its options are the case's suspects.",
    ),
)
DEDUCTION = obj(
    "deduction",
    "What the player must work out: claims, each answered and proven by one clue.",
    opt("chances", Integer(1, 99), "How many accusations the player may make.", 3),
    opt(
        "grading",
        Choice(("graded", "strict")),
        "graded: a wrong accusation says whether one or two parts of it do not hold, or more; "
        "strict: only that it does not hold.",
        "graded",
    ),
    req(
        "claims",
        Entries(CLAIM, min_items=1),
        "The claims, in the order the player fills them; `who` is required.",
    ),
)
CONNECTION = obj(
    "connection",
    "Two things the player holds that mean something together.",
    req(
        "links",
        Refs("holding"),
        "The two things: a clue id, or SUSPECT/TOPIC for an answer the player has heard.",
    ),
)
CLUE = obj(
    "clue",
    "A clue.",
    req("name", TEXT, "The clue's name."),
    req("text", TEXT, "What the clue says."),
    req("revealed_by", Cond(), "The clue is found once this holds."),
    opt("points_to", Refs("suspect"), "Suspects this clue implicates."),
    opt("rules_out", Refs("suspect"), "Suspects this clue clears."),
)
LATER_ANSWER = obj(
    "later_answer",
    "What the suspect says to the same question once something has happened.",
    req("when", Cond(), "This answer is given once this holds."),
    req("answer", TEXT, "The answer."),
    noun="later answer",
)
TOPIC = obj(
    "topic",
    "An interview topic.",
    req("ask", TEXT, "The question."),
    req("answer", TEXT, "The answer."),
    opt("when", Cond(), "The question opens once this holds."),
    opt(
        "later",
        Entries(LATER_ANSWER),
        "Answers given instead once something has happened, by id: the last one listed whose "
        "`when` holds when the question is asked.",
    ),
)
SUSPECT = obj(
    "suspect",
    "A suspect of this case; their id is a character of the cast.",
    req("intro", TEXT, "Shown when the player questions them."),
    req("topics", Entries(TOPIC), "The questions the player can ask, by id."),
    opt("when", Cond(), "They can be questioned only once this holds."),
    opt("reactions", TextById("clue"), "What they say when shown a clue, by clue id."),
    opt(
        "default_reaction",
        TEXT,
        "What they say to every other clue.",
        "They have nothing to say about that.",
    ),
)
THING = obj(
    "thing",
    "A thing to search.",
    req("name", TEXT, "Its name, e.g. 'the cooling rack'."),
    req("text", TEXT, "What searching it shows."),
    opt("when", Cond(), "It can be searched only once this holds."),
)
PLACE = obj(
    "place",
    "A place.",
    req("name", TEXT, "The place's name."),
    req("things", Entries(THING), "The things to search here, by id."),
    opt("description", TEXT, "What the player sees on arriving."),
    opt("when", Cond(), "The place is open only once this holds."),
)
CASE = obj(
    "case",
    "A case file.",
    req("id", OwnId(), "The case's id."),
    req("title", TEXT, "Shown in the case list."),
    req("briefing", TEXT, "Shown when the case begins."),
    opt("victim", Ref("character"), "The victim."),
    opt("start", Ref("place"), "The place the player starts in."),
    opt("requires", Refs("case"), "Cases that must have ended before this one opens."),
    req("places", Entries(PLACE), "The places to visit and search, by id."),
    req("suspects", Entries(SUSPECT), "The people to question; each id is a character's."),
    req("clues", Entries(CLUE), "The evidence, by id."),
    opt(
        "connections",
        Entries(CONNECTION),
        "What the player can put together, by id: making one is the fact `connected: ID`.",
    ),
    req("deduction", Sub(DEDUCTION), "What the player must work out."),
    req("endings", Sub(ENDINGS), "How the case can end."),
)
CHARACTER = obj(
    "character",
    "A character.",
    req("name", TEXT, "The character's name."),
    opt("description", TEXT, "Who they are."),
)
CAST = obj(
    "cast",
    "The cast file: every character of every case.",
    req("characters", Entries(CHARACTER), "The characters, by id."),
)
MANIFEST = obj(
    "manifest",
    "The manifest, pack.yaml: what the pack is and which cases it holds.",
    req(
        "format",
        Integer(0, 999, only=FORMAT_VERSION),
        f"The pack format version: {FORMAT_VERSION}.",
        FORMAT_VERSION,
    ),
    req("id", OwnId(), "The pack's id."),
    req("title", TEXT, "The pack's title, shown to players."),
    req("version", METADATA, "Your own version of the pack."),
    req("authors", TextList(), "Who wrote the pack."),
    req("licence", METADATA, "The licence of the pack's text."),
    opt("about", TEXT, "A short description of the pack."),
    opt("notice", TEXT, "A notice shown with the title (say so here for fan works)."),
    req("cast", Text("path"), "The cast file, relative to the pack folder."),
    req("cases", TextList("paths", min_items=1), "The case files, in playing order."),
    noun="pack",
)

# The three kinds of file; which one a file is follows from its keys (`format:`, `characters:`).
FILES = (MANIFEST, CAST, CASE)


def objects(*roots: Object) -> dict[str, Object]:
    """Each object of the format (or below `roots`), by name."""
    out: dict[str, Object] = {}
    for root in roots or FILES:
        out[root.name] = root
        for key in root.keys:
            if isinstance(key.kind, (Sub, Entries)):
                out.update(objects(key.kind.obj))
    return out
