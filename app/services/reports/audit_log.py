"""The audit log for people: filter by user, action, dates and record; export it as CSV (as a
PDF: `app.services.reports.pdf_audit`).

The list and the exports read lean columns with Core: "what changed" is stored with each
event when it is written, so no snapshot is loaded or decoded. The full before/after JSON
is in the CSV only when asked for (`AuditExport.snapshots`).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, Select, String, case, cast, func, or_, select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import AuditEvent
from app.services import practice
from app.services.audit.verify import ChainReport, verify_audit_chain
from app.services.auth import Permission, require_now
from app.services.boundary import FIRST_YEAR, LAST_YEAR, period_bounds
from app.services.gc_pause import collector_paused
from app.services.reports.cancellations import actor_name
from app.services.reports.formatting import headings
from app.services.reports.sql_time import local_text
from app.services.setup.settings import provider_line
from app.services.storage.csv_safe import CHUNK, write_csv

DEFAULT_LIMIT = 20_000


@dataclass(frozen=True)
class AuditFilter:
    """Every field optional: user name, action (or its family: "session."), practice-local
    dates, a record."""

    username: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    entity: str | None = None
    record_id: int | None = None  # matches the event's record or its session


@dataclass(frozen=True)
class AuditRow:
    """One event as the list shows it: what changed in a line, never the full snapshots."""

    id: int
    occurred_at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    session_id: int | None
    outcome: str
    changes: str

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
    provider: str = ""  # legal name, ABN, address, phone: under the practice's name

    @property
    def newest_id(self) -> int:
        """The newest event shown (0 when none): exports leave out events written since."""
        return self.rows[0].id if self.rows else 0


_EVENTS = AuditEvent.__table__.c
# The lean columns the list shows, in AuditRow's order: no snapshots, nothing to decode.
_LEAN = (
    _EVENTS.id, _EVENTS.occurred_at, _EVENTS.username, _EVENTS.action, _EVENTS.entity,
    _EVENTS.entity_id, _EVENTS.session_id, _EVENTS.outcome,
    func.coalesce(_EVENTS.changes, "").label("changes"),
)  # fmt: skip


def _action_matches(action: str) -> ColumnElement[bool]:
    """The action itself and its family: "session.cancel" is session.cancel (not
    session.cancellation_undone), "session" or "session." every session.* action; an "_" or
    "%" typed is a character, not a wildcard."""
    family = action if action.endswith(".") else action + "."
    return or_(_EVENTS.action == action, _EVENTS.action.startswith(family, autoescape=True))


def _where(stmt: Select[Any], flt: AuditFilter, tz: ZoneInfo) -> Select[Any]:
    if flt.username:
        stmt = stmt.where(func.lower(_EVENTS.username) == flt.username.lower())
    if flt.action:
        stmt = stmt.where(_action_matches(flt.action.strip()))
    if flt.entity:
        stmt = stmt.where(_EVENTS.entity == flt.entity)
    if flt.record_id is not None:
        stmt = stmt.where(
            or_(_EVENTS.entity_id == flt.record_id, _EVENTS.session_id == flt.record_id)
        )
    if flt.date_from or flt.date_to:
        start, end = _bounds(flt, tz)
        stmt = stmt.where(_EVENTS.occurred_at >= start, _EVENTS.occurred_at < end)
    return stmt


def _bounds(flt: AuditFilter, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC bounds of the local days; an open end is unbounded (the audit spans years)."""
    first = flt.date_from or date(FIRST_YEAR, 1, 1)
    last = flt.date_to or date(LAST_YEAR, 12, 31)
    if last < first:
        raise ValidationError(
            translate("reports", "The end date is before the start date; choose a later end date."),
            field="date_to",
        )
    start, _ = period_bounds(first, first, tz)
    _, end = period_bounds(last, last, tz)
    return start, end


def audit_log(uow: UnitOfWork, flt: AuditFilter, limit: int = DEFAULT_LIMIT) -> AuditLog:
    """Matching events, newest first, at most `limit` (needs the reports permission)."""
    require_now(uow, Permission.REPORTS)
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    stmt = _where(select(*_LEAN), flt, tz).order_by(_EVENTS.id.desc()).limit(limit + 1)
    found = uow.session.connection().execute(stmt).all()
    rows = tuple(AuditRow(*r) for r in found[:limit])
    truncated = len(found) > limit
    return AuditLog(
        rows, truncated, settings.time_zone, settings.name, flt, uow.now(),
        actor_name(uow), settings.paper_size,
        provider_line(settings.legal_name, settings.abn, settings.address, settings.phone),
    )  # fmt: skip


@dataclass(frozen=True)
class AuditOptions:
    usernames: tuple[str, ...]
    actions: tuple[str, ...]
    entities: tuple[str, ...]


def audit_options(uow: UnitOfWork) -> AuditOptions:
    """The distinct users, actions and record kinds, for the filter lists."""
    require_now(uow, Permission.REPORTS)

    def distinct(col: Any) -> tuple[str, ...]:
        return tuple(v for v in uow.session.scalars(select(col).distinct().order_by(col)) if v)

    return AuditOptions(
        distinct(AuditEvent.username), distinct(AuditEvent.action), distinct(AuditEvent.entity)
    )


def verify(uow: UnitOfWork) -> ChainReport:
    """The whole check (every event re-read), for the audit view's "Verify chain" button."""
    require_now(uow, Permission.REPORTS)
    return verify_audit_chain(uow, full=True)


