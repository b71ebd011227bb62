"""Practice ▸ Import from CSV…: choose what and which file, preview every row with its problems
(row and column, the cell marked), and import only a file without problems — all in one go.

The preview is a background read and the import one background write (`ImportApi`, bound to
`app/ui/ops.py` by `app/ui/setup/apis.py`); a preview an edit overtook is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.services.setup.csv_import import ImportPreview, ImportResult
from app.services.setup.csv_rows import COLUMNS, ImportKind
from app.ui.i18n import tr
from app.ui.models.table import Column, DtoTableModel, Index
from app.ui.ops import Outcome, Reply
from app.ui.sessions.common import ALERT_STYLE, NOTE_STYLE, ErrorLine, banner
from app.ui.setup.common import accessible
from app.ui.tasks import TaskRunner

KIND_TEXT = {ImportKind.CLIENTS: "Clients", ImportKind.WORKERS: "Workers",
             ImportKind.SESSIONS: "Sessions (upcoming)"}  # fmt: skip
PROBLEM_COLOUR = QColor("#f4c7c3")


@dataclass(frozen=True)
class ImportApi:
    """What the import dialog may do; `done` runs on the GUI thread after an import.

    `preview` and `apply` run in the background and answer `reply` with an Outcome holding an
    ImportPreview or an ImportResult (whose changes the caller fans out).
    """

    preview: Callable[[ImportKind, Path, Reply], None]
    apply: Callable[[ImportKind, Path, Reply], None]
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
        for p in preview.errors:
            by_row.setdefault(p.row, {})[p.column] = p.message
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


class ImportDialog(QDialog):
    """What to import and from which file; the preview; Import when the file is clean."""

    def __init__(self, api: ImportApi, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api, self.runner = api, runner
        self._asked = 0  # the newest preview; an older answer arriving late is dropped
        self.preview_: ImportPreview | None = None
        self.result_: ImportResult | None = None
        self.choose_file: Callable[[], str] = self._ask_file
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
        self.problems = QListWidget(self)
        accessible(self.problems, tr("setup", "Problems"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.problems)
        split.setSizes([300, 120])
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
        self.resize(900, 600)

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.browse.clicked.connect(self._on_browse)
        self.path.editingFinished.connect(self.load_preview)
        self.problems.currentRowChanged.connect(self._on_problem_chosen)
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
        self.problems.clear()
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
        self.problems.addItems([p.text() for p in preview.errors])
        self._summarise(preview)
        self.import_button.setEnabled(preview.ok)

    def _summarise(self, preview: ImportPreview) -> None:
        if preview.ok:
            text = tr(
                "setup", "{n} row(s) ready to import. Nothing is written until you press Import."
            )
            self.summary.setStyleSheet(NOTE_STYLE)
        else:
            text = tr("setup", "{e} problem(s) found; correct the file and choose it again. "
                               "Nothing is imported while any row has a problem.")  # fmt: skip
            self.summary.setStyleSheet(ALERT_STYLE)
        self.summary.setText(text.format(n=len(preview.rows), e=len(preview.errors)))
        self.summary.show()

    def _on_problem_chosen(self, index: int) -> None:
        if self.preview_ is None or not 0 <= index < len(self.preview_.errors):
            return
        number = self.preview_.errors[index].row
        for i, row in enumerate(self.model.rows()):
            if row.number == number:
                self.table.selectRow(i)

    def run_import(self) -> None:
        """Write the whole file in one transaction, off the GUI thread."""
        kind, path = self.kind_(), Path(self.path.text().strip())
        self.import_button.setEnabled(False)
        self.summary.setText(tr("setup", "Importing…"))
        self.api.apply(kind, path, self._on_import_outcome)

    def _on_import_outcome(self, outcome: Outcome[ImportResult]) -> None:
        if outcome.error is not None:
            self._on_failed(outcome.error)
        elif outcome.value is not None:
            self._on_imported(outcome.value)

    def _on_imported(self, result: ImportResult) -> None:
        self.result_ = result
        self.api.done(result)
        self.summary.setStyleSheet(NOTE_STYLE)
        self.summary.setText(result.message)
        self.summary.show()

    def _on_failed(self, exc: Exception) -> None:
        self.error.show_message(str(exc) if isinstance(exc, FrontDeskError) else repr(exc))
        self.import_button.setEnabled(True)
