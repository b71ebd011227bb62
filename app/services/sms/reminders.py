"""Reminder rules, and the reminders they queue in the outbox.

A rule says which bookings are reminded (a service, worker or location; empty: any), by which
channel (SMS or e-mail) and when (a number of days before at a local time, or a number of hours
before). `queue_due_reminders` writes one outbox message per rule, booking and session start,
waiting until its moment; a booking cancelled, a session moved or deleted withdraws the unsent
message (a moved session gets a new one, under a new key).
"""

from __future__ import annotations

import re
import string
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update

from app.db import SYSTEM_ACTOR, Database, UnitOfWork
from app.errors import ValidationError
from app.i18n import translate
from app.models import (
    Booking,
    Client,
    Location,
    OutboxMessage,
    PracticeSettings,
    ReminderRule,
    Service,
    Session,
    Worker,
)
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionStatus
from app.models.money import format_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.dto import ChangeSet
from app.services.outbox import notify
from app.services.setup.common import Saved
from app.services.setup.policy import SetupAction, require_setup
from app.services.sms import reminder_state
from app.services.sms.deadline import (
    Deadline,
    cancel_deadline,
    client_rule,
    deadline_for,
    deadline_sentence,
)
from app.services.sms.numbers import e164, is_mobile
from app.services.sms.reminder_state import day_time_text

TOPIC = reminder_state.TOPIC
CHANNELS = ("sms", "email")
MAX_DAYS, MAX_HOURS = 14, 72
NAME_LIMIT, TEMPLATE_LIMIT = 80, 612  # four SMS segments
# A reminder whose moment passed (a booking made late) still goes if the session is this far off.
LATE_ENOUGH = timedelta(hours=1)
# Reminders are queued this long before their moment: the outbox does not fill with a week of
# them, and their text is written close to when it goes.
QUEUE_AHEAD = timedelta(days=2)
# Why an unsent reminder no longer goes (the outbox's Withdrawn list shows it).
BOOKING_GONE = "The booking was cancelled or removed before the reminder went."
SESSION_MOVED = "The session was moved before the reminder went; the new time is reminded instead."
RULE_GONE = "The reminder rule was changed or removed before the reminder went."
# Withdrawn for one of these, a reminder comes back when it is true again (an undo, a session
# moved back to its old time); `notify.MOVED` is the move's own withdrawal of client e-mails.
_STALE = (BOOKING_GONE, SESSION_MOVED, RULE_GONE, notify.MOVED)
# How often the outbox loop looks for reminders to queue (withdrawals are checked every pass).
QUEUE_EVERY = timedelta(minutes=5)

PLACEHOLDERS: dict[str, str] = {
    "first_name": "the client's first name",
    "date": "the session's day, e.g. Fri 4 Dec",
    "time": "the session's start, e.g. 9:00 am",
    "service": "the service",
    "worker": "the worker",
    "location": "where it is",
    "deadline": "“to avoid a fee, cancel before Thu 3 Dec 9:00 am” (empty when no fee applies)",
    "fee": "the late-cancellation fee, e.g. $60.00",
    "practice": "the practice's name",
    "phone": "the practice's phone number",
    "how_to_cancel": "“Reply C to cancel, Y to confirm” by SMS; for e-mail, call the practice",
}
DEFAULT_TEMPLATE = {
    "sms": (
        "Hi {first_name}, a reminder of your {service} with {worker} on {date} at {time}. "
        "{how_to_cancel}; {deadline}. {practice}"
    ),
    "email": (
        "Dear {first_name},\n\nThis is a reminder of your {service} appointment with {worker} "
        "on {date} at {time}.\n\n{how_to_cancel}; {deadline}.\n\nKind regards,\n{practice}"
    ),
}


@dataclass(frozen=True)
class RuleDraft:
    """A reminder rule as the editor shows and saves it (id None: a new rule)."""

    id: int | None
    name: str
    channel: str = "sms"
    service_id: int | None = None
    worker_id: int | None = None
    location_id: int | None = None
    days_before: int = 1
    at_time: str | None = "09:00"
    hours_before: int | None = None
    template: str = DEFAULT_TEMPLATE["sms"]
    active: bool = True

    def when_text(self) -> str:
        """ "1 day before at 09:00", "3 hours before"."""
        hours, days = self.hours_before, self.days_before
        if hours is not None:
            return translate("reminders", "%n hour(s) before", None, hours)
        if days == 0:
            return translate("reminders", "the same day at {time}").format(time=self.at_time)
        return translate("reminders", "%n day(s) before at {time}", None, days).format(
            time=self.at_time
        )


