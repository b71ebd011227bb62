"""What the outbox hands around: claimed messages, outcomes, rows and counts for views."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from app.i18n import translate
from app.models import OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus


class DeliveryError(Exception):
    """One attempt failed; the message is the sentence staff read next to the row."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.message = message
        # Retrying cannot help (e.g. the server refused the address): give up at once.
        self.permanent = permanent

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class OutgoingMessage:
    """A claimed outbox row, detached from the database so it can be sent outside a transaction."""

    id: int
    channel: OutboxChannel
    topic: str
    key: str
    recipient: str
    subject: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    session_id: int | None = None
    # Rows that go as this one e-mail (a series or a bulk cancellation's notices to one client),
    # in the order of their sessions; empty for a message of one row.
    together: tuple[OutgoingMessage, ...] = ()

    @property
    def ids(self) -> tuple[int, ...]:
        """The outbox rows this message stands for."""
        return tuple(m.id for m in self.together) or (self.id,)

    @classmethod
    def joined(cls, rows: list[OutgoingMessage]) -> OutgoingMessage:
        """One e-mail for several rows: the earliest session's row, standing for them all."""
        if len(rows) == 1:
            return rows[0]
        ordered = tuple(sorted(rows, key=lambda m: (str(m.payload.get("starts_utc") or ""), m.id)))
        first = ordered[0]
        return replace(
            first,
            key="|".join(m.key for m in sorted(rows, key=lambda m: m.id)),
            attempts=max(m.attempts for m in rows),
            together=ordered,
        )

    @classmethod
    def of(cls, row: OutboxMessage) -> OutgoingMessage:
        return cls(
            id=row.id,
            channel=row.channel,
            topic=row.topic,
            key=row.idempotency_key,
            recipient=row.recipient,
            subject=row.subject,
            payload=dict(row.payload or {}),
            attempts=row.attempts,
            created_at=row.created_at,
            session_id=row.session_id,
        )


class Result(StrEnum):
    SENT = "sent"
    ERROR = "error"
    SKIPPED = "skipped"  # nothing to send any more (e.g. the integration was switched off)
    MANUAL = "manual"  # the adapter cannot do it: it becomes a to-do


@dataclass(frozen=True)
class Outcome:
    """How one delivery attempt ended."""

    result: Result
    detail: str = ""
    permanent: bool = False
    # No answer at all (the desk or the service is offline): the message waits, its tries kept.
    offline: bool = False


@dataclass(frozen=True)
class PassResult:
    """What one sender pass did, counted."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    manual: int = 0
    expired: int = 0  # not sent: the session had started

    def add(self, **counts: int) -> PassResult:
        values = {k: getattr(self, k) + counts.get(k, 0) for k in self.__dataclass_fields__}
        return PassResult(**values)

    def merge(self, other: PassResult) -> PassResult:
        return self.add(**{k: getattr(other, k) for k in other.__dataclass_fields__})

    def summary(self) -> str:
        if not self.claimed:
            if self.expired:
                return translate(
                    "outbox", "Outbox: nothing due to send; {expired} expired (session started)."
                ).format(expired=self.expired)
            return translate("outbox", "Outbox: nothing due to send.")
        parts = [
            translate("outbox", "{count} sent").format(count=self.sent),
            translate("outbox", "{count} to retry later").format(count=self.retrying),
            translate("outbox", "{count} failed").format(count=self.failed),
        ]
        if self.skipped:
            parts.append(translate("outbox", "{count} skipped").format(count=self.skipped))
        if self.manual:
            parts.append(
                translate("outbox", "{count} moved to the manual to-do list").format(
                    count=self.manual
                )
            )
        if self.expired:
            parts.append(
                translate("outbox", "{count} expired (session started)").format(count=self.expired)
            )
        return translate("outbox", "Outbox: {parts}.").format(parts=", ".join(parts))


class OutboxFilter(StrEnum):
    """The outbox view's lists."""

    PENDING = "pending"
    FAILED = "failed"
    MANUAL = "manual"
    SKIPPED = "skipped"
    SENT = "sent"
    DONE = "done"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


@dataclass(frozen=True)
class OutboxRow:
    """One outbox message as the outbox view and `frontdesk outbox list` show it."""

    id: int
    channel: OutboxChannel
    topic: str
    what: str
    recipient: str
    status: OutboxStatus
    why: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    last_error: str | None
    sent_at: datetime | None
    done_by: str | None
    done_at: datetime | None
    session_id: int | None
    sending_now: bool = False


@dataclass(frozen=True)
class OutboxCounts:
    """How many messages wait in each state, and whether sending is set up at all."""

    pending: int = 0
    failed: int = 0
    manual: int = 0
    skipped: int = 0
    sent: int = 0
    done: int = 0
    withdrawn: int = 0
    expired: int = 0
    email_ready: bool = False
    integration: str = "none"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def needs_attention(self) -> int:
        """Failed messages and manual to-dos: what a person has to act on."""
        return self.failed + self.manual
