"""Plain mode with saves: autosave after every action and notebook line, `--save NAME`,
`--load SAVE` (and `--to N` to take over from a step), and the gate on cases not open yet.

Every problem is one line on stderr; a save that cannot be written never stops the game, and a
game that could not be saved at all is printed as a walkthrough at the end, so it is not lost.
The exit status says whether it was: 3 (EXIT_NOT_SAVED) when a game that was to be saved was
played but is not, or not all of it, on disk at the end.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from ..engine import Action
from ..pack.model import Case, Pack
from ..saves import (
    Fit,
    SaveError,
    Session,
    check_name,
    continued,
    ended_cases,
    fit_save,
    hold_save,
    read_save,
    resolve_save,
    saves_folder,
    start_session,
    take_over,
    walkthrough_text,
)
from .plain import PlainGame
from .report import err as _err
from .report import pack_to_play

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
EXIT_NOT_SAVED = 3  # played, but what was asked to be saved was not


def closed_case(args: argparse.Namespace, pack: Pack) -> str | None:
    """Why `--case` may not be played yet (its required cases have not ended), or None.
    Walkthroughs (`--script`) may play any case: authors test them all."""
    if args.case is None or args.script:
        return None
    case = pack.cases[args.case]
    if not case.requires:
        return None
    folder = saves_folder(args.saves_dir)
    ended = ended_cases(folder, pack)
    missing = [r for r in case.requires if r not in ended]
    if not missing:
        return None
    names = ", ".join(f"'{r}'" for r in missing)
    return (
        f"the case '{args.case}' is not open yet: finish {names} first (games saved in "
        f"{folder} count; a walkthrough run with --script may play any case)"
    )


class Autosave:
    """Saves a plain-mode game after every accepted action and notebook line."""

    def __init__(self, session: Session, err: Callable[[str], None] = _err) -> None:
        self.session = session
        self.err = err
        self.last: str | None = None

    def attach(self, game: PlainGame) -> None:
        game.on_action = self.on_action
        game.on_note = self.on_note

    def on_action(self, game: PlainGame, action: Action) -> None:
        self.report(self.session.record(action))

    def on_note(self, game: PlainGame, text: str) -> None:
        self.report(self.session.note(text))

    def report(self, error: str | None) -> None:
        if error is not None and error != self.last:
            self.err(error)
        elif error is None and self.last is not None:
            self.err(f"saved again to {self.session.path}")
        self.last = error

    def finish(self, game: PlainGame, hint: str) -> bool:
        """Let go of the save, and say how to continue it (or show the game if unsaved).
        Whether the game is saved as it stands."""
        session = self.session
        session.close()
        if session.error is not None:
            self.err(
                "this game could not be saved; here it is as a walkthrough: keep it in a file "
                "and run it with `whodunit play --plain --script FILE --save NAME`"
            )
            ending = game.state.ending
            print(walkthrough_text(session.data(), ending=ending), file=sys.stderr, end="")
            return False
        if session.saved:
            print(f"Saved as '{session.name}'. Continue it with: {hint} --load {session.name}")
        return True


def _play_hint(args: argparse.Namespace) -> str:
    words = ["whodunit", "play", "--plain"]
    if args.pack:
        words.append(args.pack)
    if args.saves_dir:
        words += ["--saves-dir", args.saves_dir]
    return shlex.join(words)


def _loop(game: PlainGame) -> None:
    while True:
        try:
            line = input("> ")
        except EOFError:
            print()  # end the prompt's line
            return
        if not game.handle(line):
            if not sys.stdin.isatty():
                print()  # the prompt's line has no typed text to end it
            return


def _run(game: PlainGame, saver: Autosave | None, args: argparse.Namespace, opening: str) -> int:
    from .terminal import make_interactive

    make_interactive(game)
    if saver is not None:
        saver.attach(game)
    game.start()
    if opening:
        game.say(opening)
        game.look()
    saved = True
    try:
        _loop(game)
    finally:
        if saver is not None:
            saved = saver.finish(game, _play_hint(args))
    return EXIT_OK if saved else EXIT_NOT_SAVED


def play_new(args: argparse.Namespace, pack: Pack, case: Case) -> int:
    """An interactive plain-mode game, autosaved unless --no-save."""
    saver = None
    if not args.no_save:
        try:
            session = start_session(saves_folder(args.saves_dir), pack, case.id, args.save)
        except SaveError as exc:
            _err(str(exc))
            return EXIT_USAGE
        saver = Autosave(session)
    return _run(PlainGame(pack, case, print), saver, args, "")


class ScriptSaver:
    """`--script FILE --save NAME`: the walkthrough's game is saved as it runs."""

    def __init__(self, args: argparse.Namespace, pack: Pack) -> None:
        self.folder = saves_folder(args.saves_dir)
        self.pack = pack
        self.name: str = args.save
        self.saver: Autosave | None = None
        self.refused: str | None = None  # why the save could not even be started

    def problem(self) -> str | None:
        """Why the walkthrough cannot be saved under this name (it is taken), or None."""
        path = self.folder / f"{check_name(self.name)}.json"
        try:
            taken = path.exists()
        except OSError:  # the folder cannot be looked into: each save will say why it failed
            taken = False
        if taken:
            return (
                f"{path}: a save with this name exists already: continue it, or choose another name"
            )
        return None

    def attach(self, game: PlainGame) -> None:
        try:
            session = start_session(self.folder, self.pack, game.case.id, self.name)
        except SaveError as exc:
            _err(str(exc))
            self.refused = str(exc)
            return
        self.saver = Autosave(session)
        self.saver.attach(game)

    def finish(self, script: str) -> bool:
        """Save what is left to save and let go of the save; whether the walkthrough's game is
        saved as it ended (else say so: the walkthrough is the way to make it again)."""
        session = self.saver.session if self.saver is not None else None
        if session is not None:
            if session.error is None and not session.saved:
                session.save()  # a walkthrough with no actions is still saved when asked for
            session.close()
            if session.error is None:
                print(f"Saved as '{session.name}' ({session.path}).")
                return True
        elif self.refused is None:
            return False  # the walkthrough did not start (no such case): said elsewhere
        _err(
            f"the walkthrough's game was not saved as '{self.name}' (see above); run "
            f"`{script}` again once that is fixed"
        )
        return False