@dataclass(frozen=True)
class RuleChoices:
    """What a rule can be limited to: (id, name) of each service, worker and location."""

    services: tuple[tuple[int, str], ...]
    workers: tuple[tuple[int, str], ...]
    locations: tuple[tuple[int, str], ...]


def _draft(row: ReminderRule) -> RuleDraft:
    return RuleDraft(
        id=row.id,
        name=row.name,
        channel=row.channel,
        service_id=row.service_id,
        worker_id=row.worker_id,
        location_id=row.location_id,
        days_before=row.days_before,
        at_time=row.at_time,
        hours_before=row.hours_before,
        template=row.template,
        active=row.active,
    )


def list_rules(uow: UnitOfWork) -> tuple[RuleDraft, ...]:
    """Every reminder rule, in the order they were made."""
    rows = uow.session.scalars(select(ReminderRule).order_by(ReminderRule.id))
    return tuple(_draft(r) for r in rows)


def rule_choices(uow: UnitOfWork) -> RuleChoices:
    """The active services and workers and every location, by name."""
    services = uow.session.execute(
        select(Service.id, Service.name).where(Service.active.is_(True)).order_by(Service.name)
    )
    workers = uow.session.execute(
        select(Worker.id, Worker.name).where(Worker.active.is_(True)).order_by(Worker.name)
    )
    locations = uow.session.execute(select(Location.id, Location.name).order_by(Location.name))
    return RuleChoices(
        tuple((i, n) for i, n in services),
        tuple((i, n) for i, n in workers),
        tuple((i, n) for i, n in locations),
    )


