"""The reasons editor's "Try it": what a (possibly unsaved) rule charges for a real session.

It evaluates with `app.models.rules.evaluate` on the same facts the cancel dialog uses
(`cancel_charges.compute_charges`): the session's start and agreed price, the service's flags, the
practice calendar, and whether a group place was refilled after the advised time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import translate
from app.models import Booking, Session
from app.models.enums import BookingStatus, SessionStatus
from app.models.rules import ChargeContext, ChargeDecision, evaluate, evaluate_no_show
from app.services import practice
from app.services.sessions.common import load_session, session_label
from app.services.setup.reasons import ReasonDraft, check_reason, rule_from

UPCOMING_LIMIT = 300


@dataclass(frozen=True)
class SessionChoice:
    """A session the "Try it" box (or the waitlist) can be pointed at."""

    id: int
    label: str
    starts_at: datetime


@dataclass(frozen=True)
class TryResult:
    """What the rule charges for the chosen session and advised time, with the working."""

    session_label: str
    price_cents: int
    place_refilled: bool
    decision: ChargeDecision


def upcoming_sessions(uow: UnitOfWork, limit: int = UPCOMING_LIMIT) -> list[SessionChoice]:
    """Rostered sessions that have not started, soonest first."""
    tz = practice.time_zone(uow)
    rows = uow.session.scalars(
        select(Session)
        .where(Session.status == SessionStatus.ROSTERED, Session.starts_at > uow.now())
        .options(selectinload(Session.service), selectinload(Session.worker))
        .order_by(Session.starts_at, Session.id)
        .limit(limit)
    )
    return [SessionChoice(s.id, session_label(s, tz), s.starts_at) for s in rows]


def refilled_after(session: Session, advised_at: datetime, leaving: set[int]) -> bool:
    """As the cancel flow decides: someone else was booked into a group place after the notice."""
    if session.capacity <= 1:
        return False
    return any(
        b.id not in leaving and b.created_at > advised_at and b.status != BookingStatus.CANCELLED
        for b in session.bookings
    )


def _leaving(session: Session) -> set[int]:
    """The booking the trial treats as cancelling: the first one still booked."""
    booked = [b for b in session.bookings if b.status == BookingStatus.BOOKED]
    first: list[Booking] = booked[:1] or session.bookings[:1]
    return {b.id for b in first}


def try_rule(
    uow: UnitOfWork, draft: ReasonDraft, session_id: int, advised_at: datetime
) -> TryResult:
    """Evaluate the draft's rule for one session and advised time, without writing."""
    if advised_at.utcoffset() is None:
        raise ValidationError(
            translate("setup", "The advised time must include a time zone."), field="advised_at"
        )
    d = check_reason(draft)
    rule = rule_from(d)
    session = load_session(uow, session_id)
    cal = practice.calendar(practice.settings(uow))
    service = session.service
    if d.is_no_show:
        decision = evaluate_no_show(rule, session.price_cents, service.allows_cancellation_charge)
        refilled = False
    else:
        refilled = refilled_after(session, advised_at, _leaving(session))
        ctx = ChargeContext(
            session_start=session.starts_at,
            advised_at=advised_at,
            session_price_cents=session.price_cents,
            cancelled_by=d.applies_to,
            service_allows_charges=service.allows_cancellation_charge,
            support_worker_pricing=service.support_worker_pricing,
            place_refilled=refilled,
        )
        decision = evaluate(rule, ctx, cal)
    return TryResult(session_label(session, cal.tz), session.price_cents, refilled, decision)
