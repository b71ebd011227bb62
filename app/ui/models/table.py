"""One table model for every list: DTO rows and a declarative column spec."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import phonenumbers
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from app.i18n import search_key

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

# A phone number as people write it: digits, spaces, brackets, dashes, dots and a leading plus.
_PHONE = re.compile(r"[\d\s()+.-]*\d[\d\s()+.-]*")
PHONE_DIGITS = 3  # typed digits fewer than this match as plain text only


def _digits(text: str) -> str | None:
    """The digits of a phone-like text ("0412 345 678" → "0412345678"); None otherwise."""
    return re.sub(r"\D", "", text) if _PHONE.fullmatch(text) else None


def row_matches(cells: Sequence[str], needle: str) -> bool:
    """True when each word of `needle` (already `search_key`-ed) is in one of the row's cells, so
    "olivia smi" finds Olivia Smithers across the first- and last-name columns; a needle that is
    a phone number matches a phone-like cell whatever the spaces and dashes of either."""
    words = needle.split()
    if len(words) == 1 and any(needle in search_key(c) for c in cells):
        return True  # one word: the cells' keys are made only until it is found
    if len(words) > 1:
        keys = [search_key(c) for c in cells]
        if all(any(word in k for k in keys) for word in words):
            return True
    digits = _digits(needle)
    if digits is None or len(digits) < PHONE_DIGITS:
        return False
    forms = _phone_forms(needle.lstrip(), digits)
    return any(any(form in found for form in forms) for c in cells if (found := _digits(c)))


def _phone_forms(needle: str, digits: str) -> tuple[str, ...]:
    """The digits to look for: as typed, and the number within the country ("+61 412…" finds
    "0412…"; "0412…" finds "+61 412…": the country code or the leading 0 left off)."""
    if needle.startswith("+"):
        for size in (1, 2, 3):  # country codes are 1-3 digits, none the start of another
            if int(digits[:size]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
                rest = digits[size:]
                return (digits, rest) if len(rest) >= PHONE_DIGITS else (digits,)
        return (digits,)
    if digits.startswith("0") and len(digits) > PHONE_DIGITS:
        return (digits, digits[1:])
    return (digits,)


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its title, how to show a row, and (optionally) how to sort it."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None
    align_right: bool = False


class DtoTableModel(QAbstractTableModel, Generic[R]):
    """Rows are frozen DTOs already in memory; `data()` never does I/O."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> R:
        return self._rows[index]

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            return col.sort_key(row) if col.sort_key else col.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SortProxy(QSortFilterProxyModel):
    """Sorts by the columns' Python sort keys (SORT_ROLE).

    Qt cannot order Python objects such as tuples or datetimes wrapped in a QVariant, and an
    inconsistent order corrupts the proxy's row mapping, so the comparison happens in Python.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._needle = ""

    def set_search(self, text: str) -> None:
        """Show the rows whose filter column (every column: -1) holds `text`, whatever its case
        and accents ("nguyen" finds Nguyễn)."""
        needle = search_key(text.strip())
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not self._needle:
            return super().filterAcceptsRow(row, parent)
        model = self.sourceModel()
        key = self.filterKeyColumn()
        columns = range(model.columnCount(parent)) if key < 0 else (key,)
        return row_matches([str(model.index(row, c, parent).data() or "") for c in columns],
                           self._needle)  # fmt: skip

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def fit_columns(view: QTableView, stretch: int | None = None) -> None:
    """Each column as wide as its heading and values need (headings are never cut); `stretch`
    takes the room left over."""
    header = view.horizontalHeader()
    model = view.model()
    for column in range(model.columnCount() if model is not None else 0):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


def rows_height(view: QTableView, rows: int) -> int:
    """The height a table needs to show its heading and `rows` rows."""
    return (view.horizontalHeader().sizeHint().height()
            + view.verticalHeader().defaultSectionSize() * rows + 2 * view.frameWidth())  # fmt: skip


def with_table_rows(panel: QWidget, view: QTableView, rows: int) -> QSize:
    """`panel`'s size hint (its layout's) with `view` asking for `rows` rows only: a panel
    docked under the schedule asks for a few, so the schedule keeps the rest of the screen (the
    dock can be dragged taller, or floated)."""
    hint = QWidget.sizeHint(panel)
    taller = rows_height(view, rows) - view.sizeHint().height()
    return QSize(hint.width(), max(panel.minimumSizeHint().height(), hint.height() + taller))
