"""`whodunit upgrade PACK [--out DIR]`: rewrite a pack of format 1 in format 2.

Format 1 judged an accusation by `deduction.who`, `deduction.blanks` and one list of
`deduction.evidence` for the whole statement; format 2 has `deduction.claims`, `who` first, each
with the clues that prove it (docs/pack-format.md, "From format 1"). The rewrite is made on the
text, so that the author's comments and layout stay where they can:

- `format: 1` becomes `format: 2`;
- `who:` and every blank become claims under `claims:`; each gets a `proof:` (a plain question
  the author should make specific) and `proven_by:`: for `who`, every clue the evidence named;
  for another claim, the clues its true option's `when` names, or else the first evidence clue;
- `evidence:` goes (its clues now prove `who`);
- every walkthrough's `accuse ... evidence=...` attaches a clue to each claim instead.

What it could only guess is listed for the author to review. Nothing is written unless every
file can be rewritten; a pack that is not of format 1 is left as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .commands import help_for
from .report import err

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
GENERIC_PROOF = "Which clue proves it?"
_STALE = re.compile(r"\bblanks?\b|\bevidence\b", re.I)
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'?!()/_-]*")
_NOT_PLAIN = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "upgrade",
        help=help_for("upgrade"),
        description="Rewrite a clue pack of format 1 in format 2: the deduction's `who`, blanks "
        "and evidence become claims, each with the clues that prove it, and the walkthroughs' "
        "accusations attach a clue to each claim. Comments are kept where the text allows; "
        "what the author should review is listed at the end.",
    )
    p.add_argument("pack", metavar="PACK", help="the pack's folder (or its pack.yaml)")
    p.add_argument(
        "--out",
        metavar="DIR",
        help="write the upgraded pack into DIR (new or empty) and leave PACK as it is",
    )
    p.set_defaults(handler=run)


class CannotUpgrade(Exception):
    """Why the pack cannot be rewritten, as a phrase."""


@dataclass
class Upgrade:
    """The rewritten text of each file that changes (by its path relative to the pack), and
    what the author should look at."""

    files: dict[str, str] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)


# -- reading ------------------------------------------------------------------------------------
def _data(path: Path, text: str) -> Any:
    from ..pack.schema import to_data
    from ..pack.yamlsafe import YamlError, parse_text

    try:
        return to_data(parse_text(str(path), text))
    except YamlError as exc:
        raise CannotUpgrade(f"{path.name} is not YAML that can be read: {exc}") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CannotUpgrade(
            f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}"
        ) from None


def _ids(value: Any) -> list[str]:
    """The clue ids of an evidence list: each entry an id, or a list of ids (any one will do)."""
    if isinstance(value, str):
        return [value]
    out: list[str] = []
    for item in value if isinstance(value, list) else []:
        out += _ids(item)
    return list(dict.fromkeys(out))


def _found_in(cond: Any) -> list[str]:
    """The clue ids a condition's `found:` facts name."""
    out: list[str] = []
    if isinstance(cond, dict):
        for key, value in cond.items():
            if key == "found" and isinstance(value, str):
                out.append(value)
            else:
                out += _found_in(value)
    elif isinstance(cond, list):
        for item in cond:
            out += _found_in(item)
    return out


