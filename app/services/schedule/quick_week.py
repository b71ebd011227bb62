"""The start's first week, read with plain sqlite3 before SQLAlchemy has loaded.

SQLAlchemy's import alone takes longer than a bare window takes to start, so a desk that waits
for it shows its schedule late. A desk that opens straight onto the schedule (a SQLite file at
the current schema, a practice set up, single-user mode) reads its first week here instead and
paints it while the rest of the program loads. Everything else (PostgreSQL, a first run, a
sign-in, an upgrade, a damaged or missing file) starts the usual way. Nothing here writes.

The week is read with the schedule's own statements (schedule_sql, which every later read runs
through SQLAlchemy) and decoded by the same code as every later week (schedule_rows):
tests/integration/test_quick_week.py compares the snapshots of both paths.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from app.migrations import HEAD_REVISION
from app.paths import AppPaths, default_database_url, default_paths
from app.services.schedule import rows, sql
from app.services.schedule.dto import ScheduleSnapshot

# The desk opens straight onto the schedule: the practice is set up, nobody has to sign in.
_SETTINGS_SQL = (
    "SELECT name, time_zone, single_user_mode, locale, currency FROM practice_settings WHERE id = 1"
)
_SET_UP_SQL = (
    "SELECT (SELECT count(*) FROM users WHERE password_hash != ''), "
    "(SELECT count(*) FROM users WHERE role = 'admin' AND active = 1)"
)


class QuickStart(NamedTuple):
    """What the first week's window needs to know about the practice."""

    practice_name: str
    time_zone: str
    locale: str = "en_AU"  # the language and formats the window starts in
    currency: str = "AUD"


def sqlite_path(url: str) -> Path | None:
    """The file behind a plain `sqlite:///` URL (anything else: None, the usual start)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    name = url[len(prefix) :]
    return None if not name or name == ":memory:" else Path(name)


def connect_url(
    url: str | None, data_dir: Path | None
) -> tuple[sqlite3.Connection, QuickStart] | None:
    """connect() on the file the window would open (the data folder's, unless `url` names one)."""
    paths = AppPaths(data_dir) if data_dir else default_paths()
    db_file = sqlite_path(url or default_database_url(paths))
    return connect(db_file) if db_file is not None else None


def sign_in_facts(url: str | None, data_dir: Path | None) -> QuickStart | None:
    """The practice, when this desk opens on the sign-in dialog (a SQLite file at the current
    schema, a practice set up, single-user mode off): the dialog can paint before the database
    side loads (app/ui/start/quick_sign_in.py). Anything else: None, the usual start."""
    paths = AppPaths(data_dir) if data_dir else default_paths()
    db_file = sqlite_path(url or default_database_url(paths))
    opened = connect(db_file, signing_in=True) if db_file is not None else None
    if opened is None:
        return None
    conn, facts = opened
    conn.close()
    return facts


def connect(
    db_file: Path, *, signing_in: bool = False
) -> tuple[sqlite3.Connection, QuickStart] | None:
    """A connection in a read transaction, when this desk may open on the quick path (or, with
    `signing_in`, when it opens on the sign-in dialog)."""
    try:
        if db_file.stat().st_size == 0 or _restore_cut_short(db_file):
            return None
        conn = sqlite3.connect(db_file, timeout=0.5, isolation_level=None)
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute("BEGIN")  # one snapshot for the checks and the week
        facts = _facts(conn, signing_in)
    except sqlite3.Error:
        facts = None
    if facts is None:
        conn.close()
        return None
    return conn, facts


def _restore_cut_short(db_file: Path) -> bool:
    """A restore's journal or copy beside the file (app/services/storage/restore.py): the usual start
    finishes or undoes it before anything is read."""
    return any(db_file.with_name(db_file.name + s).exists() for s in (".restoring", ".incoming"))


def _facts(conn: sqlite3.Connection, signing_in: bool = False) -> QuickStart | None:
    versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if versions != [(HEAD_REVISION,)]:
        return None  # an upgrade (or a newer program's file): the usual start decides
    found = conn.execute(_SETTINGS_SQL).fetchone()
    if found is None or bool(found[2]) == signing_in:
        return None  # the week first for a single-user desk, the sign-in for the others
    with_password, admins = conn.execute(_SET_UP_SQL).fetchone()
    if not with_password or not admins:
        return None  # the first run
    return QuickStart(
        practice_name=str(found[0]), time_zone=str(found[1]), locale=str(found[3]),
        currency=str(found[4]),
    )  # fmt: skip


def read_snapshot(conn: sqlite3.Connection, start: datetime, end: datetime) -> ScheduleSnapshot:
    """The same snapshot as schedule_queries.load_snapshot, in the transaction connect began."""
    marker = int(conn.execute(sql.MARKER).fetchone()[0] or 0)
    params = {k: _stored(v) for k, v in rows.range_params(start, end).items()}
    clients = rows.bookings_by_session(conn.execute(sql.BOOKINGS, params).fetchall())
    blocks = rows.blocks_from_rows(conn.execute(sql.SESSIONS, params).fetchall(), clients)
    busy = sorted({b.worker_id for b in blocks})
    found = conn.execute(*sql.expand(sql.WORKERS, "busy", busy)).fetchall()
    workers = tuple(rows.workers_from_rows(found))
    return ScheduleSnapshot(
        start=start, end=end, workers=workers, blocks=tuple(blocks), marker=marker
    )


def _stored(moment: datetime) -> str:
    """A UTC time as the schema stores it (SQLAlchemy's SQLite DATETIME text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
