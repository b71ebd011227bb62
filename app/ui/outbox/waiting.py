"""The status-bar line that says client e-mails are waiting because e-mail is not set up."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.i18n import tr

WAITING_STYLE = (
    "QLabel { color: #3b2a00; background: #ffd666; padding: 1px 6px; border-radius: 4px; }"
)


def waiting_text(count: int) -> str:
    if count == 1:
        return tr("outbox", "1 client message waiting: e-mail is not set up")
    return tr("outbox", "{n} client messages waiting: e-mail is not set up").format(n=count)


class EmailWaiting(QWidget):
    """Hidden while nothing waits; otherwise the count and a button that opens the settings."""

    set_up_requested = Signal()

    def __init__(self, can_set_up: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailWaiting")
        self._count = 0
        self.label = QLabel(self)
        self.label.setObjectName("emailWaitingText")
        self.label.setAccessibleName(tr("outbox", "Messages waiting for e-mail"))
        self.label.setStyleSheet(WAITING_STYLE)
        self.button = QPushButton(tr("outbox", "Set up e-&mail…"), self)
        self.button.setAccessibleName(tr("outbox", "Set up e-mail"))
        self.button.setEnabled(can_set_up)
        if not can_set_up:
            self.button.setToolTip(
                tr("outbox", "An administrator enters the mail server in Tools ▸ Settings.")
            )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.button.clicked.connect(self.set_up_requested)
        self.hide()

    def count(self) -> int:
        return self._count

    def text(self) -> str:
        return self.label.text()

    def set_waiting(self, count: int) -> None:
        self._count = count
        self.label.setText(waiting_text(count) if count else "")
        self.label.setToolTip(
            tr(
                "outbox",
                "They are kept in the outbox and go out once the mail server is entered.",
            )
        )
        self.setVisible(count > 0)
