"""Domain refusals: each message is the sentence the receptionist reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from app.models.actor import Actor


class FrontDeskError(Exception):
    """Base of every refusal FrontDesk explains to a user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Which input the message is about, so a dialog can show it on the right page.
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(FrontDeskError):
    """The input cannot be accepted as it is."""


class NotAllowedError(FrontDeskError):
    """The operation does not apply to the record in its current state."""


class PracticeInUseError(NotAllowedError):
    """Another desk has the practice open (a restore), or a restore is replacing it (a start)."""


class AuditKeyError(NotAllowedError):
    """This desk cannot sign the audit trail: its key is missing, damaged or not the practice's."""


class PermissionDeniedError(FrontDeskError):
    """The user's role does not carry the permission."""


class AccountChangedError(PermissionDeniedError):
    """An administrator disabled the acting account, or gave it another role, since the desk
    signed in: nothing was written. `now` is the account as the database has it (None: it can no
    longer act — disabled or gone), which the window follows."""

    def __init__(self, message: str, now: Actor | None) -> None:
        super().__init__(message)
        self.now = now

    @property
    def disabled(self) -> bool:
        return self.now is None


class NotFoundError(FrontDeskError):
    """The record is gone (deleted at another desk, or never existed)."""


class ConflictError(FrontDeskError):
    """Another desk changed the record since it was loaded."""

    def __init__(self, message: str | None = None, *, field: str | None = None) -> None:
        super().__init__(
            message
            or "This session was changed at another desk — reloaded. Check it and try again.",
            field=field,
        )


class ConfirmationNeeded(FrontDeskError):
    """Allowed, but unusual enough to ask first: the message is the question, naming what is
    unusual. Nothing was written; the same request marked as confirmed goes ahead."""


class BlockedError(FrontDeskError):
    """Refused because of specific records, each listed with how to clear it."""

    def __init__(self, message: str, blockers: Sequence[str]) -> None:
        super().__init__(message)
        self.blockers = tuple(blockers)

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"• {b}" for b in self.blockers)])


class StorageError(FrontDeskError):
    """The database could not be written (locked too long, disk full, folder read-only)."""

    @classmethod
    def from_operational(cls, exc: DBAPIError) -> StorageError:
        text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        if "locked" in text or "busy" in text:
            return cls("The database is busy at another desk. Nothing was changed; try again.")
        if "full" in text:
            return cls("The disk is full. Nothing was changed; free some space and try again.")
        if "readonly" in text or "read-only" in text or "permission" in text:
            return cls(
                "The database folder cannot be written. Nothing was changed; "
                "ask your administrator to check the folder's permissions."
            )
        return cls(f"The database refused the change ({text}). Nothing was changed.")


class TransientDbError(StorageError):
    """Two desks collided in the database; retrying the whole transaction is safe."""

    def __init__(self) -> None:
        super().__init__(
            "Another desk was saving at the same moment. Nothing was changed; try again."
        )
