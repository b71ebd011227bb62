"""Accounts ▸ Invoices for a period…: every chosen client's invoice for the days, one PDF each
in a folder, with the list of them; app/services/money/invoice_batch.py says what it writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.services.money.invoice_batch import WHO_LABELS, Who
from app.ui.i18n import tr
from app.ui.money.invoice_dialog import mail_box
from app.ui.ops import Ops
from app.ui.reports.common import LastMonthDialog, Outcome
from app.ui.tasks import Report


def choose_folder(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The folder the user chooses to write into (patched in tests); None when they cancel."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(suggested))
    return Path(chosen) if chosen else None


class InvoicesDialog(LastMonthDialog):
    """The period's invoices of plan-managed participants (or others), saved as PDFs."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops.desk, ops.runner, tr("invoice", "Invoices for a period"), parent, ops)
        self.setObjectName("invoicesDialog")
        self._build_ui()
        self.read_practice_day()

    def _build_ui(self) -> None:
        self.month_fields("invoices", tr("invoice", "From date"), tr("invoice", "To date"))
        self.who = QComboBox(self)
        self.who.setObjectName("invoicesWho")
        self.who.setAccessibleName(tr("invoice", "Whose invoices"))
        for who, label in WHO_LABELS.items():
            self.who.addItem(tr("invoice", label), who.value)
        self.mail = mail_box(
            self, "invoicesMail", tr("invoice", "&E-mail each to the address it names")
        )
        self.save = QPushButton(tr("invoice", "&Save invoices to a folder…"), self)
        self.save.setObjectName("invoicesSave")
        self.save.setDefault(True)
        self.save.clicked.connect(self.export)
        form = QFormLayout()
        form.addRow(tr("invoice", "&From"), self.from_edit)
        form.addRow(tr("invoice", "&To"), self.to_edit)
        form.addRow(tr("invoice", "&Whose"), self.who)
        form.addRow("", self.mail)
        form.addRow("", self.save)
        note = QLabel(
            tr("invoice", "One PDF invoice for each client who has something of these days to "
                          "pay (sessions delivered, late cancellation and no-show charges), "
                          "named by its number, and a CSV list of them with what each is due. "
                          "A plan-managed participant's is addressed to their plan manager. "
                          "Saved again for the same days, each is the same invoice, with any "
                          "payment since."),
            self,
        )  # fmt: skip
        note.setObjectName("invoicesNote")
        note.setWordWrap(True)
        form.addRow(note)
        self.body.addLayout(form)
        self.mark_inputs(self.from_edit, self.to_edit, self.who, self.mail, self.save)
        self.resize(520, max(300, self.heightForWidth(520), self.sizeHint().height()))

    def export(self) -> None:
        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        first, last = period
        who = Who(self.who.currentData() or Who.PLAN)
        mail = self.mail.isChecked()
        folder = choose_folder(self, self.windowTitle(), self.desk.db_export_dir())
        if folder is not None:
            self.chosen = None  # a file that cannot be written names itself
            self.run(
                lambda step: self._job(first, last, who, folder, mail, step),
                tr("invoice", "Saving…"),
            )

    def _job(
        self, first: date, last: date, who: Who, folder: Path, mail: bool, step: Report
    ) -> Outcome:
        # reportlab loads with the first PDF, never at start
        from app.services.money.invoice_batch import write_invoices
        from app.services.money.invoice_mail import queue_invoice_emails

        step(0, 1)
        done = self.desk.read(lambda uow: write_invoices(uow, first, last, who, folder, step))
        said = done.message
        if mail:  # the files are saved: each queued with its PDF, in one short write
            sent = list(zip(done.invoices, done.files, strict=True))
            said += " " + self.desk.write(lambda uow: queue_invoice_emails(uow, sent)).sentence()
        return Outcome(said, done.listing, payload=done)
