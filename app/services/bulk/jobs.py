"""Bulk cancellation jobs: one queued (its row, a pending item per session, its audit event),
and the jobs as the jobs panel lists them.

The sessions are found and described as the plan reads them (`app.services.bulk.plan`);
`bulk_run` then works through the items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, select

from app.db import UnitOfWork
from app.errors import BlockedError, NotAllowedError, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import BulkCancelItem, BulkCancelJob, CancellationReason, Session
from app.models.enums import CancelledBy, JobItemState, JobStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import checked_date, checked_text, period_bounds
from app.services.bulk.plan import (
    ACTIVE_JOB,
    BulkLine,
    booking_lines,
    candidates,
    held_sessions,
)
from app.services.dto import NOTE_LIMIT, ChangeSet
from app.services.rows import id_list, insert_rows


@dataclass(frozen=True)
class BulkJobCreated:
    job_id: int
    sessions: int
    lines: tuple[BulkLine, ...]


def create_bulk_job(
    uow: UnitOfWork,
    session_ids: Sequence[int],
    reason_id: int,
    note: str = "",
    *,
    csv_path: str = "",
    first: date | None = None,
    last: date | None = None,
) -> BulkJobCreated:
    """Queue a bulk cancellation; refused, listing them, for sessions another job is processing."""
    require(uow.actor, Permission.BULK_CANCEL)
    if not session_ids:
        raise ValidationError(
            translate("bulk", "Tick at least one session to cancel."), field="sessions"
        )
    reason = _bulk_reason(uow, reason_id)
    _check_range_and_note(uow, first, last, note)
    ids = list(dict.fromkeys(session_ids))
    _refuse_held(uow, ids)
    found = candidates(uow, Session.id.in_(id_list(ids)))
    if len(found) != len(ids):
        raise NotFoundError(
            translate("bulk", "Some sessions no longer exist; reload the list and try again.")
        )
    job = _write_job(uow, ids, reason, note, csv_path=csv_path, first=first, last=last)
    return BulkJobCreated(job.id, len(ids), _lines_in_order(found, ids))


def _bulk_reason(uow: UnitOfWork, reason_id: int) -> CancellationReason:
    reason = uow.session.get(CancellationReason, reason_id)
    if reason is None or not reason.active or reason.applies_to == CancelledBy.CLIENT:
        raise ValidationError(
            translate("bulk", "Choose a practice or worker reason for a bulk cancellation."),
            field="reason",
        )
    return reason


def _check_range_and_note(
    uow: UnitOfWork, first: date | None, last: date | None, note: str
) -> None:
    """The dates the job was planned for and its note, as the boundary accepts them: a period
    that ends before it starts is refused (its runs pass over what lies outside it)."""
    for day, name in ((first, "date_from"), (last, "date_to")):
        if day is not None:
            checked_date(day, name, QT_TRANSLATE_NOOP("fields", "day"))
    if first is not None and last is not None:
        period_bounds(first, last, practice.time_zone(uow))
    checked_text(note, "note", QT_TRANSLATE_NOOP("fields", "note"))
    if len(note.strip()) > NOTE_LIMIT:
        raise ValidationError(
            translate("bulk", "The note is limited to {note_limit} characters.").format(
                note_limit=NOTE_LIMIT
            ),
            field="note",
        )


def _refuse_held(uow: UnitOfWork, ids: list[int]) -> None:
    """Refuse, listing them, the sessions a queued or running job has not finished yet."""
    held = held_sessions(uow, ids)
    if not held:
        return
    tz = practice.time_zone(uow)
    rows = uow.session.execute(select(Session.id, Session.starts_at).where(Session.id.in_(held)))
    raise BlockedError(
        translate(
            "bulk",
            "Some of these sessions are already in process in another bulk cancellation. Untick them, or wait for that job to finish.",
        ),
        [
            f"Session #{sid} at {when_text(start.astimezone(tz), '%a %d %b %H:%M')} — job #{held[sid]}"
            for sid, start in rows
        ],
    )


def _write_job(
    uow: UnitOfWork,
    ids: list[int],
    reason: CancellationReason,
    note: str,
    *,
    csv_path: str,
    first: date | None,
    last: date | None,
) -> BulkCancelJob:
    """The job row, a pending item for each session, and the audit event of its creation."""
    job = BulkCancelJob(
        created_at=uow.now(),
        created_by_id=uow.actor.user_id,
        reason_id=reason.id,
        note=note.strip(),
        date_from=first,
        date_to=last,
        csv_path=csv_path,
        total=len(ids),
    )
    uow.session.add(job)
    uow.session.flush()
    job_id, pending = job.id, JobItemState.PENDING  # read once, not for each item
    insert_rows(  # one INSERT: a closure can hold thousands of sessions
        uow.session.connection(),
        cast(Table, BulkCancelItem.__table__),
        [{"job_id": job_id, "session_id": sid, "state": pending} for sid in ids],
    )
    audit.record(
        uow,
        "bulk.create",
        "bulk_job",
        job.id,
        after={"sessions": ids, "reason": reason.code, "note": job.note, "csv": csv_path},
    )
    return job


def _lines_in_order(found: list[tuple[Any, list[Any]]], ids: list[int]) -> tuple[BulkLine, ...]:
    """The affected bookings, session by session in the order the sessions were ticked."""
    order = {sid: i for i, sid in enumerate(ids)}
    found.sort(key=lambda pair: order[pair[0][0]])  # the session's id
    lines = booking_lines()
    out: list[BulkLine] = []
    for s, booked in found:
        out += lines(s, booked)
    return tuple(out)


@dataclass(frozen=True)
class JobRow:
    """A bulk job as the jobs panel lists it."""

    id: int
    created_at: datetime
    status: JobStatus
    total: int
    done: int
    reason: str
    csv_path: str


def list_jobs(uow: UnitOfWork, limit: int = 50) -> list[JobRow]:
    """The newest jobs first, at most `limit`, with their reason's label."""
    rows = uow.session.execute(
        select(BulkCancelJob, CancellationReason.label)
        .join(CancellationReason, CancellationReason.id == BulkCancelJob.reason_id)
        .order_by(BulkCancelJob.id.desc())
        .limit(limit)
    ).all()
    return [
        JobRow(j.id, j.created_at, j.status, j.total, j.done_count, label, j.csv_path)
        for j, label in rows
    ]


