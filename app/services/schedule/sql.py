"""The schedule's SQL, written once: every read of a range runs these very strings.

SQLAlchemy runs them as text() on SQLite and PostgreSQL (schedule_blocks, schedule_queries,
queries.change_marker), and the start's first week runs them with plain sqlite3 before
SQLAlchemy has loaded (quick_week). So the SQL is portable and names its parameters
(`:range_end`); `IN :name` takes a list (SQLAlchemy's expanding parameter; `expand` writes one
out for sqlite3). The rows come back undecoded, in the order schedule_rows reads them.
"""

from __future__ import annotations

from collections.abc import Sequence

# Sessions overlapping [range_start, range_end), bounded below too (range_low: the start less
# the longest session) so the index range scanned is one day longer than the range shown
# instead of every session since the practice opened.
_IN_RANGE = (
    "sessions.starts_at < :range_end AND sessions.starts_at >= :range_low"
    " AND sessions.ends_at > :range_start"
)
# Narrows a range's sessions (or bookings) to some workers' sessions.
_OF_WORKERS = " AND sessions.worker_id IN :worker_ids"

_SESSIONS = (
    "SELECT sessions.id, sessions.version, sessions.worker_id, workers.name, services.code,"
    " services.name, services.colour, locations.name, sessions.starts_at, sessions.ends_at,"
    " sessions.status, sessions.kind, sessions.capacity, sessions.price_cents, sessions.series_id"
    " FROM sessions JOIN workers ON workers.id = sessions.worker_id"
    " JOIN services ON services.id = sessions.service_id"
    " LEFT OUTER JOIN locations ON locations.id = sessions.location_id"
    " WHERE {where} ORDER BY sessions.starts_at, sessions.id"
)
_BOOKINGS = (
    "SELECT bookings.session_id, bookings.id, bookings.client_id, clients.first_name,"
    " clients.last_name, bookings.status, bookings.version"
    " FROM bookings JOIN sessions ON sessions.id = bookings.session_id"
    " JOIN clients ON clients.id = bookings.client_id"
    " WHERE {where} ORDER BY bookings.session_id, bookings.id"
)

# Every session of a range, and every booking of those sessions (grouped by session).
SESSIONS = _SESSIONS.format(where=_IN_RANGE)
BOOKINGS = _BOOKINGS.format(where=_IN_RANGE)
# The same, of some workers' sessions only.
SESSIONS_OF_WORKERS = _SESSIONS.format(where=_IN_RANGE + _OF_WORKERS)
BOOKINGS_OF_WORKERS = _BOOKINGS.format(where=_IN_RANGE + _OF_WORKERS)

# Some sessions by id (what another desk's change touched), with their bookings.
SESSIONS_BY_ID = _SESSIONS.format(where="sessions.id IN :session_ids")
BOOKINGS_BY_ID = _BOOKINGS.format(where="sessions.id IN :session_ids")

# The schedule's rows: active workers, and former ones with a session shown (`busy`).
WORKERS = (
    "SELECT workers.id, workers.name, workers.colour, workers.skills, workers.active"
    " FROM workers WHERE workers.active OR workers.id IN :busy"
    " ORDER BY workers.name, workers.id"
)

# Grows with every committed change (each writes an audit event): desks poll it to refresh.
MARKER = "SELECT max(audit_events.id) FROM audit_events"
# What the changes after a marker touched: a range of the audit trail's primary key.
CHANGES_SINCE = (
    "SELECT audit_events.id, audit_events.entity, audit_events.entity_id,"
    " audit_events.session_id FROM audit_events WHERE audit_events.id > :marker"
    " ORDER BY audit_events.id LIMIT :limit"
)
# How many of some sessions still exist, and how many of them started before :now.
STARTED_OF = (
    "SELECT count(*), coalesce(sum(CASE WHEN sessions.starts_at < :now THEN 1 ELSE 0 END), 0)"
    " FROM sessions WHERE sessions.id IN :session_ids"
)


def as_json(statement: str, columns: int) -> str:
    """`statement`'s rows as one JSON text, an array of arrays, made by SQLite (the start's read
    ahead, quick_week.ReadAhead, takes a week's rows in one call). The reader puts them back in
    the statement's order: an aggregate's order is SQLite's to choose."""
    names = ", ".join(f"c{i}" for i in range(columns))
    return f"WITH r({names}) AS ({statement}) SELECT json_group_array(json_array({names})) FROM r"


def expand(sql: str, name: str, values: Sequence[object]) -> tuple[str, dict[str, object]]:
    """`IN :name` written out as one parameter per value, for drivers without lists (sqlite3)."""
    names = [f"{name}_{i}" for i in range(len(values))]
    listed = "(" + ", ".join(f":{n}" for n in names) + ")"
    return sql.replace(f"IN :{name}", f"IN {listed}"), dict(zip(names, values, strict=True))
