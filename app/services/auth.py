"""Roles, permissions and passwords (argon2id); enforced here, not only by greyed buttons."""

from __future__ import annotations

from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.db import Actor, UnitOfWork, account_role
from app.errors import AccountChangedError, PermissionDeniedError
from app.i18n import translate
from app.models.enums import Role


class Permission(StrEnum):
    CANCEL = "cancel"
    COMPLETE = "complete"
    MARK_DNA = "mark did-not-attend"
    RESCHEDULE = "reschedule"
    UNDO_CANCELLATION = "undo cancellation"
    UNDO_DNA = "take back a did-not-attend mark"
    DELETE_SESSION = "delete session"
    WAIVE_CHARGE = "waive a charge"
    REMOVE_PAYMENT = "remove payments and adjustments"
    TAKE_PAYMENT = "take payments"
    SELL_PACKS = "sell class packs and book classes paid with a credit or a purchase"
    POST_ADJUSTMENT = "post adjustments (write-offs, discounts, corrections)"
    WRITE_NOTES = "write clinical notes"
    FINALIZE_ANY_NOTE = "edit or finalize another user's clinical note"
    BILL_INSURER = "mark a session billed to an insurer or funder"
    REPORTS = "run reports"
    EXTRACT_SDS = "extract SDs for claiming"
    IMPORT = "import from CSV"
    BULK_CANCEL = "bulk cancel"
    SETTINGS = "change settings"
    MANAGE_USERS = "manage users"


_RECEPTION = frozenset(
    {
        Permission.CANCEL,
        Permission.COMPLETE,
        Permission.MARK_DNA,
        Permission.RESCHEDULE,
        Permission.TAKE_PAYMENT,
        Permission.SELL_PACKS,
        Permission.WRITE_NOTES,
    }
)
_MANAGER = _RECEPTION | {
    Permission.UNDO_CANCELLATION,
    Permission.UNDO_DNA,
    Permission.DELETE_SESSION,
    Permission.WAIVE_CHARGE,
    Permission.REMOVE_PAYMENT,
    Permission.POST_ADJUSTMENT,
    Permission.FINALIZE_ANY_NOTE,
    Permission.BILL_INSURER,
    Permission.REPORTS,
    Permission.EXTRACT_SDS,
    Permission.IMPORT,
}
_ADMIN = _MANAGER | {Permission.BULK_CANCEL, Permission.SETTINGS, Permission.MANAGE_USERS}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTION: _RECEPTION,
    Role.MANAGER: _MANAGER,
    Role.ADMIN: _ADMIN,
}

_WHO_CAN = {Role.MANAGER: "a manager", Role.ADMIN: "an administrator"}


def can(actor: Actor, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[actor.role]


def lowest_role_with(permission: Permission) -> Role:
    for role in (Role.RECEPTION, Role.MANAGER, Role.ADMIN):
        if permission in ROLE_PERMISSIONS[role]:
            return role
    raise ValueError(permission)


def require(actor: Actor, permission: Permission) -> None:
    """Raise the sentence a user reads when their role lacks `permission`."""
    if can(actor, permission):
        return
    raise role_refusal(actor, permission.value, lowest_role_with(permission))


def role_refusal(actor: Actor, what: str, lowest: Role) -> PermissionDeniedError:
    """The refusal a user reads when their role may not do `what` (a permission's or a set-up
    change's words) and `lowest` is the least role that may: the one home of that sentence."""
    who = _WHO_CAN.get(lowest, "another user")
    return PermissionDeniedError(
        translate("auth", "Your role ({value}) cannot {value2}. Ask {who} to do it.").format(
            value=actor.role.value, value2=what, who=who
        )
    )


def require_now(uow: UnitOfWork, permission: Permission) -> None:
    """`require` for the account as the database has it at this moment, for a read that only
    some roles may make (a report, the audit log, an export, a settings screen's load).

    A write confirms the account as its transaction begins (app/db.py `confirm_account`); a
    read does not, so a desk whose account an administrator disabled, or whose role they
    lowered, at another desk would go on reading until its next poll. One primary-key read."""
    actor = uow.actor
    if actor.user_id:
        role = account_role(uow.session.connection(), actor)
        if role != actor.role.value:
            now = None if role is None else Actor(actor.user_id, actor.username, Role(role))
            if now is None or not can(now, permission):
                raise AccountChangedError(no_longer_allowed(permission, now), now)
            return  # a new role that still carries it: the desk follows at its next poll
    require(actor, permission)


def no_longer_allowed(permission: Permission, now: Actor | None) -> str:
    """What a person reads when an administrator's change to their account (`now`: the account
    as it is now, None when disabled) has taken `permission` away since they signed in."""
    if now is None:
        return translate(
            "auth",
            "Your account no longer allows you to {value}: an administrator has disabled it. "
            "Ask an administrator if you need the account again.",
        ).format(value=permission.value)
    who = _WHO_CAN.get(lowest_role_with(permission), "another user")
    return translate(
        "auth",
        "Your account no longer allows you to {value}: an administrator has changed your role "
        "to {role}. Ask {who} to do it for you.",
    ).format(value=permission.value, role=now.role.value, who=who)


_hasher = PasswordHasher()  # argon2id with the library's current recommended cost


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
