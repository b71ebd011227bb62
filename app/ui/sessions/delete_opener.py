"""Opens the delete dialog: what blocks a delete is listed (a payment can be removed from it), or a
cancellation applied instead. Reads and writes go through the controller's `Ops`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.services.auth import Permission, can
from app.services.money import payments
from app.services.schedule import details as queries
from app.services.schedule.details import SessionDetails
from app.services.sessions import cancel as cancellation
from app.services.sessions import deletion
from app.services.sessions.deletion import Blocker, DeleteCheck
from app.services.vocabulary import Action, CancelledBy, why_not
from app.ui.dates import practice_clock
from app.ui.i18n import tr
from app.ui.opening import Dialogs
from app.ui.ops import Outcome, Reply
from app.ui.sessions.delete_dialog import DeleteContext, DeleteDialog

WHO_PREFIX = {
    CancelledBy.CLIENT: "Client",
    CancelledBy.WORKER: "Worker",
    CancelledBy.PRACTICE: "Practice",
}


class DeleteOpener:
    """Permanently delete a session, or apply a cancellation when it cannot be deleted."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.c = dialogs

    def delete(self, session_id: int) -> None:
        """Permanently delete, or apply a cancellation; what blocks a delete is listed."""

        def read(uow: Any) -> tuple[SessionDetails, DeleteCheck, list[tuple[int, str]]]:
            details = queries.session_details(uow, session_id)
            return details, deletion.check_delete(uow, session_id), all_reasons(uow)

        self.c.load(session_id, read, lambda found: self._open(session_id, *found))

    def _open(
        self,
        session_id: int,
        details: SessionDetails,
        check: DeleteCheck,
        reasons: list[tuple[int, str]],
    ) -> None:
        version = details.block.version
        desk, ops = self.c.desk, self.c.ops
        ctx = DeleteContext(
            label=self.c.session_label(details),
            check=check,
            reasons=reasons,
            can_remove_money=can(desk.actor, Permission.REMOVE_PAYMENT),
            remove=lambda blocker, why, reply: self._remove_money(session_id, blocker, why, reply),
            delete=self.c.confirm(
                lambda uow: deletion.delete_session(uow, session_id, expected_version=version)
            ),
            preview_apply=lambda rid, note, advised, reply: ops.read_reply(  # a preview reads
                lambda uow: cancellation.preview_apply_cancellation(
                    uow, session_id, rid, note, advised_at=advised, expected_version=version
                ),
                reply,
            ),
            apply_cancellation=lambda rid, note, advised, reply: ops.write_reply(
                lambda uow: cancellation.apply_cancellation(
                    uow, session_id, rid, note, advised_at=advised, expected_version=version
                ),
                reply,
            ),
            tz=self.c.tz,
            now=practice_clock(desk.now, self.c.tz),
            apply_blocked=why_not(Action.CANCEL, details.facts, desk.now()),
            recheck=lambda reply: ops.read_reply(
                lambda uow: deletion.check_delete(uow, session_id), reply
            ),
        )
        dialog = DeleteDialog(ctx, self.c.parent_widget)
        if self.c.run_fresh(dialog, session_id, lambda: self.delete(session_id)):
            return
        reminder = getattr(dialog.result_, "reminder", None)
        if reminder:
            self.c.inform(tr("dialogs", "Other system"), reminder)

    def _remove_money(self, session_id: int, blocker: Blocker, reason: str, reply: Reply) -> None:
        """Remove the payment or adjustment, then hand the dialog a fresh delete check."""
        remove = (
            payments.remove_payment if blocker.kind == "payment" else payments.remove_adjustment
        )
        ops = self.c.ops

        def removed(_result: object) -> None:
            ops.read_reply(lambda uow: deletion.check_delete(uow, session_id), reply)

        ops.write(
            lambda uow: remove(uow, blocker.record_id, reason),
            removed,
            lambda exc: reply(Outcome(error=exc)),
        )


def all_reasons(uow: Any) -> list[tuple[int, str]]:
    """Every cancellation reason, labelled by who it is for (practice, worker, client)."""
    found: list[tuple[int, str]] = []
    for who in (CancelledBy.PRACTICE, CancelledBy.WORKER, CancelledBy.CLIENT):
        rows: Sequence[tuple[int, str]] = cancellation.reasons_for(uow, who)
        found += [(rid, f"{WHO_PREFIX[who]}: {label}") for rid, label in rows]
    return found
