"""What the main window's parts (`arrivals.py`, `selection.py`, `session_search.py`,
`window_state.py`) may use of it: its signals, the views and state it holds, and the calls they
make back. `MainWindow` is built on it, so the parts name this class, never the window module:
the window imports its parts, and no part imports the window.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget

from app.db import Actor
from app.services.desk import Desk
from app.services.dto import ScheduleSnapshot
from app.services.schedule.details import SessionDetails
from app.ui.ops import Ops
from app.ui.schedule import range as rng
from app.ui.schedule.actions import SessionActions
from app.ui.schedule.bookings import BookingsTab
from app.ui.schedule.commands import SessionCommands
from app.ui.schedule.details import DetailsPanel
from app.ui.schedule.loader import ScheduleLoader
from app.ui.schedule.toolbar import ScheduleToolBar
from app.ui.schedule.view import ScheduleView
from app.ui.schedule.worklist import WorklistTab
from app.ui.start.first_paint import FirstPaint


class WindowBase(QMainWindow):
    """The main window as its parts see it (its constructor fills every attribute)."""

    action_requested = Signal(str, int)  # (Action value, session id): a dialog is needed
    changes_applied = Signal(object)  # ChangeSet of a mutation made at this desk
    # Once, after the first week is on screen (or its load failed): the rest of the window may
    # be built then without delaying that paint.
    first_week_shown = Signal()
    # Someone else signed in at this desk (Actor): everything that depends on the role
    # re-evaluates at once — menus, session actions, the status bar.
    actor_changed = Signal(object)
    # A backup chosen in File ▸ Restore from a backup… (its path in `restore_from`): the window
    # has closed so that the start path can put it in place and open the desk again on it.
    restore_requested = Signal()

    desk: Desk
    ops: Ops
    tz: ZoneInfo
    now: datetime
    anchor: date
    mode: rng.ViewMode
    selected: int
    details: SessionDetails | None
    snapshot: ScheduleSnapshot | None  # the week on screen, as read (and patched since)
    bookings_stale: bool  # the Bookings tab is behind: read again when it is shown
    revealing: int  # a session being opened: scrolled to once its range is loaded
    opens_maximised: bool  # a first start (no saved state)
    loader: ScheduleLoader
    commands: SessionCommands
    first_paint: FirstPaint
    toolbar: ScheduleToolBar
    actions_: SessionActions
    view: ScheduleView
    bookings: BookingsTab
    worklist: WorklistTab
    tabs: QTabWidget
    details_panel: DetailsPanel
    details_dock: QDockWidget
    live_label: QLabel

    def visible_days(self) -> list[date]:
        raise NotImplementedError

    def visible_range(self) -> tuple[datetime, datetime]:
        raise NotImplementedError

    def range_changed(self) -> None:
        raise NotImplementedError

    def reload_schedule(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def open_session(self, session_id: int) -> None:
        raise NotImplementedError

    def sign_in_as(self, actor: Actor) -> None:
        raise NotImplementedError

    def show_practice_name(self, name: str) -> None:
        raise NotImplementedError

    def show_time_zone(self, zone: str) -> None:
        raise NotImplementedError
