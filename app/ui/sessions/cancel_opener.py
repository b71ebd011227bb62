"""Opens the cancel wizard (and what follows a worker's or a client's cancellation) and the undo
dialog. Every read and write goes through the controller's `Ops`, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QDialog

from app.i18n import when_text
from app.services.auth import Permission, can
from app.services.dto import CancelResult
from app.services.schedule import details as queries
from app.services.schedule.details import SessionDetails
from app.services.sessions import cancel as cancellation
from app.services.sessions import undo
from app.services.sessions.undo import FullAgain, SpentCredits
from app.services.vocabulary import Action, BookingStatus, CancelledBy
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.messages import say_result
from app.ui.opening import Dialogs
from app.ui.sessions.cancel_wizard import CancelContext, CancelPreset, CancelWizard
from app.ui.sessions.simple import UndoContext, UndoDialog
from app.ui.sessions.undo_choice import WhichCancellationDialog
from app.ui.sessions.worker_followup import FollowUp, WorkerFollowUpDialog

MAX_CONFLICT_RETRIES = 3
PRESET_GONE = QT_TRANSLATE_NOOP(
    "cancel",
    "The client who sent this text is no longer booked in this session (another desk has "
    "dealt with it), so nothing was cancelled. Check the session, then mark the reply handled.",
)
Reasons = dict[CancelledBy, list[tuple[int, str]]]
# A standing cancellation's undo facts: extracted SDs that block it, the series' other
# sessions it covered, whether the freed places were taken since, class credits it gave back
# that paid for other classes since.
_UndoFacts = tuple[tuple[str, ...], list[tuple[int, datetime]], FullAgain, SpentCredits]


class CancelOpener:
    """Cancel a session (a conflict reopens the wizard on fresh data), and undo a cancellation."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.c = dialogs

    # -- cancel ----------------------------------------------------------------------------

    def cancel(
        self,
        session_id: int,
        who: CancelledBy | None = None,
        attempt: int = 1,
        preset: CancelPreset | None = None,
        done: Callable[[CancelResult], object] | None = None,
    ) -> None:
        """The wizard; a conflict reloads and reopens it on fresh data.

        `preset` fills in a client's cancellation known in part (a text reply); `done` hears
        the result when it is confirmed.
        """
        self.context(session_id, who, lambda ctx: self._run(ctx, attempt, done), preset)

    def context(
        self,
        session_id: int,
        who: CancelledBy | None,
        then: Callable[[CancelContext], None],
        preset: CancelPreset | None = None,
    ) -> None:
        """Read the session and the reasons, then hand `then` the wizard's context."""

        def read(uow: Any) -> tuple[SessionDetails, Reasons]:
            reasons = {w: cancellation.reasons_for(uow, w) for w in CancelledBy}
            return queries.session_details(uow, session_id), reasons

        def build(pair: tuple[SessionDetails, Reasons]) -> None:
            details, reasons = pair
            desk, ops = self.c.desk, self.c.ops
            then(
                CancelContext(
                    session=details.block,
                    tz=self.c.tz,
                    now=desk.now(),
                    reasons=reasons,
                    can_waive=can(desk.actor, Permission.WAIVE_CHARGE),
                    preview=lambda req, reply: ops.read_reply(  # a preview reads
                        lambda uow: cancellation.preview_cancellation(uow, req), reply
                    ),
                    confirm=lambda req, reply: ops.write_reply(
                        lambda uow: cancellation.cancel(uow, req), reply
                    ),
                    who=who,
                    clock=desk.now,  # Now and a typed "today" count from the practice's clock
                    preset=preset,
                )
            )

        self.c.load(session_id, read, build)

    def _run(
        self, ctx: CancelContext, attempt: int, done: Callable[[CancelResult], object] | None = None
    ) -> None:
        session_id = ctx.session.id
        preset = ctx.preset
        if preset is not None and not any(
            c.booking_id == preset.booking_id and c.status == BookingStatus.BOOKED
            for c in ctx.session.clients
        ):  # cancelled at another desk since: never another client in their name
            self.c.warn(tr("cancel", "Cancel session"), tr("cancel", PRESET_GONE))
            return
        wizard = CancelWizard(ctx, self.c.parent_widget)
        self.c.run_dialog(wizard)
        if wizard.conflict is not None:
            self.c.reloaded(session_id, wizard.conflict)
            if attempt < MAX_CONFLICT_RETRIES:
                self.cancel(session_id, ctx.who, attempt + 1, ctx.preset, done)
            return
        result = wizard.result_
        if result is None:
            return
        if done is not None:
            done(result)
        if wizard.draft.who == CancelledBy.WORKER:
            self._worker_follow_up(session_id, result)
        elif wizard.draft.who == CancelledBy.CLIENT and self.c.offer_place is not None:
            self.c.offer_place(session_id)

    def _worker_follow_up(self, session_id: int, result: CancelResult) -> None:
        """Find a replacement worker or reschedule, as the person chooses."""

        def ask(details: SessionDetails) -> None:
            dialog = WorkerFollowUpDialog(
                self.c.session_label(details),
                len(result.free_workers),
                self.c.parent_widget,
                others=len(result.changes.sessions - {session_id}),
            )
            self.c.run_dialog(dialog)
            if dialog.choice == FollowUp.REPLACE:
                self.c.handle(Action.REPLACE_WORKER.value, session_id)
            elif dialog.choice == FollowUp.RESCHEDULE:
                self.c.handle(Action.RESCHEDULE.value, session_id)

        self.c.load_details(session_id, ask)

    # -- undo ------------------------------------------------------------------------------

    def undo(self, session_id: int, cancellation_id: int | None = None) -> None:
        """The undo dialog for one of the session's standing cancellations: `cancellation_id`
        while it stands, else the only one, or the one chosen when several stand (clients of a
        group who cancelled apart)."""

        def read(uow: Any) -> tuple[SessionDetails, dict[int, _UndoFacts]]:
            details = queries.session_details(uow, session_id)
            facts = {
                c.id: (
                    tuple(undo.extracted_blockers(uow, c.id)),
                    list(undo.series_siblings(uow, c.id)),
                    undo.full_again(uow, c.id),
                    undo.spent_credits(uow, c.id),
                )
                for c in details.cancellations
                if c.undone_at is None
            }
            return details, facts

        def opened(found: tuple[SessionDetails, dict[int, _UndoFacts]]) -> None:
            self._open_undo(session_id, *found, cancellation_id=cancellation_id)

        self.c.load(session_id, read, opened)

    def _open_undo(
        self,
        session_id: int,
        details: SessionDetails,
        facts: dict[int, _UndoFacts],
        cancellation_id: int | None = None,
    ) -> None:
        # Clients of a group who cancelled apart: any of their cancellations can be undone. A
        # session cancelled as a whole is restored first, before anyone's own cancellation.
        choices = queries.undo_choices(details.cancellations)
        if not choices:
            self.c.inform(
                tr("dialogs", "Undo cancellation"),
                tr("dialogs", "This session has no cancellation to undo."),
            )
            return
        target = choices[-1]
        asked = [c for c in choices if c.id == cancellation_id]  # reopened on fresh data
        if asked:
            target = asked[0]
        elif len(choices) > 1:
            which = WhichCancellationDialog(choices, self.c.tz, self.c.parent_widget)
            if self.c.run_dialog(which) != QDialog.DialogCode.Accepted:
                return
            target = which.chosen()
        blockers, siblings, full, spent = facts[target.id]
        version = details.block.version
        ctx = UndoContext(
            target,
            blockers,
            lambda reason, together, reply: self.c.ops.write_reply(
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
            tuple(
                f"{when_text(start.astimezone(self.c.tz), '%a %d %b %Y %H:%M')}"
                for _sid, start in siblings
            ),
            full.here,
            full.series,
            spent.here,
            spent.series,
        )
        dialog = UndoDialog(ctx, self.c.parent_widget)
        # Reopened on the same cancellation, if it still stands.
        if not self.c.run_fresh(dialog, session_id, lambda: self.undo(session_id, target.id)):
            say_result(self.c.parent_widget, dialog.result_)  # a client left owing a credit
