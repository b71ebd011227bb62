"""Small controls the set-up dialogs share: a colour field, combos of records, times of day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.dates import DateTimeField, time_field
from app.ui.i18n import tr
from app.ui.setup.common import accessible

ID_ROLE = 256


class ColourField(QWidget):
    """A #rrggbb text with a swatch button that opens the colour picker."""

    def __init__(self, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(value, self)
        self.edit.setMaxLength(7)
        self.swatch = QPushButton(self)
        self.swatch.setFixedWidth(36)
        accessible(self.swatch, tr("setup", "Choose colour"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.swatch)
        self.edit.textChanged.connect(self._paint)
        self.swatch.clicked.connect(self._choose)
        self._paint(value)

    def value(self) -> str:
        """The colour as typed."""
        return self.edit.text()

    def _paint(self, text: str) -> None:
        colour = QColor(text)
        self.swatch.setStyleSheet(f"background: {colour.name()};" if colour.isValid() else "")

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.edit.text()), self)
        if chosen.isValid():
            self.edit.setText(chosen.name())


def record_combo(
    items: Sequence[tuple[int, str]], chosen: int | None, parent: QWidget, none_text: str = ""
) -> QComboBox:
    """A combo of (id, name); `none_text` adds a first "none/any" choice whose data is None."""
    combo = QComboBox(parent)
    if none_text:
        combo.addItem(none_text, None)
    for record_id, name in items:
        combo.addItem(name, record_id)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(0, index))
    return combo


def combo_id(combo: QComboBox) -> int | None:
    """The id behind a record combo's choice (None for "none/any")."""
    data = combo.currentData()
    return int(data) if data is not None else None


def qt_datetime(local: datetime) -> QDateTime:
    """A local wall time (to the minute) for a date field; the field shows it as given."""
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qt(edit_value: QDateTime, tz: ZoneInfo) -> datetime:
    """A date field's wall time, read on the practice clock."""
    d, t = edit_value.date(), edit_value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=tz)


def time_edit(minute: int, parent: QWidget) -> DateTimeField:
    """A 24-hour time-of-day field from minutes (1440 shows as 23:59); "9am" or "0900" type in."""
    return time_field(parent, minute)


def minutes_of(edit: DateTimeField, end_of_day: bool = False) -> int:
    """Minutes of the day shown; 23:59 as an end means the whole day."""
    t = edit.time()
    minute = t.hour() * 60 + t.minute()
    return 24 * 60 if end_of_day and minute == 24 * 60 - 1 else minute


class CheckList(QWidget):
    """A filterable list of check boxes over (id, name), e.g. the clients of a session."""

    changed = Signal()

    def __init__(
        self, items: Sequence[tuple[int, str]], chosen: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(tr("setup", "Type to find…"))
        self.filter.setClearButtonEnabled(True)
        accessible(self.filter, tr("setup", "Find"))
        self.list = QListWidget(self)
        for record_id, name in items:
            item = QListWidgetItem(name, self.list)
            item.setData(ID_ROLE, record_id)
            item.setCheckState(_state(record_id in chosen))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._on_filter_changed)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def chosen(self) -> tuple[int, ...]:
        """The ticked ids, in list order."""
        return tuple(
            int(self.list.item(i).data(ID_ROLE))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == _state(True)
        )

    def set_checked(self, record_id: int, on: bool = True) -> None:
        """Tick (or untick) one id."""
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == record_id:
                self.list.item(i).setCheckState(_state(on))

    def _on_filter_changed(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())


def _state(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
