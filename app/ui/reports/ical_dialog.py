"""Reports ▸ Export schedule (iCalendar)…: one worker or everyone, a range, a .ics file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QWidget

from app.services.desk import Desk
from app.services.reports.ical import write_ics
from app.services.reports.options import FilterOptions, filter_options
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.reports.common import (
    ExportDialog,
    Outcome,
    choice_combo,
    choose_save_path,
)
from app.ui.tasks import Report, TaskRunner


class IcsExportDialog(ExportDialog):
    """Writes the schedule as an .ics file other calendars can subscribe to or import."""

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(desk, runner, tr("ical", "Export schedule (iCalendar)"), parent, ops)
        self.setObjectName("icsExportDialog")
        self._build_ui()
        self.read_practice_day()
        self.ops.read(filter_options, self._on_options_loaded, self._on_failed)

    def show_today(self, today: date) -> None:
        monday = today - timedelta(days=today.weekday())
        self.from_edit.set_value(monday)
        self.to_edit.set_value(monday + timedelta(days=27))

    def _build_ui(self) -> None:
        today = self.today()
        monday = today - timedelta(days=today.weekday())
        self.worker = choice_combo(
            self, "icsWorker", tr("ical", "Worker"), tr("ical", "Everyone"), []
        )
        self.from_edit = self.day_field("icsFrom", tr("ical", "From date"), monday)
        self.to_edit = self.day_field("icsTo", tr("ical", "To date"), monday + timedelta(days=27))
        self.save = QPushButton(tr("ical", "&Save .ics…"), self)
        self.save.setObjectName("icsSave")
        self.save.setDefault(True)
        self.save.clicked.connect(self.export)
        form = QFormLayout()
        form.addRow(tr("ical", "&Worker"), self.worker)
        form.addRow(tr("ical", "&From"), self.from_edit)
        form.addRow(tr("ical", "&To"), self.to_edit)
        form.addRow("", self.save)
        note = QLabel(
            tr("ical", "Clients are named as chosen in Tools ▸ Calendar feed… (initials unless "
                       "changed). A session deleted for good stays in the file as cancelled, so "
                       "a calendar that imported it takes it off."),
            self,
        )  # fmt: skip
        note.setObjectName("icsNote")
        note.setWordWrap(True)
        form.addRow(note)
        self.body.addLayout(form)
        self.mark_inputs(self.worker, self.from_edit, self.to_edit, self.save)
        self.resize(460, max(300, self.heightForWidth(460), self.sizeHint().height()))

    def _on_options_loaded(self, options: FilterOptions) -> None:
        for choice in options.workers:
            self.worker.addItem(choice.label, choice.id)

    def export(self) -> None:
        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        first, last = period
        worker = self.worker.currentData()
        who = "everyone" if worker is None else f"worker-{worker}"
        name = f"schedule-{who}-{first:%Y-%m-%d}.ics"
        path = choose_save_path(self, self.windowTitle(), self.suggested(name), "iCalendar (*.ics)")
        if path is not None:
            self.run(
                lambda step: self._job(first, last, worker, path, step), tr("ical", "Exporting…")
            )

    def _job(
        self, first: date, last: date, worker: int | None, path: Path, step: Report
    ) -> Outcome:
        step(0, 1)
        events = self.desk.read(lambda uow: write_ics(uow, first, last, path, worker))
        step(1, 1)
        return Outcome(
            tr("ical", "Saved {n} sessions to {path}.").format(n=events, path=path), path
        )
