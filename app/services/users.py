"""Sign-in, lockout and user management; every privilege change is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.db import SYSTEM_ACTOR, Actor, Database, UnitOfWork
from app.models import PracticeSettings, User
from app.models.enums import Role
from app.services import audit, practice
from app.services.auth import Permission, hash_password, require, verify_password
from app.services.errors import NotAllowedError, NotFoundError, ValidationError

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8


class SignInError(ValidationError):
    """Wrong name or password, locked out, or disabled: said without revealing which names exist."""


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    has_password: bool


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"Choose a password of at least {MIN_PASSWORD} characters.", field="password"
        )


def needs_first_admin(uow: UnitOfWork) -> bool:
    """True on a new practice: the administrator has no password yet."""
    with_password = uow.session.scalar(select(func.count(User.id)).where(User.password_hash != ""))
    return not with_password


def set_up_first_admin(uow: UnitOfWork, username: str, full_name: str, password: str) -> Actor:
    """First run: the administrator chooses a name and password (only while none is set)."""
    if not needs_first_admin(uow):
        raise NotAllowedError("The administrator is already set up; sign in instead.")
    name = username.strip().lower()
    if not name:
        raise ValidationError("Choose a user name.", field="username")
    _check_password(password)
    admin = practice.first_admin(uow)
    before = {"username": admin.username}
    admin.username, admin.full_name, admin.password_hash = (
        name,
        full_name.strip() or name,
        hash_password(password),
    )
    uow.session.flush()
    actor = Actor(admin.id, admin.username, admin.role)
    uow.actor = actor
    audit.record(
        uow,
        "user.first_admin",
        "user",
        admin.id,
        before=before,
        after={"username": name, "role": "admin"},
    )
    return actor


def _attempt(uow: UnitOfWork, username: str, password: str) -> Actor | SignInError:
    """Check one sign-in; failures are counted (and committed) rather than raised here."""
    user = uow.session.scalar(select(User).where(User.username == username.strip().lower()))
    now = uow.now()
    wrong = SignInError(
        "The user name or password is not right. Check them and try again.", field="password"
    )
    if user is None:
        return wrong
    if not user.active:
        return SignInError(
            "This account is disabled. Ask an administrator to enable it.", field="username"
        )
    if user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        return SignInError(
            f"Too many wrong passwords: this account is locked for {minutes} more minute(s).",
            field="password",
        )
    uow.actor = Actor(user.id, user.username, user.role)
    if not user.password_hash or not verify_password(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until, user.failed_logins = now + LOCKOUT, 0
            audit.record(uow, "user.sign_in", "user", user.id, outcome="locked")
            return SignInError(
                "Too many wrong passwords: this account is locked for 15 minutes.", field="password"
            )
        audit.record(uow, "user.sign_in", "user", user.id, outcome="failed")
        return wrong
    user.failed_logins, user.locked_until = 0, None
    audit.record(uow, "user.sign_in", "user", user.id)
    return uow.actor


def sign_in(db: Database, username: str, password: str) -> Actor:
    """The signed-in user; a refusal is raised only after the failure count is saved."""
    with db.write(SYSTEM_ACTOR) as uow:
        outcome = _attempt(uow, username, password)
    if isinstance(outcome, SignInError):
        raise outcome
    return outcome


def list_users(uow: UnitOfWork) -> list[UserRow]:
    return [
        UserRow(
            u.id, u.username, u.full_name, u.role, u.active, u.locked_until, bool(u.password_hash)
        )
        for u in uow.session.scalars(select(User).order_by(User.username))
    ]


def create_user(
    uow: UnitOfWork, username: str, full_name: str, role: Role, password: str
) -> UserRow:
    require(uow.actor, Permission.MANAGE_USERS)
    name = username.strip().lower()
    if not name or not name.replace(".", "").replace("_", "").isalnum():
        raise ValidationError(
            "A user name is letters and digits (dots and underscores allowed).", field="username"
        )
    if uow.session.scalar(select(User.id).where(User.username == name)) is not None:
        raise ValidationError(f"There is already a user called “{name}”.", field="username")
    _check_password(password)
    user = User(
        username=name,
        full_name=full_name.strip() or name,
        role=role,
        password_hash=hash_password(password),
        created_at=uow.now(),
    )
    uow.session.add(user)
    uow.session.flush()
    audit.record(uow, "user.create", "user", user.id, after={"username": name, "role": role.value})
    return list_users_row(user)


def list_users_row(u: User) -> UserRow:
    return UserRow(
        u.id, u.username, u.full_name, u.role, u.active, u.locked_until, bool(u.password_hash)
    )


def _target(uow: UnitOfWork, user_id: int) -> User:
    require(uow.actor, Permission.MANAGE_USERS)
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFoundError("That user no longer exists.")
    return user


def _last_admin(uow: UnitOfWork, user: User) -> bool:
    admins = uow.session.scalar(
        select(func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True))
    )
    return user.role == Role.ADMIN and user.active and admins == 1


def set_active(uow: UnitOfWork, user_id: int, active: bool) -> UserRow:
    user = _target(uow, user_id)
    if not active and user.id == uow.actor.user_id:
        raise NotAllowedError("You can't disable your own account; ask another administrator.")
    if not active and _last_admin(uow, user):
        raise NotAllowedError(
            "This is the last administrator; make someone else an administrator first."
        )
    before = {"active": user.active}
    user.active = active
    audit.record(
        uow,
        "user.enable" if active else "user.disable",
        "user",
        user.id,
        before=before,
        after={"active": active},
    )
    return list_users_row(user)


def set_role(uow: UnitOfWork, user_id: int, role: Role) -> UserRow:
    user = _target(uow, user_id)
    if role != Role.ADMIN and _last_admin(uow, user):
        raise NotAllowedError(
            "This is the last administrator; make someone else an administrator first."
        )
    before = {"role": user.role.value}
    user.role = role
    audit.record(uow, "user.role", "user", user.id, before=before, after={"role": role.value})
    return list_users_row(user)


def reset_password(uow: UnitOfWork, user_id: int, password: str) -> UserRow:
    user = _target(uow, user_id)
    _check_password(password)
    user.password_hash, user.failed_logins, user.locked_until = hash_password(password), 0, None
    audit.record(uow, "user.reset_password", "user", user.id)
    return list_users_row(user)


def set_single_user_mode(uow: UnitOfWork, on: bool) -> None:
    """Only an administrator may let this desk open without signing in."""
    require(uow.actor, Permission.SETTINGS)
    row: PracticeSettings = practice.settings(uow)
    before = {"single_user_mode": row.single_user_mode}
    row.single_user_mode = on
    audit.record(
        uow,
        "settings.single_user_mode",
        "settings",
        1,
        before=before,
        after={"single_user_mode": on},
    )


def sign_in_policy(uow: UnitOfWork) -> tuple[bool, int]:
    """(single-user mode, idle minutes before automatic sign-out)."""
    row = practice.settings(uow)
    return row.single_user_mode, row.idle_logoff_minutes


def unlock(uow: UnitOfWork, user_id: int) -> UserRow:
    """Lift a lockout (and re-enable the account) before its 15 minutes are up."""
    user = _target(uow, user_id)
    user.active, user.failed_logins, user.locked_until = True, 0, None
    audit.record(uow, "user.unlock", "user", user.id)
    return list_users_row(user)
