"""What other desks changed since a desk last looked, read from the audit trail.

Every committed change writes audit events, so the events after a desk's change marker say
what it has not seen: which sessions (each event names its session), which clients, and which
kinds of records. A desk refreshes only the views that show one of them; a session change the
desk shows is patched in with the few blocks it touched instead of reading the week again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import TextClause, bindparam, text

from app.db import UnitOfWork
from app.models.base import UTCDateTime
from app.services.dto import ChangeSet
from app.services.schedule import rows, sql
from app.services.schedule.dto import SessionBlock

# More events than this since the last look (a bulk job, an import): read everything again.
MAX_EVENTS = 400

# The topic each kind of audited record belongs to (app/ui/schedule/changes.py reads topics).
# A kind not named here is its own topic, which no view shows.
TOPICS = {
    "session": "sessions",
    "cancellation": "sessions",
    "client": "clients",
    "worker": "workers",
    "service": "services",
    "location": "locations",
    "bulk_job": "bulk",
    "practice_settings": "settings",
    "settings": "settings",
    "outbox_message": "outbox",
    "waitlist_entry": "waitlist",
    "cancellation_reason": "reasons",
    "user": "users",
    "import": "import",
}
# Kinds whose change may alter what the schedule shows though no session is named.
_BROAD = frozenset({"import", "extraction_batch"})


@dataclass(frozen=True)
class ChangeFeed:
    """The changes after a marker: the new marker, what they touched, and whether any of the
    sessions they touched started before now (or is gone), which the unresolved list may show.
    `changes` empty means unknown (too many, or a kind that may touch anything): read all."""

    marker: int
    changes: ChangeSet
    touches_past: bool


def changes_since(uow: UnitOfWork, marker: int, now: datetime) -> ChangeFeed:
    """The audit events after `marker`, summed up; the same marker when nothing happened."""
    conn = uow.session.connection()
    found = conn.execute(_changes_stmt(), {"marker": marker, "limit": MAX_EVENTS + 1}).all()
    if not found:
        return ChangeFeed(marker, ChangeSet(), False)
    newest = int(found[-1][0])
    if len(found) > MAX_EVENTS:  # more than a desk's worth: the newest marker, read all
        return ChangeFeed(int(conn.scalar(text(sql.MARKER)) or newest), ChangeSet(), True)
    sessions: set[int] = set()
    clients: set[int] = set()
    topics: set[str] = set()
    for _id, entity, entity_id, session_id in found:
        if entity in _BROAD:
            return ChangeFeed(newest, ChangeSet(), True)
        if session_id is not None:
            sessions.add(int(session_id))
        if entity == "session" and entity_id is not None:
            sessions.add(int(entity_id))
        if entity == "client" and entity_id is not None:
            clients.add(int(entity_id))
        topics.add(TOPICS.get(entity, entity))
    if sessions:
        topics.add("sessions")
    changes = ChangeSet(frozenset(sessions), frozenset(clients), frozenset(topics))
    return ChangeFeed(newest, changes, _touches_past(uow, sessions, now))


def _touches_past(uow: UnitOfWork, sessions: Collection[int], now: datetime) -> bool:
    if not sessions:
        return False
    params = {"session_ids": sorted(sessions), "now": now}
    existing, started = uow.session.connection().execute(_started_stmt(), params).one()
    # A deleted session may have been on the unresolved list.
    return bool(started) or int(existing) < len(sessions)


def load_blocks(uow: UnitOfWork, session_ids: Sequence[int]) -> list[SessionBlock]:
    """These sessions' blocks with their clients (a deleted one is simply missing)."""
    conn = uow.session.connection()
    params = {"session_ids": sorted(set(session_ids))}
    clients = rows.bookings_by_session(conn.execute(_by_id_stmt(True), params).all())
    return rows.blocks_from_rows(conn.execute(_by_id_stmt(False), params).all(), clients)


@cache
def _changes_stmt() -> TextClause:
    return text(sql.CHANGES_SINCE)


@cache
def _started_stmt() -> TextClause:
    return text(sql.STARTED_OF).bindparams(
        bindparam("session_ids", expanding=True), bindparam("now", type_=UTCDateTime())
    )


@cache
def _by_id_stmt(bookings: bool) -> TextClause:
    statement = sql.BOOKINGS_BY_ID if bookings else sql.SESSIONS_BY_ID
    return text(statement).bindparams(bindparam("session_ids", expanding=True))
