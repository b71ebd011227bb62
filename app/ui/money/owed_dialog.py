"""Accounts ▸ Amounts owed…: who still owes for sessions of a period, by age, as a CSV
(app/services/money/owed_report.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QWidget

from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.reports.common import ExportDialog, Outcome, choose_save_path, saved_sentence
from app.ui.tasks import Report

# The days it opens on: the last six months, every age it sorts by and more.
SPAN = timedelta(days=182)


class OwedDialog(ExportDialog):
    """The period (the last six months unless typed), then the CSV of who owes what."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops.desk, ops.runner, tr("owed", "Amounts owed"), parent, ops)
        self.setObjectName("owedDialog")
        today = self.today()
        self.from_edit = self.day_field("owedFrom", tr("owed", "From date"), today - SPAN)
        self.to_edit = self.day_field("owedTo", tr("owed", "To date"), today)
        self.save = QPushButton(tr("owed", "&Save CSV…"), self)
        self.save.setObjectName("owedSave")
        self.save.setDefault(True)
        self.save.clicked.connect(self.export)
        form = QFormLayout()
        form.addRow(tr("owed", "&From"), self.from_edit)
        form.addRow(tr("owed", "&To"), self.to_edit)
        form.addRow("", self.save)
        note = QLabel(
            tr("owed", "Each client who still owes for sessions of these days — delivered, or a "
                       "late cancellation's or no-show's charge, less what was paid and adjusted "
                       "— with how much of it is up to 30 days old, 31–60, 61–90 and over 90, "
                       "most owed first."),
            self,
        )  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)
        self.body.addLayout(form)
        self.mark_inputs(self.from_edit, self.to_edit, self.save)
        self.resize(480, max(260, self.heightForWidth(480), self.sizeHint().height()))
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

    def _job(self, first: date, last: date, path: Path, step: Report) -> Outcome:
        from app.services.money.owed_report import write_owed_csv

        step(0, 1)
        owed = self.desk.read(lambda uow: write_owed_csv(uow, first, last, path, step))
        said = f"{owed.sentence()} {saved_sentence('csv', len(owed.owing), path)}"
        return Outcome(said, path, payload=owed)
