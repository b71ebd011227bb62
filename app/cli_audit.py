"""`frontdesk audit verify|checkpoint|new-key`: check the audit trail, anchor it, re-key it."""

from __future__ import annotations

import argparse

ACTIONS = ("verify", "checkpoint", "new-key")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The audit command's arguments."""
    from app.cli_signin import add_user_option

    p.add_argument(
        "action",
        choices=ACTIONS,
        help="verify: check the trail (exit 1 when damaged); checkpoint: anchor it now; "
        "new-key: sign from now on with a new audit key",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="verify: re-read every event, not only those since the last checkpoint",
    )
    add_user_option(p)  # checkpoint: any user; new-key: an administrator


def run_audit(args: argparse.Namespace) -> int:
    """Verify (exit 1 when damaged), write a checkpoint, or start a new audit key."""
    from app.cli_context import context
    from app.cli_signin import NOT_ADMIN_AUDIT_KEY, require_admin, sign_in
    from app.services.audit.chain import replace_key
    from app.services.audit.checkpoint import write_checkpoint
    from app.services.audit.verify import verify_audit_chain

    ctx = context(args)
    if args.action == "checkpoint":
        cp = write_checkpoint(ctx.db, sign_in(ctx, args), "manual")
        print(f"Checkpoint written: {cp.events:,} events up to #{cp.last_id:,}.")
        return 0
    if args.action == "new-key":
        actor = sign_in(ctx, args)
        require_admin(actor, NOT_ADMIN_AUDIT_KEY)
        key = ctx.db.transact(actor, replace_key)
        print(
            f"New audit key {key.key_id} in {ctx.db.audit_keys.key_file}; the events from now "
            "on are signed with it. Copy that file to every other desk of the practice."
        )
        return 0
    with ctx.db.read() as uow:
        report = verify_audit_chain(uow, full=args.full)
    print(report.summary())
    for problem in report.problems[:50]:
        print(f"  {problem}")
    if len(report.problems) > 50:
        print(f"  … and {len(report.problems) - 50} more.")
    print(report.checked_range())
    if report.checked_from:
        print("`frontdesk audit verify --full` re-reads every event.")
    return 0 if report.ok else 1
