"""Loading a pack folder into the model, with every problem reported at file:line:col."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Collection, Iterator
from pathlib import Path
from types import MappingProxyType

from .conditions import Condition, facts_in
from .findings import Finding, PackError, Pos, error, has_errors, sort_findings, warning
from .model import (
    Blank,
    Case,
    Character,
    Clue,
    Deduction,
    Ending,
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
from .reader import Reader
from .yamlsafe import MAX_FILE_BYTES, YamlError, YMap, YNode, YScalar, YSeq, load_file_bytes

MANIFEST = "pack.yaml"
FORMAT_VERSION = 1


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


def _frozen(d: dict) -> MappingProxyType:
    return MappingProxyType(d)


class _PackLoader:
    def __init__(self, root: Path, shown_root: str) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.shown_root = shown_root
        self.r = Reader()
        self.digest = hashlib.sha256()
        self.files_read: dict[Path, str] = {}  # each file read, by real path, as first named
        # When the cast file itself cannot be read, references to it are not reported too.
        self.cast_ok = True

    def shown(self, rel: str) -> str:
        return os.path.join(self.shown_root, rel)

    def read(self, rel: str, pos: Pos) -> YNode | None:
        """Read one pack file, refusing paths that lead outside the pack folder."""
        shown = self.shown(rel)
        if "\0" in rel:
            self.r.err(
                pos, "E001", "this is not a file name: it holds a NUL character (\\0); remove it"
            )
            return None
        if os.path.isabs(rel) or ".." in Path(rel).parts:
            self.r.err(pos, "E012", f"'{rel}' leads outside the pack folder; use a path inside it")
            return None
        path = self.root / rel
        try:
            real = path.resolve()
            real.relative_to(self.real_root)
        except ValueError:
            self.r.err(
                pos,
                "E012",
                f"'{rel}' is a link that leads outside the pack folder; "
                "copy the file into the pack folder instead",
            )
            return None
        except OSError as exc:
            self.r.err(
                pos,
                "E001",
                f"cannot read '{rel}': {exc.strerror or exc}; check the path and its permissions",
            )
            return None
        if real in self.files_read:
            self.r.err(
                pos,
                "E009",
                f"'{rel}' is the file '{self.files_read[real]}' again; list each file once",
            )
            return None
        try:
            data = read_pack_file(real)
        except FileNotFoundError:
            self.r.err(pos, "E001", f"file '{rel}' does not exist; create it or fix the path")
            return None
        except IsADirectoryError:
            self.r.err(pos, "E001", f"'{rel}' is a folder; name a YAML file")
            return None
        except NotARegularFile:
            self.r.err(
                pos,
                "E001",
                f"'{rel}' is not a regular file (a pipe or a device); make it a YAML file",
            )
            return None
        except OSError as exc:
            self.r.err(
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
            self.r.findings.append(exc.finding)
            return None

    # -- the pack -----------------------------------------------------------------------
    def load(self) -> Pack | None:
        r = self.r
        manifest_pos = Pos(self.shown(MANIFEST))
        try:
            is_folder = self.root.is_dir()
        except OSError as exc:  # a folder on the way that this user may not enter
            r.err(
                Pos(self.shown_root),
                "E001",
                f"cannot read the pack folder: {exc.strerror or exc}; check its permissions",
            )
            return None
        if not is_folder:
            r.err(
                Pos(self.shown_root),
                "E001",
                "no such pack folder; give the folder that holds pack.yaml",
            )
            return None
        node = self.read(MANIFEST, manifest_pos)
        m = r.mapping(node, "the manifest", manifest_pos) if node is not None else None
        if m is None:
            return None
        r.keys(
            m,
            "the manifest",
            ["format", "id", "title", "version", "authors", "licence", "cast", "cases"],
            ["about", "notice"],
        )
        fmt = r.integer(m, "format", "the manifest", FORMAT_VERSION, 0, 999)
        if fmt != FORMAT_VERSION:
            r.err(
                m.key_pos("format"),
                "E011",
                f"this whodunit reads pack format {FORMAT_VERSION}, not {fmt}; "
                "update whodunit or the pack",
            )
        pack_id = self._id_value(m, "id", "pack")
        cast = self.load_cast(m)
        cases: dict[str, Case] = {}
        case_ids_in_order: list[str] = []
        for item in r.text_list(m, "cases", "the manifest"):
            case = self.load_case(item.value, item.pos, cast, case_ids_in_order)
            if case is None:
                continue
            if case.id in cases:
                r.err(case.pos, "E009", f"case id '{case.id}' is used by two cases; rename one")
                continue
            cases[case.id] = case
            case_ids_in_order.append(case.id)
        if not r.text_list(m, "cases", "the manifest") and m.get("cases") is not None:
            r.err(m.key_pos("cases"), "E011", "the pack lists no cases; add at least one case file")
        walkthroughs = self.find_walkthroughs()
        # Read the manifest's texts before deciding: a list where text belongs is an error too.
        texts = {k: r.text(m, k, "the manifest") for k in ("title", "version", "licence")}
        about, notice = r.text(m, "about", "the manifest"), r.text(m, "notice", "the manifest")
        authors = tuple(s.value for s in r.text_list(m, "authors", "the manifest"))
        if has_errors(r.findings):
            return None
        self.report_unlisted()  # only for a pack that loads: no cascade from a broken manifest
        return Pack(
            id=pack_id,
            title=texts["title"],
            version=texts["version"],
            format=fmt,
            authors=authors,
            licence=texts["licence"],
            about=about,
            notice=notice,
            cast=_frozen(cast),
            cases=_frozen(cases),
            root=str(self.root),
            content_hash=self.digest.hexdigest(),
            walkthroughs=walkthroughs,
            pos=manifest_pos,
        )

    def _id_value(self, m: YMap, key: str, what: str) -> str:
        node = m.get(key)
        if isinstance(node, YScalar) and not node.is_null:
            self.r.ident(node, what)
            return node.value
        if node is not None:
            self.r.text(m, key, what)
        return ""

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
                self.r.findings.append(
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

    def load_cast(self, manifest: YMap) -> dict[str, Character]:
        r = self.r
        rel = r.text(manifest, "cast", "the manifest")
        if not rel:
            self.cast_ok = False
            return {}
        node = self.read(rel, manifest.key_pos("cast"))
        m = r.mapping(node, "the cast file", Pos(self.shown(rel))) if node is not None else None
        if m is None:
            self.cast_ok = False
            return {}
        r.keys(m, "the cast file", ["characters"])
        chars = r.mapping(m.get("characters"), "'characters'", m.pos)
        cast: dict[str, Character] = {}
        for key, body in r.entries(chars, "character"):
            r.keys(body, f"character '{key.value}'", ["name"], ["description"])
            cast[key.value] = Character(
                key.value,
                r.text(body, "name", f"character '{key.value}'", key.value),
                r.text(body, "description", f"character '{key.value}'"),
                key.pos,
            )
        return cast

    # -- a case -------------------------------------------------------------------------
    def load_case(
        self, rel: str, pos: Pos, cast: dict[str, Character], earlier: list[str]
    ) -> Case | None:
        r = self.r
        node = self.read(rel, pos)
        m = r.mapping(node, "a case file", Pos(self.shown(rel))) if node is not None else None
        if m is None:
            return None
        where = f"case file '{rel}'"
        r.keys(
            m,
            where,
            ["id", "title", "briefing", "places", "suspects", "clues", "deduction", "endings"],
            ["victim", "start", "requires"],
        )
        case_id = self._id_value(m, "id", "case")
        places = self.load_places(m)
        suspects = self.load_suspects(m, cast)
        clues = self.load_clues(m)
        deduction = self.load_deduction(m, suspects)
        solved, out, wrong = self.load_endings(m)
        things = {t.ref: t for p in places.values() for t in p.things.values()}
        topics = {t.ref: t for s in suspects.values() for t in s.topics.values()}
        case = Case(
            id=case_id,
            title=r.text(m, "title", where),
            briefing=r.text(m, "briefing", where),
            victim=r.text(m, "victim", where) or None,
            start=r.text(m, "start", where) or None,
            requires=tuple(s.value for s in r.text_list(m, "requires", where)),
            places=_frozen(places),
            suspects=_frozen(suspects),
            clues=_frozen(clues),
            deduction=deduction,
            solved=solved,
            out_of_chances=out,
            wrong=_frozen(wrong),
            pos=m.pos,
            things=_frozen(things),
            topics=_frozen(topics),
            clue_watchers=_frozen(clue_watchers(clues)),
        )
        self.check_references(case, m, cast, earlier)
        return case

    def load_places(self, case: YMap) -> dict[str, Place]:
        r = self.r
        places: dict[str, Place] = {}
        for key, body in r.entries(r.mapping(case.get("places"), "'places'", case.pos), "place"):
            what = f"place '{key.value}'"
            r.keys(body, what, ["name", "things"], ["description", "when"])
            things: dict[str, Thing] = {}
            for tkey, tbody in r.entries(
                r.mapping(body.get("things"), "'things'", body.pos), "thing"
            ):
                twhat = f"thing '{key.value}/{tkey.value}'"
                r.keys(tbody, twhat, ["name", "text"], ["when"])
                things[tkey.value] = Thing(
                    tkey.value,
                    key.value,
                    r.text(tbody, "name", twhat),
                    r.text(tbody, "text", twhat),
                    r.condition(tbody.get("when"), tkey.pos),
                    tkey.pos,
                )
            places[key.value] = Place(
                key.value,
                r.text(body, "name", what),
                r.text(body, "description", what),
                r.condition(body.get("when"), key.pos),
                _frozen(things),
                key.pos,
            )
        return places

    def load_suspects(self, case: YMap, cast: dict[str, Character]) -> dict[str, Suspect]:
        r = self.r
        suspects: dict[str, Suspect] = {}
        node = r.mapping(case.get("suspects"), "'suspects'", case.pos)
        for key, body in r.entries(node, "suspect"):
            what = f"suspect '{key.value}'"
            r.keys(body, what, ["intro", "topics"], ["when", "reactions", "default_reaction"])
            topics: dict[str, Topic] = {}
            for tkey, tbody in r.entries(
                r.mapping(body.get("topics"), "'topics'", body.pos), "topic"
            ):
                twhat = f"topic '{key.value}/{tkey.value}'"
                r.keys(tbody, twhat, ["ask", "answer"], ["when"])
                topics[tkey.value] = Topic(
                    tkey.value,
                    key.value,
                    r.text(tbody, "ask", twhat),
                    r.text(tbody, "answer", twhat),
                    r.condition(tbody.get("when"), tkey.pos),
                    tkey.pos,
                )
            reactions: dict[str, Reaction] = {}
            rnode = r.mapping(body.get("reactions"), f"'reactions' of {what}", body.pos)
            for rkey, rvalue in rnode.items if rnode else ():
                if not isinstance(rvalue, YScalar) or rvalue.is_null:
                    r.err(
                        rvalue.pos,
                        "E007",
                        f"the reaction to '{rkey.value}' should be text; write what the suspect "
                        "says when shown that clue",
                    )
                    continue
                reactions[rkey.value] = Reaction(rkey.value, rvalue.value.rstrip(), rkey.pos)
            character = cast.get(key.value)
            suspects[key.value] = Suspect(
                key.value,
                character.name if character else key.value,
                r.text(body, "intro", what),
                r.condition(body.get("when"), key.pos),
                _frozen(topics),
                _frozen(reactions),
                r.text(body, "default_reaction", what, "They have nothing to say about that."),
                key.pos,
            )
        return suspects

    def load_clues(self, case: YMap) -> dict[str, Clue]:
        r = self.r
        clues: dict[str, Clue] = {}
        for key, body in r.entries(r.mapping(case.get("clues"), "'clues'", case.pos), "clue"):
            what = f"clue '{key.value}'"
            r.keys(body, what, ["name", "text", "revealed_by"], ["points_to", "rules_out"])
            clues[key.value] = Clue(
                key.value,
                r.text(body, "name", what),
                r.text(body, "text", what),
                r.condition(body.get("revealed_by"), key.pos),
                tuple(s.value for s in r.text_list(body, "points_to", what)),
                tuple(s.value for s in r.text_list(body, "rules_out", what)),
                key.pos,
            )
        return clues

    def load_blank(self, key: YScalar, body: YMap) -> Blank:
        r = self.r
        what = f"blank '{key.value}'"
        r.keys(body, what, ["prompt", "answer", "options"])
        options: dict[str, Option] = {}
        for okey, obody in r.entries(
            r.mapping(body.get("options"), "'options'", body.pos), "option"
        ):
            owhat = f"option '{key.value}/{okey.value}'"
            r.keys(obody, owhat, ["text"], ["when"])
            options[okey.value] = Option(
                okey.value,
                r.text(obody, "text", owhat),
                r.condition(obody.get("when"), okey.pos),
                okey.pos,
            )
        return Blank(
            key.value,
            r.text(body, "prompt", what),
            r.text(body, "answer", what),
            _frozen(options),
            key.pos,
        )

    def load_deduction(self, case: YMap, suspects: dict[str, Suspect]) -> Deduction:
        r = self.r
        d = r.mapping(case.get("deduction"), "'deduction'", case.pos) or YMap((), case.pos, {})
        r.keys(d, "the deduction", ["who", "evidence"], ["chances", "blanks"])
        chances = r.integer(d, "chances", "the deduction", 3, 1, 99)
        who_node = r.mapping(d.get("who"), "'who'", d.pos) or YMap((), d.pos, {})
        r.keys(who_node, "'who'", ["prompt", "answer"])
        who_options = {s.id: Option(s.id, s.name, s.when, s.pos) for s in suspects.values()}
        who = Blank(
            "who",
            r.text(who_node, "prompt", "'who'", "Who did it?"),
            r.text(who_node, "answer", "'who'"),
            _frozen(who_options),
            d.key_pos("who"),
        )
        blanks: dict[str, Blank] = {}
        for key, body in r.entries(r.mapping(d.get("blanks"), "'blanks'", d.pos), "blank"):
            if key.value in ("who", "evidence"):
                r.err(key.pos, "E009", f"'{key.value}' is reserved; give this blank another id")
                continue
            blanks[key.value] = self.load_blank(key, body)
        ev = r.mapping(d.get("evidence"), "'evidence'", d.pos) or YMap((), d.pos, {})
        r.keys(ev, "'evidence'", ["required"], ["prompt"])
        return Deduction(
            chances,
            who,
            _frozen(blanks),
            r.text(ev, "prompt", "'evidence'", "Which evidence proves it?"),
            self.evidence_groups(ev),
            d.pos,
        )

    def evidence_groups(self, ev: YMap) -> tuple[tuple[str, ...], ...]:
        """`required: [a, [b, c]]`: a, and b or c."""
        node = ev.get("required")
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return ()
        items = node.items if isinstance(node, YSeq) else (node,)
        groups: list[tuple[str, ...]] = []
        for item in items:
            alts = item.items if isinstance(item, YSeq) else (item,)
            if not alts or not all(isinstance(a, YScalar) and not a.is_null for a in alts):
                self.r.err(
                    item.pos,
                    "E007",
                    "each entry of 'required' is a clue id, or a list of clue ids of which any "
                    "one will do, such as [photos, dinner_lie]",
                )
                continue
            groups.append(tuple(a.value for a in alts))  # type: ignore[union-attr]
        return tuple(groups)

    def load_endings(self, case: YMap) -> tuple[Ending, Ending, dict[str, Ending]]:
        r = self.r
        e = r.mapping(case.get("endings"), "'endings'", case.pos) or YMap((), case.pos, {})
        r.keys(e, "the endings", ["solved", "out_of_chances"], ["wrong"])

        def one(node: YNode | None, ending_id: str, pos: Pos) -> Ending:
            body = r.mapping(node, f"ending '{ending_id}'", pos) or YMap((), pos, {})
            if node is not None:
                r.keys(body, f"ending '{ending_id}'", ["title", "text"])
            return Ending(
                ending_id,
                r.text(body, "title", f"ending '{ending_id}'"),
                r.text(body, "text", f"ending '{ending_id}'"),
                body.pos,
            )

        solved = one(e.get("solved"), "solved", e.pos)
        out = one(e.get("out_of_chances"), "out_of_chances", e.pos)
        wrong: dict[str, Ending] = {}
        for key, body in r.entries(r.mapping(e.get("wrong"), "'wrong'", e.pos), "suspect"):
            wrong[key.value] = one(body, f"wrong:{key.value}", key.pos)
        return solved, out, wrong

    # -- references ---------------------------------------------------------------------
    def check_references(
        self, case: Case, m: YMap, cast: dict[str, Character], earlier: list[str]
    ) -> None:
        r = self.r

        def ref(pos: Pos, value: str, pool: Collection[str], what: str, fix: str) -> None:
            if pool is cast and not self.cast_ok:
                return
            if value not in pool:
                close = r.suggest(value, pool)
                r.err(pos, "E010", f"no {what} '{value}'{close}" + ("" if close else f"; {fix}"))

        if case.victim:
            ref(m.key_pos("victim"), case.victim, cast, "character", "add them to the cast")
        if case.start:
            ref(m.key_pos("start"), case.start, case.places, "place", "add it under 'places'")
        for req in case.requires:
            ref(
                m.key_pos("requires"),
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
            for sid in (*c.points_to, *c.rules_out):
                ref(c.pos, sid, case.suspects, "suspect", "name a suspect of this case")
        d = case.deduction
        if d.who.answer:
            ref(d.who.pos, d.who.answer, case.suspects, "suspect", "the answer must be a suspect")
        for b in d.blanks.values():
            if b.answer:
                ref(b.pos, b.answer, b.options, f"option of '{b.id}'", "add it under 'options'")
            if not b.options:
                r.err(b.pos, "E011", f"blank '{b.id}' has no options; add at least two")
        for cid in sorted(d.evidence_clues):
            ref(d.pos, cid, case.clues, "clue", "require clues of this case")
        if not d.evidence:
            r.err(d.pos, "E011", "'evidence.required' is empty; name the clues that prove it")
        for sid, ending in case.wrong.items():
            ref(ending.pos, sid, case.suspects, "suspect", "'wrong' endings are per suspect")
        for sid, s in case.suspects.items():
            if sid != d.who.answer and sid not in case.wrong:
                r.err(
                    s.pos,
                    "E205",
                    f"suspect '{sid}' has no wrong-accusation ending; add 'endings.wrong.{sid}'",
                )
        pools = {
            "found": case.clues,
            "visited": case.places,
            "searched": case.things,
            "asked": case.topics,
        }
        for cond in _all_conditions(case):
            for fc in facts_in(cond):
                kind, value = fc.fact.kind, fc.fact.ref
                if kind == "presented":
                    close = self.presented_problem(case, value)
                elif value in pools[kind]:
                    continue
                else:
                    close = r.suggest(value, pools[kind])
                if close is not None:
                    r.err(
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
            close = self.r.closest(sid, case.suspects)
            return f"; did you mean '{close}/{cid}'?" if close and cid in case.clues else ""
        if cid not in case.clues:
            close = self.r.closest(cid, case.clues)
            return f"; did you mean '{sid}/{close}'?" if close else ""
        return None


def _fact_fix(kind: str) -> str:
    return {
        "found": "; name a clue id",
        "visited": "; name a place id",
        "searched": "; write place/thing, e.g. kitchen/rack",
        "asked": "; write suspect/topic, e.g. pip/morning",
        "presented": "; write suspect/clue, e.g. pip/slip",
    }[kind]


def _all_conditions(case: Case) -> Iterator[Condition]:
    for p in case.places.values():
        yield p.when
        for t in p.things.values():
            yield t.when
    for s in case.suspects.values():
        yield s.when
        for t in s.topics.values():
            yield t.when
    for c in case.clues.values():
        yield c.revealed_by
    for b in case.deduction.blanks.values():
        for o in b.options.values():
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
        loader.r.err(
            Pos(shown), "E013", "the pack is nested too deeply to read; simplify its deepest parts"
        )
        pack = None
    return pack, sort_findings(loader.r.findings)


def load_pack_or_raise(path: str | os.PathLike[str]) -> Pack:
    pack, findings = load_pack(path)
    if pack is None:
        raise PackError(findings or [error(Pos(os.fspath(path)), "E001", "cannot load pack")])
    return pack
