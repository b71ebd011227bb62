"""Bulk cancel from the window: the dialog selects and submits, the panel shows progress, the desk stays live."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Cancellation, Session
from app.models.enums import SessionStatus
from app.services.desk import open_desk
from app.ui.bulk.dialog import BulkCancelDialog
from app.ui.bulk.panel import JobsPanel
from app.ui.tasks import TaskRunner


def test_bulk_dialog_selects_submits_and_the_job_runs_in_the_background_while_the_desk_responds(
    qtbot, demo_ctx: AppContext, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    desk = open_desk(demo_ctx.db, "admin", export_dir=tmp_path)
    from zoneinfo import ZoneInfo

    panel = JobsPanel(desk, TaskRunner(), ZoneInfo("Australia/Sydney"))
    qtbot.addWidget(panel)
    messages: list[str] = []
    panel.show_message = lambda title, text: messages.append(title)
    today = desk.now().astimezone(ZoneInfo("Australia/Sydney")).date()
    picked: dict[str, object] = {}

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, BulkCancelDialog)
        dialog.last.setDate(QDate(today).addDays(13))
        qtbot.waitUntil(
            lambda: not dialog.loading, timeout=30000
        )  # the plan is read off the GUI thread
        total = dialog.model.rowCount()
        assert total > 20
        dialog.none_button.click()
        assert not dialog.go.isEnabled()
        dialog.all_button.click()
        first = dialog.model.index(0, 0)
        dialog.model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
        picked["skipped"] = dialog.model.row(0).session_id
        picked["count"] = total - 1
        assert dialog.summary.text().startswith(f"{total - 1} session(s)")
        dialog.ask_csv_path = lambda suggested: tmp_path / "closure.csv"
        dialog.confirm = lambda q: picked.update(question=q.question) or ""
        dialog.go.click()
        qtbot.waitUntil(
            lambda: dialog.draft is not None, timeout=30000
        )  # the preview, then confirm
        return dialog.result()

    panel.run_dialog = drive
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    panel.open_dialog(today)  # the job id arrives with the queued job
    qtbot.waitUntil(lambda: panel.last_job is not None, timeout=30000)
    job_id = panel.last_job
    assert job_id is not None and (tmp_path / "closure.csv").exists()
    assert str(picked["question"]).startswith(f"Cancel {picked['count']} sessions, refund ")
    qtbot.waitUntil(lambda: not panel.running, timeout=60000)
    timer.stop()
    assert len(ticks) > 3  # the event loop kept turning while the job ran
    assert panel.progress.value() == picked["count"]
    assert "cancelled" in panel.status.text() and (tmp_path / "closure-results.csv").exists()
    cancelled = desk.read(
        lambda uow: uow.session.scalar(
            select(func.count(Cancellation.id)).where(Cancellation.bulk_job_id == job_id)
        )
    )
    assert cancelled == picked["count"]
    assert (
        desk.read(lambda uow: uow.session.get(Session, picked["skipped"]).status)
        is SessionStatus.ROSTERED
    )
    rows = list(csv.reader((tmp_path / "closure.csv").open(encoding="utf-8-sig")))
    assert len(rows) > picked["count"]  # one row per booking, groups and classes have several
    assert messages == ["Bulk cancellation queued"]
    asked: list[str] = []
    panel.confirm = lambda q: asked.append(q.question) or "Closure called off"
    assert panel.undo(job_id)  # counts, asks, then runs off the GUI thread, batch by batch
    qtbot.waitUntil(lambda: panel.last_undo is not None, timeout=60000)
    assert asked == [
        f"Restore the {picked['count']} session(s) bulk cancellation #{job_id} cancelled?"
    ]
    result = panel.last_undo
    assert result is not None and len(result.restored) == picked["count"]
    assert messages[-1] == "Bulk cancellation undone" and panel.progress.isHidden()
