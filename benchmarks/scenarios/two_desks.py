"""Scenario 13: a change at one desk → the time until another desk has refreshed, and its cost.

Two desks on one SQLite file (a private copy), in separate processes, each with its own data
folder and settings. The measured process is the idle desk: the window opened as `frontdesk`
opens it, on the "now" week, every start-up load arrived. Then another process (the `writer`
variant: the app's own context on the same file) cancels a booked client's session of that
week through the service, as its wizard does, and says when its transaction committed.

`refresh_seconds`: from that commit (wall clock, both processes on one machine) to the moment
the idle desk has taken in the change (it noticed it, and every load it started because of it
has arrived and been handled on the GUI thread). `idle_cpu_seconds`: the CPU the idle desk's
process spent on it over that time (every thread), less what it spends idling (measured over
the same length of time just before); `raw_cpu_seconds` is without that correction.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.scenarios.common import app_context, arguments, database, emit  # noqa: E402

COMMITTED = "COMMITTED "
BASELINE_S = 1.0


def writer(db: Path, work: Path) -> None:
    """The other desk: one client cancellation of the shown week, then its commit time."""
    from datetime import timedelta

    from app.models.enums import CancelledBy
    from app.services.desk import open_desk
    from app.services.dto import CancelRequest
    from app.services.sessions.cancel import cancel, preview_cancellation, reasons_for
    from benchmarks.scenarios.cancel_one import targets
    from benchmarks.scenarios.common import NOW

    ctx = app_context(db, work)
    desk = open_desk(ctx.db)
    reason = desk.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))[0][0]
    sid, version, booking = targets(desk, 1)[0]
    req = CancelRequest(sid, CancelledBy.CLIENT, NOW - timedelta(minutes=2), reason, (booking,),
                        note="Called reception", expected_version=version)  # fmt: skip
    desk.read(lambda uow: preview_cancellation(uow, req))
    desk.write(lambda uow: cancel(uow, req))
    print(f"{COMMITTED}{time.time()!r} {sid}", flush=True)
    ctx.close()


def idle_desk(db: Path, work: Path) -> None:

    from app.ui.start import startup
    from app.ui.start.application import make_application, open_window

    startup.build = lambda _url, _data: app_context(db, work)  # type: ignore[assignment]
    app = make_application(["frontdesk"])
    opened = startup.Startup(f"sqlite:///{db}", work / "data", run_dialog=lambda _d: 0).open()
    if opened is None:
        raise SystemExit("the desk did not open")
    ctx, desk = opened
    window = open_window(desk, ctx)
    runner = window.runner

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.005)

    spin(0.5)
    for _ in range(20):  # the first week painted, every start-up load arrived and handled
        runner.wait(60_000)
        spin(0.3)
        if not runner._live:
            break
    c0, t0 = time.process_time(), time.perf_counter()
    spin(BASELINE_S)  # what the desk spends idling (its timers, its change polls)
    idle_rate = (time.process_time() - c0) / (time.perf_counter() - t0)

    marks: dict[str, float] = {}
    window.loader.changed_elsewhere.connect(
        lambda _m: marks.setdefault("noticed", time.time())
    )  # fmt: skip
    other = work / "other"
    env = {**os.environ, "FRONTDESK_DATA_DIR": str(other / "data"),
           "XDG_CONFIG_HOME": str(other / "config")}  # fmt: skip
    cpu_before, wall_before = time.process_time(), time.time()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--db", str(db), "--work", str(other), "--variant", "writer"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.perf_counter() + 120
    while proc.poll() is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)
    out, err = proc.communicate(timeout=60)
    line = next((x for x in out.splitlines() if x.startswith(COMMITTED)), None)
    if line is None:
        raise SystemExit(f"the other desk made no change:\n{err[-2000:]}")
    committed = float(line[len(COMMITTED) :].split()[0])
    # Until the change is noticed and every load it started has arrived and been handled.
    quiet_since = None
    while time.perf_counter() < deadline:
        app.processEvents()
        busy = bool(runner._live) or "noticed" not in marks
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 0.2:
            break
        time.sleep(0.002)
    if "noticed" not in marks or quiet_since is None:
        raise SystemExit("the idle desk never took the change in")
    refreshed = quiet_since
    cpu_spent = time.process_time() - cpu_before  # from the other process's start: it includes
    span = time.time() - wall_before  # the idle desk idling meanwhile, taken off below
    window.shutdown()
    ctx.close()
    emit(
        refresh_seconds=refreshed - committed,
        notice_seconds=marks["noticed"] - committed,
        idle_cpu_seconds=max(0.0, cpu_spent - idle_rate * span),
        raw_cpu_seconds=cpu_spent,
        idle_cpu_per_second=idle_rate,
    )


def main() -> None:
    args = arguments(__doc__.split("\n")[0], ("app", "writer"))
    if args.variant == "writer":
        writer(Path(args.db), args.work)
        return
    idle_desk(database(args), args.work)


if __name__ == "__main__":
    main()
