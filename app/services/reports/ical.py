"""The schedule as iCalendar: one VEVENT per session, stable UIDs, cancellations as CANCELLED.

The same events feed the .ics export and the live calendar feed (app.services.calendar_feed):

- UIDs carry the practice's own identifier (`session-<id>-<practice uid>@frontdesk`), so two
  practices' sessions never share one. Older exports used `session-<id>@frontdesk`: a calendar
  that imported one of those shows the session twice until the old import is removed (README).
- Clients are named as the practice chose for workers' calendars (`NAME_CHOICES`, default
  initials): their full names leave the practice only when it says so.
- A session deleted for good stays in the export as CANCELLED (its tombstone), with a SEQUENCE
  above any the session had, so a calendar that imported it takes it off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlalchemy import select

from app.db import UnitOfWork
from app.models import CalendarTombstone, PracticeSettings, Session
from app.models.enums import BookingStatus, SessionStatus
from app.services import practice
from app.services.boundary import period_bounds
from app.services.dto import SessionBlock
from app.services.reports.files import write_file
from app.services.schedule import blocks as schedule_blocks

PRODID = "-//FrontDesk//Schedule export//EN"
INITIALS, CLIENT, FULL = "initials", "client", "full"
# How clients are named on workers' calendars, as the settings list them.
NAME_CHOICES: dict[str, str] = {
    INITIALS: "Initials (J.S.)",
    CLIENT: "Just “Client”",
    FULL: "Full names",
}


def session_uid(session_id: int, practice_uid: str) -> str:
    """The UID a session keeps for life, so calendars update the event instead of adding one."""
    if not practice_uid:
        return f"session-{session_id}@frontdesk"
    return f"session-{session_id}-{practice_uid}@frontdesk"


def initials(name: str) -> str:
    """ "Olivia Smith" → "O.S."; "王小明" → "王." (first letter of each word)."""
    return "".join(f"{word[0].upper()}." for word in name.split()) or "?"


@dataclass(frozen=True)
class EventFacts:
    """One session as an event needs it: from a schedule block or from the ORM session."""

    id: int
    version: int
    worker_id: int
    worker_name: str
    service_code: str
    service_name: str
    location: str
    starts_at: datetime
    ends_at: datetime
    status: SessionStatus
    clients: tuple[tuple[str, BookingStatus], ...]

    @classmethod
    def of_block(cls, b: SessionBlock) -> EventFacts:
        clients = tuple((c.client_name, c.status) for c in b.clients)
        return cls(b.id, b.version, b.worker_id, b.worker_name, b.service_code, b.service_name,
                   b.location, b.starts_at, b.ends_at, b.status, clients)  # fmt: skip

    @classmethod
    def of_session(cls, s: Session) -> EventFacts:
        clients = tuple((b.client.display_name, b.status) for b in s.bookings)
        return cls(s.id, s.version, s.worker_id, s.worker.name, s.service.code, s.service.name,
                   s.location.name if s.location else "", s.starts_at, s.ends_at, s.status,
                   clients)  # fmt: skip


def _named(names: Sequence[str], mode: str) -> list[str]:
    if mode == FULL:
        return list(names)
    if mode == CLIENT:
        return ["Client" if len(names) == 1 else f"Client {i}" for i in range(1, len(names) + 1)]
    return [initials(n) for n in names]


def _summary(facts: EventFacts, mode: str) -> str:
    live = [n for n, status in facts.clients if status != BookingStatus.CANCELLED]
    names = _named(live or [n for n, _ in facts.clients], mode)
    who = ", ".join(names) if names else "no clients"
    if mode == CLIENT and len(names) > 1:
        who = f"{len(names)} clients"
    prefix = "Cancelled: " if facts.status == SessionStatus.CANCELLED else ""
    return f"{prefix}{facts.service_name} — {who}"


def _description(facts: EventFacts, mode: str) -> str:
    lines = [
        f"Worker: {facts.worker_name}",
        f"Service: {facts.service_name} ({facts.service_code})",
    ]
    named = _named([n for n, _ in facts.clients], mode)
    for name, (_, status) in zip(named, facts.clients, strict=True):
        lines.append(f"{name}: {status.value}")
    lines.append(f"FrontDesk session #{facts.id}")
    return "\n".join(lines)


@dataclass(frozen=True)
class CalendarStyle:
    """What every event of one practice shares: its zone, identifier and how clients show."""

    tz: ZoneInfo
    practice_uid: str
    names: str = INITIALS
    calendar_name: str = ""
    zone_name: str = ""

    @classmethod
    def of(cls, settings: PracticeSettings) -> CalendarStyle:
        names = settings.calendar_client_names
        return cls(
            ZoneInfo(settings.time_zone),
            settings.practice_uid or "",
            names if names in NAME_CHOICES else INITIALS,
            f"{settings.name} schedule",
            settings.time_zone,
        )


def session_event(facts: EventFacts, style: CalendarStyle, now: datetime) -> Event:
    """The session's VEVENT."""
    event = Event()
    event.add("uid", session_uid(facts.id, style.practice_uid))
    event.add("dtstamp", now)
    event.add("dtstart", facts.starts_at.astimezone(style.tz))
    event.add("dtend", facts.ends_at.astimezone(style.tz))
    event.add("summary", _summary(facts, style.names))
    event.add("description", _description(facts, style.names))
    if facts.location:
        event.add("location", facts.location)
    cancelled = facts.status == SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # Every change bumps the session's version; the event's revision follows it.
    event.add("sequence", max(facts.version - 1, 0))
    event.add("categories", [facts.service_name])
    cancelled_clients = sum(1 for _, s in facts.clients if s == BookingStatus.CANCELLED)
    if cancelled_clients and not cancelled:
        event.add("comment", "Partly cancelled")
    return event