def template_fields(template: str) -> list[str]:
    """The placeholders a template names; a lone brace is a refusal."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValidationError(
            translate(
                "reminders",
                "The text has a lone {{ or }}; placeholders are written like {example}.",
            ).format(example="{first_name}"),
            field="template",
        ) from exc
    return [name for _, name, _, _ in parsed if name is not None]


def check_rule(uow: UnitOfWork, draft: RuleDraft) -> RuleDraft:
    """The draft tidied, or a refusal a receptionist understands."""
    name = " ".join(draft.name.split())
    if not name:
        raise ValidationError(
            translate("reminders", "Give the rule a name, like “Day before”."), field="name"
        )
    if len(name) > NAME_LIMIT:
        raise ValidationError(
            translate(
                "reminders", "The name is {count} characters long; the limit is {limit}."
            ).format(count=len(name), limit=NAME_LIMIT),
            field="name",
        )
    if draft.channel not in CHANNELS:
        raise ValidationError(translate("reminders", "Choose SMS or e-mail."), field="channel")
    hours, days, at = draft.hours_before, draft.days_before, draft.at_time
    if hours is not None:
        if not 1 <= hours <= MAX_HOURS:
            raise ValidationError(
                translate("reminders", "Hours before must be between 1 and {most}.").format(
                    most=MAX_HOURS
                ),
                field="hours_before",
            )
        days, at = 0, None
    else:
        if not 0 <= days <= MAX_DAYS:
            raise ValidationError(
                translate("reminders", "Days before must be between 0 and {most}.").format(
                    most=MAX_DAYS
                ),
                field="days_before",
            )
        at = _checked_time(at)
    template = draft.template.strip()
    if not template:
        raise ValidationError(
            translate("reminders", "Write the text the client receives."), field="template"
        )
    if len(template) > TEMPLATE_LIMIT:
        raise ValidationError(
            translate(
                "reminders", "The text is {count} characters long; the limit is {limit}."
            ).format(count=len(template), limit=TEMPLATE_LIMIT),
            field="template",
        )
    unknown = [f for f in template_fields(template) if f not in PLACEHOLDERS]
    if unknown:
        raise ValidationError(
            translate(
                "reminders",
                "The text names {name}, which is not a placeholder; use one of {known}.",
            ).format(name=f"{{{unknown[0]}}}", known=", ".join(f"{{{p}}}" for p in PLACEHOLDERS)),
            field="template",
        )
    for model, value, what in (
        (Service, draft.service_id, "service"),
        (Worker, draft.worker_id, "worker"),
        (Location, draft.location_id, "location"),
    ):
        if value is not None and uow.session.get(model, value) is None:
            raise ValidationError(f"That {what} no longer exists; choose another.", field=what)
    return replace(
        draft, name=name, hours_before=hours, days_before=days, at_time=at, template=template
    )


def _checked_time(at: str | None) -> str:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", at or "")
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError(
            translate("reminders", "Enter the time like 09:00 or 17:30."), field="at_time"
        )
    return f"{int(match[1]):02d}:{match[2]}"


def save_rule(uow: UnitOfWork, draft: RuleDraft) -> RuleDraft:
    """Add or change a rule (administrators); audited with what changed."""
    require_setup(uow.actor, SetupAction.EDIT_SETTINGS)
    draft = check_rule(uow, draft)
    row = None if draft.id is None else uow.session.get(ReminderRule, draft.id)
    if draft.id is not None and row is None:
        raise ValidationError(
            translate("reminders", "That reminder rule was deleted meanwhile; add it again.")
        )
    before = None if row is None else asdict(_draft(row))
    if row is None:
        row = ReminderRule(created_at=uow.now())
        uow.session.add(row)
    for field, value in asdict(draft).items():
        if field != "id":
            setattr(row, field, value)
    uow.session.flush()
    saved = _draft(row)
    audit.record(uow, "reminder_rule.save", "reminder_rule", row.id,
                 before=before, after=asdict(saved))  # fmt: skip
    if before is not None:  # its unsent reminders are written again from the new rule
        withdraw_stale(uow, changed_rule=row.id)
    return saved


def delete_rule(uow: UnitOfWork, rule_id: int) -> None:
    """Remove a rule (administrators); its unsent reminders are withdrawn."""
    require_setup(uow.actor, SetupAction.EDIT_SETTINGS)
    row = uow.session.get(ReminderRule, rule_id)
    if row is None:
        return
    before = asdict(_draft(row))
    uow.session.delete(row)
    uow.session.flush()
    audit.record(uow, "reminder_rule.delete", "reminder_rule", rule_id, before=before)
    withdraw_stale(uow)


# --- the text --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a reminder's placeholders are filled with."""

    first_name: str
    starts_at: datetime
    service: str
    worker: str
    location: str
    deadline: Deadline | None


def _how_to_cancel(channel: str, phone: str) -> str:
    if channel == "sms":
        return "Reply C to cancel, Y to confirm"
    return f"To cancel, call us on {phone}" if phone else "To cancel, reply to this e-mail"


