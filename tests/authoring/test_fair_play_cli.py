"""`whodunit validate` on an unfair case: the finding, the order of play that proves it, and a
walkthrough of it that the game itself plays to the loss."""

from __future__ import annotations

import json
from pathlib import Path

from tests.authoring.test_commands import no_traceback, run

CLOSABLE_ALIBI = (
    "        ask: Where were you before the judging?\n",
    "        ask: Where were you before the judging?\n        when: {not: {asked: pip/morning}}\n",
)


def test_an_unfair_case_prints_the_order_of_play_that_loses_it(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", *CLOSABLE_ALIBI)
    out = run("validate", str(example_pack))
    no_traceback(out)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert "[E202]" in lines[0] and "suspect 'finch'" in lines[0]
    assert lines[1] == "  lost by: ask pip morning"


def test_the_counterexample_is_a_walkthrough_the_game_plays_to_the_loss(
    example_pack: Path, edit, tmp_path: Path
) -> None:
    edit(example_pack / "cases/tart.yaml", *CLOSABLE_ALIBI)
    walk = tmp_path / "lose.txt"
    out = run("validate", str(example_pack), "--counterexample", str(walk))
    assert out.returncode == 1 and walk.exists()
    played = run("play", "--plain", str(example_pack), "--script", str(walk))
    assert played.returncode == 0, played.stdout + played.stderr
    # After the walkthrough, Finch's alibi can no longer be asked for.
    walk.write_text(walk.read_text() + "ask finch judging\n")
    refused = run("play", "--plain", str(example_pack), "--script", str(walk))
    assert refused.returncode != 0
    no_traceback(refused)


def test_json_and_exhaustive_agree_on_the_counterexample(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", *CLOSABLE_ALIBI)
    fast = json.loads(run("validate", str(example_pack), "--format", "json").stdout)
    exact = json.loads(
        run("validate", str(example_pack), "--format", "json", "--exhaustive").stdout
    )
    assert fast == exact
    [finding] = fast["findings"]
    assert finding["code"] == "E202" and finding["counterexample"] == ["ask pip morning"]


def test_a_fair_pack_has_no_counterexample_and_still_passes(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLE

    out = run("validate", str(EXAMPLE), "--counterexample", str(tmp_path / "x.txt"))
    assert out.returncode == 0 and "no counterexample" in out.stderr
    assert not (tmp_path / "x.txt").exists()


def test_a_counterexample_through_a_connection_links_it_with_connect(
    example_pack: Path, edit, tmp_path: Path
) -> None:
    """Mr Finch's alibi closes once the prints and Pip's route are put together: the
    walkthrough makes that link as a player would, and the game then refuses the alibi."""
    edit(
        example_pack / "cases/tart.yaml",
        "        ask: Where were you before the judging?\n",
        "        ask: Where were you before the judging?\n"
        "        when: {not: {connected: prints-and-route}}\n",
    )
    walk = tmp_path / "lose.txt"
    out = run("validate", str(example_pack), "--counterexample", str(walk))
    assert out.returncode == 1
    commands = [line for line in walk.read_text().splitlines() if not line.startswith("#")]
    assert commands[-1] == "connect boot_prints pip/morning"
    assert "connect boot_prints pip/morning" in out.stdout.splitlines()[1]
    played = run("play", "--plain", str(example_pack), "--script", str(walk))
    assert played.returncode == 0, played.stdout + played.stderr
    walk.write_text(walk.read_text() + "ask finch judging\n")
    refused = run("play", "--plain", str(example_pack), "--script", str(walk))
    assert refused.returncode != 0
    no_traceback(refused)


def test_a_tell_is_a_warning_and_the_case_still_passes(example_pack: Path, edit) -> None:
    edit(
        example_pack / "cases/tart.yaml",
        "        hunger:\n          text: hunger\n",
        "        hunger:\n          text: hunger\n          when: {found: confession}\n",
    )
    out = run("validate", str(example_pack))
    no_traceback(out)
    assert out.returncode == 0
    assert "[W209]" in out.stdout and "'why/hunger' gives itself away" in out.stdout
