"""Every message box of the window in one module, so tests patch them here and nothing blocks.

Plain boxes (inform, warn, ask, critical, about) and the destructive question whose safe button
is the default (ask_destructive); and what a finished write says, on the status bar (say_result).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n import tr

REASON_MAX = 255
SAID_MS = 8000  # how long a finished write's sentence stays on the status bar


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question; No is the default, so Return never confirms by accident."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A short information message."""
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A refusal or failure, as the sentence the service raised."""
    QMessageBox.warning(parent, title, text)


def critical(parent: QWidget | None, title: str, text: str) -> None:
    """Something that stops FrontDesk from going on (start-up)."""
    QMessageBox.critical(parent, title, text)


def about(parent: QWidget | None, title: str, text: str) -> None:
    """The About box."""
    QMessageBox.about(parent, title, text)


def say_result(parent: QWidget | None, result: object) -> None:
    """A finished write's sentence (its `message`: what was done, and what is owed now) on the
    status bar of the window `parent` is in; its changes fanned out already."""
    window = parent.window() if parent is not None else None
    message = getattr(result, "message", "")
    if isinstance(window, QMainWindow) and message:
        window.statusBar().showMessage(message, SAID_MS)


@dataclass(frozen=True)
class Destructive:
    """A destructive question: what it does, what goes, and the two buttons that say so."""

    title: str
    question: str
    do: str  # the destructive button, e.g. "Delete permanently"
    keep: str  # the safe button, e.g. "Keep session" — the default, and what Escape does
    details: tuple[str, ...] = ()  # what goes, one line each
    reason_label: str = ""  # when set, a reason is required (up to REASON_MAX characters)


class ConfirmDialog(QDialog):
    """Asks before something that can't be taken back; the safe button is the default.

    Enter and Escape both keep things as they are: only a click (or Tab to it) on the button that
    names the destructive step goes ahead. With a reason asked, that button waits for one.
    """

    def __init__(self, question: Destructive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(question.title)
        self.setObjectName("confirmDialog")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.question = QLabel(question.question, self)
        self.question.setObjectName("confirmQuestion")
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.question)
        self.details = QLabel("\n".join(f"• {line}" for line in question.details), self)
        self.details.setObjectName("confirmDetails")
        self.details.setWordWrap(True)
        self.details.setAccessibleName(tr("dialogs", "What this does"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(question.details))
        layout.addWidget(self.details)
        self.reason: QLineEdit | None = None
        if question.reason_label:
            layout.addWidget(QLabel(question.reason_label, self))
            self.reason = QLineEdit(self)
            self.reason.setMaxLength(REASON_MAX)
            self.reason.setAccessibleName(tr("dialogs", "Reason"))
            layout.addWidget(self.reason)
        self._build_buttons(question, layout)

    def _build_buttons(self, question: Destructive, layout: QVBoxLayout) -> None:
        box = QDialogButtonBox(self)
        self.keep_button = box.addButton(question.keep, QDialogButtonBox.ButtonRole.RejectRole)
        self.do_button = box.addButton(question.do, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.do_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        )
        # Enter presses the default button, whichever has focus: never the destructive one.
        self.do_button.setAutoDefault(False)
        self.keep_button.setAutoDefault(False)
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(self.reject)
        self.do_button.clicked.connect(self.accept)
        layout.addWidget(box)
        if self.reason is not None:
            self.reason.textChanged.connect(self._sync)
            self.reason.setFocus()
        else:
            self.keep_button.setFocus()
        self._sync()

    def _sync(self) -> None:
        if self.reason is not None:
            self.do_button.setEnabled(bool(self.reason.text().strip()))

    def reason_text(self) -> str:
        return self.reason.text().strip() if self.reason is not None else ""


def ask_destructive(parent: QWidget | None, question: Destructive) -> str | None:
    """None when the person kept things (the default); else the reason typed ("" if none asked)."""
    dialog = ConfirmDialog(question, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason_text()


SAVE, DISCARD, KEEP_EDITING = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """“Save the changes to <name>?” with Save / Discard / Cancel: SAVE, DISCARD or KEEP_EDITING.

    Cancel — keep the form open, nothing lost — is the default button and what Escape does.
    """
    return _ask_unsaved(
        parent,
        tr("dialogs", "Save the changes to {name}?").format(name=name),
        tr("dialogs", "Discard throws away what you changed; Cancel goes back to the form."),
        can_save=True,
    )


def ask_discard_unsaved(parent: QWidget | None, question: str, why: str) -> bool:
    """The same question for text that can't be saved any more: Discard / Cancel, Cancel the
    default and what Escape does. True to discard."""
    return _ask_unsaved(parent, question, why, can_save=False) == DISCARD


def _ask_unsaved(parent: QWidget | None, text: str, why: str, *, can_save: bool) -> str:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("dialogs", "Unsaved changes"))
    box.setText(text)
    box.setInformativeText(why)
    save = box.addButton(QMessageBox.StandardButton.Save) if can_save else None
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if save is not None and clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return KEEP_EDITING
