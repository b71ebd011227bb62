"""Scenario 6: CSV export of 100,000 audit events, as the audit view's Export does it.

App: write_audit_csv for the newest `size` events (no filter): the lean columns read in
chunks (the "what changed" line stored when each event was written, the time as local text
and the record worked out by the database; text as the UTF-8 bytes stored) and written through
the CSV-injection guard, without the full before/after snapshots. The figure is what the user
waits for after choosing the file. Floor (for reference; the budget is absolute): plain sqlite3
rows of the same columns written with the csv module.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scenarios.common import app_context, arguments, emit  # noqa: E402


def app_variant(db: Path, work: Path, n: int) -> None:
    from app.services.desk import open_desk
    from app.services.reports.audit_log import AuditExport, AuditFilter, write_audit_csv

    ctx = app_context(db, work)
    desk = open_desk(ctx.db)
    target = work / "audit.csv"
    export = AuditExport(AuditFilter(), limit=n)
    t = time.perf_counter()
    cpu = time.process_time()
    rows = desk.read(lambda uow: write_audit_csv(uow, export, target))
    seconds = time.perf_counter() - t
    emit(seconds=seconds, cpu_seconds=time.process_time() - cpu, rows=rows,
         bytes=target.stat().st_size)  # fmt: skip
    ctx.close()


def floor_variant(db: Path, work: Path, n: int) -> None:
    import csv
    import sqlite3

    target = work / "audit-floor.csv"
    conn = sqlite3.connect(db)
    t = time.perf_counter()
    cpu = time.process_time()
    cur = conn.execute(
        "SELECT id, occurred_at, username, action, entity, entity_id, session_id, outcome, "
        "changes FROM audit_events ORDER BY id DESC LIMIT ?",
        (n,),
    )
    with target.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(("Event", "When", "User", "Action", "Entity", "Record", "Session", "Outcome",
                    "Changes"))  # fmt: skip
        w.writerows(cur)
    seconds = time.perf_counter() - t
    conn.close()
    emit(seconds=seconds, cpu_seconds=time.process_time() - cpu, rows=n,
         bytes=target.stat().st_size)  # fmt: skip


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
