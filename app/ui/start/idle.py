"""Automatic sign-out after the practice's idle time: any key or mouse use keeps the desk awake."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Emits `idle` once the application has seen no input for `minutes` (0 = never)."""

    idle = Signal()

    def __init__(
        self,
        minutes: int,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.clock = clock
        self.last_input = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)

    def start(self, app: QObject) -> None:
        app.installEventFilter(self)
        if self.minutes > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY:
            self.last_input = self.clock()
        return False

    def check(self) -> bool:
        """Emit `idle` when the limit has passed; True if it did."""
        if self.minutes <= 0 or self.clock() - self.last_input < self.minutes * 60:
            return False
        self.last_input = self.clock()
        self.idle.emit()
        return True
