"""The window's one date field: typed day first, nonsense shown in red, the calendar kept."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from app.ui.dates import DateTimeField, date_field, time_field
from tests.ui.flows.driver import type_date


def _field(qtbot: Any, **kw: Any) -> DateTimeField:
    field = DateTimeField(
        value=datetime(2026, 4, 1, 10, 0), now=lambda: datetime(2026, 4, 1, 10, 7), **kw
    )
    field.setAccessibleName("When")
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


def test_typing_09_00_keeps_the_day_and_announces_the_change(qtbot: Any) -> None:
    field = _field(qtbot)
    changed: list[Any] = []
    field.dateTimeChanged.connect(changed.append)
    type_date(qtbot, field, "09:00")
    assert field.value() == datetime(2026, 4, 1, 9, 0)
    assert field.text() == "Wed 01 Apr 2026  09:00"
    assert len(changed) == 1 and field.error_text() == ""


def test_nonsense_is_shown_with_a_sentence_and_the_last_good_value_kept(qtbot: Any) -> None:
    field = _field(qtbot)
    type_date(qtbot, field, "31/02/2026 25:00")
    assert "there is no day 31 in month 2 of 2026" in field.error_text()
    assert field.error_label.isVisible() and field.error_label.text() == field.error_text()
    assert field.value() == datetime(2026, 4, 1, 10, 0)
    type_date(qtbot, field, "7/12/26 9am")
    assert not field.error_label.isVisible()
    assert field.value() == datetime(2026, 12, 7, 9, 0)


def test_enter_reads_the_typed_text_too(qtbot: Any) -> None:
    field = _field(qtbot)
    field.line_edit().selectAll()
    qtbot.keyClicks(field.line_edit(), "2/4/26 1430")
    QTest.keyClick(field.line_edit(), Qt.Key.Key_Return)
    assert field.value() == datetime(2026, 4, 2, 14, 30)


def test_the_calendar_picks_a_day_and_keeps_the_time(qtbot: Any) -> None:
    field = _field(qtbot)
    field.show_calendar()
    popup = field.calendar
    assert popup.isVisible() and popup.selectedDate() == QDate(2026, 4, 1)
    popup.clicked.emit(QDate(2026, 4, 9))
    assert field.value() == datetime(2026, 4, 9, 10, 0)
    assert not popup.isVisible()


def test_a_day_field_and_a_time_field_take_only_their_part(qtbot: Any) -> None:
    day = date_field(None, date(2026, 4, 1), "From")  # type: ignore[arg-type]
    clock = time_field(None, 8 * 60, "Start")  # type: ignore[arg-type]
    for w in (day, clock):
        qtbot.addWidget(w)
        w.show()
    type_date(qtbot, day, "15")
    assert day.date().toPython() == date(2026, 4, 15) and day.text() == "Wed 15 Apr 2026"
    type_date(qtbot, clock, "5.30pm")
    assert (clock.time().hour(), clock.time().minute()) == (17, 30) and clock.text() == "17:30"
    type_date(qtbot, clock, "7/12/2026")
    assert "takes a time only" in clock.error_text()
    assert clock.calendar_button.isHidden()
