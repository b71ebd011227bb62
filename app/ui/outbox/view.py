"""The Outbox and alerts view: failed messages to retry, manual to-dos to tick, and the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QSize, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import when_text
from app.services.outbox import OutboxCounts, OutboxFilter, OutboxRow
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.models.table import (
    ROW_ROLE,
    SORT_ROLE,
    Column,
    DtoTableModel,
    SortProxy,
    with_table_rows,
)

# Attention first: what a person must act on, then what waits, then history.
TABS: tuple[tuple[OutboxFilter, str], ...] = (
    (OutboxFilter.FAILED, QT_TRANSLATE_NOOP("outbox", "Failed")),
    (OutboxFilter.MANUAL, QT_TRANSLATE_NOOP("outbox", "Manual to-dos")),
    (OutboxFilter.PENDING, QT_TRANSLATE_NOOP("outbox", "Pending")),
    (OutboxFilter.SKIPPED, QT_TRANSLATE_NOOP("outbox", "Skipped")),
    (OutboxFilter.WITHDRAWN, QT_TRANSLATE_NOOP("outbox", "Withdrawn")),
    (OutboxFilter.EXPIRED, QT_TRANSLATE_NOOP("outbox", "Expired")),
    (OutboxFilter.SENT, QT_TRANSLATE_NOOP("outbox", "Sent")),
    (OutboxFilter.DONE, QT_TRANSLATE_NOOP("outbox", "Done")),
)
HINTS = {
    OutboxFilter.FAILED: QT_TRANSLATE_NOOP(
        "outbox", "Sending gave up on these. Fix the cause (see the error), then Retry."
    ),
    OutboxFilter.MANUAL: (
        QT_TRANSLATE_NOOP(
            "outbox",
            "Manual update required: make each change in the other system yourself, "
            "then tick it done. Who ticked it and when is recorded.",
        )
    ),
    OutboxFilter.PENDING: QT_TRANSLATE_NOOP(
        "outbox", "Waiting to be sent; retried automatically with increasing pauses."
    ),
    OutboxFilter.SKIPPED: QT_TRANSLATE_NOOP(
        "outbox", "Not sent on purpose; the reason is shown for each."
    ),
    OutboxFilter.WITHDRAWN: (
        QT_TRANSLATE_NOOP(
            "outbox",
            "Not sent: no longer true before they went (the cancellation was undone, the client "
            "was booked again, the session moved or was deleted, the client withdrew consent). "
            "Why is shown for each.",
        )
    ),
    OutboxFilter.EXPIRED: QT_TRANSLATE_NOOP(
        "outbox", "Not sent: the session had started before the message could go."
    ),
    OutboxFilter.SENT: QT_TRANSLATE_NOOP("outbox", "Delivered messages, newest first."),
    OutboxFilter.DONE: QT_TRANSLATE_NOOP(
        "outbox", "Manual to-dos that were ticked done, and by whom."
    ),
}
ACTIONS = {
    OutboxFilter.FAILED: QT_TRANSLATE_NOOP("outbox", "&Retry"),
    OutboxFilter.MANUAL: QT_TRANSLATE_NOOP("outbox", "&Tick done"),
}


Row = OutboxRow


def _col(
    title: str,
    text: Callable[[Row], str],
    sort: Callable[[Row], Any] | None = None,
    *,
    tip: bool = False,
    right: bool = False,
) -> Column[Row]:
    return Column(tr("outbox", title), text, sort, text if tip else None, right)


def columns(which: OutboxFilter, tz: Callable[[], ZoneInfo]) -> list[Column[Row]]:
    """The columns one list shows (declared per list), times in the zone `tz()` says."""

    def when(moment: datetime | None) -> str:
        return f"{when_text(moment.astimezone(tz()), '%a %d %b %H:%M')}" if moment else ""

    def next_try(r: Row) -> str:
        return tr("outbox", "sending now") if r.sending_now else when(r.next_attempt_at)

    queued = _col("Queued", lambda r: when(r.created_at), lambda r: r.created_at)
    what = _col("What", lambda r: r.what)
    to = _col("To", lambda r: r.recipient or "—")
    tries = _col("Tries", lambda r: str(r.attempts), lambda r: r.attempts, right=True)
    session = _col(
        "Session #", lambda r: str(r.session_id or "—"), lambda r: r.session_id or 0, right=True
    )
    spec = {
        OutboxFilter.PENDING: [
            queued, what, to, tries,
            _col("Next try", next_try, lambda r: r.next_attempt_at or r.created_at),
            _col("Why", lambda r: r.why, tip=True),
        ],
        OutboxFilter.FAILED: [queued, what, to, tries, _col("Error", lambda r: r.why, tip=True)],
        OutboxFilter.MANUAL: [queued, what, session, _col("To do", lambda r: r.why, tip=True)],
        OutboxFilter.SKIPPED: [queued, what, to, _col("Why", lambda r: r.why, tip=True)],
        OutboxFilter.WITHDRAWN: [queued, what, to, session, _col("Why", lambda r: r.why, tip=True)],
        OutboxFilter.EXPIRED: [queued, what, to, session, _col("Why", lambda r: r.why, tip=True)],
        OutboxFilter.SENT: [
            _col("Sent", lambda r: when(r.sent_at), lambda r: r.sent_at), what, to, tries,
        ],
        OutboxFilter.DONE: [
            _col("Done", lambda r: when(r.done_at), lambda r: r.done_at),
            what, _col("Done by", lambda r: r.done_by or "—"), session,
        ],
    }  # fmt: skip
    return spec[which]


class OutboxList(QWidget):
    """One list: a hint, a sortable table and (for failed / manual) its action button."""

    action_requested = Signal(int)
    session_activated = Signal(int)

    def __init__(
        self, which: OutboxFilter, tz: Callable[[], ZoneInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.which = which
        self.model: DtoTableModel[OutboxRow] = DtoTableModel(columns(which, tz), self)
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName(f"outbox_{self.which.value}")
        self.table.setAccessibleName(tr("outbox", dict(TABS)[self.which]))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        hint = QLabel(tr("outbox", HINTS[self.which]), self)
        hint.setWordWrap(True)
        self.button = QPushButton(tr("outbox", ACTIONS.get(self.which, "")), self)
        self.button.setVisible(self.which in ACTIONS)
        self.button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        bar.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    SHOWN_ROWS = 4  # the messages the list asks room for under the schedule

    def sizeHint(self) -> QSize:  # noqa: N802
        return with_table_rows(self, self.table, self.SHOWN_ROWS)

    def _connect_signals(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.button.clicked.connect(self._on_button_clicked)

    def set_rows(self, rows: list[OutboxRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._on_table_selection()

    def selected(self) -> OutboxRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def select_row(self, message_id: int) -> bool:
        """Select the row of one message (tests, and after a refresh)."""
        for i in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(i, 0), ROW_ROLE).id == message_id:
                self.table.selectRow(i)
                return True
        return False

    def _on_table_selection(self, *_args: object) -> None:
        row = self.selected()
        self.button.setEnabled(row is not None and not row.sending_now)

    def _on_table_activated(self, index: QModelIndex) -> None:
        row: OutboxRow = self.proxy.data(index, ROW_ROLE)
        if row.session_id:
            self.session_activated.emit(row.session_id)

    def _on_button_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            self.action_requested.emit(row.id)


class OutboxView(QWidget):
    """Tabs per state with counts; notes when sending is not set up."""

    retry_requested = Signal(int)
    tick_requested = Signal(int)
    open_session_requested = Signal(int)

    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.lists: dict[OutboxFilter, OutboxList] = {}
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.setObjectName("outboxView")
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setObjectName("outboxNotes")
        self.notes.setContentsMargins(4, 2, 4, 2)
        self.notes.hide()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("outbox", "Outbox lists"))
        for which, title in TABS:
            page = OutboxList(which, lambda: self.tz, self)
            self.lists[which] = page
            self.tabs.addTab(page, tr("outbox", title))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 1)

    def _connect_signals(self) -> None:
        self.lists[OutboxFilter.FAILED].action_requested.connect(self.retry_requested)
        self.lists[OutboxFilter.MANUAL].action_requested.connect(self.tick_requested)
        for page in self.lists.values():
            page.session_activated.connect(self.open_session_requested)

    def sizeHint(self) -> QSize:  # noqa: N802
        """The notes, the tabs and the list shown (a tab widget asks for its tallest page)."""
        page = self.tabs.currentWidget()
        height = self.tabs.tabBar().sizeHint().height() + (page.sizeHint().height() if page else 0)
        height += 2 * self.tabs.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        if not self.notes.isHidden():
            height += self.notes.sizeHint().height()
        return QSize(super().sizeHint().width(), height)

    def set_time_zone(self, tz: ZoneInfo) -> None:
        """Show the times in the practice's zone (read after the view was built)."""
        self.tz = tz
        for page in self.lists.values():
            page.model.layoutChanged.emit()

    def set_rows(self, which: OutboxFilter, rows: list[OutboxRow]) -> None:
        self.lists[which].set_rows(rows)

    def set_counts(self, counts: OutboxCounts) -> None:
        """Tab titles carry their counts; notes say what is not set up."""
        for index, (which, title) in enumerate(TABS):
            n = getattr(counts, which.value)
            text = tr("outbox", title)
            self.tabs.setTabText(index, f"{text} ({n})" if n else text)
        self.notes.setText("\n".join(counts.notes))
        self.notes.setVisible(bool(counts.notes))

    def show_list(self, which: OutboxFilter) -> None:
        self.tabs.setCurrentWidget(self.lists[which])
