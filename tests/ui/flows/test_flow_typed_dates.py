"""Dates typed as a receptionist says them, in every dialog that asks for one, walked through the
real window: the cancel wizard (with its live notice and arrow keys), bulk cancel, claim
extraction, reschedule; and the undo reason typed the moment its dialog opens."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMenu, QWizard
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import BulkCancelJob, Cancellation, CreditEntry, ExtractionBatch, Session
from app.models.notice_text import describe_notice
from app.services.boundary import period_bounds
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    errors,
    field,
    finish,
    from_context_menu,
    from_menu,
    next_page,
    open_tab,
    press,
    tick,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import GO, save_as
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_packs import _newcomer

SYDNEY = ZoneInfo("Australia/Sydney")  # the demo practice; its today is Wed 1 Apr 2026, 10:00
PAGE_DETAILS = 2


def focused() -> Any:
    return QApplication.focusWidget()


def starts_at(ctx: AppContext, session_id: int) -> datetime:
    return data.read(ctx, lambda orm: orm.get(Session, session_id).starts_at)  # type: ignore[union-attr]


def the_cancellation(ctx: AppContext, session_id: int) -> Cancellation:
    return data.read(
        ctx,
        lambda orm: orm.scalars(select(Cancellation).where(Cancellation.session_id == session_id))
        .one(),
    )  # fmt: skip


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=SYDNEY)  # type: ignore[misc]


# -- the cancel wizard ---------------------------------------------------------------------------


def test_advised_at_has_the_focus_a_future_time_is_refused_on_return_and_a_typed_day_is_stored(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    seen: dict[str, Any] = {}

    def wizard(w: QWizard) -> None:
        press(w, "The client")
        next_page(w)
        advised = field(w, "Advised at")
        assert focused() is advised.line_edit(), "typing goes straight into Advised at"
        QTest.keyClicks(focused(), "tomorrow 9am")  # no click: the value shown is replaced
        QTest.keyClick(focused(), Qt.Key.Key_Return)
        seen["tomorrow"] = advised.text()
        seen["refused"] = errors(w)
        seen["page"] = w.currentId()  # Return did not skip the page that still needs input
        type_date(qtbot, advised, "7/12")
        seen["7/12"] = advised.text()
        next_page_refused = w.currentId()
        QTest.mouseClick(w.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        seen["still"] = (next_page_refused, w.currentId())
        type_date(qtbot, advised, "31/3 9am")
        choose(field(w, "Reason"), "Health")
        next_page(w)
        finish(w)

    with dialogs(wizard):
        from_context_menu(window, sid, "Cancel…")

    assert seen["tomorrow"] == "Thu 02 Apr 2026  09:00"
    assert any("The advised time is in the future" in e for e in seen["refused"])
    assert seen["page"] == PAGE_DETAILS
    assert seen["7/12"] == "Mon 07 Dec 2026  09:00"  # day first, this year, the time kept
    assert seen["still"] == (PAGE_DETAILS, PAGE_DETAILS)
    assert the_cancellation(demo_ctx, sid).advised_at == local(2026, 3, 31, 9, 0).astimezone(UTC)


def test_return_on_an_advised_time_that_does_not_read_stays_on_the_page(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    seen: dict[str, Any] = {}

    def wizard(w: QWizard) -> None:
        press(w, "The client")
        QTest.keyClick(focused(), Qt.Key.Key_Return)  # the client is chosen: Return goes on
        seen["who"] = w.currentId()
        QTest.keyClicks(focused(), "31/02 9am")
        QTest.keyClick(focused(), Qt.Key.Key_Return)
        seen["details"] = (w.currentId(), field(w, "Advised at").error_text())
        press(w, "Cancel")

    with dialogs(wizard):
        from_context_menu(window, sid, "Cancel…")
    assert seen["who"] == PAGE_DETAILS
    page, said = seen["details"]
    assert page == PAGE_DETAILS and "there is no day 31 in month 2" in said
    assert data.booking_statuses(demo_ctx, sid) and not data.read(
        demo_ctx,
        lambda orm: orm.scalars(select(Cancellation).where(Cancellation.session_id == sid)).all(),
    )


def test_down_in_advised_at_steps_the_part_under_the_cursor_and_the_notice_follows_live(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    start = starts_at(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    seen: dict[str, Any] = {}

    def notice_for(advised: datetime) -> str:
        return f"Notice: {describe_notice(start - advised)} — "

    def wizard(w: QWizard) -> None:
        press(w, "The client")
        next_page(w)
        choose(field(w, "Reason"), "Health")
        line = field(w, "Advised at").line_edit()
        notice = field(w, "Notice given", QLabel)
        now = local(2026, 4, 1, 10, 0)
        qtbot.waitUntil(lambda: notice.text().startswith(notice_for(now)), timeout=3000)
        seen["before"] = notice.text()
        line.setFocus()
        QTest.keyClick(line, Qt.Key.Key_Home)
        for _ in range(5):  # into the day: "Wed 0|1 Apr 2026  10:00"
            QTest.keyClick(line, Qt.Key.Key_Right)
        QTest.keyClick(line, Qt.Key.Key_Down)
        seen["stepped"] = (line.text(), line.selectedText())
        day_before = local(2026, 3, 31, 10, 0)
        qtbot.waitUntil(lambda: notice.text().startswith(notice_for(day_before)), timeout=3000)
        seen["after"] = notice.text()
        QTest.keyClick(line, Qt.Key.Key_End)  # the minutes
        QTest.keyClick(line, Qt.Key.Key_Down)
        seen["minute"] = (line.text(), line.selectedText())
        one_less = local(2026, 3, 31, 9, 59)
        qtbot.waitUntil(lambda: notice.text().startswith(notice_for(one_less)), timeout=3000)
        next_page(w)
        finish(w)

    with dialogs(wizard):
        from_context_menu(window, sid, "Cancel…")

    assert seen["stepped"] == ("Tue 31 Mar 2026  10:00", "31")  # a day, highlighted: never a month
    assert seen["before"] != seen["after"]
    assert "fee" in seen["after"]
    assert seen["minute"] == ("Tue 31 Mar 2026  09:59", "59")
    stored = the_cancellation(demo_ctx, sid).advised_at
    assert stored == local(2026, 3, 31, 9, 59).astimezone(UTC)


# -- bulk cancel ------------------------------------------------------------------------------


def test_bulk_cancel_takes_a_typed_range_and_the_job_covers_exactly_those_days(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    out = tmp_path / "two-days.csv"
    seen: dict[str, Any] = {}

    def bulk_dialog(w: Any) -> None:
        first, last = field(w, "From"), field(w, "To")
        assert focused() is first.line_edit(), "the range is what a person fills first"
        QTest.keyClicks(focused(), "tomorrow")
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        type_date(qtbot, last, "tomorrow 9am")
        seen["date only"] = last.error_text()
        type_date(qtbot, last, "3/4")
        seen["range"] = (first.text(), last.text())
        press(w, "Select all")
        choose(field(w, "Reason"), "Practice: Practice closure")
        press(w, GO)

    def go(w: Any) -> None:
        press(w, "Cancel sessions")

    with dialogs(bulk_dialog, save_as(out), go, lambda w: press(w, "OK")):
        from_menu(window, "Schedule", "Bulk cancel")

    assert "takes a date only" in seen["date only"]
    assert seen["range"] == ("Thu 02 Apr 2026", "Fri 03 Apr 2026")
    job = data.read(demo_ctx, lambda orm: orm.scalars(select(BulkCancelJob)).one())
    assert (job.date_from, job.date_to) == (date(2026, 4, 2), date(2026, 4, 3))
    days = data.read(
        demo_ctx,
        lambda orm: {
            s.starts_at.astimezone(SYDNEY).date()
            for s in orm.scalars(
                select(Session).join(Cancellation).where(Cancellation.bulk_job_id == job.id)
            )
        },
    )
    assert days == {date(2026, 4, 2), date(2026, 4, 3)}


# -- claim extraction ---------------------------------------------------------------------------


def test_claim_extraction_takes_typed_dates_and_the_batch_covers_that_period(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Reports", "Extract SDs for claiming")
    extraction = window.findChild(QMenu, "reportsMenu").dialogs["reportExtract"]
    first = field(extraction, "From date")
    qtbot.waitUntil(lambda: focused() is first.line_edit(), timeout=3000)
    type_date(qtbot, first, "1/3")
    type_date(qtbot, field(extraction, "To date"), "yesterday")
    press(extraction, "Preview")
    assert extraction.preview is not None and extraction.preview.count > 0
    claim = tmp_path / "claim.csv"
    with dialogs(lambda w: press(w, "Yes"), save_as(claim)):
        press(extraction, "Extract to file")
    batch = data.read(demo_ctx, lambda orm: orm.scalars(select(ExtractionBatch)).one())
    assert (batch.period_from, batch.period_to) == period_bounds(
        date(2026, 3, 1), date(2026, 3, 31), SYDNEY
    )


# -- the cancellation report ----------------------------------------------------------------------


def test_the_cancellation_report_takes_named_days_and_covers_exactly_them(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Reports", "Cancellation report")
    report = window.findChild(QMenu, "reportsMenu").dialogs["reportCancellations"]
    first = field(report, "From date")
    qtbot.waitUntil(lambda: focused() is first.line_edit(), timeout=3000)
    type_date(qtbot, first, "last mon")
    type_date(qtbot, field(report, "To date"), "today")
    assert (first.text(), field(report, "To date").text()) == ("Mon 30 Mar 2026", "Wed 01 Apr 2026")
    out = tmp_path / "cancellations.csv"
    with dialogs(save_as(out)):
        press(report, "Save CSV")
    qtbot.waitUntil(out.exists, timeout=5000)
    with out.open(encoding="utf-8-sig") as fh:
        days = {row["Date"] for row in csv.DictReader(fh)}
    start, end = period_bounds(date(2026, 3, 30), date(2026, 4, 1), SYDNEY)
    expected = data.read(
        demo_ctx,
        lambda orm: {
            s.starts_at.astimezone(SYDNEY).strftime("%Y-%m-%d")
            for s in orm.scalars(
                select(Session)
                .join(Cancellation)
                .where(Cancellation.undone_at.is_(None))
                .where(Session.starts_at >= start, Session.starts_at < end)
            )
        },
    )
    assert days and days == expected


def test_the_audit_log_and_the_calendar_export_read_typed_days_as_the_practices_days(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    reports = window.findChild(QMenu, "reportsMenu")
    from_menu(window, "Reports", "Audit log")
    audit = reports.dialogs["reportAudit"]
    press(audit, "From")  # each day filters only once ticked
    press(audit, "To")
    type_date(qtbot, field(audit, "From date"), "today")
    type_date(qtbot, field(audit, "To date"), "tomorrow")
    # The desk's day (Wed 1 Apr 2026 in the demo), not the computer's calendar.
    assert field(audit, "From date").text() == "Wed 01 Apr 2026"
    assert field(audit, "To date").text() == "Thu 02 Apr 2026"
    from_menu(window, "Reports", "Export schedule (iCalendar)")
    ics = reports.dialogs["reportIcs"]
    type_date(qtbot, field(ics, "From date"), "next mon")
    assert field(ics, "From date").text() == "Mon 06 Apr 2026"


def test_the_practices_today_reaches_go_to_date_the_bookings_range_and_a_packs_expiry(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    # 10:00 on Wed 1 Apr 2026 in Sydney is still Tue 31 Mar in UTC, and the computer's own
    # calendar is another day again: every "today" below is the practice's.
    window = open_window(demo_ctx, "reception")
    type_date(qtbot, field(window, "Go to date"), "fri")
    assert window.anchor == date(2026, 4, 3)
    open_tab(window.tabs, "Bookings")
    type_date(qtbot, field(window, "From date"), "today")
    assert field(window, "From date").text() == "Wed 01 Apr 2026"
    client_id, name = _newcomer(demo_ctx)
    seen: dict[str, str] = {}

    def sell(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Price", QLineEdit), "150")
        tick(field(w, "Credits expire"))
        seen["expiry"] = field(w, "Expiry date").text()
        press(w, "Sell")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    assert seen["expiry"] == "Thu 01 Apr 2027", "a year from the practice's day"
    line = data.read(demo_ctx, lambda orm: orm.scalars(
        select(CreditEntry).where(CreditEntry.client_id == client_id)).one())  # fmt: skip
    assert line.expires_on == date(2027, 4, 1)


# -- reschedule --------------------------------------------------------------------------------


def reschedule_to(qtbot: Any, *typed: str, clock: list[datetime] | None = None) -> Any:
    def answer(w: Any) -> None:
        when = field(w, "New start")
        for text in typed:
            type_date(qtbot, when, text)
        if clock is not None:
            clock.append(when.now())
        press(w, "Reschedule")

    return answer


def test_reschedule_takes_a_typed_day_then_a_typed_time(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    with dialogs(reschedule_to(qtbot, "7/12", "9:30")):
        from_context_menu(window, sid, "Reschedule…")
    assert starts_at(demo_ctx, sid) == local(2026, 12, 7, 9, 30).astimezone(UTC)


def test_reschedule_to_tomorrow_9am(qtbot: Any, demo_ctx: AppContext, open_window: Any) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "reception")
    clock: list[datetime] = []
    with dialogs(reschedule_to(qtbot, "tomorrow 9am", clock=clock)):
        from_context_menu(window, sid, "Reschedule…")
    tomorrow = clock[0].date() + timedelta(days=1)  # the practice's tomorrow, by the field's clock
    expected = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, 0, tzinfo=SYDNEY)
    assert starts_at(demo_ctx, sid) == expected.astimezone(UTC)


# -- undo: the reason typed at once ------------------------------------------------------------


def test_the_undo_reason_is_typed_the_moment_the_dialog_opens(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")

    def undo(w: Any) -> None:
        reason = field(w, "Undo reason")
        assert focused() is reason, f"the focus is on {focused()!r}, not the reason"
        QTest.keyClicks(focused(), "Rang back")  # no click first
        press(w, "Undo cancellation")

    with dialogs(undo):
        from_context_menu(window, sid, "Undo cancellation…")
    assert the_cancellation(demo_ctx, sid).undo_reason == "Rang back"
