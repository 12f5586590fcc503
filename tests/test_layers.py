"""The import contract: each layer imports only the layers below it (pack → engine → saves →
tui → cli, with `text` beneath them all), and nothing below the UI imports Textual or Rich.
Every import counts, including those inside functions; the package itself (its version) is
open to all."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src" / "whodunit"
BELOW: dict[str, set[str]] = {
    "text": set(),
    "pack": {"text"},
    "engine": {"pack", "text"},
    "saves": {"engine", "pack", "text"},
    "tui": {"saves", "engine", "pack", "text"},
    "cli": {"tui", "saves", "engine", "pack", "text"},
    "__main__": {"cli"},
    "__init__": set(),
}
UI_LIBRARIES = {"textual", "rich"}


def layer_of(name: str) -> str:
    parts = name.split(".")
    if len(parts) < 2 or (not (SRC / parts[1]).exists() and not (SRC / f"{parts[1]}.py").exists()):
        return "__init__"  # the package itself, or a name it holds (its version)
    return parts[1]


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute name) for every import in the file; `from M import x` gives `M` and
    `M.x` (x may be a module)."""
    rel = path.relative_to(SRC.parent).with_suffix("")
    package = list(rel.parts[:-1])
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.append((node.lineno, name))
            out += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return out


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        layer = layer_of(module)
        for line, name in imports(path):
            top = name.split(".")[0]
            if top == "whodunit":
                target = layer_of(name)
                if target not in (layer, "__init__") and target not in BELOW[layer]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: {layer} imports {name}")
            elif top in UI_LIBRARIES and layer not in ("tui", "cli"):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {layer} imports {name}")
    assert wrong == []


def test_the_contract_sees_relative_imports() -> None:
    """A check that could not fail would prove nothing: a relative import is resolved."""
    found = dict((name, line) for line, name in imports(SRC / "engine" / "rules.py"))
    assert any(name.startswith("whodunit.pack") for name in found)


def import_graph() -> dict[str, set[str]]:
    modules = {
        ".".join(p.relative_to(SRC.parent).with_suffix("").parts): p for p in SRC.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges = graph.setdefault(module, set())
        for _, name in imports(path):
            # `from .pkg import name` may name a module: take the longest known module.
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and modules[name].name != "__init__.py":
                edges.add(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_module_imports_itself_through_others() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
