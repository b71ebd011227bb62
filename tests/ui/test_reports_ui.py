"""The Reports menu's dialogs on the demo practice: report PDF, audit view, extraction, iCalendar."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import icalendar
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from app.bootstrap import AppContext
from app.services.desk import Desk, open_desk
from app.ui.reports import build_reports_menu
from app.ui.reports import common as common_mod
from app.ui.reports.audit_view import AuditLogDialog
from app.ui.reports.cancellation_dialog import CancellationReportDialog
from app.ui.reports.extraction_dialog import ExtractionDialog
from app.ui.reports.ical_dialog import IcsExportDialog
from app.ui.tasks import TaskRunner


@pytest.fixture
def desk(demo_ctx: AppContext) -> Desk:
    return open_desk(demo_ctx.db, "manager")


@pytest.fixture
def runner() -> TaskRunner:
    return TaskRunner(synchronous=True)


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """Every "Save as" answers with a file in tmp_path; opened paths are recorded."""
    state: dict[str, Any] = {"opened": []}

    def choose(_parent: QWidget, _title: str, suggested: Path, _filters: str) -> Path:
        state["suggested"] = suggested
        return tmp_path / suggested.name

    for module in (
        "app.ui.reports.cancellation_dialog",
        "app.ui.reports.audit_view",
        "app.ui.reports.extraction_dialog",
        "app.ui.reports.ical_dialog",
    ):
        monkeypatch.setattr(f"{module}.choose_save_path", choose)
    monkeypatch.setattr(common_mod, "open_path", lambda p: state["opened"].append(p) or True)
    monkeypatch.setattr("app.ui.reports.extraction_dialog.ask", lambda *_a: True)
    return state


def _dates(dialog: Any, first: QDate, last: QDate) -> None:
    dialog.from_edit.setDate(first)
    dialog.to_edit.setDate(last)


def test_report_dialog_writes_a_pdf_of_the_demo_month(
    qtbot, desk: Desk, runner: TaskRunner, save_to: dict[str, Any], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = CancellationReportDialog(desk, runner)
    qtbot.addWidget(dialog)
    _dates(dialog, QDate(2026, 3, 1), QDate(2026, 3, 31))
    assert dialog.worker.count() > 5 and dialog.reason.count() > 4  # filter lists loaded
    qtbot.mouseClick(dialog.save_pdf, Qt.MouseButton.LeftButton)
    out = tmp_path / "cancellations-2026-03-01-to-2026-03-31.pdf"
    assert out.exists() and len(PdfReader(str(out)).pages) >= 3
    assert "Saved the PDF" in dialog.status.text() and "cancellations" in dialog.status.text()
    assert not dialog.error.isVisible()
    assert dialog.open_file.isVisibleTo(dialog) and dialog.open_folder.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.open_file, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert save_to["opened"] == [out, tmp_path]


def test_report_dialog_filters_become_the_draft_and_csv_is_written(
    qtbot, desk: Desk, runner: TaskRunner, save_to: dict[str, Any], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = CancellationReportDialog(desk, runner)
    qtbot.addWidget(dialog)
    dialog.worker.setCurrentIndex(1)
    dialog.who.setCurrentIndex(1)
    f = dialog.filters()
    assert f.worker_id == dialog.worker.itemData(1) and f.cancelled_by is not None
    qtbot.mouseClick(dialog.save_csv, Qt.MouseButton.LeftButton)
    assert save_to["suggested"].suffix == ".csv"
    assert (tmp_path / save_to["suggested"].name).exists()


def test_report_dialog_shows_a_refusal_as_a_sentence(
    qtbot, desk: Desk, runner: TaskRunner, save_to: dict[str, Any]
) -> None:  # type: ignore[no-untyped-def]
    dialog = CancellationReportDialog(desk, runner)
    qtbot.addWidget(dialog)
    _dates(dialog, QDate(2026, 3, 31), QDate(2026, 3, 1))
    qtbot.mouseClick(dialog.save_pdf, Qt.MouseButton.LeftButton)
    assert "end date is before the start date" in dialog.error.text()
    assert dialog.save_pdf.isEnabled() and not dialog.open_file.isVisibleTo(dialog)


def test_audit_view_filters_sorts_and_verifies(qtbot, desk: Desk, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    dialog = AuditLogDialog(desk, runner)
    qtbot.addWidget(dialog)
    everything = dialog.model.rowCount()
    assert everything > 100
    dialog.action.setCurrentIndex(dialog.action.findData("session.cancel"))
    dialog.apply_filters()
    rows = dialog.model.rows()
    assert 0 < len(rows) < everything and {r.action for r in rows} == {"session.cancel"}
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    ids = [int(dialog.proxy.index(i, 0).data()) for i in range(dialog.proxy.rowCount())]
    assert ids == sorted(ids)
    dialog.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    users = [dialog.proxy.index(i, 2).data() for i in range(dialog.proxy.rowCount())]
    assert users == sorted(users, reverse=True)
    dialog.record.setText(str(rows[0].session_id))
    dialog.apply_filters()
    assert {r.session_id for r in dialog.model.rows()} == {rows[0].session_id}
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.chain.text().startswith("Audit trail intact")


def test_audit_view_lists_what_verify_finds_and_an_export_writes_a_checkpoint(
    qtbot, desk: Desk, runner: TaskRunner, save_to: dict[str, Any]
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from app.models.audit_guard import install_audit_guards, remove_audit_guards

    dialog = AuditLogDialog(desk, runner)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.export_csv, Qt.MouseButton.LeftButton)
    checkpoints = list(desk.db.audit_keys.checkpoint_dir.glob("checkpoint-*.json"))
    assert len(checkpoints) == 1  # the export anchored the trail outside the database
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.chain.text().startswith("Audit trail intact")
    assert not dialog.problems.isVisibleTo(dialog)
    with desk.db.engine.begin() as conn:  # someone with the database file edits one event
        remove_audit_guards(conn)
        conn.execute(text("UPDATE audit_events SET username = 'mallory' WHERE id = 5"))
        conn.execute(text("UPDATE audit_events SET changes = 'nothing' WHERE id = 9"))
        install_audit_guards(conn)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.chain.text().startswith("Audit trail damaged: 2 problems")
    assert dialog.problems.isVisibleTo(dialog)
    lines = dialog.problems.toPlainText().splitlines()
    assert lines[0].startswith("Event #5 (") and lines[0].endswith(
        "was edited after it was written."
    )
    assert (
        lines[1].startswith("Event #9 (")
        and "“what changed” text the audit log shows was altered" in lines[1]
    )


def test_audit_view_exports_what_it_shows(
    qtbot, desk: Desk, runner: TaskRunner, save_to: dict[str, Any], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = AuditLogDialog(desk, runner)
    qtbot.addWidget(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("admin"))
    dialog.apply_filters()
    qtbot.mouseClick(dialog.export_csv, Qt.MouseButton.LeftButton)
    written = tmp_path / save_to["suggested"].name
    with written.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Event", "When", "User", "Action", "Record", "Session", "Outcome", "Changes"]
    assert [int(r[0]) for r in rows[1:]] == [r.id for r in dialog.model.rows()]
    lean = written.stat().st_size
    assert not dialog.snapshots.isChecked()
    dialog.snapshots.setChecked(True)
    qtbot.mouseClick(dialog.export_csv, Qt.MouseButton.LeftButton)
    with written.open(encoding="utf-8-sig", newline="") as f:
        full = list(csv.reader(f))
    assert full[0][-2:] == ["Before", "After"] and len(full) == len(rows)
    assert written.stat().st_size > 3 * lean and "Saved the CSV" in dialog.status.text()
    qtbot.mouseClick(dialog.export_pdf, Qt.MouseButton.LeftButton)
    assert (tmp_path / save_to["suggested"].name).suffix == ".pdf"


def test_extraction_dialog_previews_extracts_and_lists_what_is_blocked(
    qtbot, desk: Desk, runner: TaskRunner, save_to: dict[str, Any], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = ExtractionDialog(desk, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.locked.isHidden()  # no empty list before anything is extracted
    _dates(dialog, QDate(2026, 3, 1), QDate(2026, 3, 31))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.preview is not None and dialog.preview.count > 0
    assert dialog.extract_button.isEnabled()
    qtbot.mouseClick(dialog.extract_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / save_to["suggested"].name).exists()
    assert dialog.status.text().startswith("Batch 1:")
    assert dialog.locked.count() > 0 and dialog.locked.isVisible()
    assert "permanent delete" in dialog.locked.item(0).text()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.preview.count == 0 and not dialog.extract_button.isEnabled()
    dialog.batch.setValue(1)
    qtbot.mouseClick(dialog.reexport_button, Qt.MouseButton.LeftButton)
    assert "re-exported" in dialog.status.text()


def test_ics_dialog_exports_one_worker(
    qtbot, desk: Desk, runner: TaskRunner, save_to: dict[str, Any], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = IcsExportDialog(desk, runner)
    qtbot.addWidget(dialog)
    dialog.worker.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    out = tmp_path / save_to["suggested"].name
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert events and "Saved" in dialog.status.text()


def test_reports_menu_greys_what_the_role_cannot_do(
    qtbot, demo_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    menu = build_reports_menu(window, open_desk(demo_ctx.db, "reception"), runner)
    names = [a.objectName() for a in menu.actions()]
    assert names == ["reportCancellations", "reportAudit", "reportExtract", "reportIcs"]
    cancellations = menu.actions()[0]
    assert not cancellations.isEnabled() and "cannot run reports" in cancellations.toolTip()
    assert menu.actions()[3].isEnabled()


def test_reports_menu_opens_each_dialog_once(qtbot, desk: Desk, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    menu = build_reports_menu(window, desk, runner)
    menu.actions()[0].trigger()
    menu.actions()[0].trigger()
    [dialog] = window.findChildren(CancellationReportDialog)
    assert dialog.isVisible()
    dialog.close()
