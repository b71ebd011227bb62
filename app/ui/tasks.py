"""The one background-task helper: run a function on the thread pool, get signals back.

Long jobs are plain functions that take a `report(done, total)` callable, so they are tested
without Qt; here the callable becomes a queued signal to the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Report = Callable[[int, int], None]


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Report], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn(self._signals.progressed.emit)
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
        """Run `fn()` in the background; `on_done(result)` or `on_error(exc)` on the GUI thread."""
        self.submit_with_progress(lambda _report: fn(), on_done, on_error)

    def submit_with_progress(
        self,
        fn: Callable[[Report], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Report | None = None,
    ) -> None:
        """Like `submit`, but `fn(report)` may call `report(done, total)` from its thread."""
        if self.synchronous:
            self._run_inline(fn, on_done, on_error, on_progress)
            return
        signals = _Signals()
        self._live.add(signals)
        signals.finished.connect(on_done)
        if on_error is not None:
            signals.failed.connect(on_error)
        if on_progress is not None:
            signals.progressed.connect(on_progress)
        signals.finished.connect(lambda _r: self._live.discard(signals))
        signals.failed.connect(lambda _e: self._live.discard(signals))
        self._pool.start(_Task(fn, signals))

    @staticmethod
    def _run_inline(
        fn: Callable[[Report], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None,
        on_progress: Report | None,
    ) -> None:
        try:
            result = fn(on_progress or (lambda _d, _t: None))
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            on_done(result)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
