"""Opening FrontDesk: first run creates the admin, sign-in with lockout, a damaged file rescued in two clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton
from sqlalchemy import func, select

from app.bootstrap import build
from app.db import system_clock
from app.models import Session
from app.services import practice
from app.services.demo.generate import generate_demo
from app.services.storage import backup
from app.ui.start.login import FirstRunDialog, LoginDialog, RecoveryDialog
from app.ui.start.startup import Startup
from tests.conftest import DEMO_NOW


def scripted(*steps: Callable[[QDialog], None]) -> tuple[Callable[[QDialog], int], list[QDialog]]:
    seen: list[QDialog] = []
    queue = list(steps)

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        dialog.show()
        queue.pop(0)(dialog)
        return dialog.result()

    return run, seen


def ok(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_run_creates_the_administrator_then_signs_in_as_them(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FirstRunDialog)
        dialog.full_name.setText("Pat Boss")
        dialog.password.setText("a good password")
        dialog.again.setText("a different one")
        ok(dialog)
        assert "differ" in dialog.error.text() and dialog.isVisible()
        assert (dialog.password.text(), dialog.again.text()) == ("", "")  # typed afresh
        dialog.password.setText("a good password")
        dialog.again.setText("a good password")
        dialog.zone.setCurrentText("")  # a computer whose time zone can't be read: nothing chosen
        ok(dialog)
        assert "Choose the practice's time zone" in dialog.error.text() and dialog.isVisible()
        dialog.practice.setText("Harbour Physio")
        dialog.zone.setCurrentText("Australia/Brisbane")
        ok(dialog)

    run, seen = scripted(fill)
    startup = Startup(None, tmp_path / "data", run_dialog=run, alert=lambda t, m: None)
    opened = startup.open()
    assert opened is not None
    ctx, desk = opened
    assert desk.actor.username == "admin" and desk.actor.role.value == "admin" and len(seen) == 1
    with ctx.db.read() as uow:  # the practice, its time zone and that zone's public holidays
        row = practice.settings(uow)
        assert (row.name, row.time_zone, row.country, row.subdivision) == (
            "Harbour Physio", "Australia/Brisbane", "AU", "QLD")  # fmt: skip
    ctx.close()


def test_sign_in_refuses_wrong_passwords_with_a_sentence_and_locks_after_five(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = build(data_dir=tmp_path / "data")
    generate_demo(ctx.db, DEMO_NOW)
    ctx.close()
    errors: list[str] = []

    def attempt(dialog: QDialog) -> None:
        assert isinstance(dialog, LoginDialog)
        dialog.username.setText("reception")
        for _ in range(5):
            dialog.password.setText("guess")
            ok(dialog)
            errors.append(dialog.error.text())
        dialog.password.setText("reception")
        ok(dialog)
        errors.append(dialog.error.text())
        dialog.reject()

    run, _seen = scripted(attempt)
    assert Startup(None, tmp_path / "data", run_dialog=run).open() is None
    assert errors[0] == "The user name or password is not right. Check them and try again."
    assert "locked for 15 minutes" in errors[4]
    assert "locked for" in errors[5]  # even the right password waits out the lock


def test_the_right_password_opens_the_desk_as_that_user(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = build(data_dir=tmp_path / "data")
    generate_demo(ctx.db, DEMO_NOW)
    ctx.close()

    def sign(dialog: QDialog) -> None:
        dialog.username.setText("manager")  # type: ignore[attr-defined]
        dialog.password.setText("manager")  # type: ignore[attr-defined]
        ok(dialog)

    run, _seen = scripted(sign)
    opened = Startup(None, tmp_path / "data", run_dialog=run).open()
    assert opened is not None and opened[1].actor.username == "manager"
    opened[0].close()


def test_a_corrupted_database_is_recovered_from_the_latest_backup_with_two_clicks(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    ctx = build(data_dir=data)
    generate_demo(ctx.db, DEMO_NOW)
    ctx.close()
    from app.services import signin

    db_file = data / "frontdesk.sqlite3"
    backup.daily_backup(db_file, data / "backups", system_clock())
    with db_file.open("r+b") as f:  # the header's page itself: seen as soon as it is opened
        f.seek(100)
        f.write(b"\xde\xad\xbe\xef" * 50)
    clicks: list[str] = []

    def restore(dialog: QDialog) -> None:
        assert isinstance(dialog, RecoveryDialog)
        button = next(
            b
            for b in dialog.findChildren(QPushButton)
            if b.accessibleName() == "Restore latest backup"
        )
        clicks.append("restore")
        button.click()

    def sign(dialog: QDialog) -> None:
        clicks.append("sign in")
        dialog.username.setText("reception")  # type: ignore[attr-defined]
        dialog.password.setText("reception")  # type: ignore[attr-defined]
        ok(dialog)

    run, seen = scripted(restore, sign)
    opened = Startup(None, data, run_dialog=run).open()
    assert opened is not None and clicks == ["restore", "sign in"]
    with opened[0].db.read() as uow:
        assert uow.session.scalar(select(func.count(Session.id))) == 543
    assert any("replaced" in p.name for p in (data / "backups").iterdir())
    opened[0].close()
    assert signin.MAX_FAILURES == 5 and len(seen) == 2


def test_a_data_folder_that_cannot_be_used_gives_a_sentence_not_a_crash(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    alerts: list[tuple[str, str]] = []
    startup = Startup(
        None, blocked / "data", run_dialog=lambda d: 0, alert=lambda t, m: alerts.append((t, m))
    )
    assert startup.open() is None
    assert alerts and alerts[0][0] == "FrontDesk cannot open its data folder"
    assert "Ask your IT support" in alerts[0][1]
