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

    Each named tuple is made by tuple.__new__ from its fields in order, the same object as
    SessionBlock(...) without a Python call per block (a week reads ~1,700).
    """
    new, cls, none = tuple.__new__, SessionBlock, ()
    status_of, kind_of, clients_of = _SESSION_STATUS, _SESSION_KIND, clients.get
    times: dict[Any, datetime] = {}
    seen = times.get
    return [
        new(
            cls,
            (
                sid,
                version,
                wid,
                wname,
                code,
                sname,
                colour,
                where or "",
                seen(s0) or _remember(times, s0),
                seen(s1) or _remember(times, s1),
                status_of[st],
                kind_of[kind],
                cap,
                price,
                ser,
                clients_of(sid, none),
            ),
        )
        for (sid, version, wid, wname, code, sname, colour, where, s0, s1, st, kind, cap, price, ser)
        in rows
    ]  # fmt: skip


def bookings_by_session(rows: Iterable[Any]) -> dict[int, tuple[BookingInfo, ...]]:
    """Each session's BookingInfos from the rows of schedule_sql.BOOKINGS (made as blocks are)."""
    new, cls, status_of = tuple.__new__, BookingInfo, _BOOKING_STATUS
    out: dict[int, tuple[BookingInfo, ...]] = {}
    group: list[BookingInfo] = []
    session = 0  # the rows come grouped by session; ids start at 1
    for sid, bid, cid, first, last, status, version in rows:
        if sid != session:
            if group:
                out[session] = tuple(group)
            session, group = sid, []
        group.append(new(cls, (bid, cid, f"{first} {last}", status_of[status], version)))
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
