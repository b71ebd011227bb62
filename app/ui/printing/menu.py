"""File ▸ Print day sheet… (Ctrl+P) on the main window, defaulting to the day it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.ui.printing.day_sheet_dialog import DaySheetDialog
    from app.ui.start.window_base import WindowBase


def install_day_sheet(window: WindowBase) -> QAction:
    """Add File ▸ Print day sheet… just below Refresh; its dialog is imported when first opened."""
    action = QAction(tr("printing", "Print &day sheet…"), window)
    action.setObjectName("printDaySheetAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    action.setStatusTip(tr("printing", "Each worker's sessions of the day shown, to print."))
    action.triggered.connect(lambda _checked=False: open_day_sheet(window))
    file_menu = window.findChild(QMenu, "fileMenu")
    actions = file_menu.actions() if isinstance(file_menu, QMenu) else []
    refresh = window.findChild(QAction, "refreshAction")
    if isinstance(file_menu, QMenu) and refresh in actions[:-1]:
        file_menu.insertAction(actions[actions.index(refresh) + 1], action)
    elif isinstance(file_menu, QMenu):
        file_menu.addAction(action)
    else:
        window.addAction(action)
    return action


def open_day_sheet(window: WindowBase) -> DaySheetDialog:
    """Show the day sheet dialog (one at a time) set to the day the schedule shows."""
    from app.ui.printing.day_sheet_dialog import DaySheetDialog

    dialog: DaySheetDialog | None = getattr(window, "day_sheet_dialog", None)
    if dialog is not None and dialog.isVisible():
        dialog.show_day(window.anchor)
    else:
        if dialog is not None:
            dialog.deleteLater()  # closed: a new one reads the workers again
        dialog = DaySheetDialog(window.desk, window.ops.runner, window, ops=window.ops,
                                day=window.anchor)  # fmt: skip
        window.day_sheet_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
