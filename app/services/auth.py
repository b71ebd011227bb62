"""Roles, permissions and passwords (argon2id); enforced here, not only by greyed buttons."""

from __future__ import annotations

from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.db import Actor, UnitOfWork, account_role
from app.errors import AccountChangedError, PermissionDeniedError
from app.i18n import QT_TRANSLATE_NOOP, translate
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
    BACKUP = "back up the practice"
    RESTORE = "restore the practice from a backup"
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
    Permission.BACKUP,
}
# Restoring puts back an earlier practice and drops everything recorded since: an
# administrator's decision, in the window as on the command line.
_ADMIN = _MANAGER | {
    Permission.BULK_CANCEL,
    Permission.SETTINGS,
    Permission.MANAGE_USERS,
    Permission.RESTORE,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTION: _RECEPTION,
    Role.MANAGER: _MANAGER,
    Role.ADMIN: _ADMIN,
}

# Whole sentences, one for each permission a role may lack (every role holds reception's), so that
# a translator never joins an action's words into a sentence: "Your role ({role}) cannot …" where
# `role` is the role's name (ROLE_NAME); who to ask is the least role that holds the permission.
ROLE_NAME = {
    Role.RECEPTION: QT_TRANSLATE_NOOP("auth", "reception"),
    Role.MANAGER: QT_TRANSLATE_NOOP("auth", "manager"),
    Role.ADMIN: QT_TRANSLATE_NOOP("auth", "admin"),
}
REFUSED: dict[Permission, str] = {
    Permission.UNDO_CANCELLATION: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot undo cancellation. Ask a manager to do it."
    ),
    Permission.UNDO_DNA: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot take back a did-not-attend mark. Ask a manager to do it."
    ),
    Permission.DELETE_SESSION: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot delete session. Ask a manager to do it."
    ),
    Permission.WAIVE_CHARGE: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot waive a charge. Ask a manager to do it."
    ),
    Permission.REMOVE_PAYMENT: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot remove payments and adjustments. Ask a manager to do it."
    ),
    Permission.POST_ADJUSTMENT: QT_TRANSLATE_NOOP(
        "auth",
        "Your role ({role}) cannot post adjustments (write-offs, discounts, corrections). Ask a manager to do it.",
    ),
    Permission.FINALIZE_ANY_NOTE: QT_TRANSLATE_NOOP(
        "auth",
        "Your role ({role}) cannot edit or finalize another user's clinical note. Ask a manager to do it.",
    ),
    Permission.BILL_INSURER: QT_TRANSLATE_NOOP(
        "auth",
        "Your role ({role}) cannot mark a session billed to an insurer or funder. Ask a manager to do it.",
    ),
    Permission.REPORTS: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot run reports. Ask a manager to do it."
    ),
    Permission.EXTRACT_SDS: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot extract SDs for claiming. Ask a manager to do it."
    ),
    Permission.BACKUP: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot back up the practice. Ask a manager to do it."
    ),
    Permission.RESTORE: QT_TRANSLATE_NOOP(
        "auth",
        "Your role ({role}) cannot restore the practice from a backup. Ask an administrator to do it.",
    ),
    Permission.IMPORT: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot import from CSV. Ask a manager to do it."
    ),
    Permission.BULK_CANCEL: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot bulk cancel. Ask an administrator to do it."
    ),
    Permission.SETTINGS: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot change settings. Ask an administrator to do it."
    ),
    Permission.MANAGE_USERS: QT_TRANSLATE_NOOP(
        "auth", "Your role ({role}) cannot manage users. Ask an administrator to do it."
    ),
}
# What a person reads when an administrator's change to their account has taken a permission
# away since they signed in: their role lowered (`role`: the new one's name) …
ROLE_CHANGED: dict[Permission, str] = {
    Permission.UNDO_CANCELLATION: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to undo cancellation: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.UNDO_DNA: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to take back a did-not-attend mark: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.DELETE_SESSION: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to delete session: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.WAIVE_CHARGE: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to waive a charge: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.REMOVE_PAYMENT: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to remove payments and adjustments: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.POST_ADJUSTMENT: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to post adjustments (write-offs, discounts, corrections): an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.FINALIZE_ANY_NOTE: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to edit or finalize another user's clinical note: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.BILL_INSURER: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to mark a session billed to an insurer or funder: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.REPORTS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to run reports: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.EXTRACT_SDS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to extract SDs for claiming: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.BACKUP: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to back up the practice: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.RESTORE: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to restore the practice from a backup: an administrator has changed your role to {role}. Ask an administrator to do it for you.",
    ),
    Permission.IMPORT: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to import from CSV: an administrator has changed your role to {role}. Ask a manager to do it for you.",
    ),
    Permission.BULK_CANCEL: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to bulk cancel: an administrator has changed your role to {role}. Ask an administrator to do it for you.",
    ),
    Permission.SETTINGS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to change settings: an administrator has changed your role to {role}. Ask an administrator to do it for you.",
    ),
    Permission.MANAGE_USERS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to manage users: an administrator has changed your role to {role}. Ask an administrator to do it for you.",
    ),
}
# … or the account disabled (a permission every role holds is lost only that way: the one sentence).
ACCOUNT_DISABLED = QT_TRANSLATE_NOOP(
    "auth",
    "An administrator has disabled your account. Ask an administrator if you need the account "
    "again.",
)
DISABLED: dict[Permission, str] = {
    Permission.UNDO_CANCELLATION: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to undo cancellation: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.UNDO_DNA: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to take back a did-not-attend mark: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.DELETE_SESSION: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to delete session: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.WAIVE_CHARGE: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to waive a charge: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.REMOVE_PAYMENT: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to remove payments and adjustments: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.POST_ADJUSTMENT: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to post adjustments (write-offs, discounts, corrections): an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.FINALIZE_ANY_NOTE: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to edit or finalize another user's clinical note: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.BILL_INSURER: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to mark a session billed to an insurer or funder: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.REPORTS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to run reports: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.EXTRACT_SDS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to extract SDs for claiming: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.BACKUP: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to back up the practice: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.RESTORE: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to restore the practice from a backup: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.IMPORT: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to import from CSV: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.BULK_CANCEL: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to bulk cancel: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.SETTINGS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to change settings: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
    Permission.MANAGE_USERS: QT_TRANSLATE_NOOP(
        "auth",
        "Your account no longer allows you to manage users: an administrator has disabled it. Ask an administrator if you need the account again.",
    ),
}


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
    raise role_refusal(actor, REFUSED[permission])


def role_name(role: Role) -> str:
    """The role's name as a refusal says it ("reception"), in the practice's language."""
    return translate("auth", ROLE_NAME[role])


def role_refusal(actor: Actor, sentence: str) -> PermissionDeniedError:
    """The refusal a user reads when their role may not do something: `sentence` is its whole
    sentence, marked in the context "auth" ("Your role ({role}) cannot … Ask … to do it.")."""
    return PermissionDeniedError(translate("auth", sentence).format(role=role_name(actor.role)))


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
        return translate("auth", DISABLED.get(permission, ACCOUNT_DISABLED))
    return translate("auth", ROLE_CHANGED[permission]).format(role=role_name(now.role))


_hasher = PasswordHasher()  # argon2id with the library's current recommended cost


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
