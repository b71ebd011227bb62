"""The schedule's hot read: every session of a range with its clients, as frozen DTOs.

Every week the desk shows (each page turn, each refresh after another desk's change) is ~1,700
sessions and ~2,500 bookings at a large practice, so this read trades a little ceremony for
speed. The statements are built once with bind parameters (building and keying a statement
costs as much as fetching a few hundred rows); times and statuses are read raw and decoded
once per distinct value; the frozen DTOs are filled without their generated __init__.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, bindparam, select, type_coerce

from app.db import UnitOfWork
from app.models import Booking, Client, Location, Service, Session, Worker
from app.services import schedule_rows as rows
from app.services.dto import SessionBlock


def load_schedule(
    uow: UnitOfWork, start: datetime, end: datetime, worker_ids: Sequence[int] | None = None
) -> list[SessionBlock]:
    """Every session overlapping [start, end) with its clients, in two indexed queries."""
    # Core statements run on the connection (the ORM session's execute adds nothing for
    # them), and each result is fetched whole: one fetchall, not a driver call per row.
    conn = uow.session.connection()
    params = rows.range_params(start, end)
    clients = rows.bookings_by_session(
        conn.execute(_only(_bookings_stmt(), worker_ids), params).all()
    )
    return rows.blocks_from_rows(
        conn.execute(_only(_sessions_stmt(), worker_ids), params).all(), clients
    )


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


def _raw(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The column's stored value, without its type's result processing."""
    return type_coerce(column, String)
