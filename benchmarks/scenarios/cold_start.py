"""Scenarios 1 and 7: cold start to the first painted week (and peak memory), or a bare window.

Timed from the top of this script (before any import) to the end of the first paint of the
schedule view holding the week's sessions. The app is built as `frontdesk` builds it (the
first week painted from the quick read, then prepare_database → open_desk → open_window: the
main window taking that week over, then every menu and panel), with the benchmark's fixed clock
so the week shown is the generated "now". The floor is a bare PySide6 QMainWindow
with a central widget: start, show, first paint.
"""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.scenarios.common import arguments, emit  # noqa: E402

WIDTH, HEIGHT = 1400, 860


def peak_rss_mb() -> float:
    """Peak resident memory of this process image (VmHWM; ru_maxrss survives exec on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    painted: list[float] = []
    app = QApplication(["bench-bare"])

    class Body(QWidget):
        def paintEvent(self, event: object) -> None:  # noqa: N802
            super().paintEvent(event)  # type: ignore[arg-type]
            if not painted:
                painted.append(time.perf_counter())
                QTimer.singleShot(0, app.quit)

    window = QMainWindow()
    window.setCentralWidget(Body(window))
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.exec()
    emit(seconds=painted[0] - T0, rss_mb=peak_rss_mb())


def frontdesk(db: Path, work: Path, wait_idle: bool, close: bool = False) -> None:
    """`frontdesk` as its GUI command starts it (app.cli), on the benchmark's clock.

    The collector off; the first week painted from the quick read (app/ui/start/first_week.py);
    then Startup → open_window, the main window taking that week over. The only change to
    the app's own start is the clock (the window opens on the generated "now" week). A daily
    backup made earlier today is in the data folder, as on every start after the first of the
    day (see the README: the first start of a day also copies the database), and the desk's
    Qt settings hold what its last session saved at its close (the `last_session` variant, run
    first in the same folder: geometry, panels, view, tab, palette), as on every start after
    a desk's first. The figure is the first paint of the week; `complete_seconds` is when the
    rest of the window (every menu and panel) is in place.
    """
    import gc

    gc.disable()  # as the GUI command does before its imports (app.cli)
    from app.ui.start.first_week import show_first_week

    # isort: split
    from datetime import UTC, datetime

    from PySide6.QtCore import QTimer

    from app.ui.schedule.view import ScheduleView
    from benchmarks.scenarios.common import NOW

    marks: dict[str, float] = {}
    original = ScheduleView.paintEvent

    def paint(view: ScheduleView, event: object) -> None:
        original(view, event)  # type: ignore[arg-type]
        if "painted" not in marks and view.blocks():
            marks["painted"] = time.perf_counter()
            done()

    def complete() -> None:
        marks["complete"] = time.perf_counter()
        done()

    def done() -> None:
        if len(marks) == 2:
            QTimer.singleShot(0, app.quit)

    ScheduleView.paintEvent = paint  # type: ignore[method-assign]
    backups = work / "data" / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (backups / f"frontdesk-{stamp}-daily.sqlite3").touch()
    url = f"sqlite:///{db}"
    first = show_first_week(url, work / "data", clock=lambda: NOW)
    # The database side loads after the week is painted, as in app.cli.
    from app.ui.start import startup
    from app.ui.start.application import make_application, open_window
    from benchmarks.scenarios.common import app_context

    startup.build = lambda _url, _data: app_context(db, work)  # type: ignore[assignment]
    app = make_application(["frontdesk"])
    # A dialog (sign-in, first run, rescue) would wait for a person: refuse it instead.
    opened = startup.Startup(url, work / "data", run_dialog=lambda _d: 0).open()
    if opened is None:
        raise SystemExit("the desk did not open")
    ctx, desk = opened
    window = open_window(desk, ctx, first=first)
    window.first_week_shown.connect(complete)  # after the rest of the window is built
    QTimer.singleShot(120_000, lambda: app.exit(3))  # never hang the run: no paint, no figure
    if app.exec() != 0 or len(marks) != 2:
        raise SystemExit("the schedule was never painted with sessions")
    blocks = len(window.view.blocks())
    if wait_idle:  # everything the window loads at start has arrived and been shown
        window.runner.wait(60_000)
        for _ in range(20):
            app.processEvents()
    emit(seconds=marks["painted"] - T0, complete_seconds=marks["complete"] - T0,
         rss_mb=peak_rss_mb(), blocks=blocks, quick=first is not None)  # fmt: skip
    if close:  # the end of the desk's last session: its window state is saved, as at a close
        window.close()
    else:
        window.shutdown()
    ctx.close()


def main() -> None:
    args = arguments(__doc__.split("\n")[0], ("app", "floor", "memory", "last_session"))
    if args.variant == "floor":
        bare()
    else:
        frontdesk(args.db, args.work, wait_idle=args.variant == "memory",
                  close=args.variant == "last_session")  # fmt: skip


if __name__ == "__main__":
    main()
