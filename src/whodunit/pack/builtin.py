"""Finding packs: the built-in ones shipped with whodunit, or a folder given by the player."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_dir() -> Path:
    """The folder of built-in packs: inside the installed package, or `story/` of a checkout."""
    shipped = Path(str(resources.files("whodunit"))) / "story"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "story"


def builtin_packs() -> dict[str, Path]:
    root = builtin_dir()
    if not root.is_dir():
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if (p / "pack.yaml").is_file()}


DEFAULT_PACK = "archer"


class PackNotFound(LookupError):
    pass


def resolve_pack(name: str | None) -> Path:
    """A pack folder from a path, or the id of a built-in or installed pack (see installed.py)."""
    packs = builtin_packs()
    if name is None:
        if DEFAULT_PACK in packs:
            return packs[DEFAULT_PACK]
        if packs:
            return next(iter(packs.values()))
        raise PackNotFound("no built-in pack is installed; give a pack folder")
    path = Path(name)
    try:
        if path.is_dir() or path.name == "pack.yaml":
            return path
    except OSError:  # a folder this user cannot enter: the loader says so, at that path
        return path
    if name in packs:
        return packs[name]
    from .installed import find_installed, installed_packs

    found = find_installed(name)
    if found is not None:
        if found.path is None:
            raise PackNotFound(f"installed pack '{name}' cannot be found: {found.problem}")
        return found.path
    known = ", ".join([*packs, *(p.name for p in installed_packs() if p.path)]) or "none"
    raise PackNotFound(
        f"no pack '{name}': give a folder that holds pack.yaml, or the id of a pack "
        f"from `whodunit list` ({known})"
    )
