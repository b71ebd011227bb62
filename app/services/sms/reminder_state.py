"""What a booking shows of its reminders: confirmed, sent or queued (the session's details
read it; kept light, so the details need none of the reminder rules' machinery)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import when_text
from app.models import Booking, OutboxMessage
from app.models.enums import OutboxStatus
from app.services import practice

TOPIC = "reminder"


def day_time_text(local: datetime, locale: str | None = None) -> str:
    """ "Thu 3 Dec 9:00 am" for a local time."""
    hour = local.hour % 12 or 12
    half = when_text(local, "%p", locale).lower()
    day = f"{when_text(local, '%a', locale)} {local.day} {when_text(local, '%b', locale)}"
    return f"{day} {hour}:{local.minute:02d} {half}"


def reminder_state(uow: UnitOfWork, session_id: int, booking_ids: list[int]) -> dict[int, str]:
    """Per booking, the reminder line of the session's details: "Confirmed <when>",
    "Reminder sent <when>" or "Reminder queued for <when>"; nothing when none."""
    if not booking_ids:
        return {}
    tz = practice.time_zone(uow)
    out: dict[int, str] = {}
    for b_id, confirmed in uow.session.execute(
        select(Booking.id, Booking.confirmed_at).where(
            Booking.id.in_(booking_ids), Booking.confirmed_at.is_not(None)
        )
    ):
        if confirmed is not None:
            out[b_id] = f"Confirmed {day_time_text(confirmed.astimezone(tz))}"
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
        if b_id not in booking_ids or b_id in out and out[b_id].startswith("Confirmed"):
            continue
        if status == OutboxStatus.SENT and sent_at is not None:
            out[b_id] = f"Reminder sent {day_time_text(sent_at.astimezone(tz))}"
        elif next_at is not None and not out.get(b_id, "").startswith("Reminder sent"):
            out[b_id] = f"Reminder queued for {day_time_text(next_at.astimezone(tz))}"
    return out
