"""A pack edited under a save: loaded and said so while every step still fits; otherwise the
first step that no longer fits is named, and the steps before it can be taken over."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.saves.conftest import SOLVE, load, play
from whodunit.engine import Go
from whodunit.pack.model import Pack
from whodunit.saves import (
    SaveDoesNotFit,
    SaveError,
    continue_session,
    fit_save,
    read_save,
    take_over,
)


def test_still_fits(folder: Path, teashop: Pack, example_pack: Path, edit) -> None:
    path = play(folder, teashop, SOLVE[:5], name="game")
    edit(example_pack / "cases" / "tart.yaml", "the smell of cinnamon", "the smell of nutmeg")
    edit(example_pack / "pack.yaml", "version: 1.0.0", "version: 1.0.1")
    changed = load(example_pack)
    fit = fit_save(path, read_save(path), changed)
    assert fit.ok and fit.pack_changed and fit.steps == 5
    assert fit.summary() == (
        "the pack 'teashop' has changed since this save was made (1.0.0 -> 1.0.1), "
        "but all 5 steps still fit"
    )
    session, _ = continue_session(path, changed)
    assert session.record(Go("kitchen")) is None
    session.close()
    saved = read_save(path)
    assert saved.pack.hash == changed.content_hash and saved.pack.version == "1.0.1"


def test_no_longer_fits(folder: Path, teashop: Pack, example_pack: Path, edit) -> None:
    path = play(folder, teashop, SOLVE, name="game")
    old = path.read_bytes()
    tart = example_pack / "cases" / "tart.yaml"
    edit(tart, "  lane:\n    name: Harbour Lane", "  alley:\n    name: Harbour Lane")
    edit(tart, "revealed_by: {searched: lane/cobbles}", "revealed_by: {searched: alley/cobbles}")
    changed = load(example_pack)
    fit = fit_save(path, read_save(path), changed)
    assert not fit.ok and fit.pack_changed and fit.steps == 4
    assert fit.problem is not None
    assert (fit.problem.step, fit.problem.action) == (5, Go("lane"))
    assert fit.summary() == (
        "the pack 'teashop' has changed since this save was made, and step 5 (go lane) no "
        "longer fits: There is no place 'lane' you can go to; the first 4 of its 10 steps fit "
        "and can be loaded as a new game"
    )
    with pytest.raises(SaveDoesNotFit) as info:
        continue_session(path, changed)
    assert info.value.fit.steps == 4
    taken = take_over(folder, info.value.fit, 4, "game-fixed")
    assert taken.error is None
    taken.record(Go("alley"))
    taken.close()
    assert path.read_bytes() == old  # the original is never touched
    new = read_save(folder / "game-fixed.json")
    assert list(new.actions) == [*SOLVE[:4], Go("alley")]
    assert new.pack.hash == changed.content_hash
    assert sorted(p.name for p in folder.iterdir()) == ["game-fixed.json", "game.json"]


def test_another_pack_or_a_case_that_went(
    folder: Path, teashop: Pack, example_pack: Path, edit
) -> None:
    path = play(folder, teashop, SOLVE[:2], name="game")
    edit(example_pack / "pack.yaml", "id: teashop", "id: coffeeshop")
    with pytest.raises(SaveError, match="a save for the pack 'teashop', not 'coffeeshop'"):
        fit_save(path, read_save(path), load(example_pack))
    edit(example_pack / "pack.yaml", "id: coffeeshop", "id: teashop")
    edit(example_pack / "cases" / "tart.yaml", "id: tart", "id: cake")
    with pytest.raises(SaveError, match="has no case 'tart' any more"):
        fit_save(path, read_save(path), load(example_pack))


def _as_format_1(path: Path) -> None:
    """Rewrite a save as a whodunit of pack format 1 wrote it: save format 1, no pack format,
    and its accusation attaching `evidence` to the whole statement."""
    import hashlib
    import json

    data = path.read_text(encoding="utf-8")
    body = data[: data.rindex(',\n  "check"')]
    body = body.replace('"version": 2,', '"version": 1,', 1).replace(', "format": 2}', "}", 1)
    lines = body.split("\n")
    for n, line in enumerate(lines):
        if '"type": "accuse"' in line:
            item = json.loads(line.strip().rstrip(","))
            del item["proofs"]
            item["evidence"] = ["boot_prints", "juice"]
            lines[n] = "    " + json.dumps(item) + ("," if line.endswith(",") else "")
    body = "\n".join(lines)
    digest = hashlib.sha256(body.encode()).hexdigest()
    path.write_text(body + f',\n  "check": "sha256:{digest}"\n}}\n', encoding="utf-8")


def test_a_save_of_pack_format_1(folder: Path, teashop: Pack) -> None:
    """A save made before pack format 2 still loads up to its accusation, which says plainly
    why it cannot be replayed; the file itself is never touched."""
    path = play(folder, teashop, SOLVE, name="old")
    _as_format_1(path)
    old = path.read_bytes()
    save = read_save(path)
    assert save.pack.format == 1
    fit = fit_save(path, save, teashop)
    assert not fit.ok and fit.steps == len(SOLVE) - 1
    assert fit.summary() == (
        "step 10 (accuse who=pip why=hunger how=window) no longer fits: it is an accusation "
        "made under pack format 1, which attached evidence to the whole statement; an "
        "accusation now attaches one clue to each claim, so it cannot be replayed; the first 9 "
        "of its 10 steps fit and can be loaded as a new game"
    )
    with pytest.raises(SaveDoesNotFit):
        continue_session(path, teashop)
    taken = take_over(folder, fit, fit.steps, "old-fixed")
    assert taken.error is None
    taken.close()
    assert path.read_bytes() == old
    assert read_save(folder / "old-fixed.json").pack.format == 2


def test_a_save_records_the_pack_format(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE[:1], name="new")
    assert read_save(path).pack.format == 2
    assert '"format": 2}' in path.read_text(encoding="utf-8")
