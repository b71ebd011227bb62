"""Reports ▸ Audit log…: filter by user, action, dates and record; sort by any column; export."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from app.i18n import when_text
from app.services.audit.verify import ChainReport
from app.services.auth import Permission
from app.services.desk import Desk
from app.services.reports.audit_log import (
    AuditExport,
    AuditFilter,
    AuditLog,
    AuditOptions,
    AuditRow,
    audit_log,
    audit_options,
    verify,
    write_audit_csv,
)
from app.services.reports.pdf_audit import render_audit_pdf
from app.ui.i18n import tr
from app.ui.models.table import SORT_ROLE, Column, DtoTableModel, SortProxy
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
from app.ui.screen_fit import open_size
from app.ui.tasks import Report, TaskRunner


def columns(zone: Callable[[], ZoneInfo]) -> list[Column[AuditRow]]:
    """Every column sorts by its own value (the event number and time numerically)."""
    return [
        Column(
            tr("audit", "Event"), lambda r: str(r.id), sort_key=lambda r: r.id, align_right=True
        ),
        Column(
            tr("audit", "When"),
            lambda r: f"{when_text(r.occurred_at.astimezone(zone()), '%d %b %Y %H:%M:%S')}",
            sort_key=lambda r: r.occurred_at,
        ),
        Column(tr("audit", "User"), lambda r: r.username),
        Column(tr("audit", "Action"), lambda r: r.action),
        Column(
            tr("audit", "Record"),
            lambda r: r.record,
            sort_key=lambda r: (r.entity, r.entity_id or 0),
        ),
        Column(
            tr("audit", "Session"),
            lambda r: str(r.session_id or ""),
            sort_key=lambda r: r.session_id or 0,
            align_right=True,
        ),
        Column(tr("audit", "Outcome"), lambda r: r.outcome),
        Column(tr("audit", "Changes"), lambda r: r.changes, tooltip=lambda r: r.changes),
    ]


MAX_PROBLEMS = 200  # more than anyone reads; `frontdesk audit verify --full` lists them too
RECORD_MAX = 2_000_000_000  # record numbers are positive database ids
RECORD_TYPED_MAX = 20


def record_number(typed: str, locale: QLocale) -> int | None:
    """The record number typed, None when blank; digits may be grouped as the desk's language
    writes them ("1,000", "1 000"). ValueError for anything else, or a number out of range."""
    text = "".join(typed.split())  # spaces people type between groups, of any width
    if not text:
        return None
    number, ok = locale.toLongLong(text)
    if not ok:  # the group separator of English, whatever the desk's language
        number, ok = QLocale.c().toLongLong(text)
    if not ok or not 1 <= number <= RECORD_MAX:
        raise ValueError(typed)
    return number


class AuditLogDialog(ExportDialog):
    """The audit trail as a sortable table, its filters above, its exports and the chain check."""

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
        super().__init__(desk, runner, tr("audit", "Audit log"), parent, ops)
        self.setObjectName("auditLogDialog")
        self.log: AuditLog | None = None
        self._build_ui()
        self._connect_signals()
        self.read_practice_day()
        self.ops.read(audit_options, self._on_options_loaded, self._on_failed)
        self.apply_filters()

    def show_today(self, today: date) -> None:
        self.from_edit.set_value(today - timedelta(days=30))
        self.to_edit.set_value(today)

    def show_zone(self) -> None:
        self.model.layoutChanged.emit()  # the times shown in the practice's zone

    def _build_ui(self) -> None:
        filters = self._build_filters()
        self._build_table()
        actions = self._build_actions()
        self.body.addLayout(filters)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.chain)  # its own row: the verdict, then a restore it names
        self.body.addWidget(self.problems)
        self.body.addLayout(actions)
        self.mark_inputs(
            self.apply, self.verify_button, self.snapshots, self.export_csv, self.export_pdf,
            self.print_button,
        )  # fmt: skip
        open_size(self, 1100, 640)

    def _build_filters(self) -> QGridLayout:
        """User, action and record on the first row; the dates and Apply on the second."""
        today = self.today()
        self.user = choice_combo(
            self, "auditUser", tr("audit", "User"), tr("audit", "All users"), []
        )
        self.action = choice_combo(
            self, "auditAction", tr("audit", "Action"), tr("audit", "All actions"), []
        )
        self.record = QLineEdit(self)
        self.record.setObjectName("auditRecord")
        self.record.setAccessibleName(tr("audit", "Record or session number"))
        self.record.setPlaceholderText(tr("audit", "Record or session #"))
        self.record.setMaxLength(RECORD_TYPED_MAX)
        self.use_from = QCheckBox(tr("audit", "&From"), self)
        self.use_to = QCheckBox(tr("audit", "&To"), self)
        self.from_edit = self.day_field(
            "auditFrom", tr("audit", "From date"), today - timedelta(days=30)
        )
        self.to_edit = self.day_field("auditTo", tr("audit", "To date"), today)
        self.apply = QPushButton(tr("audit", "&Apply filters"), self)
        self.apply.setObjectName("auditApply")
        self.apply.setDefault(True)
        grid = QGridLayout()
        for col, (label, widget) in enumerate(
            ((tr("audit", "&User"), self.user), (tr("audit", "A&ction"), self.action),
             (tr("audit", "&Record"), self.record))
        ):  # fmt: skip
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, col * 2)
            grid.addWidget(widget, 0, col * 2 + 1)
        grid.addWidget(self.use_from, 1, 0)
        grid.addWidget(self.from_edit, 1, 1)
        grid.addWidget(self.use_to, 1, 2)
        grid.addWidget(self.to_edit, 1, 3)
        grid.addWidget(self.apply, 1, 5)
        return grid

    def _build_table(self) -> None:
        """The events, newest first, sorted by any column through the proxy."""
        self.model: DtoTableModel[AuditRow] = DtoTableModel(columns(lambda: self.tz), self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(tr("audit", "Audit events"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._size_columns()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # Widths in characters of the table's font, never narrower than the heading needs.
        char = self.table.fontMetrics().averageCharWidth()
        for col, chars in enumerate((9, 21, 16, 27, 19, 10, 10)):
            header.resizeSection(col, max(chars * char, header.sectionSizeHint(col)))
        # The stretched last column ("Changes") keeps room for its heading on a narrow window:
        # the table scrolls across instead.
        header.setMinimumSectionSize(header.sectionSizeHint(header.count() - 1))

    def _build_actions(self) -> QHBoxLayout:
        """The count and the chain check, the problems it found, the exports and Print."""
        self.count = QLabel(self)
        self.count.setObjectName("auditCount")
        self.chain = QLabel(self)
        self.chain.setObjectName("auditChain")
        self.chain.setWordWrap(
            True
        )  # the verdict, then a restore it names: never wider than the window
        self.verify_button = QPushButton(tr("audit", "&Verify chain"), self)
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.setToolTip(
            tr("audit", "Re-read every event: links, signatures, the shown text and checkpoints.")
        )
        self._build_problems()
        self.snapshots = QCheckBox(
            tr("audit", "Include full before/after &snapshots (larger file, slower)"), self
        )
        self.snapshots.setObjectName("auditSnapshots")
        self.snapshots.setToolTip(
            tr("audit", "Adds each event's full record before and after the change to the CSV.")
        )
        self.export_csv = QPushButton(tr("audit", "Export &CSV…"), self)
        self.export_csv.setObjectName("auditCsv")
        self.export_pdf = QPushButton(tr("audit", "Export &PDF…"), self)
        self.export_pdf.setObjectName("auditPdf")
        self.print_button = QPushButton(tr("audit", "Pr&int…"), self)
        self.print_button.setObjectName("auditPrint")
        self.print_button.setToolTip(
            tr("audit", "The events shown, as their PDF prints, in a preview.")
        )
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.snapshots)
        for button in (self.export_csv, self.export_pdf, self.print_button):
            actions.addWidget(button)
        return actions

    def _build_problems(self) -> None:
        # What the check found, one sentence a line; shown only when the trail is damaged.
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("auditProblems")
        self.problems.setAccessibleName(tr("audit", "Problems found in the audit trail"))
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(self.fontMetrics().height() * 7)
        self.problems.hide()

    def _connect_signals(self) -> None:
        self.apply.clicked.connect(self.apply_filters)
        self.record.returnPressed.connect(self.apply_filters)
        self.user.activated.connect(lambda _i: self.apply_filters())
        self.action.activated.connect(lambda _i: self.apply_filters())
        self.use_from.toggled.connect(self.from_edit.setEnabled)
        self.use_to.toggled.connect(self.to_edit.setEnabled)
        self.verify_button.clicked.connect(self.verify_chain)
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self.print_button.clicked.connect(self.print_log)
        self.from_edit.setEnabled(False)
        self.to_edit.setEnabled(False)

    def _on_options_loaded(self, options: AuditOptions) -> None:
        for name in options.usernames:
            self.user.addItem(name, name)
        for action in options.actions:
            self.action.addItem(action, action)

    def current_filter(self) -> AuditFilter:
        """The filters as set; ValueError when the record number can't be read."""
        return AuditFilter(
            username=self.user.currentData(),
            action=self.action.currentData(),
            date_from=day_of(self.from_edit) if self.use_from.isChecked() else None,
            date_to=day_of(self.to_edit) if self.use_to.isChecked() else None,
            record_id=record_number(self.record.text(), self.locale()),
        )

    def apply_filters(self) -> None:
        """Reload the events for the filters, off the GUI thread."""
        if not self.dates_read(self.from_edit, self.to_edit):  # the ticked ones
            return
        try:
            flt = self.current_filter()
        except ValueError:
            self.error.show_message(
                tr(
                    "audit",
                    "“{typed}” is not a record number. Type the number shown in the Record or "
                    "Session column (for example 1042), or clear the box to see every record.",
                ).format(typed=self.record.text().strip())
            )
            return
        self.error.clear_message()
        self.ops.read(lambda uow: audit_log(uow, flt), self._on_loaded, self._on_failed)

    def _on_loaded(self, log: AuditLog) -> None:
        self.log = log
        self.model.set_rows(log.rows)
        self._fit_columns()
        text = tr("audit", "{n} events").format(n=len(log.rows))
        if log.truncated:
            text += tr("audit", " (the newest shown; narrow the filters for older ones)")
        self.count.setText(text)

    def _fit_columns(self) -> None:
        """Widen each column but Changes to what its rows need: the time of an event and its
        record are read whole ("16 Mar 2026 14:45:00", "insurance_claim #1"), never cut to "…".
        Changes stretches over the rest and shows its whole text as a tooltip."""
        header = self.table.horizontalHeader()
        for col in range(header.count() - 1):
            needed = self.table.sizeHintForColumn(col)
            if needed > header.sectionSize(col):
                header.resizeSection(col, needed)

    def verify_chain(self) -> None:
        self.ops.read(verify, self._on_verified, self._on_failed)

    def _on_verified(self, report: ChainReport) -> None:
        self.chain.setText(report.summary())
        self.chain.show()
        self.problems.setPlainText("\n".join(report.problems[:MAX_PROBLEMS]))
        self.problems.setVisible(not report.ok)
        colour = "#2e7d32" if report.ok else "#b3261e"
        self.chain.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def export(self, kind: str) -> None:
        """Write the events shown (same filters) as CSV or PDF."""
        log = self.log
        if log is None:
            return
        stamp = f"{self.today():%Y-%m-%d}"  # the practice's day, not the computer's
        path = choose_save_path(
            self,
            tr("audit", "Export the audit log"),
            self.suggested(f"audit-log-{stamp}.{kind}"),
            "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)",
        )
        if path is not None:
            full = kind == "csv" and self.snapshots.isChecked()
            self.run(lambda step: self._job(log, kind, path, full, step), tr("audit", "Exporting…"))

    def _job(self, log: AuditLog, kind: str, path: Path, full: bool, step: Report) -> Outcome:
        step(0, 1)
        if kind == "pdf":
            text = saved_sentence(kind, render_audit_pdf(log, path), path)
        else:
            export = AuditExport.of(log, snapshots=full)
            rows = self.desk.read(lambda uow: write_audit_csv(uow, export, path))
            text = saved_sentence(kind, rows, path, unit="events")
        self.desk.checkpoint("audit export")
        step(1, 1)
        return Outcome(text, path)

    def print_log(self) -> None:
        """Print…: the events shown (same filters), as the PDF export lays them out."""
        log = self.log
        if log is None:
            return
        self.print_pdf(
            lambda step: self._print_job(log, step), tr("audit", "Laying out the pages…")
        )

    def _print_job(self, log: AuditLog, step: Report) -> PrintDocument:
        step(0, 1)
        buffer = io.BytesIO()
        pages = render_audit_pdf(log, buffer)
        self.desk.checkpoint("audit print")
        step(1, 1)
        return PrintDocument(tr("audit", "Audit log"), buffer.getvalue(), pages)
