"""Live reload: the engine rebases a game onto an edited case; the watcher reloads a pack when its
files change and keeps the last good version when an edit breaks it; plain mode ties them."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from whodunit.engine import Go, Search, new_game, parse_action, replay
from whodunit.engine import replay_log as rebase
from whodunit.pack.loader import load_pack_or_raise
from whodunit.pack.watch import PackWatcher

SOLVE_START = ["search counter", "go kitchen", "search rack", "search window", "go lane"]


def actions(case, lines: list[str]):
    state = new_game(case)
    out = []
    for line in lines:
        action = parse_action(line, state.location)
        state = replay(case, [*out, action])
        out.append(action)
    return out


# -- engine: rebase ------------------------------------------------------------------------------
def test_rebase_onto_the_same_case_keeps_everything(example_pack: Path) -> None:
    case = load_pack_or_raise(example_pack).cases["tart"]
    log = actions(case, SOLVE_START)
    result = rebase(case, log)
    assert result.complete and result.dropped is None
    assert result.kept == tuple(log)
    assert result.state == replay(case, log)
    assert result.state.location == "lane"


def test_rebase_onto_an_edited_case_keeps_the_valid_prefix(example_pack: Path, edit) -> None:
    case = load_pack_or_raise(example_pack).cases["tart"]
    log = actions(case, SOLVE_START)
    path = example_pack / "cases/tart.yaml"
    edit(path, "      window:\n", "      sash:\n")
    edit(path, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    edit(path, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    new_case = load_pack_or_raise(example_pack).cases["tart"]
    result = rebase(new_case, log)
    assert result.kept == tuple(log[:3])
    assert result.state == replay(new_case, log[:3])
    assert result.state.location == "kitchen"
    dropped = result.dropped
    assert dropped is not None
    assert (dropped.step, dropped.action, dropped.later) == (4, Search("kitchen", "window"), 1)
    assert dropped.why == "There is nothing called 'window' to search in The kitchen"
    assert dropped.describe() == (
        "step 4 `search window` was dropped (There is nothing called 'window' to search in "
        "The kitchen), and the 1 step(s) after it"
    )


def test_rebase_keeps_what_the_new_text_says(example_pack: Path, edit) -> None:
    case = load_pack_or_raise(example_pack).cases["tart"]
    log = actions(case, SOLVE_START[:3])
    edit(example_pack / "cases/tart.yaml", "Purple plum juice", "Dark plum juice")
    new_case = load_pack_or_raise(example_pack).cases["tart"]
    result = rebase(new_case, log)
    assert result.complete
    assert new_case.places["kitchen"].things["rack"].text.startswith("Dark plum juice")
    assert result.state.found_ids == replay(case, log).found_ids


def test_rebase_of_an_empty_log_and_of_a_first_step_that_no_longer_fits(
    example_pack: Path, edit
) -> None:
    case = load_pack_or_raise(example_pack).cases["tart"]
    assert rebase(case, []).state == new_game(case)
    edit(example_pack / "cases/tart.yaml", "start: shop\n", "")
    new_case = load_pack_or_raise(example_pack).cases["tart"]
    result = rebase(new_case, [Search("shop", "counter"), Go("kitchen")])
    assert result.kept == () and result.dropped is not None and result.dropped.step == 1
    assert result.state == new_game(new_case)


# -- pack: the watcher ---------------------------------------------------------------------------
def test_watcher_reloads_on_edit_and_survives_a_broken_edit(example_pack: Path, edit) -> None:
    w = PackWatcher(example_pack)
    assert w.pack is not None and w.findings == []
    first = w.pack
    assert w.poll() is None
    case = example_pack / "cases/tart.yaml"
    edit(case, "title: The Vanished Tart", "title: The Vanished Plum Tart")
    event = w.poll()
    assert event is not None and event.ok
    assert event.pack is w.pack and w.pack.cases["tart"].title == "The Vanished Plum Tart"
    assert w.poll() is None

    good = w.pack
    edit(case, "    name: The kitchen", "    name: [The kitchen")
    broken = w.poll()
    assert broken is not None and not broken.ok and broken.pack is None
    assert [f.code for f in broken.errors] == ["E002"]
    assert str(broken.errors[0]).startswith(f"{case}:")
    assert w.pack is good, "the last good version keeps running"

    edit(case, "    name: [The kitchen", "    name: The kitchen")
    fixed = w.poll()
    assert fixed is not None and fixed.ok and w.pack is not good and w.pack is not first


def test_watcher_ignores_saves_that_change_nothing(example_pack: Path) -> None:
    w = PackWatcher(example_pack)
    case = example_pack / "cases/tart.yaml"
    st = case.stat()
    os.utime(case, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert w.poll() is None
    (example_pack / ".tart.yaml.swp").write_bytes(b"\0editor swap")
    assert w.poll() is None


def test_watcher_sees_new_files_and_reports_fair_play(example_pack: Path, edit) -> None:
    w = PackWatcher(example_pack)
    (example_pack / "cases" / "pie.yaml").write_text("id: pie\n")
    event = w.poll()
    assert event is not None and event.ok
    assert [f.code for f in event.findings] == ["W102"]
    edit(example_pack / "cases/tart.yaml", "rules_out: [finch]", "rules_out: []")
    event = w.poll()
    assert event is not None and event.ok, "a fair-play error does not stop play"
    assert "E202" in {f.code for f in event.findings}


def test_watcher_on_a_pack_that_never_loaded(example_pack: Path, edit) -> None:
    edit(example_pack / "pack.yaml", "format: 2", "format: 7")
    w = PackWatcher(example_pack / "pack.yaml")
    assert w.pack is None and [f.code for f in w.findings] == ["E011"]
    edit(example_pack / "pack.yaml", "format: 7", "format: 2")
    event = w.poll()
    assert event is not None and event.ok and w.pack is not None


# -- plain mode: the session ---------------------------------------------------------------------
def session_for(pack: Path):
    from whodunit.cli.watch import WatchSession

    lines: list[str] = []
    s = WatchSession(PackWatcher(pack), "tart", lines.append)
    s.start()
    return s, lines


def test_session_replays_the_player_onto_the_new_version(example_pack: Path, edit) -> None:
    s, lines = session_for(example_pack)
    for line in SOLVE_START[:3]:
        assert s.handle(line)
    s.handle("note Pip looked nervous")
    edit(example_pack / "cases/tart.yaml", "Purple plum juice", "Dark plum juice, sticky,")
    lines.clear()
    assert s.poll()
    assert lines == [
        "Reloaded The Teashop Mysteries: replayed your 3 step(s); you are where you were"
    ]
    assert s.game.state.location == "kitchen" and s.game.notes == ["Pip looked nervous"]
    lines.clear()
    s.handle("search rack")
    assert lines[1].startswith("Dark plum juice, sticky,")


def test_session_says_which_step_was_dropped(example_pack: Path, edit) -> None:
    s, lines = session_for(example_pack)
    for line in SOLVE_START:
        s.handle(line)
    case = example_pack / "cases/tart.yaml"
    edit(case, "      window:\n", "      sash:\n")
    edit(case, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    edit(case, "{searched: kitchen/window}", "{searched: kitchen/sash}")
    lines.clear()
    s.poll()
    assert lines == [
        "Reloaded The Teashop Mysteries: kept your first 3 step(s); step 4 `search window` was "
        "dropped (There is nothing called 'window' to search in The kitchen), and the 1 step(s) "
        "after it."
    ]
    assert len(s.game.log) == 3 and s.game.state.location == "kitchen"


def test_session_keeps_the_last_good_version_when_an_edit_breaks_it(
    example_pack: Path, edit
) -> None:
    s, lines = session_for(example_pack)
    s.handle("search counter")
    edit(example_pack / "cast.yaml", "    name: Pip Tolliver", "    name: [Pip")
    lines.clear()
    s.poll()
    assert lines[0] == "The pack has errors; still playing the last version that loaded:"
    assert lines[1].startswith(f"  {example_pack / 'cast.yaml'}:") and "[E002]" in lines[1]
    assert lines[-1] == "Fix them and save: the game reloads by itself."
    lines.clear()
    s.handle("go kitchen")
    assert lines[0] == "The kitchen", "play goes on"
    assert len(s.game.log) == 2


def test_session_when_the_case_disappears_and_on_reload_command(example_pack: Path, edit) -> None:
    s, lines = session_for(example_pack)
    edit(example_pack / "cases/tart.yaml", "id: tart", "id: pie")
    lines.clear()
    s.poll()
    assert lines == [
        "The pack no longer has a case 'tart'; still playing the last version that had it. "
        "Its cases now: pie."
    ]
    edit(example_pack / "cases/tart.yaml", "id: pie", "id: tart")
    lines.clear()
    assert s.handle("reload")
    assert lines[0].startswith("Reloaded The Teashop Mysteries")


# -- the command, end to end ---------------------------------------------------------------------
class Player:
    """Drives `whodunit play --plain --watch` through its stdin and reads what it prints."""

    def __init__(self, pack: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "whodunit", "play", "--plain", "--watch", str(pack)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")  # end of output

    def type(self, *commands: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("".join(f"{c}\n" for c in commands))
        self.proc.stdin.flush()

    def read_until(self, text: str) -> list[str]:
        """Lines up to the one holding `text` (the timeout only stops a hung test)."""
        seen: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=60)
            except queue.Empty:
                pytest.fail(f"never printed {text!r}; printed {seen}")
            seen.append(line)
            if text in line:
                return seen
            if line == "" and self.proc.poll() is not None:
                pytest.fail(f"exited before printing {text!r}; printed {seen}")

    def quit(self) -> int:
        self.type("quit")
        return self.proc.wait(timeout=60)


def test_play_watch_reloads_while_playing(example_pack: Path, edit) -> None:
    p = Player(example_pack)
    p.read_until("Watching")
    p.type("search counter", "go kitchen", "search rack")
    p.read_until("New clue: Plum juice on the sill [juice]")
    case = example_pack / "cases/tart.yaml"
    edit(case, "Purple plum juice", "Dark plum juice, still sticky,")
    assert "you are where you were" in p.read_until("Reloaded")[-1]
    p.type("search rack")
    p.read_until("Dark plum juice, still sticky,")
    edit(case, "    name: The kitchen", "    name: [The kitchen")
    p.read_until("The pack has errors; still playing the last version that loaded:")
    assert "[E002]" in p.read_until("Fix them and save")[0]
    p.type("look")
    p.read_until("You can search: the cooling rack [rack]")
    edit(case, "    name: [The kitchen", "    name: The scullery")
    p.read_until("Reloaded")
    p.type("look")
    assert p.read_until("You can search: the cooling rack [rack]")[0].startswith("> The scullery.")
    assert p.quit() == 0
    assert p.proc.stderr is not None and "Traceback" not in p.proc.stderr.read()


def test_play_watch_usage(example_pack: Path) -> None:
    from tests.authoring.test_commands import run

    # Without --plain, --watch opens the UI (tests/tui/test_watch.py plays it).
    out = run("play", "--watch", "--script", "x.txt", str(example_pack))
    assert out.returncode == 2 and "--script needs --plain" in out.stderr
    out = run("play", "--plain", "--watch", "--script", "x.txt", str(example_pack))
    assert out.returncode == 2 and "--watch does not run walkthroughs" in out.stderr
    out = run("play", "--plain", "--watch", str(example_pack), "--case", "pie")
    assert out.returncode == 2 and "no case 'pie'" in out.stderr
    out = run("play", "--plain", "--watch", str(example_pack), stdin="look\n")
    assert out.returncode == 0 and "You can search: the counter [counter]" in out.stdout
