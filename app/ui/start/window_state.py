"""The main window as the user left it: geometry, panels, day or week, the day, the workers
hidden and the tab — restored when it opens, saved when it closes (app/ui/schedule/state.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt

from app.i18n import practice_locale
from app.ui.schedule import state
from app.ui.start import day_names

if TYPE_CHECKING:
    from app.ui.start.window_base import WindowBase


def restore_window_state(window: WindowBase) -> None:
    """Put the window back as it was saved (a first start: a comfortable size, and
    `opens_maximised` set: `show_window` shows it maximised)."""
    saved = state.read(window.anchor)
    window.opens_maximised = saved.geometry is None
    if saved.geometry is None or not window.restoreGeometry(saved.geometry):
        window.resize(1400, 860)  # what un-maximising gives back
    if saved.docks is not None:
        window.restoreState(saved.docks)
    window.mode = saved.mode
    window.anchor = saved.anchor or window.anchor
    window.toolbar.set_workers([], saved.hidden_workers)
    window.tabs.setCurrentIndex(saved.tab)


def show_window(window: WindowBase) -> None:
    """Show the window: maximised on a first start (no saved state), else as it was left."""
    if window.opens_maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    window.show()


def save_window_state(window: WindowBase) -> None:
    """Remember geometry, panels, view, day, worker filter and tab."""
    saved = state.WindowState(
        window.mode,
        window.anchor,
        window.toolbar.hidden_workers,
        window.tabs.currentIndex(),
        window.saveGeometry(),
        window.saveState(),
        (
            window.tabs.mapTo(window, QPoint(0, 0)).y(),
            window.view.mapTo(window.tabs, QPoint(0, 0)).y(),
        ),
    )
    state.write(saved, window.anchor, window.desk.now().astimezone(window.tz).date())
    day_names.keep(practice_locale())  # for the next start's first paint
