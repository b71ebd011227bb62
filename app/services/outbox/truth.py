"""Whether a client message is still true at the moment it would go, and its withdrawal if not.

The changes that make a message untrue withdraw it themselves (undo, re-booking, move); this
is the check at send time, for whatever a path did not withdraw: the sender's pass runs it on
every message it claims, and Retry on the failed message before it is queued again.

What "still true" means, per topic:
- every client message: the session it is about still exists (not deleted), and the time it
  names is still the session's time; an e-mail needs the client's consent and an address, a
  text the client's consent, no text opt-out (`may_text`) and the mobile it was queued for
  still the client's;
- a cancellation notice (client, worker, practice, closure) and a "fee withdrawn" notice: the
  cancellation stands (not undone), the client's booking is still cancelled, and the client
  was not booked into a replacement session;
- "your booking is back" and a new time notice: the client is still booked in the session;
- a did-not-attend notice: the client is still marked did-not-attend.

Besides, a client message about a session that has started is too late to go (a did-not-attend
notice excepted): the sender's pass marks such messages expired, and Retry expires the one it
was asked to send again instead of queueing it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import Booking, Cancellation, Client, OutboxMessage, Session
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.outbox import notify, withdrawal
from app.services.sms.consent import may_text, text_number

# Why a message no longer goes (the Withdrawn list shows it): the sentences of `withdrawal`,
# which the changes' own withdrawals use too.
BOOKED_TOPICS = frozenset({"undo", "reschedule"})
_CANCELLATION_KEY = re.compile(r"^(?:cancellation|fee_withdrawn):(\d+):booking:(\d+):")
# The messages a client reads; those about a session that has started are of no use to them,
# except a did-not-attend notice, which is about a started session by nature.
CLIENT_CHANNELS = (OutboxChannel.EMAIL, OutboxChannel.SMS)
AFTER_START_TOPICS = ("dna",)
# …while it is fresh: a day after the session it would tell the client nothing they can act on
# (a mark entered days later, from the Unresolved tab, e-mails nobody).
DNA_FRESH = timedelta(days=1)


def started_text(starts_at: datetime, tz: ZoneInfo, topic: str = "") -> str:
    """Why a client message about a session that has started was not sent (the Expired list)."""
    when = notify.short_when(starts_at, tz)
    if topic in AFTER_START_TOPICS:
        return translate(
            "outbox",
            "Not sent: the session was on {when}, a day or more ago, so the did-not-attend "
            "e-mail would no longer help the client.",
        ).format(when=when)
    return translate(
        "outbox", "Not sent: the session started ({when}) before the message could go."
    ).format(when=when)


def started_at(uow: UnitOfWork, row: OutboxMessage) -> datetime | None:
    """When the session this client message is about started, once it has: too late to go
    (a did-not-attend notice only a day after it, `DNA_FRESH`); None while it may still go."""
    if row.channel not in CLIENT_CHANNELS or row.session_id is None:
        return None
    session = uow.session.get(Session, row.session_id)
    fresh = DNA_FRESH if row.topic in AFTER_START_TOPICS else timedelta(0)
    if session is None or session.starts_at + fresh > uow.now():
        return None
    return session.starts_at


def expire(uow: UnitOfWork, row: OutboxMessage, starts_at: datetime) -> str:
    """The message is too late to go: into the Expired list with why, its claim let go; why."""
    why = started_text(starts_at, practice.time_zone(uow), row.topic)
    row.status, row.status_reason = OutboxStatus.EXPIRED, why[:255]
    row.next_attempt_at = row.lease_owner = row.lease_until = None
    uow.session.flush()
    return why


def untrue_because(uow: UnitOfWork, row: OutboxMessage) -> str | None:
    """Why this client message would be untrue if it went now; None while it is true."""
    if row.channel not in CLIENT_CHANNELS or row.client_id is None:
        return None
    if row.topic in notify.ADDRESSED_TOPICS:
        return None
    client = uow.session.get(Client, row.client_id)
    refused = _contact_refused(row, client)
    if refused is not None:
        return refused
    # A text goes to the number it was queued for: never to a number the client no longer has
    # (someone else's phone now), nor when they have no mobile on file any more.
    if (row.channel == OutboxChannel.SMS and row.recipient
            and text_number(client, practice.settings(uow).country) != row.recipient):  # fmt: skip
        return withdrawal.TEXT_NUMBER_CHANGED
    payload = row.payload or {}
    if row.session_id is None:
        about = payload.get("session_id") or payload.get("booking_id")
        return withdrawal.DELETED if about is not None else None
    session = uow.session.get(Session, row.session_id)
    if session is None:
        return withdrawal.DELETED
    named = payload.get("starts_utc")
    if isinstance(named, str) and _moment(named) not in (None, session.starts_at):
        return withdrawal.MOVED
    return _topic_untrue(uow, row, session)


def _contact_refused(row: OutboxMessage, client: Client | None) -> str | None:
    """Why the client may no longer get this message by its channel: an e-mail needs consent and
    an address, a text consent and no text opt-out; None while they may."""
    if row.channel == OutboxChannel.EMAIL:
        ok = client is not None and client.notify_consent and client.email
        return None if ok else withdrawal.CONSENT_WITHDRAWN
    if may_text(client):
        return None
    if client is not None and client.notify_consent:
        return withdrawal.TEXT_OPTED_OUT
    return withdrawal.TEXT_CONSENT_WITHDRAWN


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _topic_untrue(uow: UnitOfWork, row: OutboxMessage, session: Session) -> str | None:
    statuses = {b.status for b in session.bookings if b.client_id == row.client_id}
    if row.topic in notify.CANCEL_TOPICS:
        return _cancellation_untrue(uow, row, session, statuses)
    if row.topic in BOOKED_TOPICS and BookingStatus.BOOKED not in statuses:
        return withdrawal.CANCELLED_SINCE
    if row.topic == "dna" and BookingStatus.DNA not in statuses:
        return withdrawal.DNA_UNDONE
    return None


def _cancellation_untrue(
    uow: UnitOfWork, row: OutboxMessage, session: Session, statuses: set[BookingStatus]
) -> str | None:
    """A cancellation notice is true while that cancellation stands and the client stays out."""
    found = _CANCELLATION_KEY.match(row.idempotency_key)
    if found is not None:
        cancellation = uow.session.get(Cancellation, int(found.group(1)))
        booking = uow.session.get(Booking, int(found.group(2)))
        if cancellation is None or cancellation.undone_at is not None:
            return withdrawal.UNDONE
        if booking is not None and booking.status != BookingStatus.CANCELLED:
            return withdrawal.REBOOKED
    elif BookingStatus.CANCELLED not in statuses:
        return withdrawal.REBOOKED
    rebooked = uow.session.scalar(
        select(Booking.id)
        .join(Session, Session.id == Booking.session_id)
        .where(
            Session.replacement_of_id == session.id,
            Booking.client_id == row.client_id,
            Booking.status == BookingStatus.BOOKED,
        )
        .limit(1)
    )
    return withdrawal.REBOOKED if rebooked is not None else None


def withdraw(uow: UnitOfWork, row: OutboxMessage, why: str) -> None:
    """The message no longer goes: into the Withdrawn list with why, its claim let go; audited."""
    row.status, row.status_reason = OutboxStatus.WITHDRAWN, why[:255]
    row.next_attempt_at = row.lease_owner = row.lease_until = None
    uow.session.flush()
    audit.record(uow, "outbox.withdraw", "outbox_message", row.id, session_id=row.session_id,
                 after={"messages": [row.id], "why": why})  # fmt: skip


def withdraw_if_untrue(uow: UnitOfWork, row: OutboxMessage) -> str | None:
    """Withdraw the message when it is no longer true; why it was, or None when it goes."""
    why = untrue_because(uow, row)
    if why is not None:
        withdraw(uow, row, why)
    return why
