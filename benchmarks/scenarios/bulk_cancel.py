"""Scenario 4: bulk cancel of 2,000 future sessions with refunds, or the same row writes bare.

App: queue_bulk_cancel (job, items, CSV plan, audit) then run_bulk_job (each session cancelled,
refunded, notified and audited with its item's state) and the results CSV, as the bulk dialog
and the jobs panel run them. Floor: plain sqlite3 executemany writing the same rows — the job,
its items, session and booking updates, cancellations, lines, refund ledger lines, outbox
emails, audit rows — in one transaction, and the two CSV files. The rows hold what the app's
hold (each audit event's snapshots and its line of changes, each notice's facts and the key
that sends a client's notices as one e-mail, at their sizes), made before the clock starts: the
floor pays for storing them, not for working them out, on a connection set up as the app's
(write-ahead log, foreign keys checked). Both work on a private copy of the database.
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scenarios.common import NOW, app_context, arguments, database, emit  # noqa: E402

# The future the plan looks at: the generated roster runs eight weeks past "now", enough for the
# 8,000 sessions of scenario 4b.
PLAN_DAYS = 55
TABLES = ("cancellations", "cancellation_lines", "credit_ledger", "outbox_messages",
          "audit_events", "bulk_cancel_items")  # fmt: skip


def counts(path: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def app_variant(path: Path, work: Path, n: int) -> dict[str, object]:
    from app.i18n import when_text
    from app.models.enums import CancelledBy
    from app.services import practice
    from app.services.bulk.plan import plan_bulk_cancel
    from app.services.bulk.run import finish_bulk_csv, queue_bulk_cancel, run_bulk_job
    from app.services.desk import open_desk
    from app.services.sessions.cancel import reasons_for

    ctx = app_context(path, work)
    desk = open_desk(ctx.db)
    # What the window has done before anyone opens the bulk dialog: the week painted (its day
    # names in the practice's language) and the public holidays loaded in the background once
    # it showed (app/ui/start). A fresh process would otherwise pay both here (about 0.5 s);
    # the day's first cancellation, which may meet them, is scenario 3a.
    when_text(NOW, "%a %d %b")
    desk.read(practice.preload_calendar)
    reason = desk.read(lambda uow: reasons_for(uow, CancelledBy.PRACTICE))[0][0]
    first = (NOW + timedelta(days=1)).date()
    t = time.perf_counter()
    plan = desk.read(lambda uow: plan_bulk_cancel(uow, first, first + timedelta(days=PLAN_DAYS)))
    planned = time.perf_counter() - t
    ids = [c.session_id for c in plan if c.held_by_job is None][:n]
    if len(ids) < n:
        raise SystemExit(f"only {len(ids)} sessions to cancel; need {n}")
    t = time.perf_counter()
    job = queue_bulk_cancel(ctx.db, desk.actor, ids, reason, "Storm closure", work / "bulk.csv")
    summary = run_bulk_job(ctx.db, job.job_id, desk.actor)
    finish_bulk_csv(ctx.db, job.job_id)
    seconds = time.perf_counter() - t
    ctx.close()
    return {"seconds": seconds, "plan_seconds": planned, "done": summary.done,
            "lines": len(job.lines)}  # fmt: skip


SESSION_COLUMNS = ("id", "worker_id", "service_id", "location_id", "starts_at", "ends_at", "kind",
                   "capacity", "status", "price_cents", "series_id", "replacement_of_id",
                   "cancelled_by_worker", "version")  # fmt: skip
BOOKING_COLUMNS = ("id", "session_id", "client_id", "status", "paid_with", "credits_used",
                   "purchase_cents")  # fmt: skip


def _contents(conn: Any, sessions: list[int], bookings: list[Any], now: str) -> dict[str, Any]:
    """What the app's rows hold, made before the clock starts: the same rows carry the same
    text (each session's audit snapshots before and after, the line of what changed, each
    notice's facts, the CSV plan and results), so the floor writes what the app writes, bare.
    """
    import json

    marks = ",".join("?" * len(sessions))
    cols = ", ".join(f"s.{c}" for c in SESSION_COLUMNS)
    info = {r[0]: r for r in conn.execute(
        f"SELECT {cols}, v.name, w.name FROM sessions s JOIN services v ON v.id = s.service_id "
        f"JOIN workers w ON w.id = s.worker_id WHERE s.id IN ({marks})", sessions)}  # fmt: skip
    every: dict[int, list[dict[str, Any]]] = {s: [] for s in sessions}
    bcols = ", ".join(BOOKING_COLUMNS)
    for r in conn.execute(f"SELECT {bcols} FROM bookings WHERE session_id IN ({marks}) "
                          "ORDER BY id", sessions):  # fmt: skip
        every[r[1]].append(dict(zip(BOOKING_COLUMNS, r, strict=True)))
    names = {r[0]: r[1:] for r in conn.execute(
        "SELECT id, first_name, last_name, email FROM clients WHERE id IN "
        f"({','.join('?' * len(bookings))})", [b[2] for b in bookings])}  # fmt: skip
    dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode
    before, after, changes = {}, {}, {}
    for sid in sessions:
        row = info[sid]
        snap = dict(zip(SESSION_COLUMNS, row, strict=False))
        snap["bookings"] = every[sid]
        before[sid] = dumps(snap)
        gone = [{**b, "status": "cancelled"} for b in every[sid]]
        after[sid] = dumps({**snap, "status": "cancelled", "version": snap["version"] + 1,
                            "bookings": gone, "cancelled_by": "practice",
                            "reason": "practice_closure", "advised_at": now, "notice_minutes": 600,
                            "charges": {str(b["id"]): 0 for b in gone}, "waived": False,
                            "note": "Storm closure"})  # fmt: skip
        changes[sid] = (f"advised_at={now}; bookings: {json.dumps(every[sid])[:39]}… → "
                        f"{json.dumps(gone)[:39]}…; cancelled_by=practice; charges="
                        f"{json.dumps({str(b['id']): 0 for b in gone})}; note=Storm closure; "
                        "notice_minutes=600; reason=practice_closure; status: rostered → "
                        "cancelled; waived=False")[:300]  # fmt: skip
    payload, plan = {}, []
    job = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM bulk_cancel_jobs").fetchone()[0]
    for b in bookings:
        row, (first, last, email) = info[b[1]], names[b[2]]
        payload[b[0]] = json.dumps({
            "practice": "Harbourside Allied Health Group", "practice_phone": "",
            "practice_email": "", "session_id": b[1], "service": row[-2], "worker": row[-1],
            "starts_local": row[4], "starts_utc": row[4], "client": f"{first} {last}",
            "first_name": first, "together": f"bulk:{job}:client:{b[2]}"})  # fmt: skip
        plan.append((b[1], row[4][:10], row[4][11:16], row[-1], row[-2], f"{first} {last}",
                     b[3], "purchase refund", b[5], b[4], f"e-mail to {email}"))  # fmt: skip
    # The results: a row for each client each session's cancellation took (one with no client
    # for a session nobody was booked in), as the app's results file has them.
    took: dict[int, list[str]] = {s: [] for s in sessions}
    for b in sorted(bookings):
        took[b[1]].append(f"{names[b[2]][0]} {names[b[2]][1]}")
    results = [(sid, "done", f"cancellation #{sid}", now[:16], who, "yes" if who else "")
               for sid in sessions for who in took[sid] or [""]]  # fmt: skip
    return {"before": before, "after": after, "changes": changes, "payload": payload,
            "emails": {b[0]: names[b[2]][2] or "" for b in bookings}, "plan": plan,
            "results": results}  # fmt: skip


def _write_csv(path: Path, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8-sig") as stream:
        out = csv.writer(stream)
        out.writerow(header)
        out.writerows(rows)


def floor_variant(path: Path, work: Path, n: int) -> dict[str, object]:
    import sqlite3

    from benchmarks.datagen.store import ts

    conn = sqlite3.connect(path, isolation_level=None)
    # The database as every FrontDesk connection has it (app/db.py): the rows are checked
    # against what they refer to as they are written, as the app's are.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    now = ts(NOW)
    sessions = [r[0] for r in conn.execute(
        "SELECT id FROM sessions WHERE starts_at > ? AND status = 'rostered' "
        "ORDER BY starts_at, id LIMIT ?", (ts(NOW), n))]  # fmt: skip
    marks = ",".join("?" * len(sessions))
    bookings = conn.execute(
        "SELECT id, session_id, client_id, paid_with, credits_used, purchase_cents "
        f"FROM bookings WHERE status = 'booked' AND session_id IN ({marks})",
        sessions,
    ).fetchall()
    text = _contents(conn, sessions, bookings, now)
    t = time.perf_counter()
    _write_csv(work / "bulk.csv", ("Session", "Date", "Time", "Worker", "Service", "Client",
               "Paid with", "Refund", "Refund amount", "Credits returned",
               "Notification planned"), text["plan"])  # fmt: skip
    conn.execute("BEGIN IMMEDIATE")
    job = conn.execute(
        "INSERT INTO bulk_cancel_jobs (created_at, created_by_id, status, reason_id, note, "
        "csv_path, total, done_count) VALUES (?, 1, 'queued', 8, 'Storm closure', ?, ?, 0)",
        (now, str(work / "bulk.csv"), len(sessions)),
    ).lastrowid
    conn.executemany(
        "INSERT INTO bulk_cancel_items (job_id, session_id, state) VALUES (?, ?, 'pending')",
        [(job, s) for s in sessions],
    )
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM cancellations").fetchone()[0]
    cids = {s: first + i for i, s in enumerate(sessions)}
    conn.executemany(
        "INSERT INTO cancellations (id, session_id, cancelled_by, whole_session, reason_id, "
        "advised_at, recorded_at, notice_minutes, notice_working, note, actor_id, bulk_job_id) "
        "VALUES (?, ?, 'practice', 1, 8, ?, ?, 600, 'no notice threshold', 'Storm closure', 1, ?)",
        [(cids[s], s, now, now, job) for s in sessions],
    )
    conn.executemany(
        "INSERT INTO cancellation_lines (cancellation_id, booking_id, short_notice, charge_cents,"
        " waived, waived_cents, explanation) VALUES (?, ?, 0, 0, 0, 0, 'no charge')",
        [(cids[b[1]], b[0]) for b in bookings],
    )
    conn.executemany("UPDATE bookings SET status = 'cancelled', version = version + 1 "
                     "WHERE id = ?", [(b[0],) for b in bookings])  # fmt: skip
    conn.executemany("UPDATE sessions SET status = 'cancelled', version = version + 1, "
                     "updated_at = ? WHERE id = ?", [(now, s) for s in sessions])  # fmt: skip
    conn.executemany(
        "INSERT INTO credit_ledger (client_id, booking_id, kind, credits, amount_cents, "
        "created_at, bulk_job_id, note) VALUES (?, ?, 'refund', ?, ?, ?, ?, 'refund')",
        [(b[2], b[0], b[4] if b[3] == "credits" else 0, -b[5] if b[3] == "purchase" else 0,
          now, job) for b in bookings if (b[3] == "credits" and b[4]) or
         (b[3] == "purchase" and b[5])],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO outbox_messages (channel, topic, idempotency_key, session_id, client_id, "
        "recipient, subject, payload, status, status_reason, attempts, created_at) "
        "VALUES ('email', 'bulk_closure', ?, ?, ?, ?, 'Your session has been cancelled', ?, "
        "'pending', '', 0, ?)",
        [(f"cancellation:{cids[b[1]]}:booking:{b[0]}:email", b[1], b[2], text["emails"][b[0]],
          text["payload"][b[0]], now) for b in bookings],
    )  # fmt: skip
    audit = [("bulk.create", "bulk_job", job, None, None, "{}", "")]
    audit += [("session.cancel", "cancellation", cids[s], s, text["before"][s], text["after"][s],
               text["changes"][s]) for s in sessions]  # fmt: skip
    audit += [("bulk.finish", "bulk_job", job, None, None, "{}", "")]
    last = conn.execute("SELECT coalesce(max(id), 0) FROM audit_events").fetchone()[0]
    conn.executemany(
        "INSERT INTO audit_events (occurred_at, user_id, username, action, entity, entity_id, "
        "session_id, before, after, changes, outcome, prev_hash, hash) "
        "VALUES (?, 1, 'admin', ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?)",
        [(now, a, e, i, s, b, af, c, f"{last + k:064d}", f"{last + k + 1:064d}")
         for k, (a, e, i, s, b, af, c) in enumerate(audit)],
    )  # fmt: skip
    conn.executemany(
        "UPDATE bulk_cancel_items SET state = 'done', cancellation_id = ?, processed_at = ? "
        "WHERE job_id = ? AND session_id = ?",
        [(cids[s], now, job, s) for s in sessions],
    )
    conn.execute("UPDATE bulk_cancel_jobs SET status = 'done', done_count = total, "
                 "finished_at = ? WHERE id = ?", (now, job))  # fmt: skip
    conn.execute("COMMIT")
    _write_csv(work / "bulk-results.csv", ("Session", "Outcome", "Detail", "Processed at",
               "Client", "In the plan"), text["results"])  # fmt: skip
    seconds = time.perf_counter() - t
    conn.close()
    return {"seconds": seconds, "done": len(sessions), "lines": len(bookings)}


def main() -> None:
    args = arguments(__doc__.split("\n")[0])
    n = args.size or 2000
    path = database(args)
    before = counts(path)
    run = floor_variant if args.variant == "floor" else app_variant
    figures = run(path, args.work, n)
    after = counts(path)
    emit(**figures, rows={t: after[t] - before[t] for t in TABLES})


if __name__ == "__main__":
    main()
