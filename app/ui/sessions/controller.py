"""Opens the right dialog for a requested action, runs its one service, and reports the changes.

Every database call goes through `Ops`, off the GUI thread: a dialog opens when the read of what
it shows arrives; its previews read; its confirm writes, and the write's changes fan out once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.errors import ConflictError, FrontDeskError
from app.services.auth import Permission, can
from app.services.desk import Desk
from app.services.dto import CancelResult, ChangeSet
from app.services.money import payments
from app.services.schedule import details as queries
from app.services.schedule.details import SessionDetails
from app.services.sessions import attendance, choices, deletion, scheduling, undo
from app.services.sessions import cancel as cancellation
from app.services.sessions.deletion import Blocker, DeleteCheck
from app.services.vocabulary import Action, CancelledBy, why_not
from app.ui.format import session_label
from app.ui.i18n import tr
from app.ui.messages import inform, warn
from app.ui.ops import Ops, Outcome, Reply
from app.ui.records.opener import RecordsOpener
from app.ui.schedule.details import DetailsPanel
from app.ui.sessions.cancel_wizard import CancelContext, CancelWizard
from app.ui.sessions.delete_dialog import DeleteContext, DeleteDialog
from app.ui.sessions.move import (
    FollowUp,
    ReplaceContext,
    ReplaceWorkerDialog,
    RescheduleContext,
    RescheduleDialog,
    WorkerFollowUpDialog,
)
from app.ui.sessions.simple import (
    CompleteContext,
    CompleteDialog,
    DidNotAttendDialog,
    DnaContext,
    UndoContext,
    UndoDialog,
)
from app.ui.tasks import TaskRunner

WHO_PREFIX = {
    CancelledBy.CLIENT: "Client",
    CancelledBy.WORKER: "Worker",
    CancelledBy.PRACTICE: "Practice",
}
MAX_CONFLICT_RETRIES = 3


class Host(Protocol):
    """What the controller needs of the main window."""

    def notify_changed(self, changes: ChangeSet) -> None: ...


Loaded = Callable[[Any], None]


class DialogController(QObject):
    """The one place dialogs are opened from; `run_dialog` is replaceable so tests can drive them."""

    def __init__(
        self, desk: Desk, host: Host, parent: QWidget | None = None, *, ops: Ops | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.host = host
        self.parent_widget = parent
        self.tz = ZoneInfo(desk.time_zone())
        # Without the window's operations (a dialog tested alone) calls run inline.
        self.ops = ops or Ops(desk, TaskRunner(self, synchronous=True), host.notify_changed, parent)
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        # After a client cancellation frees a place: offer it to the waitlist (set by the wiring).
        self.offer_place: Callable[[int], object] | None = None
        self._handlers: dict[Action, Callable[[int], None]] = {
            Action.CANCEL: self.cancel,
            Action.UNDO: self.undo,
            Action.DNA: self.did_not_attend,
            Action.COMPLETE: self.complete,
            Action.RESCHEDULE: self.reschedule,
            Action.REPLACE_WORKER: self.replace_worker,
            Action.DELETE: self.delete,
        }
        # A session's money and records: take a payment, its note, insurer billing; and the
        # details panel's links (remove a payment, a client's account).
        self.records = RecordsOpener(self)
        self._handlers.update(self.records.handlers())
        panel = getattr(parent, "details_panel", None)
        if isinstance(panel, DetailsPanel):
            self.records.watch(panel)

    def handle(self, action_value: str, session_id: int) -> None:
        """Slot for the main window's `action_requested(action, session_id)`."""
        handler = self._handlers.get(Action(action_value))
        if handler is not None:
            handler(session_id)

    # -- helpers ---------------------------------------------------------------------------

    def _load(self, session_id: int, fn: Callable[[Any], Any], then: Loaded) -> None:
        """Read what a dialog shows in the background; open it when the read arrives."""
        self.ops.read(fn, then, lambda exc: self._refused(session_id, exc))

    def load(self, session_id: int, fn: Callable[[Any], Any], then: Loaded) -> None:
        """Read what a dialog shows in the background; open it when the read arrives."""
        self._load(session_id, fn, then)

    def session_label(self, details: SessionDetails) -> str:
        """The session as dialogs name it."""
        return self._label(details)

    def _refused(self, session_id: int, exc: FrontDeskError) -> None:
        if isinstance(exc, ConflictError):
            self._reloaded(session_id, exc.message)
        else:
            warn(self.parent_widget, tr("dialogs", "Not possible"), exc.message)

    def _write(self, fn: Callable[[Any], Any]) -> Callable[[Reply], None]:
        """A confirm for a dialog: one write whose outcome goes to the dialog's reply."""
        return lambda reply: self.ops.write_reply(fn, reply)

    def _reloaded(self, session_id: int, message: str) -> None:
        self.host.notify_changed(ChangeSet(frozenset({session_id})))
        inform(self.parent_widget, tr("dialogs", "Changed at another desk"), message)

    def _label(self, details: SessionDetails) -> str:
        return session_label(details.block, self.tz)

    # -- cancel ----------------------------------------------------------------------------

    def cancel(self, session_id: int, who: CancelledBy | None = None, attempt: int = 1) -> None:
        """The wizard; a conflict reloads and reopens it on fresh data."""
        self._cancel_context(session_id, who, lambda ctx: self._run_cancel(ctx, attempt))

    def _cancel_context(
        self, session_id: int, who: CancelledBy | None, then: Callable[[CancelContext], None]
    ) -> None:
        def read(uow: Any) -> tuple[SessionDetails, dict[CancelledBy, list[tuple[int, str]]]]:
            reasons = {w: cancellation.reasons_for(uow, w) for w in CancelledBy}
            return queries.session_details(uow, session_id), reasons

        def build(pair: tuple[SessionDetails, dict[CancelledBy, list[tuple[int, str]]]]) -> None:
            details, reasons = pair
            then(
                CancelContext(
                    session=details.block,
                    tz=self.tz,
                    now=self.desk.now(),
                    reasons=reasons,
                    can_waive=can(self.desk.actor, Permission.WAIVE_CHARGE),
                    preview=lambda req, reply: self.ops.read_reply(  # a preview reads
                        lambda uow: cancellation.preview_cancellation(uow, req), reply
                    ),
                    confirm=lambda req, reply: self.ops.write_reply(
                        lambda uow: cancellation.cancel(uow, req), reply
                    ),
                    who=who,
                )
            )

        self._load(session_id, read, build)

    def _run_cancel(self, ctx: CancelContext, attempt: int) -> None:
        session_id = ctx.session.id
        wizard = CancelWizard(ctx, self.parent_widget)
        self.run_dialog(wizard)
        if wizard.conflict is not None:
            self._reloaded(session_id, wizard.conflict)
            if attempt < MAX_CONFLICT_RETRIES:
                self.cancel(session_id, ctx.who, attempt + 1)
            return
        result = wizard.result_
        if result is None:
            return
        if wizard.draft.who == CancelledBy.WORKER:
            self._worker_follow_up(session_id, result)
        elif wizard.draft.who == CancelledBy.CLIENT and self.offer_place is not None:
            self.offer_place(session_id)

    def _worker_follow_up(self, session_id: int, result: CancelResult) -> None:
        def ask(details: SessionDetails) -> None:
            dialog = WorkerFollowUpDialog(
                self._label(details), len(result.free_workers), self.parent_widget
            )
            self.run_dialog(dialog)
            if dialog.choice == FollowUp.REPLACE:
                self.replace_worker(session_id)
            elif dialog.choice == FollowUp.RESCHEDULE:
                self.reschedule(session_id)

        self._load(session_id, lambda uow: queries.session_details(uow, session_id), ask)

    # -- undo, did not attend, complete ----------------------------------------------------

    def undo(self, session_id: int) -> None:
        """The undo dialog for the session's latest open cancellation."""

        def read(uow: Any) -> tuple[SessionDetails, tuple[str, ...], list[tuple[int, datetime]]]:
            details = queries.session_details(uow, session_id)
            open_ = [c for c in details.cancellations if c.undone_at is None]
            if not open_:
                return details, (), []
            target = open_[-1].id
            blockers = tuple(undo.extracted_blockers(uow, target))
            return details, blockers, list(undo.series_siblings(uow, target))

        self._load(session_id, read, lambda found: self._open_undo(session_id, *found))

    def _open_undo(
        self,
        session_id: int,
        details: SessionDetails,
        blockers: tuple[str, ...],
        siblings: list[tuple[int, datetime]],
    ) -> None:
        open_ = [c for c in details.cancellations if c.undone_at is None]
        if not open_:
            inform(
                self.parent_widget,
                tr("dialogs", "Undo cancellation"),
                tr("dialogs", "This session has no cancellation to undo."),
            )
            return
        target = open_[-1]
        version = details.block.version
        ctx = UndoContext(
            target,
            blockers,
            lambda reason, together, reply: self.ops.write_reply(
                lambda uow: undo.undo_cancellation(
                    uow,
                    session_id,
                    reason,
                    cancellation_id=target.id,
                    expected_version=version,
                    with_series=together,
                ),
                reply,
            ),
            tuple(f"{start.astimezone(self.tz):%a %d %b %Y %H:%M}" for _sid, start in siblings),
        )
        self.run_dialog(UndoDialog(ctx, self.parent_widget))

    def did_not_attend(self, session_id: int) -> None:
        """Which clients did not come, with what the no-show rule charges."""

        def show(details: SessionDetails) -> None:
            version = details.block.version
            ctx = DnaContext(
                details.block,
                charges=lambda ids, reply: self.ops.read_reply(
                    lambda uow: attendance.preview_did_not_attend(uow, session_id, ids), reply
                ),
                mark=lambda ids, reply: self.ops.write_reply(
                    lambda uow: attendance.mark_did_not_attend(
                        uow, session_id, ids, expected_version=version
                    ),
                    reply,
                ),
            )
            self.run_dialog(DidNotAttendDialog(ctx, self.parent_widget))

        self._load(session_id, lambda uow: queries.session_details(uow, session_id), show)

    def complete(self, session_id: int) -> None:
        """Confirm, then complete the session."""

        def show(details: SessionDetails) -> None:
            version = details.block.version
            ctx = CompleteContext(
                details.block,
                self._write(
                    lambda uow: attendance.complete_session(
                        uow, session_id, expected_version=version
                    )
                ),
            )
            self.run_dialog(CompleteDialog(ctx, self.parent_widget))

        self._load(session_id, lambda uow: queries.session_details(uow, session_id), show)

    # -- moving ----------------------------------------------------------------------------

    def reschedule(self, session_id: int) -> None:
        """Proposed free times, or a time and worker typed; clashes warned about."""

        def read(uow: Any) -> tuple[SessionDetails, Any, Any]:
            details = queries.session_details(uow, session_id)
            workers = scheduling.active_workers(uow)
            return details, workers, choices.propose_slots(uow, session_id)

        self._load(session_id, read, lambda found: self._open_reschedule(session_id, *found))

    def _open_reschedule(
        self, session_id: int, details: SessionDetails, workers: Any, proposals: Any
    ) -> None:
        block = details.block
        clients = [c.client_id for c in block.clients]
        length = block.ends_at - block.starts_at
        exclude = block.id if block.status.value == "rostered" else None

        def conflicts(start: datetime, worker: int, reply: Reply) -> None:
            self.ops.read_reply(
                lambda uow: scheduling.slot_conflicts(
                    uow, worker, start, start + length, clients, exclude
                ),
                reply,
            )

        def run(start: datetime, worker: int, reply: Reply) -> None:
            self.ops.write_reply(
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
            self.tz,
            workers,
            conflicts,
            run,
            proposals=proposals,
            cancelled_by_worker=details.facts.cancelled_by_worker,
        )
        self.run_dialog(RescheduleDialog(ctx, self.parent_widget))

    def replace_worker(self, session_id: int) -> None:
        """The workers free for the slot, best first."""

        def read(uow: Any) -> tuple[SessionDetails, Any]:
            details = queries.session_details(uow, session_id)
            return details, choices.replacement_candidates(uow, session_id)

        def show(found: tuple[SessionDetails, Any]) -> None:
            details, ranked = found
            version = details.block.version
            ctx = ReplaceContext(
                self._label(details),
                ranked,
                lambda worker, anyway, reply: self.ops.write_reply(
                    lambda uow: scheduling.assign_replacement_worker(
                        uow, session_id, worker, expected_version=version, allow_conflicts=anyway
                    ),
                    reply,
                ),
            )
            self.run_dialog(ReplaceWorkerDialog(ctx, self.parent_widget))

        self._load(session_id, read, show)

    # -- delete ----------------------------------------------------------------------------

    def delete(self, session_id: int) -> None:
        """Permanently delete, or apply a cancellation; what blocks a delete is listed."""

        def read(uow: Any) -> tuple[SessionDetails, DeleteCheck, list[tuple[int, str]]]:
            details = queries.session_details(uow, session_id)
            return details, deletion.check_delete(uow, session_id), _all_reasons(uow)

        self._load(session_id, read, lambda found: self._open_delete(session_id, *found))

    def _open_delete(
        self,
        session_id: int,
        details: SessionDetails,
        check: DeleteCheck,
        reasons: list[tuple[int, str]],
    ) -> None:
        version = details.block.version
        ctx = DeleteContext(
            label=self._label(details),
            check=check,
            reasons=reasons,
            can_remove_money=can(self.desk.actor, Permission.REMOVE_PAYMENT),
            remove=lambda blocker, why, reply: self._remove_money(session_id, blocker, why, reply),
            delete=self._write(
                lambda uow: deletion.delete_session(uow, session_id, expected_version=version)
            ),
            apply_cancellation=lambda rid, note, reply: self.ops.write_reply(
                lambda uow: cancellation.apply_cancellation(
                    uow, session_id, rid, note, expected_version=version
                ),
                reply,
            ),
            apply_blocked=why_not(Action.CANCEL, details.facts, self.desk.now()),
        )
        dialog = DeleteDialog(ctx, self.parent_widget)
        self.run_dialog(dialog)
        reminder = getattr(dialog.result_, "reminder", None)
        if reminder:
            inform(self.parent_widget, tr("dialogs", "Other system"), reminder)

    def _remove_money(self, session_id: int, blocker: Blocker, reason: str, reply: Reply) -> None:
        """Remove the payment or adjustment, then hand the dialog a fresh delete check."""
        remove = (
            payments.remove_payment if blocker.kind == "payment" else payments.remove_adjustment
        )

        def removed(_result: object) -> None:
            self.ops.read_reply(lambda uow: deletion.check_delete(uow, session_id), reply)

        self.ops.write(
            lambda uow: remove(uow, blocker.record_id, reason),
            removed,
            lambda exc: reply(Outcome(error=exc)),
        )


def _all_reasons(uow: Any) -> list[tuple[int, str]]:
    """Every cancellation reason, labelled by who it is for (practice, worker, client)."""
    found: list[tuple[int, str]] = []
    for who in (CancelledBy.PRACTICE, CancelledBy.WORKER, CancelledBy.CLIENT):
        rows: Sequence[tuple[int, str]] = cancellation.reasons_for(uow, who)
        found += [(rid, f"{WHO_PREFIX[who]}: {label}") for rid, label in rows]
    return found
