"""The main window: the live schedule, its panels, and the wiring of the widgets it builds.

The action seam: actions that need a dialog (cancel, undo, did-not-attend, reschedule, replace
worker, delete) are passed on by `request_action(action, session_id)`, which emits
`action_requested(action.value, session_id)`. Whoever opens the dialogs connects to it, runs one
service through `ops` (off the GUI thread), whose ChangeSet reaches `notify_changed(changes)`;
`changes_applied` fans it out once and each view reloads only what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import SIGNAL, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QTabWidget,
)

from app.bootstrap import AppContext
from app.db import Actor
from app.services.desk import Desk
from app.services.dto import ChangeSet, OperationResult, ScheduleSnapshot, SessionBlock
from app.services.schedule.details import SessionDetails
from app.services.vocabulary import Action
from app.ui import messages, palette, qt_compat
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.schedule import changes as changed
from app.ui.schedule import panels, state
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
from app.ui.start.refusals import RefusedShortcuts
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.setup.install import SetupActions
    from app.ui.start.first_week import FirstWeek

CLOCK_TICK_MS = 30_000
# The rest of the window is built after the first week's paint, or after this at the latest.
FIRST_WEEK_PAINT_WAIT_MS = 1000


class MainWindow(QMainWindow):
    """The window reception lives in all day."""

    action_requested = Signal(str, int)  # (Action value, session id): a dialog is needed
    changes_applied = Signal(object)  # ChangeSet of a mutation made at this desk
    # Once, after the first week is on screen (or its load failed): the rest of the window may
    # be built then without delaying that paint.
    first_week_shown = Signal()
    # Someone else signed in at this desk (Actor): everything that depends on the role
    # re-evaluates at once — menus, session actions, the status bar.
    actor_changed = Signal(object)

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
        self._reveal = 0  # a session to scroll to once its range is loaded
        # Until the first week is on screen, the other tabs' loads wait (they would delay it).
        self._held: dict[str, Callable[[], None]] | None = {}
        self._week_pending = False  # first_week_shown is still to come
        self.runner = runner or TaskRunner(self)
        # Every service call of the window's parts runs through `ops`; its writes fan out here.
        self.ops = Ops(desk, self.runner, self.notify_changed, self)
        self.loader = ScheduleLoader(desk, self.runner, self, poll_ms)
        self.commands = SessionCommands(self.ops, self.tz, self)
        # The Practice menu's actions, when the set-up screens are installed (see wiring).
        self.setup_actions: SetupActions | None = None
        self._build_ui(first.view if first else None)
        self._connect_signals()
        self._load_state()
        if first is None:
            self._range_changed()
        else:
            self._adopt(first)
        self._after_first_snapshot("worklist", self.loader.load_worklist)
        self.loader.start_polling()
        self.clock_timer.start()

    # -- building --------------------------------------------------------------------------

    def _build_ui(self, view: ScheduleView | None = None) -> None:
        self.practice = self.desk.practice_name()
        self.setWindowTitle(tr("main", "FrontDesk — {name}").format(name=self.practice))
        self.setObjectName("mainWindow")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )
        self.toolbar = ScheduleToolBar(self)
        self.addToolBar(self.toolbar)
        self.actions_ = SessionActions(self)
        self.view = view or ScheduleView(self.tz, self.now, self)
        self.bookings = BookingsTab(self.tz, self.now, self)
        self.worklist = WorklistTab(self.tz, self.now, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(tr("main", "Views"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, tr("main", "&Schedule"))
        self.tabs.addTab(self.bookings, tr("main", "&Bookings"))
        self.tabs.addTab(self.worklist, tr("main", "&Unresolved"))
        self.setCentralWidget(self.tabs)
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

    # -- wiring: the window's own widgets (its installed parts: wiring._connect_signals) -------

    def _connect_signals(self) -> None:
        tb = self.toolbar
        tb.today_requested.connect(self.go_today)
        tb.step_requested.connect(self.step)
        tb.date_chosen.connect(self.go_to)
        tb.mode_chosen.connect(lambda value: self.set_mode(rng.ViewMode(value)))
        tb.workers_changed.connect(self.view.set_worker_filter)
        tb.search_changed.connect(self._on_search_changed)
        tb.search_next_requested.connect(self._on_search_next)
        self.calendar.date_chosen.connect(self.go_to)
        for source in (self.view, self.bookings, self.worklist):
            source.session_selected.connect(self._on_session_selected)
            source.session_activated.connect(self.open_session)
            source.context_menu_requested.connect(self._on_context_menu)
        self.bookings.range_changed.connect(
            lambda *span: self._after_first_snapshot(
                "bookings", lambda: self.loader.load_bookings(*span)
            )
        )
        self.actions_.triggered.connect(self._on_action_triggered)
        self.refresh_action.triggered.connect(self.reload)
        self.loader.snapshot_loaded.connect(self._on_snapshot_loaded)
        self.loader.details_loaded.connect(self._on_details_loaded)
        self.loader.details_missing.connect(self._on_details_missing)
        self.loader.bookings_loaded.connect(
            lambda blocks: self.bookings.set_blocks(blocks, self.now)
        )
        self.loader.worklist_loaded.connect(self._on_worklist_loaded)
        self.loader.changed_elsewhere.connect(lambda _marker: self.reload())
        self.loader.load_failed.connect(self._on_load_failed)
        self.changes_applied.connect(self._on_changes_applied)
        self.clock_timer.timeout.connect(self._on_clock_tick)
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
            self._range_changed()

    def set_mode(self, mode: rng.ViewMode) -> None:
        """Switch between day and week view."""
        if mode is not self.mode:
            self.mode = mode
            self._range_changed()

    def visible_days(self) -> list[date]:
        """The local days the schedule shows."""
        return rng.visible_days(self.anchor, self.mode)

    def visible_range(self) -> tuple[datetime, datetime]:
        """[start, end) in UTC of the shown days."""
        return rng.bounds(self.visible_days(), self.tz)

    def _range_changed(self) -> None:
        self._show_range()
        self.reload_schedule()

    def _show_range(self) -> None:
        days = self.visible_days()
        self.toolbar.show_range(self.anchor, self.mode, rng.title(days))
        self.calendar.show_range(days, self.anchor)
        self.bookings.set_range(days[0], days[-1])
        if self._held is not None and not self.view.blocks():  # the first load is under way
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
        if (first.snapshot.start, first.snapshot.end) == self.visible_range():
            self.loader.deliver_snapshot(first.snapshot)
        else:  # the saved view changed in between (another window of this desk closed)
            self.reload_schedule()

    def reload_schedule(self) -> None:
        """Reload the shown range in the background."""
        self.loader.load_snapshot(*self.visible_range())

    def reload(self) -> None:
        """Everything on screen, from the database (F5, another desk's change, our own)."""
        self.reload_schedule()
        self.loader.load_bookings(*rng.bounds(list(self.bookings.days()), self.tz))
        self.loader.load_worklist()
        if self.selected:
            self.loader.load_details(self.selected)

    def _on_changes_applied(self, changes: ChangeSet) -> None:
        """A change made at this desk: each view reads again only if it shows what changed."""
        if changed.touches_schedule(changes):
            self.reload_schedule()
            self.loader.load_bookings(*rng.bounds(list(self.bookings.days()), self.tz))
        if changed.touches_worklist(changes):
            self.loader.load_worklist()
        if changed.touches_details(changes, self.selected, self.details):
            self.loader.load_details(self.selected)

    # -- data arriving ---------------------------------------------------------------------

    def _after_first_snapshot(self, kind: str, load: Callable[[], None]) -> None:
        """Run `load` now, or (the newest of its kind) once the first schedule is shown."""
        if self._held is None:
            load()
        else:
            self._held[kind] = load

    def _release_held_loads(self) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        for load in held.values():
            load()
        self._week_pending = True
        if self.isVisible():  # once the week is painted; should no paint come, soon anyway
            self.view.viewport().installEventFilter(self)
            QTimer.singleShot(FIRST_WEEK_PAINT_WAIT_MS, self, self._on_first_week_shown)
        else:
            QTimer.singleShot(0, self, self._on_first_week_shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and watched is self.view.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._on_first_week_shown)  # after the paint ends
        return False

    def _on_first_week_shown(self) -> None:
        if self._week_pending:
            self._week_pending = False
            self.view.viewport().removeEventFilter(self)
            self.first_week_shown.emit()

    def _on_snapshot_loaded(self, snapshot: ScheduleSnapshot) -> None:
        if (snapshot.start, snapshot.end) != self.visible_range():
            return  # the user moved on while it loaded
        self._show_snapshot(snapshot)
        self._release_held_loads()

    def _show_snapshot(self, snapshot: ScheduleSnapshot) -> None:
        self.toolbar.set_workers(list(snapshot.workers), self.toolbar.hidden_workers)
        self.view.set_worker_filter(self.toolbar.shown_workers())
        self.view.set_snapshot(snapshot, self.mode, self.visible_days())
        self.now = self.desk.now()
        self.view.set_now(self.now)
        if self.selected and self.view.block(self.selected):
            reveal = self._reveal == self.selected
            self.view.select(self.selected, ensure_visible=reveal, notify=False)
            self._reveal = 0
        stamp = self.desk.now().astimezone(self.tz).strftime("%H:%M:%S")
        self.live_label.setText(tr("main", "Live · updated {time}").format(time=stamp))

    def _on_details_loaded(self, details: SessionDetails) -> None:
        b = details.block
        self.commands.remember_facts(b.id, b.version, details.facts)
        if b.id != self.selected:
            return
        self.details = details
        self.details_panel.show_details(details, self.now)
        self.actions_.update_for(details.facts, self.desk.actor, self.now)
        if self._reveal == b.id and self.view.block(b.id) is None:
            self.anchor = b.starts_at.astimezone(self.tz).date()
            self._range_changed()

    def _on_details_missing(self, session_id: int, why: str) -> None:
        if session_id == self.selected:
            self._on_session_selected(0)
            self.details_panel.show_message(why)

    def _on_worklist_loaded(self, rows: list[object]) -> None:
        self.worklist.set_rows(rows, self.now)  # type: ignore[arg-type]
        self.tabs.setTabText(2, tr("main", "&Unresolved ({n})").format(n=len(rows)))

    def _on_load_failed(self, message: str) -> None:
        self._release_held_loads()
        self.statusBar().showMessage(
            tr("main", "Could not load: {why}").format(why=message), 10_000
        )

    def _on_clock_tick(self) -> None:
        self.now = self.desk.now()
        self.view.set_now(self.now)
        if self.details is not None and self.details.block.id == self.selected:
            self.actions_.update_for(self.details.facts, self.desk.actor, self.now)

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

    # -- selection and actions -------------------------------------------------------------

    def _on_session_selected(self, session_id: int) -> None:
        if session_id == self.selected:
            return
        self.selected = session_id
        self.details = None
        self.view.select(session_id, ensure_visible=False, notify=False)
        if not session_id:
            self.loader.forget_details()
            self.actions_.clear()
            self.details_panel.show_message(tr("main", "No session selected."))
            return
        self.loader.load_details(session_id)

    def select_session(self, session_id: int) -> None:
        """Select a session shown (or about to be shown) in the schedule."""
        self._on_session_selected(session_id)

    def open_session(self, session_id: int) -> None:
        """Select it, bring the schedule to its day, and show the details panel."""
        self._reveal = session_id
        self.tabs.setCurrentWidget(self.view)
        self.details_dock.show()
        self.details_dock.raise_()
        if session_id != self.selected:
            self._on_session_selected(session_id)
        elif self.view.block(session_id):
            self.view.select(session_id, notify=False)
            self._reveal = 0
        else:
            self.loader.load_details(session_id)

    def block_of(self, session_id: int) -> SessionBlock | None:
        """The freshest block we hold for a session, wherever it is shown."""
        found = self.view.block(session_id)
        if found is None and self.details is not None and self.details.block.id == session_id:
            found = self.details.block
        if found is None:
            found = next(
                (r.block for r in self.bookings.model.rows() if r.block.id == session_id), None
            )
        return found

    def session_menu(self, session_id: int) -> QMenu:
        """The context menu for a session: every action, greyed ones saying why."""
        loading = session_id != self.selected  # selecting it reads its details
        self._on_session_selected(session_id)
        block = self.block_of(session_id)
        facts = self.commands.known_facts(block) if block is not None else None
        self.now = self.desk.now()
        if facts is not None:
            self.actions_.update_for(facts, self.desk.actor, self.now)
        else:  # greyed until the session's details (read in the background) bring its facts
            self.actions_.clear()
            if not loading:
                self.loader.load_details(session_id)
        return self.actions_.menu(self, tr("main", "Session #{id}").format(id=session_id))

    def _on_context_menu(self, session_id: int, pos: QPoint) -> None:
        menu = self.session_menu(session_id)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(pos)

    def _on_action_triggered(self, value: str) -> None:
        action, sid = Action(value), self.selected
        block = self.block_of(sid) if sid else None
        if not sid:
            return
        if action == Action.OPEN:
            self.open_session(sid)
        elif action == Action.COMPLETE and self._has_dialogs():
            self.request_action(action, sid)  # the dialog lists the SDs completing creates
        elif action not in (Action.COPY, Action.COMPLETE):
            self.request_action(action, sid)
        elif block is None:
            return  # its block is still loading; the action is greyed until then
        elif action == Action.COPY:
            self.commands.copy(block)
            self.statusBar().showMessage(tr("main", "Session details copied."), 4000)
        else:
            self.commands.complete(block, self._on_operation_done, self.reload)

    def _has_dialogs(self) -> bool:
        return self.receivers(SIGNAL("action_requested(QString,int)")) > 0

    def request_action(self, action: Action, session_id: int) -> None:
        """Hand a dialog action to whoever listens on `action_requested`; say so if nobody does."""
        if self._has_dialogs():
            self.action_requested.emit(action.value, session_id)
            return
        name = self.actions_.actions[action].text().replace("&", "").rstrip("…")
        messages.inform(
            self,
            name,
            tr(
                "main", "“{name}” opens its dialog here; that dialog is not part of this build yet."
            ).format(name=name),
        )

    def notify_changed(self, changes: ChangeSet) -> None:
        """A mutation at this desk finished: fan it out once; each view refreshes what it shows."""
        self.changes_applied.emit(changes)

    def _on_operation_done(self, result: OperationResult) -> None:
        self.statusBar().showMessage(result.message, 8000)  # its changes fanned out already

    def _on_search_changed(self, needle: str) -> None:
        self.view.set_search(needle)
        found = self.view.matches()
        if needle.strip():
            words = (
                tr("main", "1 session matches")
                if len(found) == 1
                else tr("main", "{n} sessions match")
            )
            self.statusBar().showMessage(words.format(n=len(found)), 5000)

    def _on_search_next(self) -> None:
        found = self.view.matches()
        if not found:
            return
        at = found.index(self.selected) + 1 if self.selected in found else 0
        self.open_session(found[at % len(found)])

    # -- state -----------------------------------------------------------------------------

    def _load_state(self) -> None:
        saved = state.read(self.anchor)
        if saved.geometry is None or not self.restoreGeometry(saved.geometry):
            self.resize(1400, 860)
        if saved.docks is not None:
            self.restoreState(saved.docks)
        self.mode = saved.mode
        self.anchor = saved.anchor or self.anchor
        self.toolbar.set_workers([], saved.hidden_workers)
        self.tabs.setCurrentIndex(saved.tab)

    def save_state(self) -> None:
        """Remember geometry, panels, view, day, worker filter and tab."""
        saved = state.WindowState(
            self.mode,
            self.anchor,
            self.toolbar.hidden_workers,
            self.tabs.currentIndex(),
            self.saveGeometry(),
            self.saveState(),
            (self.tabs.geometry().top(), self.view.mapTo(self.tabs, QPoint(0, 0)).y()),
        )
        state.write(saved, self.anchor, self.desk.now().astimezone(self.tz).date())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the timers and let background reads finish before the database closes."""
        self.loader.stop_polling()
        self.clock_timer.stop()
        self.runner.wait(5000)
