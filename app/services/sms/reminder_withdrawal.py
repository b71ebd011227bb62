"""Reminders no longer true are withdrawn before they go: the booking cancelled or gone, the
session moved or deleted, the rule switched off, changed or removed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, bindparam, case, or_, select, tuple_, update

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Booking, OutboxMessage, ReminderRule, Session
from app.models.enums import BookingStatus, OutboxStatus
from app.services.audit import chain as audit
from app.services.rows import ids_param
from app.services.sms.reminder_state import TOPIC

# Why an unsent reminder no longer goes (the outbox's Withdrawn list shows it).
BOOKING_GONE = QT_TRANSLATE_NOOP(
    "outbox", "The booking was cancelled or removed before the reminder went."
)
SESSION_MOVED = QT_TRANSLATE_NOOP(
    "outbox", "The session was moved before the reminder went; the new time is reminded instead."
)
RULE_GONE = QT_TRANSLATE_NOOP(
    "outbox", "The reminder rule was changed or removed before the reminder went."
)


def reminder_key(rule_id: int, booking_id: int, starts_at: datetime) -> str:
    """One reminder per rule, booking and session start: a moved session gets a new key."""
    start = starts_at.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%MZ")
    return f"{TOPIC}:{rule_id}:{booking_id}:{start}"


def _unsent(now: Any) -> tuple[Any, ...]:
    """A reminder not gone yet: waiting, or refused by the server (a Retry would send what is no
    longer true); not one a desk is sending this very moment (claimed under a live lease)."""
    m = OutboxMessage
    return (
        m.topic == TOPIC,
        m.status.in_((OutboxStatus.PENDING, OutboxStatus.FAILED)),
        or_(m.lease_until.is_(None), m.lease_until <= now),
    )


def _withdraw_cancelled_statement() -> Any:
    """The one UPDATE of `withdraw_cancelled`, built once: a cancellation (a bulk batch's
    hundreds of sessions) hands it its ids, without the statement being made and its id lists
    checked value by value every time."""
    m, b = OutboxMessage, Booking
    places = select(b.session_id, b.client_id).where(b.id.in_(ids_param("booking_ids")))
    # The sessions' index finds their few messages: the state, asked as a CASE, offers the
    # planner no index of its own (the outbox's index by state would walk every waiting
    # message, the batch's own notices among them, and a bulk job queues thousands).
    unsent = case((and_(*_unsent(bindparam("now"))), 1), else_=0)
    return (
        update(m)
        .where(
            m.session_id.in_(ids_param("session_ids")),
            tuple_(m.session_id, m.client_id).in_(places),
            unsent == 1,
        )
        .values(status=OutboxStatus.WITHDRAWN, status_reason=BOOKING_GONE, next_attempt_at=None)
        .returning(m.id)
    )


_WITHDRAW_CANCELLED = _withdraw_cancelled_statement()


def withdraw_cancelled(
    conn: Connection, session_ids: Collection[int], booking_ids: Collection[int], now: datetime
) -> audit.Event | None:
    """The unsent reminders of these cancelled bookings (of these sessions) are withdrawn as the
    pass would withdraw them (`BOOKING_GONE`), in one statement of the cancellation's own
    transaction: one parameter per session and booking, so a bulk batch's thousands fit, and
    the sessions' index finds the messages. The audit event to record with the cancellation's,
    or None."""
    if not booking_ids:
        return None
    found = conn.execute(_WITHDRAW_CANCELLED, {
        "session_ids": sorted(set(session_ids)), "booking_ids": sorted(set(booking_ids)),
        "now": now,
    })  # fmt: skip
    gone = sorted(found.scalars())
    if not gone:
        return None
    return audit.Event("outbox.withdraw", "outbox", None,
                       after={"messages": gone, "why": BOOKING_GONE})  # fmt: skip


def withdraw_stale(uow: UnitOfWork, *, changed_rule: int | None = None) -> list[int]:
    """Unsent reminders that are no longer true are withdrawn: the booking cancelled or gone,
    the session moved or deleted, the rule switched off or removed; waiting, or refused by the
    server (a Retry would send what is no longer true). A reminder a desk is sending this very
    moment (claimed under a live lease) is left alone. Audited."""
    m, now = OutboxMessage, uow.now()
    unsent = _unsent(now)
    rows = uow.session.execute(
        select(m.id, m.idempotency_key, m.session_id, m.payload).where(*unsent)
    ).all()
    if not rows:
        return []
    booking_ids = {int(p.get("booking_id") or 0) for *_, p in rows}
    live = {
        b_id: (status, starts_at)
        for b_id, status, starts_at in uow.session.execute(
            select(Booking.id, Booking.status, Session.starts_at)
            .join(Session, Session.id == Booking.session_id)
            .where(Booking.id.in_(booking_ids))
        )
    }
    active = set(uow.session.scalars(select(ReminderRule.id).where(ReminderRule.active.is_(True))))
    by_why: dict[str, list[int]] = {}
    for row_id, key, session_id, payload in rows:
        found = live.get(int(payload.get("booking_id") or 0))
        if session_id is None or found is None or found[0] != BookingStatus.BOOKED:
            why = BOOKING_GONE
        elif payload.get("rule_id") not in active or payload.get("rule_id") == changed_rule:
            why = RULE_GONE
        elif key != reminder_key(int(payload["rule_id"]), int(payload["booking_id"]), found[1]):
            why = SESSION_MOVED
        else:
            continue
        by_why.setdefault(why, []).append(row_id)
    done: list[int] = []
    for why, ids in by_why.items():
        uow.session.execute(
            update(m)
            .where(m.id.in_(ids), *unsent)
            .values(status=OutboxStatus.WITHDRAWN, status_reason=why, next_attempt_at=None)
            .execution_options(synchronize_session="fetch")
        )
        gone = list(uow.session.scalars(
            select(m.id).where(m.id.in_(ids), m.status == OutboxStatus.WITHDRAWN).order_by(m.id)))  # fmt: skip
        if gone:
            audit.record(uow, "outbox.withdraw", "outbox", None,
                         after={"messages": gone, "why": why})  # fmt: skip
        done += gone
    return done
