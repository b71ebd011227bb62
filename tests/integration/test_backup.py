"""SPEC section 6 data safety: daily backups with retention, restore, corrupt-file detection."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import migrations
from app.bootstrap import CorruptDatabaseError, build
from app.models import Session
from app.services import backup
from app.services.demo import generate_demo
from tests.conftest import DEMO_NOW


def _practice(data: Path) -> Path:
    ctx = build(data_dir=data)
    generate_demo(ctx.db, DEMO_NOW)
    ctx.close()
    return data / "frontdesk.sqlite3"


def test_daily_backup_once_a_day_keeping_the_newest_fourteen(tmp_path: Path) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    day = datetime(2026, 4, 1, 8, tzinfo=UTC)
    assert backup.daily_backup(db_file, folder, day) is not None
    assert backup.daily_backup(db_file, folder, day + timedelta(hours=3)) is None  # already today
    for n in range(1, 20):
        backup.daily_backup(db_file, folder, day + timedelta(days=n))
    daily = [p for p in backup.list_backups(folder) if "-daily" in p.name]
    assert len(daily) == 14 and daily[0].name.startswith("frontdesk-20260420")


def test_restore_round_trip_keeps_the_current_database_aside(tmp_path: Path) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    saved = backup.backup_sqlite_file(db_file, folder, "manual", datetime(2026, 4, 1, tzinfo=UTC))
    conn = sqlite3.connect(db_file)
    conn.execute("DELETE FROM bookings")  # a disaster after the backup
    conn.execute(
        "DELETE FROM sessions WHERE id NOT IN (SELECT session_id FROM audit_events WHERE session_id IS NOT NULL)"
    )
    conn.commit()
    conn.close()
    aside = backup.restore_sqlite_file(
        saved, db_file, folder, datetime(2026, 4, 2, tzinfo=UTC), migrations.known_revisions()
    )
    assert aside is not None and aside.exists() and "replaced" in aside.name
    ctx = build(data_dir=tmp_path / "data")
    with ctx.db.read() as uow:
        assert uow.session.scalar(select(func.count(Session.id))) == 543
    ctx.close()


def test_restore_refuses_a_file_that_is_not_a_frontdesk_database(tmp_path: Path) -> None:
    db_file = _practice(tmp_path / "data")
    before = db_file.read_bytes()
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    for bad, words in ((other, "not a FrontDesk one"), (text, "not a database file")):
        with pytest.raises(ValueError) as err:
            backup.restore_sqlite_file(
                bad,
                db_file,
                tmp_path / "b",
                datetime(2026, 4, 2, tzinfo=UTC),
                migrations.known_revisions(),
            )
        assert words in str(err.value) and "left as it is" in str(err.value)
    assert db_file.read_bytes() == before


def test_a_corrupt_database_file_is_detected_at_start(tmp_path: Path) -> None:
    db_file = _practice(tmp_path / "data")
    with db_file.open("r+b") as f:  # overwrite bytes in the middle of the file
        f.seek(8192)
        f.write(b"\xde\xad\xbe\xef" * 2048)
    with pytest.raises(CorruptDatabaseError) as err:
        build(data_dir=tmp_path / "data")
    assert "is damaged" in err.value.message and err.value.path == db_file
