"""What the window says when a read, an export or a test fails, or a number is typed as people
write it: a sentence that says what failed and what to do, the technical details in the log."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu
from sqlalchemy import or_, select
from sqlalchemy.exc import OperationalError

from app.bootstrap import AppContext
from app.models import AuditEvent, Client
from app.services.outbox import settings as outbox_settings
from app.services.schedule import queries as schedule_queries
from app.services.setup import csv_import
from app.ui.reports import cancellation_dialog
from app.ui.setup import import_dialog
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    errors,
    field,
    from_menu,
    press,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_bulk import save_as

LOG_HINT = (
    "If it keeps happening, tell the practice's administrator; the details are in the log "
    "(Help ▸ Open log folder)."
)
RAW = "disk I/O error"  # what SQLite said: for the log, never for the person


def disk_error(*_args: Any, **_kwargs: Any) -> Any:
    raise OperationalError("SELECT sessions.id FROM sessions", {}, sqlite3.OperationalError(RAW))


def logged(caplog: pytest.LogCaptureFixture, text: str) -> bool:
    return any(r.exc_info and text in str(r.exc_info[1]) for r in caplog.records)


def test_the_audit_log_reads_a_record_number_typed_with_group_separators(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    def events_of(number: int) -> set[int]:
        return set(data.read(demo_ctx, lambda orm: orm.scalars(select(AuditEvent.id).where(
            or_(AuditEvent.entity_id == number, AuditEvent.session_id == number)))))  # fmt: skip

    biggest = data.read(demo_ctx, lambda orm: orm.scalar(
        select(AuditEvent.session_id).order_by(AuditEvent.session_id.desc()).limit(1)))  # fmt: skip
    # 1,000 is past every record of the demo: it shows none, where 1 or 100 would show some.
    assert events_of(1) and events_of(100) and not events_of(1000)
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Reports", "Audit log")
    audit = window.findChild(QMenu, "reportsMenu").dialogs["reportAudit"]
    everything = audit.model.rowCount()
    record = field(audit, "Record or session number", QLineEdit)
    for typed, number in (("1,000", 1000), ("1 000", 1000), (f" {biggest} ", biggest)):
        type_into(qtbot, record, typed)
        QTest.keyClick(record, Qt.Key.Key_Return)
        assert errors(audit) == []
        assert {r.id for r in audit.model.rows()} == events_of(number), typed
        assert audit.count.text() == f"{len(events_of(number))} events"
    expected = events_of(biggest)
    for typed in ("12a", "0", "1.5"):
        type_into(qtbot, record, typed)
        press(audit, "Apply filters")
        assert errors(audit) == [
            f"“{typed}” is not a record number. Type the number shown in the Record or Session "
            "column (for example 1042), or clear the box to see every record."
        ]
        assert {r.id for r in audit.model.rows()} == expected, "the last list stays"
    type_into(qtbot, record, "")
    QTest.keyClick(record, Qt.Key.Key_Return)
    assert errors(audit) == [] and audit.model.rowCount() == everything
    audit.close()


def test_a_schedule_that_cannot_be_read_says_so_on_the_status_bar_in_a_sentence(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = open_window(demo_ctx, "reception")
    monkeypatch.setattr(schedule_queries, "load_snapshot", disk_error)
    caplog.set_level(logging.ERROR)
    from_menu(window, "File", "Refresh now")
    assert window.statusBar().currentMessage() == (
        f"The schedule could not be read; File ▸ Refresh now tries again. {LOG_HINT}"
    )
    assert logged(caplog, RAW)


def test_an_export_that_fails_says_so_in_a_sentence_on_the_dialog(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = open_window(demo_ctx, "admin")
    monkeypatch.setattr(cancellation_dialog, "write_cancellation_csv", disk_error)
    caplog.set_level(logging.ERROR)
    from_menu(window, "Reports", "Cancellation report")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    out = tmp_path / "cancellations.csv"
    with dialogs(save_as(out)):
        press(report, "Save CSV")
    assert errors(report) == [f"The export could not be finished. Try again. {LOG_HINT}"]
    assert not out.exists() and report.save_csv.isEnabled()
    assert logged(caplog, RAW)
    report.close()


def test_a_settings_test_that_fails_unexpectedly_says_so_in_a_sentence(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = open_window(demo_ctx, "admin")

    def broken(*_args: Any, **_kwargs: Any) -> str:
        raise UnicodeEncodeError("ascii", "Zoë", 2, 3, "ordinal not in range(128)")

    monkeypatch.setattr(outbox_settings, "run_email_test", broken)
    caplog.set_level(logging.ERROR)
    said: list[str] = []

    def settings(w: Any) -> None:
        type_into(qtbot, field(w, "Mail server", QLineEdit), "127.0.0.1")
        type_into(qtbot, w.email.test_to, "manager@practice.example")
        press(w, "Send test")
        said.append(w.email.result.text())  # a refusal: its own sentence
        type_into(qtbot, field(w, "From address", QLineEdit), "reception@practice.example")
        press(w, "Send test")
        said.append(w.email.result.text())
        press(w, "Cancel")  # what was typed is not kept: asked, Discard

    with dialogs(settings, unsaved_question("Discard")) as seen:
        from_menu(window, "Tools", "Settings")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    assert said == [
        "Enter the address emails come from, like reception@yourpractice.com.au.",
        f"The test could not be run. Check the settings on this page and try again. {LOG_HINT}",
    ]
    assert logged(caplog, "ordinal not in range")


def _unexpected(*_args: Any, **_kwargs: Any) -> Any:
    """A failure none of FrontDesk's own refusals describes."""
    raise UnicodeEncodeError("ascii", "Zoë", 2, 3, "ordinal not in range(128)")


def _clients_file_read(qtbot: Any, window: Any, path: Path) -> Any:
    """Practice ▸ Import from CSV, clients, the file typed: the dialog with the file read."""
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Clients")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)
    return dialog


def test_a_problem_list_that_fails_to_save_unexpectedly_says_so_in_a_sentence(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("first_name,last_name,email\nAnn,,ann@\n", encoding="utf-8")

    monkeypatch.setattr(import_dialog, "write_problems_csv", _unexpected)
    caplog.set_level(logging.ERROR)
    dialog = _clients_file_read(qtbot, open_window(demo_ctx, "admin"), path)
    out = tmp_path / "problems.csv"
    dialog.choose_save = lambda: out  # the save-as box, answered
    press(dialog, "Save problem list")
    assert errors(dialog) == [f"The problem list could not be saved. Try again. {LOG_HINT}"]
    assert not out.exists()
    assert logged(caplog, "ordinal not in range")
    dialog.close()


def test_an_import_that_fails_unexpectedly_says_so_and_can_be_tried_again(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("first_name,last_name\nZoë,Park\n", encoding="utf-8")

    monkeypatch.setattr(csv_import, "apply_import", _unexpected)
    caplog.set_level(logging.ERROR)
    dialog = _clients_file_read(qtbot, open_window(demo_ctx, "admin"), path)
    assert "1 row(s) ready" in dialog.summary.text(), errors(dialog)
    press(dialog, "Import")
    failed = "The file could not be imported; nothing was written. Try again."
    assert errors(dialog) == [f"{failed} {LOG_HINT}"]
    assert dialog.summary.text() == failed, "not left on Importing…"
    assert button(dialog, "Import").isEnabled(), "Import can be pressed again"
    assert logged(caplog, "ordinal not in range")
    assert data.count(demo_ctx, Client, Client.first_name == "Zoë") == 0
    dialog.close()
