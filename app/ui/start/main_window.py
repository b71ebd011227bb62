"""The main window: the live schedule, its panels, and the wiring of the widgets it builds.

The action seam: actions that need a dialog (cancel, undo, did-not-attend, reschedule, replace
worker, delete) are passed on by `request_action(action, session_id)`, which emits
`action_requested(action.value, session_id)`. Whoever opens the dialogs connects to it, runs one
service through `ops` (off the GUI thread), whose ChangeSet reaches `notify_changed(changes)`;
`changes_applied` fans it out once and each view reloads only what it shows.

Beside it in app/ui/start/: what the window does as its reads arrive (`arrivals.py`), the
selected session and its actions (`selection.py`), the loads that wait for the first week's
paint (`first_paint.py`), the search (`session_search.py`) and the window's saved state
(`window_state.py`).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import AppContext
from app.db import Actor
from app.services.desk import Desk
from app.services.dto import ChangeSet, ScheduleSnapshot, SessionBlock
from app.services.schedule.details import SessionDetails
from app.services.vocabulary import Action
from app.ui import messages, palette, qt_compat
from app.ui.dates import practice_clock
from app.ui.i18n import tr
from app.ui.lines import ALERT_STYLE, banner
from app.ui.ops import Ops
from app.ui.schedule import panels
from app.ui.schedule import range as rng
from app.ui.schedule.actions import SessionActions
from app.ui.schedule.bookings import BookingsTab
from app.ui.schedule.calendar import CalendarPanel
from app.ui.schedule.chrome import build_menu_bar, show_user, status_labels
from app.ui.schedule.commands import SessionCommands
from app.ui.schedule.details import DetailsPanel
from app.ui.schedule.loader import POLL_MS, ScheduleLoader
from app.ui.schedule.toolbar import ScheduleToolBar
from app.ui.schedule.view import ScheduleView
from app.ui.schedule.worklist import WorklistTab
from app.ui.start import arrivals, selection, session_search
from app.ui.start.first_paint import FirstPaint
from app.ui.start.refusals import RefusedShortcuts
from app.ui.start.window_base import WindowBase
from app.ui.start.window_state import restore_window_state, save_window_state
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.setup.checklist import ChecklistPanel
    from app.ui.setup.install import SetupActions
    from app.ui.start.first_week import FirstWeek

CLOCK_TICK_MS = 30_000


class MainWindow(WindowBase):
    """The window reception lives in all day (its parts see it as `WindowBase`)."""

    def __init__(
        self,
        desk: Desk,
        ctx: AppContext,
        *,
        runner: TaskRunner | None = None,
        poll_ms: int = POLL_MS,
        first: FirstWeek | None = None,
    ) -> None:
        qt_compat.protect_none()
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            palette.follow_system_scheme(app)
            qt_compat.collect_garbage_on_gui_thread(app)
        self.desk = desk
        self.ctx = ctx
        self.tz = ZoneInfo(desk.time_zone())
        self.now = desk.now()
        self.anchor: date = self.now.astimezone(self.tz).date()
        self.mode = rng.ViewMode.WEEK
        self.selected = 0
        self.details: SessionDetails | None = None
        self.snapshot: ScheduleSnapshot | None = None
        self.bookings_stale = False
        self.revealing = 0  # a session being opened: scrolled to once its range is loaded
        self.runner = runner or TaskRunner(self)
        # Every service call of the window's parts runs through `ops`; its writes fan out here.
        self.ops = Ops(desk, self.runner, self.notify_changed, self)
        self.loader = ScheduleLoader(desk, self.runner, self, poll_ms)
        self.commands = SessionCommands(self.ops, self.tz, self)
        # The Practice menu's actions, when the set-up screens are installed (see wiring).
        self.setup_actions: SetupActions | None = None
        # A new practice's first-run checklist, when it is installed (see wiring).
        self.checklist: ChecklistPanel | None = None
        self.restore_from: Path | None = None  # a backup to put in place once the window closes
        self._build_ui(first.view if first else None)
        # Until the first week is on screen, the other tabs' loads wait (they would delay it).
        self.first_paint = FirstPaint(self.view, self)
        self.opens_maximised = False  # a first start (no saved state): see window_state.py
        self._connect_signals()
        restore_window_state(self)
        if first is None:
            self.range_changed()
        else:
            self._adopt(first)
        self.first_paint.after("worklist", self.loader.load_worklist)
        self.loader.start_polling()
        self.clock_timer.start()

    # -- building --------------------------------------------------------------------------

    def _build_ui(self, view: ScheduleView | None = None) -> None:
        self.show_practice_name(self.desk.practice_name())
        self.setObjectName("mainWindow")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )
        clock = practice_clock(self.desk.now, self.tz)
        self.toolbar = ScheduleToolBar(clock, self)
        self.addToolBar(self.toolbar)
        self.actions_ = SessionActions(self)
        self.view = view or ScheduleView(self.tz, self.now, self)
        self.bookings = BookingsTab(self.tz, self.now, clock, self)
        self.worklist = WorklistTab(self.tz, self.now, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(tr("main", "Views"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, tr("main", "&Schedule"))
        self.tabs.addTab(self.bookings, tr("main", "&Bookings"))
        self.tabs.addTab(self.worklist, tr("main", "&Unresolved"))
        # Above the tabs, hidden until said: the practice's time zone changed since the start.
        self.zone_banner = banner("", ALERT_STYLE, self)
        self.zone_banner.setObjectName("zoneBanner")
        self.zone_banner.setAccessibleName(tr("main", "Time zone changed"))
        self.zone_banner.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.zone_banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.addAction(self.toolbar.search_action)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._build_docks()
        docks = [self.calendar_dock, self.details_dock]
        self.refresh_action = build_menu_bar(self, self.toolbar, self.actions_, docks)
        self.live_label, self.user_label = status_labels(self, self.desk.actor, self.desk.db.url)
        self.refusals = RefusedShortcuts(self)
        self.refusals.watch(self.actions_.actions.values())
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_TICK_MS)

    def _build_docks(self) -> None:
        side = CalendarPanel(self)
        self.calendar = side.calendar
        self.details_panel = DetailsPanel(self.tz, self)
        self.calendar_dock, self.details_dock = panels.place(self, side, self.details_panel)

    def show_practice_name(self, name: str) -> None:
        """The practice's name in the title (and on the sign-in dialog the next time)."""
        self.practice = name
        self.setWindowTitle(tr("main", "FrontDesk — {name}").format(name=name))

    def show_time_zone(self, zone: str) -> None:
        """The practice's saved time zone: when it is not the one the times here are shown in
        (it changed since the start), a banner says so until FrontDesk is restarted."""
        if zone == self.tz.key:
            self.zone_banner.hide()
            return
        self.zone_banner.setText(
            tr(
                "main",
                "The practice's time zone is now {new}, but the times on this desk are still "
                "shown in {old}. Close FrontDesk and open it again to show them in {new}.",
            ).format(new=zone, old=self.tz.key)
        )
        self.zone_banner.show()

    # -- wiring: the window's own widgets (its installed parts: wiring._connect_signals) -------

    def _connect_signals(self) -> None:
        tb = self.toolbar
        tb.today_requested.connect(self.go_today)
        tb.step_requested.connect(self.step)
        tb.date_chosen.connect(self.go_to)
        tb.mode_chosen.connect(lambda value: self.set_mode(rng.ViewMode(value)))
        tb.workers_changed.connect(self.view.set_worker_filter)
        tb.search_changed.connect(partial(session_search.show_matches, self))
        tb.search_next_requested.connect(partial(session_search.open_next_match, self))
        self.calendar.date_chosen.connect(self.go_to)
        for source in (self.view, self.bookings, self.worklist):
            source.session_selected.connect(self.select_session)
            source.session_activated.connect(self.open_session)
            source.context_menu_requested.connect(partial(selection.show_context_menu, self))
        self.bookings.range_changed.connect(
            lambda *_span: self.first_paint.after("bookings", partial(arrivals.load_bookings, self))
        )
        self.actions_.triggered.connect(self._on_action_triggered)
        self.refresh_action.triggered.connect(self.reload)
        # What arrives from the background reads: app/ui/start/arrivals.py.
        self.loader.snapshot_loaded.connect(partial(arrivals.on_snapshot_loaded, self))
        self.loader.details_loaded.connect(partial(arrivals.on_details_loaded, self))
        self.loader.details_missing.connect(partial(arrivals.on_details_missing, self))
        self.loader.bookings_loaded.connect(
            lambda blocks: self.bookings.set_blocks(blocks, self.now)
        )
        self.loader.blocks_loaded.connect(partial(arrivals.on_blocks_loaded, self))
        self.tabs.currentChanged.connect(lambda _index: arrivals.on_tab_shown(self))
        self.loader.worklist_loaded.connect(partial(arrivals.on_worklist_loaded, self))
        self.loader.changed_elsewhere.connect(partial(arrivals.on_changed_elsewhere, self))
        self.loader.load_failed.connect(partial(arrivals.on_load_failed, self))
        self.changes_applied.connect(partial(arrivals.on_changes_applied, self))
        self.clock_timer.timeout.connect(partial(arrivals.on_clock_tick, self))
        self.first_paint.shown.connect(self.first_week_shown)
        self.actor_changed.connect(self._on_actor_changed)
        self.refusals.refused.connect(self.explain_refusal)

    # -- navigation ------------------------------------------------------------------------

    def go_today(self) -> None:
        """Show today (Ctrl+T)."""
        self.go_to(self.desk.now().astimezone(self.tz).date())

    def step(self, direction: int) -> None:
        """One day or week forward (1) or back (-1)."""
        self.go_to(rng.step(self.anchor, self.mode, direction))

    def go_to(self, day: date) -> None:
        """Show the day or week holding `day`."""
        if day != self.anchor:
            self.anchor = day
            self.range_changed()

    def set_mode(self, mode: rng.ViewMode) -> None:
        """Switch between day and week view."""
        if mode != self.mode:
            self.mode = mode
            self.range_changed()

    def visible_days(self) -> list[date]:
        """The local days the schedule shows."""
        return rng.visible_days(self.anchor, self.mode)

    def shown_day_and_worker(self) -> tuple[date, int | None]:
        """The day shown (the day view's, or the day picked in the week) and the worker the
        schedule points at: the only one the worker filter shows, else the one whose session is
        selected, else None."""
        shown = self.toolbar.shown_workers()
        if shown is not None and len(shown) == 1:
            return self.anchor, next(iter(shown))
        block = self.view.block(self.view.selected_id)
        if block is None or (shown is not None and block.worker_id not in shown):
            return self.anchor, None
        return self.anchor, block.worker_id

    def visible_range(self) -> tuple[datetime, datetime]:
        """[start, end) in UTC of the shown days."""
        return rng.bounds(self.visible_days(), self.tz)

    def range_changed(self) -> None:
        """The shown range moved: its days at once, its sessions read in the background."""
        self._show_range()
        self.reload_schedule()

    def _show_range(self) -> None:
        days = self.visible_days()
        self.toolbar.show_range(self.anchor, self.mode, rng.title(days))
        self.calendar.show_range(days, self.anchor)
        self.bookings.set_range(days[0], days[-1])
        if self.first_paint.holding and not self.view.blocks():  # the first load is under way
            start, end = self.visible_range()
            empty = ScheduleSnapshot(start=start, end=end, workers=(), blocks=(), marker=0)
            self.view.set_snapshot(empty, self.mode, days)  # its days' header meanwhile

    def _adopt(self, first: FirstWeek) -> None:
        """Take over the week the start painted (and its view) instead of loading it again.

        Its change marker comes along: a change made since it was read shows at the next poll.
        The window opens where that frame is (the user may have moved it meanwhile).
        """
        self.restoreGeometry(first.window.saveGeometry())
        self._show_range()
        if (first.snapshot.start, first.snapshot.end) == self.visible_range() and first.fresh():
            self.loader.deliver_snapshot(first.snapshot)
        else:  # the saved view changed in between (another window of this desk closed)
            self.reload_schedule()

    def reload_schedule(self) -> None:
        """Reload the shown range in the background."""
        self.loader.load_snapshot(*self.visible_range())

    def reload(self) -> None:
        """Everything on screen, from the database (F5, another desk's change, our own)."""
        self.reload_schedule()
        arrivals.load_bookings(self)
        self.loader.load_worklist()
        if self.selected:
            self.loader.load_details(self.selected)

    # -- who is signed in -------------------------------------------------------------------

    def sign_in_as(self, actor: Actor) -> None:
        """The desk now acts as `actor`; every part that enables by role follows at once."""
        self.desk.actor = actor
        self.actor_changed.emit(actor)

    def _on_actor_changed(self, actor: Actor) -> None:
        show_user(self.user_label, actor)
        self.now = self.desk.now()
        if self.details is not None and self.details.block.id == self.selected:
            self.actions_.update_for(self.details.facts, actor, self.now)
        else:
            self.actions_.clear()

    def explain_refusal(self, sentence: str) -> None:
        """Why a shortcut did nothing: on the status bar, or in a message if there is none."""
        bar = self.statusBar()
        if bar.isVisible():
            bar.showMessage(sentence, 10_000)
        else:
            messages.inform(self, tr("main", "Not available"), sentence)

    # -- the selected session (app/ui/start/selection.py) -----------------------------------

    def select_session(self, session_id: int) -> None:
        """Select a session shown (or about to be shown) in the schedule."""
        selection.select(self, session_id)

    def open_session(self, session_id: int) -> None:
        """Select it, bring the schedule to its day, and show the details panel."""
        selection.open_session(self, session_id)

    def block_of(self, session_id: int) -> SessionBlock | None:
        """The freshest block we hold for a session, wherever it is shown."""
        return selection.block_of(self, session_id)

    def session_menu(self, session_id: int) -> QMenu:
        """The context menu for a session: every action, greyed ones saying why."""
        return selection.session_menu(self, session_id)

    def request_action(self, action: Action, session_id: int) -> None:
        """Hand a dialog action to whoever listens on `action_requested`; say so if nobody does."""
        selection.request_action(self, action, session_id)

    def _on_action_triggered(self, value: str) -> None:
        selection.run_action(self, value)

    def notify_changed(self, changes: ChangeSet) -> None:
        """A mutation at this desk finished: fan it out once; each view refreshes what it shows."""
        self.changes_applied.emit(changes)

    # -- state (app/ui/start/window_state.py) ------------------------------------------------

    def save_state(self) -> None:
        """Remember geometry, panels, view, day, worker filter and tab."""
        save_window_state(self)

    def close_for_restore(self, backup_file: Path) -> None:
        """Close, so that the start path restores `backup_file` and opens the desk again."""
        self.restore_from = backup_file
        self.close()
        self.restore_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the timers and let background reads finish before the database closes."""
        self.loader.stop_polling()
        self.clock_timer.stop()
        self.runner.wait(5000)
