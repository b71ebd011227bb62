"""Puts practice set-up into a main window: the Practice menu, and the calls the schedule makes.

`install_setup(main_window, desk)` adds the menu and returns `SetupActions`, whose methods are
the seam for the schedule: `new_session(start, worker_id)` for a double-click or drag on an empty
slot (and Ctrl+N), `edit_session(session_id)`, `move_session(session_id, new_start, worker_id)`
for drag-to-move (same conflict checks, undoable with Ctrl+Z), and `offer_waitlist(session_id)`
after a cancellation. Every database call runs through `Ops` off the GUI thread: a dialog opens
when what it shows has been read, its checks are reads, its save one write; each takes an
optional `done` callback for whoever waits on the answer. Every change is handed once to
`fan_out(ChangeSet)` (the window's fan-out).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from app import i18n
from app.errors import ConflictError, FrontDeskError
from app.services.desk import Desk
from app.services.dto import ChangeSet, OperationResult
from app.services.sessions.scheduling import slot_conflicts
from app.services.setup import editing, sessions, settings
from app.services.setup.editing import EditableSession, Moved
from app.services.setup.policy import SetupAction
from app.services.setup.sessions import CreatedSessions, SessionDraft, SessionPlan
from app.ui import messages
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.ops import Ops, Reply
from app.ui.setup.apis import DeskApis
from app.ui.setup.catalogue import LocationsScreen, ServicesScreen
from app.ui.setup.clients import ClientsScreen
from app.ui.setup.common import RunDialog
from app.ui.setup.import_dialog import ImportDialog
from app.ui.setup.reasons import ReasonsScreen
from app.ui.setup.reminders import ReminderRulesScreen, reminders_api
from app.ui.setup.session_dialog import SessionChoices, SessionContext, SessionDialog
from app.ui.setup.settings import PracticeSettingsDialog
from app.ui.setup.waitlist import WaitlistScreen, offer_waitlist
from app.ui.setup.widgets import inactive_name
from app.ui.setup.workers import WorkersScreen
from app.ui.tasks import TaskRunner

S = TypeVar("S", bound=QDialog)
T = TypeVar("T")


def _show(window: QDialog) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


class InTurn:
    """Runs the moves one after another: each starts when the one before has answered, so an
    undo pressed while a move is still being written waits for it (and sees its version)."""

    def __init__(self) -> None:
        self.waiting: deque[Callable[[Callable[[], None]], None]] = deque()
        self.busy = False

    def run(self, start: Callable[[Callable[[], None]], None]) -> None:
        """`start(done)` now or after the ones queued; it must call `done()` when answered."""
        self.waiting.append(start)
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self.waiting:
            self.busy = False
            return
        self.busy = True
        self.waiting.popleft()(self._next)


class MoveCommand(QUndoCommand):
    """A session moved by dragging; undo moves it back (if nobody changed it meanwhile)."""

    def __init__(self, actions: SetupActions, moved: Moved) -> None:
        super().__init__(tr("setup", "move session"))
        self.actions, self.moved, self.version = actions, moved, moved.version
        self.pushed = False
        self.dead = False  # refused once: it can't be repeated, nor undone

    def redo(self) -> None:
        """Move the session again (the first call is the push: already moved)."""
        if not self.pushed:  # QUndoStack.push calls redo: the move is already done
            self.pushed = True
            return
        self._go(self.moved.to_start, self.moved.to_worker_id)

    def undo(self) -> None:
        """Move the session back."""
        self._go(self.moved.from_start, self.moved.from_worker_id)

    def _go(self, start: datetime, worker_id: int) -> None:
        """One background write, in turn after any move still being written."""
        self.actions.moves.run(lambda done: self._write(start, worker_id, done))

    def _write(self, start: datetime, worker_id: int, done: Callable[[], None]) -> None:
        if self.dead:
            done()
            return
        sid, version = self.moved.session_id, self.version

        def moved(again: Moved) -> None:
            self.version = again.version
            self.actions.notify(again.result.changes)
            done()

        def refused(exc: FrontDeskError) -> None:
            self.dead = True
            self.setObsolete(True)  # the stack drops it: it can't be repeated
            self.actions.refuse(tr("setup", "Can't move the session back"), str(exc))
            done()

        self.actions.ops.write(lambda uow: editing.move_session(
            uow, sid, start, worker_id, expected_version=version, allow_conflicts=True),
            moved, refused)  # fmt: skip


class SetupActions(QObject):
    """The Practice menu's actions and the set-up calls the schedule makes."""

    def __init__(
        self,
        window: QMainWindow,
        desk: Desk,
        runner: TaskRunner,
        fan_out: Callable[[ChangeSet], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.desk, self.runner = window, desk, runner
        self.fan_out = fan_out
        self.ops = Ops(desk, runner, self.notify, window)
        self.apis = DeskApis(desk, self.notify, self.ops)
        # Replaceable so tests drive dialogs and message boxes without a modal loop.
        self.run_dialog: RunDialog = lambda dialog: dialog.exec()
        self.show_window: Callable[[QDialog], None] = _show
        self.ask: Callable[[str, str], bool] = lambda title, text: messages.ask(window, title, text)
        self.inform: Callable[[str, str], None] = lambda t, x: messages.inform(window, t, x)
        self.refuse: Callable[[str, str], None] = lambda t, x: messages.warn(window, t, x)
        # The day the schedule shows and the worker it points at (see `new_session_shown`);
        # given by the window's wiring, None: today and the first worker.
        self.shown: Callable[[], tuple[date, int | None]] | None = None
        self.undo_stack = QUndoStack(self)
        self.moves = InTurn()
        self.screens: dict[str, QDialog] = {}
        self.actions: dict[str, QAction] = {}
        self.menu = self._build_menu()

    # -- the menu ----------------------------------------------------------------------------

    def _build_menu(self) -> QMenu:
        menu = QMenu(tr("setup", "&Practice"), self.window)
        menu.setObjectName("practiceMenu")
        self._add(menu, "new_session", tr("setup", "&New session…"), self.new_session_shown,
                  QKeySequence(QKeySequence.StandardKey.New))  # fmt: skip
        undo = self.undo_stack.createUndoAction(self, tr("setup", "&Undo"))
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        redo = self.undo_stack.createRedoAction(self, tr("setup", "&Redo"))
        # Not StandardKey.Redo: on Linux that is Ctrl+Shift+Z, the schedule's "undo cancellation".
        redo.setShortcut(QKeySequence("Ctrl+Y"))
        menu.addActions([undo, redo])
        self.window.addActions([undo, redo])
        self.actions.update(undo=undo, redo=redo)
        menu.addSeparator()
        for key, text, slot in (
            ("clients", QT_TRANSLATE_NOOP("setup", "&Clients…"), self.open_clients), ("workers", QT_TRANSLATE_NOOP("setup", "&Workers…"), self.open_workers),
            ("services", QT_TRANSLATE_NOOP("setup", "&Services…"), self.open_services),
            ("locations", QT_TRANSLATE_NOOP("setup", "&Locations…"), self.open_locations), (None, "", None),
            ("waitlist", QT_TRANSLATE_NOOP("setup", "Wait&list…"), self.open_waitlist), (None, "", None),
            ("reasons", QT_TRANSLATE_NOOP("setup", "Cancellation &reasons && billing rules…"), self.open_reasons),
            ("settings", QT_TRANSLATE_NOOP("setup", "Practice se&ttings…"), self.open_settings),
            ("reminders", QT_TRANSLATE_NOOP("setup", "Re&minder rules…"), self.open_reminders), (None, "", None),
            ("import", QT_TRANSLATE_NOOP("setup", "&Import from CSV…"), self.open_import),
        ):  # fmt: skip
            if key is None or slot is None:
                menu.addSeparator()
                continue
            self._add(menu, key, tr("setup", text), slot)
        self._gate(
            "settings", SetupAction.EDIT_SETTINGS, "Practice settings need an administrator."
        )
        self._gate("import", SetupAction.IMPORT, "Importing needs a manager.")
        self._gate("reminders", SetupAction.EDIT_SETTINGS, "Reminder rules need an administrator.")
        self.window.menuBar().addMenu(menu)
        return menu

    def _add(self, menu: QMenu, key: str, text: str, slot: Callable[[], Any],
             keys: QKeySequence | None = None) -> QAction:  # fmt: skip
        action = QAction(text, self.window)
        action.setObjectName(f"{key}Action")
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work wherever the focus is in the window
        menu.addAction(action)
        self.actions[key] = action
        return action

    def _gate(self, key: str, what: SetupAction, why: str) -> None:
        allowed = self.apis.may(what)
        self.actions[key].setEnabled(allowed)
        self.actions[key].setToolTip("" if allowed else tr("setup", why))

    def notify(self, changes: ChangeSet) -> None:
        """Hand a change to the window, which refreshes every view."""
        if self.fan_out is not None:
            self.fan_out(changes)

    def on_changes(self, changes: ChangeSet) -> None:
        """A change fanned out by the window: the open Clients screen reads again if it must."""
        screen = self.screens.get("clients")
        if isinstance(screen, ClientsScreen) and screen.isVisible():
            screen.on_changes(changes)

    def status(self, text: str) -> None:
        """A message in the window's status bar."""
        self.window.statusBar().showMessage(text, 8000)

    # -- screens -----------------------------------------------------------------------------

    def _screen(self, key: str, make: Callable[[], S]) -> S:
        """One window per kind: raised if open, otherwise made afresh with fresh data."""
        old = self.screens.get(key)
        if old is not None and old.isVisible():
            self.show_window(old)
            return cast(S, old)
        if old is not None:
            old.deleteLater()
        screen = make()
        self.screens[key] = screen
        self.show_window(screen)
        return screen

    def open_clients(self) -> ClientsScreen:
        """Practice ▸ Clients…."""
        return self._screen("clients", lambda: ClientsScreen(self.apis.clients(), self.window))

    def open_workers(self) -> WorkersScreen:
        """Practice ▸ Workers…."""
        return self._screen("workers", lambda: WorkersScreen(self.apis.workers(), self.window))

    def open_services(self) -> ServicesScreen:
        """Practice ▸ Services…."""
        return self._screen("services", lambda: ServicesScreen(self.apis.services(), self.window))

    def open_locations(self) -> LocationsScreen:
        """Practice ▸ Locations…."""
        return self._screen(
            "locations", lambda: LocationsScreen(self.apis.locations(), self.window)
        )

    def open_waitlist(self) -> WaitlistScreen:
        """Practice ▸ Waitlist…."""
        return self._screen("waitlist", lambda: WaitlistScreen(self.apis.waitlist(), self.window))

    def open_reasons(self) -> ReasonsScreen:
        """Practice ▸ Cancellation reasons & billing rules…."""
        return self._screen("reasons", lambda: ReasonsScreen(self.apis.reasons(), self.window))

    def open_reminders(self) -> ReminderRulesScreen:
        """Practice ▸ Reminder rules…."""
        return self._screen(
            "reminders", lambda: ReminderRulesScreen(reminders_api(self.ops), self.window)
        )

    def open_import(self) -> ImportDialog:
        """Practice ▸ Import from CSV…."""
        return self._screen(
            "import", lambda: ImportDialog(self.apis.imports(), self.runner, self.window)
        )

    def open_settings(
        self,
        done: Callable[[settings.SettingsDraft | None], None] | None = None,
        prepare: Callable[[PracticeSettingsDialog], None] | None = None,
    ) -> None:
        """The practice settings dialog (modal), opened when the settings have been read;
        `prepare(dialog)` runs before it shows (the first-run checklist proposes this
        computer's time zone there); `done` gets the settings as saved (read again), or None
        when nothing was saved."""

        def read(uow: Any) -> tuple[settings.SettingsDraft, tuple[str, ...], Any]:
            i18n.locale_choices(), i18n.currency_choices()  # babel's data, read here, not on show
            return settings.settings_form(uow), settings.time_zones(), settings.regions()

        def show(got: tuple[settings.SettingsDraft, tuple[str, ...], Any]) -> None:
            dialog = PracticeSettingsDialog(*got, self.apis.save_settings, self.window)
            if prepare is not None:
                prepare(dialog)
            self.run_dialog(dialog)
            if dialog.saved is None:
                if done is not None:
                    done(None)
                return
            self.status(dialog.saved.message)
            if dialog.saved.warnings:
                self.inform(tr("setup", "Practice settings"), "\n".join(dialog.saved.warnings))
            if done is not None:
                self.ops.read(settings.practice_settings, done)

        self.ops.read(read, show)

    def open_settings_prepared(
        self,
        prepare: Callable[[PracticeSettingsDialog], None],
        done: Callable[[settings.SettingsDraft | None], None] | None = None,
    ) -> None:
        """`open_settings` with `prepare(dialog)` run before the dialog shows."""
        self.open_settings(done, prepare)

    # -- sessions ----------------------------------------------------------------------------

    def _aware(self, moment: datetime) -> datetime:
        """A naive time from the schedule is a practice-local wall time."""
        return moment if moment.utcoffset() is not None else moment.replace(tzinfo=self.apis.tz)

    def new_session_shown(self) -> None:
        """Practice ▸ New session… (Ctrl+N): on the day the schedule shows, with the worker it
        shows alone or whose session is selected (see `sessions.suggested_start` for the time)."""
        day, worker_id = self.shown() if self.shown is not None else (None, None)
        self.new_session(worker_id=worker_id, day=day)

    def new_session(
        self,
        start: datetime | None = None,
        worker_id: int | None = None,
        done: Callable[[CreatedSessions | None], None] | None = None,
        *,
        day: date | None = None,
    ) -> None:
        """The new-session dialog, filled with a slot's start and worker when given (without a
        start: on `day`, today by default); it opens when the choices have been read. `done`
        gets what was booked, or None."""
        finish = done or _ignore
        self.ops.read(self.apis.session_choices,
                      lambda choices: self._new_session(choices, start, worker_id, finish, day))  # fmt: skip

    def _new_session(
        self,
        choices: SessionChoices,
        start: datetime | None,
        worker_id: int | None,
        finish: Callable[[CreatedSessions | None], None],
        day: date | None = None,
    ) -> None:
        if not choices.workers or not choices.services:
            self.inform(tr("setup", "New session"), tr(
                "setup", "Add a worker and a service first (Practice ▸ Workers…, Services…)."))  # fmt: skip
            finish(None)
            return
        service = choices.services[0]
        worker = (
            worker_id if worker_id in {w for w, _n in choices.workers} else choices.workers[0][0]
        )
        now, tz = self.desk.now(), self.apis.tz
        first = self._aware(start) if start else sessions.suggested_start(
            day or now.astimezone(tz).date(), now, tz, worker, choices.hours)  # fmt: skip
        draft = SessionDraft(worker, service[0], first, service[2])

        def plan(d: SessionDraft, reply: Reply) -> None:
            self.ops.read_reply(lambda uow: sessions.plan_sessions(uow, d), reply)

        def save(d: SessionDraft, anyway: bool, reply: Reply) -> None:
            self.ops.write_reply(
                lambda uow: sessions.create_sessions(uow, d, allow_conflicts=anyway), reply
            )

        ctx = SessionContext(choices, draft, plan, save, self.desk.now)
        dialog = SessionDialog(ctx, self.window)
        self.run_dialog(dialog)
        result = dialog.result_
        if isinstance(result, CreatedSessions):
            self.status(result.message)
            finish(result)
        else:
            finish(None)

    def edit_session(
        self, session_id: int, done: Callable[[OperationResult | None], None] | None = None
    ) -> None:
        """The edit dialog for one rostered session that has not started, opened when it has
        been read; `done` gets what was saved, or None."""
        finish = done or _ignore

        def read(uow: Any) -> tuple[EditableSession, SessionChoices]:
            opened = editing.session_draft(uow, session_id)
            return opened, self.apis.session_choices(uow, opened.draft)

        def refused(exc: FrontDeskError) -> None:
            self.refuse(tr("setup", "Can't change the session"), str(exc))
            finish(None)

        self.ops.read(read, lambda got: self._edit_session(session_id, *got, finish), refused)

    def _edit_session(
        self,
        session_id: int,
        opened: EditableSession,
        choices: SessionChoices,
        finish: Callable[[OperationResult | None], None],
    ) -> None:
        names = dict(choices.clients)
        # A client made inactive since is no longer among the choices: named as inactive.
        kept = tuple(names.get(c) or inactive_name(n) for c, n in
                     zip(opened.kept_client_ids, opened.kept_names, strict=True))  # fmt: skip

        def plan(d: SessionDraft, reply: Reply) -> None:
            start = d.starts_at.astimezone(UTC)
            end = start + timedelta(minutes=d.minutes)

            def clashes(uow: Any) -> SessionPlan:
                found = slot_conflicts(uow, d.worker_id or 0, start, end, d.client_ids, session_id)
                return SessionPlan((start,), tuple(found))

            self.ops.read_reply(clashes, reply)

        def save(d: SessionDraft, anyway: bool, reply: Reply) -> None:
            self.ops.write_reply(lambda uow: editing.edit_session(
                uow, session_id, d, expected_version=opened.version, allow_conflicts=anyway), reply)  # fmt: skip

        ctx = SessionContext(choices, opened.draft, plan, save, self.desk.now, editing=True,
                             kept=kept)  # fmt: skip
        dialog = SessionDialog(ctx, self.window)
        self.run_dialog(dialog)
        result = dialog.result_
        if isinstance(result, OperationResult) and result.reminder:
            # A client added took a freed place: as booking it from the waitlist says.
            self.inform(tr("setup", "Place refilled"), result.reminder)
        finish(result if isinstance(result, OperationResult) else None)

    def move_session(
        self,
        session_id: int,
        new_start: datetime,
        worker_id: int | None = None,
        done: Callable[[Moved | None], None] | None = None,
    ) -> None:
        """Drag-to-move: warn about clashes (the user may go ahead), move, and make it undoable.
        The clash check is a read, the move one write; `done` gets the move, or None."""
        new_start = self._aware(new_start)
        finish = done or _ignore

        def refused(exc: FrontDeskError) -> None:
            if isinstance(exc, ConflictError):
                self.notify(ChangeSet(frozenset({session_id})))
                self.inform(tr("setup", "Changed at another desk"), exc.message)
            else:
                self.refuse(tr("setup", "Can't move the session"), str(exc))
            finish(None)

        def moved(m: Moved) -> None:
            self.undo_stack.push(MoveCommand(self, m))
            self.notify(m.result.changes)
            self.status(tr("setup", "Session moved. Undo with Ctrl+Z."))
            finish(m)

        def write(next_move: Callable[[], None]) -> None:
            self.ops.write(lambda uow: editing.move_session(
                uow, session_id, new_start, worker_id, allow_conflicts=True),
                lambda m: _then(moved, m, next_move), lambda e: _then(refused, e, next_move))  # fmt: skip

        def checked(clashes: list[str]) -> None:
            if clashes and not self.ask(tr("setup", "Move anyway?"), "\n".join(clashes)):
                finish(None)
                return
            self.moves.run(write)

        self.ops.read(
            lambda uow: editing.move_conflicts(uow, session_id, new_start, worker_id),
            checked, refused,
        )  # fmt: skip

    def offer_waitlist(
        self, session_id: int, done: Callable[[OperationResult | None], None] | None = None
    ) -> None:
        """After a cancellation: offer the freed place to matching waiting clients."""
        offer_waitlist(self.window, self.ops, session_id, run_dialog=self.run_dialog, done=done)


def _ignore(_result: object) -> None:
    """No one waits for the answer (the menu and the schedule don't)."""


def _then(first: Callable[[T], None], value: T, after: Callable[[], None]) -> None:
    try:
        first(value)
    finally:
        after()


def install_setup(
    main_window: QMainWindow,
    desk: Desk,
    *,
    runner: TaskRunner | None = None,
    fan_out: Callable[[ChangeSet], None] | None = None,
) -> SetupActions:
    """Add the Practice menu to the window; returns the actions the schedule can call.

    `fan_out` receives every change the set-up screens make (the window's `notify_changed`).
    """
    return SetupActions(main_window, desk, runner or TaskRunner(main_window), fan_out)
