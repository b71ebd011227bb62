"""Puts the outbox into a main window: dock, status badge, Settings action, background pump.

Every read and write goes through the window's `Ops` (its own when the window has none), off the
GUI thread; a retry's or a tick's changes fan out once, and the wiring hands them back to
`on_changes`, which reloads the lists and wakes the sender."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu

from app.errors import ConflictError, FrontDeskError
from app.services import practice
from app.services.auth import Permission
from app.services.desk import Desk, UnitOfWork
from app.services.dto import ChangeSet, OperationResult
from app.services.outbox import (
    DeliveryError,
    OutboxCounts,
    OutboxFilter,
    OutboxRow,
    integration_settings,
    list_outbox,
    outbox_counts,
    retry_now,
    settings,
    tick_done,
)
from app.services.outbox.integration_settings import IntegrationDraft
from app.services.outbox.review import waiting_for_email
from app.services.outbox.settings import EmailDraft
from app.ui import messages
from app.ui.i18n import tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.ops import Ops, failure_sentence
from app.ui.outbox.badge import StatusBadge
from app.ui.outbox.pump import PUMP_MS, OutboxPump, PumpReport
from app.ui.outbox.settings_dialog import SettingsDialog
from app.ui.outbox.view import TABS, OutboxView
from app.ui.outbox.waiting import EmailWaiting
from app.ui.role_gates import refusal
from app.ui.schedule import changes as changed
from app.ui.tasks import TaskRunner

LIST_LIMIT = 300


@dataclass(frozen=True)
class OutboxSnapshot:
    """Every list and the counts, read in one background task."""

    lists: dict[OutboxFilter, list[OutboxRow]]
    counts: OutboxCounts
    email_waiting: int = 0  # client e-mails held only because no mail server is set up


class OutboxPanel(QObject):
    """Owns the outbox's widgets in the window and the one place they are wired together."""

    def __init__(
        self, window: QMainWindow, desk: Desk, runner: TaskRunner, interval_ms: int = PUMP_MS
    ) -> None:
        super().__init__(window)
        self.window, self.desk, self.runner = window, desk, runner
        found = getattr(window, "ops", None)
        self.ops = (
            found
            if isinstance(found, Ops) and found.desk is desk
            else Ops(desk, runner, self.on_changes, window)  # a window without operations
        )
        # The practice's zone as the window read it at start-up; else read in the background.
        zone = getattr(window, "tz", None)
        self.tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC")
        self.dialog: SettingsDialog | None = None
        self.counts: OutboxCounts | None = None
        # Replaceable so tests drive the dialog without a modal loop.
        self.run_dialog: Callable[[QDialog], Any] = lambda dialog: dialog.open()
        # The question before a step that can't be taken back (the safe button is the default).
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(self.window, q)
        self._build_ui()
        self._connect_signals()
        self.pump = OutboxPump(self.ops, interval_ms, self)
        self.pump.pass_finished.connect(self._on_pump_finished)
        self.pump.pass_failed.connect(self.badge.set_unavailable)
        if not isinstance(zone, ZoneInfo):
            self.ops.read(practice.time_zone, self._on_time_zone, self._on_load_failed)

    def _on_time_zone(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.view.set_time_zone(tz)

    def _build_ui(self) -> None:
        self.view = OutboxView(self.tz, self.window)
        self.dock = QDockWidget(tr("outbox", "Outbox and alerts"), self.window)
        self.dock.setObjectName("outboxDock")
        self.dock.setAccessibleName(tr("outbox", "Outbox and alerts"))
        self.dock.setWidget(self.view)
        # The window restored its saved layout before we existed: take our place in it if any.
        if not self.window.restoreDockWidget(self.dock):
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            self.dock.hide()  # opened from the badge or the menu; the schedule keeps the room
        self.badge = StatusBadge(self.window)
        self.window.statusBar().addPermanentWidget(self.badge)
        why = refusal(self.desk.actor, Permission.SETTINGS)  # "" when allowed
        allowed = not why
        self.waiting = EmailWaiting(allowed, self.window)
        self.window.statusBar().addPermanentWidget(self.waiting)
        self.settings_action = QAction(tr("outbox", "&Settings…"), self.window)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.setEnabled(allowed)
        self.settings_action.setToolTip(why)
        self.outbox_action = self.dock.toggleViewAction()
        self.outbox_action.setText(tr("outbox", "&Outbox and alerts"))
        self.menu = QMenu(tr("outbox", "&Tools"), self.window)
        self.menu.addAction(self.outbox_action)
        self.menu.addAction(self.settings_action)
        self.window.menuBar().addMenu(self.menu)

    def _connect_signals(self) -> None:
        self.badge.open_requested.connect(self.open_outbox)
        self.waiting.set_up_requested.connect(self.open_settings)
        self.settings_action.triggered.connect(self.open_settings)
        self.view.retry_requested.connect(self._on_view_retry)
        self.view.tick_requested.connect(self._on_view_tick)
        # When the window is torn down its children go in the order they were made: this panel
        # before its dock, whose hiding must then not call into a panel that is already gone.
        panel = weakref.ref(self)

        def on_visibility(visible: bool) -> None:
            alive = panel()
            if alive is not None and shiboken6.isValid(alive):
                alive._on_dock_visibility(visible)

        self.dock.visibilityChanged.connect(on_visibility)
        # The wiring has the window's events pass here: its closing stops the pump.

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Qt may call this while the panel's wrapper is being torn down: look, don't assume.
        window, pump = getattr(self, "window", None), getattr(self, "pump", None)
        if window is not None and watched is window and event.type() == QEvent.Type.Close and pump:
            pump.stop()
        return False

    # -- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload every list and the counts in the background."""
        self.ops.read(_read_all, self._on_snapshot_loaded, self._on_load_failed)

    def _on_snapshot_loaded(self, snapshot: OutboxSnapshot) -> None:
        for which, rows in snapshot.lists.items():
            self.view.set_rows(which, rows)
        self._show_counts(snapshot.counts)
        self.waiting.set_waiting(snapshot.email_waiting)

    def _on_load_failed(self, exc: FrontDeskError) -> None:
        self.badge.set_unavailable(exc.message)

    def _show_counts(self, counts: OutboxCounts) -> None:
        self.counts = counts
        self.view.set_counts(counts)
        self.badge.set_counts(counts)

    def _on_pump_finished(self, report: PumpReport) -> None:
        moved = report.result.claimed or report.result.expired or report.counts != self.counts
        self._show_counts(report.counts)
        handled = getattr(report.replies, "handled", None)
        fan_out = getattr(self.window, "notify_changed", None)
        if handled is not None and callable(fan_out):
            fan_out(handled)  # a text reply cancelled or confirmed a booking: views refresh
        # The lists follow the counts whether or not the dock is showing: it may be opened
        # from the Tools menu (or restored open) without passing through `open_outbox`.
        if moved:
            self.refresh()

    def _on_dock_visibility(self, visible: bool) -> None:
        if visible:  # opened from the menu, the badge or the saved layout
            self._show_needed()
            self.refresh()

    def on_changes(self, changes: ChangeSet) -> None:
        """A change at this desk: send what it queued within seconds; reload lists it touched."""
        if changed.sends_messages(changes):
            self.pump.run_now()
        if changed.touches_outbox(changes):
            self.refresh()

    # -- actions -----------------------------------------------------------------------------

    def open_outbox(self) -> None:
        """Show the dock on the list that needs a person, if any."""
        self.dock.show()
        self.dock.raise_()
        self._show_needed()
        self.refresh()

    def _show_needed(self) -> None:
        """The list a person opening the outbox wants first: what failed, then the to-dos, then
        what waits to go (not an empty Failed list while messages wait)."""
        counts = self.counts
        if counts is None:
            return
        for which, n in ((OutboxFilter.FAILED, counts.failed), (OutboxFilter.MANUAL, counts.manual),
                         (OutboxFilter.PENDING, counts.pending)):  # fmt: skip
            if n:
                self.view.show_list(which)
                return

    def _on_view_retry(self, message_id: int) -> None:
        self._act(lambda uow: retry_now(uow, message_id), tr("outbox", "Retry"), send=True)

    def _on_view_tick(self, message_id: int) -> None:
        """Ask first: a to-do ticked done leaves the list for good (Back is the default)."""
        todos = self.view.lists[OutboxFilter.MANUAL].model.rows()
        row = next((r for r in todos if r.id == message_id), None)
        if self.ask(tick_question(row)) is None:
            return
        self._act(lambda uow: tick_done(uow, message_id), tr("outbox", "Tick done"))

    def _act(self, fn: Callable[[Any], OperationResult], title: str, send: bool = False) -> None:
        """One write; its changes fan out (the lists reload and the sender looks at once)."""

        def done(result: OperationResult) -> None:
            self.window.statusBar().showMessage(result.message, 6000)
            if result.warnings:  # e.g. a retried message no longer true was withdrawn instead
                messages.inform(self.window, title, "\n\n".join(result.warnings))
                return
            if send:
                self.pump.run_now()  # a retried message goes now (a pass under way runs again)

        self.ops.write(fn, done, lambda exc: self._refuse(title, exc))

    def _refuse(self, title: str, exc: Exception) -> None:
        messages.warn(self.window, title, str(exc))
        self.refresh()

    # -- settings ----------------------------------------------------------------------------

    def open_settings(self) -> None:
        """Load the saved settings off the GUI thread, then show the dialog."""

        self.ops.read(
            _saved_settings,
            lambda pair: self._show_settings(*pair),
            lambda exc: self._refuse(tr("outbox", "Settings"), exc),
        )

    def _show_settings(
        self, email: settings.EmailSettings, integration: integration_settings.IntegrationSettings
    ) -> None:
        self.dialog = SettingsDialog(email, integration, self.window)
        self.dialog.save_requested.connect(self._on_dialog_save)
        self.dialog.email_test_requested.connect(self._on_dialog_email_test)
        self.dialog.webhook_test_requested.connect(self._on_dialog_webhook_test)
        self.run_dialog(self.dialog)

    def _on_dialog_save(self, email: EmailDraft, integration: IntegrationDraft) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        secret_saved = dialog.integration.saved.secret_saved
        for page, check in (
            ("email", lambda: settings.check_email(email)),
            (
                "integration",
                lambda: integration_settings.check_integration(integration, secret_saved),
            ),
        ):
            try:
                check()
            except FrontDeskError as exc:  # shown on the page it belongs to, dialog stays open
                dialog.show_error(page, str(exc))
                return

        def save(uow: Any) -> list[str]:
            saved = [settings.update_email_settings(uow, email, dialog.email.saved)]
            saved.append(
                integration_settings.update_integration_settings(
                    uow, integration, dialog.integration.saved
                )
            )
            return [s.message for s in saved] + [w for s in saved for w in s.warnings]

        self.ops.write(
            save,
            lambda said: self._on_settings_saved(dialog, said),
            lambda exc: self._on_settings_refused(dialog, email, integration, exc),
        )

    def _on_settings_refused(
        self,
        dialog: SettingsDialog,
        email: EmailDraft,
        integration: IntegrationDraft,
        exc: FrontDeskError,
    ) -> None:
        """Shown on the page it is about; a setting another desk changed too: both pages are
        filled again from the settings as they now are, keeping the changes made here that
        nobody else made, then the page with the setting says so."""
        if not isinstance(exc, ConflictError):
            dialog.show_error("email", str(exc))
            return

        def reopened(
            now: tuple[settings.EmailSettings, integration_settings.IntegrationSettings],
        ) -> None:
            seen_email, seen_integration = dialog.email.saved, dialog.integration.saved
            now_email, now_integration = now
            dialog.email.saved, dialog.integration.saved = now
            # The e-mail settings are saved first, so a clash there is the one refused.
            on_email = bool(settings.email_changed_at_both(email, seen_email, now_email))
            dialog.email.fill(now_email.draft)
            dialog.integration.fill(now_integration.draft)
            dialog.unsaved.mark()  # what the other desk saved is the form's unchanged state
            dialog.email.fill(settings.reopened_email_form(email, seen_email, now_email))
            dialog.integration.fill(
                integration_settings.reopened_integration_form(
                    integration, seen_integration, now_integration
                )
            )
            dialog.show_error("email" if on_email else "integration", str(exc))

        self.ops.read(_saved_settings, reopened, lambda e: dialog.show_error("email", str(e)))

    def _on_settings_saved(self, dialog: SettingsDialog, said: list[str]) -> None:
        dialog.accept()
        self.refresh()  # e-mail set up: the waiting line goes once the read says so
        self.window.statusBar().showMessage(" ".join(said), 10_000)
        if len(said) > 2:  # a warning (e.g. no keyring): worth more than a status line
            messages.inform(self.window, tr("outbox", "Settings"), "\n\n".join(said[2:]))
        self.pump.run_now()

    def _on_dialog_email_test(self, draft: EmailDraft, to: str) -> None:
        def work(desk: Desk) -> str:
            test = desk.read(lambda uow: settings.prepare_email_test(uow, draft))
            return settings.run_email_test(test, to, desk.now())

        self._test("email", work)

    def _on_dialog_webhook_test(self, draft: IntegrationDraft) -> None:
        def work(desk: Desk) -> str:
            test = desk.read(lambda uow: integration_settings.prepare_webhook_test(uow, draft))
            return integration_settings.run_webhook_test(test, desk.now())

        self._test("integration", work)

    def _test(self, page: str, work: Callable[[Desk], str]) -> None:
        """A settings test: a read, then the network, on the task runner (both off the GUI thread)."""
        dialog = self.dialog
        if dialog is None:
            return
        self.ops.background(
            work,
            lambda text: dialog.show_test_result(page, text, True),
            lambda exc: dialog.show_test_result(page, why_test_failed(exc), False),
        )


def tick_question(row: OutboxRow | None) -> Destructive:
    """What ticking a manual to-do done does, asked before it is done."""
    todo = (row.why or row.what) if row is not None else ""
    return Destructive(
        tr("outbox", "Tick the to-do done?"),
        tr("outbox", "Mark this to-do as done by hand? Do it only after you have made the change "
                     "in the other system yourself."),
        tr("outbox", "Tick done"),
        tr("outbox", "Back"),
        tuple(line for line in (
            todo,
            tr("outbox", "It leaves the Manual to-dos list for good and moves to Done, with your "
                         "name and the time. It cannot be ticked back."),
        ) if line),
    )  # fmt: skip


def why_test_failed(exc: Exception) -> str:
    """Why a settings test failed: the server's answer, a refusal, or a plain sentence."""
    if isinstance(exc, DeliveryError):
        return exc.message
    failed = tr(
        "outbox", "The test could not be run. Check the settings on this page and try again."
    )
    return failure_sentence(exc, failed)


def _saved_settings(
    uow: UnitOfWork,
) -> tuple[settings.EmailSettings, integration_settings.IntegrationSettings]:
    """Both pages of Tools ▸ Settings… as saved."""
    return settings.email_settings(uow), integration_settings.integration_settings(uow)


def _read_all(uow: UnitOfWork) -> OutboxSnapshot:
    """Every list and the counts, in one read transaction."""
    lists = {which: list_outbox(uow, which, LIST_LIMIT) for which, _ in TABS}
    return OutboxSnapshot(lists, outbox_counts(uow), waiting_for_email(uow))


def install_outbox(
    main_window: QMainWindow,
    desk: Desk,
    *,
    runner: TaskRunner | None = None,
    interval_ms: int = PUMP_MS,
    start: bool = True,
    first_pass_at_once: bool = True,
) -> OutboxPanel:
    """Add the outbox dock, status badge, Tools menu (Settings…) and the background sender.

    `first_pass_at_once=False`: the sender's first pass waits for its timer's first tick, or
    for whoever calls `pump.run_now()` sooner (the window's start, once its preload is done).
    """
    runner = runner or getattr(main_window, "runner", None) or TaskRunner(main_window)
    panel = OutboxPanel(main_window, desk, runner, interval_ms)
    panel.refresh()
    if start:
        panel.pump.start()
        if first_pass_at_once:
            panel.pump.run_now()
    return panel