def _usage_or_fail(exc: SaveError) -> int:
    return EXIT_USAGE if "no save" in exc.problem or "no such" in exc.problem else EXIT_FAIL


def _fit_of(args: argparse.Namespace, path: Path) -> Fit | int:
    """The save in `path` (that `--load` names), replayed on its pack; or the exit status after
    saying why it cannot be played (as asked: --to within the steps that fit, or all of them
    fitting)."""
    try:
        save = read_save(path)
    except SaveError as exc:
        _err(f"{exc}")
        return _usage_or_fail(exc)
    if args.to is not None and args.to > save.steps:
        _err(f"{path}: --to {args.to}: the save has only {save.steps} steps")
        return EXIT_USAGE
    pack = pack_to_play(args.pack or save.pack.id)
    if pack is None:
        if not args.pack:
            _err(
                f"{path}: this is a save of the pack '{save.pack.id}': name the pack's folder, "
                f"as in `whodunit play --plain FOLDER --load {args.load}`"
            )
        return EXIT_FAIL
    try:
        fit = fit_save(path, save, pack)
    except SaveError as exc:
        _err(str(exc))
        return EXIT_FAIL
    if args.to is not None and args.to > fit.steps:
        _err(f"{path}: {fit.problem_text()}; take it over from step {fit.steps} or before")
        return EXIT_FAIL
    if args.to is None and not fit.ok:
        command = shlex.join([*shlex.split(_play_hint(args)), "--load", args.load])
        _err(f"{path}: {fit.summary()}: `{command} --to {fit.steps}`")
        return EXIT_FAIL
    return fit


def play_loaded(args: argparse.Namespace) -> int:
    """`--load SAVE`: continue a save in place, or with --to/--save take it over as a new game.

    To continue a save in place, its lock is taken before it is read, and the game is built
    from that read: another whodunit that wrote the save a moment earlier is never played over
    (its steps are in the game), and one that wants it now is refused."""
    folder = saves_folder(args.saves_dir)
    try:
        path = resolve_save(folder, args.load)
    except SaveError as exc:
        _err(f"{exc}")
        return _usage_or_fail(exc)
    in_place = args.to is None and args.save is None and not args.no_save
    lock = None
    if in_place:
        try:
            lock = hold_save(path)
        except SaveError as exc:
            _err(str(exc))
            return EXIT_FAIL
    try:
        fit = _fit_of(args, path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if isinstance(fit, int):
        if lock is not None:
            lock.release()
        return fit
    stem = fit.path.stem
    step = fit.steps if args.to is None else args.to
    saver = None
    if lock is not None:
        opening = f"Continuing '{stem}' at step {step}."
        saver = Autosave(continued(fit, lock))
    elif args.to is not None or args.save is not None:
        opening = f"Taking over '{stem}' from step {step} as a new game"
        if not args.no_save:
            try:
                saver = Autosave(take_over(folder, fit, step, args.save))
            except SaveError as exc:
                _err(str(exc))
                return EXIT_USAGE
            saver.report(saver.session.error)
            opening += f" '{saver.session.name}'"
        opening += f"; '{stem}' is left as it is."
    else:
        opening = f"Continuing '{stem}' at step {step}."
    if fit.pack_changed:
        opening += f" Note: {fit.summary()}."
    save = fit.save
    notes = [n.text for n in save.notes if n.step <= step]
    game = PlainGame(fit.pack, fit.case, print, save.actions[:step], notes)
    return _run(game, saver, args, opening)


def script_saver(args: argparse.Namespace, pack: Pack) -> tuple[ScriptSaver | None, str | None]:
    """The saver for `--script FILE --save NAME`, or why it cannot be made."""
    if not args.save:
        return None, None
    saver = ScriptSaver(args, pack)
    return saver, saver.problem()


__all__ = ["Autosave", "ScriptSaver", "closed_case", "play_loaded", "play_new", "script_saver"]
