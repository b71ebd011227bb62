"""File ▸ Restore from a backup…: the backups (when taken, how big, whether each checks out), or
a file found with Browse…; Restore… asks first, naming what would be lost (typing not saved in
forms still open too), keeping the current practice the default answer. The dialog only asks and shows: the list, the check and the preview
come from app/services/storage/practice_backups.py, and the restore itself runs once the window
has closed (app/ui/start/application.py), as the start's rescue does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import day_time, translate
from app.number_text import decimal_mark
from app.services.storage.practice_backups import (
    BackupChoice,
    PracticeFiles,
    RestorePreview,
    backup_choices,
    chosen_backup,
    preview_restore,
)
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.lines import NOTE_STYLE, ErrorLine, banner
from app.ui.messages import Destructive, ask_destructive
from app.ui.models.table import Column, DtoTableModel
from app.ui.ops import Ops, failure_sentence

KINDS = {
    "daily": QT_TRANSLATE_NOOP("backups", "Daily"),
    "manual": QT_TRANSLATE_NOOP("backups", "Back up now"),
    "pre-upgrade": QT_TRANSLATE_NOOP("backups", "Before an upgrade"),
    "replaced": QT_TRANSLATE_NOOP("backups", "Kept by a restore"),
}


def size_text(size: int) -> str:
    """“12.4 MB”, “820 KB”, with the practice's decimal mark."""
    if size >= 1_000_000:
        number = f"{size / 1_000_000:.1f}".replace(".", decimal_mark())
        return tr("backups", "{size} MB").format(size=number)
    return tr("backups", "{size} KB").format(size=max(1, round(size / 1000)))


def taken_text(choice: BackupChoice, tz: ZoneInfo) -> str:
    return day_time(choice.taken, tz) if choice.taken else tr("backups", "unknown")


def check_text(choice: BackupChoice) -> str:
    if choice.problem is None:
        return tr("backups", "Checks out")
    return tr("backups", "Cannot be restored: {problem}").format(problem=choice.problem)


def kind_text(choice: BackupChoice) -> str:
    found = KINDS.get(choice.kind)
    return tr("backups", found) if found else tr("backups", "Chosen file")


