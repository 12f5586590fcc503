"""`whodunit new DIR`: write a small, complete, playable pack to start from.

The pack is copied from the template folder `newpack/` next to this module (a case with suspects,
places, clues, a deduction, endings and walkthroughs, with comments that teach), plus
`schema.json`, which the `# yaml-language-server: $schema=...` comment at the top of each YAML file
points to, so editors complete and check the files offline.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..pack.reader import ID_RE
from ..pack.schema import schema_json
from .commands import help_for

TEMPLATE = "newpack"
SCHEMA_FILE = "schema.json"

README = """\
# {title}

A whodunit clue pack. The commands an author uses, from this folder's parent:

    whodunit validate {name}            check every file; each problem as file:line:col
    whodunit test {name}                run the walkthroughs in {name}/walkthroughs/
    whodunit graph {name}               the shape of the case: what reveals what
    whodunit play --plain --watch {name}  play it, reloading as you save

The format is described in docs/pack-format.md of whodunit, every error code in
docs/diagnostics.md, and docs/authoring.md is a tutorial from this template to your own mystery.
`whodunit schema > {name}/schema.json` refreshes the schema that editors use.
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new",
        help=help_for("new"),
        description="Write a small, complete, valid and playable clue pack into DIR, "
        "with comments that teach the format.",
    )
    p.add_argument("dir", metavar="DIR", help="a new or empty folder for the pack")
    p.add_argument("--title", help="the pack's title (default: from the folder's name)")
    p.set_defaults(handler=run)


def pack_id_for(folder: Path) -> str:
    """An id from a folder name: `My Mystery!` becomes `my-mystery`."""
    raw = re.sub(r"[^a-z0-9_-]+", "-", folder.name.lower()).strip("-_")
    if not raw or not raw[0].isalpha():
        raw = f"pack-{raw}".rstrip("-")
    raw = raw[:64].rstrip("-_")
    return raw if ID_RE.match(raw) else "my-pack"


def _yaml_text(text: str) -> str:
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.'!?()-]*", text) and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _template_files(root: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in sorted(root.iterdir(), key=lambda t: t.name):
        rel = f"{prefix}{item.name}"
        if item.is_dir():
            out += _template_files(item, rel + "/")
        elif not item.name.startswith((".", "__")):
            out.append((rel, item.read_text(encoding="utf-8")))
    return out


def template_files(pack_id: str, title: str) -> list[tuple[str, str]]:
    """The files of a new pack, as (relative path, text)."""
    root = resources.files("whodunit.cli").joinpath(TEMPLATE)
    files = []
    for rel, text in _template_files(root):
        text = text.replace("{{id}}", pack_id).replace("{{title}}", _yaml_text(title))
        files.append((rel, text))
    files.append((SCHEMA_FILE, schema_json()))
    files.append(("README.md", README.format(title=title, name=pack_id)))
    return sorted(files)


def run(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    try:
        if target.exists() and not target.is_dir():
            print(f"whodunit: '{target}' is a file; give a new or empty folder", file=sys.stderr)
            return 1
        if target.is_dir() and any(target.iterdir()):
            print(
                f"whodunit: '{target}' is not empty; give a new or empty folder "
                "(whodunit new never overwrites files)",
                file=sys.stderr,
            )
            return 1
        name = target.resolve().name or "my-pack"
        pack_id = pack_id_for(Path(name))
        title = args.title or name.replace("-", " ").replace("_", " ").strip().title() or "My Pack"
        files = template_files(pack_id, title)
        for rel, text in files:
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(
            f"whodunit: cannot write the pack into '{target}': {exc.strerror or exc}; "
            "check the folder's permissions",
            file=sys.stderr,
        )
        return 1
    shown = str(target)
    print(f"Created the clue pack '{pack_id}' in {shown}:")
    for rel, _ in files:
        print(f"  {Path(shown, rel)}")
    print()
    print("Next:")
    print(f"  whodunit validate {shown}              check it (it is valid and fair)")
    print(f"  whodunit test {shown}                  run its walkthroughs")
    print(f"  whodunit play --plain --watch {shown}  play it, reloading as you edit")
    print(f"  whodunit graph {shown}                 see what reveals what")
    print("The tutorial docs/authoring.md takes it from here to a mystery of your own.")
    return 0
