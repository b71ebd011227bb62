"""Scenarios 8 and 9: the start-of-day care of the database file, in the window as it runs.

The window is opened as `frontdesk` opens it (`run_desk`: sign-in policy, the main window, then
the file check the window starts in the background), on a private copy of the large practice
whose audit trail has yesterday's checkpoint (as a practice that backs up daily has). Two
starts in one process, in the same data folder:

1. the day's first start: the check and the daily backup (a copy of the whole file), and the
   audit checkpoint the backup anchors; `backup_seconds` is the backup's wall clock,
   `first_check_seconds` / `first_check_cpu_seconds` the whole care of that start;
2. a later start the same day (today's backup exists): `check_cpu_seconds` is the CPU the
   check costs that start (every thread of the process, from the check's start to its end);
   `stall_seconds` the longest the window's event loop went without running while the check
   ran (a 10 ms timer's lateness: how much the check delays the window), and
   `started_after_paint` whether the check began only after the week was painted.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.scenarios.common import (  # noqa: E402
    app_context,
    arguments,
    checkpoint_now,
    database,
    emit,
)

TICK_MS = 10


def one_start(db: Path, work: Path) -> dict[str, float]:
    """One start of the desk through run_desk, closed once the file check has finished."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from app.services.storage import backup
    from app.ui.schedule.view import ScheduleView
    from app.ui.start import application, startup
    from app.ui.start.qapp import make_application

    app = make_application(["frontdesk"])
    figures: dict[str, float] = {}
    marks: dict[str, float] = {}
    original_paint = ScheduleView.paintEvent
    original_backup = backup.daily_backup
    original_check = application.FileCheck

    def paint(view: ScheduleView, event: object) -> None:
        original_paint(view, event)  # type: ignore[arg-type]
        if "painted" not in marks and view.blocks():
            marks["painted"] = time.perf_counter()

    def timed_backup(*a: object, **k: object) -> object:
        t = time.perf_counter()
        try:
            return original_backup(*a, **k)  # type: ignore[arg-type]
        finally:
            figures["backup_seconds"] = time.perf_counter() - t

    class Watched(original_check):  # type: ignore[misc, valid-type]
        """The window's file check, watched: when it starts and ends, what it cost."""

        def __init__(self, *a: object, **k: object) -> None:
            super().__init__(*a, **k)
            self.checked.connect(self._finished_watch)
            self.failed.connect(self._finished_watch)
            self.ticker = QTimer(self)
            self.ticker.setInterval(TICK_MS)
            self.ticker.timeout.connect(self._tick)
            self.since = QElapsedTimer()
            self.stall = 0.0

        def start(self) -> None:
            if "check_started" not in marks:
                marks["check_started"] = time.perf_counter()
                marks["check_cpu"] = time.process_time()
                self.since.start()
                self.ticker.start()
            super().start()

        def _tick(self) -> None:
            self.stall = max(self.stall, (self.since.restart() - TICK_MS) / 1000)

        def _finished_watch(self, *_a: object) -> None:
            self.ticker.stop()
            figures["check_seconds"] = time.perf_counter() - marks["check_started"]
            figures["check_cpu_seconds"] = time.process_time() - marks["check_cpu"]
            figures["stall_seconds"] = max(0.0, self.stall)
            figures["started_after_paint"] = float(
                marks["check_started"] >= marks.get("painted", float("inf"))
            )
            self.window.close()  # the desk closes: run_desk returns

    ScheduleView.paintEvent = paint  # type: ignore[method-assign]
    backup.daily_backup = timed_backup  # type: ignore[assignment]
    application.FileCheck = Watched  # type: ignore[misc]
    startup.build = lambda _url, _data: app_context(db, work)  # type: ignore[assignment]
    try:
        QTimer.singleShot(300_000, lambda: app.exit(3))  # never hang the run
        code = application.run_desk(
            startup.Startup(f"sqlite:///{db}", work / "data", run_dialog=lambda _d: 0), app
        )
    finally:
        ScheduleView.paintEvent = original_paint  # type: ignore[method-assign]
        backup.daily_backup = original_backup
        application.FileCheck = original_check  # type: ignore[misc]
    if code != 0 or "check_seconds" not in figures:
        raise SystemExit(f"the file check did not finish (exit {code})")
    return figures


def main() -> None:
    args = arguments(__doc__.split("\n")[0], ("app",))
    db = database(args)
    work: Path = args.work
    checkpoint_now(db, work, "daily backup")  # yesterday's backup anchored the trail
    first = one_start(db, work)
    if "backup_seconds" not in first:
        raise SystemExit("the day's first start made no backup")
    later = one_start(db, work)
    emit(
        backup_seconds=first["backup_seconds"],
        first_check_seconds=first["check_seconds"],
        first_check_cpu_seconds=first["check_cpu_seconds"],
        check_cpu_seconds=later["check_cpu_seconds"],
        check_seconds=later["check_seconds"],
        stall_seconds=later["stall_seconds"],
        started_after_paint=later["started_after_paint"],
        later_backup=float("backup_seconds" in later),
        file_mb=db.stat().st_size / 1024**2,
    )


if __name__ == "__main__":
    main()
