"""Play, save, load: the same game comes back, and the file holds the log, never the state."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.saves.conftest import SOLVE, WANDER, play
from whodunit.engine import (
    Accuse,
    Action,
    accusation_options,
    apply,
    available_actions,
    new_game,
    replay,
)
from whodunit.pack.model import Pack
from whodunit.saves import (
    FORMAT_TAG,
    FORMAT_VERSION,
    continue_session,
    decode,
    encode,
    fit_save,
    read_save,
    start_session,
)


def test_play_save_load_gives_the_same_state(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE, notes=[(0, "Start."), (1, "Pip signed the slip.")])
    save = read_save(path)
    fit = fit_save(path, save, teashop)
    case = teashop.cases["tart"]
    assert fit.ok and not fit.pack_changed
    assert fit.steps == len(SOLVE)
    assert fit.state == replay(case, SOLVE)
    assert fit.state.ending == "solved"
    assert list(save.actions) == list(SOLVE)
    assert [(n.step, n.text) for n in save.notes] == [(0, "Start."), (1, "Pip signed the slip.")]
    assert len(save.times) == len(SOLVE)


def test_the_file_is_the_documented_json(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, WANDER, name="wander", notes=[(2, "Hm.")])
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert list(raw) == [
        "format", "version", "pack", "case", "seed", "created", "updated",
        "actions", "notebook", "check",
    ]  # fmt: skip
    assert raw["format"] == FORMAT_TAG and raw["version"] == FORMAT_VERSION
    assert raw["pack"] == {
        "id": "teashop",
        "version": "1.0.0",
        "hash": teashop.content_hash,
        "format": 2,
    }
    assert raw["case"] == "tart" and raw["seed"] is None
    assert raw["actions"][0] == {
        "type": "search", "place": "shop", "thing": "counter", "at": raw["actions"][0]["at"],
    }  # fmt: skip
    assert raw["actions"][1]["type"] == "hint"
    assert raw["notebook"] == [{"text": "Hm.", "step": 2, "at": raw["notebook"][0]["at"]}]
    assert raw["check"].startswith("sha256:")
    assert "state" not in raw and "found" not in path.read_text(encoding="utf-8")
    # one action per line, so that a save reads (and diffs) well
    lines = path.read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in lines if '"type":' in line) == len(WANDER)


def test_encoding_is_canonical(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE, notes=[(3, "naïve — “quoted” \\ back\nslash")])
    data = path.read_bytes()
    assert encode(decode(data)) == data


def test_continue_appends_to_the_same_file(folder: Path, teashop: Pack) -> None:
    path = play(folder, teashop, SOLVE[:3], name="slot")
    session, fit = continue_session(path, teashop)
    with session:
        assert fit.steps == 3 and session.path == path
        for action in SOLVE[3:]:
            assert session.record(action) is None
    save = read_save(path)
    assert list(save.actions) == list(SOLVE)
    assert save.created < save.updated or save.created == save.updated
    assert sorted(p.name for p in folder.iterdir()) == ["slot.json"]  # no lock or temp left


def test_nothing_is_written_before_the_first_change(folder: Path, teashop: Pack) -> None:
    session = start_session(folder, teashop, "tart")
    session.close()
    assert not any(folder.glob("*.json"))


def _legal(pack: Pack) -> st.SearchStrategy[list[Action]]:
    """Sequences of actions drawn from what the rules offer at each step, accusations too."""
    case = pack.cases["tart"]

    @st.composite
    def build(draw: st.DrawFn) -> list[Action]:
        state = new_game(case)
        log: list[Action] = []
        for _ in range(draw(st.integers(0, 25))):
            if state.ended:
                break
            options = available_actions(case, state)
            chosen = accusation_options(case, state)
            if all(chosen.values()) and state.found and draw(st.booleans()):
                picks = tuple((b, draw(st.sampled_from(o))) for b, o in chosen.items())
                held = [f.clue for f in state.found]
                proofs = tuple((b, draw(st.sampled_from(held))) for b in chosen)
                options = [Accuse(picks, proofs)]
            action = draw(st.sampled_from(options))
            state, outcome = apply(case, state, action)
            assert outcome.accepted
            log.append(action)
        return log

    return build()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), notes=st.lists(st.text(max_size=40), max_size=4))
def test_any_game_round_trips(
    tmp_path_factory, teashop: Pack, data: st.DataObject, notes: list[str]
) -> None:
    log = data.draw(_legal(teashop))
    folder = tmp_path_factory.mktemp("saves")
    placed = [(min(i, len(log)), text) for i, text in enumerate(notes)]
    path = play(folder, teashop, log, notes=placed)
    save = read_save(path)
    fit = fit_save(path, save, teashop)
    assert fit.ok and fit.steps == len(log)
    assert fit.state == replay(teashop.cases["tart"], log)
    assert [n.text for n in save.notes] == [t for _, t in sorted(placed, key=lambda p: p[0])]
