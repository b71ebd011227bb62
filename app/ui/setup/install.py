"""Puts practice set-up into a main window: the Practice menu, and the calls the schedule makes.

`install_setup(main_window, desk)` adds the menu and returns `SetupActions`: the Practice menu's
screens and dialogs, built on `ScheduleCalls` (app/ui/setup/schedule_calls.py), whose methods
are the seam for the schedule (new, edit and move a session, the waitlist offer). Every
database call runs through `Ops` off the GUI thread; every change is handed once to
`fan_out(ChangeSet)` (the window's fan-out).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from app import i18n
from app.number_text import currency_choices
from app.services.auth import Permission
from app.services.desk import Desk
from app.services.dto import ChangeSet
from app.services.setup import settings
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.setup.catalogue import LocationsScreen, ServicesScreen
from app.ui.setup.clients import ClientsScreen
from app.ui.setup.import_dialog import ImportDialog
from app.ui.setup.reasons import ReasonsScreen
from app.ui.setup.reminders import ReminderRulesScreen, reminders_api
from app.ui.setup.schedule_calls import ScheduleCalls
from app.ui.setup.settings import PracticeSettingsDialog
from app.ui.setup.waitlist import WaitlistScreen
from app.ui.setup.workers import WorkersScreen
from app.ui.tasks import TaskRunner

S = TypeVar("S", bound=QDialog)


def _show(window: QDialog) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


class SetupActions(ScheduleCalls):
    """The Practice menu's actions and screens, beside the set-up calls the schedule makes."""

    def __init__(
        self,
        window: QMainWindow,
        desk: Desk,
        runner: TaskRunner,
        fan_out: Callable[[ChangeSet], None] | None = None,
    ) -> None:
        super().__init__(window, desk, runner, fan_out)
        # Replaceable so tests and screenshots show the screens their own way.
        self.show_window: Callable[[QDialog], None] = _show
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
            ("waitlist", QT_TRANSLATE_NOOP("setup", "W&aitlist…"), self.open_waitlist), (None, "", None),
            ("reasons", QT_TRANSLATE_NOOP("setup", "Cancellation reasons && &billing rules…"), self.open_reasons),
            ("settings", QT_TRANSLATE_NOOP("setup", "Practice se&ttings…"), self.open_settings),
            ("reminders", QT_TRANSLATE_NOOP("setup", "Re&minder rules…"), self.open_reminders), (None, "", None),
            ("import", QT_TRANSLATE_NOOP("setup", "&Import from CSV…"), self.open_import),
        ):  # fmt: skip
            if key is None or slot is None:
                menu.addSeparator()
                continue
            self._add(menu, key, tr("setup", text), slot)
        self._gate("settings", Permission.SETTINGS)
        self._gate("import", Permission.IMPORT)
        self._gate("reminders", Permission.SETTINGS)
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

    def _gate(self, key: str, what: Permission) -> None:
        why = self.apis.refusal(what)  # the service's own sentence ("" when allowed)
        self.actions[key].setEnabled(not why)
        self.actions[key].setToolTip(why)

    def on_changes(self, changes: ChangeSet) -> None:
        """A change fanned out by the window: the open Clients screen reads again if it must."""
        screen = self.screens.get("clients")
        if isinstance(screen, ClientsScreen) and screen.isVisible():
            screen.on_changes(changes)

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
            i18n.locale_choices(), currency_choices()  # babel's data, read here, not on show
            return settings.settings_form(uow), settings.time_zones(), settings.regions()

        def show(got: tuple[settings.SettingsDraft, tuple[str, ...], Any]) -> None:
            dialog = PracticeSettingsDialog(
                *got, self.apis.save_settings, self.window,
                reload=lambda show: self.ops.read(settings.settings_form, show),
            )  # fmt: skip
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
