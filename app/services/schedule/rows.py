"""The rows of schedule_sql's statements decoded into the schedule's frozen DTOs.

Whichever driver fetched them, raw (no SQLAlchemy here): the start's first week is read with
plain sqlite3 (quick_week) and decoded by the same code as every later week (schedule_blocks).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.services.schedule.dto import BookingInfo, SessionBlock, WorkerRow

# Sessions are shorter than this; bounds the range scan on starts_at.
MAX_SESSION_LENGTH = timedelta(hours=24)
# The parameters that bound a range in schedule_sql's statements.
RANGE_PARAMS = ("range_end", "range_low", "range_start")


def range_params(start: datetime, end: datetime) -> dict[str, datetime]:
    """The RANGE_PARAMS of [start, end)."""
    return {"range_end": end, "range_low": start - MAX_SESSION_LENGTH, "range_start": start}


def blocks_from_rows(
    rows: Iterable[Any], clients: dict[int, tuple[BookingInfo, ...]]
) -> list[SessionBlock]:
    """SessionBlocks from the rows of schedule_sql.SESSIONS.

    Each frozen DTO is made without its generated __init__ (one object.__setattr__ per field):
    its __dict__ is filled key by key, in the fields' order, so it stays the compact dict that
    shares its keys with the class, as __init__ leaves it (one update() with keywords would
    copy the keywords' own table into every instance). The same object as SessionBlock(...)
    for equality, hash and repr. Only here and in bookings_by_session, and only with every field given.
    """
    new, cls, none = object.__new__, SessionBlock, ()
    status_of, kind_of, clients_of = _SESSION_STATUS, _SESSION_KIND, clients.get
    times: dict[Any, datetime] = {}
    seen = times.get
    out = []
    for (
        sid,
        version,
        wid,
        wname,
        code,
        sname,
        colour,
        where,
        s0,
        s1,
        st,
        kind,
        cap,
        price,
        ser,
    ) in rows:
        block = new(cls)
        d = block.__dict__
        d["id"] = sid
        d["version"] = version
        d["worker_id"] = wid
        d["worker_name"] = wname
        d["service_code"] = code
        d["service_name"] = sname
        d["colour"] = colour
        d["location"] = where or ""
        d["starts_at"] = seen(s0) or _remember(times, s0)
        d["ends_at"] = seen(s1) or _remember(times, s1)
        d["status"] = status_of[st]
        d["kind"] = kind_of[kind]
        d["capacity"] = cap
        d["price_cents"] = price
        d["series_id"] = ser
        d["clients"] = clients_of(sid, none)
        out.append(block)
    return out


def bookings_by_session(rows: Iterable[Any]) -> dict[int, tuple[BookingInfo, ...]]:
    """Each session's BookingInfos from the rows of schedule_sql.BOOKINGS (made as blocks are)."""
    new, cls, status_of = object.__new__, BookingInfo, _BOOKING_STATUS
    out: dict[int, tuple[BookingInfo, ...]] = {}
    group: list[BookingInfo] = []
    session = 0  # the rows come grouped by session; ids start at 1
    for sid, bid, cid, first, last, status, version in rows:
        if sid != session:
            if group:
                out[session] = tuple(group)
            session, group = sid, []
        info = new(cls)
        d = info.__dict__
        d["booking_id"] = bid
        d["client_id"] = cid
        d["client_name"] = f"{first} {last}"
        d["status"] = status_of[status]
        d["version"] = version
        group.append(info)
    if group:
        out[session] = tuple(group)
    return out


def workers_from_rows(rows: Iterable[Any]) -> list[WorkerRow]:
    """WorkerRows from the rows of schedule_sql.WORKERS (SQLite gives `active` as 0 or 1)."""
    return [WorkerRow(i, name, colour, skills, bool(on)) for i, name, colour, skills, on in rows]


def _utc(value: str | datetime) -> datetime:
    """A stored UTC time as an aware datetime, as UTCDateTime returns it (SQLite gives text)."""
    if isinstance(value, str):
        return datetime.fromisoformat(f"{value}+00:00")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _remember(times: dict[Any, datetime], value: str | datetime) -> datetime:
    """_utc once per distinct stored time: a week's ~1,700 sessions start at ~100 times."""
    found = times[value] = _utc(value)
    return found


_SESSION_STATUS: dict[str, SessionStatus] = {m.value: m for m in SessionStatus}
_SESSION_KIND: dict[str, SessionKind] = {m.value: m for m in SessionKind}
_BOOKING_STATUS: dict[str, BookingStatus] = {m.value: m for m in BookingStatus}
