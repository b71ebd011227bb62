"""Reports ▸ Audit log… read by a practice manager on a 1366×768 desk: when each event happened
(to the second) and which record it changed are shown whole, whatever the filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QMenu, QStyleOptionViewItem, QTableView

from app.bootstrap import AppContext
from tests.ui.flows.driver import choose, field, from_menu, press, tick, type_date


def _cut(table: QTableView, columns: tuple[str, ...]) -> list[str]:
    """The cells of `columns` in the first rows shown whose text needs more room than its column
    gives (the view draws them cut short, with "…")."""
    model = table.model()
    titles = [model.headerData(c, table.horizontalHeader().orientation()) for c in range(
        model.columnCount())]  # fmt: skip
    option = QStyleOptionViewItem()
    option.initFrom(table)
    cut = []
    for title in columns:
        col = titles.index(title)
        for row in range(min(model.rowCount(), 40)):
            index = model.index(row, col, QModelIndex())
            needed = table.itemDelegate().sizeHint(option, index).width()
            if needed > table.columnWidth(col):
                cut.append(
                    f"{title}: {index.data()} needs {needed} px, has {table.columnWidth(col)}"
                )
    return cut


def test_the_audit_log_shows_each_events_time_and_record_whole(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Audit log")
    audit = window.findChild(QMenu, "reportsMenu").dialogs["reportAudit"]
    table = audit.findChild(QTableView, "auditTable")
    assert audit.width() <= 1366 and table.model().rowCount() > 0
    columns = ("When", "User", "Action", "Record")
    assert _cut(table, columns) == []

    # The day the insurer was billed: its claim's record name is the longest of the demo.
    tick(audit.use_from)
    type_date(qtbot, field(audit, "From date"), "16/3/2026")
    tick(audit.use_to)
    type_date(qtbot, field(audit, "To date"), "16/3/2026")
    choose(field(audit, "User", QComboBox), "admin")
    press(audit, "Apply filters")
    shown = [table.model().index(r, 4).data() for r in range(table.model().rowCount())]
    assert "insurance_claim #1" in shown
    assert _cut(table, columns) == []
    audit.close()
