"""The schedule's hot read: every session of a range with its clients, as frozen DTOs.

Every week the desk shows (each page turn, each refresh after another desk's change) is ~1,700
sessions and ~2,500 bookings at a large practice, so this read trades a little ceremony for
speed. The statements are built once with bind parameters (building and keying a statement
costs as much as fetching a few hundred rows); times and statuses are read raw and decoded
once per distinct value; the frozen DTOs are filled without their generated __init__.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, bindparam, select, type_coerce

from app.db import UnitOfWork
from app.models import Booking, Client, Location, Service, Session, Worker
from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.services.dto import BookingInfo, SessionBlock

# Sessions are shorter than this; bounds the range scan on starts_at.
MAX_SESSION_LENGTH = timedelta(hours=24)


def load_schedule(
    uow: UnitOfWork, start: datetime, end: datetime, worker_ids: Sequence[int] | None = None
) -> list[SessionBlock]:
    """Every session overlapping [start, end) with its clients, in two indexed queries."""
    # Core statements run on the connection (the ORM session's execute adds nothing for
    # them), and each result is fetched whole: one fetchall, not a driver call per row.
    conn = uow.session.connection()
    params = range_params(start, end)
    clients = _by_session(conn.execute(_only(_bookings_stmt(), worker_ids), params).all())
    return _blocks(conn.execute(_only(_sessions_stmt(), worker_ids), params).all(), clients)


def in_range() -> ColumnElement[bool]:
    """Sessions overlapping the range whose bounds range_params gives.

    Bounded below too, so the index range scanned is one day longer than the range shown
    instead of every session since the practice opened.
    """
    s = Session.__table__.c
    return and_(
        s.starts_at < bindparam("range_end"),
        s.starts_at >= bindparam("range_low"),
        s.ends_at > bindparam("range_start"),
    )


def range_params(start: datetime, end: datetime) -> dict[str, datetime]:
    """The bind values of in_range() for [start, end)."""
    return {"range_end": end, "range_low": start - MAX_SESSION_LENGTH, "range_start": start}


@cache
def _sessions_stmt() -> Select[Any]:
    s = Session.__table__.c
    w = Worker.__table__.c
    sv = Service.__table__.c
    loc = Location.__table__.c
    return (
        select(
            s.id,
            s.version,
            s.worker_id,
            w.name,
            sv.code,
            sv.name,
            sv.colour,
            loc.name,
            _raw(s.starts_at),
            _raw(s.ends_at),
            _raw(s.status),
            _raw(s.kind),
            s.capacity,
            s.price_cents,
            s.series_id,
        )
        .select_from(Session.__table__)
        .join(Worker.__table__, w.id == s.worker_id)
        .join(Service.__table__, sv.id == s.service_id)
        .outerjoin(Location.__table__, loc.id == s.location_id)
        .where(in_range())
        .order_by(s.starts_at, s.id)
    )


@cache
def _bookings_stmt() -> Select[Any]:
    b = Booking.__table__.c
    c = Client.__table__.c
    s = Session.__table__.c
    return (
        select(
            b.session_id, b.id, b.client_id, c.first_name, c.last_name, _raw(b.status), b.version
        )
        .select_from(Booking.__table__)
        .join(Session.__table__, s.id == b.session_id)
        .join(Client.__table__, c.id == b.client_id)
        .where(in_range())
        .order_by(b.session_id, b.id)
    )


def _only(stmt: Select[Any], worker_ids: Sequence[int] | None) -> Select[Any]:
    """The statement narrowed to some workers' sessions (None or empty: everyone's)."""
    if not worker_ids:
        return stmt
    return stmt.where(Session.__table__.c.worker_id.in_(worker_ids))


def _blocks(rows: Iterable[Any], clients: dict[int, tuple[BookingInfo, ...]]) -> list[SessionBlock]:
    """SessionBlocks from the rows of _sessions_stmt.

    Each frozen DTO is made without its generated __init__ (one object.__setattr__ per field):
    its __dict__ is filled key by key, in the fields' order, so it stays the compact dict that
    shares its keys with the class, as __init__ leaves it (one update() with keywords would
    copy the keywords' own table into every instance). The same object as SessionBlock(...)
    for equality, hash and repr. Only here and in _by_session, and only with every field given.
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


def _by_session(rows: Iterable[Any]) -> dict[int, tuple[BookingInfo, ...]]:
    """Each session's BookingInfos from the rows of _bookings_stmt (made as in _blocks)."""
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


def _raw(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The column's stored value, without its type's result processing."""
    return type_coerce(column, String)


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
