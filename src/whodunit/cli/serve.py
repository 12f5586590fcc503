"""`whodunit serve [PACK]`: the game in a web browser, through textual-serve.

textual-serve starts one command per browser session (here a `whodunit play` of its own) and
carries its screen and keys over a websocket to xterm.js in the page. On this machine every
session plays in the player's own saves folder, so a game begun in the browser continues in the
terminal. Served beyond this machine, each browser gets a folder of its own under `web/` in the
saves folder, named by a hash of a random token kept in that browser's session cookie: a visitor
can neither list nor load nor overwrite anyone else's games, nor the player's own.

The page is textual-serve's own, adjusted (web/app_index.html): it gives the terminal the
keyboard as soon as it loads, so a player can play by keyboard without clicking first.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import hashlib
import re
import secrets
import shlex
import socket
import subprocess
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .commands import help_for
from .options import add_saves_dir
from .report import err, no_case, pack_to_play

if TYPE_CHECKING:
    from aiohttp import web

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SESSION_COOKIE = "whodunit_session"
SESSIONS_FOLDER = "web"  # inside the saves folder, when served beyond this machine
PAGE = Path(__file__).parent / "web"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help=help_for("serve"),
        description="Serve the game to a web browser (one game per browser tab) and print the "
        "address to open. On this machine (the default, 127.0.0.1) the games are saved in "
        "your saves folder, as in the terminal, so a game begun in the browser can be "
        "continued in the terminal and the other way round. Served beyond this machine "
        "(--host 0.0.0.0, say), anyone who can reach the address can play, and each browser "
        f"gets saves of its own, under {SESSIONS_FOLDER}/ in the saves folder. Ctrl+C stops.",
    )
    p.add_argument("pack", nargs="?", help="a pack folder or built-in pack id (default: archer)")
    p.add_argument("--case", help="the case id to play")
    p.add_argument("--no-mouse", action="store_true", help="turn the mouse off in the game")
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"the port (default: {DEFAULT_PORT})"
    )
    add_saves_dir(p)
    p.set_defaults(handler=run)


def is_local(host: str) -> bool:
    return host.strip("[]").lower() in LOCAL_HOSTS


def session_folder(saves: Path, token: str) -> Path:
    """The saves folder of the browser holding `token`. The name is a hash of the token, so
    the folder's name (in a listing, a log, `ps`) does not give the token away."""
    return saves / SESSIONS_FOLDER / hashlib.sha256(token.encode()).hexdigest()[:32]


def valid_token(token: str | None) -> bool:
    return token is not None and _TOKEN.fullmatch(token) is not None


def play_command(args: argparse.Namespace, saves: Path) -> str:
    """The shell command textual-serve runs for one browser session."""
    argv = [sys.executable, "-m", "whodunit", "play"]
    if args.pack is not None:
        argv.append(args.pack)
    if args.case is not None:
        argv += ["--case", args.case]
    if args.no_mouse:
        argv.append("--no-mouse")
    argv += ["--saves-dir", str(saves)]
    return subprocess.list2cmdline(argv) if sys.platform == "win32" else shlex.join(argv)


def address_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None. Said before textual-serve
    starts, so each problem is one line rather than a traceback from inside its loop."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError):
        return f"--host '{host}' is not an address or a name this machine can find"
    for family, kind, proto, _name, address in infos:
        try:
            with socket.socket(family, kind, proto) as probe:
                if sys.platform != "win32":  # as the server will: a port in TIME_WAIT is free
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
        except OSError as exc:
            return _bind_problem(host, port, exc)
    return None


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is in use on {host}: choose another with --port"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"--host '{host}' is not an address of this machine"
    if exc.errno == errno.EACCES:
        return f"port {port} needs special rights on this machine: choose one above 1023"
    return f"cannot listen on {host} port {port}: {exc.strerror or exc}"


def page_address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # any address: this one too
    shown = f"[{shown}]" if ":" in shown and not shown.startswith("[") else shown
    return f"http://{shown}:{port}"


