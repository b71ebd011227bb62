"""Opens the reschedule and replace-the-worker dialogs: proposals and clashes are reads, the move
is one write, all through the controller's `Ops`, off the GUI thread."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.services.schedule import details as queries
from app.services.schedule.details import SessionDetails
from app.services.sessions import choices, scheduling
from app.ui.i18n import tr
from app.ui.opening import Dialogs
from app.ui.ops import Reply
from app.ui.sessions.move import (
    ReplaceContext,
    ReplaceWorkerDialog,
    RescheduleContext,
    RescheduleDialog,
)


class MoveOpener:
    """Move a session to another time or worker, or give it to another worker."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.c = dialogs

    def reschedule(self, session_id: int) -> None:
        """Proposed free times, or a time and worker typed; clashes warned about."""

        def read(uow: Any) -> tuple[SessionDetails, Any, Any]:
            details = queries.session_details(uow, session_id)
            workers = scheduling.active_workers(uow)
            return details, workers, choices.propose_slots(uow, session_id)

        self.c.load(session_id, read, lambda found: self._open_reschedule(session_id, *found))

    def _open_reschedule(
        self, session_id: int, details: SessionDetails, workers: Any, proposals: Any
    ) -> None:
        block = details.block
        ops = self.c.ops

        def conflicts(start: datetime, worker: int, reply: Reply) -> None:
            ops.read_reply(
                lambda uow: scheduling.reschedule_conflicts(uow, session_id, start, worker), reply
            )

        def run(start: datetime, worker: int, reply: Reply) -> None:
            ops.write_reply(
                lambda uow: scheduling.reschedule_session(
                    uow,
                    session_id,
                    start,
                    worker_id=worker,
                    expected_version=block.version,
                    allow_conflicts=True,
                ),
                reply,
            )

        ctx = RescheduleContext(
            block,
            self.c.tz,
            workers,
            conflicts,
            run,
            proposals=proposals,
            cancelled_by_worker=details.facts.cancelled_by_worker,
            now=self.c.desk.now,  # a typed "tomorrow" or "mon" counts from the practice's clock
        )
        dialog = RescheduleDialog(ctx, self.c.parent_widget)
        if self.c.run_fresh(dialog, session_id, lambda: self.reschedule(session_id)):
            return
        said = getattr(dialog.result_, "reminder", None)
        if said:  # its texted waitlist offers named the old time and closed
            self.c.inform(tr("move", "Session moved"), said)

    def replace_worker(self, session_id: int) -> None:
        """The workers free for the slot, best first."""

        def read(uow: Any) -> tuple[SessionDetails, Any]:
            details = queries.session_details(uow, session_id)
            return details, choices.replacement_candidates(uow, session_id)

        def show(found: tuple[SessionDetails, Any]) -> None:
            details, ranked = found
            version = details.block.version
            ctx = ReplaceContext(
                self.c.session_label(details),
                ranked,
                lambda worker, anyway, reply: self.c.ops.write_reply(
                    lambda uow: scheduling.assign_replacement_worker(
                        uow, session_id, worker, expected_version=version, allow_conflicts=anyway
                    ),
                    reply,
                ),
            )
            dialog = ReplaceWorkerDialog(ctx, self.c.parent_widget)
            self.c.run_fresh(dialog, session_id, lambda: self.replace_worker(session_id))

        self.c.load(session_id, read, show)
