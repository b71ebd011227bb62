"""`frontdesk outbox send|list`: the outbox for a headless desk (cron, a server, no window)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli_types import limit

STATUSES = ("pending", "failed", "manual", "skipped", "withdrawn", "expired", "sent", "done")


def register(subparsers: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the `outbox` command to the main parser's subcommands; returns its handler."""
    from app.cli_signin import add_user_option

    p = subparsers.add_parser("outbox", help="send queued notifications, or list the outbox")
    p.add_argument(
        "action",
        choices=["send", "list"],
        help="send: everything due, until nothing is left; list: one line per message",
    )
    p.add_argument(
        "--status",
        choices=STATUSES,
        default=None,
        help="list: only this status (default: what needs attention, then what waits)",
    )
    p.add_argument("--limit", type=limit, default=100, help="list: at most this many rows each")
    add_user_option(p)
    return {"outbox": run}


def run(args: argparse.Namespace) -> int:
    """`send`: passes until nothing due is left, counts printed; `list`: one line per message."""
    from app.cli_context import context
    from app.cli_signin import sign_in

    ctx = context(args)
    try:
        sign_in(ctx, args)  # any user: messages name clients, and sending changes the outbox
        return _send(ctx.db) if args.action == "send" else _list(ctx.db, args)
    finally:
        ctx.close()


def _send(db: Any) -> int:
    from app.services.outbox import outbox_counts, send_all_due
    from app.services.sms.inbound import pull_if_set_up
    from app.services.sms.reminder_queue import reminders_pass

    queued = reminders_pass(db)
    if queued:
        print(f"Reminders queued: {queued}.")
    result = send_all_due(db)
    print(result.summary())
    replies = pull_if_set_up(db)
    if replies is not None:
        print(replies.problem or f"Text replies: {replies.new} new.")
    with db.read() as uow:
        counts = outbox_counts(uow)
    print(f"Waiting: {counts.pending}; failed: {counts.failed}; manual to-dos: {counts.manual}.")
    for note in counts.notes:
        print(note)
    return 0


def _list(db: Any, args: argparse.Namespace) -> int:
    from app.services.outbox import OutboxFilter, list_outbox

    wanted = [args.status] if args.status else ["failed", "manual", "pending"]
    with db.read() as uow:
        lists = {s: list_outbox(uow, OutboxFilter(s), args.limit) for s in wanted}
    shown = 0
    for status, rows in lists.items():
        for r in rows:
            shown += 1
            when = f"{r.created_at:%Y-%m-%d %H:%M}Z"
            to = f" → {r.recipient}" if r.recipient else ""
            why = f" — {r.why}" if r.why else ""
            print(f"#{r.id:<6} {status:<8} {when}  {r.what}{to}{why}")
    if not shown:
        print("The outbox has nothing " + (f"{args.status}." if args.status else "to look at."))
    return 0
