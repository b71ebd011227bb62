"""`frontdesk bulk-cancel`: scripted closures from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli_types import day, record_id
from app.i18n import QT_TRANSLATE_NOOP

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    from app.cli_signin import add_user_option

    p = sub.add_parser("bulk-cancel", help="cancel every rostered session of a date range (admins)")
    p.add_argument(
        "--from", dest="first", required=True, type=day, metavar="YYYY-MM-DD",
        help="the first day of the closure",
    )  # fmt: skip
    p.add_argument(
        "--to", dest="last", required=True, type=day, metavar="YYYY-MM-DD",
        help="the last day of the closure (included)",
    )  # fmt: skip
    p.add_argument(
        "--worker", action="append", default=[], metavar="NAME",
        help="only this worker's sessions (repeatable; default: every worker)",
    )  # fmt: skip
    p.add_argument(
        "--reason", required=True, metavar="CODE",
        help="a practice or worker reason, by code or label, e.g. practice_closure",
    )  # fmt: skip
    p.add_argument("--note", default="", help="a note kept with each cancellation")
    p.add_argument("--csv", required=True, type=Path, metavar="FILE", help="the CSV audit to write")
    add_user_option(p, "--user")  # --user: the option's earlier name, kept for scripts
    undo = sub.add_parser(
        "bulk-undo",
        help="undo a whole bulk cancellation, in batches (admins); resumes one cut short",
    )
    undo.add_argument(
        "job", type=record_id(QT_TRANSLATE_NOOP("fields", "bulk cancellation")), metavar="JOB",
        help="the bulk cancellation's number (printed when it was made, shown in the Jobs panel)",
    )  # fmt: skip
    undo.add_argument("--reason", default="", help="why (kept with each restored session)")
    add_user_option(undo)
    return {"bulk-cancel": _cmd_bulk_cancel, "bulk-undo": _cmd_bulk_undo}


def _cmd_bulk_cancel(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.cli_context import context
    from app.cli_signin import signed_in_desk
    from app.errors import ValidationError
    from app.models import Worker
    from app.services.auth import Permission
    from app.services.bulk import plan as bulk
    from app.services.bulk import run as bulk_run
    from app.services.vocabulary import JobStatus

    ctx = context(args)
    desk = signed_in_desk(ctx, args, Permission.BULK_CANCEL)
    with ctx.db.read() as uow:
        reason = _bulk_reason(uow, args.reason)
        workers = (
            list(uow.session.scalars(select(Worker.id).where(Worker.name.in_(args.worker))))
            if args.worker
            else []
        )
    if args.worker and len(workers) != len(args.worker):
        raise ValidationError("One of the --worker names is not a worker of this practice.")
    plan = desk.read(
        lambda uow: bulk.plan_bulk_cancel(uow, args.first, args.last, worker_ids=workers)
    )
    ids = [c.session_id for c in plan]
    if not ids:
        print("No rostered sessions in that range: nothing to cancel.")
        return 0
    created = bulk_run.queue_bulk_cancel(
        ctx.db, desk.actor, ids, reason, args.note, args.csv, first=args.first, last=args.last
    )
    print(
        f"Bulk cancellation #{created.job_id}: {created.sessions} sessions, {len(created.lines)} bookings. "
        f"CSV audit: {args.csv}"
    )

    def progress(n: int, total: int) -> None:
        if n == total or n % 50 == 0:
            print(f"  {n}/{total}", file=sys.stderr)

    summary = bulk_run.run_bulk_job(ctx.db, created.job_id, desk.actor, progress)
    results = bulk_run.finish_bulk_csv(ctx.db, created.job_id)
    counts = f"{summary.done} cancelled, {summary.skipped} skipped, {summary.failed} failed"
    if summary.status == JobStatus.STOPPED:
        print(
            f"Stopped at another desk: {counts}; {summary.pending} session(s) not reached. "
            f"To cancel those too, choose job #{created.job_id} in the Jobs panel and press "
            f"Resume job. Results: {results}"
        )
        return 1
    print(f"Done: {counts}. Results: {results}")
    return 0 if summary.failed == 0 else 1


def _bulk_reason(uow: Any, typed: str) -> int:
    """The practice or worker reason with this code or label (any case); else a sentence that
    lists the codes a bulk cancellation may use."""
    from sqlalchemy import select

    from app.errors import ValidationError
    from app.models import CancellationReason
    from app.models.enums import CancelledBy
    from app.services import practice

    r = CancellationReason
    profiles = practice.profile_names(practice.settings(uow))
    usable = uow.session.execute(
        select(r.id, r.code, r.label)
        .where(
            r.active.is_(True),
            r.is_no_show.is_(False),
            r.applies_to != CancelledBy.CLIENT,
            r.profile.in_(profiles),
        )
        .order_by(r.applies_to, r.sort_order, r.id)
    ).all()
    wanted = typed.strip().casefold()
    for row in usable:
        if wanted in (row.code.casefold(), row.label.casefold()):
            return int(row.id)
    codes = ", ".join(row.code for row in usable) or "none is set up"
    raise ValidationError(
        f"No cancellation reason called “{typed}”. A bulk cancellation takes one of these: "
        f"{codes}.",
        field="reason",
    )


def _cmd_bulk_undo(args: argparse.Namespace) -> int:
    from app.cli_context import context
    from app.cli_signin import signed_in_desk
    from app.services.auth import Permission
    from app.services.bulk import run as bulk_run

    ctx = context(args)
    desk = signed_in_desk(ctx, args, Permission.BULK_CANCEL)

    def progress(n: int, total: int) -> None:
        print(f"  {n}/{total}", file=sys.stderr)

    result = bulk_run.undo_bulk_job_with_csv(ctx.db, desk.actor, args.job, args.reason, progress)
    print(
        f"Bulk cancellation #{args.job} undone: {len(result.restored)} sessions restored, "
        f"clients rebooked and refunds reversed."
    )
    for why in result.refused:
        print(f"  not undone: {why}")
    return 0
