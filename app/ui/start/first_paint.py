"""Until the first week is on screen, the window's other loads wait: they would delay it.

`FirstPaint.after(kind, load)` runs a load at once, or keeps (the newest of its kind) until the
first schedule arrives; `release()` then runs what waited and, once the week is painted (or
soon anyway, should no paint come), emits `shown` once — the main window builds the rest of
itself then (`MainWindow.first_week_shown`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

# The rest of the window is built after the first week's paint, or after this at the latest.
FIRST_WEEK_PAINT_WAIT_MS = 1000


class FirstPaint(QObject):
    """Holds the loads that wait for the first week, and says when that week is painted."""

    shown = Signal()  # once, after the first week is on screen (or its load failed)

    def __init__(self, view: QAbstractScrollArea, window: QWidget) -> None:
        super().__init__(window)
        self.view = view
        self.host = window
        self._held: dict[str, Callable[[], None]] | None = {}
        self._pending = False  # `shown` is still to come

    @property
    def holding(self) -> bool:
        """True until the first schedule has arrived (its loads still wait)."""
        return self._held is not None

    def after(self, kind: str, load: Callable[[], None]) -> None:
        """Run `load` now, or (the newest of its kind) once the first schedule is shown."""
        if self._held is None:
            load()
        else:
            self._held[kind] = load

    def release(self) -> None:
        """The first schedule is in (or failed): run what waited, then await its paint."""
        held, self._held = self._held, None
        if held is None:
            return
        for load in held.values():
            load()
        self._pending = True
        if self.host.isVisible():
            self._await_paint()
        else:  # the window shows right after it is built (open_window): then wait for its paint
            QTimer.singleShot(0, self, self._on_released_hidden)

    def _await_paint(self) -> None:
        """Once the week is painted; should no paint come, soon anyway."""
        self.view.viewport().installEventFilter(self)
        QTimer.singleShot(FIRST_WEEK_PAINT_WAIT_MS, self, self._on_shown)

    def _on_released_hidden(self) -> None:
        if self._pending and self.host.isVisible():
            self._await_paint()
        else:  # a window never shown (a test's): nothing to wait for
            self._on_shown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and watched is self.view.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._on_shown)  # after the paint ends
        return False

    def _on_shown(self) -> None:
        if self._pending:
            self._pending = False
            self.view.viewport().removeEventFilter(self)
            self.shown.emit()
