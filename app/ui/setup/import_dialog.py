"""Practice ▸ Import from CSV…: choose what and which file, preview every row with its problems
(row and column, the cell marked), and import only a file without problems — all in one go.

Every problem of every row is listed at once under the preview (row, column, the cell's value,
what is wrong and what to do), counted, and can be saved as a CSV to work through.

The preview is a background read and the import one background write (`ImportApi`, bound to
`app/ui/ops.py` by `app/ui/setup/apis.py`); a preview an edit overtook is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.auth import Permission
from app.services.setup.csv_import import (
    ImportPreview,
    ImportProblem,
    ImportResult,
    write_problems_csv,
)
from app.services.setup.csv_rows import COLUMNS, ImportKind
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.models.table import Column, DtoTableModel, Index
from app.ui.ops import Outcome, Reply, failure_sentence
from app.ui.reports.common import choose_save_path
from app.ui.screen_fit import open_size
from app.ui.sessions.common import ALERT_STYLE, NOTE_STYLE, ErrorLine, banner
from app.ui.setup.common import accessible
from app.ui.tasks import TaskRunner

KIND_TEXT = {ImportKind.CLIENTS: QT_TRANSLATE_NOOP("setup", "Clients"), ImportKind.WORKERS: QT_TRANSLATE_NOOP("setup", "Workers"),
             ImportKind.SESSIONS: QT_TRANSLATE_NOOP("setup", "Sessions (upcoming)")}  # fmt: skip
PROBLEM_COLOUR = QColor("#f4c7c3")
WRAP_AT_MOST = 500  # problems whose long sentences get wrapped rows; more show one line each


@dataclass(frozen=True)
class ImportApi:
    """What the import dialog may do; `done` runs on the GUI thread after an import.

    `preview` runs in the background and answers `reply` with an Outcome holding an
    ImportPreview; `apply` runs in the background too and answers its first callback with the
    ImportResult (whose changes the caller fans out) or its second with any failure.
    """

    preview: Callable[[ImportKind, Path, Reply], None]
    apply: Callable[
        [ImportKind, Path, Callable[[ImportResult], None], Callable[[Exception], None]], None
    ]
    start_dir: Path
    done: Callable[[ImportResult], None] = lambda _result: None


@dataclass(frozen=True)
class PreviewRow:
    """One record of the file with its problems by column ("" = the whole row)."""

    number: int
    cells: tuple[str, ...]
    problems: dict[str, str] = field(default_factory=dict)


def _cell(i: int) -> Callable[[PreviewRow], str]:
    """The text of column i of a row (short rows show blanks)."""
    return lambda r: r.cells[i] if i < len(r.cells) else ""


class PreviewModel(DtoTableModel[PreviewRow]):
    """The file's rows; a cell with a problem is shaded and says why in its tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([], parent)
        self.header: tuple[str, ...] = ()

    def show(self, preview: ImportPreview) -> None:
        """Show a preview: its columns, rows and problems."""
        by_row: dict[int, dict[str, str]] = {}
        for p in preview.errors:  # two problems of one cell are both said
            cell = by_row.setdefault(p.row, {})
            cell[p.column] = f"{cell[p.column]}\n{p.message}" if p.column in cell else p.message
        self.header = preview.header
        columns: list[Column[PreviewRow]] = [Column(tr("setup", "Row"), lambda r: str(r.number),
                                                    lambda r: r.number, align_right=True)]  # fmt: skip
        columns += [Column(name, _cell(i)) for i, name in enumerate(preview.header)]
        self._columns = columns
        self.set_rows([PreviewRow(n, cells, by_row.get(n, {})) for n, cells in preview.rows])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Shade a cell with a problem and say why in its tooltip."""
        if index.isValid() and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            row = self.row(index.row())
            column = self.header[index.column() - 1] if index.column() else ""
            why = row.problems.get(column) if column else None
            why = why or row.problems.get("")
            if why is None and index.column() == 0 and row.problems:
                why = "; ".join(row.problems.values())
            if why is not None:
                return QBrush(PROBLEM_COLOUR) if role == Qt.ItemDataRole.BackgroundRole else why
        return super().data(index, role)


PROBLEM_COLUMNS: list[Column[ImportProblem]] = [
    Column(tr("setup", "Row"), lambda p: str(p.row), lambda p: p.row, align_right=True),
    Column(tr("setup", "Column"), lambda p: p.column or tr("setup", "(whole row)")),
    Column(tr("setup", "Value"), lambda p: p.value, tooltip=lambda p: p.value),
    Column(tr("setup", "What is wrong and what to do"), lambda p: p.message,
           tooltip=lambda p: p.message),
]  # fmt: skip


class ImportDialog(QDialog):
    """What to import and from which file; the preview; Import when the file is clean."""

    # The permission its preview and its import check: the dialog closes when it is taken away.
    permission_needed: ClassVar[Permission] = Permission.IMPORT

    def __init__(self, api: ImportApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api, self.runner = api, runner
        self._asked = 0  # the newest preview; an older answer arriving late is dropped
        self.preview_: ImportPreview | None = None
        self.result_: ImportResult | None = None
        self.choose_file: Callable[[], str] = self._ask_file
        self.choose_save: Callable[[], Path | None] = self._ask_save
        self.setWindowTitle(tr("setup", "Import from CSV"))
        self._build_ui()
        self._connect_signals()
        self._on_kind_changed()

    def _build_ui(self) -> None:
        self.kind = QComboBox(self)
        for kind, text in KIND_TEXT.items():
            self.kind.addItem(tr("setup", text), kind)
        self.path = QLineEdit(self)
        self.browse = QPushButton(tr("setup", "&Choose file…"), self)
        self.columns = QLabel(self)
        self.columns.setWordWrap(True)
        self.columns.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(tr("setup", "Import:"), accessible(self.kind, tr("setup", "What to import")))
        form.addRow(tr("setup", "File:"), file_row)
        form.addRow(tr("setup", "Columns:"), self.columns)
        accessible(self.path, tr("setup", "File"))
        accessible(self.browse, tr("setup", "Choose file"))
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        accessible(self.table, tr("setup", "Preview"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self._problems_box())
        split.setSizes([260, 220])
        self.summary = banner("", NOTE_STYLE, self)
        self.summary.hide()
        self.error = ErrorLine(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(tr("setup", "&Import"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        accessible(self.import_button, tr("setup", "Import"))
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        for w in (self.summary, self.error, self.buttons):
            layout.addWidget(w)
        open_size(self, 900, 600)

    def _problems_box(self) -> QWidget:
        """Every problem of the file, one line each (it scrolls), its count and Save list."""
        box = QWidget(self)
        self.problem_count = QLabel(box)
        self.problem_count.setWordWrap(True)
        accessible(self.problem_count, tr("setup", "Problem count"))
        self.export_button = QPushButton(tr("setup", "&Save problem list…"), box)
        accessible(self.export_button, tr("setup", "Save problem list…"))
        self.export_button.setToolTip(tr("setup", "Save every problem as a CSV file to work "
                                                  "through beside the spreadsheet."))  # fmt: skip
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.problem_count, 1)
        top.addWidget(self.export_button)
        self.problem_model: DtoTableModel[ImportProblem] = DtoTableModel(PROBLEM_COLUMNS, box)
        self.problems = QTableView(box)
        accessible(self.problems, tr("setup", "Problems"))
        self.problems.setModel(self.problem_model)
        self.problems.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.problems.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.problems.verticalHeader().hide()
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.problems, 1)
        return box

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.browse.clicked.connect(self._on_browse)
        self.path.editingFinished.connect(self.load_preview)
        self.problems.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_problem_chosen(current.row())
        )
        self.export_button.clicked.connect(self.export_problems)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

    def _on_kind_changed(self) -> None:
        specs = COLUMNS[ImportKind(self.kind.currentData())]
        names = ", ".join(f"<b>{c.name}</b>" if c.required else c.name for c in specs)
        example = ",".join(c.name for c in specs) + "<br>" + ",".join(
            f'"{c.example}"' if "," in c.example or ";" in c.example else c.example for c in specs)  # fmt: skip
        self.columns.setText(f"{names} ({tr('setup', 'bold: required')})<br><tt>{example}</tt>")
        if self.path.text():
            self.load_preview()

    def _ask_file(self) -> str:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            tr("setup", "Choose a CSV file"),
            str(self.api.start_dir),
            "CSV (*.csv);;All files (*)",
        )
        return name

    def _on_browse(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.path.setText(chosen)
            self.load_preview()

    def kind_(self) -> ImportKind:
        """What is being imported."""
        return ImportKind(self.kind.currentData())

    def load_preview(self) -> None:
        """Read and check the file in the background (nothing is written); then show every
        row and problem."""
        self.error.clear_message()
        self.import_button.setEnabled(False)
        self._show_problems(())
        self.preview_ = None
        self._asked += 1
        asked, kind = self._asked, self.kind_()
        self.api.preview(
            kind, Path(self.path.text().strip()), lambda got: self._on_preview(asked, kind, got)
        )

    def _on_preview(self, asked: int, kind: ImportKind, outcome: Outcome[ImportPreview]) -> None:
        if asked != self._asked:
            return  # the kind or the file changed since: a newer preview is on its way
        preview = outcome.value
        if outcome.error is not None or preview is None:
            self.model.show(ImportPreview(kind, (), (), ()))
            self.error.show_message(str(outcome.error))
            self.summary.hide()
            return
        self.preview_ = preview
        self.model.show(preview)
        self.table.resizeColumnsToContents()
        self._show_problems(preview.errors, preview.rows_with_problems)
        self._summarise(preview)
        self.import_button.setEnabled(preview.ok)

    def _show_problems(self, problems: tuple[ImportProblem, ...], rows: int = 0) -> None:
        """List every problem at once, counted; the value column kept to a readable width."""
        self.problem_model.set_rows(problems)
        self.export_button.setEnabled(bool(problems))
        self.problem_count.setText(
            tr("setup", "{n} problem(s) in {r} row(s), all listed here:").format(
                n=len(problems), r=rows
            ) if problems else ""
        )  # fmt: skip
        self.problem_count.setVisible(bool(problems))
        if problems:
            self.problems.resizeColumnsToContents()
            self.problems.setColumnWidth(2, min(self.problems.columnWidth(2), 220))
            if len(problems) <= WRAP_AT_MOST:  # wrapping a huge list would hold the desk up
                self.problems.resizeRowsToContents()

    def problem_lines(self) -> list[str]:
        """The problems listed, one sentence each (as the saved list has them)."""
        return [self.problem_model.row(i).text() for i in range(self.problem_model.rowCount())]

    def _ask_save(self) -> Path | None:
        name = Path(self.path.text().strip() or "import.csv").stem
        return choose_save_path(self, tr("setup", "Save the problem list"),
                                self.api.start_dir / f"{name}-problems.csv", "CSV (*.csv)")  # fmt: skip

    def export_problems(self) -> None:
        """Save every problem of the preview as a CSV (written in the background)."""
        preview = self.preview_
        if preview is None or not preview.errors:
            return
        path = self.choose_save()
        if path is None:
            return
        self.runner.submit(
            lambda: write_problems_csv(preview, path),
            lambda n: self._on_exported(n, path),
            self._on_failed_export,
        )

    def _on_exported(self, count: int, path: Path) -> None:
        self.error.clear_message()
        self.problem_count.setText(tr("setup", "{n} problem(s) saved to {file}.").format(
            n=count, file=path.name))  # fmt: skip

    def _on_failed_export(self, exc: Exception) -> None:
        failed = tr("setup", "The problem list could not be saved. Try again.")
        self.error.show_message(failure_sentence(exc, failed))

    def _summarise(self, preview: ImportPreview) -> None:
        if preview.ok:
            text = tr(
                "setup", "{n} row(s) ready to import. Nothing is written until you press Import."
            )
            self.summary.setStyleSheet(NOTE_STYLE)
        else:
            text = tr("setup", "{e} problem(s) found in {r} row(s); correct them all in the file "
                               "and choose it again. Nothing is imported while any row has a "
                               "problem.")  # fmt: skip
            self.summary.setStyleSheet(ALERT_STYLE)
        self.summary.setText(text.format(n=len(preview.rows), e=len(preview.errors),
                                         r=preview.rows_with_problems))  # fmt: skip
        self.summary.show()

    def _on_problem_chosen(self, index: int) -> None:
        if self.preview_ is None or not 0 <= index < len(self.preview_.errors):
            return
        problem = self.preview_.errors[index]
        column = (self.model.header.index(problem.column) + 1
                  if problem.column in self.model.header else 0)  # fmt: skip
        for i, row in enumerate(self.model.rows()):
            if row.number == problem.row:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, column))

    def run_import(self) -> None:
        """Write the whole file in one transaction, off the GUI thread."""
        kind, path = self.kind_(), Path(self.path.text().strip())
        self.import_button.setEnabled(False)
        self.summary.setText(tr("setup", "Importing…"))
        self.api.apply(kind, path, self._on_imported, self._on_failed)

    def _on_imported(self, result: ImportResult) -> None:
        self.result_ = result
        self.api.done(result)
        self.summary.setStyleSheet(NOTE_STYLE)
        self.summary.setText(result.message)
        self.summary.show()

    def _on_failed(self, exc: Exception) -> None:
        failed = tr("setup", "The file could not be imported; nothing was written. Try again.")
        self.error.show_message(failure_sentence(exc, failed))
        self.summary.setStyleSheet(ALERT_STYLE)
        self.summary.setText(failed)  # not left on "Importing…"
        self.import_button.setEnabled(True)


# Sentences translated inside f-strings, where lupdate does not look: listed for it.
_IN_F_STRINGS = (QT_TRANSLATE_NOOP("setup", "bold: required"),)