@dataclass(frozen=True)
class JobStatusChanged:
    """A job stopped or set to resume: its new status, and what the window refreshes."""

    job_id: int
    status: JobStatus
    changes: ChangeSet


def _job(uow: UnitOfWork, job_id: int) -> BulkCancelJob:
    # Locked: a batch reads the status under the same lock, so it either finishes before the
    # change or sees it and does nothing.
    job = uow.session.get(BulkCancelJob, job_id, with_for_update=True)
    if job is None:
        raise NotFoundError(
            translate("bulk", "Bulk cancellation #{job_id} no longer exists.").format(job_id=job_id)
        )
    return job


def _changed(
    uow: UnitOfWork, job: BulkCancelJob, status: JobStatus, action: str
) -> JobStatusChanged:
    audit.record(uow, action, "bulk_job", job.id, before={"status": job.status.value},
                 after={"status": status.value, "done": job.done_count})  # fmt: skip
    job.status = status
    return JobStatusChanged(job.id, status, ChangeSet(topics=frozenset({"bulk"})))


def stop_bulk_job(uow: UnitOfWork, job_id: int) -> JobStatusChanged:
    """Stop a queued or running job: the batch in progress finishes, no further one starts, and
    the job waits for `resume_bulk_job` (it does not carry on by itself at the next start)."""
    require(uow.actor, Permission.BULK_CANCEL)
    job = _job(uow, job_id)
    if job.status == JobStatus.STOPPED:
        raise NotAllowedError(
            translate(
                "bulk",
                "Bulk cancellation #{job_id} is already stopped. Choose it and Resume job to carry on.",
            ).format(job_id=job_id)
        )
    if job.status not in ACTIVE_JOB:
        raise NotAllowedError(
            translate(
                "bulk",
                "Bulk cancellation #{job_id} is not running any more ({status}), so there is nothing to stop.",
            ).format(job_id=job_id, status=job.status.value)
        )
    return _changed(uow, job, JobStatus.STOPPED, "bulk.stop")


def resume_bulk_job(uow: UnitOfWork, job_id: int) -> JobStatusChanged:
    """Queue a stopped job again; the caller then runs it (or the next start does)."""
    require(uow.actor, Permission.BULK_CANCEL)
    job = _job(uow, job_id)
    if job.status != JobStatus.STOPPED:
        raise NotAllowedError(
            translate(
                "bulk",
                "Only a stopped bulk cancellation can be resumed; #{job_id} is {status}.",
            ).format(job_id=job_id, status=job.status.value)
        )
    return _changed(uow, job, JobStatus.QUEUED, "bulk.resume")
