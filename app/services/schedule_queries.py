"""Reads for the schedule window: the rows (workers) and one consistent snapshot of a range."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, or_, select

from app.db import UnitOfWork
from app.models import Worker
from app.services import queries, schedule_blocks
from app.services.dto import ScheduleSnapshot, WorkerRow


def list_workers(uow: UnitOfWork, busy: Collection[int] = ()) -> list[WorkerRow]:
    """Active workers, plus the inactive ones among `busy` (workers with a session shown)."""
    rows = uow.session.connection().execute(_workers_stmt(), {"busy": sorted(busy)})
    return [WorkerRow(*row) for row in rows]


@cache
def _workers_stmt() -> Select[Any]:
    w = Worker.__table__.c
    return (
        select(w.id, w.name, w.colour, w.skills, w.active)
        .where(or_(w.active.is_(True), w.id.in_(bindparam("busy", expanding=True))))
        .order_by(w.name, w.id)
    )


def load_snapshot(uow: UnitOfWork, start: datetime, end: datetime) -> ScheduleSnapshot:
    """Workers, session blocks and the change marker of one range, consistent with each other."""
    marker = queries.change_marker(uow)
    blocks = schedule_blocks.load_schedule(uow, start, end)
    # Former workers get a row when they have a session in the range: the blocks name them.
    workers = list_workers(uow, {b.worker_id for b in blocks})
    return ScheduleSnapshot(
        start=start, end=end, workers=tuple(workers), blocks=tuple(blocks), marker=marker
    )
