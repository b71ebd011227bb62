"""Take a payment on a session (method, amount, day received, reference), or — for a manager —
post a write-off, discount or correction. The dialog fills a draft; the service decides. Like
every session dialog one write finishes (`WriteDialog`), it closes when another desk changed the
session meanwhile, so its opener says so and opens it again on the fresh session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConfirmationNeeded
from app.services.money.payments import NOTE_MAX, REFERENCE_MAX, AdjustmentKind, PaymentMethod
from app.ui.dates import Clock, date_field
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.ops import OneCall, Outcome, Reply
from app.ui.sessions.common import ErrorLine, WriteDialog, banner

PAYMENT = "payment"
KINDS: dict[str, str] = {
    PAYMENT: QT_TRANSLATE_NOOP("payment", "Payment received"),
    AdjustmentKind.WRITE_OFF.value: QT_TRANSLATE_NOOP("payment", "Write-off"),
    AdjustmentKind.DISCOUNT.value: QT_TRANSLATE_NOOP("payment", "Discount"),
    AdjustmentKind.CORRECTION.value: QT_TRANSLATE_NOOP("payment", "Correction"),
}
METHODS: dict[PaymentMethod, str] = {
    PaymentMethod.CASH: QT_TRANSLATE_NOOP("payment", "Cash"),
    PaymentMethod.CARD: QT_TRANSLATE_NOOP("payment", "Card"),
    PaymentMethod.EFTPOS: QT_TRANSLATE_NOOP("payment", "EFTPOS"),
    PaymentMethod.BANK_TRANSFER: QT_TRANSLATE_NOOP("payment", "Bank transfer"),
    PaymentMethod.CHEQUE: QT_TRANSLATE_NOOP("payment", "Cheque"),
    PaymentMethod.OTHER: QT_TRANSLATE_NOOP("payment", "Other"),
}


def transfer_method(parent: QWidget, accessible: str) -> QComboBox:
    """The method of money a plan manager (or a client) sent against an invoice: every method,
    on bank transfer, the way invoices ask to be paid."""
    combo = QComboBox(parent)
    combo.setAccessibleName(accessible)
    for method, text in METHODS.items():
        combo.addItem(tr("payment", text), method.value)
    combo.setCurrentIndex(combo.findData(PaymentMethod.BANK_TRANSFER.value))
    return combo


@dataclass(frozen=True)
class MoneyDraft:
    """What was typed: a payment (kind "payment") or an adjustment (its kind's value)."""

    kind: str
    client_id: int
    amount_text: str
    note: str
    method: str = ""
    received_on: date | None = None
    reference: str = ""
    more_than_owed: bool = False  # the desk said to record more than is still owed anyway


@dataclass(frozen=True)
class PaymentContext:
    label: str  # the session, as dialogs name it
    clients: Sequence[tuple[int, str]]  # (client id, name) of the session's bookings
    clock: Clock  # the practice's: the day received starts on its today
    can_adjust: bool  # adjustments are a manager's
    post: Callable[[MoneyDraft, Reply], None]
    client_id: int | None = None  # the client to start with


class PaymentDialog(WriteDialog):
    """One payment (or adjustment) for one of the session's clients."""

    def __init__(self, ctx: PaymentContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("payment", "Take payment"))
        self.setObjectName("paymentDialog")
        self.setMinimumWidth(440)
        self._build_ui()
        self._connect_signals()
        self._sync()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        session = QLabel(self.ctx.label, self)
        session.setWordWrap(True)
        layout.addWidget(session)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.kind = self._combo(tr("payment", "What"), [(PAYMENT, tr("payment", KINDS[PAYMENT]))])
        if self.ctx.can_adjust:
            for value, label in list(KINDS.items())[1:]:
                self.kind.addItem(tr("payment", label), value)
        else:
            self.kind.setToolTip(
                tr("payment", "Write-offs, discounts and corrections are posted by a manager.")
            )
        self.client = self._combo(tr("payment", "Client"), self.ctx.clients)
        if self.ctx.client_id is not None:
            self.client.setCurrentIndex(max(0, self.client.findData(self.ctx.client_id)))
        self.method = self._combo(
            tr("payment", "Method"), [(m.value, tr("payment", t)) for m, t in METHODS.items()]
        )
        self.amount = self._line(tr("payment", "Amount"), 14, "0.00")
        self.received = date_field(self, self.ctx.clock().date(), tr("payment", "Date received"),
                                   now=self.ctx.clock)  # fmt: skip
        self.form.addRow(tr("payment", "Date received") + ":", self.received)
        self.reference = self._line(
            tr("payment", "Reference"), REFERENCE_MAX, tr("payment", "Receipt or transaction no.")
        )
        self.note = self._line(tr("payment", "Note"), NOTE_MAX, tr("payment", "Optional"))
        self.sign_help = banner(
            tr(
                "payment",
                "A correction adds the amount to what the client owes; type a minus sign "
                "(e.g. -5.00) to take it off.",
            ),
            parent=self,
        )
        layout.addWidget(self.sign_help)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.call = OneCall(self, self.buttons, self.error.show_message)
        layout.addWidget(self.buttons)
        # Several clients and none chosen yet: the client first, so a payment typed straight
        # in is never recorded for whoever happens to be listed first.
        several = self.ctx.client_id is None and len(self.ctx.clients) > 1
        (self.client if several else self.amount).setFocus()

    def _combo(self, name: str, items: Sequence[tuple[object, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for value, text in items:
            combo.addItem(text, value)
        self.form.addRow(name + ":", combo)
        return combo

    def _line(self, name: str, limit: int, placeholder: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setAccessibleName(name)
        line.setMaxLength(limit)
        line.setPlaceholderText(placeholder)
        self.form.addRow(name + ":", line)
        return line

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(lambda _i: self._sync())
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

    def _is_payment(self) -> bool:
        return bool(self.kind.currentData() == PAYMENT)

    def _sync(self) -> None:
        paying = self._is_payment()
        for widget in (self.method, self.received, self.reference):
            self.form.setRowVisible(widget, paying)
        self.note.setPlaceholderText(
            tr("payment", "Optional") if paying else tr("payment", "Why (required)")
        )
        self.sign_help.setVisible(self.kind.currentData() == AdjustmentKind.CORRECTION.value)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(
            tr("payment", "&Record payment") if paying else tr("payment", "&Record adjustment")
        )
        self.setWindowTitle(
            tr("payment", "Take payment") if paying else tr("payment", "Post an adjustment")
        )

    def draft(self) -> MoneyDraft:
        """What the person typed and chose, as they left it."""
        paying = self._is_payment()
        return MoneyDraft(
            kind=str(self.kind.currentData()),
            client_id=int(self.client.currentData()),
            amount_text=self.amount.text(),
            note=self.note.text(),
            method=str(self.method.currentData()) if paying else "",
            received_on=self.received.value().date() if paying else None,
            reference=self.reference.text() if paying else "",
        )

    def _on_ok(self) -> None:
        if self.call.busy:
            return
        if self.client.currentData() is None:
            self.error.show_message(
                tr("payment", "No client is booked in this session; book the client first.")
            )
            return
        if self._is_payment() and not self.received.commit():
            self.error.show_message(self.received.error_text())
            return
        self._post(self.draft())

    def _post(self, draft: MoneyDraft) -> None:
        self.call.start(lambda reply: self.ctx.post(draft, reply), lambda o: self._answer(draft, o))

    def _answer(self, draft: MoneyDraft, outcome: Outcome[object]) -> None:
        """More than is still owed is asked about first (the service's question); going back
        to correct the amount is the default, and only "Record anyway" records it."""
        if not isinstance(outcome.error, ConfirmationNeeded):
            self._on_reply(outcome)
            return
        question = Destructive(
            tr("payment", "More than is owed"),
            outcome.error.message,
            tr("payment", "Record anyway"),
            tr("payment", "Go back and correct it"),
        )
        if ask_destructive(self, question) is None:
            self.amount.setFocus()
            self.amount.selectAll()
            return
        self._post(replace(draft, more_than_owed=True))
