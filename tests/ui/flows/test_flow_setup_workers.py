"""Practice ▸ Import from CSV… with workers through the real window: a day of three working
windows, which the worker's form cannot show (it has a window and a second for a split shift),
is refused on its row rather than imported to be dropped by the next save of the form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Worker
from tests.ui.flows import data
from tests.ui.flows.driver import choose, field, from_menu, type_into

WORKERS = (
    "name,hours\nInes Ward,Mon 08:00-10:00; Mon 11:00-13:00; Mon 14:00-17:00; Tue-Fri 09:00-17:00\n"
)


def test_a_day_of_three_working_windows_is_refused_on_its_row_and_nothing_imported(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    path = tmp_path / "workers.csv"
    path.write_text(WORKERS, encoding="utf-8")
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Import from CSV")
    dialog = window.installed.setup.screens["import"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    choose(field(dialog, "What to import", QComboBox), "Workers")
    type_into(qtbot, field(dialog, "File", QLineEdit), str(path))
    QTest.keyClick(field(dialog, "File", QLineEdit), Qt.Key.Key_Tab)

    model = field(dialog, "Problems", QTableView).model()
    listed = [tuple(model.index(r, c).data() for c in range(4)) for r in range(model.rowCount())]
    assert [row[:2] for row in listed] == [("2", "hours")]
    assert listed[0][3] == (
        "Monday: at most two working windows a day (the second for a split shift); "
        "join two of them into one."
    )
    assert not field(dialog, "Import").isEnabled()
    found = data.read(demo_ctx, lambda orm: orm.scalar(select(Worker.id).where(
        Worker.name == "Ines Ward")))  # fmt: skip
    assert found is None
    dialog.close()
