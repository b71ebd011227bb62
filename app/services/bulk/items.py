"""A bulk job's items follow their sessions: a cancellation the job made and undone later, by the
job's undo or on its own (Undo cancellation… on the session), marks its item undone in the same
transaction; a finished job none of whose sessions is left cancelled is undone.

Kept apart from `bulk.undo` (which undoes through `sessions.undo`) so the single undo can call it.
"""

from __future__ import annotations

from sqlalchemy import select

from app.db import UnitOfWork
from app.models import BulkCancelItem, Cancellation
from app.models.enums import JobItemState, JobStatus
from app.services.audit import chain as audit

# A job that finished (or stopped) cancelling; an undo under way (`undoing`) puts its own status
# right when it ends, and a job still running is left to finish.
FINISHED = (JobStatus.DONE, JobStatus.FAILED)


def cancellation_undone(uow: UnitOfWork, cancellation: Cancellation, why: str) -> bool:
    """After `cancellation` was undone: its job's item is undone, and the job too once none of its
    items is left done. True when it was a bulk job's."""
    if cancellation.bulk_job_id is None:
        return False
    item = uow.session.scalar(
        select(BulkCancelItem).where(
            BulkCancelItem.cancellation_id == cancellation.id,
            BulkCancelItem.state == JobItemState.DONE,
        )
    )
    if item is None:
        return False
    item.state = JobItemState.UNDONE
    uow.session.flush()
    job = item.job
    left = uow.session.scalar(
        select(BulkCancelItem.id)
        .where(BulkCancelItem.job_id == job.id, BulkCancelItem.state == JobItemState.DONE)
        .limit(1)
    )
    if left is None and job.status in FINISHED:
        audit.record(uow, "bulk.undo", "bulk_job", job.id, before={"status": job.status.value},
                     after={"status": JobStatus.UNDONE.value, "reason": why,
                            "restored": [item.session_id], "refused": [],
                            "one_by_one": True})  # fmt: skip
        job.status = JobStatus.UNDONE
    return True
