"""The state of a freed place's offers, as the session's details panel shows it: one query, and
none of the gateway's or the waitlist's code loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Client, WaitlistOffer


@dataclass(frozen=True)
class OfferState:
    """One offer as the session's details panel shows it."""

    client_name: str
    status: str
    sent_at: datetime | None


def offer_states(uow: UnitOfWork, session_id: int) -> list[OfferState]:
    """The session's offers of its latest round, in order (one small query)."""
    o = WaitlistOffer
    latest = select(func.max(o.created_at)).where(o.session_id == session_id).scalar_subquery()
    rows = uow.session.execute(
        select(Client.first_name, Client.last_name, o.status, o.sent_at)
        .join(Client, Client.id == o.client_id)
        .where(and_(o.session_id == session_id, o.created_at == latest))
        .order_by(o.position, o.id)
    )
    return [OfferState(f"{r.first_name} {r.last_name}".strip(), r.status, r.sent_at) for r in rows]


STATE_WORDS = {
    "waiting": QT_TRANSLATE_NOOP("sms", "waiting"),
    "declined": QT_TRANSLATE_NOOP("sms", "declined"),
    "accepted": QT_TRANSLATE_NOOP("sms", "booked"),
    "taken": QT_TRANSLATE_NOOP("sms", "told it was taken"),
    "withdrawn": QT_TRANSLATE_NOOP("sms", "withdrawn"),
    "moved": QT_TRANSLATE_NOOP("sms", "withdrawn: the session moved"),
    "svc_changed": QT_TRANSLATE_NOOP("sms", "withdrawn: the session's service changed"),
    "expired": QT_TRANSLATE_NOOP("sms", "expired"),
}


def offer_line(states: Sequence[OfferState], tz: ZoneInfo) -> str:
    """E.g. "Offered to 2 clients: Jane Roe (sent 10:02), Sam Lee (waiting)"; "" when none."""
    if not states:
        return ""
    parts = []
    for s in states:
        if s.status == "sent" and s.sent_at is not None:
            word = translate("sms", "sent {time}").format(time=f"{s.sent_at.astimezone(tz):%H:%M}")
        else:
            word = translate("sms", STATE_WORDS.get(s.status, s.status))
        parts.append(f"{s.client_name} ({word})")
    n = len(states)  # a plain name: the catalogue's reader finds the count by it
    return translate("sms", "Offered to %n client(s): {offers}", None, n).format(
        offers=", ".join(parts)
    )
