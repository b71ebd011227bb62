"""What every set-up screen shares: a searchable, sortable list, an edit dialog that saves a draft,
and the question before unsaved changes are thrown away (`Unsaved`, `ask_before_leaving`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, FrontDeskError
from app.services.setup.common import Saved
from app.ui import messages
from app.ui.empty_list import EmptyListHint
from app.ui.i18n import tr
from app.ui.models.table import ROW_ROLE, Column, DtoTableModel, SortProxy
from app.ui.ops import Outcome, Reply
from app.ui.screen_fit import FRAME_HEIGHT, FormScroll, free_area, open_size
from app.ui.sessions.common import ALERT_STYLE, NOTE_STYLE, ErrorLine, banner

R = TypeVar("R")
D = TypeVar("D")
W = TypeVar("W", bound=QWidget)
RunDialog = Callable[[QDialog], int]
_NOT_LOADED = object()


def accessible(widget: QWidget, name: str) -> QWidget:
    """Give a control the name screen readers announce (and tests find it by)."""
    widget.setAccessibleName(name.replace("&", "").rstrip(":…"))
    return widget


class Unsaved:
    """What a form showed when it was loaded (or last saved), to tell a real change from a key
    press: typing a letter and deleting it again is no change."""

    def __init__(self, read: Callable[[], object]) -> None:
        self.read = read
        self.loaded: object = _NOT_LOADED  # until `mark` says what the form was filled with

    def _now(self) -> object:
        try:
            return self.read()
        except FrontDeskError as exc:  # the form does not read as a draft: it was changed
            return exc

    def mark(self, value: object = None) -> None:
        """The form as it is now (or `value`, what was just saved) is the unchanged state."""
        self.loaded = self._now() if value is None else value

    def changed(self) -> bool:
        """True when the form differs from what was loaded or last saved."""
        if self.loaded is _NOT_LOADED:
            return False
        now = self._now()
        return isinstance(now, FrontDeskError) or now != self.loaded


def ask_before_leaving(
    parent: QWidget, name: str, unsaved: Unsaved, save: Callable[[], None]
) -> bool:
    """Before a form with changes is closed or replaced: True to go on (nothing changed, or
    Discard); False to stay — Cancel, or Save, which starts the form's own save (it goes on
    from there when the save succeeds, and a refusal stays on the form)."""
    if not unsaved.changed():
        return True
    answer = messages.ask_save_changes(parent, name)
    if answer == messages.DISCARD:
        return True
    if answer == messages.SAVE:
        save()
    return False


class GuardedDialog(QDialog):
    """A dialog whose Cancel (connect it to `cancel`), Escape and close button ask before unsaved
    changes are lost (`may_close`). `reject()` itself closes without asking: the desk locking
    closes what the previous user left open, and nobody should save it in their name."""

    def may_close(self) -> bool:
        """True to close now; False to stay (the person chose Cancel, or Save, which started)."""
        return True

    def cancel(self) -> None:
        """Cancel or Close pressed: close unless the person keeps the form."""
        if self.may_close():
            self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.isVisible() and not self.may_close():
            event.ignore()
            return
        super().closeEvent(event)


class EditDialog(GuardedDialog, Generic[D]):
    """A form whose OK builds a draft and runs the injected save; a refusal stays on screen.

    Given a `subject` (the record's name), closing it, Cancel or Escape with changes made asks
    first: Save / Discard / Cancel."""

    def __init__(
        self,
        title: str,
        save: Callable[[D, Reply], None],
        parent: QWidget | None,
        *,
        subject: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        # Named in "Save the changes to …?"; a dialog given none (a one-off sale) closes unasked.
        self.subject = subject
        self.save_fn = save
        self._sized = False
        self.saved: Saved | None = None
        self.stale = False  # a save was refused over another desk's change: the list reloads
        self.unsaved = Unsaved(self.draft)
        self._saving = False
        self.fields: dict[str, QWidget] = {}
        self.outer = QVBoxLayout(self)
        # The form scrolls when the screen is too short for it (150 % on a 1366×768 screen,
        # a refusal showing); the refusal and the buttons below it stay in view.
        self.body = QWidget(self)
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_area = FormScroll(self.body, self)
        self.outer.addWidget(self.form_area, 1)
        self.error = ErrorLine(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.cancel)

    def add_row(self, label: str, widget: W, field: str | None = None) -> W:
        """A labelled control; `field` is the service's name for it, to point at refusals."""
        accessible(widget, label)
        self.form.addRow(label, widget)
        if field:
            self.fields[field] = widget
        return widget

    def finish(self) -> None:
        """Put the error line and the buttons under whatever the subclass added; the form as
        filled now is what "unchanged" means."""
        self.outer.addWidget(self.error)
        self.outer.addWidget(self.buttons)
        self.unsaved.mark()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not self._sized:  # as tall as the form wants, never taller than the screen
            self._sized = True
            self.fit_height()
        super().showEvent(event)

    def fit_height(self) -> None:
        """Grow to what the form and its refusal want, within the screen's free height."""
        self.outer.activate()
        hint = self.sizeHint()
        free = free_area(self)
        tallest = hint.height() if free is None else free.height() - FRAME_HEIGHT
        height = max(self.minimumSizeHint().height(), min(hint.height(), tallest))
        width = max(self.width(), self.minimumSizeHint().width())
        if height > self.height() or width > self.width():
            self.resize(width, max(height, self.height()))

    def may_close(self) -> bool:
        """Cancel, Escape or the close button: with changes made, ask Save / Discard / Cancel."""
        if self._saving:
            return False  # a save is running; its answer closes the form or shows the refusal
        return not self.subject or ask_before_leaving(
            self, self.subject, self.unsaved, self._on_save
        )

    @property
    def save_button(self) -> QPushButton:
        """The dialog's Save button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def draft(self) -> D:
        """The form as a draft (checked by the service, not here)."""
        raise NotImplementedError

    def _on_save(self) -> None:
        try:
            draft = self.draft()
        except FrontDeskError as exc:
            self.show_refusal(exc)
            return
        self.save_button.setEnabled(False)  # one save at a time while it runs in the background
        self._saving = True
        self.save_fn(draft, self._on_saved)

    def _on_saved(self, outcome: Outcome[Saved]) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if outcome.error is not None:
            self.show_refusal(outcome.error)
            return
        self.saved = outcome.value
        self.accept()

    def show_refusal(self, exc: FrontDeskError) -> None:
        """The service's sentence, with the focus on the field it is about."""
        self.stale = self.stale or isinstance(exc, ConflictError)
        self.error.show_message(str(exc))
        self.fit_height()
        widget = self.fields.get(exc.field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)


class ListScreen(QDialog, Generic[R]):
    """A searchable, sortable table of DTO rows with Add / Edit; the data comes from callables.

    A save's changes reach the window through the save itself (`Ops.write` fans them out once),
    so the screen announces nothing of its own."""

    def __init__(
        self,
        title: str,
        columns: Sequence[Column[R]],
        load: Callable[[Callable[[Sequence[R]], None]], None],
        parent: QWidget | None = None,
        *,
        refusal: str = "",  # why this user may not add or edit (greyed, saying it); "" if they may
        empty: str = "",  # what the empty list says goes there and how to add the first
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.load = load
        self.run_dialog: RunDialog = lambda dialog: dialog.exec()
        self.model: DtoTableModel[R] = DtoTableModel(columns, self)
        self._widened = False  # grown once to the first rows' columns
        self._build_ui(title, refusal)
        self.empty_hint = EmptyListHint(self.table, empty, search=self.search)
        self._connect_signals()
        self.resize(820, 480)

    def _build_ui(self, title: str, refusal: str) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("setup", "Search…"))
        self.search.setClearButtonEnabled(True)
        accessible(self.search, tr("setup", "Search"))
        self.proxy = SortProxy(self)  # sorts by the columns' Python keys (tuples, datetimes)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView(self)
        accessible(self.table, title)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.bar = QHBoxLayout()
        self.add_button = self.button(tr("setup", "&Add…"), self.add)
        self.edit_button = self.button(tr("setup", "&Edit…"), self.edit_selected)
        for b in (self.add_button, self.edit_button):
            b.setEnabled(not refusal)
            b.setToolTip(refusal)
        self.bar.addStretch(1)
        self.status = banner("", NOTE_STYLE, self)
        self.status.hide()
        self.error = ErrorLine(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(close)

    def button(self, text: str, slot: Callable[[], Any]) -> QPushButton:
        """A button in the row under the table."""
        b = QPushButton(text, self)
        accessible(b, text)
        b.clicked.connect(lambda _checked=False: slot())
        self.bar.addWidget(b)
        return b

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self.proxy.set_search)
        self.table.doubleClicked.connect(self._on_table_activated)

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the rows, keeping (or moving to) a selection."""
        keep = select_id if select_id is not None else getattr(self.selected(), "id", None)
        self.load(lambda rows: self._show_rows(rows, keep))

    def _show_rows(self, rows: Sequence[R], keep: int | None) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows and not self._widened:
            self._widened = True
            self._fit_width()
        if keep is not None:
            self.select_id(keep)

    def _fit_width(self) -> None:
        """Wide enough for every column the first rows need, within the screen's free width:
        a list that fits shows each record on one line without a sideways scroll."""
        header, columns = self.table.horizontalHeader(), self.model.columnCount()
        if columns == 0:
            return
        last = columns - 1
        wanted = sum(header.sectionSize(c) for c in range(last))
        # The last column stretches, never below the header's default section size.
        wanted += max(self.table.sizeHintForColumn(last), header.sectionSizeHint(last),
                      header.defaultSectionSize())  # fmt: skip
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        wanted += max(extent, self.table.verticalScrollBar().sizeHint().width())
        wanted += 2 * self.table.frameWidth()
        layout = self.layout()
        if layout is not None:
            margins = layout.contentsMargins()
            wanted += margins.left() + margins.right()
        if wanted > self.width():
            open_size(self, wanted, self.height())

    def selected(self) -> R | None:
        """The row selected in the table, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def select_id(self, record_id: int) -> bool:
        """Select the row of one record; True when it is shown."""
        for i in range(self.proxy.rowCount()):
            if getattr(self.proxy.data(self.proxy.index(i, 0), ROW_ROLE), "id", None) == record_id:
                self.table.selectRow(i)
                return True
        return False

    def _on_table_activated(self, _index: QModelIndex) -> None:
        if self.edit_button.isEnabled():
            self.edit_selected()

    def add(self) -> None:
        """Open the editor for a new record."""
        self.run_editor(None)

    def edit_selected(self) -> None:
        """Open the editor for the selected row (or say to choose one)."""
        row = self.selected()
        if row is None:
            self.error.show_message(tr("setup", "Choose a row in the list first."))
            return
        self.run_editor(row)

    def editor(self, row: R | None) -> EditDialog[Any]:
        """The dialog that edits `row` (None: a new record)."""
        raise NotImplementedError

    def run_editor(self, row: R | None) -> Saved | None:
        """Open the editor; after a save, reload, select the record and say what happened."""
        self.error.clear_message()
        dialog = self.editor(row)
        self.run_dialog(dialog)
        saved = dialog.saved
        if saved is not None:
            self.refresh(saved.record_id)
            self.show_status(saved.message, saved.warnings)
        elif dialog.stale:  # another desk changed the record: show it as it is now
            self.refresh()
        return saved

    def show_status(self, message: str, warnings: Sequence[str] = ()) -> None:
        """Say what the last save did, warnings highlighted."""
        self.status.setText("\n".join([message, *warnings]))
        self.status.setStyleSheet(ALERT_STYLE if warnings else NOTE_STYLE)
        self.status.setVisible(bool(message))
