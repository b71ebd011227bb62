"""The reminders the rules queue in the outbox.

`queue_due_reminders` writes one outbox message per rule, booking and session start, waiting
until its moment; a booking cancelled, a session moved or deleted withdraws the unsent message
(`reminder_withdrawal`; a moved session gets a new one, under a new key).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update

from app.db import SYSTEM_ACTOR, Database, UnitOfWork
from app.models import Booking, Client, OutboxMessage, PracticeSettings, ReminderRule, Session
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionStatus
from app.services import practice
from app.services.outbox import withdrawal
from app.services.sms.consent import text_number
from app.services.sms.reminder_rules import RuleDraft, as_draft
from app.services.sms.reminder_state import TOPIC
from app.services.sms.reminder_text import Facts, booking_facts, render
from app.services.sms.reminder_withdrawal import (
    BOOKING_GONE,
    RULE_GONE,
    SESSION_MOVED,
    reminder_key,
    withdraw_stale,
)

# A reminder whose moment passed (a booking made late) still goes if the session is this far off.
LATE_ENOUGH = timedelta(hours=1)
# Reminders are queued this long before their moment: the outbox does not fill with a week of
# them, and their text is written close to when it goes.
QUEUE_AHEAD = timedelta(days=2)
# Withdrawn for one of these, a reminder comes back when it is true again (an undo, a session
# moved back to its old time); `withdrawal.MOVED` is the move's own withdrawal of client e-mails.
_STALE = (BOOKING_GONE, SESSION_MOVED, RULE_GONE, withdrawal.MOVED)
# How often the outbox loop looks for reminders to queue (withdrawals are checked every pass).
QUEUE_EVERY = timedelta(minutes=5)


def send_moment(draft: RuleDraft, starts_at: datetime, tz: ZoneInfo) -> datetime:
    """When a rule reminds a session starting at `starts_at`: hours before, or on the local date
    `days_before` earlier at the rule's time on the practice's clock (a daylight-saving change
    in between moves the UTC moment, not the local time)."""
    if draft.hours_before is not None:
        return starts_at - timedelta(hours=draft.hours_before)
    day: date = starts_at.astimezone(tz).date() - timedelta(days=draft.days_before)
    hour, minute = (int(part) for part in (draft.at_time or "09:00").split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _matches(draft: RuleDraft, session: Session) -> bool:
    return all(
        wanted is None or wanted == actual
        for wanted, actual in (
            (draft.service_id, session.service_id),
            (draft.worker_id, session.worker_id),
            (draft.location_id, session.location_id),
        )
    )


def _recipient(channel: str, client: Client, country: str) -> str | None:
    """Where the reminder goes, or None when the client said no or has no such contact (a text
    also needs no text opt-out; an e-mail does not)."""
    if channel == "email":
        return ((client.email or "").strip() or None) if client.notify_consent else None
    return text_number(client, country)


# The reminder a rule wants for a booking: (rule, booking, send moment).
_Want = tuple[RuleDraft, Booking, datetime]
# The reminders wanted, by their idempotency key.
_Wanted = dict[str, _Want]
# An outbox row already written under a key: (id, status, status reason).
_Written = tuple[int, OutboxStatus, str]


def queue_due_reminders(uow: UnitOfWork, now: datetime) -> int:
    """Queue the reminders of the coming days' bookings; returns how many were queued.

    Run by the outbox loop every few minutes. Each reminder waits in the outbox until its
    moment; one already queued (same rule, booking and start) is not queued again, and a
    withdrawn one whose booking is true again (an undo, a session moved back) comes back.
    """
    withdraw_stale(uow)
    active = select(ReminderRule).where(ReminderRule.active.is_(True))
    rules = [as_draft(r) for r in uow.session.scalars(active.order_by(ReminderRule.id))]
    if not rules:
        return 0
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    horizon = now + max(r.lead() for r in rules) + timedelta(days=1)
    wanted = _wanted(_coming_bookings(uow, now, horizon), rules, tz, now)
    if not wanted:
        return 0
    existing = _already_written(uow, list(wanted))
    queued = 0
    for key, want in wanted.items():
        queued += _queue(uow, key, existing.get(key), want, now, settings)
    uow.session.flush()
    return queued


def _coming_bookings(uow: UnitOfWork, now: datetime, horizon: datetime) -> list[Booking]:
    """The booked places of rostered sessions starting late enough after `now`, up to `horizon`."""
    return list(
        uow.session.scalars(
            select(Booking)
            .join(Session, Session.id == Booking.session_id)
            .where(
                Booking.status == BookingStatus.BOOKED,
                Session.status == SessionStatus.ROSTERED,
                Session.starts_at > now + LATE_ENOUGH,
                Session.starts_at <= horizon,
            )
            .order_by(Session.starts_at, Booking.id)
        )
    )


def _wanted(
    bookings: list[Booking], rules: list[RuleDraft], tz: ZoneInfo, now: datetime
) -> _Wanted:
    """Each rule's reminder for each booking it matches, whose moment is before the session
    and within `QUEUE_AHEAD` of now."""
    wanted: _Wanted = {}
    for booking in bookings:
        session = booking.session
        for rule in rules:
            if not _matches(rule, session):
                continue
            moment = send_moment(rule, session.starts_at, tz)
            if moment >= session.starts_at or moment > now + QUEUE_AHEAD:
                continue
            assert rule.id is not None
            wanted[reminder_key(rule.id, booking.id, session.starts_at)] = (rule, booking, moment)
    return wanted


def _already_written(uow: UnitOfWork, keys: list[str]) -> dict[str, _Written]:
    """The outbox rows already written under these keys."""
    m = OutboxMessage
    return {
        key: (row_id, status, reason)
        for key, row_id, status, reason in uow.session.execute(
            select(m.idempotency_key, m.id, m.status, m.status_reason).where(
                m.idempotency_key.in_(keys)
            )
        )
    }


def _queue(
    uow: UnitOfWork,
    key: str,
    found: _Written | None,
    want: _Want,
    now: datetime,
    settings: PracticeSettings,
) -> bool:
    """Write the reminder under `key`, or write again one withdrawn for a reason no longer
    true; False when it is there already or the client can't be reached."""
    m, (rule, booking, moment) = OutboxMessage, want
    if found is not None and not (found[1] == OutboxStatus.WITHDRAWN and found[2] in _STALE):
        return False
    values = _message_values(uow, rule, booking, moment, now, settings)
    if values is None:
        return False
    if found is None:
        uow.session.add(m(idempotency_key=key, **values))
    else:
        uow.session.execute(
            update(m).where(m.id == found[0]).values(attempts=0, last_error=None, **values)
        )
    return True


