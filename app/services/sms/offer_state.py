"""The state of a freed place's offers, as the session's details panel shows it: one query, and
none of the gateway's or the waitlist's code loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select

from app.db import UnitOfWork
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
    "waiting": "waiting",
    "declined": "declined",
    "accepted": "booked",
    "taken": "told it was taken",
    "withdrawn": "withdrawn",
    "moved": "withdrawn: the session moved",
    "expired": "expired",
}


def offer_line(states: Sequence[OfferState], tz: ZoneInfo) -> str:
    """E.g. "Offered to 2 clients: Jane Roe (sent 10:02), Sam Lee (waiting)"; "" when none."""
    if not states:
        return ""
    parts = []
    for s in states:
        if s.status == "sent" and s.sent_at is not None:
            word = f"sent {s.sent_at.astimezone(tz):%H:%M}"
        else:
            word = STATE_WORDS.get(s.status, s.status)
        parts.append(f"{s.client_name} ({word})")
    count = len(states)
    return f"Offered to {count} client{'' if count == 1 else 's'}: " + ", ".join(parts)
