"""Reports and exports walked through the real window by a practice manager: the file a save
cannot write is said in a sentence (what went wrong, what to do), the details in the log; the
names and periods offered are the practice's."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu

from app.bootstrap import AppContext
from app.services.reports import files
from app.services.storage import csv_safe
from tests.ui.flows.driver import choose, dialogs, errors, field, from_menu, press
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_failures_said import LOG_HINT, logged


def _dialog(window: Any, name: str) -> Any:
    return window.findChild(QMenu, "reportsMenu").dialogs[name]


def test_a_folder_the_desk_may_not_write_in_is_said_and_another_folder_then_works(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()

    def refused(path: Path, *_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(csv_safe, "open_private", refused)  # a read-only share
    caplog.set_level(logging.ERROR)
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Cancellation report")
    report = _dialog(window, "reportCancellations")
    out = shared / "cancellations.csv"
    with dialogs(save_as(out)):
        press(report, "Save CSV")
    assert errors(report) == [
        f"FrontDesk may not save files in the folder {shared}. Choose another folder, such as "
        f"your Documents folder. {LOG_HINT}"
    ]
    assert logged(caplog, "Permission denied")
    assert not out.exists() and report.save_csv.isEnabled()

    monkeypatch.undo()
    elsewhere = tmp_path / "cancellations.csv"
    with dialogs(save_as(elsewhere)):
        press(report, "Save CSV")
    qtbot.waitUntil(elsewhere.exists, timeout=5000)
    assert errors(report) == []
    report.close()


def test_a_file_open_in_another_program_is_said_and_left_as_it_was(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    out = tmp_path / "audit.pdf"
    out.write_bytes(b"last week's export, open in the PDF viewer")
    replace = os.replace

    def in_use(src: Any, dst: Any) -> None:
        if Path(dst) == out:  # the viewer holds the file: the system refuses to replace it
            raise PermissionError(errno.EACCES, "Permission denied", str(src), None, str(dst))
        replace(src, dst)

    monkeypatch.setattr(files.os, "replace", in_use)
    caplog.set_level(logging.ERROR)
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Audit log")
    audit = _dialog(window, "reportAudit")
    with dialogs(save_as(out), lambda box: press(box, "Yes")):  # "…already exists. Replace it?"
        press(audit, "Export PDF")
    assert errors(audit) == [
        "“audit.pdf” could not be replaced: it is open in another program, or it is read-only. "
        "Close the file in the other program (or save under another name), then try again. "
        f"{LOG_HINT}"
    ]
    assert logged(caplog, "Permission denied")
    assert out.read_bytes() == b"last week's export, open in the PDF viewer"
    assert not out.with_name("audit.pdf.part").exists()
    audit.close()


class _FullDisk:
    """A file on a disk that has just filled up: every write is refused."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> _FullDisk:
        self.path.write_bytes(b"")
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_said_in_words_and_leaves_no_half_file(
    qtbot: Any,
    demo_ctx: AppContext,
    open_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(files, "open_private", _FullDisk)
    caplog.set_level(logging.ERROR)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Reports", "Export schedule (iCalendar)")
    ics = _dialog(window, "reportIcs")
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "maya.ics"
    with dialogs(save_as(out)):
        press(ics, "Save .ics")
    assert errors(ics) == [
        "There is not enough room on the disk to save “maya.ics”. Free some space, or choose a "
        f"folder on another drive. {LOG_HINT}"
    ]
    assert logged(caplog, "No space left on device")
    assert list(folder.iterdir()) == [], "neither the file nor its .part is left behind"
    ics.close()


def _suggested(seen: list[str]) -> Any:
    """A save dialog handler that notes the file name offered, then cancels."""

    def answer(dialog: Any) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        seen.append(name.text())
        press(dialog, "Cancel")

    return answer


def test_the_audit_export_offers_a_name_with_the_practices_day(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    # 10:00 on Wed 1 Apr 2026 in Sydney: still 31 March in UTC, and the computer's calendar is
    # another day again.
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Audit log")
    audit = _dialog(window, "reportAudit")
    seen: list[str] = []
    with dialogs(_suggested(seen), _suggested(seen)):
        press(audit, "Export CSV")
        press(audit, "Export PDF")
    assert seen == ["audit-log-2026-04-01.csv", "audit-log-2026-04-01.pdf"]
    audit.close()


def test_the_audit_pdf_says_which_events_it_lists(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Reports", "Audit log")
    audit = _dialog(window, "reportAudit")
    choose(field(audit, "User", QComboBox), "reception")
    choose(field(audit, "Action", QComboBox), "credits.sell_pack")
    shown = audit.model.rowCount()
    assert shown > 0
    out = tmp_path / "sold-packs.pdf"
    with dialogs(save_as(out)):
        press(audit, "Export PDF")
    first = " ".join(PdfReader(str(out)).pages[0].extract_text().split())
    assert "User: reception · Action: credits.sell_pack" in first
    assert f"{shown} events, newest first." in first
    audit.close()
