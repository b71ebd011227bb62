"""The status-bar badge: how many messages need a person (failed + to-dos); click opens them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from app.services.outbox import OutboxCounts
from app.ui.i18n import tr

BADGE_STYLE = (
    "QToolButton { color: #3b2a00; background: #ffd666; border-radius: 8px; "
    "padding: 1px 8px; font-weight: bold; }"
)


class StatusBadge(QToolButton):
    """Hidden while nothing needs attention; otherwise a count and a tooltip saying what."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self.setObjectName("outboxBadge")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(BADGE_STYLE)
        self.setAccessibleName(tr("outbox", "Outbox alerts"))
        self.clicked.connect(self.open_requested)
        self.hide()

    def count(self) -> int:
        return self._count

    def set_counts(self, counts: OutboxCounts) -> None:
        # Each count a plain name: the catalogue collects a plural only when its count is one.
        self._count = waiting = counts.needs_attention
        failed, manual = counts.failed, counts.manual
        self.setText(tr("outbox", "⚠ Outbox: %n", "", waiting))
        parts = []
        if failed:
            parts.append(tr("outbox", "%n message(s) failed", "", failed))
        if manual:
            parts.append(tr("outbox", "%n manual to-do(s)", "", manual))
        tip = "; ".join(parts) + ". " + tr("outbox", "Click to open the outbox.")
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self.setVisible(self._count > 0)

    def set_unavailable(self, why: str) -> None:
        """The outbox could not be read (database busy): say so rather than show a stale count."""
        self.setToolTip(tr("outbox", "Outbox not checked: {why}").format(why=why))
