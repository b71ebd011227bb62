"""Reminder rules: what a rule says, its checks, and the rule editor's calls.

A rule says which bookings are reminded (a service, worker or location; empty: any), by which
channel (SMS or e-mail) and when (a number of days before at a local time, or a number of hours
before). Saving or deleting a rule withdraws the unsent reminders it no longer stands behind
(`reminder_withdrawal`); the outbox loop queues the rest again (`reminder_queue`).
"""

from __future__ import annotations

import re
import string
from dataclasses import asdict, dataclass, replace
from datetime import timedelta

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Location, ReminderRule, Service, Worker
from app.services.audit import chain as audit
from app.services.auth import Permission, require, require_now
from app.services.dto import ChangeSet
from app.services.setup.common import Saved, changed_meanwhile
from app.services.sms import length
from app.services.sms.reminder_withdrawal import withdraw_stale

CHANNELS = ("sms", "email")
MAX_DAYS, MAX_HOURS = 14, 72
NAME_LIMIT, TEMPLATE_LIMIT = 80, 612  # an e-mail's text, in characters
SMS_LIMIT = TEMPLATE_LIMIT // length.GSM_PART  # an SMS's, in text messages: four

PLACEHOLDERS: dict[str, str] = {
    "first_name": "the client's first name",
    "date": "the session's day, e.g. Fri 4 Dec",
    "time": "the session's start, e.g. 9:00 am",
    "service": "the service",
    "worker": "the worker",
    "location": "where it is",
    "deadline": (
        "“to avoid a fee, cancel before Thu 3 Dec 9:00 am” (empty when no fee applies; "
        "“a cancellation now may be charged” when the reminder goes after the deadline)"
    ),
    "fee": "the late-cancellation fee, e.g. {fee}",  # {fee}: an example in the practice's money
    "practice": "the practice's name",
    "phone": "the practice's phone number",
    "how_to_cancel": "“Reply C to cancel, Y to confirm” by SMS; for e-mail, call the practice",
}
# The text a new rule starts with, in the catalogue: `default_template` gives it in the
# practice's language.
DEFAULT_TEMPLATE = {
    "sms": QT_TRANSLATE_NOOP(
        "reminders",
        "Hi {first_name}, a reminder of your {service} with {worker} on {date} at {time}. "
        "{how_to_cancel}; {deadline}. {practice}",
    ),
    "email": QT_TRANSLATE_NOOP(
        "reminders",
        "Dear {first_name},\n\nThis is a reminder of your {service} appointment with {worker} "
        "on {date} at {time}.\n\n{how_to_cancel}; {deadline}.\n\nKind regards,\n{practice}",
    ),
}

# A rule's service, worker or place removed at another desk while the rule was being edited.
GONE = {
    "service": QT_TRANSLATE_NOOP("reminders", "That service no longer exists; choose another."),
    "worker": QT_TRANSLATE_NOOP("reminders", "That worker no longer exists; choose another."),
    "location": QT_TRANSLATE_NOOP("reminders", "That location no longer exists; choose another."),
}


def default_template(channel: str) -> str:
    """The text a new rule of `channel` starts with, in the practice's language."""
    return translate("reminders", DEFAULT_TEMPLATE.get(channel, DEFAULT_TEMPLATE["sms"]))


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

    def lead(self) -> timedelta:
        """How long before a session its reminder goes, at the most."""
        if self.hours_before is not None:
            return timedelta(hours=self.hours_before)
        return timedelta(days=self.days_before + 1)


@dataclass(frozen=True)
class RuleChoices:
    """What a rule can be limited to: (id, name) of each service, worker and location."""

    services: tuple[tuple[int, str], ...]
    workers: tuple[tuple[int, str], ...]
    locations: tuple[tuple[int, str], ...]


def as_draft(row: ReminderRule) -> RuleDraft:
    """A stored rule as the editor shows it."""
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
    return tuple(as_draft(r) for r in rows)


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