# -- writing YAML -------------------------------------------------------------------------------
def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if (
        _PLAIN.fullmatch(text)
        and text.lower() not in _NOT_PLAIN
        and not text.rstrip().endswith(":")
        and not re.fullmatch(r"[-+.0-9e]+", text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


# -- the deduction ------------------------------------------------------------------------------
@dataclass
class Claims:
    """What each claim (who first) gets: its proof's clues; its answer."""

    proven_by: dict[str, list[str]]
    answers: dict[str, str]
    evidence: list[str]


def plan_claims(deduction: dict[str, Any], where: str, review: list[str]) -> Claims:
    who = deduction.get("who")
    evidence = deduction.get("evidence")
    if not isinstance(who, dict) or not isinstance(evidence, dict):
        raise CannotUpgrade(
            f"{where}: the deduction has no `who:` and `evidence:` of format 1 to rewrite"
        )
    clues = _ids(evidence.get("required"))
    if not clues:
        raise CannotUpgrade(f"{where}: `evidence.required` names no clue to prove `who` with")
    proven_by = {"who": clues}
    answers = {"who": str(who.get("answer", ""))}
    blanks = deduction.get("blanks") or {}
    if not isinstance(blanks, dict):
        raise CannotUpgrade(f"{where}: `deduction.blanks` should be a mapping of blanks")
    groups = [g for g in (evidence.get("required") or []) if isinstance(g, list)]
    if groups:
        review.append(
            f"{where}: `who` is proven by any of {', '.join(clues)} (every clue of the evidence, "
            "its groups too): keep only those that show who it was"
        )
    for bid, blank in blanks.items():
        blank = blank if isinstance(blank, dict) else {}
        answer = str(blank.get("answer", ""))
        options = blank.get("options")
        true = options.get(answer) if isinstance(options, dict) else None
        named = _found_in(true.get("when")) if isinstance(true, dict) else []
        if named:
            proven_by[bid] = named
        else:
            proven_by[bid] = clues[:1]
            review.append(
                f"{where}: `{bid}` is proven by {clues[0]} for now (its true option names no "
                "clue): list the clues that show it"
            )
        answers[bid] = answer
    review.append(
        f"{where}: every claim asks `{GENERIC_PROOF}`: say what the clue must show, such as "
        "“What puts them at the rail?”"
    )
    review.append(
        f"{where}: a clue that states a conclusion, or a contradiction that reveals itself when "
        "its conditions hold, is better as an insight the player makes: a `connections:` entry "
        "and a clue `revealed_by: {connected: ID}` (docs/authoring.md)"
    )
    return Claims(proven_by, answers, clues)


def _top_level_block(lines: list[str], key: str) -> tuple[int, int] | None:
    """The lines [start, end) of the top-level `key:` and what is indented under it; comments
    and blank lines at its end belong to what follows."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"{key}\s*:", line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return start, end


def _children(body: list[str]) -> tuple[int, list[tuple[str, list[str]]]] | None:
    """The keys directly under a block-style mapping, each with its lines (the comments before
    a key go with it), and their indent; None when the body is not plainly block style."""
    keyed = [line for line in body if line.strip() and not line.lstrip().startswith("#")]
    if not keyed:
        return None
    indent = len(keyed[0]) - len(keyed[0].lstrip())
    out: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for line in body:
        stripped = line.lstrip()
        at = len(line) - len(stripped)
        if stripped and not stripped.startswith("#") and at == indent:
            m = re.match(r"([A-Za-z0-9_-]+)\s*:(.*)$", stripped)
            if m is None:
                return None
            out.append((m.group(1), [*pending, line]))
            pending = []
        elif stripped and not stripped.startswith("#") and at < indent:
            return None
        elif out and not (stripped.startswith("#") and at <= indent):
            out[-1][1].extend([*pending, line])
            pending = []
        else:
            pending.append(line)
    if out and pending:
        out[-1][1].extend(pending)
    return indent, out


def _is_block(lines: list[str]) -> bool:
    """Whether a key's lines hold nothing after `key:` but a comment (its children below)."""
    head = next(line for line in lines if line.strip() and not line.lstrip().startswith("#"))
    rest = head.split(":", 1)[1].strip()
    return not rest or rest.startswith("#")


def _shift(lines: list[str], by: int) -> list[str]:
    return [(" " * by + line) if line.strip() else line for line in lines]


def _claim_lines(
    name: str, lines: list[str], indent: int, proven_by: list[str], shift: int
) -> list[str]:
    """A claim's lines, shifted, with `proof:` and `proven_by:` before its `options:` (or at
    its end)."""
    lines = _shift(lines, shift)
    inner = " " * (indent + shift + 2)
    added = [
        f"{inner}# Written by `whodunit upgrade`: say what the clue must show, and check the list.",
        f"{inner}proof: {GENERIC_PROOF}",
        f"{inner}proven_by: {_flow(proven_by)}",
    ]
    at = next((i for i, line in enumerate(lines) if line.startswith(f"{inner}options:")), None)
    if at is None:
        at = len(lines)
        while at > 1 and not lines[at - 1].strip():
            at -= 1
    while at > 1 and lines[at - 1].lstrip().startswith("#") and lines[at - 1].startswith(inner):
        at -= 1  # a comment just above `options:` stays with it
    return [*lines[:at], *added, *lines[at:]]


def rewrite_deduction(text: str, where: str, review: list[str]) -> tuple[str, Claims]:
    """The case file's text with its deduction in format 2."""
    data = _data(Path(where), text)
    if not isinstance(data, dict) or not isinstance(data.get("deduction"), dict):
        raise CannotUpgrade(f"{where}: it has no `deduction:` to rewrite")
    deduction = data["deduction"]
    if "claims" in deduction:
        raise CannotUpgrade(f"{where}: its deduction has `claims:` already (format 2)")
    claims = plan_claims(deduction, where, review)
    lines = text.split("\n")
    span = _top_level_block(lines, "deduction")
    assert span is not None  # the data has it
    start, end = span
    head, body = lines[start], lines[start + 1 : end]
    parsed = _children(body) if _is_block([head]) else None
    if parsed is not None and all(_is_block(lines_) for k, lines_ in parsed[1] if k != "chances"):
        indent, children = parsed
        new = [head]
        for key, key_lines in children:
            if key not in ("who", "blanks", "evidence"):
                new += key_lines
        new.append(" " * indent + "claims:")
        for key, key_lines in children:
            if key == "who":
                new += _claim_lines("who", key_lines, indent, claims.proven_by["who"], indent)
        for key, key_lines in children:
            if key == "blanks":
                at = next(
                    i for i, ln in enumerate(key_lines) if ln.strip() and ln.strip()[0] != "#"
                )
                new += _shift(key_lines[:at], indent)  # its comments, now above the claims
                sub = _children(key_lines[at + 1 :])
                if sub is None:
                    break
                for bid, blank_lines in sub[1]:
                    new += _claim_lines(bid, blank_lines, sub[0], claims.proven_by[bid], 0)
        else:
            comments = [ln for k, ls in children if k == "evidence" for ln in ls if "#" in ln]
            if comments:
                review.append(
                    f"{where}: the comments under `evidence:` went with it; say again what "
                    "they said beside the claims if it still holds"
                )
            lines[start:end] = new
            return "\n".join(lines), claims
    # Not plainly block style: write the deduction anew (its comments cannot be kept).
    review.append(
        f"{where}: the deduction was not written in block style, so it was written anew and any "
        "comments in it are gone"
    )
    lines[start:end] = _deduction_anew(deduction, claims)
    return "\n".join(lines), claims


def _deduction_anew(deduction: dict[str, Any], claims: Claims) -> list[str]:
    out = ["deduction:"]
    if "chances" in deduction:
        out.append(f"  chances: {_scalar(deduction['chances'])}")
    out.append("  claims:")
    who = deduction["who"]
    out += [
        "    who:",
        f"      prompt: {_scalar(who.get('prompt', 'Who did it?'))}",
        f"      proof: {GENERIC_PROOF}",
        f"      answer: {_scalar(who.get('answer', ''))}",
        f"      proven_by: {_flow(claims.proven_by['who'])}",
    ]
    for bid, blank in (deduction.get("blanks") or {}).items():
        blank = blank if isinstance(blank, dict) else {}
        out += [
            f"    {_scalar(bid)}:",
            f"      prompt: {_scalar(blank.get('prompt', ''))}",
            f"      proof: {GENERIC_PROOF}",
            f"      answer: {_scalar(blank.get('answer', ''))}",
            f"      proven_by: {_flow(claims.proven_by[bid])}",
            "      options:",
        ]
        for oid, option in (blank.get("options") or {}).items():
            out.append(f"        {_scalar(oid)}: {_flow(option)}")
    return out


# -- walkthroughs -------------------------------------------------------------------------------
_ACCUSE = re.compile(r"^(\s*)(accuse)\s+(.*)$", re.I)


def rewrite_accusation(line: str, claims: Claims) -> str | None:
    """A walkthrough's format-1 accusation with a proof attached to each claim; None when the
    line is not one."""
    m = _ACCUSE.match(line)
    if m is None or "evidence=" not in m.group(3):
        return None
    answers: list[tuple[str, str]] = []
    attached: list[str] = []
    for word in m.group(3).split():
        key, _, value = word.partition("=")
        if key == "evidence":
            attached += [c for c in value.split(",") if c]
        else:
            answers.append((key, value))
    parts = []
    for claim, answer in answers:
        proof = _proof_for(claim, answer, attached, claims)
        parts.append(f"{claim}={answer}:{proof}" if proof else f"{claim}={answer}")
    return f"{m.group(1)}{m.group(2)} {' '.join(parts)}"


def _proof_for(claim: str, answer: str, attached: list[str], claims: Claims) -> str:
    proving = claims.proven_by.get(claim, [])
    right = claims.answers.get(claim) == answer
    for clue in attached:
        if right and clue in proving:
            return clue
    if right and claim != "who" and proving:
        return proving[0]  # the clue that unlocked the true option: found by then
    return attached[0] if attached else ""


# -- the whole pack -----------------------------------------------------------------------------
def plan(root: Path) -> Upgrade:
    """The rewritten files of the format-1 pack in `root`, or CannotUpgrade."""
    up = Upgrade()
    manifest_path = root / "pack.yaml"
    if not manifest_path.is_file():
        raise CannotUpgrade(f"there is no pack.yaml in {root}")
    manifest_text = _read(manifest_path)
    manifest = _data(manifest_path, manifest_text)
    if not isinstance(manifest, dict):
        raise CannotUpgrade("pack.yaml is not a manifest")
    fmt = manifest.get("format")
    if fmt == 2:
        raise AlreadyDone(f"'{root}' is of format 2 already; there is nothing to upgrade")
    if fmt != 1:
        raise CannotUpgrade(f"pack.yaml says `format: {fmt}`; only format 1 can be upgraded")
    new_manifest, count = re.subn(r"(?m)^format(\s*):(\s*)1\b", r"format\1:\g<2>2", manifest_text)
    if count != 1:
        raise CannotUpgrade("pack.yaml's `format: 1` is not on a line of its own")
    up.files["pack.yaml"] = new_manifest
    cases = manifest.get("cases")
    cases = [cases] if isinstance(cases, str) else cases if isinstance(cases, list) else []
    plans: dict[str, Claims] = {}
    for rel in cases:
        path = (root / str(rel)).resolve()
        if not path.is_relative_to(root.resolve()):
            raise CannotUpgrade(f"the case file '{rel}' is outside the pack folder")
        text, claims = rewrite_deduction(_read(path), str(rel), up.review)
        stale = [
            str(n)
            for n, line in enumerate(text.split("\n"), 1)
            if "#" in line and _STALE.search(line.split("#", 1)[1])
        ]
        if stale:
            up.review.append(
                f"{rel}: the comments at lines {', '.join(stale)} speak of blanks or evidence; "
                "format 2 says claims and proofs"
            )
        ends = _data(path, text).get("endings")
        if isinstance(ends, dict) and ends.get("wrong"):
            up.review.append(
                f"{rel}: the `endings.wrong` texts are now shown only when the case is lost, "
                "with the last accusation: a walkthrough that expects one after an earlier "
                "accusation needs changing"
            )
        up.files[str(rel)] = text
        case = _data(path, text)
        plans[str(case.get("id", "")) if isinstance(case, dict) else ""] = claims
    walkthroughs = root / "walkthroughs"
    for path in sorted(walkthroughs.glob("*.txt")) if walkthroughs.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        text = _read(path)
        wanted = re.search(r"(?m)^#!\s*case\s+(\S+)", text)
        first = next(iter(plans.values()), None)
        walked = plans.get(wanted.group(1)) if wanted else first
        if walked is None:
            continue
        out, changed = [], False
        for line in text.split("\n"):
            new = rewrite_accusation(line, walked)
            out.append(line if new is None else new)
            changed |= new is not None
        if changed:
            up.files[rel] = "\n".join(out)
    return up


class AlreadyDone(CannotUpgrade):
    pass


def _write(path: Path, text: str) -> None:
    """Write a file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _after(target: Path) -> Iterator[str]:
    """What to review once the pack is written: its findings, and walkthroughs that fail."""
    from ..pack.fairplay import check_pack
    from ..pack.loader import load_pack
    from .plain import run_script

    pack, findings = load_pack(target)
    for f in findings:
        yield str(f)
    if pack is None:
        return
    for f in check_pack(pack):
        yield str(f)
    for w in pack.walkthroughs:
        result = run_script(pack, Path(w.path).read_text(encoding="utf-8"), lambda s: None)
        for problem in result.problems:
            yield f"walkthroughs/{Path(w.path).name}: {problem}"


def run(args: argparse.Namespace) -> int:
    from ..text import clean

    given = Path(args.pack)
    root = given.parent if given.name == "pack.yaml" else given
    if not root.is_dir():
        err(f"no pack folder '{root}'")
        return EXIT_USAGE
    try:
        up = plan(root)
    except AlreadyDone as exc:
        print(clean(str(exc)))
        return EXIT_OK
    except CannotUpgrade as exc:
        err(f"cannot upgrade '{root}': {exc}")
        return EXIT_FAIL
    target = root
    if args.out:
        target = Path(args.out)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            err(f"'{target}' is not a new or empty folder; give another --out")
            return EXIT_USAGE
        try:
            shutil.copytree(root, target, dirs_exist_ok=True)
        except OSError as exc:
            err(f"cannot copy the pack to '{target}': {exc.strerror or exc}")
            return EXIT_FAIL
    try:
        for rel, text in up.files.items():
            _write(target / rel, text)
    except OSError as exc:
        err(f"cannot write the upgraded pack into '{target}': {exc.strerror or exc}")
        return EXIT_FAIL
    print(clean(f"Upgraded '{target}' to format 2: {', '.join(up.files)}."))
    print("Review:")
    for line in up.review:
        print(clean(f"  - {line}"))
    problems = list(_after(target))
    for line in problems:
        print(clean(f"  - {line}"))
    print(
        'Then read docs/pack-format.md ("From format 1") and docs/authoring.md on writing '
        "claims, proofs and connections, and run `whodunit validate` and `whodunit test`."
    )
    return EXIT_FAIL if any(": error:" in p for p in problems) else EXIT_OK
