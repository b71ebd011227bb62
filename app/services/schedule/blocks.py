"""The schedule's hot read: every session of a range with its clients, as frozen DTOs.

Every week the desk shows (each page turn, each refresh after another desk's change) is ~1,700
sessions and ~2,500 bookings at a large practice, so this read trades a little ceremony for
speed. The statements are schedule_sql's, built once with bind parameters (building and
keying a statement costs as much as fetching a few hundred rows); the rows come back raw
(no result types) and schedule_rows decodes times and statuses once per distinct value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from sqlalchemy import TextClause, bindparam, text

from app.db import UnitOfWork
from app.models.base import UTCDateTime
from app.services.dto import SessionBlock
from app.services.schedule import rows, sql


def load_schedule(
    uow: UnitOfWork, start: datetime, end: datetime, worker_ids: Sequence[int] | None = None
) -> list[SessionBlock]:
    """Every session overlapping [start, end) with its clients, in two indexed queries."""
    # The statements run on the connection (the ORM session's execute adds nothing for
    # them), and each result is fetched whole: one fetchall, not a driver call per row.
    conn = uow.session.connection()
    params: dict[str, object] = {**rows.range_params(start, end)}
    some = bool(worker_ids)  # None or empty: everyone's
    if some:
        params["worker_ids"] = list(worker_ids or ())
    clients = rows.bookings_by_session(conn.execute(_bookings_stmt(some), params).all())
    return rows.blocks_from_rows(conn.execute(_sessions_stmt(some), params).all(), clients)


@cache
def _sessions_stmt(of_workers: bool) -> TextClause:
    return _bound(sql.SESSIONS_OF_WORKERS if of_workers else sql.SESSIONS, of_workers)


@cache
def _bookings_stmt(of_workers: bool) -> TextClause:
    return _bound(sql.BOOKINGS_OF_WORKERS if of_workers else sql.BOOKINGS, of_workers)


def _bound(statement: str, of_workers: bool) -> TextClause:
    """The statement with its range bound as the schema stores times (and worker ids listed)."""
    binds = [bindparam(name, type_=UTCDateTime()) for name in rows.RANGE_PARAMS]
    if of_workers:
        binds.append(bindparam("worker_ids", expanding=True))
    return text(statement).bindparams(*binds)