# The columns of the export and of the PDF's table, in the practice's language when written.
CSV_HEADER = (
    QT_TRANSLATE_NOOP("csv", "Event"),
    QT_TRANSLATE_NOOP("csv", "When"),
    QT_TRANSLATE_NOOP("csv", "User"),
    QT_TRANSLATE_NOOP("csv", "Action"),
    QT_TRANSLATE_NOOP("csv", "Record"),
    QT_TRANSLATE_NOOP("csv", "Session"),
    QT_TRANSLATE_NOOP("csv", "Outcome"),
    QT_TRANSLATE_NOOP("csv", "Changes"),
)
SNAPSHOT_HEADER = (QT_TRANSLATE_NOOP("csv", "Before"), QT_TRANSLATE_NOOP("csv", "After"))


_RECORD = case(
    (_EVENTS.entity_id.is_(None), _EVENTS.entity),
    else_=_EVENTS.entity + " #" + cast(_EVENTS.entity_id, String),
)


@dataclass(frozen=True)
class AuditExport:
    """Which events a CSV holds: the filter's newest `limit`, none newer than `newest_id`."""

    filter: AuditFilter
    limit: int = DEFAULT_LIMIT
    newest_id: int | None = None
    snapshots: bool = False  # each event's full before/after JSON too (a far larger file)

    @classmethod
    def of(cls, log: AuditLog, *, snapshots: bool = False) -> AuditExport:
        """The events the log shows, however many were written since."""
        return cls(log.filter, len(log.rows), log.newest_id, snapshots)


def write_audit_csv(uow: UnitOfWork, export: AuditExport, path: Path) -> int:
    """The events as a spreadsheet-safe CSV, newest first, read and written a chunk at a time.

    Every cell comes from the database as written (the time as practice-local text, the
    record as "session #12"), so nothing is worked out per event here; returns the count.
    """
    require_now(uow, Permission.REPORTS)
    tz = ZoneInfo(practice.settings(uow).time_zone)
    conn = uow.session.connection()
    columns = [
        _EVENTS.id, _local_time(conn, tz), _EVENTS.username, _EVENTS.action, _RECORD,
        _EVENTS.session_id, _EVENTS.outcome, func.coalesce(_EVENTS.changes, ""),
    ]  # fmt: skip
    if export.snapshots:
        columns += [_EVENTS.before, _EVENTS.after]
    stmt = _where(select(*columns), export.filter, tz)
    if export.newest_id is not None:
        stmt = stmt.where(_EVENTS.id <= export.newest_id)
    stmt = stmt.order_by(_EVENTS.id.desc()).limit(export.limit)
    with collector_paused():
        if not export.snapshots:
            with _text_as_utf8(conn):
                return write_csv(path, headings(CSV_HEADER), _lean_rows(conn, stmt))
        result = conn.execute(stmt.execution_options(yield_per=CHUNK))
        rows = itertools.chain.from_iterable(result.partitions())  # no Python code per row
        return write_csv(path, headings(CSV_HEADER + SNAPSHOT_HEADER), map(_with_json, rows))


def _lean_rows(conn: Connection, stmt: Select[Any]) -> Iterator[Sequence[Any]]:
    """The lean export's rows, a chunk at a time, as the driver gives them (numbers and text).

    On SQLite they come straight from the driver's cursor, in this read's transaction (as
    the week and the audit check read): the statement is compiled and its parameters
    converted as SQLAlchemy does, but no result object is made for each of the rows.
    """
    driver = _sqlite_driver(conn)
    if driver is None:
        result = conn.execute(stmt.execution_options(yield_per=CHUNK))
        return itertools.chain.from_iterable(result.partitions())  # no Python code per row
    compiled = stmt.compile(dialect=conn.dialect)
    values = compiled.construct_params()
    convert: Mapping[str, Any] = compiled._bind_processors  # the column types' conversions
    params = [
        convert[name](values[name]) if name in convert else values[name]
        for name in compiled.positiontup or ()
    ]
    cursor = driver.execute(str(compiled), params)
    return itertools.chain.from_iterable(iter(partial(cursor.fetchmany, CHUNK), []))


def _sqlite_driver(conn: Connection) -> sqlite3.Connection | None:
    """The sqlite3 connection under `conn`, or None on any other database."""
    driver = conn.connection.driver_connection
    if conn.dialect.name != "sqlite" or not isinstance(driver, sqlite3.Connection):
        return None
    return driver


@contextmanager
def _text_as_utf8(conn: Connection) -> Iterator[None]:
    """On SQLite, text comes from the driver as the UTF-8 bytes stored, and the CSV writer
    writes them as they are: no decode and encode of some 800,000 cells on a large export."""
    driver = _sqlite_driver(conn)
    if driver is None:
        yield
        return
    factory = driver.text_factory
    driver.text_factory = bytes
    try:
        yield
    finally:
        driver.text_factory = factory


def _local_time(conn: Connection, tz: ZoneInfo) -> ColumnElement[Any]:
    """The event's time as practice-local text, worked out by the database."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        return local_text(_EVENTS.occurred_at, tz, dialect)
    # Each end on its own: SQLite seeks one end of the time index for a lone min() or max(),
    # but walks the whole index for both in one SELECT.
    first, last = conn.execute(
        select(
            select(func.min(_EVENTS.occurred_at)).scalar_subquery(),
            select(func.max(_EVENTS.occurred_at)).scalar_subquery(),
        )
    ).one()
    if first is None:
        return _EVENTS.occurred_at  # no events: nothing to format
    return local_text(_EVENTS.occurred_at, tz, dialect, (first, last))


def _with_json(row: Sequence[Any]) -> tuple[Any, ...]:
    """The snapshots as JSON text (accents kept as they are), blank for none."""
    before, after = row[-2:]
    return (
        *row[:-2],
        json.dumps(before, ensure_ascii=False) if before is not None else "",
        json.dumps(after, ensure_ascii=False) if after is not None else "",
    )
