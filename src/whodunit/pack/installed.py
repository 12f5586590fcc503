"""Packs published as Python packages: entry points in the group `whodunit.packs`.

A distribution declares, in its pyproject.toml:

    [project.entry-points."whodunit.packs"]
    lighthouse = "lighthouse_pack"                 # a package whose folder holds pack.yaml
    # or
    lighthouse = "lighthouse_pack:pack_path"       # a function returning the pack folder's path

The entry point's *name* is the id players type (`whodunit play lighthouse`). Its *value* is
either a module or package name — the folder of that package (or of that module's file) must
hold pack.yaml, and it is found without running the package's code — or `module:attribute`, where
the attribute is a function that takes no arguments and returns the pack folder (a str or a
path), or is such a path itself.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

GROUP = "whodunit.packs"
MANIFEST = "pack.yaml"


@dataclass(frozen=True)
class InstalledPack:
    name: str  # the entry point's name: the id players type
    value: str  # the entry point's value, e.g. "lighthouse_pack"
    distribution: str  # the installed distribution that declares it
    path: Path | None  # the pack folder, or None when it cannot be found
    problem: str = ""  # why it cannot be found, said so the user knows what to do


def entry_points() -> list[metadata.EntryPoint]:
    seen: set[str] = set()
    out = []
    for ep in sorted(metadata.entry_points(group=GROUP), key=lambda e: e.name):
        if ep.name in seen:  # the same distribution found twice on sys.path
            continue
        seen.add(ep.name)
        out.append(ep)
    return out


def _dist_name(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return getattr(dist, "name", None) or "an installed package"


def _module_folder(module: str) -> Path | None:
    """The folder of a module or package, found without importing it where possible."""
    spec = importlib.util.find_spec(module)
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    if spec.origin and spec.origin not in ("built-in", "frozen"):
        return Path(spec.origin).parent
    return None


def locate(ep: metadata.EntryPoint) -> InstalledPack:
    """Where an entry point's pack lives; never raises for a broken entry point."""
    dist = _dist_name(ep)
    fix = f"reinstall or uninstall {dist}"

    def broken(why: str) -> InstalledPack:
        return InstalledPack(ep.name, ep.value, dist, None, f"{why}; {fix}")

    module, _, attr = ep.value.partition(":")
    module, attr = module.strip(), attr.strip()
    try:
        if not attr:
            folder = _module_folder(module)
            if folder is None:
                return broken(f"module '{module}' is not installed")
        else:
            target = importlib.import_module(module)
            for part in attr.split("."):
                target = getattr(target, part)
            value = target() if callable(target) else target
            if not isinstance(value, (str, os.PathLike)) and not hasattr(value, "joinpath"):
                return broken(f"'{ep.value}' gave {type(value).__name__}, not a folder path")
            folder = Path(str(value))
    except Exception as exc:  # a broken third-party package must not break the game
        return broken(f"'{ep.value}' could not be loaded ({type(exc).__name__}: {exc})")
    if folder.name == MANIFEST:
        folder = folder.parent
    if not (folder / MANIFEST).is_file():
        return broken(f"'{folder}' holds no {MANIFEST}")
    return InstalledPack(ep.name, ep.value, dist, folder)


def installed_packs() -> list[InstalledPack]:
    """Every pack declared by an installed distribution, by name."""
    try:
        points = entry_points()
    except Exception:  # unreadable metadata of some other distribution
        return []
    return [locate(ep) for ep in points]


def find_installed(name: str) -> InstalledPack | None:
    try:
        points = entry_points()
    except Exception:
        return None
    for ep in points:
        if ep.name == name:
            return locate(ep)
    return None
