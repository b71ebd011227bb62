"""Clients who cancel often: x cancellations or no-shows within y weeks (practice settings)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.db import UnitOfWork
from app.models import Booking, Cancellation, CancellationLine, Client, Session
from app.models.enums import BookingStatus, CancelledBy
from app.services import practice
from app.services.reports.model import FrequentCanceller, FrequentRule

_cl = CancellationLine.__table__.c
_c = Cancellation.__table__.c
_b = Booking.__table__.c
_s = Session.__table__.c


def frequent_rule(uow: UnitOfWork) -> FrequentRule:
    """The practice's threshold: how many, within how many weeks."""
    row = practice.settings(uow)
    return FrequentRule(max(1, row.frequent_canceller_count), max(1, row.frequent_canceller_weeks))


@dataclass
class _Tally:
    cancellations: int = 0
    no_shows: int = 0
    last: list[datetime] = field(default_factory=list)


def _tally(uow: UnitOfWork, since: datetime, until: datetime) -> dict[int, _Tally]:
    """Client cancellations (by advised time, not undone) and no-shows (by start) per client."""
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    cancels = (
        select(_b.client_id, func.count(_cl.id), func.max(_c.advised_at))
        .select_from(CancellationLine.__table__)
        .join(Cancellation.__table__, _c.id == _cl.cancellation_id)
        .join(Booking.__table__, _b.id == _cl.booking_id)
        .where(
            _c.cancelled_by == CancelledBy.CLIENT,
            _c.undone_at.is_(None),
            _c.advised_at > since,
            _c.advised_at <= until,
        )
        .group_by(_b.client_id)
    )
    for client_id, n, last in uow.session.execute(cancels):
        tallies[client_id].cancellations = int(n)
        tallies[client_id].last.append(last)
    no_shows = (
        select(_b.client_id, func.count(_b.id), func.max(_s.starts_at))
        .select_from(Booking.__table__)
        .join(Session.__table__, _s.id == _b.session_id)
        .where(_b.status == BookingStatus.DNA, _s.starts_at > since, _s.starts_at <= until)
        .group_by(_b.client_id)
    )
    for client_id, n, last in uow.session.execute(no_shows):
        tallies[client_id].no_shows = int(n)
        tallies[client_id].last.append(last)
    return tallies


def frequent_cancellers(
    uow: UnitOfWork, as_of: datetime, rule: FrequentRule | None = None
) -> list[FrequentCanceller]:
    """Clients at or over the threshold in the `weeks` before `as_of`, most events first."""
    rule = rule or frequent_rule(uow)
    since = as_of - timedelta(weeks=rule.weeks)
    tallies = {
        cid: t
        for cid, t in _tally(uow, since, as_of).items()
        if t.cancellations + t.no_shows >= rule.count
    }
    if not tallies:
        return []
    names = {
        cid: f"{first} {last}"
        for cid, first, last in uow.session.execute(
            select(Client.id, Client.first_name, Client.last_name).where(
                Client.id.in_(list(tallies))
            )
        )
    }
    out = [
        FrequentCanceller(cid, names.get(cid, "?"), t.cancellations, t.no_shows, max(t.last))
        for cid, t in tallies.items()
    ]
    out.sort(key=lambda f: (-f.total, f.client_name, f.client_id))
    return out


def frequent_canceller_ids(uow: UnitOfWork, as_of: datetime) -> dict[int, int]:
    """Client id → cancellations plus no-shows, for flagging clients on screen."""
    return {f.client_id: f.total for f in frequent_cancellers(uow, as_of)}
