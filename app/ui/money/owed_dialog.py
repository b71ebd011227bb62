"""Accounts ▸ Amounts owed…: who still owes for sessions of a period, by age, on screen (a
client's account opened from it, to take their payment) or as a CSV
(app/services/money/owed_report.py).

The list on screen follows what changes while it is open, at this desk or another: a moment
after a payment, a charge or a session changes, the lines of the clients it touched are worked
out again in the background and the list takes them in, the chosen client kept chosen.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from app.services.dto import ChangeSet
from app.services.money.owed_report import HEADER, OwedList
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.reports.common import ExportDialog, Outcome, choose_save_path, saved_sentence
from app.ui.tasks import Report

if TYPE_CHECKING:
    from app.services.schedule.changes_since import ChangeFeed

INVOICE_TO = 1  # the column of who the invoice goes to
# The days it opens on: the last six months, every age it sorts by and more.
SPAN = timedelta(days=182)
# How long the list waits after a change before it catches up: a remittance or a busy minute
# at several desks brings many changes, taken in together.
CATCH_UP_MS = 800


class OwedDialog(ExportDialog):
    """The period (the last six months unless typed), then who owes what: listed, each client's
    account a double click away, or saved as a CSV."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops.desk, ops.runner, tr("owed", "Amounts owed"), parent, ops)
        self.setObjectName("owedDialog")
        today = self.today()
        self.from_edit = self.day_field("owedFrom", tr("owed", "From date"), today - SPAN)
        self.to_edit = self.day_field("owedTo", tr("owed", "To date"), today)
        self.show_list = QPushButton(tr("owed", "S&how list"), self)
        self.show_list.setObjectName("owedShow")
        self.show_list.setDefault(True)
        self.show_list.clicked.connect(self.list_owing)
        self.save = QPushButton(tr("owed", "&Save CSV…"), self)
        self.save.setObjectName("owedSave")
        self.save.clicked.connect(self.export)
        actions = QHBoxLayout()
        actions.addWidget(self.show_list)
        actions.addWidget(self.save)
        actions.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("owed", "&From"), self.from_edit)
        form.addRow(tr("owed", "&To"), self.to_edit)
        form.addRow("", actions)
        note = QLabel(
            tr("owed", "Each client who still owes for sessions of these days — delivered, or a "
                       "late cancellation's or no-show's charge, less what was paid and adjusted "
                       "— with how much of it is up to 30 days old, 31–60, 61–90 and over 90, "
                       "most owed first. Double-click a client to open their account."),
            self,
        )  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)
        self.body.addLayout(form)
        self.table = self.listing(
            "owedTable", tr("owed", "Clients who owe"), [tr("owed", h) for h in HEADER]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Who the invoice goes to is long (a plan manager, the participant's number): it shows
        # on the client's name and in the CSV, so the ages keep in sight.
        self.table.setColumnHidden(INVOICE_TO, True)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_chosen())
        self.table.itemSelectionChanged.connect(self._on_chosen)
        self.account = QPushButton(tr("owed", "Open &account"), self)
        self.account.setObjectName("owedAccount")
        self.account.setEnabled(False)
        self.account.clicked.connect(self.open_chosen)
        under = QHBoxLayout()
        under.addWidget(self.account)
        under.addStretch(1)
        self.body.addLayout(under)
        self.owing: list[int] = []  # the clients listed, in the table's order
        self.listed: OwedList | None = None  # what the table shows, while it follows changes
        self.changed = ChangeSet()  # what changed since, not yet taken in
        self.changed_all = False  # a change that named nothing: the whole list again
        self.catching: OwedList | None = None  # the list a catch-up under way started from
        self.catch_up = QTimer(self)
        self.catch_up.setSingleShot(True)
        self.catch_up.setInterval(CATCH_UP_MS)
        self.catch_up.timeout.connect(self._catch_up)
        self.mark_inputs(self.from_edit, self.to_edit, self.show_list, self.save)
        self.open_at(860, 540)
        self.read_practice_day()

    def show_today(self, today: date) -> None:
        self.from_edit.set_value(today - SPAN)
        self.to_edit.set_value(today)

    def export(self) -> None:
        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        first, last = period
        name = f"amounts-owed-{last:%Y-%m-%d}.csv"
        path = choose_save_path(
            self, self.windowTitle(), self.suggested(name), tr("owed", "CSV files (*.csv)")
        )
        if path is not None:
            self.run(lambda step: self._job(first, last, path, step), tr("owed", "Working out…"))

    def list_owing(self) -> None:
        """Show who owes what for the days typed (worked out in the background)."""
        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        first, last = period

        def job(step: Report) -> Outcome:
            from app.services.money.owed_report import who_owes

            step(0, 1)
            owed = self.desk.read(lambda uow: who_owes(uow, first, last, step))
            return Outcome(owed.sentence(), payload=owed)

        self.listed = None
        self._fill([], [])
        self.run(job, tr("owed", "Working out…"), self._on_listed)

    def _on_listed(self, outcome: Outcome) -> None:
        from app.services.money.owed_report import row_of

        self._on_done(outcome)
        owed: OwedList = outcome.payload
        self.listed, self.changed, self.changed_all = owed, ChangeSet(), False
        self._fill([o.client_id for o in owed.owing], [row_of(o) for o in owed.owing])
        if owed.owing:
            self.table.selectRow(0)
            self.table.setFocus()

    # -- following what changes while the list is open ---------------------------------------

    def on_changes(self, changes: ChangeSet) -> None:
        """A change at this desk or another: the list catches up a moment later."""
        if self.listed is None:
            return  # nothing listed yet (or being listed): Show list reads it as it is
        self.changed = self.changed.merge(changes)
        self.changed_all = self.changed_all or not (
            changes.sessions or changes.clients or changes.topics
        )
        self.catch_up.start()

    def on_changed_elsewhere(self, news: ChangeFeed) -> None:
        self.on_changes(news.changes)

    def _catch_up(self) -> None:
        listed = self.listed
        if listed is None:
            return
        if self.busy() or self.catching is not None:
            self.catch_up.start()  # after what runs now
            return
        changes = ChangeSet() if self.changed_all else self.changed
        self.changed, self.changed_all, self.catching = ChangeSet(), False, listed
        from app.services.money.owed_report import owed_again

        self.ops.read(lambda uow: owed_again(uow, listed, changes), self._on_caught_up,
                      self._on_catch_up_failed)  # fmt: skip

    def _on_caught_up(self, owed: OwedList) -> None:
        from app.services.money.owed_report import nobody_owes, row_of

        started, self.catching = self.catching, None
        if started is None or self.listed is not started:
            return  # listed again meanwhile: that list is newer
        chosen = self._chosen_client()
        self.listed = owed
        self._fill([o.client_id for o in owed.owing], [row_of(o) for o in owed.owing])
        if chosen in self.owing:
            self.table.selectRow(self.owing.index(chosen))
        self.status.setText(owed.sentence() if owed.owing else nobody_owes(owed.first, owed.last))

    def _on_catch_up_failed(self, _exc: Exception) -> None:
        """The list stays as it was (the database away, say); the next change tries again."""
        self.catching = None

    def _chosen_client(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.owing):
            return None
        return self.owing[rows[0].row()]

    def _fill(self, clients: list[int], rows: list[tuple[str, ...]]) -> None:
        self.owing = clients
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setToolTip(tr("owed", "Invoice to: {to}").format(to=row[INVOICE_TO]))
                if 2 <= c <= 6 or c == 8:  # amounts and the count
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self._on_chosen()

    def _on_chosen(self) -> None:
        self.account.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def open_chosen(self) -> None:
        """The chosen client's account, to take their payment or see what they owe for (a
        payment taken there leaves the list as every change does)."""
        chosen = self._chosen_client()
        if chosen is None:
            return
        from app.ui.money.account import open_account

        open_account(self.parentWidget() or self, self.ops, chosen)

    def _job(self, first: date, last: date, path: Path, step: Report) -> Outcome:
        from app.services.money.owed_report import write_owed_csv

        step(0, 1)
        owed = self.desk.read(lambda uow: write_owed_csv(uow, first, last, path, step))
        said = f"{owed.sentence()} {saved_sentence('csv', len(owed.owing), path)}"
        return Outcome(said, path, payload=owed)
