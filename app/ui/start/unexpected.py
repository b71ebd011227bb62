"""An error nobody caught, in the window: the details go to the log, the person reads one sentence.

`install(app)` (at the window's start, app/ui/start/launch.py) has every uncaught error — in a
slot, a paint, a background thread — logged by app.logs and then shows one plain sentence,
on the GUI thread and after the event that failed has returned; the window goes on. Qt's own
criticals go to the log too (its warnings only when the log is set to DEBUG).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from app import logs
from app.ui import messages
from app.ui.i18n import tr

log = logging.getLogger("app.qt")
QUIET_SECONDS = 10.0  # after one sentence is closed, the same trouble repeating shows no box


def sentence() -> str:
    """What the person reads."""
    return tr(
        "unexpected",
        "Something went wrong and FrontDesk could not finish that. The details were saved in "
        "the log (Help ▸ Open log folder); what was saved before is safe.",
    )


class Unexpected(QObject):
    """Shows the sentence once per trouble: never two boxes, never one per repaint."""

    happened = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self._quiet_until = 0.0
        # Queued, from whichever thread failed: the box opens once the failing event is over.
        self.happened.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self) -> None:
        if self._showing or time.monotonic() < self._quiet_until:
            return
        self._showing = True
        try:
            messages.warn(QApplication.activeWindow(), tr("unexpected", "FrontDesk"), sentence())
        finally:
            self._showing = False
            self._quiet_until = time.monotonic() + QUIET_SECONDS


_LEVELS = {
    QtMsgType.QtFatalMsg: logging.CRITICAL,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtWarningMsg: logging.DEBUG,
}


def _qt_handler(
    previous: Callable[[QtMsgType, QMessageLogContext, str], None] | None,
) -> Callable[[QtMsgType, QMessageLogContext, str], None]:
    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = _LEVELS.get(kind)
        if level is not None:
            log.log(level, "Qt: %s", logs.Said(message))
        if kind == QtMsgType.QtFatalMsg:  # Qt ends the program next: the file first
            for handler in logging.getLogger().handlers:
                handler.flush()
        if previous is not None:
            previous(kind, context, message)
        elif kind != QtMsgType.QtDebugMsg and sys.stderr is not None:
            print(message, file=sys.stderr)  # as Qt's own handler would, for a console

    return handle


_kept: list[Unexpected] = []


def install(parent: QObject | None = None) -> Callable[[], None]:
    """Errors nobody caught show the sentence over the window; returns the undo (tests).

    Made before the QApplication is fine: the reporter lives on this (the GUI) thread.
    """
    reporter = Unexpected(parent)
    _kept.append(reporter)
    logs.install_hooks()
    forget = logs.on_unexpected(reporter.happened.emit)
    previous = qInstallMessageHandler(_qt_handler(None))
    if previous is not None:  # someone's handler (a test's) hears Qt's messages still
        qInstallMessageHandler(_qt_handler(previous))

    def undo() -> None:
        forget()
        qInstallMessageHandler(previous)
        _kept.remove(reporter)
        reporter.deleteLater()

    return undo
