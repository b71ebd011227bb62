"""Undoing a whole bulk job in batches, as the forward run cancels it, so other desks keep working.

The undo begins with one short transaction that marks the job `undoing` and records the reason
in the audit (`bulk.undo_start`); then each batch restores a few sessions and marks their items
`undone` in the same transaction, holding the write lock well under a second; a last transaction
puts the job's status right and records `bulk.undo`. A crash between batches leaves the job
`undoing`: undoing it again (or the next start) carries on with the items still `done`, so no
session is restored twice, and the end state is the one a single transaction would leave.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select

from app.db import Actor, Database, UnitOfWork
from app.errors import BlockedError, FrontDeskError, NotAllowedError, NotFoundError
from app.i18n import translate
from app.models import AuditEvent, BulkCancelItem, BulkCancelJob, Cancellation, ServiceDelivered
from app.models.enums import JobItemState, JobStatus
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.bulk.plan import ACTIVE_JOB
from app.services.dto import ChangeSet
from app.services.money.refunds import spent_since
from app.services.sessions.undo import checked_undo_reason, extracted_blockers, undo_cancellation

Progress = Callable[[int, int], None]

# At most this many sessions, and at most this long, per transaction: a desk that wants to
# write waits for one batch at most (the bound is a second).
UNDO_BATCH_SIZE = 50
UNDO_BATCH_SECONDS = 0.4
# SQLite: a desk waiting for the lock looks again every 100 ms at most; a gap this long between
# two batches lets it in instead of the next batch taking the lock straight back.
SQLITE_GAP_SECONDS = 0.12


@dataclass(frozen=True)
class JobUndoResult:
    job_id: int
    restored: tuple[int, ...]
    refused: tuple[str, ...]
    changes: ChangeSet


def _job(uow: UnitOfWork, job_id: int) -> BulkCancelJob:
    job = uow.session.get(BulkCancelJob, job_id)
    if job is None:
        raise NotFoundError(
            translate("bulk", "Bulk cancellation #{job_id} no longer exists.").format(job_id=job_id)
        )
    return job


def _start_event(uow: UnitOfWork, job_id: int) -> AuditEvent | None:
    """The `bulk.undo_start` event of the undo under way (the latest one of the job)."""
    return uow.session.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.action == "bulk.undo_start",
            AuditEvent.entity == "bulk_job",
            AuditEvent.entity_id == job_id,
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


def _undoable_items(uow: UnitOfWork, job_id: int) -> list[tuple[int, int, int]]:
    """(item id, session id, cancellation id) of the items still to undo, in item order."""
    rows = uow.session.execute(
        select(BulkCancelItem.id, BulkCancelItem.session_id, BulkCancelItem.cancellation_id)
        .where(
            BulkCancelItem.job_id == job_id,
            BulkCancelItem.state == JobItemState.DONE,
            BulkCancelItem.cancellation_id.is_not(None),
        )
        .order_by(BulkCancelItem.id)
    )
    return [(i, s, c) for i, s, c in rows if c is not None]


def _refusal(uow: UnitOfWork, session_id: int, cancellation_id: int) -> str | None:
    """Why this item's cancellation can't be undone (extracted SDs, already undone), or None."""
    blockers = extracted_blockers(uow, cancellation_id)
    cancellation = uow.session.get(Cancellation, cancellation_id)
    if blockers or cancellation is None or cancellation.undone_at is not None:
        return f"Session #{session_id}: " + (
            "; ".join(blockers) or "its cancellation was already undone"
        )
    return None


def _check_something_undoable(uow: UnitOfWork, job_id: int) -> None:
    """Refuse, listing why, when no item of the job can be undone — before anything is written."""
    items = _undoable_items(uow, job_id)
    extracted = exists().where(
        ServiceDelivered.cancellation_id == Cancellation.id,
        ServiceDelivered.extracted_at.is_not(None),
    )
    open_ones = uow.session.scalar(
        select(func.count(Cancellation.id)).where(
            Cancellation.id.in_(select(BulkCancelItem.cancellation_id).where(
                BulkCancelItem.job_id == job_id, BulkCancelItem.state == JobItemState.DONE)),
            Cancellation.undone_at.is_(None),
            ~extracted,
        )
    )  # fmt: skip
    if not items:
        raise NotAllowedError(
            translate(
                "bulk",
                "Nothing in this bulk cancellation is left to undo: its sessions were restored already, or it cancelled none.",
            )
        )
    if not open_ones:
        refused = [r for _i, s, c in items if (r := _refusal(uow, s, c)) is not None]
        raise BlockedError(
            translate("bulk", "Nothing in this bulk cancellation could be undone."), refused
        )


def spent_credits(db: Database, job_id: int) -> tuple[str, ...]:
    """What undoing the job leaves the clients whose class credits it gave back have paid for
    other classes since, one sentence each, for the question before the undo (read only)."""
    with db.read() as uow:
        ids = [c for _i, s, c in _undoable_items(uow, job_id) if _refusal(uow, s, c) is None]
        return tuple(s.before_undo() for s in spent_since(uow, ids))


def begin_undo(uow: UnitOfWork, job_id: int, reason: str) -> str:
    """Mark the job `undoing` with its reason; an undo already under way keeps its own reason."""
    require(uow.actor, Permission.BULK_CANCEL)
    require(uow.actor, Permission.UNDO_CANCELLATION)
    job = _job(uow, job_id)
    if job.status in ACTIVE_JOB:
        raise NotAllowedError(
            translate(
                "bulk",
                "This bulk cancellation is still running; wait for it to finish, then undo it.",
            )
        )
    started = _start_event(uow, job_id) if job.status == JobStatus.UNDOING else None
    if started is not None and started.after:
        return str(started.after["reason"])
    why = checked_undo_reason(reason)
    _check_something_undoable(uow, job_id)
    audit.record(
        uow,
        "bulk.undo_start",
        "bulk_job",
        job_id,
        before={"status": job.status.value},
        after={"status": JobStatus.UNDOING.value, "reason": why},
    )
    job.status = JobStatus.UNDOING
    return why


def undo_batch(
    uow: UnitOfWork, items: list[tuple[int, int, int]], reason: str, deadline: float
) -> tuple[int, list[str]]:
    """Undo these items' cancellations, stopping at `deadline` (after one at least).

    Returns how many items were handled and the refusals among them; an item refused stays
    `done`, one restored becomes `undone` in this transaction.
    """
    refused: list[str] = []
    handled = 0
    for item_id, session_id, cancellation_id in items:
        if handled and time.monotonic() > deadline:
            break
        handled += 1
        # Locked, and read afresh: a second desk carrying on with the same undo waits here and
        # then finds the item undone, instead of restoring the session twice (PostgreSQL).
        item = uow.session.get(
            BulkCancelItem, item_id, with_for_update=True, populate_existing=True
        )
        if item is None or item.state != JobItemState.DONE:
            continue  # another run got here first
        why_not = _refusal(uow, session_id, cancellation_id)
        if why_not is not None:
            refused.append(why_not)
            continue
        try:  # the undo marks the item `undone` (`bulk.items`), as an undo on its own does
            undo_cancellation(uow, session_id, reason, cancellation_id=cancellation_id)
        except FrontDeskError as exc:
            refused.append(f"Session #{session_id}: {exc.message}")
            continue
    return handled, refused


def finish_undo(uow: UnitOfWork, job_id: int, refused: list[str]) -> JobUndoResult:
    """Put the job's status right and record what this undo restored and refused."""
    job = _job(uow, job_id)
    started = _start_event(uow, job_id)
    since: datetime | None = started.occurred_at if started is not None else None
    reason = str((started.after or {}).get("reason", "")) if started is not None else ""
    before = str((started.before or {}).get("status", "")) if started is not None else ""
    restored = _restored_since(uow, job_id, since)
    previous = JobStatus(before) if before in JobStatus._value2member_map_ else JobStatus.DONE
    job.status = JobStatus.UNDONE if not refused else previous
    audit.record(
        uow,
        "bulk.undo",
        "bulk_job",
        job_id,
        after={"restored": restored, "refused": refused, "reason": reason},
    )
    return JobUndoResult(
        job_id,
        tuple(restored),
        tuple(refused),
        ChangeSet(frozenset(restored), frozenset(), frozenset({"undo"})),
    )


