"""The stored audit events as verification reads them: plain values in chain order, no ORM
object, read a chunk at a time (on SQLite straight from the driver's cursor)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import select

from app.db import UnitOfWork
from app.models import AuditEvent


class EventRow(NamedTuple):
    """One stored event as verify reads it: plain values, no ORM object."""

    id: int
    action: str
    prev_hash: str
    hash: str
    fields: dict[str, Any]  # what the digest covers (audit.chain_fields)
    changes: str | None


_COLUMNS = AuditEvent.__table__.c
_READ = (
    _COLUMNS.id, _COLUMNS.occurred_at, _COLUMNS.user_id, _COLUMNS.username, _COLUMNS.action,
    _COLUMNS.entity, _COLUMNS.entity_id, _COLUMNS.session_id, _COLUMNS.before, _COLUMNS.after,
    _COLUMNS.outcome, _COLUMNS.prev_hash, _COLUMNS.hash, _COLUMNS.changes,
)  # fmt: skip


def events_after(uow: UnitOfWork, last_id: int) -> Iterator[EventRow]:
    """The events after `last_id` in chain order, read as plain rows in chunks.

    On SQLite the rows come straight from the driver's connection, in this read's transaction
    (as the schedule's week does): a full check reads every event, and the result object's
    work per row is a tenth of the check's own beyond the plain reading and hashing.
    """
    conn = uow.session.connection()
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        if isinstance(driver, sqlite3.Connection):
            yield from _sqlite_events_after(driver, last_id)
            return
    stmt = select(*_READ).where(_COLUMNS.id > last_id).order_by(_COLUMNS.id)
    for (event_id, occurred, user_id, username, action, entity, entity_id, session_id, before,
         after, outcome, prev_hash, digest, changes) in conn.execution_options(
            yield_per=_CHUNK).execute(stmt):  # fmt: skip
        fields = {  # the same dict audit.chain_fields builds, without an object in between
            "occurred_at": occurred.astimezone(UTC).isoformat(),
            "user_id": user_id,
            "username": username,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "session_id": session_id,
            "before": before,
            "after": after,
            "outcome": outcome,
        }
        yield EventRow(event_id, action, prev_hash, digest, fields, changes)


_CHUNK = 5000
_SQLITE_READ = (
    "SELECT id, occurred_at, user_id, username, action, entity, entity_id, session_id, before,"
    " after, outcome, prev_hash, hash, changes FROM audit_events WHERE id > ? ORDER BY id"
)


def _sqlite_events_after(driver: sqlite3.Connection, last_id: int) -> Iterator[EventRow]:
    """events_after on SQLite's own driver: its stored text decoded as the columns' types do
    (UTCDateTime: the stored UTC time; JSON: json.loads, a stored number as it is)."""
    cursor = driver.execute(_SQLITE_READ, (last_id,))
    moment, loads = datetime.fromisoformat, json.loads
    while chunk := cursor.fetchmany(_CHUNK):
        for (event_id, occurred, user_id, username, action, entity, entity_id, session_id,
             before, after, outcome, prev_hash, digest, changes) in chunk:  # fmt: skip
            fields = {
                "occurred_at": moment(occurred).replace(tzinfo=UTC).isoformat(),
                "user_id": user_id,
                "username": username,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "session_id": session_id,
                "before": loads(before) if type(before) is str else _json(before),
                "after": loads(after) if type(after) is str else _json(after),
                "outcome": outcome,
            }
            yield EventRow(event_id, action, prev_hash, digest, fields, changes)


def _json(value: Any) -> Any:
    """A JSON column's stored value as SQLAlchemy's SQLite JSON type reads it."""
    if value is None or isinstance(value, int | float):  # SQLite keeps a number as one
        return value
    return json.loads(value)
