"""Generate (or reuse) the large-practice database the benchmarks run on.

    .venv/bin/python -m benchmarks.generate [--scale 1.0] [--seed 7] [--years 3] [--force]

`--scale 4`: 50 workers over ten years (about a million sessions, a 3 GB file).

Default scale: 40 workers (plus 4 former, inactive ones), 3,000 clients, three years to eight
weeks past "now" (1 April 2026, 10:00 in Sydney): about 260,000 sessions and 380,000 bookings
with their cancellations, SDs, payments, credit ledger, outbox and a valid audit hash chain. The database is migrated with
the app's own `prepare_database`, then filled with Core-compiled INSERTs run as executemany
(secondary indexes dropped during the load and rebuilt from the migration's own SQL).
The file is cached in benchmarks/.cache/, keyed by scale, years, seed, schema revision and a
hash of the generator's source, so repeated runs reuse it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import migrations
from app.bootstrap import prepare_database
from app.db import SYSTEM_ACTOR
from app.paths import AppPaths
from app.services import practice
from app.services.auth import hash_password
from benchmarks.datagen import store
from benchmarks.datagen.history import History
from benchmarks.datagen.people import load_people
from benchmarks.datagen.records import chained_rows
from benchmarks.datagen.roster import build_roster
from benchmarks.datagen.store import bulk_insert, day, js, ts

HERE = Path(__file__).resolve().parent
# FRONTDESK_BENCH_CACHE moves the cache (the smoke test uses a temporary folder).
CACHE = Path(os.environ.get("FRONTDESK_BENCH_CACHE") or HERE / ".cache")
# Wednesday 1 April 2026, 10:00 in Sydney: the benchmark's "now" (and the tests' DEMO_NOW).
NOW = datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
PRACTICE = "Harbourside Allied Health Group"
PASSWORD = "bench-password"  # every generated user's (the admin's hash is reused for them)
BIG_TABLES = (
    "series", "sessions", "bookings", "cancellations", "cancellation_lines",
    "service_delivered", "payments", "credit_ledger", "outbox_messages", "audit_events",
    "bulk_cancel_jobs", "bulk_cancel_items", "extraction_batches", "clinical_notes",
    "insurance_claims", "clients", "workers", "working_hours",
)  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """What to generate: scale 1.0 is 40 workers over three years.

    Below 1 the practice shrinks (fewer workers, the years given). Above 1 the history grows
    as a practice's does: a few more workers over many more years, so that the sessions (and
    every table that grows with them) are about `scale` times those of 1.0; scale 4 is 50
    workers over ten years, about a million sessions (`for_scale` picks the years).
    """

    scale: float = 1.0
    seed: int = 7
    years: float = 3.0

    @classmethod
    def for_scale(cls, scale: float = 1.0, seed: int = 7, years: float | None = None) -> Spec:
        """The spec of `scale`, the years it implies unless `years` is given."""
        if years is None:
            years = 3.0 if scale <= 1 else float(round(3 * scale * 40 / _workers(scale)))
        return cls(scale, seed, years)

    @property
    def workers(self) -> int:
        return _workers(self.scale)

    @property
    def clients(self) -> int:
        return 75 * self.workers

    def key(self) -> str:
        return (
            f"practice-s{self.scale:g}-y{self.years:g}-seed{self.seed}"
            f"-{migrations.head_revision()}-g{source_hash()}"
        )


def _workers(scale: float) -> int:
    """40 at scale 1; fewer below (at least 4); above, 10 more per 3 of scale (50 at 4)."""
    if scale <= 1:
        return max(4, round(40 * scale))
    return round(40 + 10 * (scale - 1) / 3)


def source_hash() -> str:
    """Changes whenever the generator's code does, so a stale cached file is never reused."""
    h = hashlib.sha1()
    for path in sorted([HERE / "generate.py", *(HERE / "datagen").glob("*.py")]):
        h.update(path.read_bytes())
    return h.hexdigest()[:8]


