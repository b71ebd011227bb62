"""The start's quick read of the first week: the schedule's own SQL, the same snapshot, and only
on a desk that opens straight onto the schedule."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.bootstrap import AppContext, sqlite_file
from app.db import UnitOfWork
from app.models import Worker
from app.services import users
from app.services.desk import open_desk
from app.services.schedule import blocks as schedule_blocks
from app.services.schedule import queries as schedule_queries
from app.services.schedule import quick_week
from app.services.schedule import sql as schedule_sql
from tests.conftest import DEMO_NOW


def _single_user(ctx: AppContext) -> None:
    desk = open_desk(ctx.db)
    desk.write(lambda uow: users.set_single_user_mode(uow, True))


def _db_file(ctx: AppContext) -> Path:
    found = sqlite_file(ctx.url)
    assert found is not None
    return found


class _Recording:
    """A sqlite3 connection that keeps the SQL it was given."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.sent = conn, list[str]()

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        self.sent.append(sql)
        return self.conn.execute(sql, params)


def _as_sent(sql: str) -> str:
    """Named parameters as SQLAlchemy's SQLite dialect sends them (one ? each)."""
    return re.sub(r":\w+", "?", sql)


def test_both_reads_of_a_week_run_the_schedules_one_sql(demo_ctx: AppContext) -> None:
    _single_user(demo_ctx)
    start = DEMO_NOW - timedelta(days=DEMO_NOW.weekday(), hours=DEMO_NOW.hour)
    end = start + timedelta(days=7)
    sent: list[str] = []

    def keep(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(demo_ctx.db.engine, "before_cursor_execute", keep)
    try:
        with demo_ctx.db.read() as uow:
            usual = schedule_queries.portable_snapshot(uow, start, end)
    finally:
        event.remove(demo_ctx.db.engine, "before_cursor_execute", keep)
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    quick = _Recording(opened[0])
    try:
        assert quick_week.read_snapshot(quick, start, end) == usual  # type: ignore[arg-type]
    finally:
        opened[0].close()
    busy = sorted({b.worker_id for b in usual.blocks})
    assert len(busy) > 1  # the former workers' list is written out, one parameter each
    workers, _params = schedule_sql.expand(schedule_sql.WORKERS, "busy", busy)
    ours = [schedule_sql.MARKER, schedule_sql.BOOKINGS, schedule_sql.SESSIONS, workers]
    assert quick.sent == ours
    reads = [s for s in sent if s.startswith("SELECT")]  # not the transaction's BEGIN
    assert reads == [_as_sent(s) for s in ours]


def test_the_quick_read_gives_the_same_snapshot_as_the_desk_for_every_range(
    demo_ctx: AppContext,
) -> None:
    _single_user(demo_ctx)

    def retire(uow: UnitOfWork) -> None:  # a former worker keeps a row where they had sessions
        worker = uow.session.get(Worker, 2)
        assert worker is not None
        worker.active = False

    open_desk(demo_ctx.db).write(retire)
    week = timedelta(days=7)
    monday = DEMO_NOW - timedelta(days=DEMO_NOW.weekday(), hours=DEMO_NOW.hour)
    ranges = [(monday + n * week, monday + (n + 1) * week) for n in range(-8, 9)]
    ranges += [
        (DEMO_NOW + timedelta(hours=h), DEMO_NOW + timedelta(hours=h + 9)) for h in range(24)
    ]
    ranges.append((monday + 400 * week, monday + 401 * week))  # nothing booked: no busy workers
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    conn, _facts = opened
    compared = 0
    try:
        for start, end in ranges:
            quick = quick_week.read_snapshot(conn, start, end)
            with demo_ctx.db.read() as uow:
                usual = schedule_queries.portable_snapshot(uow, start, end)
            assert quick == usual
            compared += len(usual.blocks)
    finally:
        conn.close()
    assert compared > 500  # the demo's weeks were not empty


def test_a_former_worker_with_sessions_in_the_range_gets_a_row(demo_ctx: AppContext) -> None:
    _single_user(demo_ctx)
    start = DEMO_NOW - timedelta(days=DEMO_NOW.weekday(), hours=DEMO_NOW.hour)
    end = start + timedelta(days=7)
    with demo_ctx.db.read() as uow:
        busy = next(b.worker_id for b in schedule_blocks.load_schedule(uow, start, end))

    def retire(uow: UnitOfWork) -> None:
        worker = uow.session.get(Worker, busy)
        assert worker is not None
        worker.active = False

    open_desk(demo_ctx.db).write(retire)
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    snapshot = quick_week.read_snapshot(opened[0], start, end)
    opened[0].close()
    assert [w.active is False for w in snapshot.workers if w.id == busy] == [True]


def test_the_quick_path_opens_a_single_user_desk_at_the_current_schema(
    demo_ctx: AppContext,
) -> None:
    assert quick_week.connect(_db_file(demo_ctx)) is None  # the demo practice signs in
    _single_user(demo_ctx)
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    opened[0].close()
    assert opened[1].time_zone == "Australia/Sydney"
    assert opened[1].practice_name


def test_a_first_run_an_older_schema_or_a_bad_file_take_the_usual_start(
    ctx: AppContext, demo_ctx: AppContext, tmp_path: Path
) -> None:
    _single_user(ctx)  # the administrator has no password yet: the first run
    assert quick_week.connect(_db_file(ctx)) is None
    _single_user(demo_ctx)
    older = sqlite3.connect(_db_file(demo_ctx))
    older.execute("UPDATE alembic_version SET version_num = '0003'")
    older.commit()
    older.close()
    assert quick_week.connect(_db_file(demo_ctx)) is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    for path in (garbage, empty, tmp_path / "missing.sqlite3"):
        assert quick_week.connect(path) is None
    assert not (tmp_path / "missing.sqlite3").exists()


def test_a_restore_cut_short_takes_the_usual_start_which_finishes_or_undoes_it(
    demo_ctx: AppContext,
) -> None:
    _single_user(demo_ctx)
    db_file = _db_file(demo_ctx)
    for leftover in (".restoring", ".incoming"):
        marker = db_file.with_name(db_file.name + leftover)
        marker.write_text("{}")
        assert quick_week.connect(db_file) is None
        marker.unlink()
    opened = quick_week.connect(db_file)
    assert opened is not None
    opened[0].close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///relative.sqlite3", "relative.sqlite3"),
        ("sqlite:////srv/frontdesk.sqlite3", "/srv/frontdesk.sqlite3"),
        ("sqlite:///:memory:", None),
        ("sqlite://", None),
        ("sqlite:///file.sqlite3?timeout=30", None),
        ("postgresql+psycopg://desk@server/frontdesk", None),
    ],
)
def test_only_a_plain_sqlite_file_url_takes_the_quick_path(url: str, expected: str | None) -> None:
    found = quick_week.sqlite_path(url)
    assert (str(found) if found else None) == expected


