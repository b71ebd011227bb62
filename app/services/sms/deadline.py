"""The cancellation deadline a reminder states: the last moment a client can cancel a booking
without a fee under the practice's own rule.

The rules engine (`app.models.rules.evaluate`) is the one judge: the deadline is found by asking
it, for candidate moments of notice, whether a cancellation then would be short notice. Notice
only grows the earlier a client tells us, so the first short-notice minute is found by halving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import translate, when_text
from app.models import Booking, CancellationReason
from app.models.enums import CancelledBy
from app.models.practice_calendar import PracticeCalendar
from app.models.rules import ChargeContext, ChargeDecision, ChargeRule, evaluate
from app.services import practice
from app.services.sessions.cancel_charges import rule_of
from app.services.sms.reminder_state import day_time_text

# No shipped rule asks for more notice than this (7 days, or 2 clear business days over the
# Christmas and New Year holidays); a rule still short this far out has no deadline to state.
_LOOKBACK = timedelta(days=60)


@dataclass(frozen=True)
class Deadline:
    """`moment` is the last minute a client can cancel without the fee of `fee_cents` (24 hours
    before a 9:00 session: 9:00 the day before; under clear business days: 23:59 of the last
    day); `rule_text` is the notice rule in words ("2 clear business days", "24 hours")."""

    moment: datetime
    fee_cents: int
    rule_text: str


def client_rule(uow: UnitOfWork) -> ChargeRule | None:
    """The rule of a client's cancellation: the practice profile's first active client reason
    (the one the cancel wizard offers first)."""
    profiles = practice.profile_names(practice.settings(uow))
    reason = uow.session.scalar(
        select(CancellationReason)
        .where(
            CancellationReason.applies_to == CancelledBy.CLIENT,
            CancellationReason.active.is_(True),
            CancellationReason.is_no_show.is_(False),
            CancellationReason.profile.in_(profiles),
        )
        .order_by(CancellationReason.sort_order, CancellationReason.id)
        .limit(1)
    )
    return None if reason is None else rule_of(reason)


def cancel_deadline(uow: UnitOfWork, booking: Booking) -> Deadline | None:
    """The booking's deadline, or None when no fee could apply (the service allows no charge,
    the reason charges nothing, the price is nil)."""
    rule = client_rule(uow)
    if rule is None:
        return None
    session = booking.session
    return deadline_for(
        rule,
        practice.calendar(practice.settings(uow)),
        starts_at=session.starts_at,
        price_cents=session.price_cents,
        allows_charges=session.service.allows_cancellation_charge,
        support_worker_pricing=session.service.support_worker_pricing,
    )


def deadline_for(
    rule: ChargeRule,
    cal: PracticeCalendar,
    *,
    starts_at: datetime,
    price_cents: int,
    allows_charges: bool,
    support_worker_pricing: bool,
) -> Deadline | None:
    """`cancel_deadline` from plain values (the rule editor's sample uses it too)."""

    def judge(advised_at: datetime) -> ChargeDecision:
        ctx = ChargeContext(
            session_start=starts_at,
            advised_at=advised_at,
            session_price_cents=price_cents,
            cancelled_by=CancelledBy.CLIENT,
            service_allows_charges=allows_charges,
            support_worker_pricing=support_worker_pricing,
        )
        return evaluate(rule, ctx, cal)

    last_minute = judge(starts_at - timedelta(minutes=1))
    if last_minute.charge_cents <= 0:
        return None
    early = starts_at - _LOOKBACK
    if judge(early).notice.short_notice:
        return None
    # Minutes before the start: `enough` is never short, `short` always is.
    enough, short = int(_LOOKBACK / timedelta(minutes=1)), 1
    while enough - short > 1:
        middle = (enough + short) // 2
        if judge(starts_at - timedelta(minutes=middle)).notice.short_notice:
            short = middle
        else:
            enough = middle
    moment = starts_at - timedelta(minutes=enough)
    return Deadline(moment, last_minute.charge_cents, last_minute.notice.threshold_text)


def _whole_day(local: datetime) -> bool:
    """A deadline at the day's last minute: clear business days end with the day."""
    return local.hour == 23 and local.minute == 59


def deadline_text(deadline: Deadline, tz: ZoneInfo, locale: str | None = None) -> str:
    """When to cancel by, on the practice's clock: "Thu 3 Dec 9:00 am", or for a deadline at
    the end of a day "the end of Wed 2 Dec"."""
    local = deadline.moment.astimezone(tz)
    if _whole_day(local):
        day = f"{when_text(local, '%a', locale)} {local.day} {when_text(local, '%b', locale)}"
        return translate("reminders", "the end of {day}").format(day=day)
    return day_time_text(local, locale)


def deadline_sentence(deadline: Deadline | None, tz: ZoneInfo, locale: str | None = None) -> str:
    """The {deadline} placeholder: "to avoid a fee, cancel before Thu 3 Dec 9:00 am"."""
    if deadline is None:
        return ""
    when = deadline_text(deadline, tz, locale)
    if _whole_day(deadline.moment.astimezone(tz)):
        return translate("reminders", "to avoid a fee, cancel by {when}").format(when=when)
    return translate("reminders", "to avoid a fee, cancel before {when}").format(when=when)
