"""Reports ▸ Cancellation report…: a period and filters, then "Print…", "Save PDF…" or "Save CSV…"."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from app.i18n import translate
from app.services.auth import Permission
from app.services.desk import Desk
from app.services.reports import (
    CancellationReport,
    ReportFilters,
    cancellation_report,
    render_cancellation_pdf,
    write_cancellation_csv,
)
from app.services.reports.formatting import period_text
from app.services.reports.options import FilterOptions, filter_options
from app.services.vocabulary import CancelledBy, format_money
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
from app.ui.setup.widgets import told_apart
from app.ui.tasks import Report, TaskRunner

WHO = (
    (CancelledBy.CLIENT, "Client"),
    (CancelledBy.WORKER, "Worker"),
    (CancelledBy.PRACTICE, "Practice"),
)


def this_month(today: date) -> tuple[date, date]:
    """The calendar month of `today`: its first and last day."""
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def summary_line(report: CancellationReport) -> str:
    """ "1 cancellation, 3 no-shows, charges $120.00.": each count with its own plural."""
    s = report.summary
    cancelled, missed = s.cancellations, s.no_shows  # plain names: lupdate reads no attributes
    cancellations = translate("reports", "%n cancellation(s)", None, cancelled)
    no_shows = translate("reports", "%n no-show(s)", None, missed)
    return tr("reports", "{cancellations}, {no_shows}, charges {money}.").format(
        cancellations=cancellations, no_shows=no_shows, money=format_money(s.charges_cents)
    )


def left_out_line(report: CancellationReport) -> tuple[str, ...]:
    """ "3 cancellations later undone are not shown.", when the box was left unticked."""
    n = report.undone_left_out
    if not n:
        return ()
    if n == 1:  # the verb follows the count too: a sentence of its own
        return (tr("reports", "1 cancellation later undone is not shown."),)
    return (translate("reports", "%n cancellations later undone are not shown.", None, n),)


class CancellationReportDialog(ExportDialog):
    """Collects a ReportFilters; the report is built and written in the background."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.REPORTS

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(desk, runner, tr("reports", "Cancellation report"), parent, ops)
        self.setObjectName("cancellationReportDialog")
        self._build_ui()
        self._connect_signals()
        self.read_practice_day()
        self.ops.read(filter_options, self._on_options_loaded, self._on_failed)

    def show_today(self, today: date) -> None:
        first, last = this_month(today)
        self.from_edit.set_value(first)
        self.to_edit.set_value(last)

    def _build_ui(self) -> None:
        form = self._build_filters()
        row = self._build_buttons()
        self.body.addLayout(form)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.mark_inputs(
            self.from_edit, self.to_edit, self.worker, self.service, self.reason, self.who,
            self.client, self.include_undone, self.save_pdf, self.save_csv, self.print_button,
        )  # fmt: skip
        self.resize(480, self.sizeHint().height())

    def _build_filters(self) -> QFormLayout:
        """The period, then what the report is limited to, then whether undone ones are listed."""
        first, last = this_month(self.today())
        self.from_edit = self.day_field("reportFrom", tr("reports", "From date"), first)
        self.to_edit = self.day_field("reportTo", tr("reports", "To date"), last)
        self.from_edit.setFocus()  # the first thing a person fills
        self.worker = self._combo(
            "reportWorker", tr("reports", "Worker"), tr("reports", "All workers")
        )
        self.service = self._combo(
            "reportService", tr("reports", "Service"), tr("reports", "All services")
        )
        self.reason = self._combo(
            "reportReason", tr("reports", "Reason"), tr("reports", "All reasons")
        )
        self.who = choice_combo(
            self, "reportWho", tr("reports", "Cancelled by"), tr("reports", "Anyone"),
            [(w, tr("reports", label)) for w, label in WHO],
        )  # fmt: skip
        self.client = self._combo(
            "reportClient", tr("reports", "Client"), tr("reports", "All clients")
        )
        form = QFormLayout()
        form.addRow(tr("reports", "&From"), self.from_edit)
        form.addRow(tr("reports", "&To"), self.to_edit)
        form.addRow(tr("reports", "&Worker"), self.worker)
        form.addRow(tr("reports", "&Service"), self.service)
        form.addRow(tr("reports", "&Reason"), self.reason)
        form.addRow(tr("reports", "Cancelled &by"), self.who)
        form.addRow(tr("reports", "C&lient"), self.client)
        # Undone cancellations are never counted; listed (greyed) only when ticked.
        self.include_undone = QCheckBox(tr("reports", "I&nclude undone cancellations"), self)
        self.include_undone.setObjectName("reportIncludeUndone")
        self.include_undone.setToolTip(
            tr("reports", "List cancellations later undone, greyed; they are never counted.")
        )
        form.addRow("", self.include_undone)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        self.save_pdf = QPushButton(tr("reports", "Save &PDF…"), self)
        self.save_pdf.setObjectName("savePdf")
        self.save_csv = QPushButton(tr("reports", "Save &CSV…"), self)
        self.save_csv.setObjectName("saveCsv")
        self.save_pdf.setDefault(True)
        self.print_button = QPushButton(tr("reports", "Pr&int…"), self)
        self.print_button.setObjectName("printReport")
        self.print_button.setToolTip(tr("reports", "The report as its PDF prints, in a preview."))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_pdf)
        row.addWidget(self.save_csv)
        return row

    def _connect_signals(self) -> None:
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self.save_csv.clicked.connect(lambda: self.save("csv"))
        self.print_button.clicked.connect(self.print_report)

    def _combo(self, name: str, accessible: str, everything: str) -> QComboBox:
        return choice_combo(self, name, accessible, everything, [])

    def _on_options_loaded(self, options: FilterOptions) -> None:
        for combo, choices in (
            (self.worker, options.workers),
            (self.service, options.services),
            (self.reason, options.reasons),
            (self.client, options.clients),
        ):
            for i, label in told_apart([(c.id, c.label) for c in choices]):
                combo.addItem(label, i)

    def filters(self) -> ReportFilters:
        """The draft the dialog collected."""
        return ReportFilters(
            day_of(self.from_edit),
            day_of(self.to_edit),
            worker_id=self.worker.currentData(),
            service_id=self.service.currentData(),
            reason_id=self.reason.currentData(),
            cancelled_by=self.who.currentData(),
            client_id=self.client.currentData(),
            include_undone=self.include_undone.isChecked(),
        )

    def save(self, kind: str) -> None:
        """Ask where, then build and write the report in the background."""
        if self.period(self.from_edit, self.to_edit) is None:
            return
        f = self.filters()
        name = f"cancellations-{f.date_from:%Y-%m-%d}-to-{f.date_to:%Y-%m-%d}.{kind}"
        title = tr("reports", "Save the cancellation report")
        filters = "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)"
        path = choose_save_path(self, title, self.suggested(name), filters)
        if path is None:
            return
        self.run(lambda step: self._job(f, kind, path, step), tr("reports", "Building the report…"))

    def _job(self, f: ReportFilters, kind: str, path: Path, step: Report) -> Outcome:
        step(0, 3)
        report = self.desk.read(lambda uow: cancellation_report(uow, f))
        step(1, 3)
        if kind == "pdf":
            text = saved_sentence(kind, render_cancellation_pdf(report, path), path)
        else:
            text = saved_sentence(kind, write_cancellation_csv(report, path), path)
        self.desk.checkpoint("report export")
        step(3, 3)
        return Outcome(text, path, (summary_line(report), *left_out_line(report)))

    def print_report(self) -> None:
        """Print…: the report's PDF, built in the background, in the print preview."""
        if self.period(self.from_edit, self.to_edit) is None:
            return
        f = self.filters()
        self.print_pdf(lambda step: self._print_job(f, step), tr("reports", "Building the report…"))

    def _print_job(self, f: ReportFilters, step: Report) -> PrintDocument:
        step(0, 2)
        report = self.desk.read(lambda uow: cancellation_report(uow, f))
        step(1, 2)
        buffer = io.BytesIO()
        pages = render_cancellation_pdf(report, buffer)
        self.desk.checkpoint("report print")
        step(2, 2)
        title = tr("reports", "Cancellation report {period}").format(
            period=period_text(f.date_from, f.date_to)
        )
        return PrintDocument(title, buffer.getvalue(), pages)
