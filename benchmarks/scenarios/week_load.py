"""Scenario 2: one week of the schedule for all workers, query → DTOs → layout → first paint.

The app variant does what the window does when the user pages to a week: load_snapshot in a
read transaction (change marker, sessions, their clients, the workers), then the schedule view's
set_snapshot and the view's first paint of that week (which lays the week out), under the
window's garbage-collector policy. The floor fetches
the same rows with plain sqlite3 and the same SQL shape, keeping the raw tuples. Each process
loads a warm-up week, then `size` other weeks around "now" (past and future); the figure is the
median of those loads.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.scenarios.common import NOW, app_context, arguments, emit  # noqa: E402

TZ = ZoneInfo("Australia/Sydney")


def weeks(n: int) -> list[list[date]]:
    """A warm-up week, then n weeks spread either side of "now" (like paging back and forth)."""
    today = NOW.astimezone(TZ).date()
    monday = today - timedelta(days=today.weekday())
    offsets = [-30] + [k for k in range(-(n // 2), n - n // 2)]
    return [[monday + timedelta(weeks=o, days=d) for d in range(7)] for o in offsets]


def bounds(days: list[date]) -> tuple[datetime, datetime]:
    from datetime import UTC
    from datetime import time as dtime

    start = datetime.combine(days[0], dtime.min, TZ).astimezone(UTC)
    end = datetime.combine(days[-1] + timedelta(days=1), dtime.min, TZ).astimezone(UTC)
    return start, end


def app_variant(db: Path, work: Path, n: int) -> None:
    from app.services.desk import open_desk
    from app.services.schedule import queries as schedule_queries
    from app.ui import qt_compat
    from app.ui.schedule.range import ViewMode
    from app.ui.schedule.view import ScheduleView
    from app.ui.start.application import make_application

    app = make_application(["bench"])
    # The window's collector policy (MainWindow sets it): no automatic collections during a
    # load, a full one on a GUI-thread timer instead.
    qt_compat.collect_garbage_on_gui_thread(app)
    ctx = app_context(db, work)
    desk = open_desk(ctx.db)
    view = ScheduleView(TZ, NOW)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    times, queries, cpu, paints, blocks = [], [], [], [], 0
    for days in weeks(n):
        start, end = bounds(days)
        c = time.process_time()
        t = time.perf_counter()
        snap = desk.read(lambda uow: schedule_queries.load_snapshot(uow, start, end))  # noqa: B023
        q = time.perf_counter()
        view.set_snapshot(snap, ViewMode.WEEK, days)
        laid_out = time.perf_counter()
        view.viewport().repaint()  # the first paint of the new week, as the user sees it
        times.append(time.perf_counter() - t)
        paints.append(time.perf_counter() - laid_out)
        queries.append(q - t)
        cpu.append(time.process_time() - c)
        blocks = max(blocks, len(snap.blocks))
        app.processEvents()
    laid = len(view.layout_.by_id)
    emit(
        seconds=statistics.median(times[1:]),
        first=times[0],
        blocks=blocks,
        laid=laid,
        query_seconds=statistics.median(queries[1:]),
        paint_seconds=statistics.median(paints[1:]),
        cpu_seconds=statistics.median(cpu[1:]),
    )
    ctx.close()


SESSIONS_SQL = """
SELECT s.id, s.version, s.worker_id, w.name, sv.code, sv.name, sv.colour, l.name,
       s.starts_at, s.ends_at, s.status, s.kind, s.capacity, s.price_cents, s.series_id
FROM sessions s JOIN workers w ON w.id = s.worker_id JOIN services sv ON sv.id = s.service_id
LEFT OUTER JOIN locations l ON l.id = s.location_id
WHERE s.starts_at < ? AND s.starts_at >= ? AND s.ends_at > ?
ORDER BY s.starts_at, s.id
"""
CLIENTS_SQL = """
SELECT b.session_id, b.id, b.client_id, c.first_name, c.last_name, b.status, b.version
FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN clients c ON c.id = b.client_id
WHERE s.starts_at < ? AND s.starts_at >= ? AND s.ends_at > ?
ORDER BY b.session_id, b.id
"""
# Like the app, the inactive workers shown are those the week's sessions name.
WORKERS_SQL = """
SELECT id, name, colour, skills, active FROM workers WHERE active = 1 OR id IN ({busy})
ORDER BY name, id
"""


def floor_variant(db: Path, n: int) -> None:
    import sqlite3

    from benchmarks.datagen.store import ts

    conn = sqlite3.connect(db)
    times, cpu, rows = [], [], 0
    for days in weeks(n):
        start, end = bounds(days)
        s, e, lo = ts(start), ts(end), ts(start - timedelta(hours=24))
        c = time.process_time()
        t = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("SELECT max(id) FROM audit_events").fetchone()
        sessions = conn.execute(SESSIONS_SQL, (e, lo, s)).fetchall()
        clients = conn.execute(CLIENTS_SQL, (e, lo, s)).fetchall()
        busy = sorted({row[2] for row in sessions})
        marks = ", ".join("?" * len(busy))
        workers = conn.execute(WORKERS_SQL.format(busy=marks), busy).fetchall()
        conn.execute("COMMIT")
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        rows = max(rows, len(sessions))
        del clients, workers
    emit(
        seconds=statistics.median(times[1:]),
        first=times[0],
        blocks=rows,
        cpu_seconds=statistics.median(cpu[1:]),
    )
    conn.close()


def main() -> None:
    args = arguments(__doc__.split("\n")[0])
    n = args.size or 10
    if args.variant == "floor":
        floor_variant(args.db, n)
    else:
        app_variant(args.db, args.work, n)


if __name__ == "__main__":
    main()
