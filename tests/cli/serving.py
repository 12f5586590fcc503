"""`whodunit serve` started for a test: on a free loopback port, bounded in time.

The server runs in a process group of its own (with the game it starts for each browser), under
coreutils' `timeout` where there is one, so it stops by itself even if the test run is killed;
the test stops the whole group when it is done.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Bounds for a test that has gone wrong; none of them is a measure of speed.
SERVER_LIFETIME = 300  # seconds, after which the server stops by itself
START_WITHIN = 60  # seconds for the server to accept connections


@dataclass
class Served:
    url: str
    host: str
    port: int
    process: subprocess.Popen[str]
    output: str = ""  # what the server printed, once it has stopped
    errors: str = ""


def server_pid(served: Served) -> int:
    """The pid of `whodunit serve` itself (under `timeout`, its one child)."""
    pid = served.process.pid
    if served.process.args[0] != "timeout":
        return pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return int(children[0])


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def _accepting(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def serving(*args: str, saves: Path, host: str = "127.0.0.1") -> Iterator[Served]:
    port = free_port(host)
    command = [sys.executable, "-m", "whodunit", "serve", *args]
    command += ["--host", host, "--port", str(port), "--saves-dir", str(saves)]
    if shutil.which("timeout"):
        command = ["timeout", str(SERVER_LIFETIME), *command]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    served = Served(f"http://{host}:{port}/", host, port, process)
    try:
        deadline = time.monotonic() + START_WITHIN
        while not _accepting(host, port) and process.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
        started = process.poll() is None and _accepting(host, port)
        if started:
            yield served
    finally:
        served.output, served.errors = _stop(process)
    if not started:
        raise AssertionError(f"whodunit serve did not start:\n{served.output}\n{served.errors}")


def _stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Stop the server and every game it started (its process group), and read its output."""
    _signal_group(process, signal.SIGTERM)
    try:
        return process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        return process.communicate()


def _signal_group(process: subprocess.Popen[str], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)  # the group this test started, and nothing else
