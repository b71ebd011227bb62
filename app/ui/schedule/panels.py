"""The window's side panels: where they dock and how wide they open.

Shared by the main window and the start's first-week frame (app/ui/start/first_week.py), which
docks empty stand-ins in the same places, so the schedule does not move when the main window
takes it over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from app.ui.i18n import tr
from app.ui.screen_fit import free_area

CALENDAR, DETAILS = "calendarDock", "detailsDock"
# The panels' first widths; afterwards each desk's own (QMainWindow.saveState). On a small
# screen the details panel opens narrower, so the week keeps its seven days (a quarter of the
# screen, never below what its words need).
WIDTHS = {CALENDAR: 260, DETAILS: 400}
DETAILS_SHARE, DETAILS_LEAST = 0.24, 280


def first_widths(window: QWidget) -> list[int]:
    """The calendar's and the details panel's first widths on the window's screen."""
    free = free_area(window)
    room = free.width() if free is not None else 1920
    details = max(DETAILS_LEAST, min(WIDTHS[DETAILS], int(room * DETAILS_SHARE)))
    return [WIDTHS[CALENDAR], details]


def place(
    window: QMainWindow, calendar: QWidget | None = None, details: QWidget | None = None
) -> tuple[QDockWidget, QDockWidget]:
    """The calendar panel on the left and the session details on the right (empty: stand-ins)."""
    docks = (
        _dock(window, CALENDAR, tr("main", "Calendar"), calendar, tr("main", "&Calendar")),
        _dock(
            window, DETAILS, tr("main", "Session details"), details, tr("main", "Session d&etails")
        ),
    )
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks[0])
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks[1])
    window.resizeDocks(list(docks), first_widths(window), Qt.Orientation.Horizontal)
    return docks


def _dock(
    window: QMainWindow, name: str, title: str, widget: QWidget | None, entry: str
) -> QDockWidget:
    """A dock panel with the object name QMainWindow.saveState() needs; `entry` is its
    View menu entry, with its Alt letter."""
    dock = QDockWidget(title, window)
    dock.toggleViewAction().setText(entry)
    dock.setObjectName(name)
    dock.setAccessibleName(title)
    if widget is not None:
        dock.setWidget(widget)
    return dock
