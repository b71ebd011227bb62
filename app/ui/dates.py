"""The one date/time field of the window: type it as you say it, day first, or pick it on a calendar.

Qt's QDateTimeEdit types section by section into a display format such as
"ddd dd MMM yyyy  HH:mm", so "07/12/2026 09:00" or "09:00" lands in the wrong sections (09:00
became 20:26). This field is a plain line edit read by `app.ui.date_text` when the person leaves
it, with the same value API (dateTime/date/time and their signals) the window already uses.

Up and Down step the part of the shown value under the cursor (the day, the month, the hour...)
and highlight it, so a step is always seen; what was typed is read first, never stepped blindly.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QEvent, QPoint, QSize, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.ui import date_steps
from app.ui.date_text import DateTextError, Mode, parse_typed
from app.ui.i18n import tr

FORMATS: dict[str, str] = {
    "datetime": "ddd dd MMM yyyy  HH:mm",
    "date": "ddd dd MMM yyyy",
    "time": "HH:mm",
}
Day = date  # the class's own date() method hides the name inside it
SAMPLE = {"datetime": "Wed 30 Sep 2026  23:59", "date": "Wed 30 Sep 2026", "time": "23:59"}
ERROR_STYLE = "color: #b3261e; font-weight: bold;"
INVALID_STYLE = "QLineEdit { border: 2px solid #b3261e; border-radius: 3px; }"


Clock = Callable[[], datetime]


def practice_clock(now: Clock, tz: ZoneInfo) -> Clock:
    """The desk's clock on the practice's wall: what a typed "today", "mon" or "9am" means in
    a field (the computer's own calendar may be another zone's, or the demo's day another)."""
    return lambda: now().astimezone(tz)


class _TypedLine(QLineEdit):
    """The text part: Tab, Enter and leaving the field read what was typed first."""

    def __init__(self, owner: DateTimeField) -> None:
        super().__init__(owner)
        self.owner = owner

    def event(self, event: QEvent) -> bool:
        # Tab moves the focus before keyPressEvent sees it, and without a focus-out when the
        # window is not active: read the text here so Tab always means "done".
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and (event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab))
        ):
            self.owner.commit()
        return super().event(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.minimumWidth(), super().sizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.owner.commit():
                # Not a date: stay here with the sentence, never on to the next page or OK.
                event.accept()
                return
        elif key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.owner.show_calendar()
            return
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            self.owner.step(1 if key == Qt.Key.Key_Up else -1)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.owner.commit()
        super().focusOutEvent(event)


class DateTimeField(QWidget):
    """A date, a time, or both: typed day first ("7/12/26 9:00", "0900", "9am") or picked."""

    dateTimeChanged = Signal(QDateTime)  # noqa: N815 - the names QDateTimeEdit uses
    dateChanged = Signal(QDate)  # noqa: N815
    timeChanged = Signal(QTime)  # noqa: N815
    editingFinished = Signal()  # noqa: N815

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        mode: Mode = "datetime",
        now: Clock,
        value: datetime | date | None = None,
        inline_errors: bool = True,
    ) -> None:
        super().__init__(parent)
        self.mode: Mode = mode
        self.now = now
        self.inline_errors = inline_errors
        self.display_format = FORMATS[mode]
        self._value = _naive(value if value is not None else now())
        self._error = ""
        self.calendar: QCalendarWidget | None = None  # the popup while it is open
        self._build_ui()
        self._show_value()

    def _build_ui(self) -> None:
        self.line = _TypedLine(self)
        self.line.setMinimumWidth(
            self.line.fontMetrics().horizontalAdvance(SAMPLE[self.mode] + "  ") + 16
        )
        self.line.setPlaceholderText(
            {"datetime": "dd/mm/yyyy hh:mm", "date": "dd/mm/yyyy", "time": "hh:mm"}[self.mode]
        )
        self.setFocusProxy(self.line)
        # Like QDateTimeEdit: as wide as a date, not stretched across a toolbar.
        self.line.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.setVisible(self.mode != "time")
        self.calendar_button.clicked.connect(self.show_calendar)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("dateError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.addLayout(row)
        outer.addWidget(self.error_label)
        # In a toolbar (errors as tooltips) the field keeps to its size instead of stretching.
        horizontal = (
            QSizePolicy.Policy.Preferred if self.inline_errors else QSizePolicy.Policy.Maximum
        )
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("")

    # -- what the window reads and sets (QDateTimeEdit's names) ---------------------------------

    def dateTime(self) -> QDateTime:  # noqa: N802
        """The value, read from what is typed when that reads as a date."""
        self._read_quietly()
        v = self._value
        return QDateTime(QDate(v.year, v.month, v.day), QTime(v.hour, v.minute))

    def date(self) -> QDate:
        return self.dateTime().date()

    def time(self) -> QTime:
        return self.dateTime().time()

    def value(self) -> datetime:
        """The value as a naive local datetime (to the minute)."""
        self._read_quietly()
        return self._value

    def setDateTime(self, value: QDateTime) -> None:  # noqa: N802
        d, t = value.date(), value.time()
        self.set_value(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()))

    def setDate(self, value: QDate) -> None:  # noqa: N802
        self.set_value(self._value.replace(year=value.year(), month=value.month(), day=value.day()))

    def setTime(self, value: QTime) -> None:  # noqa: N802
        self.set_value(self._value.replace(hour=value.hour(), minute=value.minute()))

    def set_value(self, value: datetime | Day) -> None:
        """Show `value` (naive or aware local wall time) and announce a change."""
        self._clear_error()
        self._store(_naive(value))

    def setDisplayFormat(self, fmt: str) -> None:  # noqa: N802
        self.display_format = fmt
        self._show_value()

    def setCalendarPopup(self, enable: bool) -> None:  # noqa: N802
        self.calendar_button.setVisible(enable and self.mode != "time")

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        """Name the typing part, so a screen reader (and a test) finds the field by it."""
        self.line.setAccessibleName(name)
        picker = tr("dates", "{name}: choose on a calendar").format(name=name) if name else ""
        self.calendar_button.setAccessibleName(picker)
        self.calendar_button.setToolTip(picker)
        problem = tr("dates", "{name}: problem").format(name=name) if name else ""
        self.error_label.setAccessibleName(problem)

    def accessibleName(self) -> str:  # noqa: N802
        return self.line.accessibleName()

    def setToolTip(self, text: str) -> None:  # noqa: N802
        self.line.setToolTip(text)

    def line_edit(self) -> QLineEdit:
        return self.line

    def text(self) -> str:
        return self.line.text()

    def typed(self) -> datetime | None:
        """What is typed now reads as, leaving the text as it is; None when it does not read."""
        try:
            return parse_typed(self.line.text(), self.mode, self._value, self.now())
        except DateTextError:
            return None

    def error_text(self) -> str:
        """The sentence shown for what was typed, or "" when it reads as a date."""
        return self._error

    # -- typing ---------------------------------------------------------------------------

    def commit(self) -> bool:
        """Read what was typed; show it the usual way, or say what is wrong with it."""
        try:
            value = parse_typed(self.line.text(), self.mode, self._value, self.now())
        except DateTextError as exc:
            self._show_error(str(exc))
            return False
        self._clear_error()
        self._store(value)
        self.editingFinished.emit()
        return True

    # -- stepping with the arrow keys -------------------------------------------------------

    def sections(self) -> list[tuple[int, int, str]]:
        """Where each steppable part of the shown value is: (start, end, unit)."""
        return date_steps.sections(self._qdatetime(), self.display_format)

    def section_at(self, position: int) -> tuple[int, int, str] | None:
        """The part the cursor is in (or just after); the nearest one before it otherwise."""
        return date_steps.section_at(self.sections(), position)

    def step(self, direction: int) -> None:
        """Step the part under the cursor by one (Up +1, Down -1) and highlight it.

        Text typed but not yet read is read first and shown, not stepped: the person sees what
        the field understood before any arrow changes it.
        """
        if self.line.text() != self._formatted():
            self.commit()
            return
        line = self.line
        position = line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        section = self.section_at(position)
        if section is None:
            return
        index = self.sections().index(section)
        self._store(date_steps.stepped(self._value, section[2], direction))
        parts = self.sections()
        start, end, _unit = parts[min(index, len(parts) - 1)]
        line.setSelection(start, end - start)

    def _qdatetime(self) -> QDateTime:
        v = self._value
        return QDateTime(QDate(v.year, v.month, v.day), QTime(v.hour, v.minute))

    def _read_quietly(self) -> None:
        if self.line.text() != self._formatted():
            # When it doesn't read, the field shows why as the person leaves it.
            with suppress(DateTextError):
                self._store(parse_typed(self.line.text(), self.mode, self._value, self.now()))

    def _store(self, value: datetime) -> None:
        """Keep `value`, show it, then announce it (listeners read the field back)."""
        if self.mode == "date":
            value = value.replace(hour=self._value.hour, minute=self._value.minute)
        old, self._value = self._value, value.replace(second=0, microsecond=0)
        self._show_value()
        if old == self._value:
            return
        qdt = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
        self.dateTimeChanged.emit(qdt)
        if old.date() != value.date():
            self.dateChanged.emit(qdt.date())
        if old.time() != self._value.time():
            self.timeChanged.emit(qdt.time())

    def _formatted(self) -> str:
        return self._qdatetime().toString(self.display_format)

    def _show_value(self) -> None:
        self.line.setText(self._formatted())

    def _show_error(self, message: str) -> None:
        self._error = message
        self.line.setStyleSheet(INVALID_STYLE)
        self.line.setAccessibleDescription(message)
        if self.inline_errors:
            self.error_label.setText(message)
            self.error_label.show()
            self.updateGeometry()
        else:
            self.line.setToolTip(message)
            QToolTip.showText(self.line.mapToGlobal(QPoint(0, self.line.height())), message)

    def _clear_error(self) -> None:
        if not self._error:
            return
        self._error = ""
        self.line.setStyleSheet("")
        self.line.setAccessibleDescription("")
        self.error_label.hide()
        self.updateGeometry()

    # -- the calendar ---------------------------------------------------------------------

    def show_calendar(self) -> None:
        """Pop up a month calendar under the field; a click picks the day, keeping the time."""
        if self.mode == "time":
            return
        self._read_quietly()
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        popup.setGridVisible(True)
        v = self._value
        popup.setSelectedDate(QDate(v.year, v.month, v.day))
        popup.setAccessibleName(tr_calendar(self.accessibleName()))
        popup.clicked.connect(lambda day: self._on_calendar_picked(popup, day))
        popup.activated.connect(lambda day: self._on_calendar_picked(popup, day))
        popup.move(self.line.mapToGlobal(QPoint(0, self.line.height())))
        popup.show()
        popup.setFocus()
        self.calendar = popup

    def _on_calendar_picked(self, popup: QCalendarWidget, day: QDate) -> None:
        popup.close()
        self.setDate(day)
        self.line.setFocus()
        self.editingFinished.emit()


