"""The one-line notes dialogs show: a service's refusal in place, a banner, and their styles.

Light on purpose (PySide6 and the translation function only): the sign-in dialog uses them and
paints before the database side has loaded (app/ui/start/quick_sign_in.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

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


def wrapped(text: str, parent: QWidget) -> QLabel:
    """A label whose text wraps onto as many lines as it needs."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label