def test_the_quick_read_loads_no_sqlalchemy() -> None:
    code = (
        "import sys, app.services.schedule.quick_week, app.ui.start.first_week; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def _weeks(around: int) -> list[tuple[datetime, datetime]]:
    """The demo's current week and `around` weeks either side."""
    week = timedelta(days=7)
    monday = DEMO_NOW - timedelta(days=DEMO_NOW.weekday(), hours=DEMO_NOW.hour)
    return [(monday + n * week, monday + (n + 1) * week) for n in range(-around, around + 1)]


def test_a_week_read_ahead_on_a_thread_is_the_week_read_on_the_spot(
    demo_ctx: AppContext,
) -> None:
    _single_user(demo_ctx)
    names = ['Zoë "Q"', "O'Brien \\ back", "Ngô 😀", "tab\there", "line\nbreak", "Ünïcödé"]
    this_week = _weeks(0)[0]
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    shown = quick_week.read_snapshot(opened[0], *this_week)
    opened[0].close()
    booked = sorted({c.client_id for b in shown.blocks for c in b.clients})
    change = sqlite3.connect(_db_file(demo_ctx))
    for client, name in zip(booked, names, strict=False):  # names the JSON text must escape
        change.execute("UPDATE clients SET first_name = ? WHERE id = ?", (name, client))
    change.execute("UPDATE sessions SET location_id = NULL WHERE id % 5 = 0")
    change.commit()
    change.close()
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    conn, _facts = opened
    compared = 0
    try:
        for start, end in [*_weeks(6), (DEMO_NOW, DEMO_NOW + timedelta(hours=9))]:
            plain = quick_week.read_snapshot(conn, start, end)
            ahead = quick_week.ReadAhead(conn, start, end)
            assert quick_week.read_snapshot(conn, start, end, ahead) == plain
            compared += len(plain.blocks)
        week = quick_week.read_snapshot(conn, *this_week, quick_week.ReadAhead(conn, *this_week))
    finally:
        conn.close()
    assert compared > 300
    named = {c.client_name for b in week.blocks for c in b.clients}
    assert all(any(n.startswith(f"{name} ") for n in named) for name in names)


def test_rows_read_ahead_in_any_order_come_back_in_the_statements_order(
    demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _single_user(demo_ctx)
    backwards = {  # SQLite is free to aggregate rows in any order: the reader sorts them back
        "_BOOKINGS_JSON": schedule_sql.as_json(
            schedule_sql.BOOKINGS.replace(
                "ORDER BY bookings.session_id, bookings.id", "ORDER BY bookings.id DESC"
            ),
            7,
        ),
        "_SESSIONS_JSON": schedule_sql.as_json(
            schedule_sql.SESSIONS.replace(
                "ORDER BY sessions.starts_at, sessions.id", "ORDER BY sessions.id DESC"
            ),
            15,
        ),
    }
    for name, statement in backwards.items():
        assert statement != getattr(quick_week, name)
        monkeypatch.setattr(quick_week, name, statement)
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    conn, _facts = opened
    times: set[datetime] = set()
    try:
        for start, end in _weeks(2):
            plain = quick_week.read_snapshot(conn, start, end)
            ahead = quick_week.ReadAhead(conn, start, end)
            assert ahead.rows(start, end) is not None
            assert quick_week.read_snapshot(conn, start, end, ahead) == plain
            times |= {b.starts_at for b in plain.blocks}
    finally:
        conn.close()
    assert len(times) > 20  # sessions at many times, so the order had to be put back


def test_another_range_or_a_failed_read_ahead_is_read_on_the_spot(
    demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    _single_user(demo_ctx)
    opened = quick_week.connect(_db_file(demo_ctx))
    assert opened is not None
    conn, _facts = opened
    this, other = _weeks(1)[1], _weeks(1)[2]
    try:
        ahead = quick_week.ReadAhead(conn, *this)
        assert ahead.rows(*other) is None  # the desk opens on another week
        expected = quick_week.read_snapshot(conn, *other)
        assert expected.blocks
        assert quick_week.read_snapshot(conn, *other, ahead) == expected
        monkeypatch.setattr(quick_week, "_SESSIONS_JSON", "SELECT no_such_column FROM sessions")
        failed = quick_week.ReadAhead(conn, *this)
        assert failed.rows(*this) is None
        assert quick_week.read_snapshot(conn, *this, failed) == quick_week.read_snapshot(
            conn, *this
        )
    finally:
        conn.close()
