"""The period a report covers is the one typed: every report, export and print reads its date
fields before it runs (a button or its shortcut pressed while a date is still being typed), a
date that does not read stops it with the field's sentence, and a period that ends before it
starts is said before any file is asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import ExtractionBatch
from app.services import practice
from app.ui.reports import extraction_dialog
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    errors,
    field,
    from_menu,
    press,
    shortcut,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_print import _day_sheet, printed  # noqa: F401
from tests.ui.flows.test_flow_report_files import _suggested

NOT_A_DATE = (
    "“31/02”: there is no day 31 in month 2 of 2026. Type the date day first, e.g. 07/12/2026."
)
BACKWARDS = "The end date is before the start date; choose a later end date."


def _dialog(window: Any, name: str) -> Any:
    return window.findChild(QMenu, "reportsMenu").dialogs[name]


def _typing(qtbot: Any, edit: Any, text: str) -> None:
    """Type into a date field and stay in it (the next press is a button or its shortcut)."""
    type_into(qtbot, edit.line_edit(), text)


def test_a_cancellation_report_waits_for_dates_that_read_and_run_forwards(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Cancellation report")
    report = _dialog(window, "reportCancellations")
    first, last = field(report, "From date"), field(report, "To date")
    _typing(qtbot, last, "31/02")
    for button in ("Save CSV", "Save PDF", "Print"):
        with dialogs():  # no file is asked for, no preview opens
            press(report, button)
        assert errors(report) == [NOT_A_DATE], button
        assert report.focusWidget() is last.line_edit()
        assert report.status.text() == ""
    _typing(qtbot, first, "30/4")
    _typing(qtbot, last, "1/4")
    with dialogs():
        press(report, "Save CSV")
    assert errors(report) == [BACKWARDS]
    assert list(tmp_path.glob("*.csv")) == []
    report.close()


def test_the_calendar_export_and_the_claim_preview_read_the_period_typed(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Reports", "Export schedule (iCalendar)")
    ics = _dialog(window, "reportIcs")
    _typing(qtbot, field(ics, "From date"), "fri")
    _typing(qtbot, field(ics, "To date"), "tomorrow")
    with dialogs():
        press(ics, "Save .ics")
    assert field(ics, "From date").text() == "Fri 03 Apr 2026"
    assert field(ics, "To date").text() == "Thu 02 Apr 2026"
    assert errors(ics) == [BACKWARDS]
    ics.close()

    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = _dialog(window, "reportExtract")
    _typing(qtbot, field(extraction, "To date"), "31/02")
    press(extraction, "Preview")
    assert errors(extraction) == [NOT_A_DATE]
    assert extraction.preview is None and not extraction.extract_button.isEnabled()
    extraction.close()


def test_the_audit_log_keeps_its_list_until_a_ticked_date_reads(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Reports", "Audit log")
    audit = _dialog(window, "reportAudit")
    everything = audit.model.rowCount()
    press(audit, "From")
    _typing(qtbot, field(audit, "From date"), "31/02")
    press(audit, "Apply filters")
    assert errors(audit) == [NOT_A_DATE]
    assert audit.model.rowCount() == everything, "no filter from the day shown before"
    _typing(qtbot, field(audit, "From date"), "today")
    QTest.keyClick(audit, Qt.Key.Key_Return)  # Apply filters is the default button
    assert errors(audit) == []
    assert 0 < audit.model.rowCount() < everything
    audit.close()


def test_the_day_sheet_prints_the_day_typed_or_says_why_not(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    printed: dict[str, Any],  # noqa: F811
) -> None:
    window = open_window(demo_ctx, "reception")
    shortcut(qtbot, window, "Ctrl+P")
    sheet = _day_sheet(window)
    _typing(qtbot, field(sheet, "Day"), "31/02")
    press(sheet, "Print…")
    assert printed["titles"] == [], "the day shown before is not printed"
    assert errors(sheet) == [NOT_A_DATE]
    _typing(qtbot, field(sheet, "Day"), "fri")
    press(sheet, "Print…")
    assert printed["titles"] == ["Print preview — Day sheet Fri 3 Apr 2026"]
    sheet.close()


def _batches(ctx: AppContext) -> int:
    return data.read(ctx, lambda orm: orm.scalar(select(func.count(ExtractionBatch.id))))


def test_a_date_typed_after_the_preview_is_not_extracted_under_the_old_preview(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = _dialog(window, "reportExtract")
    first = field(extraction, "From date")
    type_date(qtbot, first, "1/3")
    type_date(qtbot, field(extraction, "To date"), "31/3")
    press(extraction, "Preview")
    assert extraction.preview is not None and extraction.preview.count > 0
    # A new start typed, then Alt+E (Extract to file…) straight from the field.
    _typing(qtbot, first, "1/2")
    extraction.activateWindow()
    qtbot.waitUntil(extraction.isActiveWindow, timeout=2000)
    first.line_edit().setFocus()
    with dialogs():  # neither the question nor a save dialog
        QTest.keyClick(first.line_edit(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
        qtbot.wait(300)  # a mnemonic clicks after a short animation
    assert errors(extraction) == [
        "The dates changed since the preview. Press Preview to see what would be claimed for "
        "them, then extract."
    ]
    assert extraction.summary.text() == "Press Preview to see what would be claimed."
    assert not extraction.extract_button.isEnabled()
    assert _batches(demo_ctx) == 0

    greyed: list[bool] = []
    real = extraction_dialog.extract_sds

    def watched(*args: Any, **kwargs: Any) -> Any:
        greyed.append(not extraction.extract_button.isEnabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(extraction_dialog, "extract_sds", watched)
    press(extraction, "Preview")
    claim = tmp_path / "claim.csv"
    with dialogs(lambda w: press(w, "Yes"), save_as(claim)):
        press(extraction, "Extract to file")
    assert greyed == [True], "Extract to file… is greyed while the extraction runs"
    assert claim.exists() and _batches(demo_ctx) == 1
    assert not extraction.extract_button.isEnabled(), "extracted: nothing left to extract"
    extraction.close()


def test_sds_changed_at_another_desk_after_the_preview_are_not_extracted_unseen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    from app.models import ServiceDelivered

    window = open_window(demo_ctx, "admin")
    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = _dialog(window, "reportExtract")
    type_date(qtbot, field(extraction, "From date"), "1/3")
    type_date(qtbot, field(extraction, "To date"), "31/3")
    press(extraction, "Preview")
    shown = [line.sd_id for line in extraction.preview.lines]
    assert len(shown) > 1

    def taken_elsewhere(orm: Any) -> None:  # another desk claimed one of them meanwhile
        orm.get(ServiceDelivered, shown[0]).amount_cents += 100
        orm.commit()

    data.read(demo_ctx, taken_elsewhere)
    claim = tmp_path / "claim.csv"
    with dialogs(lambda w: press(w, "Yes"), save_as(claim)):
        press(extraction, "Extract to file")
    qtbot.waitUntil(lambda: bool(errors(extraction)), timeout=5000)
    assert errors(extraction) == [
        "The SDs of this period changed since the preview (another desk added, changed or "
        "extracted some), so nothing was extracted. Press Preview to see them as they are now, "
        "then extract."
    ]
    assert not claim.exists() and _batches(demo_ctx) == 0
    assert not extraction.extract_button.isEnabled(), "the old preview no longer holds"
    press(extraction, "Preview")
    with dialogs(lambda w: press(w, "Yes"), save_as(claim)):
        press(extraction, "Extract to file")
    qtbot.waitUntil(lambda: _batches(demo_ctx) == 1, timeout=5000)
    assert claim.exists()
    extraction.close()


def test_a_period_typed_before_the_practices_day_arrives_is_kept(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10:00 on Wed 1 Apr 2026 in Sydney, still 31 March in UTC: the dialog opens on March's
    # month and moves to April's once the practice's time zone is read, which a busy database
    # can hold up while the person types.
    window = open_window(demo_ctx, "manager")
    held: list[Any] = []
    read = window.ops.read

    def slow_zone(fn: Any, on_done: Any, on_error: Any = None) -> None:
        if fn is practice.time_zone:
            held.append(lambda: read(fn, on_done, on_error))
        else:
            read(fn, on_done, on_error)

    monkeypatch.setattr(window.ops, "read", slow_zone)
    from_menu(window, "Reports", "Cancellation report")
    report = _dialog(window, "reportCancellations")
    type_date(qtbot, field(report, "From date"), "1/3/2026")
    type_date(qtbot, field(report, "To date"), "15/3/2026")
    assert len(held) == 1
    held.pop()()  # the practice's time zone arrives
    seen: list[str] = []
    with dialogs(_suggested(seen)):
        press(report, "Save CSV")
    assert seen == ["cancellations-2026-03-01-to-2026-03-15.csv"]
    report.close()

    from_menu(window, "Reports", "Cancellation report")  # nothing typed: the practice's month
    report = _dialog(window, "reportCancellations")
    held.pop()()
    with dialogs(_suggested(seen)):
        press(report, "Save CSV")
    assert seen[1:] == ["cancellations-2026-04-01-to-2026-04-30.csv"]
    report.close()
