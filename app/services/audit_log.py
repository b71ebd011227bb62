"""The audit log for people: filter by user, action, dates and record; export as CSV or PDF."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle
from sqlalchemy import func, or_, select

from app.db import UnitOfWork
from app.models import AuditEvent
from app.services import practice
from app.services.audit import ChainReport, verify_audit_chain
from app.services.auth import Permission, require
from app.services.csv_safe import write_csv
from app.services.errors import ValidationError
from app.services.reports.cancellations import actor_name
from app.services.reports.files import write_file
from app.services.reports.formatting import moment_text, period_text
from app.services.reports.pdf_base import (
    Fonts,
    Furniture,
    ReportDocument,
    choose_fonts,
    fit,
    frame_size,
    grid_style,
    styles,
    wrap,
)
from app.services.reports.query import period_bounds

DEFAULT_LIMIT = 20_000
_IGNORED = {"version", "updated_at"}


@dataclass(frozen=True)
class AuditFilter:
    """Every field optional: user name, action (prefix), practice-local dates, a record."""

    username: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    entity: str | None = None
    record_id: int | None = None  # matches the event's record or its session


@dataclass(frozen=True)
class AuditRow:
    id: int
    occurred_at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    session_id: int | None
    outcome: str
    changes: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def record(self) -> str:
        return f"{self.entity} #{self.entity_id}" if self.entity_id is not None else self.entity


@dataclass(frozen=True)
class AuditLog:
    rows: tuple[AuditRow, ...]
    truncated: bool
    time_zone: str
    practice_name: str
    filter: AuditFilter
    generated_at: datetime
    generated_by: str
    paper_size: str = "A4"


def _value(v: Any) -> str:
    text = json.dumps(v, default=str, ensure_ascii=False) if isinstance(v, dict | list) else str(v)
    return text if len(text) <= 40 else text[:39] + "…"


def describe_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """ "status: rostered → cancelled; note: Called" — what changed, in one line."""
    if before is None and after is None:
        return ""
    if before is None:
        return "created: " + ", ".join(f"{k}={_value(v)}" for k, v in (after or {}).items())[:300]
    if after is None:
        return "deleted"
    keys = [k for k in after if k not in _IGNORED and before.get(k) != after.get(k)]
    parts = [
        f"{k}: {_value(before[k])} → {_value(after[k])}"
        if k in before
        else f"{k}={_value(after[k])}"
        for k in keys
    ]
    return "; ".join(parts)[:300]


def _statement(flt: AuditFilter, tz: ZoneInfo) -> Any:
    stmt = select(AuditEvent)
    if flt.username:
        stmt = stmt.where(func.lower(AuditEvent.username) == flt.username.lower())
    if flt.action:
        stmt = stmt.where(AuditEvent.action.startswith(flt.action))
    if flt.entity:
        stmt = stmt.where(AuditEvent.entity == flt.entity)
    if flt.record_id is not None:
        stmt = stmt.where(
            or_(AuditEvent.entity_id == flt.record_id, AuditEvent.session_id == flt.record_id)
        )
    if flt.date_from or flt.date_to:
        start, end = _bounds(flt, tz)
        stmt = stmt.where(AuditEvent.occurred_at >= start, AuditEvent.occurred_at < end)
    return stmt.order_by(AuditEvent.id.desc())


def _bounds(flt: AuditFilter, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC bounds of the local days; an open end is unbounded (the audit spans years)."""
    first = flt.date_from or date(1970, 1, 1)
    last = flt.date_to or date(9998, 12, 31)
    if last < first:
        raise ValidationError(
            "The end date is before the start date; choose a later end date.", field="date_to"
        )
    start, _ = period_bounds(first, first, tz)
    _, end = period_bounds(last, last, tz)
    return start, end


def audit_log(uow: UnitOfWork, flt: AuditFilter, limit: int = DEFAULT_LIMIT) -> AuditLog:
    """Matching events, newest first, at most `limit` (needs the reports permission)."""
    require(uow.actor, Permission.REPORTS)
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    events = list(uow.session.scalars(_statement(flt, tz).limit(limit + 1)))
    rows = tuple(
        AuditRow(
            e.id, e.occurred_at, e.username, e.action, e.entity, e.entity_id, e.session_id,
            e.outcome, describe_changes(e.before, e.after), e.before, e.after,
        )
        for e in events[:limit]
    )  # fmt: skip
    return AuditLog(
        rows, len(events) > limit, settings.time_zone, settings.name, flt, uow.now(),
        actor_name(uow), settings.paper_size,
    )  # fmt: skip


