"""The main window: the practice's day at a glance."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from app.bootstrap import AppContext
from app.services.desk import Desk
from app.services.dto import SessionBlock
from app.ui import format as fmt
from app.ui.models.table import SORT_ROLE, Column, DtoTableModel

tr = QCoreApplication.translate


def today_columns(tz: ZoneInfo) -> list[Column[SessionBlock]]:
    return [
        Column(
            tr("today", "Time"),
            lambda s: f"{fmt.hm(s.starts_at, tz)}–{fmt.hm(s.ends_at, tz)}",
            sort_key=lambda s: s.starts_at,
        ),
        Column(tr("today", "Worker"), lambda s: s.worker_name),
        Column(tr("today", "Service"), lambda s: s.service_name),
        Column(tr("today", "Client(s)"), lambda s: s.client_names),
        Column(tr("today", "Status"), lambda s: fmt.session_status(s.status)),
    ]


class MainWindow(QMainWindow):
    """Shows the practice name and today's sessions."""

    def __init__(self, desk: Desk, ctx: AppContext) -> None:
        super().__init__()
        self.desk = desk
        self.ctx = ctx
        self.tz = ZoneInfo(desk.time_zone())
        self._build_ui()
        self._load_state()
        self.refresh()

    def _build_ui(self) -> None:
        self.setWindowTitle(tr("main", "FrontDesk — {name}").format(name=self.desk.practice_name()))
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.title = QLabel(self.desk.practice_name(), central)
        self.title.setObjectName("practiceName")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.day_label = QLabel(central)
        self.today_model: DtoTableModel[SessionBlock] = DtoTableModel(today_columns(self.tz), self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.today_model)
        proxy.setSortRole(SORT_ROLE)
        self.today_view = QTableView(central)
        self.today_view.setObjectName("todayView")
        self.today_view.setAccessibleName(tr("main", "Today's sessions"))
        self.today_view.setModel(proxy)
        self.today_view.setSortingEnabled(True)
        self.today_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.today_view.horizontalHeader().setStretchLastSection(True)
        self.today_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.title)
        layout.addWidget(self.day_label)
        layout.addWidget(self.today_view)
        self.setCentralWidget(central)
        self.statusBar().showMessage(tr("main", "Database: {url}").format(url=self.desk.db.url))

    def _load_state(self) -> None:
        geometry = QSettings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)

    def refresh(self) -> None:
        now_local = self.desk.now().astimezone(self.tz)
        start = datetime.combine(now_local.date(), time.min, self.tz)
        end = start + timedelta(days=1)
        rows = self.desk.schedule(start, end)
        self.today_model.set_rows(rows)
        self.today_view.resizeColumnsToContents()
        self.day_label.setText(
            tr("main", "{day}: {n} sessions").format(
                day=now_local.strftime("%A %d %B %Y"), n=len(rows)
            )
        )

    def closeEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
