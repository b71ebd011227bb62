"""Record a payment of it… in a client's invoice dialog: what the plan manager (or the client)
paid against the invoice of the days shown, recorded session by session
(app/services/money/invoice_payment.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.services.money.payments import REFERENCE_MAX, amount_from_text
from app.ui.dates import Clock, date_field
from app.ui.i18n import tr
from app.ui.money.payment_dialog import transfer_method
from app.ui.ops import OneCall, Ops
from app.ui.sessions.common import ErrorLine


class InvoicePaymentDialog(QDialog):
    """Method, amount, day received and reference of one payment of an invoice."""

    def __init__(
        self,
        ops: Ops,
        client_id: int,
        period: tuple[date, date],
        label: str,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops, self.client_id, self.period = ops, client_id, period
        self.setWindowTitle(tr("invoice", "Record a payment of the invoice"))
        self.setObjectName("invoicePaymentDialog")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        said = QLabel(label, self)
        said.setWordWrap(True)
        layout.addWidget(said)
        form = QFormLayout()
        layout.addLayout(form)
        self.method = transfer_method(self, tr("invoice", "Method"))
        form.addRow(tr("invoice", "Method:"), self.method)
        self.amount = QLineEdit(self)
        self.amount.setAccessibleName(tr("invoice", "Amount"))
        self.amount.setPlaceholderText(tr("invoice", "What was received, e.g. 95.00"))
        form.addRow(tr("invoice", "Amount:"), self.amount)
        self.received = date_field(self, clock().date(), tr("invoice", "Date received"), now=clock)
        form.addRow(tr("invoice", "Date received:"), self.received)
        self.reference = QLineEdit(self)
        self.reference.setAccessibleName(tr("invoice", "Reference"))
        self.reference.setMaxLength(REFERENCE_MAX)
        self.reference.setPlaceholderText(tr("invoice", "Remittance or transaction no."))
        form.addRow(tr("invoice", "Reference:"), self.reference)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("invoice", "&Record payment")
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.call = OneCall(self, self.buttons, self.error.show_message)
        self.amount.setFocus()

    def _on_ok(self) -> None:
        if self.call.busy:
            return
        if not self.received.commit():
            self.error.show_message(self.received.error_text())
            return
        try:
            cents = amount_from_text(self.amount.text())
        except FrontDeskError as exc:
            self.error.show_message(str(exc))
            self.amount.setFocus()
            return
        from app.services.money.invoice_payment import pay_invoice

        cid, (first, last) = self.client_id, self.period
        method, day = str(self.method.currentData()), self.received.value().date()
        reference = self.reference.text()
        self.call.start(lambda reply: self.ops.write_reply(
            lambda uow: pay_invoice(uow, cid, first, last, method, cents, day, reference), reply))  # fmt: skip
