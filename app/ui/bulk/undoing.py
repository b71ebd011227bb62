"""Undo job… in the jobs panel: count what a job cancelled, ask, then restore it batch by batch
off the GUI thread; an undo a crash or a closed window cut short carries on at the next start.

The panel (`panel.py`) hands itself over as a `JobsHost`: its desk and runner, the jobs busy
here, its status line and the question and message boxes it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QLabel

from app.errors import FrontDeskError
from app.services.auth import Permission, can
from app.services.bulk import plan as bulk
from app.services.bulk import run as bulk_run
from app.services.bulk import undo as bulk_undo
from app.services.desk import Desk
from app.services.dto import ChangeSet
from app.ui.bulk.questions import undo_question
from app.ui.i18n import tr
from app.ui.messages import Destructive
from app.ui.ops import Ops, failure_sentence
from app.ui.tasks import TaskRunner


class JobsHost(Protocol):
    """The jobs panel as its undo sees it."""

    desk: Desk
    runner: TaskRunner
    ops: Ops
    running: set[int]
    status: QLabel
    confirm: Callable[[Destructive], str | None]
    show_message: Callable[[str, str], None]

    def show_working(self, job_id: int, text: str) -> None:
        """A job (or its undo) began here: progress bar shown, status line saying it."""

    def show_progress(self, done: int, total: int) -> None:
        """The progress bar at `done` of `total`."""

    def stop_working(self, job_id: int) -> None:
        """The job is no longer busy here; the progress bar stays while another one is."""

    def refresh(self) -> None:
        """Read the job list again."""

    def announce(self, changes: ChangeSet) -> None:
        """Fan the changes out to the window."""


class JobUndo:
    """Undoes a whole bulk cancellation from the jobs panel."""

    def __init__(self, host: JobsHost) -> None:
        self.host = host
        self.last: bulk_undo.JobUndoResult | None = None

    def undo(self, job_id: int, *, resume: bool = False) -> bool:
        """Undo a job off the GUI thread, batch by batch; an undo under way keeps its reason.

        A new undo first counts what the job cancelled and asks, with "Keep cancelled" the
        default; False when the job is busy here already."""
        if job_id in self.host.running:
            return False
        if resume:
            self._start(job_id, "")
            return True
        self.host.ops.background(
            lambda desk: (
                bulk_run.job_summary(desk.db, job_id),
                bulk_undo.spent_credits(desk.db, job_id),
            ),
            lambda found: self._ask(*found),
            lambda exc: self._on_failed(job_id, exc, started=False),
        )
        return True

    def resume_unfinished(self) -> list[int]:
        """Undos a crash or a closed window cut short carry on, for a user allowed to undo."""
        desk = self.host.desk
        if not can(desk.actor, Permission.BULK_CANCEL):
            return []
        jobs = bulk_undo.unfinished_undos(desk.db)
        for job_id in jobs:
            self.undo(job_id, resume=True)
        return jobs

    def _ask(self, summary: bulk_run.JobSummary, spent: tuple[str, ...] = ()) -> None:
        title = tr("jobs", "Undo bulk cancellation #{id}").format(id=summary.job_id)
        if summary.status in bulk.ACTIVE_JOB:
            why = tr(
                "jobs",
                "This bulk cancellation is still running; wait for it to finish, then undo it.",
            )
            self.host.show_message(title, why)
            return
        if not summary.done:
            why = tr(
                "jobs",
                "Nothing in this bulk cancellation is left to undo: its sessions were restored "
                "already, or it cancelled none.",
            )
            self.host.show_message(title, why)
            return
        reason = self.host.confirm(undo_question(summary, title, spent))
        if reason is not None:
            self._start(summary.job_id, reason)

    def _start(self, job_id: int, reason: str) -> None:
        if job_id in self.host.running:
            return
        self.host.show_working(
            job_id, tr("jobs", "Undoing bulk cancellation #{id}…").format(id=job_id)
        )
        actor, db = self.host.desk.actor, self.host.desk.db
        self.host.runner.submit_with_progress(
            lambda report: bulk_run.undo_bulk_job_with_csv(db, actor, job_id, reason, report),
            lambda result: self._on_undone(job_id, result),
            lambda exc: self._on_failed(job_id, exc),
            self.host.show_progress,
        )

    def _on_undone(self, job_id: int, result: bulk_undo.JobUndoResult) -> None:
        host = self.host
        host.stop_working(job_id)
        host.status.setText(tr("jobs", "Bulk cancellation #{id} undone.").format(id=job_id))
        refused = "\n".join(f"• {r}" for r in result.refused)
        host.show_message(
            tr("jobs", "Bulk cancellation undone"),
            tr("jobs", "{n} session(s) restored, clients rebooked and refunds reversed.").format(
                n=len(result.restored)
            )
            + (tr("jobs", "\nNot undone:\n") + refused if refused else ""),
        )
        self.last = result
        host.refresh()
        host.announce(result.changes)

    def _on_failed(self, job_id: int, exc: Exception, *, started: bool = True) -> None:
        host = self.host
        if started:
            host.stop_working(job_id)
            host.status.setText(tr("jobs", "No bulk cancellation running."))
            host.refresh()
        if host.ops.account_changed(exc):
            return  # the window says it, signed out or with the account's new role
        if isinstance(exc, FrontDeskError):
            host.show_message(tr("jobs", "Undo refused"), str(exc))
            return
        failed = (
            tr(
                "jobs",
                "Undoing bulk cancellation #{id} stopped. What was restored stays restored; "
                "choose the job and Undo job… again to carry on.",
            )
            if started
            else tr(
                "jobs", "Bulk cancellation #{id} could not be read; nothing was undone. Try again."
            )
        ).format(id=job_id)
        host.show_message(tr("jobs", "Undo stopped"), failure_sentence(exc, failed))
