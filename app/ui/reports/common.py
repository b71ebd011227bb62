"""What every report and export dialog shares: background run, progress, "Open file"/"Open folder".

Nothing here reads the database on the GUI thread: a dialog's choices and the practice's day
arrive through `ops` (`app/ui/ops.py`), and an export runs as a task with its progress.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.services import practice
from app.services.desk import Desk
from app.ui.dates import DateTimeField
from app.ui.i18n import tr
from app.ui.ops import Ops, failure_sentence, ops_for
from app.ui.printing.document import PrintDocument
from app.ui.sessions.common import ErrorLine
from app.ui.tasks import Report, TaskRunner


def choose_save_path(parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
    """The file the user chooses to write (patched in tests); None when they cancel."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    path = Path(chosen) if chosen else None
    if isinstance(parent, ExportDialog):
        parent.chosen = path  # what a failure to write it names
    return path


def open_path(path: Path) -> bool:
    """Open a file or folder with the desktop's program for it (patched in tests)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def saved_sentence(kind: str, count: int, path: Path, *, unit: str = "rows") -> str:
    """What an export wrote, as its dialog says it: "Saved the PDF (3 pages) to …", "Saved the
    CSV (120 rows) to …" (the audit log counts "events")."""
    if kind == "pdf":
        return tr("reports", "Saved the PDF ({n} pages) to {path}.").format(n=count, path=path)
    if unit == "events":
        return tr("reports", "Saved the CSV ({n} events) to {path}.").format(n=count, path=path)
    return tr("reports", "Saved the CSV ({n} rows) to {path}.").format(n=count, path=path)


