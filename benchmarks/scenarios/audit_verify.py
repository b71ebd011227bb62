"""Scenarios 11 and 12: `audit verify` of a day's new events, and of every event.

`day` (on a private copy): the trail has a checkpoint (as a practice that backs up daily has
from yesterday's backup), then a day's worth of new events is appended through the app's own
chain (`record_many`: copies of the newest events' contents, as many as the practice writes
on an average day); the figure is verify_audit_chain in a read transaction, incremental from
the checkpoint, what `frontdesk audit verify` does after it has opened the database. For
reference, `command_seconds` is the whole command as a person types it (it opens the file with
the full check the command line makes first).

`full`: verify_audit_chain(full=True), every event re-read: links, signatures, the shown text.
`floor`: the same rows read with plain sqlite3, each event's body built as the chain hashes it
(json, sorted keys) and its HMAC-SHA256 (or plain SHA-256 before signing began) compared with
the stored hash and the next event's link.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.scenarios.common import (  # noqa: E402
    app_context,
    arguments,
    checkpoint_now,
    database,
    emit,
)


def events_per_day(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        count, first, last = conn.execute(
            "SELECT count(*), min(occurred_at), max(occurred_at) FROM audit_events"
        ).fetchone()
    finally:
        conn.close()
    days = max(1, (datetime.fromisoformat(last) - datetime.fromisoformat(first)).days)
    return max(1, round(count / days))


def append_day(db: Path, work: Path, n: int) -> None:
    """`n` new events through the app's chain (contents of the newest ones, signed anew)."""
    from sqlalchemy import select

    from app.db import SYSTEM_ACTOR
    from app.models import AuditEvent
    from app.services.audit import chain

    ctx = app_context(db, work)

    def add(uow: object) -> None:
        rows = uow.session.scalars(  # type: ignore[attr-defined]
            select(AuditEvent).where(AuditEvent.action != "audit.checkpoint")
            .order_by(AuditEvent.id.desc()).limit(n)
        ).all()  # fmt: skip
        events = [chain.Event(e.action, e.entity, e.entity_id, e.session_id, e.before, e.after)
                  for e in reversed(rows)]  # fmt: skip
        chain.record_many(uow, events)  # type: ignore[arg-type]

    try:
        ctx.db.transact(SYSTEM_ACTOR, add)
    finally:
        ctx.close()


def verify(db: Path, work: Path, full: bool) -> dict[str, float]:
    from app.services.audit.verify import verify_audit_chain
    from app.services.desk import open_desk

    ctx = app_context(db, work)
    desk = open_desk(ctx.db)
    c = time.process_time()
    t = time.perf_counter()
    report = desk.read(lambda uow: verify_audit_chain(uow, full=full))
    seconds = time.perf_counter() - t
    cpu = time.process_time() - c
    ctx.close()
    if not report.ok:
        raise SystemExit("the audit trail did not verify: " + "; ".join(report.problems[:3]))
    rechecked = report.events if report.rechecked is None else report.rechecked
    return {"seconds": seconds, "cpu_seconds": cpu, "events": report.events,
            "rechecked": rechecked}  # fmt: skip


def command(db: Path, work: Path) -> float:
    """`frontdesk audit verify` on this copy, this run's data folder (its key, its checkpoint)."""
    env = {**os.environ, "FRONTDESK_DATA_DIR": str(work / "data")}
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", f"sqlite:///{db}", "--data-dir",
         str(work / "data"), "audit", "verify"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"frontdesk audit verify failed: {done.stdout}{done.stderr}")
    return seconds


def floor(db: Path) -> dict[str, float]:
    import sqlite3

    key_text = db.with_name(db.name + ".audit.key").read_bytes()
    secret = bytes.fromhex(key_text.split()[0].decode())
    conn = sqlite3.connect(db)
    c = time.process_time()
    t = time.perf_counter()
    row = conn.execute("SELECT value FROM audit_meta WHERE name = 'plain_until'").fetchone()
    plain_until = int(row[0]) if row else 0
    cur = conn.execute(
        "SELECT id, occurred_at, user_id, username, action, entity, entity_id, session_id, "
        "before, after, outcome, prev_hash, hash FROM audit_events ORDER BY id"
    )
    prev, events, bad = "0" * 64, 0, 0
    dumps, loads, new = json.dumps, json.loads, hmac.new
    while rows := cur.fetchmany(2000):
        for (i, at, uid, user, action, entity, eid, sid, before, after, outcome, prev_hash,
             digest) in rows:  # fmt: skip
            when = datetime.fromisoformat(at).replace(tzinfo=UTC).isoformat()
            body = dumps({"prev": prev_hash, "occurred_at": when, "user_id": uid,
                          "username": user, "action": action, "entity": entity,
                          "entity_id": eid, "session_id": sid, "before": loads(before),
                          "after": loads(after), "outcome": outcome},
                         sort_keys=True, separators=(",", ":")).encode("utf-8")  # fmt: skip
            if i <= plain_until:
                ok = hashlib.sha256(body).hexdigest() == digest
            else:
                ok = new(secret, body, hashlib.sha256).hexdigest() == digest
            bad += (not ok) + (prev_hash != prev)
            prev = digest
            events += 1
    seconds = time.perf_counter() - t
    cpu = time.process_time() - c
    conn.close()
    return {"seconds": seconds, "cpu_seconds": cpu, "events": events, "mismatches": bad}


def main() -> None:
    args = arguments(__doc__.split("\n")[0], ("day", "full", "floor"))
    work: Path = args.work
    if args.variant == "floor":
        emit(**floor(args.db))
        return
    if args.variant == "full":
        emit(**verify(args.db, work, full=True))
        return
    db = database(args)
    per_day = events_per_day(db)
    checkpoint_now(db, work, "daily backup")
    append_day(db, work, per_day)
    figures = verify(db, work, full=False)
    emit(**figures, day_events=per_day, command_seconds=command(db, work))


if __name__ == "__main__":
    main()
