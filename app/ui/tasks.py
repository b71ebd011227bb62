"""The one background-task helper: run a function on the thread pool, get a signal back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to the GUI thread, shown as a sentence there
            self._signals.failed.emit(exc)
        else:
            self._signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs callables off the GUI thread; `synchronous=True` runs inline (tests, tiny jobs)."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = QThreadPool.globalInstance()
        self._live: set[_Signals] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        if self.synchronous:
            try:
                result = fn()
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(exc)
            else:
                on_done(result)
            return
        signals = _Signals()
        self._live.add(signals)
        signals.finished.connect(on_done)
        if on_error is not None:
            signals.failed.connect(on_error)
        signals.finished.connect(lambda _r: self._live.discard(signals))
        signals.failed.connect(lambda _e: self._live.discard(signals))
        self._pool.start(_Task(fn, signals))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
