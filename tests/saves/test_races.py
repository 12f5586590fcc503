"""Two games on one save, and games killed while they save: whatever happens, the save left on
disk loads and every step of it fits (as `whodunit replay --verify` checks), and it never loses
what an earlier game saved."""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from whodunit.cli import saving
from whodunit.cli.main import main
from whodunit.engine import Go
from whodunit.pack.model import Pack
from whodunit.saves import SaveLocked, continue_session, continued, fit_save, read_save
from whodunit.saves.lock import SaveLock

from .conftest import SOLVE, play


def figures(capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Print what a run measured, for docs/saves.md: `WHODUNIT_FIGURES=1 pytest -s ...`."""
    if os.environ.get("WHODUNIT_FIGURES"):
        with capsys.disabled():
            print(f"\n{text}")


def verify(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """`whodunit replay SAVE --verify`: its status and what it said."""
    capsys.readouterr()
    code = main(["replay", str(path), "--verify", "--pack", str(EXAMPLE)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_a_game_written_while_another_loads_the_pack_is_not_built_on(
    folder: Path, teashop: Pack, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """B continues a save; while B loads the pack (the slow part), A continues the same save
    and goes to the shop. B must either have the lock already (A is refused) or build its game
    from what A wrote, never play on from what it read before."""
    path = play(folder, teashop, SOLVE[:2], name="game")  # in the kitchen
    real = saving.pack_to_play
    other: list[str] = []

    def slow_pack(name: str | None) -> Pack | None:
        try:
            session, _ = continue_session(path, teashop)
        except SaveLocked:
            other.append("refused")
        else:
            with session:
                assert session.record(Go("shop")) is None
            other.append("played")
        return real(name)

    monkeypatch.setattr(saving, "pack_to_play", slow_pack)
    monkeypatch.setattr(sys, "stdin", io.StringIO("search rack\nstatus\nquit\n"))
    code = main(["play", "--plain", str(EXAMPLE), "--load", "game", "--saves-dir", str(folder)])
    out = capsys.readouterr().out
    assert other == ["refused"]  # B took the lock before it read the save
    assert code == 0 and "Continuing 'game' at step 2." in out
    save = read_save(path)
    assert save.actions[:2] == SOLVE[:2] and save.steps == 3
    assert fit_save(path, save, teashop).ok
    assert f"Step {save.steps}." in out  # the game B played is the one in the file
    assert "ok:" in verify(path, capsys)


# -- killed while saving ---------------------------------------------------------------------
KILLS = 40
COMMANDS = "go kitchen\ngo shop\n" * 1500  # more than any child lives to play


class Plain:
    """`whodunit play --plain PACK ARGS` in a forked process, so that no interpreter has to
    start for each of the many games: the commands go to its stdin, and its stdout is
    unbuffered, so what was read of it is what the player saw when the process was killed."""

    def __init__(self, folder: Path, *args: str) -> None:
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child, which is killed
            code = 70
            try:
                for fd in (in_w, out_r, err_r):
                    os.close(fd)
                sys.stdin = open(in_r, encoding="utf-8")  # noqa: SIM115
                sys.stdout = open(out_w, "w", encoding="utf-8", buffering=1)  # noqa: SIM115
                sys.stderr = open(err_w, "w", encoding="utf-8", buffering=1)  # noqa: SIM115
                sys.stdout.reconfigure(write_through=True)
                code = main(["play", "--plain", str(EXAMPLE), *args, "--saves-dir", str(folder)])
            finally:
                os._exit(code)
        for fd in (in_r, out_w, err_w):
            os.close(fd)
        self.pid = pid
        self.stdin: int | None = in_w
        self.out = {out_r: b"", err_r: b""}  # what was read from stdout and stderr
        self.stdout, self.stderr = out_r, err_r
        self.deadline = time.monotonic() + 60  # a game that hangs fails the test, not CI

    def _read(self, until: Callable[[], bool]) -> None:
        """Read stdout and stderr as they come, until `until()` or both end."""
        open_fds = [fd for fd in self.out if fd >= 0]
        while open_fds and not until():
            left = self.deadline - time.monotonic()
            if left <= 0:
                os.kill(self.pid, signal.SIGKILL)
                pytest.fail(f"the game hung: {self.out[self.stdout][-500:]!r}")
            ready, _, _ = select.select(open_fds, [], [], left)
            for fd in ready:
                chunk = os.read(fd, 1 << 16)
                self.out[fd] += chunk
                if not chunk:
                    open_fds.remove(fd)

    def read_until(self, text: bytes) -> bytes:
        """Stdout up to the moment `text` has appeared in it."""
        self._read(lambda: text in self.out[self.stdout])
        assert text in self.out[self.stdout], self.out[self.stderr].decode()
        return self.out[self.stdout]

    def type(self, commands: str) -> None:
        """Type `commands` and close the input (a game refused the save reads none of it)."""
        assert self.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            os.write(self.stdin, commands.encode())
        os.close(self.stdin)
        self.stdin = None

    def kill(self) -> tuple[int, bytes]:
        """Kill the game (SIGKILL) unless it has ended: its exit status, and its stdout."""
        os.kill(self.pid, signal.SIGKILL)
        code, out, _ = self.wait()
        return code, out

    def wait(self) -> tuple[int, bytes, str]:
        """The game's exit status, stdout and stderr when it has ended."""
        if self.stdin is not None:
            os.close(self.stdin)
            self.stdin = None
        self._read(lambda: False)
        for fd in self.out:
            os.close(fd)
        _, status = os.waitpid(self.pid, 0)
        out, err = self.out[self.stdout], self.out[self.stderr].decode()
        return os.waitstatus_to_exitcode(status), out, err


def continuing(folder: Path) -> Plain:
    """Plain mode continuing the save `game`."""
    return Plain(folder, "--load", "game")


def shown_actions(output: bytes) -> int:
    """Moves the player was shown (whole lines only: a kill may cut the last one short)."""
    lines = output.decode("utf-8", "replace").split("\n")[:-1]
    return sum(line in ("> The kitchen", "> The shop floor") for line in lines)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a game to kill it")
def test_plain_games_killed_at_random_moments_never_leave_a_broken_save(
    folder: Path, teashop: Pack, capsys
) -> None:
    """KILLS plain-mode games continue one save, each killed (SIGKILL) at a random moment while
    it plays and saves. After every kill the save loads and verifies, holds every step the
    save before it held, and lacks at most the one move whose save the kill cut short."""
    path = play(folder, teashop, SOLVE[:1], name="game", notes=[(1, "x" * 90_000)])  # a big
    rng = random.Random(20261202)  # file, so that kills often land inside a write
    before = read_save(path)
    intact = lost = shown_total = cut_short = 0
    for _ in range(KILLS):
        child = continuing(folder)
        child.type(COMMANDS)
        child.read_until(b"Continuing 'game' at step")  # the save is locked and read
        time.sleep(rng.uniform(0.0, 0.06))
        code, output = child.kill()
        assert code == -signal.SIGKILL
        cut_short += any(p.name.endswith(".tmp") for p in folder.iterdir())
        save = read_save(path)  # loads, every time
        assert "ok:" in verify(path, capsys)  # and every step fits
        assert save.actions[: before.steps] == before.actions  # nothing saved before is lost
        assert save.notes == before.notes
        shown = shown_actions(output)
        gained = save.steps - before.steps
        assert 0 <= shown - gained <= 1, (shown, gained)  # at most the move being saved
        intact += 1
        lost += shown - gained
        shown_total += shown
        before = save
    # The next game on the save clears what the killed ones left behind.
    session, _ = continue_session(path, teashop)
    session.close()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert before.steps > 1 + KILLS // 4  # the children did get to play
    figures(
        capsys,
        f"{KILLS} kills, {intact} saves intact, {shown_total} moves shown, {lost} lost "
        f"(each the move being saved when killed), {cut_short} kills inside a write",
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks the games")
def test_two_games_started_on_one_save_at_once(folder: Path, teashop: Pack, capsys) -> None:
    """Two plain games continue the same save, the second a random moment after the first.
    Each is refused the save (another whodunit has it) or plays on from what the other saved:
    whatever the order, the save verifies and holds every move of every game that played."""
    path = play(folder, teashop, SOLVE[:1], name="game")
    rng = random.Random(2026)
    moves = "go kitchen\ngo shop\nstatus\nquit\n"
    refused = both = 0
    for _ in range(12):
        first = continuing(folder)
        first.type(moves)
        time.sleep(rng.uniform(0.0, 0.06))
        second = continuing(folder)
        second.type(moves)
        played: list[tuple[int, int]] = []  # (the step it continued at, the step it ended at)
        for game in (first, second):
            code, stdout, err = game.wait()
            out = stdout.decode()
            if code == 1:
                assert "this save is open in another whodunit" in err
                refused += 1
                continue
            assert code == 0, err
            start = int(re.findall(r"Continuing 'game' at step (\d+)\.", out)[0])
            end = int(re.findall(r"Step (\d+)\. Clues found", out)[-1])
            assert end == start + 2
            played.append((start, end))
        played.sort()
        assert played, "one of the two games plays"
        if len(played) == 2:  # one after the other: the second went on from the first's end
            assert played[1][0] == played[0][1]
            both += 1
        save = read_save(path)
        assert save.steps == played[-1][1]
        assert "ok:" in verify(path, capsys)
    assert refused + both == 12
    figures(capsys, f"12 pairs: {refused} refused, {both} played one after the other")


def test_a_game_that_gets_the_lock_late_never_writes_over_another(
    folder: Path, teashop: Pack
) -> None:
    """A game that could not take the lock when it loaded the save (a read-only folder, made
    writable later) checks, when it first gets the lock, that the save is still the one it
    read: if another game has written it meanwhile, that game's save is kept."""
    path = play(folder, teashop, SOLVE[:2], name="game")
    late = continued(fit_save(path, read_save(path), teashop), SaveLock(path))  # lock not held
    assert late.record(SOLVE[2]) is None  # nobody wrote meanwhile: the lock is taken late
    late.close()

    late = continued(fit_save(path, read_save(path), teashop), SaveLock(path))
    other, _ = continue_session(path, teashop)
    with other:
        assert other.record(Go("shop")) is None
    theirs = path.read_bytes()
    problem = late.record(SOLVE[3])
    assert problem is not None and "has been changed by another whodunit" in problem
    assert path.read_bytes() == theirs
    assert not late.lock.held  # and it does not keep the save from anyone
    again, _ = continue_session(path, teashop)
    again.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a game to kill it")
def test_walkthroughs_killed_while_they_make_their_save(
    tmp_path: Path, teashop: Pack, capsys
) -> None:
    """`--script FILE --save NAME` killed at random moments: the save is not there yet, or it
    loads, verifies, and holds the walkthrough's first moves."""
    folder = tmp_path / "saves"
    script = tmp_path / "solve.txt"
    lines = (EXAMPLE / "walkthroughs" / "solve.txt").read_text(encoding="utf-8").splitlines()
    big = "note " + "x" * 30_000  # a big save, but less than the pipe holds (no one reads it)
    script.write_text("\n".join([big, *lines]) + "\n", encoding="utf-8")
    walked = tuple(SOLVE[i] for i in (0, 6, 1, 2, 3, 4, 5, 7, 8, 9))  # solve.txt asks Pip first
    rng = random.Random(7)
    made = 0
    for n in range(16):
        child = Plain(folder, "--script", str(script), "--save", f"w{n}")
        child.type("")
        child.read_until(b"\n")  # the game has begun
        time.sleep(rng.uniform(0.0, 0.04))
        code, _ = child.kill()
        path = folder / f"w{n}.json"
        if not path.exists():
            continue
        save = read_save(path)
        assert save.actions == walked[: save.steps]
        assert "ok:" in verify(path, capsys)
        assert code == -signal.SIGKILL or save.actions == walked  # a walkthrough that ended
        made += 1  # before the kill saved all of it
    figures(capsys, f"16 walkthroughs killed: {made} had made their save, all intact")
