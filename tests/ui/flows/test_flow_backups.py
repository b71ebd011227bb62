"""File ▸ Back up now and File ▸ Restore from a backup…: a manager backs up before a risky change
and an administrator can go back to it; the default answer keeps the practice; nothing is replaced while another
desk has the practice open; a restore confirmed puts the earlier practice in place, keeps the
replaced one as a backup, and the desk opens again on the restored practice."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QTableView, QWidget
from sqlalchemy import func, select

from app.bootstrap import AppContext, sqlite_file
from app.models import Client
from app.services.setup.clients import ClientDraft, save_client
from app.services.storage import backup, restore
from app.ui.start import startup as startup_module
from app.ui.start.application import run_desk
from app.ui.start.main_window import MainWindow
from app.ui.start.startup import Startup
from app.ui.tasks import TaskRunner
from tests.ui.flows.conftest import OpenWindow
from tests.ui.flows.driver import (
    describe,
    dialogs,
    from_menu,
    main_menu_action,
    press,
    press_default,
)
from tests.ui.test_file_check import practice, scripted  # noqa: F401 - the fixture, by name

BACK_UP = ("File", "Back up now")
RESTORE = ("File", "Restore from a backup…")


def _backups(folder: Path) -> list[Path]:
    return backup.list_backups(folder)


def said_in(box: QWidget, into: list[str]) -> None:
    """Keep a message box's sentence, then press its OK."""
    assert isinstance(box, QMessageBox), describe(box)
    into.append(box.text())
    press(box, "OK")


def choose_row(dialog: QWidget, kind: str) -> None:
    """Click the backup whose Kind column reads `kind` (the newest of them)."""
    table = dialog.findChild(QTableView)
    assert table is not None
    model = table.model()
    kinds = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert kind in kinds, kinds
    index = model.index(kinds.index(kind), 0)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())  # fmt: skip


def confirm_details(dialog: QWidget) -> str:
    details = dialog.findChild(QLabel, "confirmDetails")
    assert details is not None, describe(dialog)
    return details.text()


def add_client(ctx: AppContext, last_name: str) -> None:
    """The risky change made after the backup (arranged here: the flow is the restore)."""
    from tests.conftest import actor_for

    ctx.db.transact(
        actor_for(ctx.db, "manager"),
        lambda uow: save_client(uow, None, ClientDraft("Risky", last_name)),
    )


def clients_named(ctx: AppContext, last_name: str) -> int:
    with ctx.db.read() as uow:
        found = uow.session.scalar(
            select(func.count(Client.id)).where(Client.last_name == last_name)
        )
        return int(found or 0)


# -- Back up now -------------------------------------------------------------------------------


def test_back_up_now_writes_a_sound_backup_beside_the_daily_ones_and_says_where_and_how_big(
    demo_ctx: AppContext, open_window: OpenWindow
) -> None:
    window = open_window(demo_ctx, "manager")
    folder = demo_ctx.paths.backup_dir
    before = set(_backups(folder))
    said: list[str] = []
    with dialogs(lambda box: said_in(box, said)):
        from_menu(window, *BACK_UP)
    made = [p for p in _backups(folder) if p not in before]
    assert len(made) == 1 and made[0].name.endswith("-manual.sqlite3"), made
    assert backup.integrity_problem(made[0], full=True) is None
    size = made[0].stat().st_size / 1_000_000
    assert said == [f"The practice was backed up to {made[0].name} ({size:.1f} MB) in {folder}."]


def test_back_up_now_refused_in_a_sentence_when_the_backup_folder_cannot_be_written(
    demo_ctx: AppContext, open_window: OpenWindow
) -> None:
    folder = demo_ctx.paths.backup_dir
    if folder.exists():
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    folder.write_text("not a folder")  # a file where the backups go
    window = open_window(demo_ctx, "manager")
    said: list[str] = []
    with dialogs(lambda box: said_in(box, said)):
        from_menu(window, *BACK_UP)
    assert len(said) == 1 and said[0].startswith(f"The backup folder {folder} is a file"), said
    assert folder.read_text() == "not a folder"


