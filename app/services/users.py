"""User management and the first administrator; every privilege change is audited (signing in
and its lockout: `signin`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.db import Actor, Database, UnitOfWork, account_changed, account_role
from app.errors import FrontDeskError, NotAllowedError, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import PracticeSettings, User
from app.models.enums import Role
from app.services import practice, signin
from app.services.audit import chain as audit
from app.services.auth import Permission, hash_password, require, require_now, verify_password
from app.services.boundary import as_enum, checked_text

MIN_PASSWORD = 8
USERNAME_LIMIT = 64  # the column's width (PostgreSQL refuses a longer one)


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    has_password: bool


def check_new_password(password: str, again: str | None = None) -> None:
    """A new password: long enough without counting spaces, and (`again` given) typed the same
    twice. The one home of these rules for the first administrator, a new user and a reset."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValidationError(
            translate("users", "Choose a password of at least {min_password} characters.").format(
                min_password=MIN_PASSWORD
            ),
            field="password",
        )
    if sum(not ch.isspace() for ch in password) < MIN_PASSWORD:
        raise ValidationError(
            translate(
                "users",
                "Spaces don't count: choose a password with at least {min_password} letters, "
                "digits or other characters.",
            ).format(min_password=MIN_PASSWORD),
            field="password",
        )
    if again is not None and again != password:
        raise ValidationError(
            translate("users", "The two passwords differ; type the same password twice."),
            field="again",
        )


def checked_username(value: str) -> str:
    """A user name as kept: trimmed, lower case, one word of letters and digits (dots and
    underscores allowed), at most 64 characters; the one home of these rules."""
    name = checked_text(
        value, "username", QT_TRANSLATE_NOOP("fields", "user name"), USERNAME_LIMIT
    ).lower()
    if not name:
        raise ValidationError(translate("users", "Choose a user name."), field="username")
    if any(ch.isspace() for ch in name):
        raise ValidationError(
            translate(
                "users",
                "“{name}” has a space in it: a user name is one word, like sam.lee (a dot or an underscore between words).",
            ).format(name=name),
            field="username",
        )
    if not name.replace(".", "").replace("_", "").isalnum():
        raise ValidationError(
            translate("users", "A user name is letters and digits (dots and underscores allowed)."),
            field="username",
        )
    return name


def needs_first_admin(uow: UnitOfWork) -> bool:
    """True on a new practice: the administrator has no password yet."""
    with_password = uow.session.scalar(select(func.count(User.id)).where(User.password_hash != ""))
    return not with_password


def set_up_first_admin(
    uow: UnitOfWork, username: str, full_name: str, password: str, again: str | None = None
) -> Actor:
    """First run: the administrator chooses a name and password (only while none is set)."""
    if not needs_first_admin(uow):
        raise NotAllowedError(
            translate("users", "The administrator is already set up; sign in instead.")
        )
    name = checked_username(username)
    full_name = checked_text(full_name, "full_name", QT_TRANSLATE_NOOP("fields", "full name"), 120)
    check_new_password(password, again)
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


def list_users(uow: UnitOfWork) -> list[UserRow]:
    """Every account, for the Users screen and `frontdesk users list` (administrators)."""
    require_now(uow, Permission.MANAGE_USERS)
    return [
        UserRow(
            u.id, u.username, u.full_name, u.role, u.active, u.locked_until, bool(u.password_hash)
        )
        for u in uow.session.scalars(select(User).order_by(User.username))
    ]


def create_user(
    uow: UnitOfWork,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    again: str | None = None,
) -> UserRow:
    """A new account; `again` is the password typed a second time (None: not asked)."""
    require(uow.actor, Permission.MANAGE_USERS)
    role = as_enum(Role, role, QT_TRANSLATE_NOOP("fields", "role"))
    name = checked_username(username)
    if uow.session.scalar(select(User.id).where(User.username == name)) is not None:
        raise ValidationError(
            translate("users", "There is already a user called “{name}”.").format(name=name),
            field="username",
        )
    full_name = checked_text(full_name, "full_name", QT_TRANSLATE_NOOP("fields", "full name"), 120)
    check_new_password(password, again)
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
        raise NotFoundError(translate("users", "That user no longer exists."))
    return user


def _last_admin(uow: UnitOfWork, user: User) -> bool:
    """True when `user` is the only active administrator. The active administrators' rows stay
    locked until the change commits, so two desks removing two administrators at once take
    turns and the second counts what the first left (PostgreSQL; SQLite writes one at a time).
    An acting administrator whose own account changed meanwhile is refused as at the start."""
    admins = uow.session.scalars(
        select(User.id)
        .where(User.role == Role.ADMIN, User.active.is_(True))
        .order_by(User.id)
        .with_for_update()
    ).all()
    actor = uow.actor
    if actor.user_id and actor.user_id not in admins:  # only an administrator gets here
        raise account_changed(actor, account_role(uow.session.connection(), actor))
    uow.session.refresh(user)  # as committed now, not as read before the other desk's change
    return user.role == Role.ADMIN and user.active and len(admins) == 1


