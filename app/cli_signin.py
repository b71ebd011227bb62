"""Who runs a command: `--as NAME` and a password, checked by the window's own sign-in.

Every command that changes the practice or reads its records signs a user in first: the
name from `--as` (or FRONTDESK_USER), the password typed at the terminal or, for scheduled
runs, read from FRONTDESK_PASSWORD. Lockout and the audit apply as they do in the window.
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from typing import TYPE_CHECKING

from app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from app.db import Actor
    from app.services.auth import Permission
    from app.services.desk import Desk

# What a command only an administrator may run says to anyone else: whole sentences, filled in
# with the role's name (app/services/auth.py `role_refusal`).
NOT_ADMIN_DEMO = QT_TRANSLATE_NOOP(
    "auth",
    "Your role ({role}) cannot create the demo practice. Ask an administrator to do it, or sign "
    "in as one with --as NAME.",
)
NOT_ADMIN_AUDIT_KEY = QT_TRANSLATE_NOOP(
    "auth",
    "Your role ({role}) cannot start a new audit key. Ask an administrator to do it, or sign in "
    "as one with --as NAME.",
)
NOT_ADMIN_RESTORE = QT_TRANSLATE_NOOP(
    "auth",
    "Your role ({role}) cannot restore a backup. Ask an administrator to do it, or sign in as one "
    "with --as NAME.",
)
NOT_ADMIN_USERS = QT_TRANSLATE_NOOP(
    "auth",
    "Your role ({role}) cannot manage users. Ask an administrator to do it, or sign in as one "
    "with --as NAME.",
)

USER_ENV = "FRONTDESK_USER"
PASSWORD_ENV = "FRONTDESK_PASSWORD"

NO_USER = (
    "This command needs a user: pass --as NAME (or set FRONTDESK_USER) and type the password "
    "when asked, or set FRONTDESK_PASSWORD for a scheduled run."
)
NOBODY_YET = (
    "Nobody can sign in yet: open FrontDesk once to create the administrator, then pass --as NAME."
)


def add_user_option(p: argparse.ArgumentParser, *old_names: str) -> None:
    """The `--as NAME` option of a command that signs a user in: the one spelling for it.

    `old_names` (e.g. `--user`) are earlier spellings some scripts use: accepted, hidden from
    --help, and each use says to write `--as` instead.
    """
    from app.cli_types import old_name

    p.add_argument(
        "--as",
        dest="as_user",
        metavar="NAME",
        help=f"sign in as this user (or set {USER_ENV}); the password is asked at the "
        f"terminal, or read from {PASSWORD_ENV} for scheduled runs",
    )
    for spelling in old_names:
        old_name(p, spelling, "--as", "as_user", metavar="NAME")


def origin() -> dict[str, str]:
    """Where a command-line sign-in comes from, for its audit event."""
    return {"via": "command line", "os_user": _os_user(), "host": socket.gethostname()}


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def os_user_and_host() -> tuple[str, str]:
    """The operating-system user running the command and the computer's name."""
    return _os_user(), socket.gethostname()


def _username(args: argparse.Namespace) -> str:
    from app.errors import ValidationError

    name = (getattr(args, "as_user", None) or os.environ.get(USER_ENV, "")).strip()
    if not name:
        raise ValidationError(NO_USER, field="username")
    return name


def _password(name: str) -> str:
    from app.errors import ValidationError

    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {name}: ")
    raise ValidationError(
        f"No password for {name}: run the command at a terminal to type it, "
        f"or set {PASSWORD_ENV} for a scheduled run.",
        field="password",
    )


def sign_in(ctx: AppContext, args: argparse.Namespace) -> Actor:
    """The user this command runs as, signed in (lockout and audit as in the window)."""
    from app.errors import ValidationError
    from app.services import signin, users

    name = _username(args)
    with ctx.db.read() as uow:
        nobody = users.needs_first_admin(uow)
    if nobody:
        raise ValidationError(NOBODY_YET, field="username")
    return signin.sign_in(ctx.db, name, _password(name), via=origin())


def signed_in_desk(
    ctx: AppContext, args: argparse.Namespace, permission: Permission | None = None
) -> Desk:
    """A desk acting as the signed-in user, refused when their role lacks `permission`."""
    from app.services.auth import require
    from app.services.desk import open_desk

    actor = sign_in(ctx, args)
    if permission is not None:
        require(actor, permission)
    return open_desk(ctx.db, actor.username)


def require_admin(actor: Actor, refusal: str) -> None:
    """Refuse unless an administrator signed in, with `refusal` (one of the NOT_ADMIN_…)."""
    from app.models.enums import Role
    from app.services.auth import role_refusal

    if actor.role != Role.ADMIN:
        raise role_refusal(actor, refusal)
