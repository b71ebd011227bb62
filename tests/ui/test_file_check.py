"""The database file's full check and the daily backup run behind the window, once it shows.

A file damaged inside (its header and schema readable) opens; the check then finds the damage,
offers the latest backup over the window, and the desk opens again on the restored file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton
from sqlalchemy import func, select

from app.bootstrap import build
from app.models import Session
from app.services.storage import backup
from app.ui.start import startup as startup_module
from app.ui.start.application import run_desk
from app.ui.start.login import LoginDialog, RecoveryDialog
from app.ui.start.main_window import MainWindow
from app.ui.start.startup import FileCheck, Startup
from app.ui.tasks import TaskRunner
from tests.conftest import demo_practice_in


@pytest.fixture
def practice(tmp_path: Path, demo_template: Path) -> Path:
    """A demo practice in a data folder, with yesterday's daily backup."""
    data = tmp_path / "data"
    demo_practice_in(demo_template, data)
    build(data_dir=data).close()
    yesterday = datetime.now(UTC) - timedelta(days=1)
    backup.daily_backup(data / "frontdesk.sqlite3", data / "backups", yesterday)
    return data


def damage_inside(db_file: Path) -> None:
    """Pages in the middle of the file: the header and schema still read, the full check fails."""
    with db_file.open("r+b") as f:
        f.seek(8192)
        f.write(b"\xde\xad\xbe\xef" * 2048)
    assert backup.open_problem(db_file) is None
    assert backup.integrity_problem(db_file) is not None


def sign_in(dialog: QDialog) -> None:
    assert isinstance(dialog, LoginDialog)
    dialog.username.setText("reception")
    dialog.password.setText("reception")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def restore(dialog: QDialog) -> None:
    assert isinstance(dialog, RecoveryDialog)
    next(
        b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Restore latest backup"
    ).click()


def quit_(dialog: QDialog) -> None:
    assert isinstance(dialog, RecoveryDialog)
    dialog.reject()


def scripted(*steps: Callable[[QDialog], None]) -> tuple[Callable[[QDialog], int], list[str]]:
    seen: list[str] = []
    queue = list(steps)

    def run(dialog: QDialog) -> int:
        seen.append(type(dialog).__name__)
        dialog.show()
        queue.pop(0)(dialog)
        return dialog.result()

    return run, seen


