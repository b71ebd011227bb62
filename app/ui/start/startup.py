"""From launch to a signed-in desk: open (or rescue) the database, first run, sign in."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# The database side (SQLAlchemy, the models, the services) loads before PySide6: once loaded,
# PySide6 reads the source of every module imported after it (to see whether it selects a
# `__feature__`) unless app/ui/pyside_imports.py has turned that off, about 60 ms over those
# modules should a PySide6 release not let it.
# isort: split
from app import migrations
from app.bootstrap import AppContext, CorruptDatabaseError, build, sqlite_file
from app.db import SYSTEM_ACTOR, Actor, Clock, UnitOfWork, system_clock
from app.errors import FrontDeskError
from app.paths import AppPaths, default_paths
from app.services import practice, signin, users
from app.services.audit.checkpoint import checkpoint_quietly
from app.services.desk import Desk, open_desk
from app.services.setup import checklist
from app.services.setup import settings as setup_settings
from app.services.storage import backup, restore

# isort: split
import app.ui.pyside_imports  # noqa: F401  (first: every later import skips a source read)

# isort: split
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.ui import messages
from app.ui.i18n import install_translator, tr
from app.ui.start.login import FirstRunDialog, LoginDialog, RecoveryDialog
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.start.first_week import FirstWeek

RunDialog = Callable[[QDialog], int]
log = logging.getLogger(__name__)


@dataclass
class Startup:
    """The steps of opening FrontDesk; `run_dialog` and `alert` are replaceable for tests."""

    url: str | None
    data_dir: Path | None
    demo_if_empty: bool = False
    run_dialog: RunDialog = field(default=lambda d: d.exec())
    alert: Callable[[str, str], None] = field(
        default=lambda title, text: messages.critical(None, title, text)
    )
    parent: QWidget | None = None
    restored: bool = False  # a backup replaced the file: what was read before it is stale
    # What the next sign-in dialog and window say first (a backup restored from the window).
    note: str = ""
    # The sign-in dialog the start painted before the database side loaded (quick_sign_in).
    early: LoginDialog | None = None
    # The week the window opens on, read while the sign-in dialog waited (ahead.py).
    ahead: FirstWeek | None = None

    def open(self) -> tuple[AppContext, Desk] | None:
        """The context and a signed-in desk, or None when the user gave up (message shown)."""
        try:
            return self._open()
        finally:
            if self.early is not None:  # not needed after all (a first run, single-user mode)
                self.early.close()
                self.early = None

    def _open(self) -> tuple[AppContext, Desk] | None:
        self.ahead = None
        ctx = self._context()
        if ctx is None:
            return None
        if self.demo_if_empty:
            from app.services.demo.check import ensure_demo

            ensure_demo(ctx.db)
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
        latest = self.offer_backup(exc)
        if latest is None or not self.restore(latest, exc.path):
            return False
        self.restored = True
        return True

    def offer_backup(self, exc: CorruptDatabaseError, parent: QWidget | None = None) -> Path | None:
        """The rescue dialog: the newest good backup when the user chose to restore it."""
        good = [
            p
            for p in backup.list_backups(self.paths().backup_dir)
            if backup.frontdesk_problem(p, migrations.known_revisions()) is None
        ]
        latest = good[0] if good else None
        taken = backup.backup_time(latest) if latest else None
        dialog = RecoveryDialog(exc.message, latest, taken, parent or self.parent)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        return latest

    def restore_chosen(self, chosen: Path, target: Path, by: str = "") -> None:
        """File ▸ Restore from a backup…, once the window has closed: the backup in place (the
        practice kept aside first), or, refused, the practice left as it was and said why.
        `by`: who chose it, for the restore's audit event."""
        aside = self.restore(chosen, target, again=True, by=by)
        if aside is False:
            return
        self.restored = True
        said = tr("startup", "The backup {name} was restored.").format(name=chosen.name)
        if isinstance(aside, Path):
            said += " " + tr(
                "startup", "The practice as it was before is kept as the backup {name}."
            ).format(name=aside.name)
        self.note = said

    def restore(
        self, latest: Path, target: Path, *, again: bool = False, by: str = ""
    ) -> bool | Path:
        """Put a backup in place of the file (kept aside: where, when there was one); False,
        said, when refused. `again`: chosen in the window, which opens again either way."""
        try:
            aside = restore.restore_sqlite_file(
                latest,
                target,
                self.paths().backup_dir,
                system_clock(),
                migrations.known_revisions(),
                by,
            )
        except (FrontDeskError, ValueError) as exc:  # another desk has it open; an unsound copy
            self.alert(tr("startup", "The backup was not restored"), str(exc))
            return False
        except (OSError, sqlite3.Error) as exc:  # a full disk, a folder that may not be written
            log.error("The backup %s was not restored", latest.name, exc_info=exc)
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if again:
                said = tr(
                    "startup",
                    "The backup could not be put in place ({why}); the practice was left as it "
                    "was. Free some space on the disk, or ask your IT support to check that the "
                    "folder {folder} can be written, then restore again.",
                )
            else:
                said = tr(
                    "startup",
                    "The backup could not be put in place ({why}). Free some space on the disk, or "
                    "ask your IT support to check that the folder {folder} can be written, then "
                    "start FrontDesk again: it offers the backup again.",
                )
            self.alert(
                tr("startup", "The backup was not restored"),
                said.format(why=why, folder=target.parent),
            )
            return False
        return aside or True

    def paths(self) -> AppPaths:
        return AppPaths(self.data_dir) if self.data_dir else default_paths()

    def sign_in(self, ctx: AppContext) -> Actor | None:
        """First run creates the administrator; single-user mode skips the dialog; else sign in."""
        admin = open_desk(ctx.db).actor  # reference data on a brand-new database
        with ctx.db.read() as uow:
            first_run = users.needs_first_admin(uow)
            single, _idle = users.sign_in_policy(uow)
            row = practice.settings(uow)
            name, time_zone = row.name, row.time_zone
            install_translator(row.locale, row.currency)  # before the sign-in's first widget
        if first_run:
            return self.first_run(ctx, admin, name)
        if single:
            return admin
        if self.early is not None and self.early.given_up:
            return None  # cancelled or closed while the database side loaded
        from app.ui.start.ahead import read_ahead

        self.ahead = read_ahead(ctx, name, time_zone)  # while the person types: see ahead.py
        actor = self.login(ctx, name, self.note)
        if self.ahead is not None:
            if actor is not None and self.ahead.fresh():
                self.ahead.paint()  # the week on screen as soon as the password is checked
            else:
                self.ahead.close()
                self.ahead = None
        return actor

    def first_run(self, ctx: AppContext, admin: Actor, name: str) -> Actor | None:
        """The administrator, the practice's name and its time zone (this computer's proposed),
        in one transaction: the practice never starts on a time zone nobody chose."""
        dialog: FirstRunDialog

        def set_up(u: str, n: str, p: str) -> Actor:
            chosen = dialog.practice_choice()

            def write(uow: UnitOfWork) -> Actor:
                if chosen is None:
                    return users.set_up_first_admin(uow, u, n, p)
                return checklist.set_up_practice(uow, u, n, p, *chosen)

            return ctx.db.transact(admin, write)

        zones = setup_settings.time_zones()
        dialog = FirstRunDialog(set_up, self.parent, practice=name, zones=zones,
                                proposed=checklist.computer_time_zone())  # fmt: skip
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        with ctx.db.read() as uow:  # the place chosen brings its currency: shown from the start
            row = practice.settings(uow)
            install_translator(row.locale, row.currency)
        return dialog.actor

    def login(self, ctx: AppContext, practice_name: str, note: str = "") -> Actor | None:
        def check(username: str, password: str) -> Actor:
            return signin.sign_in(ctx.db, username, password)

        dialog, self.early = self.early, None
        if dialog is not None and dialog.given_up:
            dialog.close()
            return None
        if dialog is not None and not note:  # painted already: it checks from now on
            dialog.take_over(check)
        else:
            if dialog is not None:
                dialog.close()
            dialog = LoginDialog(practice_name, check, self.parent, note)
        return dialog.actor if self.run_dialog(dialog) == QDialog.DialogCode.Accepted else None


