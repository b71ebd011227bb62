"""Accounts ▸ Record a remittance…: what a plan manager's one transfer paid against the invoices
of several of their participants, recorded against each (app/services/money/remittance.py).
While invoices are shown, what is due on them follows the payments made here or at another
desk; the amounts typed stay."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from app.errors import FrontDeskError
from app.services.dto import ChangeSet
from app.services.money.invoice import Invoice
from app.services.money.payments import REFERENCE_MAX, amount_from_text
from app.services.vocabulary import format_money
from app.ui.i18n import tr
from app.ui.money.payment_dialog import transfer_method
from app.ui.ops import Ops
from app.ui.reports.common import LastMonthDialog, Outcome
from app.ui.schedule.changes import unknown
from app.ui.tasks import Report

if TYPE_CHECKING:
    from app.services.schedule.changes_since import ChangeFeed

PAYING = 3  # the column of what the remittance paid against each invoice
# What a change must touch for the amounts due shown to be read again (the audit trail's kinds
# of record, app/services/schedule/changes_since.py): payments, write-offs and corrections,
# sessions (what they charge), clients (who their plan manager is).
DUE_TOPICS = frozenset({"payment", "adjustment", "sessions", "clients"})
CATCH_UP_MS = 800  # changes close together are read once


class RemittanceDialog(LastMonthDialog):
    """The plan manager and the days their invoices were made for; each invoice with something
    due, what the remittance paid against it; how and when it came in; Record remittance."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        title = tr("remittance", "Record a plan manager's remittance")
        super().__init__(ops.desk, ops.runner, title, parent, ops)
        self.setObjectName("remittanceDialog")
        self.invoices: list[Invoice] = []
        self.shown: tuple[str, date, date] | None = None  # whose invoices of which days
        self.catch_up = QTimer(self)
        self.catch_up.setSingleShot(True)
        self.catch_up.setInterval(CATCH_UP_MS)
        self.catch_up.timeout.connect(self._catch_up)
        self._build_ui()
        self.read_practice_day()
        self.ops.read(_plan_managers, self._on_managers, self._on_failed)

    def _build_ui(self) -> None:
        self.month_fields("remittance", tr("remittance", "From date"), tr("remittance", "To date"))
        self.manager = QComboBox(self)
        self.manager.setObjectName("remittanceManager")
        self.manager.setAccessibleName(tr("remittance", "Plan manager"))
        self.manager.setMinimumContentsLength(24)
        self.manager.currentIndexChanged.connect(self._forget_shown)
        self.show_button = QPushButton(tr("remittance", "S&how invoices"), self)
        self.show_button.setObjectName("remittanceShow")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(lambda _checked=False: self.show_invoices())
        days = QHBoxLayout()
        days.addWidget(self.from_edit)
        days.addWidget(QLabel(tr("remittance", "to"), self))
        days.addWidget(self.to_edit)
        days.addWidget(self.show_button)
        days.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("remittance", "&Plan manager:"), self.manager)
        days_label = QLabel(tr("remittance", "&Invoices of:"), self)
        days_label.setBuddy(self.from_edit)  # a row of several fields names its first
        form.addRow(days_label, days)
        self.body.addLayout(form)

        self.table = self.listing("remittanceInvoices",
                                  tr("remittance", "Invoices with something due"),
                                  [tr("remittance", "Invoice"), tr("remittance", "Participant"),
                                   tr("remittance", "Due"),
                                   tr("remittance", "Paid by this remittance")])  # fmt: skip
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # The keys go to the amounts: Tab walks down them, not into the table's own cells.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.full = QPushButton(tr("remittance", "Pay each in &full"), self)
        self.full.setObjectName("remittanceFull")
        self.full.clicked.connect(self.pay_each_in_full)
        self.total = QLabel(self)
        self.total.setObjectName("remittanceTotal")
        under = QHBoxLayout()
        under.addWidget(self.full)
        under.addStretch(1)
        under.addWidget(self.total)
        self.body.addLayout(under)

        self.method = transfer_method(self, tr("remittance", "Method"))
        self.received = self.day_field(
            "remittanceReceived", tr("remittance", "Date received"), self.today()
        )
        self.reference = QLineEdit(self)
        self.reference.setAccessibleName(tr("remittance", "Reference"))
        self.reference.setMaxLength(REFERENCE_MAX)
        self.reference.setPlaceholderText(tr("remittance", "The remittance advice's number"))
        self.record = QPushButton(tr("remittance", "&Record remittance"), self)
        self.record.setObjectName("remittanceRecord")
        self.record.clicked.connect(self.record_remittance)
        how = QFormLayout()
        how.addRow(tr("remittance", "&Method:"), self.method)
        how.addRow(tr("remittance", "&Date received:"), self.received)
        how.addRow(tr("remittance", "R&eference:"), self.reference)
        how.addRow("", self.record)
        self.body.addLayout(how)
        self.mark_inputs(self.manager, self.from_edit, self.to_edit, self.show_button, self.table,
                         self.full, self.method, self.received, self.reference, self.record)  # fmt: skip
        self._show_rows([])
        self.open_at(720, 560)

    def show_today(self, today: date) -> None:
        super().show_today(today)
        self.received.set_value(today)

    def _on_managers(self, managers: tuple[tuple[str, str], ...]) -> None:
        self.manager.clear()
        for name, _email in managers:
            self.manager.addItem(name, name)
        if not managers:
            self.error.show_message(
                tr(
                    "remittance",
                    "No client's record names a plan manager yet: add one in a "
                    "plan-managed participant's form (Clients, Edit…, Plan "
                    "manager), then record their remittance.",
                )  # fmt: skip
            )
            self.fit_text()

    def _forget_shown(self) -> None:
        """Another plan manager chosen: the invoices shown were someone else's."""
        if self.shown is not None:
            self.shown = None
            self._show_rows([])
            self.status.clear()
            self.show_button.setDefault(True)

    def show_invoices(self, recorded: str = "") -> None:
        """Read the chosen plan manager's participants' invoices of the days typed; after a
        remittance is `recorded` (its sentence), what is still due on them."""
        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        manager = self.manager.currentText()
        first, last = period

        def job(step: Report) -> Outcome:
            from app.errors import ValidationError
            from app.services.money.remittance import managed_invoices

            step(0, 1)
            try:
                found = self.desk.read(lambda uow: managed_invoices(uow, manager, first, last))
            except ValidationError:
                if not recorded:
                    raise
                found = []  # the remittance paid everything that was due
            return Outcome(recorded, payload=(manager, first, last, found))

        self._show_rows([])
        self.run(job, tr("remittance", "Reading the invoices…"), self._on_invoices)

    # -- following what is paid while the invoices are shown ------------------------------

    def on_changes(self, changes: ChangeSet) -> None:
        """A change at this desk or another: what is due is read again a moment later."""
        if self.shown is not None and (unknown(changes) or changes.topics & DUE_TOPICS):
            self.catch_up.start()

    def on_changed_elsewhere(self, news: ChangeFeed) -> None:
        self.on_changes(news.changes)

    def _catch_up(self) -> None:
        shown = self.shown
        if shown is None:
            return
        if self.busy():
            self.catch_up.start()  # after what runs now
            return
        manager, first, last = shown

        def due(uow: Any) -> list[Invoice]:
            from app.errors import ValidationError
            from app.services.money.remittance import managed_invoices

            try:
                return managed_invoices(uow, manager, first, last)
            except ValidationError:
                return []  # nothing is due on them any more

        self.ops.read(due, lambda found: self._caught_up(shown, found), lambda _exc: None)

    def _caught_up(self, shown: tuple[str, date, date], found: list[Invoice]) -> None:
        """The invoices as they are now, the amounts typed kept against the same invoices."""
        if self.shown != shown or self.busy():
            return  # another list, or a remittance under way: each reads its own
        if _dues(found) == _dues(self.invoices):
            return
        typed = {
            invoice.number: edit.text()
            for row, invoice in enumerate(self.invoices)
            if isinstance(edit := self.table.cellWidget(row, PAYING), QLineEdit) and edit.text()
        }
        self._show_rows(found)
        for row, invoice in enumerate(found):
            edit = self.table.cellWidget(row, PAYING)
            if isinstance(edit, QLineEdit) and invoice.number in typed:
                edit.setText(typed[invoice.number])
        self.status.setText(tr(
            "remittance", "What is due on these invoices changed meanwhile (a payment here or at "
                          "another desk): the list shows it as it is now."))  # fmt: skip

    def _on_invoices(self, outcome: Outcome) -> None:
        manager, first, last, found = outcome.payload
        said = outcome.message or tr(
            "remittance", "{n} invoice(s) with something due of participants of {manager}. Type "
                          "what the remittance paid against each, or Pay each in full."
        ).format(n=len(found), manager=manager)  # fmt: skip
        self._on_done(Outcome(said))
        self.shown = (manager, first, last)
        self._show_rows(found)
        if found and not outcome.message:
            self.record.setDefault(True)
            self.table.cellWidget(0, PAYING).setFocus()

    def _show_rows(self, invoices: list[Invoice]) -> None:
        self.invoices = invoices
        self.table.setRowCount(len(invoices))
        for row, invoice in enumerate(invoices):
            cells = (invoice.number, invoice.client_name, format_money(invoice.due_cents))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            paying = QLineEdit(self.table)
            paying.setAccessibleName(
                tr("remittance", "Paid against {number}").format(number=invoice.number)
            )
            paying.setAlignment(Qt.AlignmentFlag.AlignRight)
            paying.textChanged.connect(self._show_total)
            self.table.setCellWidget(row, PAYING, paying)
        chain = [self.show_button, *(self.table.cellWidget(row, PAYING) for row in
                                     range(len(invoices))), self.full]  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.full.setEnabled(bool(invoices))
        self.record.setEnabled(bool(invoices))
        self._show_total()

    def _amounts(self) -> dict[int, int] | None:
        """Each participant's amount typed (None, said and focused, when one is not money)."""
        amounts: dict[int, int] = {}
        for row, invoice in enumerate(self.invoices):
            edit = self.table.cellWidget(row, PAYING)
            assert isinstance(edit, QLineEdit)
            if not edit.text().strip():
                continue
            try:
                amounts[invoice.client_id] = amount_from_text(edit.text())
            except FrontDeskError as exc:
                self.error.show_message(
                    tr("remittance", "{number}: {why}").format(number=invoice.number, why=exc)
                )
                edit.setFocus()
                return None
        return amounts

    def _show_total(self) -> None:
        total = 0
        for row in range(len(self.invoices)):
            edit = self.table.cellWidget(row, PAYING)
            try:
                total += amount_from_text(edit.text()) if isinstance(edit, QLineEdit) and \
                    edit.text().strip() else 0  # fmt: skip
            except FrontDeskError:
                self.total.setText(tr("remittance", "Total: check the amounts"))
                return
        self.total.setText(tr("remittance", "Total: {total}").format(total=format_money(total)))

    def pay_each_in_full(self) -> None:
        """Fill in every invoice's amount due (then change those the remittance paid less of)."""
        for row, invoice in enumerate(self.invoices):
            edit = self.table.cellWidget(row, PAYING)
            if isinstance(edit, QLineEdit):
                edit.setText(f"{invoice.due_cents // 100}.{invoice.due_cents % 100:02d}")

    def record_remittance(self) -> None:
        if self.busy() or self.shown is None:
            return
        if not self.dates_read(self.received):
            return
        amounts = self._amounts()
        if amounts is None:
            return
        manager, first, last = self.shown
        method, day = str(self.method.currentData()), self.received.value().date()
        reference = self.reference.text()

        def record(uow: Any) -> Any:
            from app.services.money.remittance import record_remittance

            return record_remittance(uow, manager, first, last, method, day, reference, amounts)

        self.error.clear_message()
        self.status.setText(tr("remittance", "Recording…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self._set_inputs_enabled(False)
        self.ops.write(record, self._on_recorded, self._on_failed)

    def _on_recorded(self, recorded: Any) -> None:
        self._on_done(Outcome(recorded.message, payload=recorded))
        self.reference.clear()
        self.show_invoices(recorded.message)  # what is still due on them now


def _dues(invoices: list[Invoice]) -> list[tuple[str, int]]:
    return [(invoice.number, invoice.due_cents) for invoice in invoices]


def _plan_managers(uow: Any) -> tuple[tuple[str, str], ...]:
    from app.services.auth import Permission, require_now
    from app.services.setup.funders import plan_managers

    require_now(uow, Permission.TAKE_PAYMENT)
    return plan_managers(uow)