@dataclass(frozen=True)
class AuditOptions:
    usernames: tuple[str, ...]
    actions: tuple[str, ...]
    entities: tuple[str, ...]


def audit_options(uow: UnitOfWork) -> AuditOptions:
    """The distinct users, actions and record kinds, for the filter lists."""

    def distinct(col: Any) -> tuple[str, ...]:
        return tuple(v for v in uow.session.scalars(select(col).distinct().order_by(col)) if v)

    return AuditOptions(
        distinct(AuditEvent.username), distinct(AuditEvent.action), distinct(AuditEvent.entity)
    )


def verify(uow: UnitOfWork) -> ChainReport:
    """The chain check, for the audit view's "Verify chain" button."""
    return verify_audit_chain(uow)


CSV_HEADER = (
    "Event",
    "When",
    "User",
    "Action",
    "Record",
    "Session",
    "Outcome",
    "Changes",
    "Before",
    "After",
)


def write_audit_csv(log: AuditLog, path: Path) -> int:
    """The events as a spreadsheet-safe CSV, before/after as JSON."""
    tz = ZoneInfo(log.time_zone)
    rows = (
        (r.id, r.occurred_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"), r.username, r.action,
         r.record, r.session_id, r.outcome, r.changes,
         json.dumps(r.before, ensure_ascii=False) if r.before is not None else "",
         json.dumps(r.after, ensure_ascii=False) if r.after is not None else "")
        for r in log.rows
    )  # fmt: skip
    return write_csv(path, CSV_HEADER, rows)


def _period(flt: AuditFilter) -> str:
    if flt.date_from and flt.date_to:
        return period_text(flt.date_from, flt.date_to)
    if flt.date_from:
        return f"from {flt.date_from:%d %b %Y}"
    if flt.date_to:
        return f"up to {flt.date_to:%d %b %Y}"
    return "all dates"


def _pdf_story(log: AuditLog, doc: ReportDocument, fonts: Fonts) -> list[Flowable]:
    st = styles(fonts)
    width, _ = frame_size(doc.landscape)
    tz = ZoneInfo(log.time_zone)
    widths = [width * w for w in (0.06, 0.12, 0.09, 0.15, 0.12, 0.06, 0.06, 0.34)]
    size = 7.0
    data = [["Event", "When", "User", "Action", "Record", "Session", "Outcome", "Changes"]]
    for r in log.rows:
        data.append(
            [str(r.id), f"{r.occurred_at.astimezone(tz):%d %b %Y %H:%M}",
             fit(r.username, widths[2] - 6, fonts.regular, size),
             fit(r.action, widths[3] - 6, fonts.regular, size),
             fit(r.record, widths[4] - 6, fonts.regular, size),
             str(r.session_id or ""), r.outcome,
             wrap(r.changes, widths[7] - 6, fonts.regular, size, 4)]
        )  # fmt: skip
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(fonts, size, right_columns=(0, 5))))
    note = f"{len(log.rows)} events, newest first"
    if log.truncated:
        note += f" (only the newest {len(log.rows)} shown; narrow the filters for the rest)"
    return [Paragraph("Audit log", st["title"]), Paragraph(note + ".", st["note"]), table]


def render_audit_pdf(log: AuditLog, target: Path | BinaryIO) -> int:
    """The events as a landscape PDF with the usual header and footer; returns the page count."""
    fonts = choose_fonts([log.practice_name, *(r.changes for r in log.rows)])
    tz = ZoneInfo(log.time_zone)
    furniture = Furniture(
        log.practice_name,
        "Audit log",
        _period(log.filter),
        f"Generated {moment_text(log.generated_at, tz)} by {log.generated_by}",
        fonts,
    )
    buffer = io.BytesIO()
    doc = ReportDocument(buffer, log.paper_size, furniture, landscape_first=True)
    doc.render(_pdf_story(log, doc, fonts))
    write_file(target, buffer.getvalue())
    return int(doc.page)
