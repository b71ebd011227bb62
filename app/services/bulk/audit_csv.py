"""The bulk cancellation's CSV audit: the plan at once, then the results, and any reversal.

The plan file is never rewritten (it is what was printed and signed off); outcomes go to a
second file beside it, `<name>-results.csv`, and an undo writes `<name>-reversal.csv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.models import BulkCancelItem, BulkCancelJob
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
RESULT_HEADER = ("Session", "Outcome", "Detail", "Processed at")


def results_path(plan: Path) -> Path:
    return plan.with_name(f"{plan.stem}-results{plan.suffix or '.csv'}")


def reversal_path(plan: Path) -> Path:
    return plan.with_name(f"{plan.stem}-reversal{plan.suffix or '.csv'}")


def write_plan(path: Path, lines: Sequence[BulkLine], tz: ZoneInfo) -> int:
    """One row per affected booking, written before anything is cancelled."""
    when: dict[datetime, tuple[str, str]] = {}  # a session's lines share its start
    for line in lines:
        if line.starts_at not in when:
            local = line.starts_at.astimezone(tz)
            when[line.starts_at] = (f"{local:%Y-%m-%d}", f"{local:%H:%M}")
    rows = [
        (
            line.session_id,
            *when[line.starts_at],
            line.worker,
            line.service,
            line.client,
            line.paid_with,
            line.refund,
            format_money(line.refund_cents),
            line.refund_credits,
            line.notification,
        )
        for line in lines
    ]
    return write_csv(path, PLAN_HEADER, rows)


def write_results(uow: UnitOfWork, job_id: int, path: Path, tz: ZoneInfo) -> int:
    """Each session's outcome once the job has finished."""
    items = uow.session.connection().execute(
        select(
            BulkCancelItem.session_id,
            BulkCancelItem.state,
            BulkCancelItem.error,
            BulkCancelItem.cancellation_id,
            BulkCancelItem.processed_at,
        )
        .where(BulkCancelItem.job_id == job_id)
        .order_by(BulkCancelItem.id)
    )
    when: dict[datetime, str] = {}  # a batch's items share their moment

    def at(moment: datetime | None) -> str:
        if moment is None:
            return ""
        text = when.get(moment)
        if text is None:
            text = when[moment] = f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"
        return text

    rows = [
        (
            i.session_id,
            i.state.value,
            i.error or (f"cancellation #{i.cancellation_id}" if i.cancellation_id else ""),
            at(i.processed_at),
        )
        for i in items
    ]
    return write_csv(path, RESULT_HEADER, rows)


def write_reversal(
    job: BulkCancelJob, restored: Sequence[int], refused: Sequence[str], path: Path
) -> int:
    """What an undo of the whole job restored, and what it refused and why."""
    rows: list[tuple[str | int, ...]] = [
        (sid, "restored", "bookings rebooked, refunds reversed") for sid in restored
    ]
    rows += [("", "refused", why) for why in refused]
    return write_csv(path, ("Session", "Outcome", f"Detail (job #{job.id})"), rows)