def _restored_since(uow: UnitOfWork, job_id: int, since: datetime | None) -> list[int]:
    """Sessions of the job this undo restored (their cancellation undone since it began)."""
    stmt: Any = (
        select(BulkCancelItem.session_id)
        .join(Cancellation, Cancellation.id == BulkCancelItem.cancellation_id)
        .where(BulkCancelItem.job_id == job_id, BulkCancelItem.state == JobItemState.UNDONE)
        .order_by(BulkCancelItem.id)
    )
    if since is not None:
        stmt = stmt.where(Cancellation.undone_at >= since)
    return list(uow.session.scalars(stmt))


def undo_bulk_job_batched(
    db: Database,
    actor: Actor,
    job_id: int,
    reason: str,
    progress: Progress | None = None,
    *,
    batch_size: int = UNDO_BATCH_SIZE,
    batch_seconds: float = UNDO_BATCH_SECONDS,
) -> JobUndoResult:
    """Restore the job's sessions batch by batch; safe to call again after a crash (it resumes)."""
    with db.write(actor) as uow:
        why = begin_undo(uow, job_id, reason)
    with db.read() as uow:
        items = _undoable_items(uow, job_id)
    gap = SQLITE_GAP_SECONDS if db.engine.dialect.name == "sqlite" else 0.0
    refused: list[str] = []
    done, total = 0, len(items)
    with db.long_job() as job:
        while done < total:
            if done:
                time.sleep(gap)  # let a waiting desk in before the next batch
            batch = items[done : done + max(1, batch_size)]
            with job.write(actor) as uow:
                handled, no = undo_batch(uow, batch, why, time.monotonic() + batch_seconds)
            refused += no
            done += handled
            if progress:
                progress(done, total)
        with job.write(actor) as uow:  # in the job: its log goes back after it, meanwhile
            result = finish_undo(uow, job_id, refused)
    if not result.restored and result.refused:
        raise BlockedError(
            translate("bulk", "Nothing in this bulk cancellation could be undone."), result.refused
        )
    return result


def unfinished_undos(db: Database) -> list[int]:
    """Jobs whose undo a crash or a closed window cut short: carry on with these."""
    with db.read() as uow:
        return list(
            uow.session.scalars(
                select(BulkCancelJob.id)
                .where(BulkCancelJob.status == JobStatus.UNDOING)
                .order_by(BulkCancelJob.id)
            )
        )