def test_reception_sees_both_entries_greyed_saying_who_may(
    demo_ctx: AppContext, open_window: OpenWindow
) -> None:
    window = open_window(demo_ctx, "reception")
    back_up = main_menu_action(window, *BACK_UP)
    restore_entry = main_menu_action(window, *RESTORE)
    assert not back_up.isEnabled() and not restore_entry.isEnabled()
    assert back_up.toolTip() == (
        "Your role (reception) cannot back up the practice. Ask a manager to do it."
    )
    assert restore_entry.toolTip() == (
        "Your role (reception) cannot restore the practice from a backup. Ask an administrator to do it."
    )


# -- Restore from a backup… -------------------------------------------------------------------


def test_restore_with_the_default_button_keeps_the_current_practice(
    demo_ctx: AppContext, open_window: OpenWindow
) -> None:
    window = open_window(demo_ctx, "admin")
    with dialogs(lambda box: said_in(box, [])):
        from_menu(window, *BACK_UP)
    add_client(demo_ctx, "Afterbackup")
    asked: list[str] = []

    def restore_dialog(dialog: QWidget) -> None:
        choose_row(dialog, "Back up now")
        press(dialog, "Restore…")  # the question opens over it; Enter keeps the practice
        press(dialog, "Close")

    def keep(confirm: QWidget) -> None:
        asked.append(confirm_details(confirm))
        press_default(confirm)

    with dialogs(restore_dialog, keep):
        from_menu(window, *RESTORE)
    assert window.restore_from is None and window.isVisible()
    assert asked and "— 1 event — will be gone." in asked[0], asked
    assert clients_named(demo_ctx, "Afterbackup") == 1
    assert not any("-replaced" in p.name for p in _backups(demo_ctx.paths.backup_dir))


def test_restore_refused_while_another_desk_has_the_practice_open(
    demo_ctx: AppContext, open_window: OpenWindow
) -> None:
    window = open_window(demo_ctx, "admin")
    with dialogs(lambda box: said_in(box, [])):
        from_menu(window, *BACK_UP)
    db_file = sqlite_file(demo_ctx.url)
    assert db_file is not None
    other = restore.join_practice(db_file)  # a second desk signs in to the same practice
    try:
        shown: list[str] = []

        def restore_dialog(dialog: QWidget) -> None:
            choose_row(dialog, "Back up now")
            press(dialog, "Restore…")
            shown.extend(
                lbl.text()
                for lbl in dialog.findChildren(QLabel)
                if lbl.isVisible() and lbl.accessibleName() == "Problem"
            )
            press(dialog, "Close")

        with dialogs(restore_dialog):  # no question: nothing to confirm
            from_menu(window, *RESTORE)
    finally:
        other.close()
    assert len(shown) == 1, shown
    assert shown[0].startswith("The practice is open on 1 other desk: "), shown
    assert shown[0].endswith(
        "Ask them to close FrontDesk there (File ▸ Quit), then restore again. Nothing was changed."
    )
    assert window.restore_from is None and window.isVisible()
    assert not any("-replaced" in p.name for p in _backups(demo_ctx.paths.backup_dir))


class Steps(QEventLoop):
    """The application's event loop in a test: each time the desk opens, the next step drives
    its window (menus, dialogs), then the loop returns as the window's life ends."""

    def __init__(self, qtbot: Any, *steps: Callable[[MainWindow], None]) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.steps = list(steps)
        self.shown: list[MainWindow] = []

    def exec(self) -> int:  # type: ignore[override]
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        self.shown.append(window)
        self.qtbot.waitUntil(lambda: window.findChild(object, "restoreBackupAction") is not None)
        self.steps.pop(0)(window)
        if window.isVisible():
            window.close()
        return 0


