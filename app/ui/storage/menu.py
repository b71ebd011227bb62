"""File ▸ Back up now and File ▸ Restore from a backup…, for managers and administrators.

Both are gated (app/ui/role_gates.py) on the services' own checks, so a greyed entry says why:
a role without the permission, a server desk without pg_dump, a practice kept on PostgreSQL
(restored on the server, not from a desk). The backup runs off the GUI thread; a restore chosen
in the dialog is handed to `restore_from`, which closes the window for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from app.services.storage.practice_backups import (
    BackupMade,
    PracticeFiles,
    back_up_now,
    check_backup_allowed,
    check_restore_allowed,
)
from app.ui import messages
from app.ui.i18n import tr
from app.ui.ops import Ops, failure_sentence
from app.ui.role_gates import RoleGates
from app.ui.storage.restore_dialog import RestoreDialog, size_text


def install_backups(
    window: QMainWindow,
    ops: Ops,
    files: PracticeFiles,
    gates: RoleGates,
    tz: ZoneInfo,
    restore_from: Callable[[Path], None],
    unsaved: Callable[[], str] = lambda: "",
) -> tuple[QAction, QAction]:
    """Add both entries to the File menu, above the account's entries; returns them.
    `unsaved` says which open forms hold typing not yet saved ("" when none do)."""
    backup = QAction(tr("backups", "&Back up now"), window)
    backup.setObjectName("backUpNowAction")
    gates.add(backup, lambda actor: check_backup_allowed(actor, files),
              tr("backups", "A copy of the practice now, beside the daily backups."))  # fmt: skip
    backup.triggered.connect(lambda _checked=False: back_up(window, ops, files, backup))
    restore = QAction(tr("backups", "Res&tore from a backup…"), window)  # R is Refresh now
    restore.setObjectName("restoreBackupAction")
    gates.add(restore, lambda actor: check_restore_allowed(actor, files),
              tr("backups", "Put the practice back as it was when a backup was taken."))  # fmt: skip
    restore.triggered.connect(
        lambda _checked=False: open_restore(window, ops, files, tz, restore_from, unsaved)
    )
    _place(window, [backup, restore])
    return backup, restore


def _place(window: QMainWindow, actions: list[QAction]) -> None:
    """After Print day sheet…, in a group of their own before the account's entries and Quit."""
    file_menu = window.findChild(QMenu, "fileMenu")
    if not isinstance(file_menu, QMenu):
        window.addActions(actions)
        return
    separators = [a for a in file_menu.actions() if a.isSeparator()]
    if not separators:
        file_menu.addSeparator()
        file_menu.addActions(actions)
        return
    before = separators[0]
    file_menu.insertSeparator(before)
    file_menu.insertActions(before, actions)
    file_menu.setToolTipsVisible(True)


def back_up(window: QMainWindow, ops: Ops, files: PracticeFiles, action: QAction) -> None:
    """Back up in the background; the entry waits greyed until the copy is made or refused."""
    action.setEnabled(False)
    window.statusBar().showMessage(tr("backups", "Backing up the practice…"))

    def done(made: BackupMade) -> None:
        action.setEnabled(True)
        window.statusBar().clearMessage()
        messages.inform(window, tr("backups", "Backup made"), made_text(made))

    def failed(exc: Exception) -> None:
        action.setEnabled(True)
        window.statusBar().clearMessage()
        said = failure_sentence(exc, tr("backups", "The backup could not be made. Try again."))
        messages.warn(window, tr("backups", "No backup made"), said)

    ops.background(lambda desk: back_up_now(desk, files), done, failed)


def made_text(made: BackupMade) -> str:
    return tr("backups", "The practice was backed up to {name} ({size}) in {folder}.").format(
        name=made.path.name, size=size_text(made.size), folder=made.path.parent
    )


def open_restore(
    window: QMainWindow,
    ops: Ops,
    files: PracticeFiles,
    tz: ZoneInfo,
    restore_from: Callable[[Path], None],
    unsaved: Callable[[], str] = lambda: "",
) -> None:
    """The list of backups; one chosen and confirmed, the window closes to put it in place."""
    dialog = RestoreDialog(ops, files, tz, window, unsaved=unsaved)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = dialog.chosen
    dialog.deleteLater()
    if accepted and chosen is not None:
        restore_from(chosen)
