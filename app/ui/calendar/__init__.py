"""Tools ▸ Calendar feed…: how clients show on workers' calendars and the live CalDAV feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.ui.ops import Ops


def install_calendar_feed(window: QWidget, menu: QMenu, ops: Ops) -> QAction:
    """Add the entry to `menu`; the dialog (and the calendar code) loads when it is opened."""
    action = QAction(tr("calendar", "&Calendar feed…"), window)
    action.setObjectName("calendarFeedAction")

    def open_dialog() -> None:
        from app.ui.calendar.feed_dialog import open_calendar_feed

        open_calendar_feed(window, ops)

    action.triggered.connect(lambda _checked=False: open_dialog())
    menu.addAction(action)
    return action
