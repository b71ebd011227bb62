"""The SQLite connection policy: pragmas on, and two desks never lock each other out or lose updates."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from sqlalchemy import text

from app.db import SYSTEM_ACTOR, WAL_AUTOCHECKPOINT_PAGES, Database, LongJob, make_engine


def test_sqlite_pragmas_are_on(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    engine.dispose()


WORKER = textwrap.dedent(
    """
    import sys
    from sqlalchemy import text
    from app.db import Database, make_engine, SYSTEM_ACTOR
    db = Database(make_engine(sys.argv[1]))
    locked = 0
    for _ in range(int(sys.argv[2])):
        try:
            with db.write(SYSTEM_ACTOR) as uow:
                value = uow.session.execute(text("SELECT n FROM counter WHERE id = 1")).scalar_one()
                uow.session.execute(text("UPDATE counter SET n = :n WHERE id = 1"), {"n": value + 1})
        except Exception as exc:
            locked += 1
            print("error:", exc, file=sys.stderr)
    print(locked)
    """
)


def test_two_processes_read_modify_write_without_locked_errors_or_lost_updates(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"))
        conn.execute(text("INSERT INTO counter VALUES (1, 0)"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, "200"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    errors = [int(out.strip()) for out, _err in outputs]
    assert errors == [0, 0], [err for _out, err in outputs]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM counter")).scalar() == 400
    engine.dispose()


def _blobs(path: Path) -> Database:
    """A database with an empty table of blobs: each 2 MB row is about 490 pages of log."""
    db = Database(make_engine(f"sqlite:///{path}"))
    with db.write(SYSTEM_ACTOR) as uow:
        uow.session.execute(text("CREATE TABLE blobs (b BLOB)"))
    return db


def _write_blobs(job: LongJob, batches: int) -> None:
    """A long job's batches, each one 2 MB row (about 490 pages of log)."""
    for _ in range(batches):
        with job.write(SYSTEM_ACTOR) as uow:
            uow.session.execute(text("INSERT INTO blobs VALUES (zeroblob(2000000))"))


def test_a_long_jobs_batches_leave_the_checkpoint_until_the_job_asks(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    db = _blobs(path)
    for _ in range(3):  # ~1,470 pages, past the point where a commit would copy them back
        with db.write(SYSTEM_ACTOR, hold_checkpoint=True) as uow:
            assert uow.session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 0
            uow.session.execute(text("INSERT INTO blobs VALUES (zeroblob(2000000))"))
    assert path.stat().st_size < 1_000_000  # every page still in the log
    with db.read() as uow:  # the same pooled connection, back to the usual setting
        setting = uow.session.execute(text("PRAGMA wal_autocheckpoint")).scalar()
        assert setting == WAL_AUTOCHECKPOINT_PAGES
    db.checkpoint()
    assert path.stat().st_size > 6_000_000
    with db.write(SYSTEM_ACTOR) as uow:  # a plain write copies the log back as it commits
        uow.session.execute(text("INSERT INTO blobs VALUES (zeroblob(5000000))"))
    assert path.stat().st_size > 11_000_000
    db.dispose()


def test_a_long_job_copies_its_log_back_and_leaves_no_thread(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    db = _blobs(path)
    with db.long_job() as job:
        _write_blobs(job, 4)
        assert any(t.name == "frontdesk-checkpoint" for t in threading.enumerate())
    # The job is over at once; its log goes back on its thread, which settle() waits for.
    with db.read() as uow:
        assert uow.session.execute(text("SELECT count(*) FROM blobs")).scalar() == 4
    db.settle()
    assert path.stat().st_size > 8_000_000  # in the file, not only in the log
    assert not any(t.name == "frontdesk-checkpoint" for t in threading.enumerate())
    db.dispose()


def test_closing_the_database_waits_for_an_ended_jobs_log(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    db = _blobs(path)
    with db.long_job() as job:
        _write_blobs(job, 3)
    db.dispose()
    assert not any(t.name == "frontdesk-checkpoint" for t in threading.enumerate())
    assert path.stat().st_size > 6_000_000
