"""Signing in: a user name and password checked against the account, the wrong ones counted by
the database itself and an account locked for a while after too many; the last administrator
able to sign in is never locked out, and every attempt is audited. A refusal never says which
user names exist, and an unknown name takes as long to refuse as a known one.
"""

from __future__ import annotations

import logging
import math
import secrets
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, or_, select, text, update

from app.db import SYSTEM_ACTOR, Actor, Database, UnitOfWork
from app.errors import ValidationError
from app.i18n import translate
from app.models import User
from app.models.enums import Role
from app.services.audit import chain as audit
from app.services.auth import hash_password, verify_password

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
LOCKOUT_MINUTES = int(LOCKOUT.total_seconds() // 60)
_PG_ADMIN_LOCK = 727_002  # serialises the last-administrator decision on PostgreSQL


class SignInError(ValidationError):
    """Wrong name or password, locked out, or disabled: said without revealing which names exist."""


def _wrong() -> SignInError:
    return SignInError(
        translate("users", "The user name or password is not right. Check them and try again."),
        field="password",
    )


@cache
def _dummy_hash() -> str:
    """A hash of nobody's password: an unknown name is checked against it, so it takes as long."""
    return hash_password(secrets.token_hex(16))


def _attempt(
    uow: UnitOfWork, username: str, password: str, via: dict[str, str] | None
) -> Actor | SignInError:
    """Check one sign-in; failures are counted (and committed) rather than raised here."""
    # The row stays locked until commit: parallel guesses at one name queue here, and each
    # sees the failures (and the lock) the ones before it saved.
    user = uow.session.scalar(
        select(User).where(User.username == username.strip().lower()).with_for_update()
    )
    now = uow.now()
    if user is None or not user.password_hash:
        verify_password(_dummy_hash(), password)  # as slow as a known name's wrong password
        return _wrong()
    if not user.active:
        # Said only to someone who knows the password: a guess at a disabled account's name is
        # told what any wrong password is told, so the words never say the name exists.
        if not verify_password(user.password_hash, password):
            uow.actor = Actor(user.id, user.username, user.role)
            audit.record(uow, "user.sign_in", "user", user.id, after=via, outcome="failed")
            return _wrong()
        return SignInError(
            translate("users", "This account is disabled. Ask an administrator to enable it."),
            field="username",
        )
    minutes = minutes_locked(user, now)
    if minutes:
        return SignInError(
            translate(
                "users",
                "Too many wrong passwords: this account is locked for %n more minute(s).",
                None,
                minutes,
            ),
            field="password",
        )
    uow.actor = Actor(user.id, user.username, user.role)
    if not verify_password(user.password_hash, password):
        if not count_wrong_password(uow, user, now, "user.sign_in", via):
            return _wrong()
        return SignInError(
            translate(
                "users",
                "Too many wrong passwords: this account is locked for %n minute(s).",
                None,
                LOCKOUT_MINUTES,
            ),
            field="password",
        )
    user.failed_logins, user.locked_until = 0, None
    audit.record(uow, "user.sign_in", "user", user.id, after=via)
    return uow.actor


def count_wrong_password(
    uow: UnitOfWork, user: User, now: datetime, action: str, via: dict[str, str] | None = None
) -> bool:
    """One more wrong password for `user` (at sign-in, or typed as the current one to change
    it), counted by the database itself and audited as `action`; True when this one reached
    the limit and the account is now locked for a while."""
    failures = uow.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    if failures < MAX_FAILURES:
        audit.record(uow, action, "user", user.id, after=via, outcome="failed")
        return False
    if _last_open_admin(uow, user, now):
        # Locking them would leave nobody to unlock anyone: count and audit, never lock.
        after = {**(via or {}), "lockout": "withheld: the last administrator able to sign in"}
        audit.record(uow, action, "user", user.id, after=after, outcome="failed")
        return False
    uow.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(locked_until=now + LOCKOUT, failed_logins=0)
        .execution_options(synchronize_session=False)
    )
    audit.record(uow, action, "user", user.id, after=via, outcome="locked")
    return True


def minutes_locked(user: User, now: datetime) -> int:
    """The whole minutes (at least one) left of the account's lockout; 0 when not locked."""
    if user.locked_until is None or user.locked_until <= now:
        return 0
    return max(1, math.ceil((user.locked_until - now).total_seconds() / 60))


def _last_open_admin(uow: UnitOfWork, user: User, now: datetime) -> bool:
    """True when `user` is the only active administrator with a password who is not locked."""
    if user.role != Role.ADMIN:
        return False
    if uow.session.get_bind().dialect.name == "postgresql":
        # Two administrators reaching the limit at once must not both decide "someone else
        # is still open" (SQLite writers already queue).
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_ADMIN_LOCK})
    others = uow.session.scalar(
        select(func.count(User.id)).where(
            User.role == Role.ADMIN,
            User.active.is_(True),
            User.password_hash != "",
            User.id != user.id,
            or_(User.locked_until.is_(None), User.locked_until <= now),
        )
    )
    return not others


def sign_in(db: Database, username: str, password: str, via: dict[str, str] | None = None) -> Actor:
    """The signed-in user; a refusal is raised only after the failure count is saved.

    `via` says where the sign-in came from (the command line gives its OS user and host);
    the audit event keeps it.
    """
    outcome = db.transact(SYSTEM_ACTOR, lambda uow: _attempt(uow, username, password, via))
    where = "command-line" if via and via.get("via") == "command line" else "window"
    if isinstance(outcome, SignInError):
        log.info("Sign-in refused (%s, %s)", outcome.field, where)  # never the name or password
        raise outcome
    log.info("Signed in: user %d (%s, %s)", outcome.user_id, outcome.role, where)
    return outcome
