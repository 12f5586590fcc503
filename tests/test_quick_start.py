"""The README's Quick start installs from the lock, and CI runs exactly its test command."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def locked(name: str) -> dict[str, str]:
    """Package name → pinned version, failing if any pin lacks a hash."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        if block.startswith("#") or not block.strip():
            continue
        head = block.split(";", 1)[0].split("\\", 1)[0].strip()
        package, version = head.split("==")
        assert "--hash=sha256:" in block, f"{package} in {name} has no hash"
        pins[package.lower().replace("_", "-")] = version
    return pins


def declared(extra: str | None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    if extra:
        specs += project["optional-dependencies"][extra]
    return {re.split(r"[<>=!~\[ ;]", s, maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def test_there_are_two_commands_and_both_install_from_the_lock() -> None:
    play, test = quick_start_commands()
    assert "--require-hashes -r requirements/play.txt" in play and play.endswith("whodunit")
    assert "--require-hashes -r requirements/test.txt" in test and "pytest" in test
    for command in (play, test):
        assert "--no-deps" in command, "the project itself adds nothing the lock did not pin"


def test_ci_runs_the_readme_test_command() -> None:
    _, test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
    assert "ruff format --check" in test


def test_the_lock_pins_every_declared_dependency_with_hashes() -> None:
    assert declared(None) <= set(locked("play.txt"))
    assert declared("test") <= set(locked("test.txt"))
    play, test = locked("play.txt"), locked("test.txt")
    assert {p: v for p, v in test.items() if p in play} == play, "one version of each package"