def admin(dialog: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog.username.setText("admin")
    dialog.password.setText("admin")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def _no_file_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The start's background check and daily backup stay out of these flows' backup lists."""
    monkeypatch.setattr(startup_module.FileCheck, "start", lambda self: None)


def test_restore_confirmed_brings_back_the_earlier_practice_and_keeps_the_replaced_one(
    qtbot: Any,
    practice: Path,  # noqa: F811 - the fixture
    _no_file_check: None,
) -> None:
    folder = practice / "backups"
    anchors = practice / "audit-checkpoints"
    asked: list[str] = []
    notes: list[str] = []
    kinds: list[str] = []
    anchored: dict[str, int] = {}  # the checkpoint files there before the restore
    verified: list[str] = []

    def back_up_change_then_restore(window: MainWindow) -> None:
        with dialogs(lambda box: said_in(box, [])):
            from_menu(window, *BACK_UP)
        add_client(window.ctx, "Afterbackup")
        assert clients_named(window.ctx, "Afterbackup") == 1
        window.desk.checkpoint("report export")  # as an export after the backup anchors it
        anchored.update(checkpoint_files(anchors))

        def restore_dialog(dialog: QWidget) -> None:
            choose_row(dialog, "Back up now")
            press(dialog, "Restore…")
            if dialog.isVisible():  # the question kept the practice: nothing to wait for
                press(dialog, "Close")

        def confirm(dialog: QWidget) -> None:
            asked.append(confirm_details(dialog))
            press(dialog, "Restore this backup")

        with dialogs(restore_dialog, confirm):
            from_menu(window, *RESTORE)

    def on_the_restored_practice(window: MainWindow) -> None:
        notes.append(window.statusBar().currentMessage())
        assert clients_named(window.ctx, "Afterbackup") == 0
        from_menu(window, "Reports", "Audit log…")
        audit = window.findChild(QMenu, "reportsMenu").dialogs.get("reportAudit")
        press(audit, "Verify chain")
        qtbot.waitUntil(lambda: bool(audit.chain.text()), timeout=10_000)
        verified.append(audit.chain.text())
        audit.close()

        def listed(dialog: QWidget) -> None:
            table = dialog.findChild(QTableView)
            assert table is not None
            kinds.extend(table.model().index(r, 1).data() for r in range(table.model().rowCount()))
            press(dialog, "Close")

        with dialogs(listed):  # the practice replaced, to go back to should it be needed
            from_menu(window, *RESTORE)

    run, seen = scripted(admin, admin)
    loop = Steps(qtbot, back_up_change_then_restore, on_the_restored_practice)
    code = run_desk(Startup(None, practice, run_dialog=run), loop, TaskRunner(synchronous=True))
    assert code == 0 and seen == ["LoginDialog", "LoginDialog"] and not loop.steps
    assert asked and "— 1 event — will be gone." in asked[0], asked
    replaced = [p for p in _backups(folder) if "-replaced" in p.name]
    assert len(replaced) == 1
    manual = next(p for p in _backups(folder) if p.name.endswith("-manual.sqlite3"))
    assert notes == [
        f"The backup {manual.name} was restored. The practice as it was before is kept as the "
        f"backup {replaced[0].name}."
    ]
    assert kinds.count("Kept by a restore") == 1 and "Back up now" in kinds, kinds
    kept = restore_check(replaced[0])
    assert kept == 1, "the replaced practice, with the client added after the backup, is kept"
    # The export's checkpoint anchored events the restore dropped: set aside, not deleted; the
    # backup's own one still anchors the restored trail, which verifies and names the backup.
    (aside,) = anchors.glob("set-aside-*")
    newest = max(anchored, key=lambda name: anchored[name])
    assert set(checkpoint_files(aside)) == {newest}
    assert set(checkpoint_files(anchors)) >= set(anchored) - {newest}
    assert len(verified) == 1 and verified[0].startswith("Audit trail intact:"), verified
    assert f"The trail was restored from the backup {manual.name} on " in verified[0], verified
    assert verified[0].endswith(
        f"Set aside in audit-checkpoints/{aside.name}: 1 checkpoint written after that backup."
    ), verified


def checkpoint_files(folder: Path) -> dict[str, int]:
    """The checkpoint files directly in `folder`, with the last event each anchors."""
    import json

    return {
        p.name: int(json.loads(p.read_text("utf-8"))["last_id"])
        for p in folder.glob("checkpoint-*.json")
    }


def restore_check(path: Path) -> int:
    """Clients named Afterbackup in a backup file."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(
            conn.execute("SELECT count(*) FROM clients WHERE last_name = 'Afterbackup'").fetchone()[
                0
            ]
        )
    finally:
        conn.close()


def test_on_postgresql_restore_is_greyed_saying_to_restore_on_the_server(
    pg_demo_ctx: AppContext, open_window: OpenWindow
) -> None:
    window = open_window(pg_demo_ctx, "admin")
    restore_entry = main_menu_action(window, *RESTORE)
    assert not restore_entry.isEnabled()
    assert restore_entry.toolTip().startswith(
        "This practice is kept on a PostgreSQL server, which FrontDesk does not replace from a "
        "desk. Close FrontDesk on every desk,"
    )
    back_up = main_menu_action(window, *BACK_UP)
    assert back_up.isEnabled() == (shutil.which("pg_dump") is not None), back_up.toolTip()
