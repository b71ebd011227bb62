"""What a reminder says: its template filled with a booking's facts, and the rule editor's
preview of a draft's text."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Booking, Location, PracticeSettings, Service, Session, Worker
from app.models.enums import BookingStatus, SessionStatus
from app.models.money import format_money
from app.services import practice
from app.services.sms.deadline import (
    Deadline,
    cancel_deadline,
    client_rule,
    deadline_for,
    deadline_sentence,
)
from app.services.sms.reminder_rules import RuleDraft, check_length, check_template
from app.services.sms.reminder_state import day_time_text


@dataclass(frozen=True)
class Facts:
    """What a reminder's placeholders are filled with."""

    first_name: str
    starts_at: datetime
    service: str
    worker: str
    location: str
    deadline: Deadline | None
    deadline_passed: bool = False  # the reminder goes after the deadline: no fee-free cancelling


# What {deadline} says in a reminder that goes after the deadline (sent late, or a rule whose
# moment is past it): never a date already gone, and the client still learns the fee applies.
PASSED_DEADLINE = QT_TRANSLATE_NOOP("reminders", "a cancellation now may be charged")


def _how_to_cancel(channel: str, phone: str) -> str:
    if channel == "sms":
        return translate("reminders", "Reply C to cancel, Y to confirm")
    if phone:
        return translate("reminders", "To cancel, call us on {phone}").format(phone=phone)
    return translate("reminders", "To cancel, reply to this e-mail")


class _Bare(string.Formatter):
    """Fills each placeholder with its text as it stands: a format or an addition written after
    its name (a rule saved before they were refused) is ignored, and an unknown name is left
    empty, so one rule's text never stops the reminders."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        return kwargs.get(field_name.strip().casefold(), ""), field_name

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        return str(value)


def _filled(template: str, values: dict[str, str]) -> str:
    try:
        return _Bare().vformat(template, (), values)
    except ValueError:  # a lone brace: the text as written, rather than no reminder at all
        return template


def render(template: str, channel: str, facts: Facts, settings: PracticeSettings) -> str:
    """The reminder's text: the template with its placeholders filled, tidied where an empty
    one (no deadline, no fee) would leave a stray mark."""
    tz = ZoneInfo(settings.time_zone)
    local = facts.starts_at.astimezone(tz)
    when = day_time_text(local)
    deadline = deadline_sentence(facts.deadline, tz)
    values = {
        "first_name": facts.first_name or translate("reminders", "there"),
        "date": when.rsplit(" ", 2)[0],
        "time": " ".join(when.rsplit(" ", 2)[1:]),
        "service": facts.service,
        "worker": facts.worker,
        "location": facts.location,
        "deadline": translate("reminders", PASSED_DEADLINE) if facts.deadline_passed else deadline,
        "fee": format_money(facts.deadline.fee_cents) if facts.deadline else "",
        "practice": settings.name,
        "phone": settings.phone or "",
        "how_to_cancel": _how_to_cancel(channel, settings.phone or ""),
    }
    text = _filled(template, values)
    text = re.sub(r"[ \t]*[;,][ \t]*\.", ".", text)  # "…confirm; ." when no deadline applies
    text = re.sub(r"\([ \t]*\)", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([.,;])", r"\1", text)
    return text.strip()


def preview(uow: UnitOfWork, draft: RuleDraft) -> str:
    """The draft's text for a sample booking: the next booked session it would remind (or the
    next weekday at 10:00 with the first service), with the real deadline."""
    settings = practice.settings(uow)
    try:  # the sentence Save would refuse it with
        check_length(check_template(draft.template), draft.channel)
    except ValidationError as exc:
        return str(exc)
    booking = _sample_booking(uow, draft)
    if booking is None:
        facts = _made_up_facts(uow, draft, settings)
    else:  # as it would go: at the rule's moment for that booking
        facts = booking_facts(uow, booking, _moment(uow, draft, booking, settings))
    return render(draft.template, draft.channel, facts, settings)


def _moment(
    uow: UnitOfWork, draft: RuleDraft, booking: Booking, settings: PracticeSettings
) -> datetime | None:
    """When the draft would send the booking's reminder; None while its time is half typed."""
    from app.services.sms.reminder_queue import send_moment  # it imports this module

    try:
        moment = send_moment(draft, booking.session.starts_at, ZoneInfo(settings.time_zone))
    except (TypeError, ValueError):
        return None
    return max(moment, uow.now())


def _sample_booking(uow: UnitOfWork, draft: RuleDraft) -> Booking | None:
    s = Session
    query = (
        select(Booking)
        .join(s, s.id == Booking.session_id)
        .where(
            Booking.status == BookingStatus.BOOKED,
            s.status == SessionStatus.ROSTERED,
            s.starts_at > uow.now() + draft.lead(),  # one whose reminder is still to come
        )
        .order_by(s.starts_at, Booking.id)
        .limit(1)
    )
    for column, value in (
        (s.service_id, draft.service_id),
        (s.worker_id, draft.worker_id),
        (s.location_id, draft.location_id),
    ):
        if value is not None:
            query = query.where(column == value)
    return uow.session.scalar(query)


def _made_up_facts(uow: UnitOfWork, draft: RuleDraft, settings: PracticeSettings) -> Facts:
    tz = ZoneInfo(settings.time_zone)
    day = uow.now().astimezone(tz).date() + timedelta(days=max(draft.days_before, 1) + 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    starts_at = datetime.combine(day, time(10, 0), tzinfo=tz)
    service = uow.session.get(Service, draft.service_id) if draft.service_id else None
    service = service or uow.session.scalar(select(Service).order_by(Service.id).limit(1))
    worker = uow.session.get(Worker, draft.worker_id) if draft.worker_id else None
    location = uow.session.get(Location, draft.location_id) if draft.location_id else None
    rule = client_rule(uow)
    deadline = None
    if rule is not None and service is not None:
        deadline = deadline_for(
            rule,
            practice.calendar(settings),
            starts_at=starts_at,
            price_cents=service.price_cents,
            allows_charges=service.allows_cancellation_charge,
            support_worker_pricing=service.support_worker_pricing,
        )
    return Facts(
        "Olivia",
        starts_at,
        service.name if service else "appointment",
        worker.name if worker else "your practitioner",
        location.name if location else "",
        deadline,
    )


def booking_facts(uow: UnitOfWork, booking: Booking, sent_at: datetime | None = None) -> Facts:
    """The booking's facts for a reminder going at `sent_at`: a deadline already past by then
    is not stated (no cancellation could still avoid the fee; `PASSED_DEADLINE` says so)."""
    session = booking.session
    deadline = cancel_deadline(uow, booking)
    passed = deadline is not None and sent_at is not None and deadline.moment < sent_at
    return Facts(
        booking.client.first_name,
        session.starts_at,
        session.service.name,
        session.worker.name,
        session.location.name if session.location else "",
        deadline,
        passed,
    )
