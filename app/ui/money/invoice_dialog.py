"""Invoice… in a client's account: the sessions of a period that cost the client, as a PDF
invoice (addressed to a plan-managed participant's plan manager); app/services/money/invoice.py
says what it lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPushButton, QWidget

from app.i18n import when_text
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.reports.common import LastMonthDialog, Outcome, choose_save_path
from app.ui.tasks import Report


def mail_box(parent: QWidget, name: str, text: str) -> QCheckBox:
    """The tick that e-mails what is saved, each invoice to the address it names."""
    box = QCheckBox(text, parent)
    box.setObjectName(name)
    box.setAccessibleName(text.replace("&", ""))
    box.setToolTip(tr("invoice", "Queued in the outbox with the PDF attached: to the plan "
                                 "manager's e-mail of a plan-managed participant, else to the "
                                 "client's."))  # fmt: skip
    return box


class InvoiceDialog(LastMonthDialog):
    """One client's invoice for the days chosen, saved as a PDF."""

    def __init__(self, ops: Ops, client_id: int, name: str, parent: QWidget | None = None) -> None:
        title = tr("invoice", "Invoice for {name}").format(name=name)
        super().__init__(ops.desk, ops.runner, title, parent, ops)
        self.setObjectName("invoiceDialog")
        self.client_id, self.name = client_id, name
        self._build_ui()
        self.read_practice_day()

    def _build_ui(self) -> None:
        self.month_fields("invoice", tr("invoice", "From date"), tr("invoice", "To date"))
        self.mail = mail_box(
            self, "invoiceMail", tr("invoice", "&E-mail it to the address it names")
        )
        self.save = QPushButton(tr("invoice", "&Save invoice PDF…"), self)
        self.save.setObjectName("invoiceSave")
        self.save.setDefault(True)
        self.save.clicked.connect(self.export)
        form = QFormLayout()
        form.addRow(tr("invoice", "&From"), self.from_edit)
        form.addRow(tr("invoice", "&To"), self.to_edit)
        self.pay = QPushButton(tr("invoice", "Record a &payment of it…"), self)
        self.pay.setObjectName("invoicePay")
        self.pay.setToolTip(tr("invoice", "What the plan manager (or the client) paid against "
                                          "this invoice, recorded on its sessions oldest first."))  # fmt: skip
        self.pay.clicked.connect(self.record_payment)
        form.addRow("", self.mail)
        form.addRow("", self.save)
        form.addRow("", self.pay)
        note = QLabel(
            tr("invoice", "Lists each session of these days that costs the client: delivered, "
                          "or a late cancellation's or no-show's charge, with what was paid and "
                          "what is due. A plan-managed participant's invoice is addressed to "
                          "their plan manager."),
            self,
        )  # fmt: skip
        note.setObjectName("invoiceNote")
        note.setWordWrap(True)
        form.addRow(note)
        self.body.addLayout(form)
        self.mark_inputs(self.from_edit, self.to_edit, self.mail, self.save, self.pay)
        self.resize(460, max(280, self.heightForWidth(460), self.sizeHint().height()))

    def export(self) -> None:
        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        first, last = period
        safe = "".join(ch if ch.isalnum() else "-" for ch in self.name).strip("-")
        name = f"invoice-{safe}-{first:%Y-%m}.pdf"
        path = choose_save_path(
            self, self.windowTitle(), self.suggested(name), tr("invoice", "PDF files (*.pdf)")
        )
        mail = self.mail.isChecked()
        if path is not None:
            self.run(
                lambda step: self._job(first, last, path, mail, step), tr("invoice", "Saving…")
            )

    def record_payment(self) -> None:
        """Record a payment of it…: the payment of the invoice of the days shown."""
        from app.ui.money.invoice_payment_dialog import InvoicePaymentDialog

        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        first, last = period
        label = tr("invoice", "The invoice of {name} for {first} to {last}").format(
            name=self.name, first=when_text(first, "%d %b %Y"), last=when_text(last, "%d %b %Y")
        )
        dialog = InvoicePaymentDialog(self.ops, self.client_id, period, label, self.practice_now,
                                      self)  # fmt: skip
        if dialog.exec() and getattr(dialog, "result_", None) is not None:
            self.status.setText(dialog.result_.message)  # type: ignore[attr-defined]
            self.error.clear_message()
            self.fit_text()

    def _job(self, first: date, last: date, path: Path, mail: bool, step: Report) -> Outcome:
        # reportlab loads with the first PDF, never at start
        from app.services.money.invoice_mail import queue_invoice_emails
        from app.services.money.invoice_pdf import write_invoice_pdf

        step(0, 1)
        cid = self.client_id
        done = self.desk.read(lambda uow: write_invoice_pdf(uow, cid, first, last, path))
        said = done.message
        if mail and done.invoice is not None:  # saved: queued with its PDF, in one short write
            sent = [(done.invoice, done.path)]
            said += " " + self.desk.write(lambda uow: queue_invoice_emails(uow, sent)).sentence()
        step(1, 1)
        return Outcome(said, done.path)