class UntilChecked(QEventLoop):
    """The application's event loop in a test: runs until the window's file check is over."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[MainWindow] = []

    def exec(self) -> int:  # type: ignore[override]
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        self.shown.append(window)
        check = window.findChild(FileCheck)
        assert check is not None and check.result is None  # not before the window has shown
        check.checked.connect(lambda _care: QTimer.singleShot(0, self.quit))
        check.failed.connect(lambda _text: QTimer.singleShot(0, self.quit))
        QTimer.singleShot(10_000, self.quit)
        return int(super().exec())


@pytest.fixture(autouse=True)
def _check_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(startup_module, "CHECK_DELAY_MS", 0)


def test_a_file_damaged_inside_is_found_behind_the_window_restored_and_the_desk_reopens(
    qtbot, practice: Path
) -> None:  # type: ignore[no-untyped-def]
    db_file = practice / "frontdesk.sqlite3"
    damage_inside(db_file)
    run, seen = scripted(sign_in, restore, sign_in)
    loop = UntilChecked()
    code = run_desk(Startup(None, practice, run_dialog=run), loop, TaskRunner(synchronous=True))
    shown = loop.shown
    assert code == 0
    assert seen == ["LoginDialog", "RecoveryDialog", "LoginDialog"]
    assert len(shown) == 2 and not shown[0].isVisible()
    assert backup.integrity_problem(db_file) is None
    assert any("-replaced" in p.name for p in backup.list_backups(practice / "backups"))
    second = shown[1].findChild(FileCheck)
    assert second is not None and second.result is not None and second.result.problem is None
    assert second.result.backup is not None  # the day's backup, of the sound file
    with shown[1].ctx.db.read() as uow:
        assert uow.session.scalar(select(func.count(Session.id))) == 543
    shown[1].close()


def test_quitting_the_rescue_closes_the_window_and_ends_with_code_2(qtbot, practice: Path) -> None:  # type: ignore[no-untyped-def]
    db_file = practice / "frontdesk.sqlite3"
    damage_inside(db_file)
    run, seen = scripted(sign_in, quit_)
    loop = UntilChecked()
    code = run_desk(Startup(None, practice, run_dialog=run), loop, TaskRunner(synchronous=True))
    shown = loop.shown
    assert code == 2 and seen == ["LoginDialog", "RecoveryDialog"]
    assert not shown[0].isVisible()
    assert backup.integrity_problem(db_file) is not None  # left in place for IT support
    assert not any("-replaced" in p.name for p in backup.list_backups(practice / "backups"))
    daily = [p for p in backup.list_backups(practice / "backups") if "-daily" in p.name]
    assert len(daily) == 1  # a damaged file is never backed up


def test_the_first_start_of_a_day_backs_up_behind_the_window_then_not_again(
    qtbot, practice: Path
) -> None:  # type: ignore[no-untyped-def]
    loop = UntilChecked()
    for _start in range(2):
        run, seen = scripted(sign_in)
        assert (
            run_desk(Startup(None, practice, run_dialog=run), loop, TaskRunner(synchronous=True))
            == 0
        )
        assert seen == ["LoginDialog"]
        loop.shown[-1].close()
    first, second = (w.findChild(FileCheck) for w in loop.shown)
    assert first is not None and first.result is not None and first.result.problem is None
    assert first.result.backup is not None and first.result.backup.exists()
    assert second is not None and second.result == backup.FileCare(None, None)
    daily = [p for p in backup.list_backups(practice / "backups") if "-daily" in p.name]
    assert daily[0] == first.result.backup and len(daily) == 2


def test_a_backup_that_cannot_be_made_is_said_in_the_status_bar(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.services.desk import open_desk

    shutil.rmtree(demo_ctx.paths.backup_dir, ignore_errors=True)
    demo_ctx.paths.backup_dir.write_text("a file where the backups folder should be")
    runner = TaskRunner(synchronous=True)
    window = MainWindow(open_desk(demo_ctx.db, "admin"), demo_ctx, runner=runner)
    qtbot.addWidget(window)
    window.show()
    check = FileCheck(Startup(None, None), demo_ctx, runner, window)
    said: list[str] = []
    check.failed.connect(said.append)
    check.start()
    assert said and said[0].startswith(f"The backup folder {demo_ctx.paths.backup_dir} is a file")
    assert "was not made" in said[0]
    assert check.damage is None and window.isVisible()


def test_the_program_ends_only_after_a_check_and_backup_in_progress(qtbot, practice: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    ctx = build(data_dir=practice)
    window = QWidget()
    qtbot.addWidget(window)
    check = FileCheck(Startup(None, practice), ctx, TaskRunner(), window)  # a real thread
    check.start()
    check.wait()  # as run_desk does once the event loop has ended
    daily = [p for p in backup.list_backups(practice / "backups") if "-daily" in p.name]
    assert len(daily) == 2 and backup.integrity_problem(daily[0]) is None
    assert not list((practice / "backups").glob("*.partial"))
    qtbot.waitUntil(lambda: check.result is not None)
    ctx.close()


def test_the_rescue_is_refused_while_another_desk_has_the_practice_open(
    qtbot, practice: Path
) -> None:  # type: ignore[no-untyped-def]
    import os
    import socket

    db_file = practice / "frontdesk.sqlite3"
    damage_inside(db_file)
    other_desk = build(data_dir=practice)  # still open, and writing into this very file
    alerts: list[tuple[str, str]] = []
    run, seen = scripted(sign_in, restore)
    startup = Startup(None, practice, run_dialog=run, alert=lambda t, m: alerts.append((t, m)))
    code = run_desk(startup, UntilChecked(), TaskRunner(synchronous=True))
    assert code == 2 and seen == ["LoginDialog", "RecoveryDialog"]
    ((title, text),) = alerts
    assert title == "The backup was not restored"
    assert text.startswith(f"FrontDesk is open on {socket.gethostname()} (pid {os.getpid()}, ")
    assert text.endswith("— close it there first, then restore.")
    assert not any("-replaced" in p.name for p in backup.list_backups(practice / "backups"))
    other_desk.close()
    latest = backup.list_backups(practice / "backups")[0]
    assert startup.restore(latest, db_file) and backup.integrity_problem(db_file) is None


def test_the_daily_backup_anchors_the_audit_trail_with_a_signed_checkpoint(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.services.audit.verify import verify_audit_chain
    from app.services.desk import open_desk

    runner = TaskRunner(synchronous=True)
    window = MainWindow(open_desk(demo_ctx.db, "admin"), demo_ctx, runner=runner)
    qtbot.addWidget(window)
    check = FileCheck(Startup(None, None), demo_ctx, runner, window)
    check.start()
    assert check.result is not None and check.result.backup is not None
    (written,) = demo_ctx.db.audit_keys.checkpoint_dir.glob("checkpoint-*.json")
    assert written.stat().st_mode & 0o777 == 0o600
    assert (demo_ctx.paths.backup_dir / "audit.key").read_bytes() == (
        demo_ctx.paths.data_dir / "audit.key"
    ).read_bytes()  # a backup taken elsewhere can be checked with the key beside it
    with demo_ctx.db.read() as uow:
        report = verify_audit_chain(uow)
    assert report.ok and report.checkpoints == 1 and report.rechecked == 1
