"""The schedule as iCalendar: one VEVENT per session, stable UIDs, cancellations as CANCELLED."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from app.db import UnitOfWork
from app.models.enums import BookingStatus, SessionStatus
from app.services import practice
from app.services.dto import SessionBlock
from app.services.reports.files import write_file
from app.services.reports.query import period_bounds
from app.services.schedule import blocks as schedule_blocks

PRODID = "-//FrontDesk//Schedule export//EN"


def session_uid(session_id: int) -> str:
    """The UID a session keeps for life, so calendars update the event instead of adding one."""
    return f"session-{session_id}@frontdesk"


def _summary(block: SessionBlock) -> str:
    names = block.client_names or "no clients"
    prefix = "Cancelled: " if block.status == SessionStatus.CANCELLED else ""
    return f"{prefix}{block.service_name} — {names}"


def _description(block: SessionBlock) -> str:
    lines = [
        f"Worker: {block.worker_name}",
        f"Service: {block.service_name} ({block.service_code})",
    ]
    for c in block.clients:
        lines.append(f"{c.client_name}: {c.status.value}")
    lines.append(f"FrontDesk session #{block.id}")
    return "\n".join(lines)


def _event(block: SessionBlock, tz: ZoneInfo, stamp_source: UnitOfWork) -> Event:
    event = Event()
    event.add("uid", session_uid(block.id))
    event.add("dtstamp", stamp_source.now())
    event.add("dtstart", block.starts_at.astimezone(tz))
    event.add("dtend", block.ends_at.astimezone(tz))
    event.add("summary", _summary(block))
    event.add("description", _description(block))
    if block.location:
        event.add("location", block.location)
    cancelled = block.status == SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # Every change bumps the session's version; the event's revision follows it.
    event.add("sequence", max(block.version - 1, 0))
    event.add("categories", [block.service_name])
    if block.count(BookingStatus.CANCELLED) and not cancelled:
        event.add("comment", "Partly cancelled")
    return event


@dataclass(frozen=True)
class IcsExport:
    content: bytes
    events: int


def schedule_ics(
    uow: UnitOfWork, date_from: date, date_to: date, worker_id: int | None = None
) -> IcsExport:
    """Sessions starting in the practice-local period (one worker or everyone) as iCalendar."""
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    start, end = period_bounds(date_from, date_to, tz)
    blocks = schedule_blocks.load_schedule(uow, start, end, [worker_id] if worker_id else None)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{settings.name} schedule")
    cal.add("x-wr-timezone", settings.time_zone)
    count = 0
    for block in blocks:
        if start <= block.starts_at < end:
            cal.add_component(_event(block, tz, uow))
            count += 1
    # Transitions from a year before to a year after the period: valid and compact.
    cal.add_missing_timezones(date(date_from.year - 1, 1, 1), date(date_to.year + 2, 1, 1))
    return IcsExport(cal.to_ical(), count)


def write_ics(
    uow: UnitOfWork, date_from: date, date_to: date, out: Path, worker_id: int | None = None
) -> int:
    """Write the schedule's .ics file; returns the number of events."""
    export = schedule_ics(uow, date_from, date_to, worker_id)
    write_file(out, export.content)
    return export.events
