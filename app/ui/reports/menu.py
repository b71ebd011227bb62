"""The Reports menu: one action per report or export, each opening its dialog (non-modal)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.errors import PermissionDeniedError
from app.services.auth import Permission, can, require
from app.services.desk import Desk
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.tasks import TaskRunner

DialogFactory = Callable[[Desk, TaskRunner, QWidget | None], QDialog]


def _on_demand(module: str, name: str) -> DialogFactory:
    """The dialog class `name` of `module`, imported when first opened: the dialogs bring in
    reportlab, icalendar and the audit log, which would add ~170 ms to every start."""

    def make(desk: Desk, runner: TaskRunner, parent: QWidget | None) -> QDialog:
        dialog_class = getattr(importlib.import_module(f"app.ui.reports.{module}"), name)
        dialog: QDialog = dialog_class(desk, runner, parent)
        return dialog

    return make


ENTRIES: tuple[tuple[str, str, DialogFactory, Permission | None], ...] = (
    (
        "reportCancellations",
        QT_TRANSLATE_NOOP("reports", "&Cancellation report…"),
        _on_demand("cancellation_dialog", "CancellationReportDialog"),
        Permission.REPORTS,
    ),
    (
        "reportAudit",
        QT_TRANSLATE_NOOP("reports", "&Audit log…"),
        _on_demand("audit_view", "AuditLogDialog"),
        Permission.REPORTS,
    ),
    (
        "reportExtract",
        QT_TRANSLATE_NOOP("reports", "&Extract SDs for claiming…"),
        _on_demand("extraction_dialog", "ExtractionDialog"),
        Permission.EXTRACT_SDS,
    ),
    (
        "reportIcs",
        QT_TRANSLATE_NOOP("reports", "Export schedule (&iCalendar)…"),
        _on_demand("ical_dialog", "IcsExportDialog"),
        None,
    ),
)


class ReportsMenu(QMenu):
    """Keeps the open dialogs alive (one of each), so the desk keeps working while they run."""

    def __init__(self, parent: QWidget, desk: Desk, runner: TaskRunner) -> None:
        super().__init__(tr("reports", "&Reports"), parent)
        self.setObjectName("reportsMenu")
        self.desk = desk
        self.runner = runner
        self.dialogs: dict[str, QDialog] = {}
        for name, text, factory, permission in ENTRIES:
            self._add(name, tr("reports", text), factory, permission)

    def _add(
        self, name: str, text: str, factory: DialogFactory, permission: Permission | None
    ) -> None:
        action = QAction(text, self)
        action.setObjectName(name)
        if permission is not None and not can(self.desk.actor, permission):
            action.setEnabled(False)
            try:
                require(self.desk.actor, permission)
            except PermissionDeniedError as refusal:
                action.setToolTip(refusal.message)
                action.setStatusTip(refusal.message)
        action.triggered.connect(lambda _checked=False: self.open(name, factory))
        self.addAction(action)

    def open(self, name: str, factory: DialogFactory) -> QDialog:
        """Show the dialog (raising it if it is already open)."""
        dialog = self.dialogs.get(name)
        if dialog is None:
            dialog = factory(self.desk, self.runner, self.parentWidget())
            self.dialogs[name] = dialog
            dialog.finished.connect(lambda _r: self.dialogs.pop(name, None))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def action(self, name: str) -> QAction:
        found = self.findChild(QAction, name)
        assert isinstance(found, QAction), name
        return found


def build_reports_menu(
    parent_window: QWidget, desk: Desk, runner: TaskRunner | None = None
) -> QMenu:
    """The Reports menu for the main window's menu bar; uses the window's task runner if it has one."""
    shared = runner or getattr(parent_window, "runner", None) or TaskRunner(parent_window)
    return ReportsMenu(parent_window, desk, shared)
