"""Small pieces every lifecycle dialog shares: the error line, client pickers, message boxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import BookingInfo
from app.ui.i18n import tr

ERROR_STYLE = "color: palette(bright-text); background: #b3261e; padding: 6px; border-radius: 4px;"
ALERT_STYLE = (
    "color: #3b2a00; background: #ffd666; padding: 8px; border-radius: 4px; font-weight: bold;"
)
NOTE_STYLE = (
    "color: palette(text); background: palette(alternate-base); padding: 6px; border-radius: 4px;"
)


class ErrorLine(QLabel):
    """A hidden line that shows the sentence a service raised, on the page that owns the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setAccessibleName(tr("dialogs", "Problem"))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


def banner(text: str, style: str = NOTE_STYLE, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


class ClientPicker(QWidget):
    """One check box per booked client; emits when the choice changes."""

    changed = Signal()

    def __init__(self, clients: Sequence[BookingInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[int, QCheckBox] = {}
        for info in clients:
            box = QCheckBox(info.client_name, self)
            box.setAccessibleName(info.client_name)
            box.toggled.connect(self.changed)
            layout.addWidget(box)
            self.boxes[info.booking_id] = box
        if len(self.boxes) == 1:
            next(iter(self.boxes.values())).setChecked(True)

    def chosen(self) -> list[int]:
        return [bid for bid, box in self.boxes.items() if box.isChecked()]

    def set_chosen(self, booking_ids: Sequence[int]) -> None:
        for bid, box in self.boxes.items():
            box.setChecked(bid in booking_ids)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


@dataclass(frozen=True)
class Destructive:
    """A destructive question: what it does, what goes, and the two buttons that say so."""

    title: str
    question: str
    do: str  # the destructive button, e.g. "Delete permanently"
    keep: str  # the safe button, e.g. "Keep session" — the default, and what Escape does
    details: tuple[str, ...] = ()  # what goes, one line each
    reason_label: str = ""  # when set, a reason is required (up to REASON_MAX characters)


REASON_MAX = 255


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
