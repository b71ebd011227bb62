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

import json
import sqlite3
import threading
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

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
        # A ReadAhead reads on its own thread; this one waits for it before using the connection.
        conn = sqlite3.connect(db_file, timeout=0.5, isolation_level=None, check_same_thread=False)
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


# The range's bookings and sessions as one JSON text each (ReadAhead), and the keys that put
# their rows back in the statements' order (ORDER BY bookings.session_id, bookings.id and
# ORDER BY sessions.starts_at, sessions.id: the stored UTC text sorts as the times do).
_BOOKINGS_JSON = sql.as_json(sql.BOOKINGS, 7)
_SESSIONS_JSON = sql.as_json(sql.SESSIONS, 15)
_BOOKINGS_ORDER = itemgetter(0, 1)
_SESSIONS_ORDER = itemgetter(8, 0)


class ReadAhead:
    """A range's bookings and sessions read on a thread while the start goes on loading.

    The start reads the week a desk most often opens on (today's) while PySide6 and the window's
    modules load. SQLite builds each statement's rows as one JSON text (schedule_sql.as_json), so
    the read runs within one call of the driver, which lets go of Python's lock: it runs on the
    other core beside the imports instead of taking turns with them row by row. Nothing else
    uses the connection until `rows` (or `wait`) has waited for the thread.
    """

    def __init__(self, conn: sqlite3.Connection, start: datetime, end: datetime) -> None:
        self.start, self.end = start, end
        self._texts: tuple[str, str] | None = None
        params = _range(start, end)
        self._thread = threading.Thread(
            target=self._read, args=(conn, params), name="first-week", daemon=True
        )
        self._thread.start()

    def _read(self, conn: sqlite3.Connection, params: dict[str, str]) -> None:
        try:
            bookings = conn.execute(_BOOKINGS_JSON, params).fetchone()[0]
            sessions = conn.execute(_SESSIONS_JSON, params).fetchone()[0]
        except sqlite3.Error:
            return  # (the usual read runs, and says what is wrong)
        self._texts = (bookings, sessions)

    def wait(self) -> None:
        """Until the thread is done with the connection."""
        self._thread.join()

    def rows(self, start: datetime, end: datetime) -> tuple[list[Any], list[Any]] | None:
        """The bookings' and sessions' rows of [start, end) in the statements' order, when this
        read them (else None: the desk opens on another range, or the read failed)."""
        self.wait()
        if self._texts is None or (start, end) != (self.start, self.end):
            return None
        bookings, sessions = (json.loads(text) for text in self._texts)
        bookings.sort(key=_BOOKINGS_ORDER)
        sessions.sort(key=_SESSIONS_ORDER)
        return bookings, sessions


def read_snapshot(
    conn: sqlite3.Connection, start: datetime, end: datetime, ahead: ReadAhead | None = None
) -> ScheduleSnapshot:
    """The same snapshot as schedule_queries.load_snapshot, in the transaction connect began
    (with the rows `ahead` read, when it read this range)."""
    found = ahead.rows(start, end) if ahead is not None else None
    marker = int(conn.execute(sql.MARKER).fetchone()[0] or 0)
    if found is None:
        params = _range(start, end)
        found = (
            conn.execute(sql.BOOKINGS, params).fetchall(),
            conn.execute(sql.SESSIONS, params).fetchall(),
        )
    clients = rows.bookings_by_session(found[0])
    blocks = rows.blocks_from_rows(found[1], clients)
    busy = sorted({b.worker_id for b in blocks})
    found_workers = conn.execute(*sql.expand(sql.WORKERS, "busy", busy)).fetchall()
    workers = tuple(rows.workers_from_rows(found_workers))
    return ScheduleSnapshot(
        start=start, end=end, workers=workers, blocks=tuple(blocks), marker=marker
    )


def _range(start: datetime, end: datetime) -> dict[str, str]:
    """The range's parameters as the schema stores times."""
    return {k: _stored(v) for k, v in rows.range_params(start, end).items()}


def _stored(moment: datetime) -> str:
    """A UTC time as the schema stores it (SQLAlchemy's SQLite DATETIME text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
