"""Stop job… and Resume job in the Jobs panel, pressed while a bulk cancellation runs: the stop
asks first (Keep running the default), the job stops after the session in progress, stays
stopped at the next start, and Resume job cancels the rest; a stopped job's Undo job restores
what it did."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import BulkCancelJob, Cancellation, OutboxMessage
from app.models.enums import JobStatus, SessionStatus
from app.services.bulk import run as bulk_run
from app.ui.messages import ConfirmDialog
from tests.ui.flows import data
from tests.ui.flows.driver import button, dialogs, plain, press, press_default, type_into
from tests.ui.flows.test_flow_bulk_undo import bulk_cancel, click_undo, statuses


def _job_status(ctx: AppContext, job_id: int) -> JobStatus:
    return data.read(ctx, lambda orm: orm.get(BulkCancelJob, job_id).status)


def _told(ctx: AppContext) -> dict[int, int]:
    """Session → the closure notices queued for its clients."""
    return dict(data.read(ctx, lambda orm: orm.execute(
        select(OutboxMessage.session_id, func.count()).where(OutboxMessage.topic == "bulk_closure")
        .group_by(OutboxMessage.session_id)).all()))  # fmt: skip


def _cancellations(ctx: AppContext, job_id: int) -> dict[int, int]:
    """Session → the cancellations the job wrote for it."""
    return dict(data.read(ctx, lambda orm: orm.execute(
        select(Cancellation.session_id, func.count()).where(Cancellation.bulk_job_id == job_id)
        .group_by(Cancellation.session_id)).all()))  # fmt: skip


def _click(panel: Any, label: str) -> None:
    QTest.mouseClick(button(panel, label), Qt.MouseButton.LeftButton)


def _stop_while_running(window: Any, out: Path) -> tuple[list[int], list[str]]:
    """Bulk cancel the worker's week a session per transaction, pressing Stop job… after the
    first session (Enter: Keep running) and again after the second (Stop job)."""
    jobs = window.installed.jobs
    jobs.batch_size = 1  # one session a transaction: a press lands between two of them
    asked: list[str] = []

    def between_sessions(done: int) -> None:
        if done in (1, 2):
            _click(jobs, "Stop job")

    def keep(w: Any) -> None:
        assert isinstance(w, ConfirmDialog), type(w).__name__
        asked.append(w.question.text())
        assert "Sessions already cancelled stay cancelled" in w.details.text()
        assert plain(w.keep_button.text()) == "Keep running" and w.keep_button.isDefault()
        press_default(w)  # Enter keeps it running

    def stop(w: Any) -> None:
        asked.append(w.question.text())
        press(w, "Stop job")

    jobs.progress.valueChanged.connect(between_sessions)
    try:
        ids = bulk_cancel(window, out, keep, stop)
    finally:
        jobs.progress.valueChanged.disconnect(between_sessions)
    return ids, asked


def test_stop_asks_first_ends_the_job_after_its_session_and_resume_cancels_the_rest(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    jobs = window.installed.jobs
    out = tmp_path / "closure.csv"
    ids, asked = _stop_while_running(window, out)
    job_id = jobs.last_job
    assert len(ids) >= 3
    assert asked == [f"Stop bulk cancellation #{job_id} after the sessions in progress?"] * 2
    done, rest = ids[:2], ids[2:]
    assert statuses(demo_ctx, done) == {SessionStatus.CANCELLED}
    assert statuses(demo_ctx, rest) == {SessionStatus.ROSTERED}
    assert _job_status(demo_ctx, job_id) == JobStatus.STOPPED
    assert set(_told(demo_ctx)) & set(ids) == set(done)  # notices only for what was cancelled
    assert jobs.status.text().startswith(
        f"Bulk cancellation #{job_id} stopped: 2 cancelled, 0 skipped, 0 failed, "
        f"{len(rest)} not reached. Choose it and Resume job to carry on."
    )
    assert jobs.stop_button.isHidden() and jobs.progress.isHidden()
    with (out.with_name("closure-results.csv")).open(encoding="utf-8-sig") as stream:
        results = list(csv.DictReader(stream))
    assert [r["Session"] for r in results if r["Outcome"] == "pending"] == [str(s) for s in rest]
    # The next start carries on with jobs a crash left behind, never with this one.
    assert jobs.resume_unfinished() == [] and bulk_run.unfinished_jobs(demo_ctx.db) == []

    jobs.table.selectRow(0)  # the newest job: this one
    with dialogs():  # no question: it carries on with what the person already chose
        _click(jobs, "Resume job")
    assert statuses(demo_ctx, ids) == {SessionStatus.CANCELLED}
    assert _job_status(demo_ctx, job_id) == JobStatus.DONE
    assert _cancellations(demo_ctx, job_id) == {sid: 1 for sid in ids}  # each session once
    assert set(_told(demo_ctx)) >= set(ids)
    assert jobs.status.text().startswith(f"Bulk cancellation #{job_id}: {len(ids)} cancelled")


def test_a_stopped_job_undone_restores_what_it_cancelled_and_offers_no_resume(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    jobs = window.installed.jobs
    ids, _asked = _stop_while_running(window, tmp_path / "closure.csv")
    job_id = jobs.last_job
    jobs.table.selectRow(0)
    assert not jobs.resume_button.isHidden()

    def undo(w: Any) -> None:
        assert (
            w.question.text() == f"Restore the 2 session(s) bulk cancellation #{job_id} cancelled?"
        )
        type_into(qtbot, w.findChild(QLineEdit), "Closure called off")
        press(w, "Undo job")

    with dialogs(undo, lambda w: press(w, "OK")):
        click_undo(window)
    assert statuses(demo_ctx, ids) == {SessionStatus.ROSTERED}
    assert _job_status(demo_ctx, job_id) == JobStatus.UNDONE
    jobs.table.selectRow(0)
    assert jobs.resume_button.isHidden()