def set_active(uow: UnitOfWork, user_id: int, active: bool) -> UserRow:
    user = _target(uow, user_id)
    if not active and user.id == uow.actor.user_id:
        raise NotAllowedError(
            translate("users", "You can't disable your own account; ask another administrator.")
        )
    if not active and _last_admin(uow, user):
        raise NotAllowedError(
            translate(
                "users", "This is the last administrator; make someone else an administrator first."
            )
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
    role = as_enum(Role, role, QT_TRANSLATE_NOOP("fields", "role"))
    if role != Role.ADMIN and _last_admin(uow, user):
        raise NotAllowedError(
            translate(
                "users", "This is the last administrator; make someone else an administrator first."
            )
        )
    before = {"role": user.role.value}
    user.role = role
    audit.record(uow, "user.role", "user", user.id, before=before, after={"role": role.value})
    return list_users_row(user)


def reset_password(
    uow: UnitOfWork, user_id: int, password: str, again: str | None = None
) -> UserRow:
    """A new password for an account (its lockout lifted); `again`: typed a second time."""
    user = _target(uow, user_id)
    check_new_password(password, again)
    user.password_hash, user.failed_logins, user.locked_until = hash_password(password), 0, None
    audit.record(uow, "user.reset_password", "user", user.id)
    return list_users_row(user)


def change_own_password(
    db: Database, actor: Actor, current: str, password: str, again: str
) -> UserRow:
    """The signed-in user chooses a new password, typing the current one first (so a desk left
    signed in cannot be used to change it) and the new one twice; audited.

    A wrong current password counts toward the lockout as a wrong one at sign-in does (it is
    saved before the refusal is raised), so a desk left signed in is no way to guess it: after
    too many the account is locked for a while, and this desk stays signed in.
    """
    outcome = db.transact(actor, lambda uow: _change_own(uow, current, password, again))
    if isinstance(outcome, FrontDeskError):
        raise outcome
    return outcome


def _change_own(
    uow: UnitOfWork, current: str, password: str, again: str
) -> UserRow | FrontDeskError:
    """Change the password, or the refusal: returned (not raised) once a wrong current
    password has been counted, so the count commits."""
    actor = uow.actor
    user = (
        uow.session.scalar(select(User).where(User.id == actor.user_id).with_for_update())
        if actor.user_id
        else None
    )
    if user is None or not user.password_hash:
        raise NotAllowedError(
            translate("users", "Sign in with your own account to change your password.")
        )
    now = uow.now()
    minutes = signin.minutes_locked(user, now)
    if minutes:
        raise ValidationError(_locked_for(minutes), field="current")
    if not verify_password(user.password_hash, current):
        if signin.count_wrong_password(uow, user, now, "user.change_password"):
            return ValidationError(_locked_for(signin.LOCKOUT_MINUTES), field="current")
        return ValidationError(
            translate(
                "users",
                "Your current password is not right; type it again. If you have forgotten it, "
                "ask an administrator to reset it.",
            ),
            field="current",
        )
    check_new_password(password, again)
    if password == current:
        raise ValidationError(
            translate("users", "The new password is the same as the current one; choose another."),
            field="password",
        )
    user.password_hash, user.failed_logins = hash_password(password), 0
    audit.record(uow, "user.change_password", "user", user.id)
    return list_users_row(user)


def _locked_for(minutes: int) -> str:
    return translate(
        "users",
        "Too many wrong passwords: your account is locked for %n more minute(s), so the password "
        "can't be changed now. You stay signed in at this desk. Try again later, or ask an "
        "administrator to reset your password.",
        None,
        minutes,
    )


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


@dataclass(frozen=True)
class DeskAccount:
    """Who a desk should act as now that its account may have changed at another desk."""

    actor: Actor | None  # None: the account is disabled or gone; the desk signs out
    single_user: bool  # the practice opens without signing in (the desk follows its admin)


def desk_account(uow: UnitOfWork, actor: Actor) -> DeskAccount:
    """`actor`'s account as the database has it now: the same actor while nothing changed, the
    new role, or None when disabled. A single-user desk whose administrator account changed
    acts as the first active administrator, as it would when started again. One primary-key
    read (two reads only after a change), for a desk's poll."""
    single = practice.settings(uow).single_user_mode
    if not actor.user_id:
        return DeskAccount(actor, single)
    row = uow.session.execute(
        select(User.active, User.role).where(User.id == actor.user_id)
    ).first()
    now = Actor(actor.user_id, actor.username, row[1]) if row is not None and row[0] else None
    if single and now != actor:
        admin = practice.first_admin(uow)
        now = Actor(admin.id, admin.username, admin.role)
    return DeskAccount(now, single)


def sign_in_policy(uow: UnitOfWork) -> tuple[bool, int]:
    """(single-user mode, idle minutes before automatic sign-out)."""
    row = practice.settings(uow)
    return row.single_user_mode, row.idle_logoff_minutes


def unlock(uow: UnitOfWork, user_id: int) -> UserRow:
    """Lift a lockout before its 15 minutes are up. A disabled account stays disabled: enabling
    it is a decision of its own (`set_active`)."""
    user = _target(uow, user_id)
    before = {"failed_logins": user.failed_logins, "locked_until": user.locked_until}
    user.failed_logins, user.locked_until = 0, None
    audit.record(uow, "user.unlock", "user", user.id, before=before,
                 after={"failed_logins": 0, "locked_until": None})  # fmt: skip
    return list_users_row(user)


LOCAL_RECOVERY = Actor(user_id=0, username="local-recovery", role=Role.ADMIN)


def recover_password(
    uow: UnitOfWork, username: str, password: str, os_user: str, host: str
) -> UserRow:
    """Reset a password at the practice's own computer without signing in; audited with who."""
    uow.actor = LOCAL_RECOVERY
    name = username.strip().lower()
    user = uow.session.scalar(select(User).where(User.username == name))
    if user is None:
        raise NotFoundError(
            translate(
                "users", "There is no user called “{name}”; check the name with the Users list."
            ).format(name=name)
        )
    check_new_password(password)
    user.password_hash, user.failed_logins, user.locked_until = hash_password(password), 0, None
    audit.record(
        uow,
        "user.reset_password",
        "user",
        user.id,
        after={"local_recovery": True, "os_user": os_user, "host": host},
    )
    return list_users_row(user)
