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
from app.services import backup, restore
from app.services.demo import generate_demo
from app.services.errors import StorageError
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
    aside = restore.restore_sqlite_file(
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
            restore.restore_sqlite_file(
                bad,
                db_file,
                tmp_path / "b",
                datetime(2026, 4, 2, tzinfo=UTC),
                migrations.known_revisions(),
            )
        assert words in str(err.value) and "left as it is" in str(err.value)
    assert db_file.read_bytes() == before


def _damage(db_file: Path, at: int, count: int = 2048) -> None:
    with db_file.open("r+b") as f:
        f.seek(at)
        f.write(b"\xde\xad\xbe\xef" * count)


def test_a_corrupt_database_file_is_detected_at_start(tmp_path: Path) -> None:
    db_file = _practice(tmp_path / "data")
    _damage(db_file, 8192)  # bytes in the middle of the file
    with pytest.raises(CorruptDatabaseError) as err:
        build(data_dir=tmp_path / "data", verify=True)  # the command line checks the whole file
    assert "is damaged" in err.value.message and err.value.path == db_file


def test_the_window_opens_after_a_look_at_the_file_and_leaves_the_whole_check_for_later(
    tmp_path: Path,
) -> None:
    db_file = _practice(tmp_path / "data")
    _damage(db_file, 8192)  # found by the check behind the window (tests/ui/test_file_check.py)
    build(data_dir=tmp_path / "data").close()
    _damage(db_file, 100, 50)  # the first page, which every open reads
    with pytest.raises(CorruptDatabaseError) as err:
        build(data_dir=tmp_path / "data")
    assert "is damaged" in err.value.message and err.value.path == db_file
    db_file.write_text("notes, not a database")
    with pytest.raises(CorruptDatabaseError) as err:
        build(data_dir=tmp_path / "data")
    assert "file is not a database" in err.value.message


def test_an_upgrade_checks_the_whole_file_before_it_backs_up_and_migrates(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db_file = _practice(data)
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE alembic_version SET version_num = '0002'")  # an older program's file
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _damage(db_file, 8192)
    with pytest.raises(CorruptDatabaseError):
        build(data_dir=data)
    assert backup.list_backups(data / "backups") == []  # no pre-upgrade copy of a damaged file


def test_the_day_s_check_and_backup_never_copy_a_damaged_file(tmp_path: Path) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    day = datetime(2026, 4, 1, 8, tzinfo=UTC)
    care = backup.check_and_back_up(db_file, folder, day)
    assert care.problem is None and care.backup is not None and care.backup.exists()
    assert backup.check_and_back_up(db_file, folder, day + timedelta(hours=1)) == backup.FileCare(
        None, None
    )
    _damage(db_file, 8192)
    care = backup.check_and_back_up(db_file, folder, day + timedelta(days=1))
    assert care.problem and care.backup is None
    assert len(backup.list_backups(folder)) == 1


def test_a_backup_cut_short_leaves_nothing_that_looks_like_a_backup(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database: the copy fails part-way")
    folder = tmp_path / "backups"
    with pytest.raises(StorageError) as err:
        backup.backup_sqlite_file(notes, folder, "daily", datetime(2026, 4, 1, tzinfo=UTC))
    assert "frontdesk-20260401-000000-daily.sqlite3" in err.value.message
    assert list(folder.iterdir()) == []