def tombstone_event(stone: CalendarTombstone, style: CalendarStyle, now: datetime) -> Event:
    """A session deleted for good: CANCELLED, one SEQUENCE above its last export."""
    event = Event()
    event.add("uid", session_uid(stone.session_id, style.practice_uid))
    event.add("dtstamp", now)
    event.add("dtstart", stone.starts_at.astimezone(style.tz))
    event.add("dtend", stone.ends_at.astimezone(style.tz))
    event.add("summary", f"Cancelled: {stone.summary or 'session'} (deleted)")
    event.add("description", f"FrontDesk session #{stone.session_id} was deleted.")
    event.add("status", "CANCELLED")
    event.add("sequence", stone.sequence)
    return event


def calendar_of(style: CalendarStyle, events: Sequence[Event], first: date, last: date) -> Calendar:
    """A VCALENDAR with the events and the zone's transitions around [first, last]."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if style.calendar_name:
        cal.add("x-wr-calname", style.calendar_name)
    if style.zone_name:
        cal.add("x-wr-timezone", style.zone_name)
    for event in events:
        cal.add_component(event)
    # Transitions from a year before to a year after the period: valid and compact.
    cal.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 2, 1, 1))
    return cal


@dataclass(frozen=True)
class IcsExport:
    content: bytes
    events: int


def schedule_ics(
    uow: UnitOfWork, date_from: date, date_to: date, worker_id: int | None = None
) -> IcsExport:
    """Sessions starting in the practice-local period (one worker or everyone) as iCalendar,
    with the sessions deleted for good in it as CANCELLED."""
    style = CalendarStyle.of(practice.settings(uow))
    start, end = period_bounds(date_from, date_to, style.tz)
    blocks = schedule_blocks.load_schedule(uow, start, end, [worker_id] if worker_id else None)
    now = uow.now()
    events = [
        session_event(EventFacts.of_block(b), style, now)
        for b in blocks
        if start <= b.starts_at < end
    ]
    count = len(events)
    t = CalendarTombstone
    stones = select(t).where(t.starts_at >= start, t.starts_at < end).order_by(t.starts_at)
    if worker_id:
        stones = stones.where(t.worker_id == worker_id)
    events += [tombstone_event(s, style, now) for s in uow.session.scalars(stones)]
    cal = calendar_of(style, events, date_from, date_to)
    return IcsExport(cal.to_ical(), count)


def write_ics(
    uow: UnitOfWork, date_from: date, date_to: date, out: Path, worker_id: int | None = None
) -> int:
    """Write the schedule's .ics file; returns the number of sessions in it."""
    export = schedule_ics(uow, date_from, date_to, worker_id)
    write_file(out, export.content)
    return export.events
