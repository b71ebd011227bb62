"""From launch to a signed-in desk: open (or rescue) the database, first run, sign in."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app import migrations
from app.bootstrap import AppContext, CorruptDatabaseError, build, sqlite_file
from app.db import Actor, system_clock
from app.services import backup, practice, users
from app.services.demo_check import ensure_demo
from app.services.desk import Desk, open_desk
from app.services.errors import FrontDeskError
from app.ui.dialogs.common import tr
from app.ui.login import FirstRunDialog, LoginDialog, RecoveryDialog

RunDialog = Callable[[QDialog], int]


@dataclass
class Startup:
    """The steps of opening FrontDesk; `run_dialog` and `alert` are replaceable for tests."""

    url: str | None
    data_dir: Path | None
    demo_if_empty: bool = False
    run_dialog: RunDialog = field(default=lambda d: d.exec())
    alert: Callable[[str, str], None] = field(
        default=lambda title, text: QMessageBox.critical(None, title, text)
    )
    parent: QWidget | None = None

    def open(self) -> tuple[AppContext, Desk] | None:
        """The context and a signed-in desk, or None when the user gave up (message shown)."""
        ctx = self._context()
        if ctx is None:
            return None
        if self.demo_if_empty:
            ensure_demo(ctx.db)
        self._daily_backup(ctx)
        actor = self.sign_in(ctx)
        if actor is None:
            ctx.close()
            return None
        return ctx, Desk(ctx.db, actor, ctx.paths.export_dir)

    def _context(self) -> AppContext | None:
        for _attempt in range(2):
            try:
                return build(self.url, self.data_dir)
            except CorruptDatabaseError as exc:
                if not self.rescue(exc):
                    return None
            except OSError as exc:
                self.alert(
                    tr("startup", "FrontDesk cannot open its data folder"),
                    tr(
                        "startup",
                        "{path}: {why}. Ask your IT support to check the folder exists and can be written.",
                    ).format(path=exc.filename or "", why=exc.strerror or exc),
                )
                return None
            except FrontDeskError as exc:
                self.alert(tr("startup", "FrontDesk cannot open the database"), exc.message)
                return None
        return None

    def rescue(self, exc: CorruptDatabaseError) -> bool:
        """Offer the newest backup in place of a damaged file; True when restored."""
        from app.paths import AppPaths, default_paths

        paths = AppPaths(self.data_dir) if self.data_dir else default_paths()
        good = [
            p
            for p in backup.list_backups(paths.backup_dir)
            if backup.frontdesk_problem(p, migrations.known_revisions()) is None
        ]
        latest = good[0] if good else None
        taken = backup.backup_time(latest) if latest else None
        dialog = RecoveryDialog(exc.message, latest, taken, self.parent)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted or latest is None:
            return False
        backup.restore_sqlite_file(
            latest, exc.path, paths.backup_dir, system_clock(), migrations.known_revisions()
        )
        return True

    @staticmethod
    def _daily_backup(ctx: AppContext) -> None:
        db_file = sqlite_file(ctx.url)
        if db_file is not None:
            # A full disk must not stop the desk opening; writes will say so when they fail.
            with contextlib.suppress(OSError):
                backup.daily_backup(db_file, ctx.paths.backup_dir, system_clock())

    def sign_in(self, ctx: AppContext) -> Actor | None:
        """First run creates the administrator; single-user mode skips the dialog; else sign in."""
        open_desk(ctx.db)  # reference data on a brand-new database
        with ctx.db.read() as uow:
            first_run = users.needs_first_admin(uow)
            single, _idle = users.sign_in_policy(uow)
            name = practice.settings(uow).name
        if first_run:

            def set_up(u: str, n: str, p: str) -> Actor:
                return ctx.db.transact(
                    open_desk(ctx.db).actor, lambda uow: users.set_up_first_admin(uow, u, n, p)
                )

            dialog = FirstRunDialog(set_up, self.parent)
            return dialog.actor if self.run_dialog(dialog) == QDialog.DialogCode.Accepted else None
        if single:
            return open_desk(ctx.db).actor
        return self.login(ctx, name)

    def login(self, ctx: AppContext, practice_name: str, note: str = "") -> Actor | None:
        dialog = LoginDialog(
            practice_name, lambda u, p: users.sign_in(ctx.db, u, p), self.parent, note
        )
        return dialog.actor if self.run_dialog(dialog) == QDialog.DialogCode.Accepted else None
