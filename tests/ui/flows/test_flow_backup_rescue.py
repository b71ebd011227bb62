"""The rescue of a damaged practice comes up over the window while the desk may be typing: Enter
quits and leaves the file as it is (only a click restores), and the offer says that what was
entered after the backup is not in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QLabel

from app.services.storage import backup
from app.ui.start.application import run_desk
from app.ui.start.login import RecoveryDialog
from app.ui.start.startup import Startup
from app.ui.tasks import TaskRunner
from tests.ui.flows.driver import press_default
from tests.ui.test_file_check import (  # noqa: F401 - the fixtures, used by name
    UntilChecked,
    _check_at_once,
    damage_inside,
    practice,
    scripted,
    sign_in,
)


def test_enter_on_the_rescue_quits_and_leaves_the_practice_as_it_is(
    qtbot: Any, practice: Path  # noqa: F811 - the fixture
) -> None:
    db_file = practice / "frontdesk.sqlite3"
    damage_inside(db_file)
    said: list[str] = []

    def enter(dialog: QDialog) -> None:
        assert isinstance(dialog, RecoveryDialog)
        said.extend(label.text() for label in dialog.findChildren(QLabel))
        press_default(dialog)  # a key meant for the schedule behind it

    run, seen = scripted(sign_in, enter)
    loop = UntilChecked()
    code = run_desk(Startup(None, practice, run_dialog=run), loop, TaskRunner(synchronous=True))
    assert seen == ["LoginDialog", "RecoveryDialog"] and code == 2
    assert backup.integrity_problem(db_file) is not None, "Enter replaced nothing"
    assert not any("-replaced" in p.name for p in backup.list_backups(practice / "backups"))
    assert any(
        text.startswith("Anything entered after ") and "is not in that backup" in text
        for text in said
    ), said
