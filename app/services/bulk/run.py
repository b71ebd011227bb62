"""Running a bulk job in batches (one transaction each), resuming after a crash, undoing a job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, func, select

from app.db import Actor, Database, LongJob
from app.errors import NotFoundError
from app.i18n import translate
from app.models import BulkCancelItem, BulkCancelJob
from app.models.enums import (
    JobItemState,
    JobStatus,
)
from app.services.audit import chain as audit
from app.services.bulk.audit_csv import (
    results_path,
    reversal_path,
    write_plan,
    write_results,
    write_reversal,
)
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
    pending: int = 0  # not reached yet: a stopped job's rest, for Resume job


def _pending_items(db: Database, job_id: int) -> list[int]:
    # Plain column reads straight from the connection: the ORM adds nothing to them.
    with db.read() as uow:
        return list(
            uow.session.connection()
            .execute(
                select(BulkCancelItem.id)
                .where(
                    BulkCancelItem.job_id == job_id, BulkCancelItem.state == JobItemState.PENDING
                )
                .order_by(BulkCancelItem.id)
            )
            .scalars()
        )


def _begin(db: Database, actor: Actor, job_id: int) -> bool:
    """Mark a queued (or crashed while running) job running; False for any other job — one a
    person stopped waits for Resume job, and a finished or undone one has nothing to do."""
    with db.write(actor) as uow:
        job = uow.session.get(BulkCancelJob, job_id, with_for_update=True)
        if job is None:
            raise NotFoundError(
                translate("bulk", "Bulk cancellation #{job_id} no longer exists.").format(
                    job_id=job_id
                )
            )
        if job.status not in ACTIVE_JOB:
            return False
        job.status = JobStatus.RUNNING
        return True


# The job's status, read in each batch's transaction under the lock a stop or an undo takes to
# change it: a batch runs only while the job is running.
_STATUS = (
    select(BulkCancelJob.status).where(BulkCancelJob.id == bindparam("job_id")).with_for_update()
)


def _finish(work: LongJob, actor: Actor, job_id: int) -> None:
    with work.write(actor) as uow:
        job = uow.session.get(BulkCancelJob, job_id)
        if job is None:
            raise NotFoundError(
                translate("bulk", "Bulk cancellation #{job_id} no longer exists.").format(
                    job_id=job_id
                )
            )
        job.status = JobStatus.DONE
        job.finished_at = uow.now()
        audit.record(uow, "bulk.finish", "bulk_job", job_id, after={"done": job.done_count})


# Sessions per transaction: a crash rolls back at most this many, which the resume redoes, and
# another desk's write waits for at most one batch (about a tenth of a second on a 2-core
# machine); each batch also reads the job, its reason and the practice again, and signs on
# from the chain's head.
BATCH_SIZE = 500


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
    states commit together with the sessions they describe. `should_stop` (the program closing)
    leaves the job running, to resume at the next start; a person's stop (`stop_bulk_job`) is
    seen by the next batch, which then does nothing, and the job stays stopped.
    """
    if not _begin(db, actor, job_id):
        return job_summary(db, job_id)
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
                running = uow.session.connection().execute(_STATUS, {"job_id": job_id}).scalar()
                if running == JobStatus.RUNNING:
                    cancel_batch(uow, job_id, batch)
            if running != JobStatus.RUNNING:
                break
            done += len(batch)
            if progress:
                progress(done, total)
        else:
            _finish(job, actor, job_id)  # in the job: its log goes back after it, meanwhile
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
        conn = uow.session.connection()  # the counts and ids as plain rows
        counts = dict(
            conn.execute(
                select(BulkCancelItem.state, func.count())
                .where(BulkCancelItem.job_id == job_id)
                .group_by(BulkCancelItem.state)
            ).all()
        )
        sessions = frozenset(
            conn.execute(
                select(BulkCancelItem.session_id).where(BulkCancelItem.job_id == job_id)
            ).scalars()
        )
    return JobSummary(
        job_id,
        counts.get(JobItemState.DONE, 0),
        counts.get(JobItemState.SKIPPED, 0),
        counts.get(JobItemState.FAILED, 0),
        job.total,
        job.status,
        ChangeSet(sessions, frozenset(), frozenset({"bulk"})),
        counts.get(JobItemState.PENDING, 0),
    )


def unfinished_jobs(db: Database) -> list[int]:
    """Jobs a crash or a closed window left queued or running: resume these at start (never one a
    person stopped)."""
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
    from app.services.bulk.jobs import create_bulk_job

    with collector_paused(), db.write(actor) as uow:
        created = create_bulk_job(
            uow, session_ids, reason_id, note, csv_path=str(csv_path), first=first, last=last
        )
        write_plan(csv_path, created.lines, practice.time_zone(uow))
    return created


def finish_bulk_csv(db: Database, job_id: int) -> Path | None:
    """Write `<plan>-results.csv` for a finished (or stopped) job; None when it had no CSV."""
    from app.services import practice

    with collector_paused(), db.read() as uow:  # a row or more for each of thousands of items
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
    from app.services import practice

    result = undo_bulk_job_batched(db, actor, job_id, reason, progress, batch_size=batch_size)
    with db.read() as uow:
        job = uow.session.get(BulkCancelJob, job_id)
        if job is not None and job.csv_path:
            target = reversal_path(Path(job.csv_path))
            tz = practice.time_zone(uow)
            write_reversal(uow, job, result.restored, result.refused, target, tz)
    return result
