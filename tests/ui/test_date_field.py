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
    day = date_field(None, date(2026, 4, 1), "From", now=lambda: datetime(2026, 4, 1, 10))  # type: ignore[arg-type]
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


def _at(field: DateTimeField, text: str) -> None:
    """Put the cursor inside `text` of what the field shows, as a click there does."""
    field.line_edit().setFocus()
    field.line_edit().setCursorPosition(field.text().index(text) + 1)


def test_up_and_down_step_the_part_under_the_cursor_and_highlight_it(qtbot: Any) -> None:
    field = _field(qtbot)  # Wed 01 Apr 2026  10:00
    line = field.line_edit()
    _at(field, "10:")
    QTest.keyClick(line, Qt.Key.Key_Down)
    assert field.value() == datetime(2026, 4, 1, 9, 0)
    assert line.selectedText() == "09"  # the hour, highlighted: the step is seen
    QTest.keyClick(line, Qt.Key.Key_Up)
    QTest.keyClick(line, Qt.Key.Key_Up)
    assert field.value() == datetime(2026, 4, 1, 11, 0)
    line.end(False)  # the minutes
    QTest.keyClick(line, Qt.Key.Key_Down)
    assert field.value() == datetime(2026, 4, 1, 10, 59) and line.selectedText() == "59"
    _at(field, "01 Apr")
    QTest.keyClick(line, Qt.Key.Key_Down)
    assert field.value() == datetime(2026, 3, 31, 10, 59)  # a day, never a month
    assert line.selectedText() == "31"
    _at(field, "Mar")
    QTest.keyClick(line, Qt.Key.Key_Up)
    assert field.value() == datetime(2026, 4, 30, 10, 59)  # 31 March + a month: 30 April
    assert line.selectedText() == "Apr"
    _at(field, "2026")
    QTest.keyClick(line, Qt.Key.Key_Down)
    assert field.value() == datetime(2025, 4, 30, 10, 59) and line.selectedText() == "2025"


def test_an_arrow_after_typing_reads_the_text_first_and_steps_nothing(qtbot: Any) -> None:
    field = _field(qtbot)
    changed: list[Any] = []
    field.dateTimeChanged.connect(changed.append)
    line = field.line_edit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "tomorrow 9am")
    QTest.keyClick(line, Qt.Key.Key_Down)
    assert field.value() == datetime(2026, 4, 2, 9, 0) and field.text() == "Thu 02 Apr 2026  09:00"
    QTest.keyClick(line, Qt.Key.Key_Down)  # now the minutes (the cursor is at the end)
    assert field.value() == datetime(2026, 4, 2, 8, 59)
    assert len(changed) == 2


def test_return_on_nonsense_stays_in_the_field(qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = DateTimeField(dialog, value=datetime(2026, 4, 1, 10, 0), now=datetime.now)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(buttons)
    accepted: list[int] = []
    dialog.accepted.connect(lambda: accepted.append(1))
    dialog.show()
    field.line_edit().setFocus()
    field.line_edit().selectAll()
    qtbot.keyClicks(field.line_edit(), "banana")
    QTest.keyClick(field.line_edit(), Qt.Key.Key_Return)
    assert field.error_text() and dialog.isVisible() and not accepted
    field.line_edit().selectAll()
    qtbot.keyClicks(field.line_edit(), "7/12 9am")
    QTest.keyClick(field.line_edit(), Qt.Key.Key_Return)  # a date: Return is OK as usual
    assert accepted and field.value() == datetime(2026, 12, 7, 9, 0)


def test_weekdays_are_read_from_the_fields_clock(qtbot: Any) -> None:
    field = _field(qtbot)  # its clock says Wed 1 Apr 2026 10:07
    type_date(qtbot, field, "next tue 2pm")
    assert field.value() == datetime(2026, 4, 7, 14, 0)
    type_date(qtbot, field, "mon")
    assert field.value() == datetime(2026, 4, 6, 14, 0)
