"""Scenario 6: CSV export of 100,000 audit events, as the audit view's Export does it.

App: audit_log (the filtered events, newest first, with "what changed" worked out) for the
newest `size` events, then write_audit_csv. The figure is load + write: what the user waits
for after choosing the file. Floor (for reference; the budget is absolute): plain sqlite3
rows written with the csv module, before/after copied as stored.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scenarios.common import app_context, arguments, emit  # noqa: E402


def app_variant(db: Path, work: Path, n: int) -> None:
    from app.services.audit_log import AuditFilter, audit_log, write_audit_csv
    from app.services.desk import open_desk

    ctx = app_context(db, work)
    desk = open_desk(ctx.db)
    target = work / "audit.csv"
    t = time.perf_counter()
    log = desk.read(lambda uow: audit_log(uow, AuditFilter(), limit=n))
    loaded = time.perf_counter() - t
    rows = write_audit_csv(log, target)
    seconds = time.perf_counter() - t
    emit(seconds=seconds, load_seconds=loaded, write_seconds=seconds - loaded, rows=rows,
         bytes=target.stat().st_size)  # fmt: skip
    ctx.close()


def floor_variant(db: Path, work: Path, n: int) -> None:
    import csv
    import sqlite3

    target = work / "audit-floor.csv"
    conn = sqlite3.connect(db)
    t = time.perf_counter()
    cur = conn.execute(
        "SELECT id, occurred_at, username, action, entity, entity_id, session_id, outcome, "
        "before, after FROM audit_events ORDER BY id DESC LIMIT ?",
        (n,),
    )
    with target.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(("Event", "When", "User", "Action", "Entity", "Record", "Session", "Outcome",
                    "Before", "After"))  # fmt: skip
        w.writerows(cur)
    seconds = time.perf_counter() - t
    conn.close()
    emit(seconds=seconds, rows=n, bytes=target.stat().st_size)


def main() -> None:
    args = arguments(__doc__.split("\n")[0])
    args.work.mkdir(parents=True, exist_ok=True)
    n = args.size or 100_000
    if args.variant == "floor":
        floor_variant(args.db, args.work, n)
    else:
        app_variant(args.db, args.work, n)


if __name__ == "__main__":
    main()
