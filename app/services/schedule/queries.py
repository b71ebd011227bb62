"""Reads for the schedule window: the rows (workers) and one consistent snapshot of a range."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import datetime
from functools import cache

from sqlalchemy import TextClause, bindparam, text

from app.db import UnitOfWork
from app.services.dto import ScheduleSnapshot, WorkerRow
from app.services.schedule import blocks as schedule_blocks
from app.services.schedule import details as queries
from app.services.schedule import quick_week, rows, sql


def list_workers(uow: UnitOfWork, busy: Collection[int] = ()) -> list[WorkerRow]:
    """Active workers, plus the inactive ones among `busy` (workers with a session shown)."""
    found = uow.session.connection().execute(_workers_stmt(), {"busy": sorted(busy)})
    return rows.workers_from_rows(found)


@cache
def _workers_stmt() -> TextClause:
    return text(sql.WORKERS).bindparams(bindparam("busy", expanding=True))


def load_snapshot(uow: UnitOfWork, start: datetime, end: datetime) -> ScheduleSnapshot:
    """Workers, session blocks and the change marker of one range, consistent with each other.

    On SQLite the statements run on the driver's own connection, in this read's transaction:
    the same SQL and row decoding as every other path (quick_week.read_snapshot), without a
    result object per row — the week is the read every page turn waits for.
    """
    conn = uow.session.connection()
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        if isinstance(driver, sqlite3.Connection):
            return quick_week.read_snapshot(driver, start, end)
    return portable_snapshot(uow, start, end)


def portable_snapshot(uow: UnitOfWork, start: datetime, end: datetime) -> ScheduleSnapshot:
    """load_snapshot through SQLAlchemy (PostgreSQL; tests compare it with the SQLite read)."""
    marker = queries.change_marker(uow)
    blocks = schedule_blocks.load_schedule(uow, start, end)
    # Former workers get a row when they have a session in the range: the blocks name them.
    workers = list_workers(uow, {b.worker_id for b in blocks})
    return ScheduleSnapshot(
        start=start, end=end, workers=tuple(workers), blocks=tuple(blocks), marker=marker
    )
