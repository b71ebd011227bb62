"""Opens the did-not-attend, take-back and complete dialogs; their previews read and their
confirms write through the controller's `Ops`, off the GUI thread."""

from __future__ import annotations

from app.services.auth import Permission, can
from app.services.schedule.details import SessionDetails
from app.services.sessions import attendance, dna_undo
from app.ui.opening import Dialogs
from app.ui.sessions.simple import (
    CompleteContext,
    CompleteDialog,
    DidNotAttendDialog,
    DnaContext,
    TakeBackDnaContext,
    TakeBackDnaDialog,
)


class AttendanceOpener:
    """Mark who did not come (with what the no-show rule charges), or complete the session."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.c = dialogs

    def did_not_attend(self, session_id: int) -> None:
        """Which clients did not come, with what the no-show rule charges."""

        def show(details: SessionDetails) -> None:
            version = details.block.version
            ops = self.c.ops
            ctx = DnaContext(
                details.block,
                charges=lambda ids, waive, reply: ops.read_reply(
                    lambda uow: attendance.preview_did_not_attend(uow, session_id, ids, waive),
                    reply,
                ),
                mark=lambda ids, waive, why, reply: ops.write_reply(
                    lambda uow: attendance.mark_did_not_attend(
                        uow,
                        session_id,
                        ids,
                        waive=waive,
                        waiver_reason=why,
                        expected_version=version,
                    ),
                    reply,
                ),
                can_waive=can(self.c.desk.actor, Permission.WAIVE_CHARGE),
            )
            dialog = DidNotAttendDialog(ctx, self.c.parent_widget)
            self.c.run_fresh(dialog, session_id, lambda: self.did_not_attend(session_id))

        self.c.load_details(session_id, show)

    def take_back_did_not_attend(self, session_id: int) -> None:
        """Whose did-not-attend mark was a mistake, and why; they are booked again."""

        def show(details: SessionDetails) -> None:
            version = details.block.version
            ctx = TakeBackDnaContext(
                details.block,
                take_back=lambda ids, why, reply: self.c.ops.write_reply(
                    lambda uow: dna_undo.take_back_did_not_attend(
                        uow, session_id, ids, why, expected_version=version
                    ),
                    reply,
                ),
                blockers=details.take_back_blockers,
            )
            dialog = TakeBackDnaDialog(ctx, self.c.parent_widget)
            self.c.run_fresh(dialog, session_id, lambda: self.take_back_did_not_attend(session_id))

        self.c.load_details(session_id, show)

    def complete(self, session_id: int) -> None:
        """Confirm, then complete the session."""

        def show(details: SessionDetails) -> None:
            version = details.block.version
            ctx = CompleteContext(
                details.block,
                self.c.confirm(
                    lambda uow: attendance.complete_session(
                        uow, session_id, expected_version=version
                    )
                ),
            )
            dialog = CompleteDialog(ctx, self.c.parent_widget)
            self.c.run_fresh(dialog, session_id, lambda: self.complete(session_id))

        self.c.load_details(session_id, show)
