"""Reports ▸ Extract SDs for claiming…: preview a period, extract to a file, or re-export a batch."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.errors import ConflictError
from app.services.auth import Permission
from app.services.desk import Desk
from app.services.reports.claim_file import ClaimLine
from app.services.reports.extraction import (
    ExtractionPreview,
    ExtractionResult,
    extract_sds,
    preview_extraction,
    reexport_batch,
)
from app.services.vocabulary import format_money
from app.ui.i18n import tr
from app.ui.messages import ask
from app.ui.ops import Ops
from app.ui.reports.common import (
    LastMonthDialog,
    Outcome,
    choose_save_path,
    day_of,
)
from app.ui.screen_fit import open_size
from app.ui.tasks import Report, TaskRunner


class ExtractionDialog(LastMonthDialog):
    """Preview → Extract; afterwards lists the sessions whose undo/delete is now blocked."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.EXTRACT_SDS

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(desk, runner, tr("extract", "Extract SDs for claiming"), parent, ops)
        self.setObjectName("extractionDialog")
        self.preview: ExtractionPreview | None = None
        self._build_ui()
        self._connect_signals()
        self.read_practice_day()

    def _build_ui(self) -> None:
        self.month_fields("extract", tr("extract", "From date"), tr("extract", "To date"))
        self.from_edit.setFocus()  # the first thing a person fills
        self.preview_button = QPushButton(tr("extract", "&Preview"), self)
        self.preview_button.setObjectName("extractPreview")
        self.summary = QLabel(tr("extract", "Press Preview to see what would be claimed."), self)
        self.summary.setObjectName("extractSummary")
        self.summary.setWordWrap(True)
        self.extract_button = QPushButton(tr("extract", "&Extract to file…"), self)
        self.extract_button.setObjectName("extractRun")
        self.extract_button.setEnabled(False)
        self.batch = QSpinBox(self)
        self.batch.setObjectName("extractBatch")
        self.batch.setAccessibleName(tr("extract", "Batch number"))
        self.batch.setRange(1, 1_000_000)
        self.reexport_button = QPushButton(tr("extract", "&Re-export batch…"), self)
        self.reexport_button.setObjectName("extractReexport")
        self.locked = QListWidget(self)
        self.locked.setObjectName("extractLocked")
        self.locked.setAccessibleName(tr("extract", "Sessions now blocked"))
        self.locked_caption = QLabel(
            tr("extract", "After extracting, the sessions whose undo or delete is now blocked:"),
            self,
        )
        self.locked_caption.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("extract", "&From"), self.from_edit)
        form.addRow(tr("extract", "&To"), self.to_edit)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.extract_button)
        actions.addStretch(1)
        again = QHBoxLayout()
        again.addWidget(QLabel(tr("extract", "Earlier batch:"), self))
        again.addWidget(self.batch)
        again.addWidget(self.reexport_button)
        again.addStretch(1)
        for part in (form, actions):
            self.body.addLayout(part)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.locked_caption)
        self.body.addWidget(self.locked, 1)
        self.body.addLayout(again)
        self.mark_inputs(
            self.from_edit, self.to_edit, self.preview_button, self.batch, self.reexport_button
        )
        # The blocked sessions show once an extraction has blocked some (`show_locked`).
        self.locked_caption.hide()
        self.locked.hide()
        open_size(self, 560, self.sizeHint().height())

    def _connect_signals(self) -> None:
        self.preview_button.clicked.connect(self.show_preview)
        self.extract_button.clicked.connect(self.extract)
        self.reexport_button.clicked.connect(self.reexport)
        self.from_edit.dateChanged.connect(self._forget_preview)
        self.to_edit.dateChanged.connect(self._forget_preview)

    def _forget_preview(self) -> None:
        """The dates changed (or the SDs were extracted): what was previewed no longer holds."""
        self.preview = None
        self.extract_button.setEnabled(False)
        self.summary.setText(tr("extract", "Press Preview to see what would be claimed."))

    def _set_inputs_enabled(self, enabled: bool) -> None:
        super()._set_inputs_enabled(enabled)
        # Greyed while anything runs (no second extraction meanwhile), and without a preview.
        self.extract_button.setEnabled(
            enabled and self.preview is not None and self.preview.count > 0
        )

    def show_preview(self) -> None:
        period = self.period(self.from_edit, self.to_edit)
        if period is None:
            return
        first, last = period
        self.ops.read(
            lambda uow: preview_extraction(uow, first, last), self._on_preview, self._on_failed
        )

    def _on_preview(self, preview: ExtractionPreview) -> None:
        self.preview = preview
        counted = tr("extract", "{n} SD(s) not yet extracted, {money} in total.").format(
            n=preview.count, money=format_money(preview.total_cents)
        )
        lines = [preview.nothing or counted, *preview.skipped]
        self.summary.setText("\n".join(lines))
        self.extract_button.setEnabled(preview.count > 0)

    def extract(self) -> None:
        """Confirm, choose the file, then extract and mark in one transaction (background)."""
        if not self.dates_read(self.from_edit, self.to_edit):
            return
        if self.preview is None:  # a date typed since the preview was read just now
            self.error.show_message(
                tr(
                    "extract",
                    "The dates changed since the preview. Press Preview to see what would be "
                    "claimed for them, then extract.",
                )
            )
            return
        if not self.preview.count:
            return
        first, last = day_of(self.from_edit), day_of(self.to_edit)
        question = tr(
            "extract",
            "Mark {n} SD(s) as extracted for claiming? Undoing those cancellations and deleting "
            "those sessions will no longer be possible.",
        ).format(n=self.preview.count)
        if not ask(self, self.windowTitle(), question):
            return
        name = f"ndis-claim-{first:%Y-%m-%d}-to-{last:%Y-%m-%d}.csv"
        path = choose_save_path(self, self.windowTitle(), self.suggested(name), "CSV (*.csv)")
        if path is None:
            return
        shown = self.preview.lines  # what was confirmed
        self.run(lambda step: self._extract(first, last, path, shown, step),
                 tr("extract", "Extracting…"))  # fmt: skip

    def _extract(
        self, first: date, last: date, path: Path, shown: tuple[ClaimLine, ...], step: Report
    ) -> Outcome:
        step(0, 1)
        result = self.desk.write(lambda uow: extract_sds(uow, first, last, path, previewed=shown))
        self.desk.checkpoint("claim export")
        step(1, 1)
        return self._outcome(result)

    def reexport(self) -> None:
        batch = self.batch.value()
        path = choose_save_path(
            self, self.windowTitle(), self.suggested(f"ndis-claim-batch-{batch}.csv"), "CSV (*.csv)"
        )
        if path is not None:
            self.run(
                lambda _step: self._outcome(
                    self.desk.read(lambda uow: reexport_batch(uow, batch, path))
                ),
                tr("extract", "Writing the batch again…"),
            )

    def _outcome(self, result: ExtractionResult) -> Outcome:
        return Outcome(result.message, result.path, tuple(result.skipped), result)

    def _on_failed(self, exc: Exception) -> None:
        super()._on_failed(exc)
        if isinstance(exc, ConflictError):  # the preview no longer holds: Preview again
            self._forget_preview()

    def _on_done(self, outcome: Outcome) -> None:
        super()._on_done(outcome)
        self._forget_preview()
        if isinstance(outcome.payload, ExtractionResult):
            self.show_locked(outcome.payload)

    def show_locked(self, result: ExtractionResult) -> None:
        """List the sessions whose undo or delete the extraction now blocks."""
        self.locked.clear()
        for s in result.locked:
            self.locked.addItem(f"{s.label} — {', '.join(s.blocks)}")
        self.locked_caption.setVisible(bool(result.locked))
        self.locked.setVisible(bool(result.locked))
        if result.locked:  # room for the list, within the screen
            open_size(self, self.width(), max(self.height(), self.sizeHint().height() + 160))
