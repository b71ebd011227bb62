"""`frontdesk backup`, `frontdesk restore FILE`, `frontdesk users …`: keeping a practice safe."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from app.paths import AppPaths

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    from app.cli_signin import add_user_option

    backup = sub.add_parser(
        "backup", help="back up the database now (SQLite backup API, or pg_dump)"
    )
    add_user_option(backup)
    restore = sub.add_parser(
        "restore",
        help="replace the database with a backup (the current one is kept aside); "
        "refused while FrontDesk is open at any desk",
    )
    restore.add_argument("file", type=Path, help="the backup file to put in place")
    add_user_option(restore)
    users = sub.add_parser("users", help="list users, or add one / reset a password (admins)")
    users.add_argument(
        "action",
        choices=["list", "add", "reset-password", "unlock"],
        help="list the accounts, add one, reset a password (asked at the terminal), "
        "or let a locked account sign in again",
    )
    users.add_argument("username", nargs="?", help="the account to add, reset or unlock")
    users.add_argument(
        "--role",
        choices=["reception", "manager", "admin"],
        default="reception",
        help="add: the new user's role (default: reception)",
    )
    users.add_argument("--name", default="", help="add: the new user's full name")
    users.add_argument(
        "--local-recovery",
        action="store_true",
        help="reset-password without signing in, at the practice's own computer "
        "(audited with the operating-system user and host)",
    )
    add_user_option(users)
    return {"backup": _cmd_backup, "restore": _cmd_restore, "users": _cmd_users}


def _cmd_backup(args: argparse.Namespace) -> int:
    from app.bootstrap import sqlite_file
    from app.cli_context import context
    from app.cli_signin import sign_in
    from app.db import system_clock
    from app.services.audit.checkpoint import checkpoint_quietly
    from app.services.storage import backup

    ctx = context(args)
    actor = sign_in(ctx, args)  # any user: the copy goes to the practice's own backup folder
    db_file = sqlite_file(ctx.url)
    now = system_clock()
    if db_file is None:
        made = backup.pg_dump_backup(ctx.url, ctx.paths.backup_dir, now)
    else:
        made = backup.backup_sqlite_file(db_file, ctx.paths.backup_dir, "manual", now)
    print(f"Backup written: {made}")
    checkpoint_quietly(ctx.db, actor, "backup")  # the audit trail anchored with it
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from app import migrations
    from app.bootstrap import sqlite_file
    from app.db import system_clock
    from app.errors import ValidationError
    from app.paths import AppPaths, default_database_url, default_paths
    from app.services.storage import restore

    paths = (AppPaths(Path(args.data_dir)) if args.data_dir else default_paths()).ensure()
    url = args.db or default_database_url(paths)
    target = sqlite_file(url)
    if target is None:
        raise ValidationError(restore.postgresql_refusal())
    by = _restore_allowed(args, target)
    try:
        aside = restore.restore_sqlite_file(
            args.file, target, paths.backup_dir, system_clock(), migrations.known_revisions(), by
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    print(
        f"Restored {args.file.name} as the practice database."
        + (f" The previous one is kept at {aside}." if aside else "")
    )
    _settle_restore(url, paths, target)
    return 0


def _settle_restore(url: str, paths: AppPaths, target: Path) -> None:
    """Open the restored practice once: its newer audit checkpoints set aside, the restore
    recorded (app/services/audit/restored.py), and what was done said."""
    from app.bootstrap import prepare_database
    from app.errors import FrontDeskError
    from app.services.audit.restored import restored_sentence
    from app.services.audit.verify import practice_zone
    from app.services.storage import restore

    try:
        ctx = prepare_database(url, paths)
    except FrontDeskError as exc:
        print(f"The restored practice could not be opened yet: {exc.message}")
        return
    try:
        with ctx.db.read() as uow:
            said = restored_sentence(uow, practice_zone(uow))
    finally:
        ctx.close()
    if restore.note_file(target).exists():
        print(
            "The restore is not yet in the audit trail: it is recorded the next time the "
            "practice opens on a desk with the practice's audit key (audit.key)."
        )
    elif said:
        print(said)


def _restore_allowed(args: argparse.Namespace, target: Path) -> str:
    """An administrator of the practice being replaced signs in, while it can be opened; their
    name, for the restore's audit event ("" when nobody could sign in).

    A missing or damaged file has nothing left to protect, and the rescue must still work.
    """
    from app.cli_context import context
    from app.cli_signin import NOT_ADMIN_RESTORE, require_admin, sign_in
    from app.errors import FrontDeskError

    if not target.exists():
        return ""
    try:
        ctx = context(args)
    except FrontDeskError:
        return ""
    try:
        actor = sign_in(ctx, args)
        require_admin(actor, NOT_ADMIN_RESTORE)
        return actor.username
    finally:
        ctx.close()  # the restore needs the file to itself


def _cmd_users(args: argparse.Namespace) -> int:
    from app.cli_context import context
    from app.cli_signin import NOT_ADMIN_USERS, require_admin, sign_in
    from app.errors import ValidationError
    from app.models.enums import Role
    from app.services import users
    from app.services.desk import Desk

    ctx = context(args)
    if args.local_recovery:
        return _local_recovery(ctx, args)
    actor = sign_in(ctx, args)
    require_admin(actor, NOT_ADMIN_USERS)
    desk = Desk(ctx.db, actor)
    if args.action == "list":
        for u in desk.read(users.list_users):
            state = "active" if u.active else "disabled"
            print(f"{u.username:16} {u.role.value:10} {state:9} {u.full_name}")
        return 0
    if not args.username:
        raise ValidationError("Give the user name.")
    match = [u for u in desk.read(users.list_users) if u.username == args.username.lower()]
    if args.action == "unlock":
        if not match:
            raise ValidationError(f"No user called “{args.username}”.")
        desk.write(lambda uow: users.unlock(uow, match[0].id))
        if match[0].active:
            print(f"{args.username} can sign in again.")
        else:
            print(f"{args.username}'s lockout is lifted, but the account is disabled: an "
                  "administrator enables it in Administration ▸ Users… (Disable / enable).")  # fmt: skip
        return 0
    password = _new_password(args.username)
    if args.action == "add":
        desk.write(
            lambda uow: users.create_user(uow, args.username, args.name, Role(args.role), password)
        )
        print(f"User {args.username} ({args.role}) created.")
    else:
        if not match:
            raise ValidationError(f"No user called “{args.username}”.")
        desk.write(lambda uow: users.reset_password(uow, match[0].id, password))
        print(f"Password of {args.username} reset.")
    return 0


def _new_password(name: str) -> str:
    """The new password, typed at the terminal without showing it."""
    from app.errors import ValidationError

    try:
        return getpass.getpass(f"New password for {name}: ")
    except EOFError:  # nothing to type on: no terminal, or its input closed
        raise ValidationError(
            f"No new password was typed for {name}: run the command at a terminal to type it."
        ) from None


def _local_recovery(ctx: AppContext, args: argparse.Namespace) -> int:
    """`users reset-password NAME --local-recovery`: no sign-in, the OS user in the audit."""
    from app.cli_signin import os_user_and_host
    from app.errors import ValidationError
    from app.services import users

    if args.action != "reset-password" or not args.username:
        raise ValidationError(
            "--local-recovery only resets a password: "
            "frontdesk users reset-password NAME --local-recovery."
        )
    os_user, host = os_user_and_host()
    password = _new_password(args.username)
    ctx.db.transact(
        users.LOCAL_RECOVERY,
        lambda uow: users.recover_password(uow, args.username, password, os_user, host),
    )
    print(
        f"Password of {args.username} reset by local recovery "
        f"(recorded in the audit as {os_user} on {host})."
    )
    return 0