def _parsed(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """The template's pieces (text, name, format, conversion); a lone brace is a refusal."""
    try:
        return list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValidationError(
            translate(
                "reminders",
                "The text has a lone {{ or }}; placeholders are written like {example}.",
            ).format(example="{first_name}"),
            field="template",
        ) from exc


def template_fields(template: str) -> list[str]:
    """The placeholders a template names; a lone brace is a refusal."""
    return [name for _, name, _, _ in _parsed(template) if name is not None]


def check_template(template: str) -> str:
    """The text tidied, or the refusal saying how to write it: every placeholder one of
    `PLACEHOLDERS`, written bare (a format such as {date:%d/%m} or an addition such as
    {first_name!u}, which other systems use, would stop the reminder being written)."""
    text = str(template or "").strip()
    for _, name, spec, conversion in _parsed(text):
        if name is None:
            continue
        written = "{" + name + (f"!{conversion}" if conversion else "") + (
            f":{spec}" if spec else "")  # fmt: skip
        meant = name.strip().casefold()
        if meant in PLACEHOLDERS and written != "{" + meant:
            raise ValidationError(
                translate(
                    "reminders",
                    "The text writes {written}; write {meant} instead, exactly so (no format "
                    "or other additions): the reminder fills it in the practice's own way.",
                ).format(written=written + "}", meant="{" + meant + "}"),
                field="template",
            )
        if name not in PLACEHOLDERS:
            raise ValidationError(
                translate(
                    "reminders",
                    "The text names {name}, which is not a placeholder; use one of {known}.",
                ).format(name=written + "}", known=", ".join(f"{{{p}}}" for p in PLACEHOLDERS)),
                field="template",
            )
    return text


def measured_text(template: str) -> str:
    """The text as its length is counted: each placeholder as long as it is written, in plain
    letters (its braces are not sent, nor is it what forces a text to be shorter)."""
    return "".join(
        literal + ("" if name is None else "x" * (len(name) + 2))
        for literal, name, _, _ in _parsed(template)
    )


def check_length(template: str, channel: str) -> None:
    """An SMS's text fits `SMS_LIMIT` text messages, counted as the gateway sends it
    (`length.measure`); an e-mail's is at most `TEMPLATE_LIMIT` characters."""
    if channel == "sms":
        measured = length.measure(measured_text(template))
        if measured.segments > SMS_LIMIT:
            raise ValidationError(length.too_long(measured, SMS_LIMIT), field="template")
        return
    if len(template) > TEMPLATE_LIMIT:
        raise ValidationError(
            translate(
                "reminders", "The text is {count} characters long; the limit is {limit}."
            ).format(count=len(template), limit=TEMPLATE_LIMIT),
            field="template",
        )


def _whole(value: object, field: str) -> int | None:
    """A number from the window as an int (None stays None); anything else is a refusal."""
    if value is None:
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None:
        raise ValidationError(translate("reminders", "Enter a whole number."), field=field)
    return number


def _coerced(draft: RuleDraft) -> RuleDraft:
    """The draft as the window handed it, each field of its own type (the boundary is untrusted)."""
    return replace(
        draft,
        name=str(draft.name or ""),
        channel=str(draft.channel or ""),
        service_id=_whole(draft.service_id, "service"),
        worker_id=_whole(draft.worker_id, "worker"),
        location_id=_whole(draft.location_id, "location"),
        days_before=_whole(draft.days_before, "days_before") or 0,
        hours_before=_whole(draft.hours_before, "hours_before"),
        at_time=None if draft.at_time is None else str(draft.at_time),
        template=str(draft.template or ""),
        active=bool(draft.active),
    )


def check_rule(uow: UnitOfWork, draft: RuleDraft) -> RuleDraft:
    """The draft tidied, or a refusal a receptionist understands."""
    draft = _coerced(draft)
    name = _checked_name(draft.name)
    if draft.channel not in CHANNELS:
        raise ValidationError(translate("reminders", "Choose SMS or e-mail."), field="channel")
    hours, days, at = _checked_moment(draft)
    template = draft.template.strip()
    if not template:
        raise ValidationError(
            translate("reminders", "Write the text the client receives."), field="template"
        )
    template = check_template(template)
    check_length(template, draft.channel)
    for model, value, what in (
        (Service, draft.service_id, "service"),
        (Worker, draft.worker_id, "worker"),
        (Location, draft.location_id, "location"),
    ):
        if value is not None and uow.session.get(model, value) is None:
            raise ValidationError(translate("reminders", GONE[what]), field=what)
    return replace(
        draft, name=name, hours_before=hours, days_before=days, at_time=at, template=template
    )


def _checked_name(typed: str) -> str:
    """The rule's name with its spaces tidied; refused when empty or too long."""
    name = " ".join(typed.split())
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
    return name


def _checked_moment(draft: RuleDraft) -> tuple[int | None, int, str | None]:
    """(hours before, days before, time of day): hours before a session, or days before it at
    a time of day; a value out of range is refused."""
    hours, days, at = draft.hours_before, draft.days_before, draft.at_time
    if hours is not None:
        if not 1 <= hours <= MAX_HOURS:
            raise ValidationError(
                translate("reminders", "Hours before must be between 1 and {most}.").format(
                    most=MAX_HOURS
                ),
                field="hours_before",
            )
        return hours, 0, None
    if not 0 <= days <= MAX_DAYS:
        raise ValidationError(
            translate("reminders", "Days before must be between 0 and {most}.").format(
                most=MAX_DAYS
            ),
            field="days_before",
        )
    return hours, days, _checked_time(at)


def _checked_time(at: str | None) -> str:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", at or "")
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError(
            translate("reminders", "Enter the time like 09:00 or 17:30."), field="at_time"
        )
    return f"{int(match[1]):02d}:{match[2]}"


def save_rule(uow: UnitOfWork, draft: RuleDraft, seen: RuleDraft | None = None) -> RuleDraft:
    """Add or change a rule (administrators); audited with what changed. `seen`: the rule as the
    form was opened on, refused when another desk changed it since."""
    require(uow.actor, Permission.SETTINGS)
    draft = check_rule(uow, draft)
    row = None if draft.id is None else uow.session.get(ReminderRule, draft.id)
    if draft.id is not None and row is None:
        raise ValidationError(
            translate("reminders", "That reminder rule was deleted meanwhile; add it again.")
        )
    if row is not None and seen is not None and as_draft(row) != seen:
        raise changed_meanwhile(row.name)
    before = None if row is None else asdict(as_draft(row))
    if row is None:
        row = ReminderRule(created_at=uow.now())
        uow.session.add(row)
    for field, value in asdict(draft).items():
        if field != "id":
            setattr(row, field, value)
    uow.session.flush()
    saved = as_draft(row)
    audit.record(uow, "reminder_rule.save", "reminder_rule", row.id,
                 before=before, after=asdict(saved))  # fmt: skip
    if before is not None:  # its unsent reminders are written again from the new rule
        withdraw_stale(uow, changed_rule=row.id)
    return saved


def delete_rule(uow: UnitOfWork, rule_id: int) -> None:
    """Remove a rule (administrators); its unsent reminders are withdrawn."""
    require(uow.actor, Permission.SETTINGS)
    row = uow.session.get(ReminderRule, rule_id)
    if row is None:
        return
    before = asdict(as_draft(row))
    uow.session.delete(row)
    uow.session.flush()
    audit.record(uow, "reminder_rule.delete", "reminder_rule", rule_id, before=before)
    withdraw_stale(uow)


@dataclass(frozen=True)
class RulesScreen:
    """What Practice ▸ Reminder rules… shows: the rules and what they can be limited to."""

    rules: tuple[RuleDraft, ...]
    choices: RuleChoices


def rules_screen(uow: UnitOfWork) -> RulesScreen:
    """The rules and the choices, in one read (the Reminder rules screen: administrators)."""
    require_now(uow, Permission.SETTINGS)
    return RulesScreen(list_rules(uow), rule_choices(uow))


def save_from_editor(uow: UnitOfWork, draft: RuleDraft, seen: RuleDraft | None = None) -> Saved:
    """`save_rule`, with the sentence the list shows."""
    saved = save_rule(uow, draft, seen)
    assert saved.id is not None
    return Saved(
        saved.id,
        translate("reminders", "Reminder rule “{name}” saved.").format(name=saved.name),
        ChangeSet(),
    )


def delete_from_editor(uow: UnitOfWork, rule_id: int) -> Saved:
    """`delete_rule`, with the sentence the list shows."""
    delete_rule(uow, rule_id)
    return Saved(
        rule_id,
        translate("reminders", "Reminder rule deleted; its unsent reminders were withdrawn."),
        ChangeSet(),
    )
