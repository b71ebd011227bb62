"""What a desk is offered once a worker has cancelled: assign a replacement, reschedule, or
leave the session cancelled."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.i18n import tr
from app.ui.lines import wrapped


class FollowUp(Enum):
    REPLACE = "replace"
    RESCHEDULE = "reschedule"
    LEAVE = "leave"


class WorkerFollowUpDialog(QDialog):
    """After a worker cancels: assign a replacement, reschedule, or leave it cancelled."""

    def __init__(
        self, label: str, free_count: int, parent: QWidget | None = None, *, others: int = 0
    ) -> None:
        super().__init__(parent)
        self.choice = FollowUp.LEAVE
        self.setWindowTitle(tr("move", "The worker cancelled — what next?"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(label, self))
        layout.addWidget(
            QLabel(tr("move", "{n} worker(s) are free in this slot.").format(n=free_count), self)
        )
        if others:  # a series cancelled: what is chosen here is for the session above only
            layout.addWidget(
                wrapped(
                    tr(
                        "move",
                        "The other {n} session(s) of the series stay cancelled: a replacement or "
                        "a new time chosen here is for this session only. Replace the worker or "
                        "reschedule each of the others from its own menu.",
                    ).format(n=others),
                    self,
                )
            )
        for choice, text in (
            (FollowUp.REPLACE, tr("move", "Assign &replacement worker…")),
            (FollowUp.RESCHEDULE, tr("move", "Re&schedule…")),
            (FollowUp.LEAVE, tr("move", "&Leave cancelled")),
        ):
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)

    def _choose(self, choice: FollowUp) -> None:
        self.choice = choice
        self.accept()
