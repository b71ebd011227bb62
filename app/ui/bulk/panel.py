"""The jobs panel: bulk cancellations running in the background with a progress bar, stopped and
resumed; undoing a job is `undoing.py`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import BlockedError, FrontDeskError
from app.i18n import when_text
from app.services.auth import Permission, can
from app.services.bulk import jobs as bulk_jobs
from app.services.bulk import plan as bulk
from app.services.bulk import run as bulk_run
from app.services.bulk import undo as bulk_undo
from app.services.desk import Desk
from app.services.dto import ChangeSet
from app.services.vocabulary import JobStatus
from app.ui import messages
from app.ui.bulk.dialog import BulkCancelDialog, BulkDraft
from app.ui.bulk.questions import stop_question
from app.ui.bulk.undoing import JobUndo
from app.ui.i18n import tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.models.table import Column, DtoTableModel, fit_columns, with_table_rows
from app.ui.ops import Ops, Reply, failure_sentence
from app.ui.schedule.changes import touches_jobs
from app.ui.tasks import Report, TaskRunner


def job_columns(tz: ZoneInfo) -> list[Column[bulk_jobs.JobRow]]:
    return [
        Column(tr("jobs", "Job"), lambda j: f"#{j.id}", sort_key=lambda j: j.id),
        Column(
            tr("jobs", "Created"),
            lambda j: f"{when_text(j.created_at.astimezone(tz), '%d %b %H:%M')}",
        ),
        Column(tr("jobs", "Reason"), lambda j: j.reason),
        Column(tr("jobs", "Progress"), lambda j: f"{j.done}/{j.total}"),
        Column(tr("jobs", "Status"), lambda j: j.status.value),
    ]


class JobsPanel(QWidget):
    """Runs and lists bulk jobs; the desk keeps working while they run."""

    changed = Signal(object)  # ChangeSet
    started = Signal(int)  # a job (or its undo) began working: the window shows the panel

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        tz: ZoneInfo,
        parent: QWidget | None = None,
        *,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.runner, self.tz = desk, runner, tz
        self.ops = ops or Ops(desk, runner, self.changed.emit, self)
        self.last_job: int | None = None
        self.running: set[int] = set()  # jobs cancelling or being undone at this desk
        self.cancelling: set[int] = set()  # of those, the ones cancelling (Stop job… stops them)
        # Sessions per transaction: fewer in a test that watches the job batch by batch.
        self.batch_size = bulk_run.BATCH_SIZE
        self.undoing = JobUndo(self)
        self.run_dialog: Callable[[QDialog], int] = lambda d: d.exec()
        # The question before a stop or an undo (replaceable in tests that drive the panel
        # without a loop).
        self.confirm: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.show_message: Callable[[str, str], None] = lambda title, text: messages.inform(
            self, title, text
        )
        layout = QVBoxLayout(self)
        self.status = QLabel(tr("jobs", "No bulk cancellation running."), self)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr("jobs", "Bulk cancellation progress"))
        self.progress.hide()
        self.model: DtoTableModel[bulk_jobs.JobRow] = DtoTableModel(job_columns(tz), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("jobs", "Bulk cancellations"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch=2)  # the reason takes the room left
        self.stop_button = QPushButton(tr("jobs", "&Stop job…"), self)
        self.stop_button.setAccessibleName(tr("jobs", "Stop the running bulk cancellation"))
        self.resume_button = QPushButton(tr("jobs", "Resu&me job"), self)
        self.resume_button.setAccessibleName(
            tr("jobs", "Resume the selected stopped bulk cancellation")
        )
        self.undo_button = QPushButton(tr("jobs", "&Undo job…"), self)
        self.undo_button.setAccessibleName(tr("jobs", "Undo the selected bulk cancellation"))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        for button in (self.stop_button, self.resume_button, self.undo_button):
            row.addWidget(button)
            # Enabled by the role (the window's gates); Stop and Resume show when they apply.
            button.setEnabled(can(desk.actor, Permission.BULK_CANCEL))
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        self.stop_button.clicked.connect(self.stop_selected)
        self.resume_button.clicked.connect(self.resume_selected)
        self.undo_button.clicked.connect(self.undo_selected)
        self.table.selectionModel().currentRowChanged.connect(self._sync_buttons)
        self._sync_buttons()
        self.refresh()

    SHOWN_ROWS = 3  # the jobs the panel asks room for: the latest few, the rest a scroll away

    def sizeHint(self) -> QSize:  # noqa: N802
        return with_table_rows(self, self.table, self.SHOWN_ROWS)

    def refresh(self) -> None:
        """Reload the job list in the background."""
        self.ops.read(bulk_jobs.list_jobs, self._show_jobs)

    def on_changes(self, changes: ChangeSet) -> None:
        """A change at this desk: read the jobs again when one of them may have changed."""
        if touches_jobs(changes):
            self.refresh()

    def _show_jobs(self, rows: list[bulk_jobs.JobRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._sync_buttons()

    def _selected(self) -> bulk_jobs.JobRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _sync_buttons(self, *_changed: object) -> None:
        """Stop job… while a job cancels (here, or the one chosen); Resume job for a stopped one."""
        row = self._selected()
        chosen_active = row is not None and row.status in bulk.ACTIVE_JOB
        self.stop_button.setVisible(chosen_active or bool(self.cancelling))
        stopped = row is not None and row.status == JobStatus.STOPPED
        self.resume_button.setVisible(stopped and row is not None and row.id not in self.running)

    # -- starting ---------------------------------------------------------------------------

    def open_dialog(self, today: date) -> None:
        """Schedule ▸ Bulk cancel…: the dialog, then the job queued (CSV written) and started.

        Every read runs in the background; the queued job's id lands in `last_job`.
        """
        self.ops.read(bulk.filter_choices, lambda choices: self._run_dialog(choices, today))

    def _run_dialog(self, choices: bulk.FilterChoices, today: date) -> None:
        def plan(
            first: date, last: date, w: list[int], s: list[int], loc: list[int], reply: Reply
        ) -> None:
            self.ops.read_reply(
                lambda uow: bulk.plan_bulk_cancel(
                    uow, first, last, worker_ids=w, service_ids=s, location_ids=loc
                ),
                reply,
            )

        def preview(session_ids: list[int], reply: Reply) -> None:
            self.ops.read_reply(lambda uow: bulk.preview_bulk_cancel(uow, session_ids), reply)

        dialog = BulkCancelDialog(
            choices, plan, today, self.tz, self.desk.db_export_dir(), self, preview=preview
        )
        self.run_dialog(dialog)
        if dialog.draft:
            self.queue(dialog.draft)

    def queue(self, draft: BulkDraft) -> None:
        """Queue the job (its CSV written in the same step) in the background, then start it."""
        actor, db = self.desk.actor, self.desk.db
        self.runner.submit(
            lambda: bulk_run.queue_bulk_cancel(
                db,
                actor,
                draft.session_ids,
                draft.reason_id,
                draft.note,
                draft.csv_path,
                first=draft.first,
                last=draft.last,
            ),
            lambda created: self._queued(draft, created),
            self._not_queued,
        )

    def _not_queued(self, exc: Exception) -> None:
        if self.ops.account_changed(exc):
            return  # the window says it, signed out or with the account's new role
        if isinstance(exc, BlockedError):
            self.show_message(tr("jobs", "Already in process"), str(exc))
        elif isinstance(exc, FrontDeskError):
            self.show_message(tr("jobs", "Bulk cancel not started"), str(exc))
        elif self.runner.synchronous:
            raise exc  # inline (tests): a bug fails loudly where it happened
        else:
            failed = tr(
                "jobs",
                "The bulk cancellation could not be queued; nothing was cancelled. Try again.",
            )
            self.show_message(tr("jobs", "Bulk cancel not started"), failure_sentence(exc, failed))

    def _queued(self, draft: BulkDraft, created: bulk_jobs.BulkJobCreated) -> None:
        self.show_message(
            tr("jobs", "Bulk cancellation queued"),
            tr(
                "jobs",
                "The CSV audit was saved to {path}. {n} session(s) are being cancelled in the background; "
                "you can keep working.",
            ).format(path=draft.csv_path, n=created.sessions),
        )
        self.last_job = created.job_id
        self.start(created.job_id)

    def start(self, job_id: int) -> None:
        """Run (or resume) a job off the GUI thread with a progress bar."""
        if job_id in self.running:
            return
        self.cancelling.add(job_id)
        self.show_working(job_id, tr("jobs", "Bulk cancellation #{id} running…").format(id=job_id))
        self._sync_buttons()
        actor, db, size = self.desk.actor, self.desk.db, self.batch_size

        def job(report: Report) -> tuple[bulk_run.JobSummary, Path | None]:
            summary = bulk_run.run_bulk_job(db, job_id, actor, report, batch_size=size)
            return summary, bulk_run.finish_bulk_csv(db, job_id)

        self.runner.submit_with_progress(
            job,
            lambda done: self._on_done(job_id, *done),
            lambda exc: self._on_failed(job_id, exc),
            self.show_progress,
        )

    def resume_unfinished(self) -> list[int]:
        """Jobs a crash or a closed window left behind carry on where they stopped."""
        jobs = bulk_run.unfinished_jobs(self.desk.db)
        for job_id in jobs:
            self.start(job_id)
        return jobs

    # -- a job busy here: the progress bar and the status line --------------------------------

    def show_working(self, job_id: int, text: str) -> None:
        """A job (or its undo) began here: the window shows the panel, with the progress bar."""
        self.running.add(job_id)
        self.started.emit(job_id)
        self.progress.show()
        self.status.setText(text)

    def show_progress(self, done: int, total: int) -> None:
        """The progress bar at `done` of `total`."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def stop_working(self, job_id: int) -> None:
        """The job is no longer busy here; the progress bar stays while another one is."""
        self.running.discard(job_id)
        self.cancelling.discard(job_id)
        self.progress.setVisible(bool(self.running))

    def announce(self, changes: ChangeSet) -> None:
        """Fan a job's changes out to the window."""
        self.changed.emit(changes)

    def _on_done(self, job_id: int, summary: bulk_run.JobSummary, results: Path | None) -> None:
        self.stop_working(job_id)
        said = (
            tr(
                "jobs",
                "Bulk cancellation #{id} stopped: {d} cancelled, {s} skipped, {f} failed, "
                "{p} not reached. Choose it and Resume job to carry on.{r}",
            )
            if summary.status == JobStatus.STOPPED
            else tr("jobs", "Bulk cancellation #{id}: {d} cancelled, {s} skipped, {f} failed.{r}")
        )
        self.status.setText(
            said.format(
                id=job_id,
                d=summary.done,
                s=summary.skipped,
                f=summary.failed,
                p=summary.pending,
                r=f" Results: {results}" if results else "",
            )
        )
        self._sync_buttons()
        self.refresh()
        self.changed.emit(summary.changes)

    def _on_failed(self, job_id: int, exc: Exception) -> None:
        self.stop_working(job_id)
        self._sync_buttons()
        why = failure_sentence(exc, tr("jobs", "Something went wrong while cancelling."))
        self.status.setText(
            tr(
                "jobs", "Bulk cancellation #{id} stopped; it carries on at the next start. {why}"
            ).format(id=job_id, why=why)
        )
        self.refresh()
        self.ops.account_changed(exc)  # the window follows an account changed meanwhile at once

    # -- stop and resume ----------------------------------------------------------------------

    def stop_selected(self) -> None:
        """Stop job…: the chosen job if it is queued or running, else the one cancelling here.

        Asks first ("Keep running" the default); the job stops after the batch in progress."""
        title = tr("jobs", "Stop bulk cancellation")
        row = self._selected()
        if row is not None and row.status in bulk.ACTIVE_JOB:
            job_id = row.id
        elif len(self.cancelling) == 1:
            [job_id] = self.cancelling
        else:
            self.show_message(title, tr("jobs", "Choose the running job in the list first."))
            return
        if self.confirm(stop_question(job_id)) is None:
            return
        self.ops.write(
            lambda uow: bulk_jobs.stop_bulk_job(uow, job_id),
            lambda _stopped: self._on_stop_asked(job_id),
            lambda exc: self.show_message(title, str(exc)),
        )

    def _on_stop_asked(self, job_id: int) -> None:
        if job_id in self.cancelling:  # the job says it stopped when its batch is done
            text = tr("jobs", "Stopping bulk cancellation #{id} after the sessions in progress…")
        else:
            text = tr(
                "jobs", "Bulk cancellation #{id} stopped. Choose it and Resume job to carry on."
            )
        self.status.setText(text.format(id=job_id))
        self.refresh()

    def resume_selected(self) -> None:
        """Resume job: the chosen stopped job queued again, then run here."""
        row = self._selected()
        if row is None or row.status != JobStatus.STOPPED:
            self.show_message(
                tr("jobs", "Resume bulk cancellation"),
                tr("jobs", "Choose a stopped job in the list first."),
            )
            return
        job_id = row.id
        self.ops.write(
            lambda uow: bulk_jobs.resume_bulk_job(uow, job_id),
            lambda _queued: self.start(job_id),
            lambda exc: self.show_message(tr("jobs", "Resume bulk cancellation"), str(exc)),
        )

    # -- undo ------------------------------------------------------------------------------

    def undo_selected(self) -> None:
        """Undo job…: the chosen job undone, or its undo carried on when one was cut short."""
        index = self.table.currentIndex()
        if not index.isValid():
            self.show_message(
                tr("jobs", "Undo bulk cancellation"), tr("jobs", "Choose a job in the list first.")
            )
            return
        row = self.model.row(index.row())
        self.undo(row.id, resume=row.status == JobStatus.UNDOING)

    def undo(self, job_id: int, *, resume: bool = False) -> bool:
        """Undo a job (asking first), or carry on with one under way; see `JobUndo.undo`."""
        return self.undoing.undo(job_id, resume=resume)

    def resume_unfinished_undos(self) -> list[int]:
        """Undos a crash or a closed window cut short carry on, for a user allowed to undo."""
        return self.undoing.resume_unfinished()

    @property
    def last_undo(self) -> bulk_undo.JobUndoResult | None:
        """The latest undo finished at this desk."""
        return self.undoing.last

    def is_running(self) -> bool:
        busy = (JobStatus.RUNNING, JobStatus.UNDOING)
        return any(r.status in busy for r in self.model.rows()) or bool(self.running)
