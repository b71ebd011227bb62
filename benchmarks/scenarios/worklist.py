"""Scenario 10: the unresolved worklist, read at every refresh by every desk.

App: list_unresolved_past_sessions in a read transaction, what the window's Worklist tab reads
(started sessions nobody completed, cancelled or marked, oldest first), at the benchmark's
"now" on the large practice; a warm-up read, then the median of `size` reads. The budget is
absolute: it must not grow with the practice's history.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scenarios.common import app_context, arguments, emit  # noqa: E402


def main() -> None:
    args = arguments(__doc__.split("\n")[0], ("app",))
    n = args.size or 10
    from app.services.desk import open_desk
    from app.services.sessions.attendance import list_unresolved_past_sessions

    ctx = app_context(args.db, args.work)
    desk = open_desk(ctx.db)
    times, cpu, rows = [], [], 0
    for _ in range(n + 1):
        c = time.process_time()
        t = time.perf_counter()
        found = desk.read(list_unresolved_past_sessions)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        rows = len(found)
    emit(seconds=statistics.median(times[1:]), first=times[0], rows=rows,
         cpu_seconds=statistics.median(cpu[1:]))  # fmt: skip
    ctx.close()


if __name__ == "__main__":
    main()