class RestoreDialog(QDialog):
    """Choose a backup and confirm; accepted, `chosen` is the file to put in place."""

    def __init__(
        self,
        ops: Ops,
        files: PracticeFiles,
        tz: ZoneInfo,
        parent: QWidget | None = None,
        *,
        unsaved: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(parent)
        self.ops, self.files, self.tz = ops, files, tz
        # Which open forms hold typing a restore would lose, said in the question ("" if none).
        self.unsaved = unsaved
        self.chosen: Path | None = None
        self.preview: RestorePreview | None = None
        # Replaceable in tests, as the other dialogs' questions are.
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.choose_file: Callable[[], Path | None] = self._choose_file
        self._build_ui()
        self._connect_signals()
        self.refresh()

    def _build_ui(self) -> None:
        self.setWindowTitle(tr("backups", "Restore from a backup"))
        self.setObjectName("restoreDialog")
        layout = QVBoxLayout(self)
        intro = tr(
            "backups",
            "Restoring puts the practice back as it was when the backup was taken. What was "
            "recorded since is gone; the practice as it is now is kept as a backup first.",
        )
        layout.addWidget(banner(intro, NOTE_STYLE, self))
        columns: list[Column[BackupChoice]] = [
            Column(tr("backups", "Taken"), lambda c: taken_text(c, self.tz)),
            Column(tr("backups", "Kind"), kind_text),
            Column(tr("backups", "Size"), lambda c: size_text(c.size), align_right=True),
            Column(tr("backups", "Check"), check_text),
        ]
        self.model: DtoTableModel[BackupChoice] = DtoTableModel(columns, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("backups", "Backups"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.folder = banner(
            tr("backups", "Backups are kept in {folder}").format(folder=self.files.backup_dir),
            NOTE_STYLE,
            self,
        )
        layout.addWidget(self.folder)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.browse_button = QPushButton(tr("backups", "&Browse…"), self)
        self.restore_button = QPushButton(tr("backups", "&Restore…"), self)
        for button in (self.browse_button, self.restore_button):
            button.setAutoDefault(False)  # Enter never starts a restore
        self.buttons.addButton(self.browse_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        layout.addWidget(self.buttons)
        self.restore_button.setEnabled(False)
        self.resize(720, 420)

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self.browse)
        self.restore_button.clicked.connect(self.ask_to_restore)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._sync())
        self.table.doubleClicked.connect(lambda _index: self.ask_to_restore())

    # -- the list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read and check the backups in the background."""
        self.ops.background(
            lambda desk: backup_choices(desk, self.files), self._show_rows, self._show_failure
        )

    def _show_rows(self, rows: list[BackupChoice]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if not rows:
            self.error.show_message(
                tr(
                    "backups",
                    "There are no backups in {folder} yet. Use Browse… to choose a backup kept "
                    "elsewhere.",
                ).format(folder=self.files.backup_dir)
            )
        self._sync()

    def selected(self) -> BackupChoice | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _sync(self) -> None:
        choice = self.selected()
        self.restore_button.setEnabled(choice is not None and choice.problem is None)
        self.restore_button.setToolTip(check_text(choice) if choice and choice.problem else "")

    def browse(self) -> None:
        """A backup kept elsewhere (a USB stick, another folder): checked, added to the top."""
        path = self.choose_file()
        if path is None:
            return
        self.ops.background(
            lambda desk: chosen_backup(desk, self.files, path),
            self._add_chosen,
            self._show_failure,
        )

    def _add_chosen(self, choice: BackupChoice) -> None:
        rows = [c for c in self.model.rows() if c.path != choice.path]
        self.model.set_rows([choice, *rows])
        self.table.selectRow(0)
        self.error.clear_message()
        self._sync()

    def _choose_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            tr("backups", "Choose a backup"),
            str(self.files.backup_dir),
            tr("backups", "FrontDesk backups (*.sqlite3);;All files (*)"),
        )
        return Path(name) if name else None

    # -- restoring ---------------------------------------------------------------------------

    def ask_to_restore(self) -> None:
        """Check there is nobody else and count what would be lost, then ask."""
        choice = self.selected()
        if choice is None or choice.problem is not None:
            return
        self.error.clear_message()
        self.restore_button.setEnabled(False)
        self.ops.background(
            lambda desk: preview_restore(desk, self.files, choice.path),
            self._confirm,
            self._show_failure,
        )

    def _confirm(self, preview: RestorePreview) -> None:
        self._sync()
        if self.ask(self.question(preview)) is None:
            return  # kept the current practice
        self.chosen, self.preview = preview.choice.path, preview
        self.accept()

    def question(self, preview: RestorePreview) -> Destructive:
        when = taken_text(preview.choice, self.tz)
        if preview.same_practice and not preview.events_lost:
            lost = tr("backups", "Nothing was recorded since {when}: nothing will be lost.").format(
                when=when
            )
        elif preview.same_practice:
            lost = translate(
                "backups",
                "Everything recorded since {when} — %n event(s) — will be gone.",
                None,
                preview.events_lost,
            ).format(when=when)
        else:
            lost = translate(
                "backups",
                "This backup is of another practice: everything recorded in this one — %n "
                "event(s) — will be gone.",
                None,
                preview.events_lost,
            )
        return Destructive(
            title=tr("backups", "Restore a backup"),
            question=tr("backups", "Put the practice back as it was on {when}?").format(when=when),
            do=tr("backups", "&Restore this backup"),
            keep=tr("backups", "&Keep the current practice"),
            details=(
                *((unsaved,) if (unsaved := self.unsaved()) else ()),
                lost,
                tr(
                    "backups",
                    "The practice as it is now is kept as a backup first (listed here as “Kept "
                    "by a restore”).",
                ),
                tr(
                    "backups",
                    "FrontDesk closes and opens again on the restored practice: sign in again "
                    "there.",
                ),
            ),
        )

    def _show_failure(self, exc: Exception) -> None:
        self._sync()
        self.error.show_message(
            failure_sentence(exc, tr("backups", "The backups could not be read. Try again."))
        )
