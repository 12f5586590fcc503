"""Loading a pack folder into the model, with every problem reported at file:line:col."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Collection, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from .conditions import Condition, facts_in
from .findings import Finding, PackError, Pos, error, has_errors, sort_findings, warning
from .format import CASE, CAST, FORMAT_VERSION
from .format import MANIFEST as MANIFEST_KEYS
from .model import (
    Case,
    Character,
    Claim,
    Clue,
    Connection,
    Deduction,
    Ending,
    LaterAnswer,
    Option,
    Pack,
    Place,
    Reaction,
    Suspect,
    Thing,
    Topic,
    Walkthrough,
    clue_watchers,
)
from .reader import Fields, Reader
from .yamlsafe import MAX_FILE_BYTES, YamlError, YMap, YNode, YScalar, YSeq, load_file_bytes

MANIFEST = "pack.yaml"
K = TypeVar("K")
V = TypeVar("V")


# More than the YAML reader accepts (it reports the size), so that a huge file is not read whole.
READ_LIMIT = 5 * MAX_FILE_BYTES


class NotARegularFile(OSError):
    """A pipe, socket or device where a pack file should be: reading it could wait forever."""


def read_pack_file(path: str | os.PathLike[str], limit: int = READ_LIMIT) -> bytes:
    """At most `limit` bytes of a regular file. Never blocks on a named pipe: it is opened
    without waiting for a writer and refused (NotARegularFile), as are devices and sockets."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", os.fspath(path))
        if not stat.S_ISREG(mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file", os.fspath(path))
        chunks: list[bytes] = []
        size = 0
        while size < limit:
            chunk = os.read(fd, min(1 << 20, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _frozen(d: dict[K, V]) -> MappingProxyType[K, V]:
    return MappingProxyType(d)


class _PackLoader:
    def __init__(self, root: Path, shown_root: str) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.shown_root = shown_root
        self.reader = Reader()
        self.digest = hashlib.sha256()
        self.files_read: dict[Path, str] = {}  # each file read, by real path, as first named
        # When the cast file itself cannot be read, references to it are not reported too.
        self.cast_ok = True
        # The case's connections whose links are wrong (already reported): a condition that
        # names one is not reported as naming nothing.
        self.unlinked: set[str] = set()

    def shown(self, rel: str) -> str:
        return os.path.join(self.shown_root, rel)

    def read(self, rel: str, pos: Pos) -> YNode | None:
        """Read one pack file, refusing paths that lead outside the pack folder."""
        shown = self.shown(rel)
        if "\0" in rel:
            self.reader.err(
                pos, "E001", "this is not a file name: it holds a NUL character (\\0); remove it"
            )
            return None
        if os.path.isabs(rel) or ".." in Path(rel).parts:
            self.reader.err(
                pos, "E012", f"'{rel}' leads outside the pack folder; use a path inside it"
            )
            return None
        path = self.root / rel
        try:
            real = path.resolve()
            real.relative_to(self.real_root)
        except ValueError:
            self.reader.err(
                pos,
                "E012",
                f"'{rel}' is a link that leads outside the pack folder; "
                "copy the file into the pack folder instead",
            )
            return None
        except OSError as exc:
            self.reader.err(
                pos,
                "E001",
                f"cannot read '{rel}': {exc.strerror or exc}; check the path and its permissions",
            )
            return None
        if real in self.files_read:
            self.reader.err(
                pos,
                "E009",
                f"'{rel}' is the file '{self.files_read[real]}' again; list each file once",
            )
            return None
        try:
            data = read_pack_file(real)
        except FileNotFoundError:
            self.reader.err(pos, "E001", f"file '{rel}' does not exist; create it or fix the path")
            return None
        except IsADirectoryError:
            self.reader.err(pos, "E001", f"'{rel}' is a folder; name a YAML file")
            return None
        except NotARegularFile:
            self.reader.err(
                pos,
                "E001",
                f"'{rel}' is not a regular file (a pipe or a device); make it a YAML file",
            )
            return None
        except OSError as exc:
            self.reader.err(
                pos,
                "E001",
                f"cannot read '{rel}': {exc.strerror or exc}; check the file's permissions",
            )
            return None
        self.digest.update(rel.encode() + b"\0" + data + b"\0")
        self.files_read[real] = rel
        try:
            return load_file_bytes(shown, data)
        except YamlError as exc:
            self.reader.findings.append(exc.finding)
            return None

    # -- the pack -----------------------------------------------------------------------
    def load(self) -> Pack | None:
        reader = self.reader
        manifest_pos = Pos(self.shown(MANIFEST))
        try:
            is_folder = self.root.is_dir()
        except OSError as exc:  # a folder on the way that this user may not enter
            reader.err(
                Pos(self.shown_root),
                "E001",
                f"cannot read the pack folder: {exc.strerror or exc}; check its permissions",
            )
            return None
        if not is_folder:
            reader.err(
                Pos(self.shown_root),
                "E001",
                "no such pack folder; give the folder that holds pack.yaml",
            )
            return None
        m = self.read_file(MANIFEST, manifest_pos, "the manifest")
        if m is None:
            return None
        manifest = Fields(reader, MANIFEST_KEYS, m, "the manifest", m.pos)
        fmt = manifest.integer("format")
        if fmt == 1:
            reader.err(
                m.key_pos("format"),
                "E011",
                "this pack is written in format 1, and whodunit now reads format 2: the "
                "deduction has `claims`, each with its answer and the clues that prove it "
                "(`proven_by`), instead of `who`, `blanks` and `evidence`; and the player can "
                "now make `connections`. `whodunit upgrade PACK` rewrites it; "
                "docs/pack-format.md says what changed",
            )
            return None  # its cases would only repeat the change, as many errors
        if fmt != FORMAT_VERSION:
            reader.err(
                m.key_pos("format"),
                "E011",
                f"this whodunit reads pack format {FORMAT_VERSION}, not {fmt}; "
                "update whodunit or the pack",
            )
            return None  # nor can it read cases written in another format
        pack_id = manifest.own_id()
        cast = self.load_cast(manifest)
        cases: dict[str, Case] = {}
        case_ids_in_order: list[str] = []
        for item in manifest.texts("cases"):
            case = self.load_case(item.value, item.pos, cast, case_ids_in_order)
            if case is None:
                continue
            if case.id in cases:
                reader.err(
                    case.pos, "E009", f"case id '{case.id}' is used by two cases; rename one"
                )
                continue
            cases[case.id] = case
            case_ids_in_order.append(case.id)
        if not manifest.texts("cases") and m.get("cases") is not None:
            reader.err(
                m.key_pos("cases"), "E011", "the pack lists no cases; add at least one case file"
            )
        walkthroughs = self.find_walkthroughs()
        # Read the manifest's texts before deciding: a list where text belongs is an error too.
        title, version, licence, about, notice = (
            manifest.text(k) for k in ("title", "version", "licence", "about", "notice")
        )
        authors = tuple(s.value for s in manifest.texts("authors"))
        if has_errors(reader.findings):
            return None
        self.report_unlisted()  # only for a pack that loads: no cascade from a broken manifest
        return Pack(
            id=pack_id,
            title=title,
            version=version,
            format=fmt,
            authors=authors,
            licence=licence,
            about=about,
            notice=notice,
            cast=_frozen(cast),
            cases=_frozen(cases),
            root=str(self.root),
            content_hash=self.digest.hexdigest(),
            walkthroughs=walkthroughs,
            pos=manifest_pos,
        )

    def read_file(self, rel: str, pos: Pos, what: str) -> YMap | None:
        """The mapping a pack file holds, or None (and why) when it cannot be read or is not one."""
        node = self.read(rel, pos)
        return self.reader.mapping(node, what) if node is not None else None

    def report_unlisted(self) -> None:
        """Warn about YAML files in the pack folder that the manifest never reaches."""
        seen = 0
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                    continue
                seen += 1
                if seen > 1000:
                    return
                path = Path(dirpath) / name
                try:
                    real = path.resolve()
                except OSError:
                    continue
                if real in self.files_read:
                    continue
                rel = path.relative_to(self.root).as_posix()
                self.reader.findings.append(
                    warning(
                        Pos(self.shown(rel)),
                        "W102",
                        f"'{rel}' is not part of the pack: pack.yaml does not list it; "
                        "add it under `cases:` (or as `cast:`), or delete it",
                    )
                )

    def find_walkthroughs(self) -> tuple[Walkthrough, ...]:
        folder = self.root / "walkthroughs"
        if not folder.is_dir():
            return ()
        return tuple(
            Walkthrough(p.stem, str(p)) for p in sorted(folder.glob("*.txt")) if p.is_file()
        )

    def load_cast(self, manifest: Fields) -> dict[str, Character]:
        rel = manifest.text("cast")
        m = self.read_file(rel, manifest.m.key_pos("cast"), "the cast file") if rel else None
        if m is None:
            self.cast_ok = False
            return {}
        cast_file = Fields(self.reader, CAST, m, "the cast file", m.pos)
        return {
            key.value: Character(id=key.value, pos=key.pos, **body.values())
            for key, body in cast_file.entries("characters")
        }

    # -- a case -------------------------------------------------------------------------
    def load_case(
        self, rel: str, pos: Pos, cast: dict[str, Character], earlier: list[str]
    ) -> Case | None:
        m = self.read_file(rel, pos, "a case file")
        if m is None:
            return None
        case = Fields(self.reader, CASE, m, f"case file '{rel}'", m.pos)
        case_id = case.own_id()
        places = self.load_places(case)
        suspects = self.load_suspects(case, cast)
        clues = {
            key.value: Clue(id=key.value, pos=key.pos, **body.values())
            for key, body in case.entries("clues")
        }
        deduction = self.load_deduction(case, suspects)
        connections = self.load_connections(case)
        solved, out, wrong = self.load_endings(case)
        things = {t.ref: t for p in places.values() for t in p.things.values()}
        topics = {t.ref: t for s in suspects.values() for t in s.topics.values()}
        loaded = Case(
            id=case_id,
            title=case.text("title"),
            briefing=case.text("briefing"),
            victim=case.text("victim") or None,
            start=case.text("start") or None,
            requires=case.refs("requires"),
            places=_frozen(places),
            suspects=_frozen(suspects),
            clues=_frozen(clues),
            deduction=deduction,
            connections=_frozen(connections),
            solved=solved,
            out_of_chances=out,
            wrong=_frozen(wrong),
            pos=m.pos,
            things=_frozen(things),
            topics=_frozen(topics),
            clue_watchers=_frozen(clue_watchers(clues)),
        )
        self.check_references(loaded, m, cast, earlier)
        return loaded

    def load_places(self, case: Fields) -> dict[str, Place]:
        places: dict[str, Place] = {}
        for key, place in case.entries("places"):
            things = {
                tkey.value: Thing(id=tkey.value, place=key.value, pos=tkey.pos, **thing.values())
                for tkey, thing in place.entries("things", owner=f"{key.value}/")
            }
            places[key.value] = Place(
                id=key.value, things=_frozen(things), pos=key.pos, **place.values()
            )
        return places

    def load_suspects(self, case: Fields, cast: dict[str, Character]) -> dict[str, Suspect]:
        suspects: dict[str, Suspect] = {}
        for key, suspect in case.entries("suspects"):
            topics = {
                tkey.value: Topic(
                    id=tkey.value,
                    suspect=key.value,
                    pos=tkey.pos,
                    later=tuple(
                        LaterAnswer(id=lkey.value, pos=lkey.pos, **later.values())
                        for lkey, later in topic.entries(
                            "later", owner=f"{key.value}/{tkey.value}/"
                        )
                    ),
                    **topic.values(),
                )
                for tkey, topic in suspect.entries("topics", owner=f"{key.value}/")
            }
            reactions: dict[str, Reaction] = {}
            for rkey, rvalue in suspect.by_id("reactions"):
                if not isinstance(rvalue, YScalar) or rvalue.is_null:
                    self.reader.err(
                        rvalue.pos,
                        "E007",
                        f"the reaction to '{rkey.value}' should be text; write what the suspect "
                        "says when shown that clue",
                    )
                    continue
                reactions[rkey.value] = Reaction(rkey.value, rvalue.value.rstrip(), rkey.pos)
            character = cast.get(key.value)
            suspects[key.value] = Suspect(
                id=key.value,
                name=character.name if character else key.value,
                topics=_frozen(topics),
                reactions=_frozen(reactions),
                pos=key.pos,
                **suspect.values(),
            )
        return suspects

    def load_claim(self, key: YScalar, claim: Fields, suspects: dict[str, Suspect]) -> Claim:
        if key.value == "who":
            given = claim.m.get("options")
            if given is not None and not (isinstance(given, YScalar) and given.is_null):
                self.reader.err(
                    claim.m.key_pos("options"),
                    "E011",
                    "'who' takes its options from the case's suspects; remove 'options'",
                )
            options = {s.id: Option(s.id, s.name, s.when, s.pos) for s in suspects.values()}
        else:
            options = {
                okey.value: Option(id=okey.value, pos=okey.pos, **option.values())
                for okey, option in claim.entries("options", owner=f"{key.value}/")
            }
        return Claim(id=key.value, options=_frozen(options), pos=key.pos, **claim.values())

    def load_deduction(self, case: Fields, suspects: dict[str, Suspect]) -> Deduction:
        deduction = case.sub("deduction", "the deduction")
        claims = {
            key.value: self.load_claim(key, body, suspects)
            for key, body in deduction.entries("claims")
        }
        if "who" in claims:  # the player names the culprit first, wherever it is written
            claims = {"who": claims["who"], **claims}
        elif deduction.m.get("claims") is not None:
            self.reader.err(
                deduction.m.key_pos("claims"),
                "E006",
                "the claims are missing 'who'; add `who:` with the culprit as its answer",
            )
        return Deduction(
            deduction.integer("chances"),
            deduction.choice("grading"),
            _frozen(claims),
            deduction.m.pos,
        )

    def load_connections(self, case: Fields) -> dict[str, Connection]:
        connections: dict[str, Connection] = {}
        self.unlinked = set()
        for key, body in case.entries("connections"):
            links = body.refs("links")
            if len(links) != 2 or links[0] == links[1]:
                self.unlinked.add(key.value)  # reported here, not again where it is used
                self.reader.err(
                    body.m.key_pos("links") if body.m.get("links") is not None else key.pos,
                    "E011",
                    f"connection '{key.value}' should link exactly two different things; "
                    "write two, such as [bead, gown]",
                )
                continue
            connections[key.value] = Connection(key.value, (links[0], links[1]), key.pos)
        return connections

    def load_endings(self, case: Fields) -> tuple[Ending, Ending, dict[str, Ending]]:
        endings = case.sub("endings", "the endings")

        def one(ending_id: str, body: Fields) -> Ending:
            return Ending(id=ending_id, pos=body.m.pos, **body.values())

        def fixed(name: str) -> Ending:
            what = f"ending '{name}'"
            return one(name, endings.sub(name, what, shape=what, check_absent=False))

        solved, out = fixed("solved"), fixed("out_of_chances")
        wrong = {
            key.value: one(f"wrong:{key.value}", body)
            for key, body in endings.entries("wrong", owner="wrong:")
        }
        return solved, out, wrong

    # -- references ---------------------------------------------------------------------
    def check_references(
        self, case: Case, m: YMap, cast: dict[str, Character], earlier: list[str]
    ) -> None:
        reader = self.reader

        def ref(pos: Pos, value: str, pool: Collection[str], what: str, fix: str) -> None:
            if pool is cast and not self.cast_ok:
                return
            if value not in pool:
                close = reader.suggest(value, pool)
                reader.err(
                    pos, "E010", f"no {what} '{value}'{close}" + ("" if close else f"; {fix}")
                )

        if case.victim:
            ref(m.key_pos("victim"), case.victim, cast, "character", "add them to the cast")
        if case.start:
            ref(m.key_pos("start"), case.start, case.places, "place", "add it under 'places'")
        for req in case.requires:
            ref(
                _item_pos(m.get("requires"), req, m.key_pos("requires")),
                req,
                earlier,
                "earlier case",
                "list the required case before this one in pack.yaml",
            )
        for s in case.suspects.values():
            ref(s.pos, s.id, cast, "character", "every suspect must be in the cast")
            for rx in s.reactions.values():
                ref(rx.pos, rx.clue, case.clues, "clue", "react only to clues of this case")
        for c in case.clues.values():
            for key, ids in (("points_to", c.points_to), ("rules_out", c.rules_out)):
                items = _at(m, "clues", c.id, key)
                for sid in ids:
                    at = _item_pos(items, sid, c.pos)
                    ref(at, sid, case.suspects, "suspect", "name a suspect of this case")
        d = case.deduction
        culprit = d.claims["who"].answer if "who" in d.claims else ""
        for claim in d.claims.values():
            body = _at(m, "deduction", "claims", claim.id)
            answer_at = _item_pos(_at(body, "answer"), claim.answer, claim.pos)
            if claim.id == "who":
                if claim.answer:
                    fix = "the answer must be a suspect"
                    ref(answer_at, claim.answer, case.suspects, "suspect", fix)
            else:
                if claim.answer:
                    what = f"option of '{claim.id}'"
                    ref(answer_at, claim.answer, claim.options, what, "add it under 'options'")
                if len(claim.options) < 2:
                    at = claim.pos
                    if isinstance(body, YMap) and body.get("options") is not None:
                        at = body.key_pos("options")
                    reader.err(
                        at,
                        "E011",
                        f"claim '{claim.id}' needs at least two options to choose from; add more",
                    )
            proven_by = _at(m, "deduction", "claims", claim.id, "proven_by")
            for cid in claim.proven_by:
                at = _item_pos(proven_by, cid, claim.pos)
                ref(at, cid, case.clues, "clue", "a proof is a clue of this case")
            if not claim.proven_by and proven_by is not None:
                reader.err(
                    proven_by.pos,
                    "E011",
                    f"claim '{claim.id}' names no clue that proves it; list at least one",
                )
        held = {**case.clues, **case.topics}
        pairs: dict[frozenset[str], str] = {}
        for conn in case.connections.values():
            links = _at(m, "connections", conn.id, "links")
            for item in conn.links:
                at = _item_pos(links, item, conn.pos)
                ref(at, item, held, "clue or suspect/topic", "link clues or questions asked")
            twin = pairs.setdefault(conn.pair, conn.id)
            if twin != conn.id:
                reader.err(
                    conn.pos,
                    "E009",
                    f"connection '{conn.id}' links the same two things as '{twin}'; keep one",
                )
        for sid, ending in case.wrong.items():
            ref(ending.pos, sid, case.suspects, "suspect", "'wrong' endings are per suspect")
            if sid == culprit:
                reader.err(
                    ending.pos,
                    "E011",
                    f"'wrong.{sid}' is an ending for accusing the culprit, which is never wrong: "
                    f"accusing '{sid}' with the right answers shows 'solved' (and with wrong "
                    "ones costs a chance); remove it",
                )
        for sid, s in case.suspects.items():
            if culprit not in case.suspects:
                break  # the culprit is not known (reported above): so are not the innocent
            if sid != culprit and sid not in case.wrong:
                reader.err(
                    s.pos,
                    "E205",
                    f"suspect '{sid}' has no wrong-accusation ending; add 'endings.wrong.{sid}'",
                )
        pools = {
            "found": case.clues,
            "visited": case.places,
            "searched": case.things,
            "asked": case.topics,
            "connected": {*case.connections, *self.unlinked},
        }
        used = {
            fc.fact.ref
            for cond in _all_conditions(case)
            for fc in facts_in(cond)
            if fc.fact.kind == "connected"
        }
        for conn in case.connections.values():
            if conn.id not in used:
                reader.findings.append(
                    warning(
                        conn.pos,
                        "W102",
                        f"connection '{conn.id}' leads to nothing: no clue or condition says "
                        f"`connected: {conn.id}`; reveal a clue with it, or remove it",
                    )
                )
        named: dict[str, str] = {}
        for clue in case.clues.values():
            key = " ".join(clue.name.casefold().split())
            first = named.setdefault(key, clue.id)
            if first != clue.id:
                reader.findings.append(
                    warning(
                        clue.pos,
                        "W104",
                        f"clues '{first}' and '{clue.id}' are both called '{clue.name}': "
                        "a player cannot tell them apart in a list; give each its own name",
                    )
                )
        for cond in _all_conditions(case):
            for fc in facts_in(cond):
                kind, value = fc.fact.kind, fc.fact.ref
                if kind == "presented":
                    close = self.presented_problem(case, value)
                elif value in pools[kind]:
                    continue
                else:
                    close = reader.suggest(value, pools[kind])
                if close is not None:
                    reader.err(
                        fc.pos,
                        "E010",
                        f"'{kind}: {value}' names nothing in this case"
                        + (close or _fact_fix(kind)),
                    )

    def presented_problem(self, case: Case, value: str) -> str | None:
        """None when `suspect/clue` names a suspect and a clue of the case; else a suggestion
        (or ""). Each part is checked on its own: the pairs of every suspect with every clue
        would be far too many to list."""
        sid, slash, cid = value.partition("/")
        if not slash:
            return ""
        if sid not in case.suspects:
            close = self.reader.closest(sid, case.suspects)
            return f"; did you mean '{close}/{cid}'?" if close and cid in case.clues else ""
        if cid not in case.clues:
            close = self.reader.closest(cid, case.clues)
            return f"; did you mean '{sid}/{close}'?" if close else ""
        return None


def _at(node: YNode | None, *keys: str) -> YNode | None:
    """The node under `keys` of nested mappings, or None."""
    for key in keys:
        if not isinstance(node, YMap):
            return None
        node = node.get(key)
    return node


def _item_pos(node: YNode | None, value: str, default: Pos) -> Pos:
    """Where `value` is written in the list `node` (or its lists), so a finding about one item
    points at that item rather than at the key that holds the list."""
    if isinstance(node, YScalar):
        return node.pos if node.value == value else default
    if isinstance(node, YSeq):
        for item in node.items:
            at = _item_pos(item, value, default)
            if at is not default:
                return at
    return default


def _fact_fix(kind: str) -> str:
    return {
        "found": "; name a clue id",
        "visited": "; name a place id",
        "searched": "; write place/thing, e.g. kitchen/rack",
        "asked": "; write suspect/topic, e.g. pip/morning",
        "presented": "; write suspect/clue, e.g. pip/slip",
        "connected": "; name a connection id (under 'connections')",
    }[kind]


def _all_conditions(case: Case) -> Iterator[Condition]:
    for p in case.places.values():
        yield p.when
        for t in p.things.values():
            yield t.when
    for s in case.suspects.values():
        yield s.when
        for topic in s.topics.values():
            yield topic.when
            for later in topic.later:
                yield later.when
    for c in case.clues.values():
        yield c.revealed_by
    for claim in case.deduction.claims.values():
        if claim.id != "who":  # its options' conditions are the suspects' own
            for o in claim.options.values():
                yield o.when


def _may_be_file(path: Path) -> bool:
    """Whether `path` is a file, or cannot be looked at (its folder then says why)."""
    try:
        return path.is_file()
    except OSError:
        return True


def load_pack(path: str | os.PathLike[str]) -> tuple[Pack | None, list[Finding]]:
    """Load a pack folder (or its pack.yaml). Returns the pack, or None, and every finding."""
    shown = os.fspath(path)
    root = Path(shown)
    if root.name == MANIFEST and _may_be_file(root):
        root = root.parent
        shown = os.fspath(root)
    loader = _PackLoader(root, shown)
    try:
        pack = loader.load()
    except RecursionError:
        loader.reader.err(
            Pos(shown), "E013", "the pack is nested too deeply to read; simplify its deepest parts"
        )
        pack = None
    return pack, sort_findings(loader.reader.findings)


def load_pack_or_raise(path: str | os.PathLike[str]) -> Pack:
    pack, findings = load_pack(path)
    if pack is None:
        raise PackError(findings or [error(Pos(os.fspath(path)), "E001", "cannot load pack")])
    return pack