def _message_values(
    uow: UnitOfWork,
    rule: RuleDraft,
    booking: Booking,
    moment: datetime,
    now: datetime,
    settings: PracticeSettings,
) -> dict[str, Any] | None:
    client = booking.client
    recipient = _recipient(rule.channel, client, settings.country or "AU")
    if recipient is None:
        return None
    facts = booking_facts(uow, booking, max(moment, now))
    body = render(rule.template, rule.channel, facts, settings)
    sms = rule.channel == "sms"
    return {
        "channel": OutboxChannel.SMS if sms else OutboxChannel.EMAIL,
        "topic": TOPIC,
        "session_id": booking.session_id,
        "client_id": client.id,
        "recipient": recipient,
        "subject": "" if sms else f"{settings.name}: appointment reminder",
        "payload": {
            "body": body,
            "booking_id": booking.id,
            "offer_id": None,
            "rule_id": rule.id,
            # What the e-mail template names beside the body.
            "practice": settings.name,
            "first_name": client.first_name,
            "practice_phone": settings.phone,
            "practice_email": settings.email,
            # The deadline the text states: a reminder still unsent by then is written again.
            "deadline_at": _stated_deadline(facts),
        },
        "status": OutboxStatus.PENDING,
        "status_reason": "",
        "created_at": now,
        "next_attempt_at": max(moment, now),
    }


def _stated_deadline(facts: Facts) -> str | None:
    if facts.deadline is None or facts.deadline_passed:
        return None
    return facts.deadline.moment.isoformat()


def restate_passed_deadlines(uow: UnitOfWork) -> int:
    """Reminders due to go whose stated deadline has passed meanwhile (the desk was off or
    offline at their moment) are written again for now, so none states a day already gone."""
    m, now = OutboxMessage, uow.now()
    rows = uow.session.scalars(
        select(m).where(
            m.topic == TOPIC,
            m.status == OutboxStatus.PENDING,
            m.next_attempt_at <= now,
            or_(m.lease_until.is_(None), m.lease_until <= now),
        )
    )
    settings, restated = practice.settings(uow), 0
    for row in rows:
        payload = dict(row.payload or {})
        stated = payload.get("deadline_at")
        if not isinstance(stated, str) or datetime.fromisoformat(stated) >= now:
            continue
        booking = uow.session.get(Booking, int(payload.get("booking_id") or 0))
        rule = uow.session.get(ReminderRule, int(payload.get("rule_id") or 0))
        if booking is None or rule is None:
            continue  # withdrawn by `withdraw_stale` instead
        facts = booking_facts(uow, booking, now)
        payload["body"] = render(rule.template, rule.channel, facts, settings)
        payload["deadline_at"] = _stated_deadline(facts)
        row.payload = payload
        restated += 1
    uow.session.flush()
    return restated


def reminders_pass(db: Database, *, queue: bool = True) -> int:
    """The outbox loop's part, before each send: unsent reminders no longer true are withdrawn,
    and (when `queue`, every `QUEUE_EVERY`) the coming reminders are queued; how many."""

    def run(uow: UnitOfWork) -> int:
        if not queue:
            withdraw_stale(uow)
            restate_passed_deadlines(uow)
            return 0
        queued = queue_due_reminders(uow, uow.now())
        restate_passed_deadlines(uow)
        return queued

    return db.transact(SYSTEM_ACTOR, run)