def render(template: str, channel: str, facts: Facts, settings: PracticeSettings) -> str:
    """The reminder's text: the template with its placeholders filled, tidied where an empty
    one (no deadline, no fee) would leave a stray mark."""
    tz = ZoneInfo(settings.time_zone)
    local = facts.starts_at.astimezone(tz)
    when = day_time_text(local)
    values = {
        "first_name": facts.first_name or "there",
        "date": when.rsplit(" ", 2)[0],
        "time": " ".join(when.rsplit(" ", 2)[1:]),
        "service": facts.service,
        "worker": facts.worker,
        "location": facts.location,
        "deadline": deadline_sentence(facts.deadline, tz),
        "fee": format_money(facts.deadline.fee_cents) if facts.deadline else "",
        "practice": settings.name,
        "phone": settings.phone or "",
        "how_to_cancel": _how_to_cancel(channel, settings.phone or ""),
    }
    text = template.format_map(values)
    text = re.sub(r"[ \t]*[;,][ \t]*\.", ".", text)  # "…confirm; ." when no deadline applies
    text = re.sub(r"\([ \t]*\)", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([.,;])", r"\1", text)
    return text.strip()


def preview(uow: UnitOfWork, draft: RuleDraft) -> str:
    """The draft's text for a sample booking: the next booked session it would remind (or the
    next weekday at 10:00 with the first service), with the real deadline."""
    settings = practice.settings(uow)
    try:
        template_fields(draft.template)
    except ValidationError as exc:
        return str(exc)
    unknown = [f for f in template_fields(draft.template) if f not in PLACEHOLDERS]
    if unknown:
        return f"{{{unknown[0]}}} is not a placeholder."
    booking = _sample_booking(uow, draft)
    facts = _facts(uow, booking) if booking else _made_up_facts(uow, draft, settings)
    return render(draft.template, draft.channel, facts, settings)


def _sample_booking(uow: UnitOfWork, draft: RuleDraft) -> Booking | None:
    s = Session
    query = (
        select(Booking)
        .join(s, s.id == Booking.session_id)
        .where(
            Booking.status == BookingStatus.BOOKED,
            s.status == SessionStatus.ROSTERED,
            s.starts_at > uow.now() + _lead(draft),  # one whose reminder is still to come
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


def _facts(uow: UnitOfWork, booking: Booking, sent_at: datetime | None = None) -> Facts:
    """The booking's facts for a reminder going at `sent_at`: a deadline already past by then
    is left out, as no cancellation could still avoid the fee (the preview, given no moment,
    shows it whatever the day, to show what the placeholder says)."""
    session = booking.session
    deadline = cancel_deadline(uow, booking)
    if deadline is not None and sent_at is not None and deadline.moment < sent_at:
        deadline = None
    return Facts(
        booking.client.first_name,
        session.starts_at,
        session.service.name,
        session.worker.name,
        session.location.name if session.location else "",
        deadline,
    )


# --- queueing --------------------------------------------------------------------------------


def send_moment(draft: RuleDraft, starts_at: datetime, tz: ZoneInfo) -> datetime:
    """When a rule reminds a session starting at `starts_at`: hours before, or on the local date
    `days_before` earlier at the rule's time on the practice's clock (a daylight-saving change
    in between moves the UTC moment, not the local time)."""
    if draft.hours_before is not None:
        return starts_at - timedelta(hours=draft.hours_before)
    day: date = starts_at.astimezone(tz).date() - timedelta(days=draft.days_before)
    hour, minute = (int(part) for part in (draft.at_time or "09:00").split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def reminder_key(rule_id: int, booking_id: int, starts_at: datetime) -> str:
    """One reminder per rule, booking and session start: a moved session gets a new key."""
    start = starts_at.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%MZ")
    return f"{TOPIC}:{rule_id}:{booking_id}:{start}"


def _lead(draft: RuleDraft) -> timedelta:
    if draft.hours_before is not None:
        return timedelta(hours=draft.hours_before)
    return timedelta(days=draft.days_before + 1)


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
    """Where the reminder goes, or None when the client said no or has no such contact."""
    if not client.notify_consent:
        return None
    if channel == "email":
        return (client.email or "").strip() or None
    if not is_mobile(client.phone, country):
        return None
    return e164(client.phone, country)


def queue_due_reminders(uow: UnitOfWork, now: datetime) -> int:
    """Queue the reminders of the coming days' bookings; returns how many were queued.

    Run by the outbox loop every few minutes. Each reminder waits in the outbox until its
    moment; one already queued (same rule, booking and start) is not queued again, and a
    withdrawn one whose booking is true again (an undo, a session moved back) comes back.
    """
    withdraw_stale(uow)
    active = select(ReminderRule).where(ReminderRule.active.is_(True))
    rules = [_draft(r) for r in uow.session.scalars(active.order_by(ReminderRule.id))]
    if not rules:
        return 0
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    horizon = now + max(_lead(r) for r in rules) + timedelta(days=1)
    bookings = list(
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
    wanted: dict[str, tuple[RuleDraft, Booking, datetime]] = {}
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
    if not wanted:
        return 0
    m = OutboxMessage
    existing = {
        key: (row_id, status, reason)
        for key, row_id, status, reason in uow.session.execute(
            select(m.idempotency_key, m.id, m.status, m.status_reason).where(
                m.idempotency_key.in_(list(wanted))
            )
        )
    }
    queued = 0
    for key, (rule, booking, moment) in wanted.items():
        found = existing.get(key)
        if found is not None and not (found[1] == OutboxStatus.WITHDRAWN and found[2] in _STALE):
            continue
        values = _message_values(uow, rule, booking, moment, now, settings)
        if values is None:
            continue
        if found is None:
            uow.session.add(m(idempotency_key=key, **values))
        else:
            uow.session.execute(
                update(m).where(m.id == found[0]).values(attempts=0, last_error=None, **values)
            )
        queued += 1
    uow.session.flush()
    return queued


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
    facts = _facts(uow, booking, max(moment, now))
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
        },
        "status": OutboxStatus.PENDING,
        "status_reason": "",
        "created_at": now,
        "next_attempt_at": max(moment, now),
    }


def withdraw_stale(uow: UnitOfWork, *, changed_rule: int | None = None) -> list[int]:
    """Unsent reminders that are no longer true are withdrawn: the booking cancelled or gone,
    the session moved or deleted, the rule switched off or removed. A reminder a desk is
    sending this very moment (claimed under a live lease) is left alone. Audited."""
    m, now = OutboxMessage, uow.now()
    unsent = (
        m.topic == TOPIC,
        m.status == OutboxStatus.PENDING,
        or_(m.lease_until.is_(None), m.lease_until <= now),
    )
    rows = uow.session.execute(
        select(m.id, m.idempotency_key, m.session_id, m.payload).where(*unsent)
    ).all()
    if not rows:
        return []
    booking_ids = {int(p.get("booking_id") or 0) for *_, p in rows}
    live = {
        b_id: (status, starts_at)
        for b_id, status, starts_at in uow.session.execute(
            select(Booking.id, Booking.status, Session.starts_at)
            .join(Session, Session.id == Booking.session_id)
            .where(Booking.id.in_(booking_ids))
        )
    }
    active = set(uow.session.scalars(select(ReminderRule.id).where(ReminderRule.active.is_(True))))
    by_why: dict[str, list[int]] = {}
    for row_id, key, session_id, payload in rows:
        found = live.get(int(payload.get("booking_id") or 0))
        if session_id is None or found is None or found[0] != BookingStatus.BOOKED:
            why = BOOKING_GONE
        elif payload.get("rule_id") not in active or payload.get("rule_id") == changed_rule:
            why = RULE_GONE
        elif key != reminder_key(int(payload["rule_id"]), int(payload["booking_id"]), found[1]):
            why = SESSION_MOVED
        else:
            continue
        by_why.setdefault(why, []).append(row_id)
    done: list[int] = []
    for why, ids in by_why.items():
        uow.session.execute(
            update(m)
            .where(m.id.in_(ids), *unsent)
            .values(status=OutboxStatus.WITHDRAWN, status_reason=why, next_attempt_at=None)
            .execution_options(synchronize_session="fetch")
        )
        gone = list(uow.session.scalars(
            select(m.id).where(m.id.in_(ids), m.status == OutboxStatus.WITHDRAWN).order_by(m.id)))  # fmt: skip
        if gone:
            audit.record(uow, "outbox.withdraw", "outbox", None,
                         after={"messages": gone, "why": why})  # fmt: skip
        done += gone
    return done


def reminders_pass(db: Database, *, queue: bool = True) -> int:
    """The outbox loop's part, before each send: unsent reminders no longer true are withdrawn,
    and (when `queue`, every `QUEUE_EVERY`) the coming reminders are queued; how many."""

    def run(uow: UnitOfWork) -> int:
        if not queue:
            withdraw_stale(uow)
            return 0
        return queue_due_reminders(uow, uow.now())

    return db.transact(SYSTEM_ACTOR, run)


# --- the rule editor's calls ------------------------------------------------------------------


@dataclass(frozen=True)
class RulesScreen:
    """What Practice ▸ Reminder rules… shows: the rules and what they can be limited to."""

    rules: tuple[RuleDraft, ...]
    choices: RuleChoices


def rules_screen(uow: UnitOfWork) -> RulesScreen:
    """The rules and the choices, in one read."""
    return RulesScreen(list_rules(uow), rule_choices(uow))


def save_from_editor(uow: UnitOfWork, draft: RuleDraft) -> Saved:
    """`save_rule`, with the sentence the list shows."""
    saved = save_rule(uow, draft)
    assert saved.id is not None
    return Saved(saved.id, f"Reminder rule “{saved.name}” saved.", ChangeSet())


def delete_from_editor(uow: UnitOfWork, rule_id: int) -> Saved:
    """`delete_rule`, with the sentence the list shows."""
    delete_rule(uow, rule_id)
    return Saved(
        rule_id, "Reminder rule deleted; its unsent reminders were withdrawn.", ChangeSet()
    )