def day_of(edit: DateTimeField) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def choice_combo(
    parent: QWidget, name: str, accessible: str, everything: str, items: Any
) -> QComboBox:
    """A combo whose first entry (data None) means "no filter"; items are (id, label) pairs."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.addItem(everything, None)
    for value, label in items:
        combo.addItem(label, value)
    return combo


# Windows' "in use by another process" (a spreadsheet or PDF viewer holds the file open).
SHARING_VIOLATIONS = (32, 33)
DENIED = (errno.EACCES, errno.EPERM, errno.EBUSY, getattr(errno, "ETXTBSY", errno.EACCES))
NO_ROOM = (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))


def unwritable_sentence(exc: OSError, chosen: Path | None = None) -> str:
    """What a person reads when the system would not write an export to `chosen`: what went
    wrong and what to do, in words (the system's own text goes to the log).

    Exports are written to "<name>.part" and renamed over the file chosen: a failure naming a
    second file (the rename) is the chosen file that could not be replaced; any other refusal
    is its folder's."""
    named = exc.filename2 or (str(exc.filename).removesuffix(".part") if exc.filename else "")
    target = chosen or (Path(str(named)) if named else None)
    if target is None:
        return tr("reports", "The file could not be saved. Choose another folder, then try again.")
    name, folder = target.name, target.parent
    if getattr(exc, "winerror", None) in SHARING_VIOLATIONS or (
        exc.errno in DENIED and exc.filename2
    ):
        return tr(
            "reports",
            "“{name}” could not be replaced: it is open in another program, or it is "
            "read-only. Close the file in the other program (or save under another name), "
            "then try again.",
        ).format(name=name)
    if exc.errno in DENIED:
        return tr(
            "reports",
            "FrontDesk may not save files in the folder {folder}. Choose another folder, such "
            "as your Documents folder.",
        ).format(folder=folder)
    if exc.errno == errno.EROFS:
        return tr(
            "reports",
            "The folder {folder} is on a drive that cannot be written to. Choose another folder.",
        ).format(folder=folder)
    if exc.errno in NO_ROOM:
        return tr(
            "reports",
            "There is not enough room on the disk to save “{name}”. Free some space, or choose "
            "a folder on another drive.",
        ).format(name=name)
    if exc.errno == errno.ENAMETOOLONG:
        return tr("reports", "The file name is too long. Save again with a shorter name.")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return tr(
            "reports", "The folder {folder} is no longer there. Choose another folder."
        ).format(folder=folder)
    return tr(
        "reports", "“{name}” could not be saved. Choose another folder, then try again."
    ).format(name=name)


def last_month(today: date) -> tuple[date, date]:
    """The calendar month before `today`'s: its first and last day (what a practice claims or
    invoices at the start of a month)."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


@dataclass(frozen=True)
class Outcome:
    """What a finished export tells the dialog: a sentence and the file it wrote (if any)."""

    message: str
    path: Path | None = None
    details: tuple[str, ...] = ()
    payload: Any = None  # the service's own result, for dialogs that show more of it


class ExportDialog(QDialog):
    """A dialog that runs one export in the background and then offers the file it wrote."""

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        title: str,
        parent: QWidget | None,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        # The window's reads and writes when opened over it; the dialog's own otherwise.
        self.ops = ops or ops_for(desk, parent, runner)
        # UTC until the practice's time zone arrives (`read_practice_day`).
        self.tz = ZoneInfo("UTC")
        self.last: Outcome | None = None
        self.chosen: Path | None = None  # the file being written (choose_save_path)
        self._filled_days: dict[DateTimeField, str] = {}  # each day field as the dialog filled it
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._build_frame()

    def _build_frame(self) -> None:
        self.body = QVBoxLayout()
        self.error = ErrorLine(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName(tr("reports", "Progress"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.open_file = QPushButton(tr("reports", "Open file"), self)
        self.open_file.setObjectName("openFile")
        self.open_folder = QPushButton(tr("reports", "Open folder"), self)
        self.open_folder.setObjectName("openFolder")
        for button in (self.open_file, self.open_folder):
            button.hide()
        self.open_file.clicked.connect(lambda: self._open(folder=False))
        self.open_folder.clicked.connect(lambda: self._open(folder=True))
        files = QHBoxLayout()
        files.addWidget(self.open_file)
        files.addWidget(self.open_folder)
        files.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(files)
        layout.addWidget(self.buttons)

    def practice_now(self) -> datetime:
        """The practice's clock (in UTC until its time zone has arrived)."""
        return self.desk.now().astimezone(self.tz)

    def today(self) -> date:
        """The practice's day now."""
        return self.practice_now().date()

    def day_field(self, name: str, accessible: str, value: date) -> DateTimeField:
        """A day field of this dialog, typed day first ("7/12/26") or picked on the calendar;
        typed "today" or "mon" mean the practice's day."""
        edit = DateTimeField(self, mode="date", value=value, now=self.practice_now)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        self._filled_days[edit] = edit.text()
        return edit

    def days_typed(self) -> bool:
        """True once the person has typed, picked or stepped a day in one of the day fields."""
        return any(edit.text() != filled for edit, filled in self._filled_days.items())

    def dates_read(self, *fields: DateTimeField) -> bool:
        """Read what is typed in each day field in use before anything runs on it (a button's
        shortcut presses it without leaving the field). False when one is not a date: the field
        says why and has the focus, and nothing runs on the day it showed before."""
        for edit in fields:
            if edit.isEnabled() and not edit.commit():
                self.status.clear()
                self.error.clear_message()
                edit.setFocus()
                return False
        return True

    def period(self, first: DateTimeField, last: DateTimeField) -> tuple[date, date] | None:
        """The days typed from `first` to `last`, read first; None when one is not a date or the
        period ends before it starts (said on the dialog, before any file is asked for)."""
        if not self.dates_read(first, last):
            return None
        start, end = day_of(first), day_of(last)
        if end < start:
            self.status.clear()
            self.error.show_message(
                tr("reports", "The end date is before the start date; choose a later end date.")
            )
            last.setFocus()
            return None
        self.error.clear_message()
        return start, end

    def read_practice_day(self) -> None:
        """Read the practice's time zone in the background; then `show_today` with its day."""
        self.ops.read(practice.time_zone, self._on_time_zone, self._on_failed)

    def _on_time_zone(self, tz: ZoneInfo) -> None:
        self.tz = tz
        # The defaults follow the practice's day, unless the person has begun on the period:
        # a day typed stays, and the other keeps the default it was chosen beside.
        if not self.days_typed():
            self.show_today(self.today())
            self._filled_days = {edit: edit.text() for edit in self._filled_days}
        self.show_zone()

    def show_today(self, today: date) -> None:
        """Set the dialog's default dates around the practice's `today` (dialogs override)."""

    def show_zone(self) -> None:
        """The practice's time zone has arrived: redraw the times shown (dialogs override)."""

    def busy(self) -> bool:
        return self.progress.isVisible()

    def run(
        self,
        job: Callable[[Report], Any],
        working: str,
        done: Callable[[Any], None] | None = None,
    ) -> None:
        """Run `job` off the GUI thread with a progress bar; the inputs wait until it is done.

        Its Outcome goes to `done` when given (Print… hands a PDF to the preview)."""
        self.error.clear_message()
        self.open_file.hide()
        self.open_folder.hide()
        self.status.setText(working)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._set_inputs_enabled(False)
        self.runner.submit_with_progress(
            job, done or self._on_done, self._on_failed, self._on_progress
        )

    def print_pdf(self, build: Callable[[Report], PrintDocument], working: str) -> None:
        """Print…: build the PDF off the GUI thread, then show it in the print preview."""
        self.chosen = None  # no file is written
        self.run(build, working, self._on_printable)

    def _on_printable(self, document: PrintDocument) -> None:
        text = tr("reports", "Print preview: {pages} pages.").format(pages=document.pages)
        self._on_done(Outcome(text))
        from app.ui.printing.preview import show_print_preview  # Qt's printing, when first used

        show_print_preview(document, self)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_done(self, outcome: Outcome) -> None:
        self.progress.hide()
        self._set_inputs_enabled(True)
        self.last = outcome
        self.status.setText("\n".join([outcome.message, *outcome.details]))
        self.open_file.setVisible(outcome.path is not None)
        self.open_folder.setVisible(outcome.path is not None)
        self.fit_text()

    def _on_failed(self, exc: Exception) -> None:
        self.progress.hide()
        self._set_inputs_enabled(True)
        self.status.clear()
        if self.ops.account_changed(exc):
            return  # the window says it, signed out (this dialog closed) or with the new role
        if isinstance(exc, FrontDeskError):
            self.error.show_message(str(exc))
        elif isinstance(exc, OSError):
            said = unwritable_sentence(exc, self.chosen)
            self.error.show_message(failure_sentence(exc, said))
        else:
            failed = tr("reports", "The export could not be finished. Try again.")
            self.error.show_message(failure_sentence(exc, failed))
        self.fit_text()

    def listing(self, name: str, accessible: str, headers: list[str]) -> QTableWidget:
        """A table of what the dialog worked out, read only, its columns sized to their text,
        added to the dialog's body to take the room left."""
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.body.addWidget(table, 1)
        return table

    def open_at(self, width: int, height: int) -> None:
        """Open `width` × `height`, never taller than the screen (its table gives up the room)."""
        screen = self.screen().availableGeometry().height() if self.screen() else height + 60
        self.resize(width, max(self.minimumSizeHint().height(), min(height, screen - 60)))

    def fit_text(self) -> None:
        """Grow the dialog (never past the screen) so a long outcome or refusal squeezes none
        of its other text; it keeps its width."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
        screen = self.screen().availableGeometry().height() if self.screen() else wanted
        if wanted > self.height():
            self.resize(self.width(), min(wanted, screen - 40))

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for child in self.findChildren(QWidget):
            if child.property("exportInput"):
                child.setEnabled(enabled)

    def mark_inputs(self, *widgets: QWidget) -> None:
        """Widgets disabled while an export runs (so nobody starts a second one meanwhile)."""
        for w in widgets:
            w.setProperty("exportInput", True)

    def _open(self, *, folder: bool) -> None:
        if self.last is None or self.last.path is None:
            return
        open_path(self.last.path.parent if folder else self.last.path)

    def suggested(self, name: str) -> Path:
        return self.desk.db_export_dir() / name


class LastMonthDialog(ExportDialog):
    """An export of a period that opens on last month (`last_month`), as a claim or an invoice
    is made at the start of a month; the days follow the practice's day once it arrives."""

    from_edit: DateTimeField
    to_edit: DateTimeField

    def month_fields(self, prefix: str, from_name: str, to_name: str) -> None:
        """The From and To day fields (`<prefix>From`, `<prefix>To`), on last month."""
        first, last = last_month(self.today())
        self.from_edit = self.day_field(f"{prefix}From", from_name, first)
        self.to_edit = self.day_field(f"{prefix}To", to_name, last)

    def show_today(self, today: date) -> None:
        first, last = last_month(today)
        self.from_edit.set_value(first)
        self.to_edit.set_value(last)
