"""The unresolved worklist: started sessions nobody completed, cancelled or marked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from app.i18n import when_text
from app.services.sessions.attendance import UnresolvedSession
from app.ui.i18n import tr
from app.ui.models.table import ROW_ROLE, SORT_ROLE, Column, DtoTableModel, SortProxy


def waiting(row: UnresolvedSession, now: datetime) -> str:
    """How long the session has waited, in words a receptionist scans."""
    hours = int((now - row.starts_at).total_seconds() // 3600)
    if hours < 1:
        return tr("worklist", "under an hour")
    if hours < 48:
        return tr("worklist", "{n} h").format(n=hours)
    return tr("worklist", "{n} days").format(n=hours // 24)


def columns(tz: ZoneInfo, now: Callable[[], datetime]) -> list[Column[UnresolvedSession]]:
    """The worklist's columns; Waiting is counted from `now()`."""
    return [
        Column(
            tr("worklist", "Started"),
            lambda r: f"{when_text(r.starts_at.astimezone(tz), '%a %d %b %Y %H:%M')}",
            sort_key=lambda r: r.starts_at,
        ),
        Column(
            tr("worklist", "Waiting"), lambda r: waiting(r, now()), sort_key=lambda r: r.starts_at
        ),
        Column(tr("worklist", "Worker"), lambda r: r.worker_name),
        Column(tr("worklist", "Service"), lambda r: r.service_name),
        Column(tr("worklist", "Clients still booked"), lambda r: r.clients),
        Column(
            tr("worklist", "Session #"),
            lambda r: str(r.session_id),
            sort_key=lambda r: r.session_id,
            align_right=True,
        ),
    ]


class WorklistTab(QWidget):
    """Oldest first; double-click opens the session so it can be completed or marked."""

    session_selected = Signal(int)
    session_activated = Signal(int)
    context_menu_requested = Signal(int, QPoint)

    def __init__(self, tz: ZoneInfo, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.now = now
        self.note = QLabel(
            tr(
                "worklist",
                "Sessions that have started but nobody completed, cancelled or marked "
                "did-not-attend. Nothing is marked automatically: open one, then Complete it "
                "or mark who did not attend.",
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.model: DtoTableModel[UnresolvedSession] = DtoTableModel(
            columns(tz, lambda: self.now), self
        )
        proxy = SortProxy(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("worklistTable")
        self.table.setAccessibleName(tr("worklist", "Unresolved past sessions"))
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.activated.connect(self._on_table_activated)
        self.table.customContextMenuRequested.connect(self._on_table_menu)

    def set_rows(self, rows: list[UnresolvedSession], now: datetime) -> None:
        """New worklist rows, with the moment Waiting is counted from."""
        self.now = now
        self.model.set_rows(rows)
        # Size columns from the first rows only: measuring a week's every row stalls the start.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.resizeColumnsToContents()

    def _session_at(self, index: QModelIndex) -> int:
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row.session_id if isinstance(row, UnresolvedSession) else 0

    def _on_table_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if sid := self._session_at(current):
            self.session_selected.emit(sid)

    def _on_table_activated(self, index: QModelIndex) -> None:
        if sid := self._session_at(index):
            self.session_activated.emit(sid)

    def _on_table_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if sid := self._session_at(index):
            self.table.selectRow(index.row())
            self.context_menu_requested.emit(sid, self.table.viewport().mapToGlobal(pos))
