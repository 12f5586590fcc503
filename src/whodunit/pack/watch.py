"""Watching a pack folder while its author edits it: polling, no extra dependency.

    watcher = PackWatcher("mypack")          # loads it once
    watcher.pack, watcher.findings           # the current good version (or None) and its findings
    event = watcher.poll()                   # call every half second or so
    if event is not None:                    # something changed on disk
        if event.ok: use event.pack          # loaded: switch to it (engine.Game.reload)
        else: show event.findings            # broken: keep running watcher.pack

`poll` looks at the size and modification time of every YAML file under the folder, and only when
one of those changed does it read the files and compare their contents, so saving a file without
changing it does not reload. Hidden files and folders (editor swap files) are ignored.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .fairplay import check_pack
from .findings import Finding, Severity, sort_findings
from .loader import MANIFEST, load_pack, read_pack_file
from .model import Pack

SUFFIXES = (".yaml", ".yml")
MAX_FILES = 2000


@dataclass(frozen=True)
class Reload:
    """What one change on disk led to."""

    pack: Pack | None  # the new version, or None when the edit broke the pack
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pack is not None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def _load(path: Path, check: bool) -> Reload:
    pack, findings = load_pack(path)
    if pack is not None and check:
        findings = sort_findings([*findings, *check_pack(pack)])
    return Reload(pack, findings)


class PackWatcher:
    """Reloads a pack when its files change; keeps the last version that loaded."""

    def __init__(self, path: str | os.PathLike[str], *, check: bool = True) -> None:
        self.path = Path(path)
        self.root = self.path.parent if self.path.name == MANIFEST else self.path
        self.check = check
        self._stat = self._fingerprint()
        self._digest = self._contents()
        first = _load(self.path, check)
        self.pack: Pack | None = first.pack
        self.findings: list[Finding] = first.findings

    def _files(self) -> list[Path]:
        out: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(SUFFIXES) and not name.startswith("."):
                    out.append(Path(dirpath) / name)
                    if len(out) >= MAX_FILES:
                        return out
        return out

    def _fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        out = []
        for p in self._files():
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((str(p), st.st_mtime_ns, st.st_size))
        return tuple(out)

    def _contents(self) -> str:
        h = hashlib.sha256()
        for name, _, _ in self._stat:
            h.update(name.encode() + b"\0")
            try:
                h.update(read_pack_file(name))
            except OSError:
                h.update(b"\1unreadable")
            h.update(b"\0")
        return h.hexdigest()

    def poll(self) -> Reload | None:
        """None when nothing changed; else the result of reloading the pack."""
        stat = self._fingerprint()
        if stat == self._stat:
            return None
        self._stat = stat
        digest = self._contents()
        if digest == self._digest:
            return None
        self._digest = digest
        return self.reload()

    def reload(self) -> Reload:
        """Load the pack now, whether or not anything changed."""
        event = _load(self.path, self.check)
        if event.pack is not None:
            self.pack = event.pack
            self.findings = event.findings
        return event
