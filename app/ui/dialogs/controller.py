"""Opens the right dialog for a requested action, runs its one service, and reports the changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.models.enums import CancelledBy
from app.models.lifecycle import Action, why_not
from app.services import (
    attendance,
    cancellation,
    choices,
    deletion,
    queries,
    scheduling,
    undo,
)
from app.services.auth import Permission, can
from app.services.deletion import Blocker, DeleteCheck
from app.services.desk import Desk
from app.services.dto import CancelRequest, CancelResult, ChangeSet, OperationResult
from app.services.errors import ConflictError, FrontDeskError
from app.services.queries import SessionDetails
from app.ui.dialogs.cancel_wizard import CancelContext, CancelWizard
from app.ui.dialogs.delete_dialog import DeleteContext, DeleteDialog
from app.ui.dialogs.move import (
    FollowUp,
    ReplaceContext,
    ReplaceWorkerDialog,
    RescheduleContext,
    RescheduleDialog,
    WorkerFollowUpDialog,
)
from app.ui.dialogs.simple import (
    CompleteContext,
    CompleteDialog,
    DidNotAttendDialog,
    DnaContext,
    UndoContext,
    UndoDialog,
)
from app.ui.format import session_label
from app.ui.i18n import tr
from app.ui.messages import inform, warn

WHO_PREFIX = {
    CancelledBy.CLIENT: "Client",
    CancelledBy.WORKER: "Worker",
    CancelledBy.PRACTICE: "Practice",
}
MAX_CONFLICT_RETRIES = 3


class Host(Protocol):
    """What the controller needs of the main window."""

    def notify_changed(self, changes: ChangeSet) -> None: ...


class DialogController(QObject):
    """The one place dialogs are opened from; `run_dialog` is replaceable so tests can drive them."""

    def __init__(self, desk: Desk, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.host = host
        self.parent_widget = parent
        self.tz = ZoneInfo(desk.time_zone())
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

    def handle(self, action_value: str, session_id: int) -> None:
        """Slot for the main window's `action_requested(action, session_id)`."""
        handler = self._handlers.get(Action(action_value))
        if handler is None:
            return
        try:
            handler(session_id)
        except ConflictError as exc:
            self._reloaded(session_id, exc.message)
        except FrontDeskError as exc:
            warn(self.parent_widget, tr("dialogs", "Not possible"), str(exc))

    # -- helpers ---------------------------------------------------------------------------

    def _details(self, session_id: int) -> SessionDetails:
        return self.desk.read(lambda uow: queries.session_details(uow, session_id))

    def _write(self, fn: Callable[[Any], Any]) -> Any:
        result = self.desk.write(fn)
        changes = getattr(result, "changes", None)
        if isinstance(changes, ChangeSet):
            self.host.notify_changed(changes)
        return result

    def _reloaded(self, session_id: int, message: str) -> None:
        self.host.notify_changed(ChangeSet(frozenset({session_id})))
        inform(self.parent_widget, tr("dialogs", "Changed at another desk"), message)

    def _label(self, details: SessionDetails) -> str:
        return session_label(details.block, self.tz)

    # -- cancel ----------------------------------------------------------------------------

    def cancel(self, session_id: int, who: CancelledBy | None = None) -> CancelResult | None:
        """The wizard; a conflict reloads and reopens it on fresh data."""
        for _attempt in range(MAX_CONFLICT_RETRIES):
            wizard = CancelWizard(self._cancel_context(session_id, who), self.parent_widget)
            self.run_dialog(wizard)
            if wizard.conflict is None:
                break
            self._reloaded(session_id, wizard.conflict)
        else:
            return None
        result = wizard.result_
        if result is None:
            return None
        if wizard.draft.who == CancelledBy.WORKER:
            self._worker_follow_up(session_id, result)
        elif wizard.draft.who == CancelledBy.CLIENT and self.offer_place is not None:
            self.offer_place(session_id)
        return result

    def _cancel_context(self, session_id: int, who: CancelledBy | None) -> CancelContext:
        details = self._details(session_id)
        reasons = self.desk.read(
            lambda uow: {w: cancellation.reasons_for(uow, w) for w in CancelledBy}
        )
        return CancelContext(
            session=details.block,
            tz=self.tz,
            now=self.desk.now(),
            reasons=reasons,
            can_waive=can(self.desk.actor, Permission.WAIVE_CHARGE),
            preview=lambda req: self.desk.write(
                lambda uow: cancellation.preview_cancellation(uow, req)
            ),
            confirm=self._confirm_cancel,
            who=who,
        )

    def _confirm_cancel(self, req: CancelRequest) -> CancelResult:
        result: CancelResult = self._write(lambda uow: cancellation.cancel(uow, req))
        return result

    def _worker_follow_up(self, session_id: int, result: CancelResult) -> None:
        details = self._details(session_id)
        dialog = WorkerFollowUpDialog(
            self._label(details), len(result.free_workers), self.parent_widget
        )
        self.run_dialog(dialog)
        if dialog.choice == FollowUp.REPLACE:
            self.replace_worker(session_id)
        elif dialog.choice == FollowUp.RESCHEDULE:
            self.reschedule(session_id)

    # -- undo, did not attend, complete ----------------------------------------------------

    def undo(self, session_id: int) -> object:
        details = self._details(session_id)
        open_ = [c for c in details.cancellations if c.undone_at is None]
        if not open_:
            inform(
                self.parent_widget,
                tr("dialogs", "Undo cancellation"),
                tr("dialogs", "This session has no cancellation to undo."),
            )
            return None
        target = open_[-1]
        blockers = tuple(self.desk.read(lambda uow: undo.extracted_blockers(uow, target.id)))
        siblings = self.desk.read(lambda uow: undo.series_siblings(uow, target.id))
        version = details.block.version
        ctx = UndoContext(
            target,
            blockers,
            lambda reason, together: self._write(
                lambda uow: undo.undo_cancellation(
                    uow,
                    session_id,
                    reason,
                    cancellation_id=target.id,
                    expected_version=version,
                    with_series=together,
                )
            ),
            tuple(f"{start.astimezone(self.tz):%a %d %b %Y %H:%M}" for _sid, start in siblings),
        )
        return self._run(UndoDialog(ctx, self.parent_widget))

    def did_not_attend(self, session_id: int) -> object:
        details = self._details(session_id)
        version = details.block.version
        ctx = DnaContext(
            details.block,
            charges=lambda ids: self.desk.read(
                lambda uow: attendance.preview_did_not_attend(uow, session_id, ids)
            ),
            mark=lambda ids: self._write(
                lambda uow: attendance.mark_did_not_attend(
                    uow, session_id, ids, expected_version=version
                )
            ),
        )
        return self._run(DidNotAttendDialog(ctx, self.parent_widget))

    def complete(self, session_id: int) -> object:
        details = self._details(session_id)
        version = details.block.version
        ctx = CompleteContext(
            details.block,
            lambda: self._write(
                lambda uow: attendance.complete_session(uow, session_id, expected_version=version)
            ),
        )
        return self._run(CompleteDialog(ctx, self.parent_widget))

    def _run(self, dialog: QDialog) -> object:
        self.run_dialog(dialog)
        return getattr(dialog, "result_", None)

    # -- moving ----------------------------------------------------------------------------

    def reschedule(self, session_id: int) -> object:
        details = self._details(session_id)
        block = details.block
        clients = [c.client_id for c in block.clients]
        length = block.ends_at - block.starts_at
        exclude = block.id if block.status.value == "rostered" else None
        workers = self.desk.read(lambda uow: scheduling.active_workers(uow))
        proposals = self.desk.read(lambda uow: choices.propose_slots(uow, session_id))

        def conflicts(start: datetime, worker: int) -> list[str]:
            return self.desk.read(
                lambda uow: scheduling.slot_conflicts(
                    uow, worker, start, start + length, clients, exclude
                )
            )

        def run(start: datetime, worker: int) -> OperationResult:
            result: OperationResult = self._write(
                lambda uow: scheduling.reschedule_session(
                    uow,
                    session_id,
                    start,
                    worker_id=worker,
                    expected_version=block.version,
                    allow_conflicts=True,
                )
            )
            return result

        ctx = RescheduleContext(
            block,
            self.tz,
            workers,
            conflicts,
            run,
            proposals=proposals,
            cancelled_by_worker=details.facts.cancelled_by_worker,
        )
        return self._run(RescheduleDialog(ctx, self.parent_widget))

    def replace_worker(self, session_id: int) -> object:
        details = self._details(session_id)
        b = details.block
        ranked = self.desk.read(lambda uow: choices.replacement_candidates(uow, session_id))
        ctx = ReplaceContext(
            self._label(details),
            ranked,
            lambda worker, anyway: self._write(
                lambda uow: scheduling.assign_replacement_worker(
                    uow, session_id, worker, expected_version=b.version, allow_conflicts=anyway
                )
            ),
        )
        return self._run(ReplaceWorkerDialog(ctx, self.parent_widget))

    # -- delete ----------------------------------------------------------------------------

    def delete(self, session_id: int) -> object:
        details = self._details(session_id)
        version = details.block.version
        check = self.desk.read(lambda uow: deletion.check_delete(uow, session_id))
        apply_blocked = why_not(Action.CANCEL, details.facts, self.desk.now())
        ctx = DeleteContext(
            label=self._label(details),
            check=check,
            reasons=self._all_reasons(),
            can_remove_money=can(self.desk.actor, Permission.REMOVE_PAYMENT),
            remove=lambda blocker, why: self._remove_money(session_id, blocker, why),
            delete=lambda: self._write(
                lambda uow: deletion.delete_session(uow, session_id, expected_version=version)
            ),
            apply_cancellation=lambda rid, note: self._write(
                lambda uow: cancellation.apply_cancellation(
                    uow, session_id, rid, note, expected_version=version
                )
            ),
            apply_blocked=apply_blocked,
        )
        result = self._run(DeleteDialog(ctx, self.parent_widget))
        reminder = getattr(result, "reminder", None)
        if reminder:
            inform(self.parent_widget, tr("dialogs", "Other system"), reminder)
        return result

    def _all_reasons(self) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for who in (CancelledBy.PRACTICE, CancelledBy.WORKER, CancelledBy.CLIENT):
            rows: Sequence[tuple[int, str]] = self.desk.read(
                lambda uow, w=who: cancellation.reasons_for(uow, w)
            )
            found += [(rid, f"{WHO_PREFIX[who]}: {label}") for rid, label in rows]
        return found

    def _remove_money(self, session_id: int, blocker: Blocker, reason: str) -> DeleteCheck:
        remove = (
            deletion.remove_payment if blocker.kind == "payment" else deletion.remove_adjustment
        )
        self._write(lambda uow: remove(uow, blocker.record_id, reason))
        return self.desk.read(lambda uow: deletion.check_delete(uow, session_id))
