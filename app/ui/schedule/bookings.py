"""The Bookings tab: every client in every session of a range, filtered, sorted, searched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import when_text
from app.services.dto import BookingInfo, SessionBlock
from app.services.vocabulary import BookingStatus
from app.ui import format as fmt
from app.ui.dates import Clock, DateTimeField
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.models.table import ROW_ROLE, SORT_ROLE, Column, DtoTableModel
from app.ui.schedule import text
from app.ui.schedule.range import bounds


class StatusFilter(StrEnum):
    """The Bookings tab's status filter."""

    UPCOMING = "upcoming"
    UNRESOLVED = "unresolved"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    DNA = "dna"
    ALL = "all"


FILTER_TEXT = {
    StatusFilter.UPCOMING: QT_TRANSLATE_NOOP("bookings", "Upcoming"),
    StatusFilter.UNRESOLVED: QT_TRANSLATE_NOOP("bookings", "Started, unresolved"),
    StatusFilter.CANCELLED: QT_TRANSLATE_NOOP("bookings", "Cancelled"),
    StatusFilter.COMPLETED: QT_TRANSLATE_NOOP("bookings", "Completed"),
    StatusFilter.DNA: QT_TRANSLATE_NOOP("bookings", "Did not attend"),
    StatusFilter.ALL: QT_TRANSLATE_NOOP("bookings", "All"),
}


@dataclass(frozen=True)
class BookingRow:
    """One client in one session."""

    block: SessionBlock
    booking: BookingInfo


def rows_of(blocks: tuple[SessionBlock, ...] | list[SessionBlock]) -> list[BookingRow]:
    """One row per client per session."""
    return [BookingRow(b, c) for b in blocks for c in b.clients]


def status_matches(row: BookingRow, wanted: StatusFilter, now: datetime) -> bool:
    """The status filter: upcoming and unresolved are booked before or after the start."""
    status = row.booking.status
    if wanted == StatusFilter.ALL:
        return True
    if wanted == StatusFilter.UPCOMING:
        return status == BookingStatus.BOOKED and row.block.starts_at > now
    if wanted == StatusFilter.UNRESOLVED:
        return status == BookingStatus.BOOKED and row.block.starts_at <= now
    wanted_status = {
        StatusFilter.CANCELLED: BookingStatus.CANCELLED,
        StatusFilter.COMPLETED: BookingStatus.ATTENDED,
        StatusFilter.DNA: BookingStatus.DNA,
    }[wanted]
    return status == wanted_status


def columns(tz: ZoneInfo) -> list[Column[BookingRow]]:
    """The Bookings table's columns, sortable by their natural keys."""
    return [
        Column(
            tr("bookings", "Date"),
            lambda r: f"{when_text(r.block.starts_at.astimezone(tz), '%a %d %b %Y')}",
            sort_key=lambda r: (r.block.starts_at, r.block.id),
        ),
        Column(
            tr("bookings", "Time"),
            lambda r: text.span(r.block, tz),
            sort_key=lambda r: r.block.starts_at.astimezone(tz).time(),
        ),
        Column(tr("bookings", "Client"), lambda r: r.booking.client_name),
        Column(tr("bookings", "Worker"), lambda r: r.block.worker_name),
        Column(tr("bookings", "Service"), lambda r: r.block.service_name),
        Column(tr("bookings", "Location"), lambda r: r.block.location),
        Column(tr("bookings", "Booking"), lambda r: fmt.booking_status(r.booking.status)),
        Column(tr("bookings", "Session"), lambda r: fmt.session_status(r.block.status)),
        Column(
            tr("bookings", "Session #"),
            lambda r: str(r.block.id),
            sort_key=lambda r: r.block.id,
            align_right=True,
        ),
    ]


