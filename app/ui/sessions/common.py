"""Small pieces every lifecycle dialog shares: the error line, client pickers, message boxes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
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