def run(args: argparse.Namespace) -> int:
    pack = pack_to_play(args.pack)
    if pack is None:
        return EXIT_FAIL
    if args.case is not None and args.case not in pack.cases:
        err(no_case(args.case, pack))
        return EXIT_USAGE
    if not 1 <= args.port <= 65535:
        err(f"--port {args.port} is not a port: choose one from 1 to 65535")
        return EXIT_USAGE
    problem = address_problem(args.host, args.port)
    if problem is not None:
        err(problem)
        return EXIT_FAIL
    try:
        from textual_serve.server import Server  # noqa: F401  (only to say it is missing)
    except ImportError:
        err("the web server (textual-serve) is not installed: `pip install textual-serve`")
        return EXIT_FAIL
    from ..saves import saves_folder

    saves = saves_folder(args.saves_dir).resolve()
    local = is_local(args.host)
    if not local:
        err(
            f"serving beyond this machine, on {args.host} port {args.port}: anyone who can "
            "reach this address can play here, over plain HTTP (not encrypted). Each browser "
            f"gets saves of its own, under {saves / SESSIONS_FOLDER}."
        )
    server = game_server(args, saves, local)
    print(f"whodunit: open {page_address(args.host, args.port)} in a web browser (Ctrl+C stops)")
    sys.stdout.flush()
    try:
        server.serve()
    except OSError as exc:  # the address was taken between the check and the start
        err(_bind_problem(args.host, args.port, exc))
        return EXIT_FAIL
    return EXIT_OK


# What textual-serve reads from the server while it handles one request. It reads
# `self.command` when a websocket opens a session and `self.public_url` when it makes the page,
# and each request is handled in a task of its own, so a context variable set at the start of
# the request gives that request its own command (its own saves folder) and its own address.
_command: ContextVar[str] = ContextVar("whodunit_serve_command")
_public_url: ContextVar[str] = ContextVar("whodunit_serve_public_url")


def game_server(args: argparse.Namespace, saves: Path, local: bool) -> Any:
    """The textual-serve Server for the game (made here, as textual-serve is imported late)."""
    from textual_serve.server import Server

    class GameServer(Server):
        def __init__(self) -> None:
            super().__init__(
                play_command(args, saves),
                host=args.host,
                port=args.port,
                title="whodunit",
                templates_path=PAGE,
            )
            self._sessions: set[asyncio.Task[Any]] = set()
            self._stopping = False

        @property  # type: ignore[override]
        def command(self) -> str:
            return _command.get(self._command)

        @command.setter
        def command(self, value: str) -> None:
            self._command = value

        @property  # type: ignore[override]
        def public_url(self) -> str:
            return _public_url.get(self._public_url)

        @public_url.setter
        def public_url(self, value: str) -> None:
            self._public_url = value

        def request_exit(self) -> None:
            # Once: a second Ctrl+C while the games are being closed would otherwise end the
            # server there and then, with exit status 1 and the games left to themselves.
            if not self._stopping:
                self._stopping = True
                super().request_exit()

        def initialize_logging(self) -> None:
            import logging

            logging.basicConfig(level=logging.WARNING, format="whodunit serve: %(message)s")

        async def on_startup(self, app: web.Application) -> None:
            pass  # run() has said where to go; textual-serve would print its banner

        async def on_shutdown(self, app: web.Application) -> None:
            # Each session's game is told to quit and is waited for while the event loop
            # still runs: left to the end of the loop, asyncio reports each game's process as
            # a traceback on the way out (Ctrl+C with a browser open).
            sessions = list(self._sessions)
            for task in sessions:
                task.cancel()
            await asyncio.gather(*sessions, return_exceptions=True)

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            _refuse_other_hosts(request, local)
            _public_url.set(f"{request.scheme}://{request.host}")
            response: web.StreamResponse = await super().handle_index(request)
            response.headers["Cache-Control"] = "no-store"
            if not local and not valid_token(request.cookies.get(SESSION_COOKIE)):
                response.set_cookie(
                    SESSION_COOKIE,
                    secrets.token_urlsafe(32),
                    httponly=True,
                    samesite="Strict",
                    path="/",
                )
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            _refuse_other_hosts(request, local)
            _refuse_other_origins(request)
            if not local:
                token = request.cookies.get(SESSION_COOKIE)
                if not valid_token(token):  # no cookie: a game of its own, kept nowhere else
                    token = secrets.token_urlsafe(32)
                assert token is not None
                _command.set(play_command(args, session_folder(saves, token)))
            task = asyncio.current_task()
            if task is not None:
                self._sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self._sessions.discard(task)  # type: ignore[arg-type]

    return GameServer()


def _refuse_other_hosts(request: web.Request, local: bool) -> None:
    """Served on this machine only, a request by another name is refused: a web page elsewhere
    could otherwise reach the game by a name of its own that points here (DNS rebinding) and
    play with the player's saves."""
    if local and not is_local(urlsplit(f"//{request.host}").hostname or ""):
        from aiohttp import web

        raise web.HTTPForbidden(text="whodunit serves this machine only\n")


def _refuse_other_origins(request: web.Request) -> None:
    """A websocket opened by a page from another site is refused: that page could otherwise
    play the game in the player's name (cross-site websocket hijacking)."""
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        from aiohttp import web

        raise web.HTTPForbidden(text="whodunit plays only from its own page\n")
