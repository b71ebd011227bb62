"""The mini calendar: shows the visible range, and a click goes to a day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QFrame, QScrollArea, QVBoxLayout, QWidget

from app.ui.i18n import tr
from app.ui.schedule.legend import StatusLegend
from app.ui.schedule.style import mix


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class MiniCalendar(QCalendarWidget):
    """Monday-first month grid; the days the schedule shows are tinted."""

    date_chosen = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("miniCalendar")
        self.setAccessibleName(tr("calendar", "Mini calendar"))
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(False)
        self._shown: list[date] = []
        self._anchor = date.today()
        self._name_parts()
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._on_clicked)

    def _name_parts(self) -> None:
        """Qt leaves the month buttons and the day grid unnamed for screen readers."""
        names = {
            "qt_calendar_prevmonth": tr("calendar", "Previous month"),
            "qt_calendar_nextmonth": tr("calendar", "Next month"),
            "qt_calendar_calendarview": tr("calendar", "Days of the month"),
            "qt_calendar_monthbutton": tr("calendar", "Month"),
            "qt_calendar_yearbutton": tr("calendar", "Year"),
        }
        for child in self.findChildren(QWidget):
            if child.objectName() in names:
                child.setAccessibleName(names[child.objectName()])

    def show_range(self, days: list[date], anchor: date) -> None:
        """Tint `days`, select the anchor, without emitting a navigation."""
        for day in self._shown:
            self.setDateTextFormat(_qdate(day), QTextCharFormat())
        tint = QTextCharFormat()
        pal = self.palette()
        tint.setBackground(
            mix(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Highlight), 0.22)
        )
        for day in days:
            self.setDateTextFormat(_qdate(day), tint)
        self._shown, self._anchor = list(days), anchor
        self.blockSignals(True)
        self.setSelectedDate(_qdate(anchor))
        self.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Light/dark switch: tint the shown range in the new palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._shown:
            self.show_range(self._shown, self._anchor)

    def _on_clicked(self, value: QDate) -> None:
        day = value.toPython()
        if isinstance(day, date):
            self.date_chosen.emit(day)


class CalendarPanel(QWidget):
    """The left panel: the mini calendar above the key to the schedule's styles.

    The key scrolls when the panel is short (a small screen, large fonts, another panel
    docked below it): the panel never makes the window taller than the screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = MiniCalendar(self)
        self.legend = StatusLegend(self)
        key = QScrollArea(self)
        key.setObjectName("legendScroll")
        key.setAccessibleName(tr("main", "Key to the schedule"))
        key.setFrameShape(QFrame.Shape.NoFrame)
        key.setWidgetResizable(True)
        key.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        key.setWidget(self.legend)
        column = QVBoxLayout(self)
        column.addWidget(self.calendar)
        column.addWidget(key, 1)
