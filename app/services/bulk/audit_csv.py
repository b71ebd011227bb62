"""The bulk cancellation's CSV audit: the plan at once, then the results, and any reversal.

The plan file is never rewritten (it is what was printed and signed off); outcomes go to a
second file beside it, `<name>-results.csv` (rewritten when a stopped job is resumed and ends),
and an undo writes `<name>-reversal.csv`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import (
    AuditEvent,
    Booking,
    BulkCancelItem,
    BulkCancelJob,
    Cancellation,
    CancellationLine,
    Client,
    User,
)
from app.models.enums import JobItemState, JobStatus
from app.models.money import format_money
from app.services.bulk.plan import BulkLine
from app.services.storage.csv_safe import write_csv

PLAN_HEADER = (
    "Session",
    "Date",
    "Time",
    "Worker",
    "Service",
    "Client",
    "Paid with",
    "Refund",
    "Refund amount",
    "Credits returned",
    "Notification planned",
)
RESULT_HEADER = ("Session", "Outcome", "Detail", "Processed at", "Client", "In the plan")


def results_path(plan: Path) -> Path:
    return plan.with_name(f"{plan.stem}-results{plan.suffix or '.csv'}")


def reversal_path(plan: Path) -> Path:
    return plan.with_name(f"{plan.stem}-reversal{plan.suffix or '.csv'}")


def write_plan(path: Path, lines: Sequence[BulkLine], tz: ZoneInfo) -> int:
    """One row per affected booking, written before anything is cancelled."""
    # Each start and each amount written once: a session's lines share its start, and most
    # refunds are one of a few amounts.
    when = {start: _day_and_time(start, tz) for start in set(map(_STARTS_AT, lines))}
    money = {cents: format_money(cents) for cents in set(map(_REFUND_CENTS, lines))}
    rows = [
        (sid, *when[starts_at], worker, service, client, paid_with, refund, money[cents], credits,
         note)
        for (sid, starts_at, worker, service, _client_id, client, paid_with, refund, cents,
             credits, note) in lines
    ]  # fmt: skip
    return write_csv(path, PLAN_HEADER, rows)


_STARTS_AT = operator.attrgetter("starts_at")
_REFUND_CENTS = operator.attrgetter("refund_cents")


def _day_and_time(moment: datetime, tz: ZoneInfo) -> tuple[str, str]:
    local = moment.astimezone(tz)
    return f"{local:%Y-%m-%d}", f"{local:%H:%M}"


def _moments(tz: ZoneInfo) -> Callable[[datetime | None], str]:
    """A moment as the CSVs show it, in the practice's time; a batch's items share theirs."""
    when: dict[datetime, str] = {}

    def at(moment: datetime | None) -> str:
        if moment is None:
            return ""
        text = when.get(moment)
        if text is None:
            text = when[moment] = f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"
        return text

    return at


def write_results(uow: UnitOfWork, job_id: int, path: Path, tz: ZoneInfo) -> int:
    """Each session's outcome once the job has finished or was stopped, with a row for each
    client its cancellation took (one booked in after the plan was written says so)."""
    conn = uow.session.connection()
    planned_at, status = conn.execute(
        select(BulkCancelJob.created_at, BulkCancelJob.status).where(BulkCancelJob.id == job_id)
    ).one()
    items = conn.execute(
        select(
            BulkCancelItem.session_id,
            BulkCancelItem.state,
            BulkCancelItem.error,
            BulkCancelItem.cancellation_id,
            BulkCancelItem.processed_at,
            Client.first_name,
            Client.last_name,
            Booking.created_at,
        )
        .select_from(BulkCancelItem)
        .outerjoin(
            CancellationLine, CancellationLine.cancellation_id == BulkCancelItem.cancellation_id
        )
        .outerjoin(Booking, Booking.id == CancellationLine.booking_id)
        .outerjoin(Client, Client.id == Booking.client_id)
        .where(BulkCancelItem.job_id == job_id)
        .order_by(BulkCancelItem.id, CancellationLine.id)
    ).all()
    at = _moments(tz)
    in_plan = translate("bulk", "yes")
    late = translate("bulk", "no: booked after the plan was made")
    not_reached = (
        translate("bulk", "Not cancelled: the job was stopped before it reached this session.")
        if status == JobStatus.STOPPED
        else ""
    )
    rows = [  # the columns unpacked at once: a closure has thousands of rows
        (
            session_id,
            state.value,
            error
            or (f"cancellation #{cancellation_id}" if cancellation_id else "")
            or (not_reached if state == JobItemState.PENDING else ""),
            at(processed_at),
            f"{first_name} {last_name}" if first_name is not None else "",
            "" if booked_at is None else late if booked_at > planned_at else in_plan,
        )
        for (session_id, state, error, cancellation_id, processed_at, first_name, last_name,
             booked_at) in items
    ]  # fmt: skip
    return write_csv(path, RESULT_HEADER, rows)


def write_reversal(
    uow: UnitOfWork,
    job: BulkCancelJob,
    restored: Sequence[int],
    refused: Sequence[str],
    path: Path,
    tz: ZoneInfo,
) -> int:
    """What an undo of the whole job restored, what it refused and why, and the sessions of the
    job brought back before it (on their own, or by an earlier undo of the job): when, by whom."""
    rows: list[tuple[str | int, ...]] = [
        (sid, "restored", "bookings rebooked, refunds reversed") for sid in restored
    ]
    rows += [("", "refused", why) for why in refused]
    rows += _undone_before(uow, job.id, set(restored), tz)
    return write_csv(path, ("Session", "Outcome", f"Detail (job #{job.id})"), rows)


def _undone_before(
    uow: UnitOfWork, job_id: int, restored: set[int], tz: ZoneInfo
) -> list[tuple[str | int, ...]]:
    """The job's sessions already undone when this undo began, oldest item first."""
    earlier: set[int] = set()
    for after in uow.session.scalars(
        select(AuditEvent.after).where(
            AuditEvent.action == "bulk.undo",
            AuditEvent.entity == "bulk_job",
            AuditEvent.entity_id == job_id,
        )
    ):
        if after and not after.get("one_by_one"):
            earlier.update(int(sid) for sid in after.get("restored", ()))
    found = uow.session.execute(
        select(
            BulkCancelItem.session_id,
            Cancellation.undone_at,
            User.full_name,
            Cancellation.undo_reason,
        )
        .join(Cancellation, Cancellation.id == BulkCancelItem.cancellation_id)
        .outerjoin(User, User.id == Cancellation.undone_by_id)
        .where(BulkCancelItem.job_id == job_id, BulkCancelItem.state == JobItemState.UNDONE)
        .order_by(BulkCancelItem.id)
    )
    at = _moments(tz)
    on_its_own = translate("bulk", "already undone on its own")
    by_the_job = translate("bulk", "already restored by an earlier undo of this job")
    return [
        (
            sid,
            by_the_job if sid in earlier else on_its_own,
            translate("bulk", "Undone {when} by {who}; the reason given: {why}").format(
                when=at(when), who=who or "?", why=why or ""
            ),
        )
        for sid, when, who, why in found
        if sid not in restored
    ]
