"""Scenarios 1, 1a/1b, 3a and 7: starts of the desk (and peak memory), or a bare window.

Timed from the top of this script (before any import) to the end of the first paint of the
schedule view holding the week's sessions. The app is built as `frontdesk` builds it (the
first week painted from the quick read, then prepare_database → open_desk → open_window: the
main window taking that week over, then every menu and panel), with the benchmark's fixed clock
so the week shown is the generated "now". The floor is a bare PySide6 QMainWindow
with a central widget: start, show, first paint.

Variants: `app` (the single-user desk's quick path), `sign_in` (the default desk: launch → the
sign-in dialog painted; then OK with the password typed → the week painted), `memory` (the
quick-path start, every start-up load arrived: the peak memory; then, on its own copy, the
day's first client cancellation in that fresh process), `floor`; `last_session` and `sign_in_last_session` are the
desk's previous session, run first, unmeasured, in the same folder.
"""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.scenarios.common import arguments, database, emit  # noqa: E402

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


def frontdesk(
    db: Path, work: Path, wait_idle: bool, close: bool = False, first_cancel: bool = False
) -> None:
    """`frontdesk` as its GUI command starts it (app.cli), on the benchmark's clock.

    The collector off; the file opened and today's week read ahead (app/ui/start/launch.py),
    the first week painted from the quick read (app/ui/start/first_week.py); then Startup → open_window, the main window taking that week over. The only change to
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
    from datetime import UTC, datetime

    from app.ui.start.launch import open_first_week
    from benchmarks.scenarios.common import NOW

    backups = work / "data" / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (backups / f"frontdesk-{stamp}-daily.sqlite3").touch()
    url = f"sqlite:///{db}"
    # As app.ui.start.launch: the file opened and today's week read ahead, then the window's
    # modules loaded and the week shown.
    found = open_first_week(url, work / "data", clock=lambda: NOW)
    from app.ui.start.first_week import show_week

    # isort: split
    from PySide6.QtCore import QTimer

    from app.ui.schedule.view import ScheduleView

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
    first = show_week(*found) if found is not None else None
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
    if wait_idle:  # everything the window loads at start has arrived
        settle(app, window)
    rss_mb = peak_rss_mb()  # on the week, before anything else is opened
    extra = cancel_first(desk) if first_cancel else {}
    emit(seconds=marks["painted"] - T0, complete_seconds=marks["complete"] - T0,
         rss_mb=rss_mb, blocks=blocks, quick=first is not None, **extra)  # fmt: skip
    if close:  # the end of the desk's last session: its window state is saved, as at a close
        window.close()
    else:
        window.shutdown()
    ctx.close()


def settle(app: object, window: object, quiet_ms: int = 1500) -> None:
    """Every start-up load has arrived and been shown (and background preloads have run)."""
    deadline = time.perf_counter() + quiet_ms / 1000
    while time.perf_counter() < deadline:
        window.runner.wait(60_000)  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def cancel_first(desk: object) -> dict[str, float]:
    """The day's first client cancellation in this process: preview, then confirm.

    Timed from the click: the cancel wizard's module (imported on first use unless the window
    already has it), the reasons, preview_cancellation and cancel, as the wizard runs them.
    """
    from datetime import timedelta

    from benchmarks.scenarios.cancel_one import targets
    from benchmarks.scenarios.common import NOW

    sid, version, booking = targets(desk, 1)[0]
    t = time.perf_counter()
    import app.ui.sessions.cancel_wizard  # noqa: F401
    from app.models.enums import CancelledBy
    from app.services.dto import CancelRequest
    from app.services.sessions.cancel import cancel, preview_cancellation, reasons_for

    reason = desk.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))[0][0]  # type: ignore[attr-defined]
    req = CancelRequest(sid, CancelledBy.CLIENT, NOW - timedelta(minutes=2), reason, (booking,),
                        note="Called reception", expected_version=version)  # fmt: skip
    p = time.perf_counter()
    desk.read(lambda uow: preview_cancellation(uow, req))  # type: ignore[attr-defined]
    desk.write(lambda uow: cancel(uow, req))  # type: ignore[attr-defined]
    done = time.perf_counter()
    return {"first_cancel_ms": (done - t) * 1000, "first_cancel_service_ms": (done - p) * 1000}


def default_desk(args: object, close: bool = False) -> None:
    """The default desk (sign-in on), as `frontdesk` starts it: the sign-in dialog painted from
    the quick read (app/ui/start/quick_sign_in.py), then the database side while it is up. 1a:
    the dialog's first paint (from the top of the script); 1b: from OK (user name and password
    typed; the argon2 check) to the first paint of the week; 1c: the longest a key typed into
    the painted dialog waits before the dialog takes the keyboard. Before the dialog takes the
    keyboard, the start also loads the window's modules, reads its week and builds the frame
    that paints it once the password is checked (app/ui/start/ahead.py), as the quick path
    paints its week before the main window is built; OK is pressed as soon as the dialog takes
    it, and `seconds` (launch → week) counts all of that. `window_seconds`: from OK to the main
    window's own first paint of the week.
    """
    import gc

    gc.disable()  # as the GUI command does (app.ui.start.launch)
    db = database(args)  # type: ignore[arg-type]
    work: Path = args.work  # type: ignore[attr-defined]
    if args.variant == "sign_in_last_session":  # type: ignore[attr-defined]
        import sqlite3

        conn = sqlite3.connect(db)
        conn.execute("UPDATE practice_settings SET single_user_mode = 0")  # the default desk
        conn.commit()
        conn.close()
    from app.services.schedule import quick_week

    url = f"sqlite:///{db}"
    if quick_week.connect_url(url, work / "data") is not None:
        raise SystemExit("the default desk took the quick path: is single-user mode off?")
    # As app.ui.start.launch: the sign-in dialog painted first, the database side after it.
    from app.ui.start.quick_sign_in import load_while_typing, show_sign_in

    early = show_sign_in(url, work / "data")
    marks: dict[str, float] = {"dialog": time.perf_counter()}  # it returns once painted
    if early is None:
        raise SystemExit("the default desk did not paint the sign-in dialog first")
    # How long a key typed into the painted dialog could wait: the longest stretch without the
    # event loop's attention, from the paint until the dialog has the keyboard for good.
    from PySide6.QtCore import QTimer

    ticks = [marks["dialog"]]
    held = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        held[0] = max(held[0], now - ticks[-1])
        ticks.append(now)

    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    ticker.start()
    load_while_typing(early)  # as app.ui.start.launch: the rest loads while the dialog takes keys
    from app.ui.start import startup
    from app.ui.start.application import make_application, open_window
    from benchmarks.scenarios.common import app_context

    # isort: split
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    def run_dialog(dialog: QDialog) -> int:
        from app.services.practice import DEFAULT_ADMIN
        from benchmarks.generate import PASSWORD

        if dialog is not early:
            raise SystemExit(f"expected the painted sign-in dialog, got {type(dialog).__name__}")
        ticker.stop()
        tick()  # the stretch up to now: the dialog takes keys from here on
        dialog.username.setText(DEFAULT_ADMIN)  # type: ignore[attr-defined]
        dialog.password.setText(PASSWORD)  # type: ignore[attr-defined]
        marks["ok"] = time.perf_counter()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]
        marks["accepted"] = time.perf_counter()
        return dialog.result()

    from app.ui.schedule.view import ScheduleView

    original = ScheduleView.paintEvent
    looping: list[bool] = []

    def paint(view: ScheduleView, event: object) -> None:
        """The week's first paint after OK (the frame the start shows at once, or the main
        window), and the main window's own first paint of it."""
        original(view, event)  # type: ignore[arg-type]
        if "ok" not in marks or not view.blocks():
            return
        marks.setdefault("painted", time.perf_counter())
        if "window" not in marks and view.window().objectName() == "mainWindow":
            marks["window"] = time.perf_counter()
            if looping:
                QTimer.singleShot(0, app.quit)

    ScheduleView.paintEvent = paint  # type: ignore[method-assign]
    startup.build = lambda _url, _data: app_context(db, work)  # type: ignore[assignment]
    app = make_application(["frontdesk"])
    start = startup.Startup(url, work / "data", run_dialog=run_dialog, early=early)
    opened = start.open()
    if opened is None:
        raise SystemExit("the desk did not open (sign-in refused?)")
    ctx, desk = opened
    window = open_window(desk, ctx, first=start.ahead)  # as run_desk opens it
    looping.append(True)
    QTimer.singleShot(120_000, lambda: app.exit(3))
    if app.exec() != 0 or "window" not in marks:
        raise SystemExit("the schedule was never painted with sessions")
    emit(dialog_seconds=marks["dialog"] - T0, signed_in_seconds=marks["painted"] - marks["ok"],
         password_check_seconds=marks["accepted"] - marks["ok"],
         window_seconds=marks["window"] - marks["ok"], keys_held_seconds=held[0],
         seconds=marks["painted"] - T0, blocks=len(window.view.blocks()))  # fmt: skip
    if close:
        settle(app, window, 300)
        window.close()
    else:
        window.shutdown()
    ctx.close()


VARIANTS = ("app", "floor", "memory", "last_session", "sign_in", "sign_in_last_session")


def main() -> None:
    args = arguments(__doc__.split("\n")[0], VARIANTS)
    if args.variant == "floor":
        bare()
    elif args.variant.startswith("sign_in"):
        default_desk(args, close=args.variant == "sign_in_last_session")
    else:
        # `memory` (on its own copy) then makes the day's first cancellation (scenario 3a).
        frontdesk(database(args), args.work, wait_idle=args.variant == "memory",
                  close=args.variant == "last_session",
                  first_cancel=args.variant == "memory" and args.copy)  # fmt: skip


if __name__ == "__main__":
    main()
