"""Opens the dialogs of a session's money and records — take a payment, the clinical note, insurer
billing — and acts on the details panel's links (remove a payment, a client's account).

One of the dialogs controller's openers (app/ui/sessions/controller.py): every read and write goes
through its `Ops`, off the GUI thread; a dialog opens when its read arrives. The wiring
(app/ui/start/wiring.py) has it `watch` the window's details panel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from app.errors import FrontDeskError
from app.services.auth import Permission, can
from app.services.boundary import as_enum
from app.services.money import insurance, payments
from app.services.money.payments import (
    AdjustmentKind,
    AdjustmentRequest,
    MoneyLine,
    PaymentMethod,
    PaymentRequest,
)
from app.services.records import notes
from app.services.schedule import details as queries
from app.services.schedule.details import SessionDetails
from app.services.vocabulary import Action, typed_money
from app.ui import format as fmt
from app.ui.dates import Clock, practice_clock
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.messages import Destructive, ask_destructive, inform, say_result, warn
from app.ui.money.insurance_dialog import ClaimDraft, InsuranceContext, InsuranceDialog
from app.ui.money.payment_dialog import PAYMENT, MoneyDraft, PaymentContext, PaymentDialog
from app.ui.opening import Dialogs
from app.ui.ops import Reply
from app.ui.records.note_dialog import NoteContext, NoteDialog
from app.ui.schedule.details import DetailsPanel
from app.ui.setup.widgets import told_apart


class RecordsOpener:
    """The money-and-records half of the dialogs controller."""

    def __init__(self, dialogs: Dialogs) -> None:
        self.c = dialogs
        self.panel: DetailsPanel | None = None
        # The destructive question (replaceable in tests that drive it without a loop).
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(
            self.c.parent_widget, q
        )

    def handlers(self) -> dict[Action, Callable[[int], None]]:
        return {
            Action.TAKE_PAYMENT: self.take_payment,
            Action.NOTE: self.note,
            Action.BILL_INSURER: self.bill_insurer,
        }

    def watch(self, panel: DetailsPanel) -> None:
        """Follow the details panel's links; offer each user only the links their role has."""
        self.panel = panel
        panel.can = lambda permission: can(self.c.desk.actor, permission)
        panel.record_requested.connect(self._on_panel_record_requested)

    def _on_panel_record_requested(self, what: str, number: int) -> None:
        if what == "account":
            self.client_account(number)
        elif what in ("remove_payment", "remove_adjustment"):
            self.remove(what.removeprefix("remove_"), number)
        elif what in (Action.TAKE_PAYMENT.value, Action.NOTE.value, Action.BILL_INSURER.value):
            self.c.handle(what, number)

    # -- helpers ------------------------------------------------------------------------------

    def _clock(self) -> Clock:
        """The practice's clock: its today is where a day typed or picked starts."""
        return practice_clock(self.c.desk.now, self.c.tz)

    def _today(self) -> date:
        return self._clock()().date()

    @staticmethod
    def _clients(details: SessionDetails) -> list[tuple[int, str]]:
        """The session's clients to choose from; two of one name carry their record number."""
        return told_apart([(c.client_id, c.client_name) for c in details.block.clients])

    # -- payments and adjustments -------------------------------------------------------------

    def take_payment(self, session_id: int) -> None:
        """The payment dialog (adjustments too, for a manager)."""

        def show(details: SessionDetails) -> None:
            version = details.block.version
            ctx = PaymentContext(
                label=self.c.session_label(details),
                clients=self._clients(details),
                clock=self._clock(),
                can_adjust=can(self.c.desk.actor, Permission.POST_ADJUSTMENT),
                post=lambda draft, reply: self._post(session_id, version, draft, reply),
            )
            dialog = PaymentDialog(ctx, self.c.parent_widget)
            if not self.c.run_fresh(dialog, session_id, lambda: self.take_payment(session_id)):
                say_result(self.c.parent_widget, dialog.result_)

        self.c.load_details(session_id, show)

    def _post(self, session_id: int, version: int, draft: MoneyDraft, reply: Reply) -> None:
        def write(uow: Any) -> object:
            cents = payments.amount_from_text(draft.amount_text)
            if draft.kind == PAYMENT:
                request = PaymentRequest(
                    session_id,
                    draft.client_id,
                    as_enum(
                        PaymentMethod, draft.method, QT_TRANSLATE_NOOP("fields", "payment method")
                    ),
                    cents,
                    draft.received_on or self._today(),
                    draft.reference,
                    draft.note,
                    expected_version=version,
                    more_than_owed=draft.more_than_owed,
                )
                return payments.post_payment(uow, request)
            kind = as_enum(AdjustmentKind, draft.kind, QT_TRANSLATE_NOOP("fields", "adjustment"))
            adjustment = AdjustmentRequest(session_id, draft.client_id, kind, cents, draft.note,
                                           expected_version=version)  # fmt: skip
            return payments.post_adjustment(uow, adjustment)

        self.c.ops.write_reply(write, reply)

    def remove(self, kind: str, record_id: int) -> None:
        """Ask for the reason (the safe button is the default), then remove the line."""
        shown = self.panel.details if self.panel is not None else None
        line: MoneyLine | None = next(
            (m for m in (shown.money if shown else ()) if m.kind == kind and m.id == record_id),
            None,
        )
        what = tr("details", "payment") if kind == "payment" else tr("details", "adjustment")
        facts = (
            f"{fmt.money(line.amount_cents)} {line.detail} — {line.client_name}"
            if line is not None
            else f"#{record_id}"
        )
        reason = self.ask(
            Destructive(
                tr("details", "Remove {what}").format(what=what),
                tr("details", "Remove this {what} from the session?").format(what=what),
                tr("details", "Remove {what}").format(what=what),
                tr("details", "Keep {what}").format(what=what),
                (facts, tr("details", "The audit log keeps what was removed, by whom and why.")),
                tr("details", "Why is it being removed? (required)"),
            )
        )
        if reason is None:
            return
        remove = payments.remove_payment if kind == "payment" else payments.remove_adjustment
        self.c.ops.write(
            lambda uow: remove(uow, record_id, reason),
            lambda result: say_result(self.c.parent_widget, result),
            lambda exc: self._refused(exc),
        )

    def _refused(self, exc: FrontDeskError) -> None:
        warn(self.c.parent_widget, tr("dialogs", "Not possible"), exc.message)

    def client_account(self, client_id: int) -> None:
        """The client's account (balance, credits, purchases, payments)."""
        try:
            from app.ui.money.account import open_account
        except ImportError:  # the account screen is not part of this build
            inform(
                self.c.parent_widget,
                tr("details", "Client account"),
                tr("details", "The client account screen is not part of this build yet."),
            )
            return
        parent = self.c.parent_widget
        if parent is not None:
            open_account(parent, self.c.ops, client_id)

    # -- the clinical note --------------------------------------------------------------------

    def note(self, session_id: int, kept: str | None = None) -> None:
        """The session's note: write, save, finalize — or read it when it is finalized. Written,
        changed or finalized at another desk meanwhile, it says so and opens again on the note
        as it is now, keeping the text typed here (`kept`)."""

        def read(uow: Any) -> tuple[SessionDetails, notes.NoteView | None]:
            return queries.session_details(uow, session_id), notes.session_note(uow, session_id)

        def show(found: tuple[SessionDetails, notes.NoteView | None]) -> None:
            details, note = found

            def saver(finalize: bool) -> Callable[[str, str | None, Reply], None]:
                return lambda body, revision, reply: self.c.ops.write_reply(
                    lambda uow: notes.save_note(
                        uow, session_id, body, revision=revision, finalize=finalize
                    ),
                    reply,
                )

            ctx = NoteContext(self.c.session_label(details), note, self.c.tz, saver(False),
                              saver(True), kept)  # fmt: skip
            dialog = NoteDialog(ctx, self.c.parent_widget)
            if not self.c.run_fresh(
                dialog, session_id, lambda: self.note(session_id, dialog.typed)
            ):
                say_result(self.c.parent_widget, dialog.result_)

        self.c.load(session_id, read, show)

    # -- insurer or funder billing ------------------------------------------------------------

    def bill_insurer(self, session_id: int) -> None:
        """Who the session was billed to; afterwards it can never be deleted. Another desk's
        change or billing meanwhile says so and opens the dialog again on the fresh session."""

        def read(uow: Any) -> tuple[SessionDetails, tuple[str, ...]]:
            return queries.session_details(uow, session_id), insurance.funder_names(uow)

        def show(found: tuple[SessionDetails, tuple[str, ...]]) -> None:
            details, funders = found
            version = details.block.version

            def mark(draft: ClaimDraft, reply: Reply, check: bool = False) -> None:
                self._mark(session_id, version, draft, reply, check=check)

            ctx = InsuranceContext(
                label=self.c.session_label(details),
                clients=self._clients(details),
                funders=funders,
                clock=self._clock(),
                amount_text=typed_money(details.block.price_cents),
                check=lambda draft, reply: mark(draft, reply, check=True),
                mark=mark,
                billed=[self._billed(c) for c in details.claims],
            )
            dialog = InsuranceDialog(ctx, self.c.parent_widget)
            if not self.c.run_fresh(dialog, session_id, lambda: self.bill_insurer(session_id)):
                say_result(self.c.parent_widget, dialog.result_)

        self.c.load(session_id, read, show)

    @staticmethod
    def _billed(claim: insurance.ClaimLine) -> str:
        return tr(
            "insurance", "Already billed: {funder}, claim {number}, {amount}, for {client}."
        ).format(
            funder=claim.funder,
            number=claim.claim_number,
            amount=fmt.money(claim.amount_cents),
            client=claim.client_name,
        )

    def _mark(
        self, session_id: int, version: int, draft: ClaimDraft, reply: Reply, *,
        check: bool = False,
    ) -> None:  # fmt: skip
        """The claim checked (a read: what the desk confirms), or marked (one write); each
        against the session as the desk saw it (`version`)."""

        def request() -> insurance.ClaimRequest:
            cents = payments.amount_from_text(
                draft.amount_text, QT_TRANSLATE_NOOP("fields", "amount billed")
            )
            return insurance.ClaimRequest(session_id, draft.client_id, draft.funder,
                                          draft.claim_number, draft.billed_on, cents,
                                          expected_version=version)  # fmt: skip

        if check:
            self.c.ops.read_reply(lambda uow: insurance.check_claim(uow, request()), reply)
        else:
            self.c.ops.write_reply(lambda uow: insurance.mark_billed(uow, request()), reply)