CHECK_DELAY_MS = 1000  # after the window shows: the first week is painted by then


class FileCheck(QObject):
    """The start's check of the file, off the GUI thread once the window shows: on the day's
    first start the daily backup, checked whole; on the others a look at the header and schema.

    A damaged file offers the rescue over the window; when the user restores (or quits) the
    window closes, and `restore_from` (None: quit) tells the caller what to do next.
    """

    checked = Signal(object)  # FileCare: what the check found and the backup made
    failed = Signal(str)  # the sentence for the status bar: the backup could not be made
    closed = Signal()  # the window was closed for the rescue (restore or quit)

    def __init__(
        self,
        startup: Startup,
        ctx: AppContext,
        runner: TaskRunner,
        window: QWidget,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(window)
        self.startup = startup
        self.ctx = ctx
        self.runner = runner
        self.window = window
        self.clock = clock
        self.result: backup.FileCare | None = None
        self.running = False
        self._finished = threading.Event()  # set by the task itself, on its thread
        self.restore_from: Path | None = None
        self.damage: CorruptDatabaseError | None = None

    def start_later(self) -> None:
        """Start once the window has had time to show the schedule."""
        QTimer.singleShot(CHECK_DELAY_MS, self, self.start)

    def start(self) -> None:
        """Check (and back up) in the background; SQLite files only."""
        db_file = sqlite_file(self.ctx.url)
        if db_file is None or self.running:
            return
        folder, now = self.ctx.paths.backup_dir, self.clock()
        self.running = True
        self._finished.clear()

        def check() -> backup.FileCare:
            try:
                care = backup.check_and_back_up(db_file, folder, now)
                if care.backup is not None:  # each daily backup anchors the audit trail
                    checkpoint_quietly(self.ctx.db, SYSTEM_ACTOR, "daily backup")
                return care
            finally:
                self._finished.set()

        self.runner.submit(check, self._on_done, self._on_failed)

    def _on_done(self, care: backup.FileCare) -> None:
        self.running = False
        self.result = care
        self.checked.emit(care)
        db_file = sqlite_file(self.ctx.url)
        if care.problem is None or db_file is None:
            return
        self.damage = CorruptDatabaseError.of(db_file, care.problem)
        self.restore_from = self.startup.offer_backup(self.damage, self.window)
        self.window.close()
        self.closed.emit()

    def _on_failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, FrontDeskError):  # a sentence already (a full disk, naming the file)
            self.failed.emit(exc.message)
            return
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.failed.emit(tr("startup", "The daily backup was not made: {why}").format(why=why))

    def wait(self) -> None:
        """Let a check or backup in progress finish before the program ends."""
        if self.running:
            self._finished.wait()
