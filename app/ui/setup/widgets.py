"""Small controls the set-up dialogs share: a colour field, combos of records, times of day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QSize, Qt, QTime, Signal
from PySide6.QtGui import QColor, QKeyEvent
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

from app.i18n import search_key
from app.ui.dates import DateTimeField, time_field
from app.ui.i18n import tr
from app.ui.models.table import row_matches
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
    items: Sequence[tuple[int, str]],
    chosen: int | None,
    parent: QWidget,
    none_text: str = "",
    own_name: str = "",
) -> QComboBox:
    """A combo of (id, name); `none_text` adds a first "none/any" choice whose data is None.

    A `chosen` id that is not among the items (a record made inactive since) is added and kept
    chosen, named `own_name`, so saving the form unchanged never swaps it for another record."""
    combo = QComboBox(parent)
    if none_text:
        combo.addItem(none_text, None)
    for record_id, name in items:
        combo.addItem(name, record_id)
    if chosen is not None and combo.findData(chosen) < 0:
        combo.addItem(inactive_name(own_name or f"#{chosen}"), chosen)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    return combo


def inactive_name(name: str) -> str:
    """A record's name as a list shows it once the record is inactive."""
    return tr("setup", "{name} (inactive)").format(name=name)


def told_apart(items: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """(id, name) pairs with each name two of them share followed by its record number
    ("Sam Lee (#62)"), so the one picked is the one meant."""
    shared = {name for name, seen in Counter(n for _i, n in items).items() if seen > 1}
    return [(i, f"{n} (#{i})" if n in shared else n) for i, n in items]


def picked_id(combo: QComboBox) -> int | None:
    """An editable record combo's choice: the entry picked, else the one whose text was typed
    in full; None when neither."""
    typed = combo.currentText().strip()
    index = combo.currentIndex()
    if index < 0 or combo.itemText(index) != typed:
        index = combo.findText(typed, Qt.MatchFlag.MatchExactly)
    data = combo.itemData(index) if index >= 0 else None
    return int(data) if data is not None else None


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


class _RowsList(QListWidget):
    """A list that asks for room for `SHOWN` rows and gives way to `LEAST` on a short screen
    (the filter above it finds the rest), so the form around it fits before it scrolls."""

    SHOWN, LEAST = 9, 3

    def _rows(self, n: int) -> int:
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        return n * max(1, row) + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:  # noqa: D102 - Qt's
        return QSize(super().sizeHint().width(), self._rows(self.SHOWN))

    def minimumSizeHint(self) -> QSize:  # noqa: D102 - Qt's
        return QSize(super().minimumSizeHint().width(), self._rows(self.LEAST))


class CheckList(QWidget):
    """A filterable list of check boxes over (id, name), e.g. the clients of a session.

    Enter in its Find field never presses the form's default button (a half-filled form would
    be saved): it ticks the one name found, or goes to the list when several are; Down goes to
    the list too."""

    changed = Signal()

    def __init__(
        self,
        items: Sequence[tuple[int, str]],
        chosen: Sequence[int],
        parent: QWidget | None = None,
        *,
        also: Mapping[int, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.also = dict(also or {})  # id → more text the search finds it by (a phone)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(tr("setup", "Type to find…"))
        self.filter.setClearButtonEnabled(True)
        accessible(self.filter, tr("setup", "Find"))
        self.list = _RowsList(self)
        offered = {record_id for record_id, _name in items}
        missing = [(i, inactive_name(f"#{i}")) for i in chosen if i not in offered]
        for record_id, name in [*items, *missing]:  # a chosen id is never dropped unseen
            item = QListWidgetItem(name, self.list)
            item.setData(ID_ROLE, record_id)
            item.setCheckState(_state(record_id in chosen))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._on_filter_changed)
        self.filter.installEventFilter(self)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_find_entered()
                return True
            if plain and event.key() == Qt.Key.Key_Down:
                self._go_to_list()
                return True
        return super().eventFilter(watched, event)

    def _shown(self) -> list[QListWidgetItem]:
        return [
            self.list.item(i) for i in range(self.list.count()) if not self.list.item(i).isHidden()
        ]

    def _on_find_entered(self) -> None:
        """The one name found is ticked (the text selected, so the next name replaces it);
        with several, the list takes the focus on the first, for Space to tick."""
        shown = self._shown()
        if len(shown) == 1 and self.filter.text().strip():
            shown[0].setCheckState(_state(True))
            self.list.setCurrentItem(shown[0])
            self.filter.selectAll()
        else:
            self._go_to_list()

    def _go_to_list(self) -> None:
        shown = self._shown()
        if shown:
            current = self.list.currentItem()
            if current is None or current.isHidden():
                self.list.setCurrentItem(shown[0])
            self.list.setFocus(Qt.FocusReason.TabFocusReason)

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
        needle = search_key(text.strip())
        for i in range(self.list.count()):
            item = self.list.item(i)
            cells = [item.text(), self.also.get(item.data(ID_ROLE), "")]
            item.setHidden(bool(needle) and not row_matches(cells, needle))


def _state(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
