"""`whodunit serve` without a browser: what it says when it cannot serve, and what its server
refuses. In a real browser: test_serve_browser.py."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.cli.serving import free_port, serving
from tests.conftest import EXAMPLE
from whodunit.cli.serve import SESSIONS_FOLDER, play_command, session_folder, valid_token


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "whodunit", "serve", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _one_line_problem(out: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in out.stderr
    [line] = out.stderr.splitlines()
    assert line.startswith("whodunit: ")
    return line


def test_a_port_in_use_is_one_line_and_a_failure() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = _serve("--port", str(port))
    assert out.returncode == 1
    line = _one_line_problem(out)
    assert str(port) in line and "in use" in line and "--port" in line


@pytest.mark.parametrize("host", ["no-such-host.invalid", "256.1.1.1"])
def test_a_bad_host_is_one_line_and_a_failure(host: str) -> None:
    out = _serve("--host", host, "--port", str(free_port("127.0.0.1")))
    assert out.returncode == 1
    assert host in _one_line_problem(out)


def test_a_port_out_of_range_is_a_usage_error() -> None:
    out = _serve("--port", "70000")
    assert out.returncode == 2
    assert "70000" in _one_line_problem(out)


def test_an_unknown_case_is_a_usage_error() -> None:
    out = _serve(str(EXAMPLE), "--case", "nope")
    assert out.returncode == 2
    assert "nope" in _one_line_problem(out)


def test_help_lists_serve_and_its_options() -> None:
    top = subprocess.run(
        [sys.executable, "-m", "whodunit", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "serve" in top.stdout
    out = _serve("--help")
    assert out.returncode == 0
    for option in ("--host", "--port", "--saves-dir", "--case", "--no-mouse"):
        assert option in out.stdout


def test_each_browser_session_has_a_folder_of_its_own(tmp_path: Path) -> None:
    a, b = "a" * 43, "b" * 43
    assert valid_token(a) and valid_token(b)
    assert session_folder(tmp_path, a) != session_folder(tmp_path, b)
    assert session_folder(tmp_path, a) == session_folder(tmp_path, a)
    for token in (a, b):
        folder = session_folder(tmp_path, token)
        assert folder.parent == tmp_path / SESSIONS_FOLDER
        assert token not in str(folder)
    for forged in (None, "", "../../etc", "a" * 42, "a" * 44, "a" * 42 + "/"):
        assert not valid_token(forged)


def test_the_game_of_a_session_plays_in_its_saves_folder(tmp_path: Path) -> None:
    import argparse
    import shlex

    args = argparse.Namespace(pack="my pack", case="tart", no_mouse=True)
    folder = tmp_path / "with space"
    argv = shlex.split(play_command(args, folder))
    assert argv[0] == sys.executable
    assert argv[1:] == [
        *("-m", "whodunit", "play", "my pack"),
        *("--case", "tart", "--no-mouse", "--saves-dir", str(folder)),
    ]


def _get(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_served_on_this_machine_it_answers_to_local_names_and_its_own_page_only(
    tmp_path: Path,
) -> None:
    with serving(str(EXAMPLE), saves=tmp_path) as served:
        port = served.port
        assert _get(served.url, {}) == 200
        assert _get(served.url, {"Host": f"localhost:{port}"}) == 200
        # A name of some other site that points here (DNS rebinding) is refused...
        assert _get(served.url, {"Host": f"evil.example:{port}"}) == 403
        # ...and so is a websocket opened by a page from another site.
        ws = served.url + "ws"
        upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}
        upgrade["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
        assert _get(ws, {**upgrade, "Origin": "http://evil.example"}) == 403
    assert not list(tmp_path.rglob("*.json"))