def tr_calendar(name: str) -> str:
    """The calendar popup's name for a screen reader: "Date received: calendar"."""
    return tr("dates", "{name}: calendar").format(name=name) if name else tr("dates", "Calendar")


def _naive(value: datetime | date) -> datetime:
    """A wall time without its zone (the field shows what it is given)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, second=0, microsecond=0)
    return datetime(value.year, value.month, value.day)


def date_field(
    parent: QWidget, value: date, name: str = "", *, now: Clock, inline_errors: bool = True
) -> DateTimeField:
    """A day field (no time), e.g. the day a payment was received."""
    field = DateTimeField(parent, mode="date", value=value, now=now, inline_errors=inline_errors)
    if name:
        field.setAccessibleName(name)
    return field


def time_field(parent: QWidget, minute: int, name: str = "") -> DateTimeField:
    """A 24-hour time of day from minutes since midnight (1440 shows as 23:59)."""
    minute = min(minute, 24 * 60 - 1)
    # A time of day of the practice's hours, not a moment: "now" typed there is the wall
    # clock's time, whichever.
    field = DateTimeField(
        parent, mode="time", value=datetime(2000, 1, 1, minute // 60, minute % 60),
        now=datetime.now,
    )  # fmt: skip
    if name:
        field.setAccessibleName(name)
    return field
