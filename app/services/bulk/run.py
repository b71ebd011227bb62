"""Running a bulk job in batches (one transaction each), resuming after a crash, undoing a job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.db import Actor, Database
from app.errors import NotFoundError
from app.i18n import translate
from app.models import BulkCancelItem, BulkCancelJob
from app.models.enums import (
    JobItemState,
    JobStatus,
)
from app.services.audit import chain as audit
from app.services.bulk.batch import cancel_batch
from app.services.bulk.jobs import BulkJobCreated
from app.services.bulk.plan import ACTIVE_JOB
from app.services.bulk.undo import UNDO_BATCH_SIZE, JobUndoResult, undo_bulk_job_batched
from app.services.dto import ChangeSet
from app.services.gc_pause import collector_paused

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class JobSummary:
    job_id: int
    done: int
    skipped: int
    failed: int
    total: int
    status: JobStatus
    changes: ChangeSet


def _pending_items(db: Database, job_id: int) -> list[int]:
    with db.read() as uow:
        return list(
            uow.session.scalars(
                select(BulkCancelItem.id)
                .where(
                    BulkCancelItem.job_id == job_id, BulkCancelItem.state == JobItemState.PENDING
                )
                .order_by(BulkCancelItem.id)
            )
        )


def _set_status(db: Database, actor: Actor, job_id: int, status: JobStatus) -> None:
    with db.write(actor) as uow:
        job = uow.session.get(BulkCancelJob, job_id)
        if job is None:
            raise NotFoundError(
                translate("bulk", "Bulk cancellation #{job_id} no longer exists.").format(
                    job_id=job_id
                )
            )
        job.status = status
        if status == JobStatus.DONE:
            job.finished_at = uow.now()
            audit.record(uow, "bulk.finish", "bulk_job", job_id, after={"done": job.done_count})


# Sessions per transaction: a crash rolls back at most this many, which the resume redoes, and
# another desk's write waits for at most one batch.
BATCH_SIZE = 250


def run_bulk_job(
    db: Database,
    job_id: int,
    actor: Actor,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    batch_size: int = BATCH_SIZE,
) -> JobSummary:
    """Work through the pending items; safe to call again after a crash (it resumes).

    Items go in batches, one transaction each: a refused session is marked failed without
    holding up its neighbours, and a crash loses only work that was never committed — the item
    states commit together with the sessions they describe.
    """
    _set_status(db, actor, job_id, JobStatus.RUNNING)
    items = _pending_items(db, job_id)
    total, done = len(items), 0
    with db.long_job() as job:
        for start in range(0, total, max(1, batch_size)):
            if should_stop():
                break
            batch = items[start : start + max(1, batch_size)]
            # A batch allocates some hundred thousand short-lived objects: without the window's
            # timed collector (the command line, a script), each would trigger collections
            # that walk every object of the program.
            with collector_paused(), job.write(actor) as uow:
                cancel_batch(uow, job_id, batch)
            done += len(batch)
            if progress:
                progress(done, total)
        else:
            job.close()  # the log copied back before the job says it is done
            _set_status(db, actor, job_id, JobStatus.DONE)
    return job_summary(db, job_id)


def job_summary(db: Database, job_id: int) -> JobSummary:
    with db.read() as uow:
        job = uow.session.get(BulkCancelJob, job_id)
        if job is None:
            raise NotFoundError(
                translate("bulk", "Bulk cancellation #{job_id} no longer exists.").format(
                    job_id=job_id
                )
            )
        counts = dict(
            uow.session.execute(
                select(BulkCancelItem.state, func.count())
                .where(BulkCancelItem.job_id == job_id)
                .group_by(BulkCancelItem.state)
            ).all()
        )
        sessions = frozenset(
            uow.session.scalars(
                select(BulkCancelItem.session_id).where(BulkCancelItem.job_id == job_id)
            )
        )
    return JobSummary(
        job_id,
        counts.get(JobItemState.DONE, 0),
        counts.get(JobItemState.SKIPPED, 0),
        counts.get(JobItemState.FAILED, 0),
        job.total,
        job.status,
        ChangeSet(sessions, frozenset(), frozenset({"bulk"})),
    )


def unfinished_jobs(db: Database) -> list[int]:
    """Jobs a crash or a closed window left queued or running: resume these at start."""
    with db.read() as uow:
        return list(
            uow.session.scalars(
                select(BulkCancelJob.id)
                .where(BulkCancelJob.status.in_(ACTIVE_JOB))
                .order_by(BulkCancelJob.id)
            )
        )


def queue_bulk_cancel(
    db: Database,
    actor: Actor,
    session_ids: list[int],
    reason_id: int,
    note: str,
    csv_path: Path,
    *,
    first: date | None = None,
    last: date | None = None,
) -> BulkJobCreated:
    """Queue the job and write its CSV audit in one go: no CSV, no job (and the reverse)."""
    from app.services import practice
    from app.services.bulk.audit_csv import write_plan
    from app.services.bulk.jobs import create_bulk_job

    with collector_paused(), db.write(actor) as uow:
        created = create_bulk_job(
            uow, session_ids, reason_id, note, csv_path=str(csv_path), first=first, last=last
        )
        write_plan(csv_path, created.lines, practice.time_zone(uow))
    return created


def finish_bulk_csv(db: Database, job_id: int) -> Path | None:
    """Write `<plan>-results.csv` for a finished job; None when the job had no CSV."""
    from app.services import practice
    from app.services.bulk.audit_csv import results_path, write_results

    with db.read() as uow:
        job = uow.session.get(BulkCancelJob, job_id)
        if job is None or not job.csv_path:
            return None
        target = results_path(Path(job.csv_path))
        write_results(uow, job_id, target, practice.time_zone(uow))
    return target


def undo_bulk_job_with_csv(
    db: Database,
    actor: Actor,
    job_id: int,
    reason: str,
    progress: Progress | None = None,
    *,
    batch_size: int = UNDO_BATCH_SIZE,
) -> JobUndoResult:
    """Undo a whole job in batches and write the reversal beside its CSV audit."""
    from app.services.bulk.audit_csv import reversal_path, write_reversal

    result = undo_bulk_job_batched(db, actor, job_id, reason, progress, batch_size=batch_size)
    with db.read() as uow:
        job = uow.session.get(BulkCancelJob, job_id)
        if job is not None and job.csv_path:
            write_reversal(job, result.restored, result.refused, reversal_path(Path(job.csv_path)))
    return result
