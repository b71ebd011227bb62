"""Reads for the schedule window: the rows (workers) and one consistent snapshot of a range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select

from app.db import UnitOfWork
from app.models import Session, Worker
from app.services import queries
from app.services.dto import SessionBlock


@dataclass(frozen=True)
class WorkerRow:
    """One row of the schedule."""

    id: int
    name: str
    colour: str
    skills: str
    active: bool


@dataclass(frozen=True)
class ScheduleSnapshot:
    """Everything the schedule draws for [start, end), read in one transaction."""

    start: datetime
    end: datetime
    workers: tuple[WorkerRow, ...]
    blocks: tuple[SessionBlock, ...]
    marker: int


def list_workers(
    uow: UnitOfWork, start: datetime | None = None, end: datetime | None = None
) -> list[WorkerRow]:
    """Active workers, plus inactive ones with a session in [start, end), by name."""
    condition: ColumnElement[bool] = Worker.active.is_(True)
    if start is not None and end is not None:
        # Bounded below like load_schedule, so the index range is one day longer than the
        # range shown instead of every session since the practice opened.
        busy = select(Session.worker_id).where(
            Session.starts_at < end,
            Session.starts_at >= start - queries.MAX_SESSION_LENGTH,
            Session.ends_at > start,
        )
        condition = or_(condition, Worker.id.in_(busy))
    columns = (Worker.id, Worker.name, Worker.colour, Worker.skills, Worker.active)
    rows = uow.session.execute(select(*columns).where(condition).order_by(Worker.name, Worker.id))
    return [WorkerRow(*row) for row in rows]


def load_snapshot(uow: UnitOfWork, start: datetime, end: datetime) -> ScheduleSnapshot:
    """Workers, session blocks and the change marker of one range, consistent with each other."""
    marker = queries.change_marker(uow)
    blocks = queries.load_schedule(uow, start, end)
    return ScheduleSnapshot(
        start=start,
        end=end,
        workers=tuple(list_workers(uow, start, end)),
        blocks=tuple(blocks),
        marker=marker,
    )
