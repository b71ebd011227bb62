"""What a booking shows of its reminders: confirmed, sent or queued (the session's details
read it; kept light, so the details need none of the reminder rules' machinery)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, day_time, translate, when_text
from app.models import Booking, OutboxMessage
from app.models.enums import BookingStatus, OutboxStatus
from app.services import practice

TOPIC = "reminder"
# The details' lines; {when} is e.g. "Wed 01 Apr 2026 11:00", as the details say every moment.
CONFIRMED = QT_TRANSLATE_NOOP("details", "Confirmed {when}")
SENT = QT_TRANSLATE_NOOP("details", "Reminder sent {when}")
QUEUED = QT_TRANSLATE_NOOP("details", "Reminder queued for {when}")


def day_time_text(local: datetime, locale: str | None = None) -> str:
    """ "Thu 3 Dec 9:00 am" for a local time."""
    hour = local.hour % 12 or 12
    half = when_text(local, "%p", locale).lower()
    day = f"{when_text(local, '%a', locale)} {local.day} {when_text(local, '%b', locale)}"
    return f"{day} {hour}:{local.minute:02d} {half}"


def reminder_state(uow: UnitOfWork, session_id: int, booking_ids: list[int]) -> dict[int, str]:
    """Per booking, the reminder line of the session's details, in the practice's language:
    "Confirmed <when>", "Reminder sent <when>" or "Reminder queued for <when>"; nothing when
    none. A confirmation outranks a sent reminder, which outranks one still queued."""
    if not booking_ids:
        return {}
    tz = practice.time_zone(uow)
    found: dict[int, tuple[str, datetime]] = {}
    booked: set[int] = set()  # a reminder still queued is only news for a place still booked
    for b_id, status, confirmed in uow.session.execute(
        select(Booking.id, Booking.status, Booking.confirmed_at).where(Booking.id.in_(booking_ids))
    ):
        if status == BookingStatus.BOOKED:
            booked.add(b_id)
        if confirmed is not None:
            found[b_id] = (CONFIRMED, confirmed)
    m = OutboxMessage
    rows = uow.session.execute(
        select(m.payload, m.status, m.sent_at, m.next_attempt_at)
        .where(
            m.session_id == session_id,
            m.topic == TOPIC,
            m.status.in_((OutboxStatus.SENT, OutboxStatus.PENDING)),
        )
        .order_by(m.id)
    ).all()
    for payload, status, sent_at, next_at in rows:
        b_id = int(payload.get("booking_id") or 0)
        kind = found.get(b_id, ("", None))[0]
        if b_id not in booking_ids or kind == CONFIRMED:
            continue
        if status == OutboxStatus.SENT and sent_at is not None:
            found[b_id] = (SENT, sent_at)
        elif next_at is not None and kind != SENT and b_id in booked:
            found[b_id] = (QUEUED, next_at)
    return {
        b_id: translate("details", kind).format(when=day_time(moment, tz))
        for b_id, (kind, moment) in found.items()
    }
