"""The first week on screen before the rest of the program has loaded.

The start (`launch.py`) calls `show_week` before it imports the database side (SQLAlchemy, the
services, the main window's forty-odd modules: about half a second). On a desk that opens
straight onto the schedule (app/services/schedule/quick_week.py says which), it shows the schedule with
the week read by plain sqlite3, waits for its first paint, and hands back what it showed; the
main window, once built, takes the view over (`MainWindow(first=…)`) and closes this frame.
Anywhere else it shows nothing and returns None: the start goes the usual way.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# What needs no Qt comes before PySide6 (see app/ui/start/startup.py).
# isort: split
from app.services.schedule import quick_week
from app.services.schedule.dto import ScheduleSnapshot

# isort: split
import app.ui.pyside_imports  # noqa: F401  (first: every later import skips a source read)

# isort: split
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from app.i18n import practice_locale
from app.ui import palette
from app.ui.i18n import install_translator, tr
from app.ui.schedule import panels, state
from app.ui.schedule import range as rng
from app.ui.schedule.view import ScheduleView
from app.ui.start import day_names
from app.ui.start.qapp import make_application, wait_for_paint

SCHEDULE_TAB = 0


class FirstWeek:
    """What the start showed: the main window adopts the view and closes the frame.

    On a desk that signs in, the frame is built while the sign-in dialog waits and painted once
    the password is checked (app/ui/start/ahead.py). A plain class, as the schedule's own
    (app/ui/schedule/layout.py says why).
    """

    FRESH_SECONDS: ClassVar[float] = 120.0  # read longer ago: the week is read again

    __slots__ = ("anchor", "mode", "read_at", "snapshot", "view", "window")

    def __init__(
        self,
        window: QMainWindow,
        view: ScheduleView,
        snapshot: ScheduleSnapshot,
        mode: rng.ViewMode,
        anchor: date,
    ) -> None:
        self.window = window
        self.view = view
        self.snapshot = snapshot
        self.mode = mode
        self.anchor = anchor
        self.read_at = time.monotonic()

    def fresh(self) -> bool:
        """Read recently enough for the window to show it (a later change shows at its poll)."""
        return time.monotonic() - self.read_at <= self.FRESH_SECONDS

    def paint(self) -> None:
        """Show the frame and let it paint its week before the start goes on."""
        self.window.show()  # sized first, so the week is laid out once (it paints when the loop runs)
        self.view.set_snapshot(self.snapshot, self.mode, rng.visible_days(self.anchor, self.mode))
        wait_for_paint(self.view.viewport())

    def close(self) -> None:
        """Close the frame (not shown after all, or the main window took the week over)."""
        self.window.close()
        self.window.deleteLater()


def show_first_week(
    url: str | None, data_dir: Path | None, clock: Callable[[], datetime] | None = None
) -> FirstWeek | None:
    """The schedule's first week, painted, when this desk opens straight onto it; else None."""
    from app.ui.start.launch import open_first_week

    found = open_first_week(url, data_dir, clock)
    return show_week(*found) if found is not None else None


def show_week(
    opened: tuple[sqlite3.Connection, quick_week.QuickStart],
    clock: Callable[[], datetime] | None = None,
    ahead: quick_week.ReadAhead | None = None,
) -> FirstWeek | None:
    """The first week from the file quick_week.connect_url opened (and closes here), with the
    rows `ahead` read when they are of the week the desk opens on."""
    conn, facts = opened
    try:
        return _show(conn, facts, clock or (lambda: datetime.now(UTC)), ahead)
    except (sqlite3.Error, ValueError, ZoneInfoNotFoundError):
        return None  # the usual start opens the file again and says what is wrong with it
    finally:
        if ahead is not None:
            ahead.wait()  # done with the connection before it closes
        conn.close()


def _show(
    conn: sqlite3.Connection,
    facts: quick_week.QuickStart,
    clock: Callable[[], datetime],
    ahead: quick_week.ReadAhead | None,
) -> FirstWeek | None:
    tz, now = ZoneInfo(facts.time_zone), clock()
    app = make_application()  # before QSettings: it names the settings file
    install_translator(facts.locale, facts.currency)  # before the first widget
    day_names.recall(practice_locale())  # the day headings' names without babel, if kept
    saved = state.read(now.astimezone(tz).date())
    if saved.tab != SCHEDULE_TAB:
        return None  # the desk was left on another tab: it opens there, the usual way
    anchor = saved.anchor or now.astimezone(tz).date()
    days = rng.visible_days(anchor, saved.mode)
    snapshot = quick_week.read_snapshot(conn, *rng.bounds(days, tz), ahead)
    if not palette.apply_saved_scheme(app):  # the main window follows the scheme from then on
        palette.follow_system_scheme(app)
    first = framed_week(snapshot, saved, anchor, tz, now, facts.practice_name)
    first.paint()
    return first


def framed_week(
    snapshot: ScheduleSnapshot,
    saved: state.WindowState,
    anchor: date,
    tz: ZoneInfo,
    now: datetime,
    practice_name: str,
) -> FirstWeek:
    """The week in a frame where the main window will hold it, built but not shown yet."""
    window = QMainWindow()
    window.setObjectName("firstWeek")
    window.setWindowTitle(tr("main", "FrontDesk — {name}").format(name=practice_name))
    if saved.geometry is None or not window.restoreGeometry(saved.geometry):
        window.resize(1400, 860)
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)  # first run
    view = ScheduleView(tz, now, window)
    _frame(window, view, saved.schedule_top)
    if saved.docks is not None:
        window.restoreState(saved.docks)
    if saved.hidden_workers:  # as the toolbar's worker filter will have it
        view.set_worker_filter({w.id for w in snapshot.workers} - saved.hidden_workers)
    return FirstWeek(window, view, snapshot, saved.mode, anchor)


def _frame(window: QMainWindow, view: ScheduleView, top: tuple[int, int] | None) -> None:
    """The view where the main window will hold it, with room kept for what it adds around it.

    The side panels are docked empty, the status bar is there, and the menu bar, toolbar and
    tabs take the room the desk's last window gave them: the schedule then stays put while the
    rest of the window fills in around it.
    """
    panels.place(window)
    holder = QWidget(window)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, top[1] if top else 0, 0, 0)
    column.addWidget(view)
    window.setCentralWidget(holder)
    if top:
        bars = QWidget(window)
        bars.setFixedHeight(top[0])
        window.setMenuWidget(bars)
    window.statusBar()  # as tall as the main window's, which says who is signed in
