"""File ▸ Print day sheet… (Ctrl+P): each worker's sessions of a day, to print or to save.

The day is the one the schedule shows; Print… (the default button, so Ctrl+P then Enter)
builds the PDF in the background and shows it in the print preview. Save PDF… and Save CSV…
write the same sheet to a file.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QPushButton, QWidget

from app.i18n import translate, when_text
from app.services.desk import Desk
from app.services.reports.day_sheet import (
    DaySheet,
    day_sheet,
    render_day_sheet_pdf,
    write_day_sheet_csv,
)
from app.services.schedule.dto import WorkerRow
from app.services.schedule.queries import list_workers
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.printing.document import PrintDocument
from app.ui.reports.common import (
    ExportDialog,
    Outcome,
    choice_combo,
    choose_save_path,
    day_of,
    saved_sentence,
)
from app.ui.tasks import Report, TaskRunner


def sheet_lines(sheet: DaySheet) -> str:
    """ "12 sessions for 4 workers." """
    n, w = sheet.sessions, len(sheet.workers)
    sessions = translate("printing", "%n session(s)", None, n)
    workers = translate("printing", "%n worker(s)", None, w)
    return tr("printing", "{sessions} for {workers}.").format(sessions=sessions, workers=workers)


class DaySheetDialog(ExportDialog):
    """The day, one worker or all, cancelled sessions or not; then Print…, Save PDF…, Save CSV…"""

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        ops: Ops | None = None,
        day: date | None = None,
    ) -> None:
        super().__init__(desk, runner, tr("printing", "Day sheet"), parent, ops)
        self.setObjectName("daySheetDialog")
        self.chosen_day = day
        self._build_ui()
        if day is None:
            self.read_practice_day()  # the practice's today, once its time zone is read
        self.ops.read(list_workers, self._on_workers, self._on_failed)

    def show_day(self, day: date) -> None:
        """Set the day (the schedule's, each time the dialog is opened from the window)."""
        self.chosen_day = day
        self.day_edit.set_value(day)

    def show_today(self, today: date) -> None:
        if self.chosen_day is None:
            self.day_edit.set_value(today)

    def _build_ui(self) -> None:
        self.day_edit = self.day_field(
            "daySheetDay", tr("printing", "Day"), self.chosen_day or self.today()
        )
        self.worker = choice_combo(
            self, "daySheetWorker", tr("printing", "Worker"), tr("printing", "All workers"), []
        )
        self.include_cancelled = QCheckBox(tr("printing", "Include &cancelled sessions"), self)
        self.include_cancelled.setObjectName("daySheetCancelled")
        self.include_cancelled.setChecked(True)
        self.include_cancelled.setToolTip(
            tr("printing", "Cancelled sessions are listed greyed, so the desk knows who rang.")
        )
        form = QFormLayout()
        form.addRow(tr("printing", "&Day"), self.day_edit)
        form.addRow(tr("printing", "&Worker"), self.worker)
        form.addRow("", self.include_cancelled)
        self.print_button = QPushButton(tr("printing", "&Print…"), self)
        self.print_button.setObjectName("printDaySheet")
        self.print_button.setDefault(True)
        self.save_pdf = QPushButton(tr("printing", "Save PD&F…"), self)
        self.save_pdf.setObjectName("saveDaySheetPdf")
        self.save_csv = QPushButton(tr("printing", "Save C&SV…"), self)
        self.save_csv.setObjectName("saveDaySheetCsv")
        self.print_button.clicked.connect(self.print_sheet)
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self.save_csv.clicked.connect(lambda: self.save("csv"))
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.print_button, self.save_pdf, self.save_csv):
            row.addWidget(button)
        self.body.addLayout(form)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.mark_inputs(
            self.day_edit, self.worker, self.include_cancelled, self.print_button,
            self.save_pdf, self.save_csv,
        )  # fmt: skip
        self.day_edit.setFocus()
        self.resize(440, self.sizeHint().height())

    def _on_workers(self, workers: list[WorkerRow]) -> None:
        for w in workers:
            self.worker.addItem(w.name, w.id)

    def _read(self, day: date, worker_id: int | None, cancelled: bool) -> DaySheet:
        return self.desk.read(
            lambda uow: day_sheet(uow, day, include_cancelled=cancelled, worker_id=worker_id)
        )

    def _choices(self) -> tuple[date, int | None, bool]:
        return day_of(self.day_edit), self.worker.currentData(), self.include_cancelled.isChecked()

    def print_sheet(self) -> None:
        """Print…: the day sheet's PDF, built in the background, in the print preview."""
        if not self.dates_read(self.day_edit):
            return
        day, worker_id, cancelled = self._choices()
        self.print_pdf(
            lambda step: self._print_job(day, worker_id, cancelled, step),
            tr("printing", "Laying out the day sheet…"),
        )

    def _print_job(
        self, day: date, worker_id: int | None, cancelled: bool, step: Report
    ) -> PrintDocument:
        step(0, 2)
        sheet = self._read(day, worker_id, cancelled)
        step(1, 2)
        buffer = io.BytesIO()
        pages = render_day_sheet_pdf(sheet, buffer)
        step(2, 2)
        title = tr("printing", "Day sheet {day}").format(
            day=f"{when_text(day, '%a')} {day.day} {when_text(day, '%b %Y')}"
        )
        return PrintDocument(title, buffer.getvalue(), pages)

    def save(self, kind: str) -> None:
        """Ask where, then write the day sheet as PDF or CSV in the background."""
        if not self.dates_read(self.day_edit):
            return
        day, worker_id, cancelled = self._choices()
        path = choose_save_path(
            self,
            tr("printing", "Save the day sheet"),
            self.suggested(f"day-sheet-{day:%Y-%m-%d}.{kind}"),
            "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)",
        )
        if path is None:
            return
        self.run(
            lambda step: self._save_job(day, worker_id, cancelled, kind, path, step),
            tr("printing", "Writing the day sheet…"),
        )

    def _save_job(
        self, day: date, worker_id: int | None, cancelled: bool, kind: str, path: Path,
        step: Report,
    ) -> Outcome:  # fmt: skip
        step(0, 2)
        sheet = self._read(day, worker_id, cancelled)
        step(1, 2)
        if kind == "pdf":
            text = saved_sentence(kind, render_day_sheet_pdf(sheet, path), path)
        else:
            text = saved_sentence(kind, write_day_sheet_csv(sheet, path), path)
        step(2, 2)
        return Outcome(text, path, (sheet_lines(sheet),))