class BookingsProxy(QSortFilterProxyModel):
    """Status filter and free-text search over the booking rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wanted = StatusFilter.ALL
        self.needle = ""
        self.now = datetime.min
        self.setSortRole(SORT_ROLE)

    def set_filter(self, wanted: StatusFilter, needle: str, now: datetime) -> None:
        self.wanted, self.needle, self.now = wanted, needle.strip(), now
        self.invalidate()

    def lessThan(  # noqa: N802
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Compare the columns' Python sort keys; Qt cannot order tuples wrapped in a QVariant,
        and an inconsistent order corrupts the proxy's row mapping."""
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Status first, then the search."""
        model = self.sourceModel()
        row: BookingRow = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
        if not status_matches(row, self.wanted, self.now):
            return False
        return text.matches(row.block, self.needle)


class BookingsTab(QWidget):
    """Filters on top, the table below; selecting a row selects its session."""

    range_changed = Signal(object, object)  # start, end (UTC)
    session_selected = Signal(int)
    session_activated = Signal(int)
    context_menu_requested = Signal(int, QPoint)

    def __init__(
        self, tz: ZoneInfo, now: datetime, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tz = tz
        self.now = now
        self.clock = clock  # the practice's: what a typed "today" means
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.from_edit = self._date_edit("bookingsFrom", tr("bookings", "From date"))
        self.to_edit = self._date_edit("bookingsTo", tr("bookings", "To date"))
        self.status = QComboBox(self)
        self.status.setObjectName("bookingsStatus")
        self.status.setAccessibleName(tr("bookings", "Booking status filter"))
        for key, label in FILTER_TEXT.items():
            self.status.addItem(tr("bookings", label), key.value)
        self.search = QLineEdit(self)
        self.search.setObjectName("bookingsSearch")
        self.search.setAccessibleName(tr("bookings", "Search bookings"))
        self.search.setPlaceholderText(tr("bookings", "Client, worker, service or session #"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.model: DtoTableModel[BookingRow] = DtoTableModel(columns(self.tz), self)
        self.proxy = BookingsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("bookingsTable")
        self.table.setAccessibleName(tr("bookings", "Bookings"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # Two rows, so the tab fits beside the calendar panel on a 1366×768 screen, at 150 %
        # too: the range above; the status, the search and its count below.
        bar, find = QHBoxLayout(), QHBoxLayout()
        for row, label, widget in (
            (bar, tr("bookings", "&From"), self.from_edit),
            (bar, tr("bookings", "&To"), self.to_edit),
            (find, tr("bookings", "&Status"), self.status),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        bar.addStretch(1)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 16)
        find.addWidget(self.search, 1)
        find.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(find)
        layout.addWidget(self.table)

    def _date_edit(self, name: str, accessible: str) -> DateTimeField:
        edit = DateTimeField(self, mode="date", inline_errors=False, now=self.clock)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _connect_signals(self) -> None:
        self.from_edit.dateChanged.connect(self._on_range_edited)
        self.to_edit.dateChanged.connect(self._on_range_edited)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        self.table.customContextMenuRequested.connect(self._on_table_menu)

    # -- public ----------------------------------------------------------------------------

    def set_range(self, first: date, last: date) -> None:
        """Show [first, last] (local days) without emitting twice."""
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._on_range_edited()

    def days(self) -> tuple[date, date]:
        """The first and last local day of the tab's range."""
        first = self.from_edit.date().toPython()
        last = self.to_edit.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return first, max(first, last)

    def set_blocks(self, blocks: list[SessionBlock], now: datetime) -> None:
        """Loaded rows for the current range; the current row survives a refresh."""
        current = self.current_session()
        self.now = now
        self.model.set_rows(rows_of(blocks))
        self._apply_filter()
        if current:
            self.select_session(current)
        # Size columns from the first rows only: measuring a week's every row stalls the start.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.resizeColumnsToContents()

    def set_filter(self, wanted: StatusFilter) -> None:
        self.status.setCurrentIndex(self.status.findData(wanted.value))

    def visible_rows(self) -> list[BookingRow]:
        """The rows left after filtering, in shown order."""
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def current_session(self) -> int:
        """The session of the current row, or 0."""
        index = self.table.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row.block.id if isinstance(row, BookingRow) else 0

    def select_session(self, session_id: int) -> None:
        """Make the first row of that session current."""
        for i in range(self.proxy.rowCount()):
            row = self.proxy.index(i, 0).data(ROW_ROLE)
            if row.block.id == session_id:
                self.table.selectRow(i)
                return

    # -- slots -----------------------------------------------------------------------------

    def _on_range_edited(self) -> None:
        first, last = self.days()
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        start, end = bounds(days, self.tz)
        self.range_changed.emit(start, end)

    def _apply_filter(self) -> None:
        wanted = StatusFilter(self.status.currentData() or StatusFilter.ALL.value)
        self.proxy.set_filter(wanted, self.search.text(), self.now)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            tr("bookings", "{shown} of {total} bookings").format(shown=shown, total=total)
        )

    def _on_table_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if isinstance(row, BookingRow):
            self.session_selected.emit(row.block.id)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, BookingRow):
            self.session_activated.emit(row.block.id)

    def _on_table_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        row = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(row, BookingRow):
            self.table.selectRow(index.row())
            self.context_menu_requested.emit(row.block.id, self.table.viewport().mapToGlobal(pos))
