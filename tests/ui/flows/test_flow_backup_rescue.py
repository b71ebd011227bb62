"""The rescue of a damaged practice comes up over the window while the desk may be typing: Enter
quits and leaves the file as it is (only a click restores), and the offer says that what was
entered after the backup is not in it; a restore the disk cannot take is said in a sentence."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from app.services.storage import backup
from app.services.storage import restore as restore_module
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
    restore,
    scripted,
    sign_in,
)


def test_enter_on_the_rescue_quits_and_leaves_the_practice_as_it_is(
    qtbot: Any,
    practice: Path,  # noqa: F811 - the fixture
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


def test_a_restore_the_disk_cannot_take_is_said_and_leaves_the_practice_as_it_is(
    qtbot: Any,
    practice: Path,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_file = practice / "frontdesk.sqlite3"
    damage_inside(db_file)

    def full_disk(_source: Path, incoming: Path, _known: set[str]) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(incoming))

    monkeypatch.setattr(restore_module, "_copy_checked", full_disk)
    said: list[tuple[str, str]] = []
    run, seen = scripted(sign_in, restore)
    startup = Startup(
        None, practice, run_dialog=run, alert=lambda title, text: said.append((title, text))
    )
    code = run_desk(startup, UntilChecked(), TaskRunner(synchronous=True))
    assert seen == ["LoginDialog", "RecoveryDialog"] and code == 2
    assert said == [
        (
            "The backup was not restored",
            "The backup could not be put in place (No space left on device). Free some space on "
            "the disk, or ask your IT support to check that the folder "
            f"{practice} can be written, then start FrontDesk again: it offers the backup again.",
        )
    ]
    assert backup.integrity_problem(db_file) is not None, "the practice is as it was"
    assert not any("-replaced" in p.name for p in backup.list_backups(practice / "backups"))