def key_file(database: Path) -> Path:
    """The audit key that signed a generated database, kept beside it."""
    return database.with_name(database.name + ".audit.key")


def cached_path(spec: Spec) -> Path:
    return CACHE / f"{spec.key()}.sqlite3"


def ensure_database(spec: Spec, *, force: bool = False, quiet: bool = False) -> Path:
    """The cached database for `spec`, generated first when missing."""
    path = cached_path(spec)
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists() and not force:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"practice-s{spec.scale:g}-y{spec.years:g}-seed{spec.seed}-*"):
        _remove(old)  # an older schema or generator: replaced, not kept
    part = path.with_name(path.name + ".part")
    for leftover in CACHE.glob(part.name + "*"):
        _remove(leftover)
    started = time.perf_counter()
    counts = generate(part, spec, say=(lambda _m: None) if quiet else _say)
    seconds = time.perf_counter() - started
    os.replace(part, path)
    os.replace(key_file(part), key_file(path))
    meta.write_text(json.dumps({"spec": spec.__dict__, "seconds": round(seconds, 1),
                                "counts": counts, "now": NOW.isoformat()}, indent=2))  # fmt: skip
    if not quiet:
        _say(f"generated {path.name} in {seconds:.1f} s")
    return path


def _remove(path: Path) -> None:
    """A cached file, or a folder the app keeps beside one (its desks' marks)."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _say(message: str) -> None:
    print(f"[generate] {message}", file=sys.stderr, flush=True)


def _reference(path: Path, start: datetime) -> tuple[dict[str, int], int, str, str, bytes]:
    """Migrate with the app, seed its reference data; returns reasons, last audit id and hash."""
    scratch = Path(tempfile.mkdtemp(prefix="fd-generate-"))
    ctx = prepare_database(f"sqlite:///{path}", AppPaths(scratch).ensure(), lambda: start)
    try:
        with ctx.db.write(SYSTEM_ACTOR) as uow:
            practice.ensure_reference_data(uow, PRACTICE)
            row = practice.settings(uow)
            row.name, row.ndis_registration_number = PRACTICE, "4050012345"
            # The front desk PC opens straight onto the schedule (no sign-in dialog to time).
            row.single_user_mode = True
            admin = practice.first_admin(uow)
            admin.password_hash = hash_password(PASSWORD)
        # The practice's audit key: the generated history is signed with it, as the app would.
        key_text = ctx.db.audit_keys.key_file.read_bytes()
    finally:
        ctx.close()
        shutil.rmtree(scratch, ignore_errors=True)
    conn = sqlite3.connect(path)
    try:
        reasons = dict(conn.execute("SELECT code, id FROM cancellation_reasons"))
        (password_hash,) = conn.execute("SELECT password_hash FROM users WHERE id = 1").fetchone()
        last_id, last_hash = conn.execute(
            "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return reasons, last_id, last_hash, password_hash, key_text


def generate(path: Path, spec: Spec, say: Any = _say) -> dict[str, int]:
    """Write the whole practice into a new database file at `path`."""
    rng = random.Random(spec.seed)
    first_guess = NOW - timedelta(days=round(365.25 * spec.years) + 60)
    t0 = time.perf_counter()
    reasons, last_audit, last_hash, password_hash, key_text = _reference(path, first_guess)
    key_file(path).write_bytes(key_text)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("BEGIN")
    indexes = store.drop_indexes(conn, BIG_TABLES)
    cat = load_people(conn, spec.workers, spec.clients, rng, first_guess, password_hash)
    roster = build_roster(cat, rng, NOW, spec.years)
    say(f"roster: {len(roster.sessions):,} sessions, {len(roster.bookings):,} bookings "
        f"({time.perf_counter() - t0:.1f} s)")  # fmt: skip
    hist = History(cat, roster, rng, NOW, reasons, PRACTICE)
    hist.run()
    say(f"history: {len(hist.audit):,} audit events ({time.perf_counter() - t0:.1f} s)")
    counts = _write(
        conn, roster, hist, last_audit, (last_hash, bytes.fromhex(key_text.split()[0].decode()))
    )
    say(f"rows written ({time.perf_counter() - t0:.1f} s); rebuilding indexes")
    store.create_indexes(conn, indexes)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    say(f"indexes rebuilt ({time.perf_counter() - t0:.1f} s)")
    return counts


def _write(
    conn: sqlite3.Connection, roster: Any, hist: History, last_audit: int, chain: tuple[str, bytes]
) -> dict[str, int]:
    def put(name: str, rows: Iterable[tuple[Any, ...]]) -> None:
        counts[name] = bulk_insert(conn, name, rows)

    counts: dict[str, int] = {}
    put("series", roster.series)
    put("sessions", (
        (s.id, s.worker_id, s.service_id, s.location_id, ts(s.starts_at), ts(s.ends_at), s.kind,
         s.capacity, s.status, s.price_cents, s.series_id, None, int(s.cancelled_by_worker), "",
         s.version, ts(s.created_at), ts(s.updated_at))
        for s in roster.sessions
    ))  # fmt: skip
    put("bookings", (
        (b.id, b.session.id, b.client.id, b.status, b.paid_with, b.credits_used,
         b.purchase_cents, b.version, ts(b.created_at), None,  # confirmed_at: no reply yet
         0, None, 0)  # no no-show charge waived
        for b in roster.bookings
    ))  # fmt: skip
    put(
        "bulk_cancel_jobs",
        ((*j[:2], *j[2:6], day(j[6]), day(j[7]), *j[8:11], ts(j[11]), j[12]) for j in hist.jobs),
    )
    put("cancellations", (
        (*c[:5], ts(c[5]), ts(c[6]), *c[7:12], ts(c[12]) if c[12] else None, *c[13:])
        for c in hist.cancellations
    ))  # fmt: skip
    put("cancellation_lines", hist.lines)
    put("extraction_batches", (
        (b[0], ts(b[1]), b[2], ts(b[3]), ts(b[4]), b[5], b[6]) for b in hist.batches
    ))  # fmt: skip
    put("service_delivered", (
        (*r[:12], ts(r[12]), ts(r[13]) if r[13] else None, *r[14:], "") for r in hist.sds
    ))  # fmt: skip
    # Columns of schema 0008 last: reference, received on; who marked a claim; a note's edit
    # and finalize marks; a ledger line's expiry, method and author.
    put("payments", ((*p[:5], ts(p[5]), *p[6:], "", None) for p in hist.payments))
    put("insurance_claims", ((*c[:6], ts(c[6]), c[7], None) for c in hist.claims))
    put("clinical_notes", (
        (*n[:5], ts(n[5]), ts(n[6]) if n[6] else None, None, None) for n in hist.notes
    ))  # fmt: skip
    ledger = sorted(hist.ledger, key=lambda r: r[0])
    # A refund's cancellation (schema 0016) is left empty, as on lines older than it.
    put("credit_ledger", (
        (None, r[1], r[2], r[3], r[4], r[5], ts(r[0]), r[6], None, None, r[7], None, "", None)
        for r in ledger
    ))  # fmt: skip
    put("outbox_messages", (
        (*m[:8], js(m[8]), *m[9:14], ts(m[14]), ts(m[15]) if m[15] else None, *m[16:])
        for m in hist.outbox
    ))  # fmt: skip
    put("bulk_cancel_items", ((*i[:5], ts(i[5]), i[6]) for i in hist.items))
    put("audit_events", chained_rows(hist.audit, last_audit + 1, *chain))
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--years",
        type=float,
        default=None,
        help="years of history (default: 3, or what --scale above 1 implies)",
    )
    p.add_argument("--force", action="store_true", help="regenerate even when cached")
    args = p.parse_args(argv)
    spec = Spec.for_scale(args.scale, args.seed, args.years)
    path = ensure_database(spec, force=args.force)
    meta = json.loads(path.with_suffix(".json").read_text())
    print(path)
    for name, n in meta["counts"].items():
        print(f"  {name:<20} {n:>10,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
