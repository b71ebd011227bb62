"""Command line: the GUI by default, plus demo, db, audit and the headless jobs."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from app import __version__, logs
from app.cli_context import context

if TYPE_CHECKING:
    from app.bootstrap import AppContext


def _parser() -> argparse.ArgumentParser:
    from app.cli_signin import add_user_option

    p = _options(argparse.ArgumentParser(prog="frontdesk", description=DESCRIPTION))
    sub = p.add_subparsers(
        dest="command", metavar="COMMAND", help="what to do (default: open the window)"
    )
    demo = sub.add_parser("demo", help="fill an empty database with the demo practice")
    demo.add_argument(
        "--seed", type=int, default=7, help="the random seed of the demo practice (default: 7)"
    )
    add_user_option(demo)  # only once someone has a password: the demo resets the admin's
    db = sub.add_parser("db", help="database maintenance")
    db.add_argument(
        "action",
        choices=["upgrade", "current", "check"],
        help="upgrade: the schema, after a backup; current: show its revision; "
        "check: SQLite's integrity check",
    )
    from app.cli_audit import add_arguments

    add_arguments(sub.add_parser("audit", help="audit trail: verify, checkpoint, new-key"))
    for module in _extensions():
        COMMANDS.update(module.register(sub))
    for command in _subcommands(p):
        _where_the_data_is(command, argparse.SUPPRESS)
    return p


DESCRIPTION = "FrontDesk — the clinic front desk."
log = logging.getLogger(__name__)


def _options(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options every command shares (and the window takes)."""
    p.add_argument("--version", action="version", version=f"FrontDesk {__version__}")
    _where_the_data_is(p, None)
    p.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="create the demo practice when the database is empty",
    )
    return p


def _where_the_data_is(p: argparse.ArgumentParser, default: object) -> None:
    """--db and --data-dir: before the command or after it (`frontdesk demo --db URL`).

    After it, their default is SUPPRESS, so a command's parser never overwrites the value
    given before the command with its own None.
    """
    p.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: the SQLite file in the data folder)",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="data folder (backups, exports, logs, the default database)",
    )


def _subcommands(p: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every command's parser, and theirs below it (`report cancellations`, `export sds` …)."""
    found: list[argparse.ArgumentParser] = []
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):  # aliases share a parser
                found += [child, *_subcommands(child)]
    return found


def _window_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The window's options when `argv` names no command and asks for no help; else None.

    Building the full parser imports every command group and makes some thirty subparsers
    (~15 ms): the window, opened many times a day, does not wait for them.
    """
    p = _options(argparse.ArgumentParser(prog="frontdesk", add_help=False))
    args, rest = p.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    if rest:
        return None
    args.command = None
    return args


# Command groups living in their own modules: each has `register(subparsers) -> {name: handler}`.
EXTENSIONS = ("app.cli_bulk", "app.cli_admin", "app.cli_smoke", "app.cli_outbox", "app.cli_reports")


def _extensions() -> list[ModuleType]:
    return [importlib.import_module(name) for name in EXTENSIONS]


def _cmd_demo(args: argparse.Namespace) -> int:
    from app.cli_signin import NOT_ADMIN_DEMO, require_admin, sign_in
    from app.db import system_clock
    from app.services.demo.generate import generate_demo

    ctx = context(args)
    if _set_up(ctx):  # a brand-new database has nobody to sign in yet
        require_admin(sign_in(ctx, args), NOT_ADMIN_DEMO)
    summary = generate_demo(ctx.db, system_clock(), seed=args.seed)
    print(
        f"Demo practice created in {ctx.db.url}: {summary.workers} workers, "
        f"{summary.clients} clients, {summary.sessions} sessions."
    )
    return 0


def _set_up(ctx: AppContext) -> bool:
    """True once a user has a password (the first administrator was created)."""
    from app.services.users import needs_first_admin

    with ctx.db.read() as uow:
        return not needs_first_admin(uow)


def _cmd_db(args: argparse.Namespace) -> int:
    from app import migrations
    from app.bootstrap import sqlite_file

    ctx = context(args)
    if args.action == "upgrade":
        print(
            f"Database is at schema {ctx.schema_revision} (latest)."
            + (f" Backup: {ctx.backup_path}" if ctx.backup_path else "")
        )
    elif args.action == "current":
        print(
            f"{ctx.db.url}: schema {migrations.current_revision(ctx.db.engine)}, "
            f"program knows up to {migrations.head_revision()}"
        )
    else:
        from app.services.storage.backup import integrity_problem

        path = sqlite_file(ctx.url)
        problem = integrity_problem(path) if path else None
        if problem:
            print(f"Integrity check failed: {problem}")
            return 1
        print("Integrity check passed.")
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from app.cli_audit import run_audit

    return run_audit(args)


def _cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.start.launch import launch

    data_dir = Path(args.data_dir) if args.data_dir else None
    return launch(args.db, data_dir, demo_if_empty=args.demo_if_empty)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _cmd_demo,
    "db": _cmd_db,
    "audit": _cmd_audit,
}


def _warn_password_in_arguments(url: str | None) -> None:
    """A password in --db is readable by every account on the computer (the process list)."""
    if url and "://" in url and "@" in url.split("://", 1)[1]:
        from app.redact import redact_url

        if redact_url(url) != url:
            print(
                "frontdesk: note: the database password in --db can be read by every account "
                "on this computer; give it in FRONTDESK_DB_URL, PGPASSWORD or a .pgpass file "
                "instead.",
                file=sys.stderr,
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `frontdesk`; errors are one clear line and a non-zero exit."""
    from app.errors import FrontDeskError

    args = _window_args(argv) or _parser().parse_args(argv)
    _warn_password_in_arguments(args.db)
    handler = COMMANDS.get(args.command or "", _cmd_gui)
    log_file = _start_log(args)
    try:
        return handler(args)
    except FrontDeskError as exc:
        log.info("Refused: %s", type(exc).__name__)  # the sentence may name a client
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"frontdesk: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: one sentence, the traceback in the log
        logs.unexpected((type(exc), exc, exc.__traceback__), f"frontdesk {args.command}")
        where = f" (the details are in {log_file})" if log_file else ""
        print(f"frontdesk: unexpected error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return 1


def _start_log(args: argparse.Namespace) -> Path | None:
    """The log of the data folder this run uses, from now on; every uncaught error goes there."""
    from app.paths import AppPaths, default_paths

    paths = AppPaths(Path(args.data_dir)) if args.data_dir else default_paths()
    found = logs.start(paths.log_dir)
    logs.install_hooks()
    logs.started(f"frontdesk {args.command}" if args.command else "the window")
    return found


if __name__ == "__main__":
    sys.exit(main())
