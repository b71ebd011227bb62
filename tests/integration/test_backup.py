"""SPEC section 6 data safety: daily backups with retention, restore, corrupt-file detection."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import migrations
from app.bootstrap import CorruptDatabaseError, build
from app.errors import StorageError
from app.models import Session
from app.services.demo.generate import generate_demo
from app.services.storage import backup, restore
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


def test_the_full_check_runs_at_most_daily_the_other_starts_look_at_the_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    day = datetime(2026, 4, 1, 8, tzinfo=UTC)
    full_checks: list[Path] = []
    real = backup.integrity_problem

    def counted(path: Path, *, full: bool = False) -> str | None:
        full_checks.append(path)
        return real(path, full=full)

    monkeypatch.setattr(backup, "integrity_problem", counted)
    assert backup.check_and_back_up(db_file, folder, day).backup is not None
    assert len(full_checks) == 1  # the new backup, a page-for-page copy of the file
    for hours in (1, 5, 12):
        assert (
            backup.check_and_back_up(db_file, folder, day + timedelta(hours=hours)).problem is None
        )
    assert len(full_checks) == 1  # the day's other starts never read the whole file
    header = db_file.read_bytes()[:16]
    with db_file.open("r+b") as f:  # a broken header is still found at once
        f.write(b"not a database!!")
    care = backup.check_and_back_up(db_file, folder, day + timedelta(hours=13))
    assert care.problem and care.backup is None and len(full_checks) == 1
    with db_file.open("r+b") as f:
        f.write(header)
    care = backup.check_and_back_up(db_file, folder, day + timedelta(days=1))
    assert care.problem is None and care.backup is not None and len(full_checks) == 2
    _damage(db_file, 8192)  # damage inside: the copy fails its check, then the file its own
    care = backup.check_and_back_up(db_file, folder, day + timedelta(days=2))
    assert care.problem and care.backup is None and full_checks[-1] == db_file


def test_a_copy_gone_wrong_of_a_sound_file_is_a_failed_backup_not_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    copy = backup._copy

    def damaged_copy(source: Path, target: Path) -> None:
        copy(source, target)
        _damage(target, 8192)  # a bad sector under the backups folder

    monkeypatch.setattr(backup, "_copy", damaged_copy)
    with pytest.raises(StorageError, match="failed its check after copying"):
        backup.check_and_back_up(db_file, folder, datetime(2026, 4, 1, 8, tzinfo=UTC))
    assert _written(folder) == [] and backup.integrity_problem(db_file) is None


def test_a_backup_cut_short_leaves_nothing_that_looks_like_a_backup(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database: the copy fails part-way")
    folder = tmp_path / "backups"
    with pytest.raises(StorageError) as err:
        backup.backup_sqlite_file(notes, folder, "daily", datetime(2026, 4, 1, tzinfo=UTC))
    assert "frontdesk-20260401-000000-daily.sqlite3" in err.value.message
    assert list(folder.iterdir()) == []


def test_a_backup_dated_in_the_future_neither_stops_the_daily_ones_nor_is_pruned(
    tmp_path: Path,
) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    day = datetime(2026, 4, 1, 8, tzinfo=UTC)
    # Taken once while the computer's clock said 2031.
    future = backup.daily_backup(db_file, folder, datetime(2031, 1, 1, 8, tzinfo=UTC))
    assert future is not None
    made = [backup.daily_backup(db_file, folder, day + timedelta(days=n)) for n in range(16)]
    assert all(p is not None for p in made)
    assert backup.daily_backup(db_file, folder, day + timedelta(days=15, hours=2)) is None
    daily = [p for p in backup.list_backups(folder) if "-daily" in p.name]
    assert future in daily and len(daily) == 15  # 14 kept, and the one from the "future"


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_backups_cut_short_are_cleared_at_the_next_start_but_one_being_written_stays(
    tmp_path: Path,
) -> None:
    import os

    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    killed = folder / f"frontdesk-20260331-080000-daily.sqlite3.{_dead_pid()}-a1b2c3.partial"
    older_program = folder / "frontdesk-20260330-080000-daily.sqlite3.partial"
    running = folder / f"frontdesk-20260331-090000-manual.sqlite3.{os.getpid()}-d4e5f6.partial"
    for partial in (killed, older_program, running):
        partial.write_bytes(b"\0" * 100_000)
    day = datetime(2026, 4, 1, 8, tzinfo=UTC)
    backup.daily_backup(db_file, folder, day)
    # No backup is due, yet the start's care of the file clears what killed copies left.
    killed.write_bytes(b"\0" * 100_000)
    assert backup.check_and_back_up(db_file, folder, day + timedelta(hours=1)).backup is None
    assert not killed.exists() and not older_program.exists()
    assert running.exists()  # this process is alive: its copy may still be being written
    os.utime(running, (0, 0))  # ...unless untouched for hours (its process id reused since)
    backup.remove_stale_partials(folder)
    assert list(folder.glob("*.partial")) == []


def test_a_new_backup_that_fails_its_check_does_not_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    copy = backup._copy

    def damaged_copy(source: Path, target: Path) -> None:
        copy(source, target)
        _damage(target, 8192)  # a bad sector, a flaky network drive

    monkeypatch.setattr(backup, "_copy", damaged_copy)
    with pytest.raises(StorageError) as err:
        backup.daily_backup(db_file, folder, datetime(2026, 4, 1, 8, tzinfo=UTC))
    assert err.value.message.startswith(
        "The backup frontdesk-20260401-080000-daily.sqlite3 failed its check after copying ("
    )
    assert _written(folder) == []
    monkeypatch.setattr(backup, "_copy", copy)
    assert backup.daily_backup(db_file, folder, datetime(2026, 4, 1, 9, tzinfo=UTC)) is not None


@pytest.mark.parametrize(
    "full",
    [
        OSError(28, "No space left on device"),  # writing the copy out to disk
        sqlite3.OperationalError("database or disk is full"),  # SQLite writing the copy
    ],
)
def test_a_full_disk_during_a_backup_is_a_sentence_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full: Exception
) -> None:
    db_file = _practice(tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    before = db_file.read_bytes()

    def no_room(*_args: object) -> None:
        raise full

    monkeypatch.setattr(backup, "fsync_file" if isinstance(full, OSError) else "_copy", no_room)
    with pytest.raises(StorageError) as err:
        backup.backup_sqlite_file(db_file, folder, "manual", datetime(2026, 4, 1, 8, tzinfo=UTC))
    assert err.value.message == (
        "The disk is full: the backup frontdesk-20260401-080000-manual.sqlite3 could not be "
        f"written in {folder}. The practice itself was not changed; free some space (older "
        "backups can go) and back up again."
    )
    assert _written(folder) == [] and db_file.read_bytes() == before


def _written(folder: Path) -> list[Path]:
    """What the backups wrote in `folder` (other keepsakes may live there too)."""
    return sorted(folder.glob("frontdesk-*"))


def _fake_pg_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """A `pg_dump` first on PATH that runs `body` (a shell script; $3 is the output file)."""
    import os

    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir(exist_ok=True)
    tool = bin_dir / "pg_dump"
    tool.write_text(f"#!/bin/sh\n{body}\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (  # the server refused: pg_dump has already created its (empty) output file
            ': > "$3"; echo "pg_dump: error: connection to postgresql://fd:s3cret@db/x '
            'failed: FATAL: password authentication failed" >&2; exit 1',
            "pg_dump could not back up the practice (pg_dump: error: connection to "
            "postgresql://fd:***@db/x failed: FATAL: password authentication failed), so no "
            "backup was written.",
        ),
        (': > "$3"', "failed its check (the file is empty)"),  # said it worked, wrote nothing
        ('printf "PGDMP-cut-short" > "$3"', "failed its check ("),  # pg_restore cannot read it
    ],
)
def test_a_failed_pg_dump_leaves_nothing_named_like_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, words: str
) -> None:
    import shutil

    if shutil.which("pg_restore") is None and "PGDMP" in body:
        pytest.skip("pg_restore is not installed to read the archive back")
    _fake_pg_dump(tmp_path, monkeypatch, body)
    folder = tmp_path / "backups"
    with pytest.raises(StorageError) as err:
        backup.pg_dump_backup(
            "postgresql+psycopg://fd:s3cret@db/x", folder, datetime(2026, 4, 1, 8, tzinfo=UTC)
        )
    assert words in err.value.message and "s3cret" not in err.value.message
    assert list(folder.iterdir()) == []


def test_restore_on_a_postgresql_practice_is_refused_with_what_to_do_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    dump = tmp_path / "frontdesk-20260401-080000-pg.dump"
    dump.write_bytes(b"PGDMP")
    url = "postgresql+psycopg://fd@db.example/practice"
    assert main(["--db", url, "--data-dir", str(tmp_path), "restore", str(dump)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("frontdesk: This practice is kept on a PostgreSQL server")
    assert "Close FrontDesk on every desk" in said and "pg_restore --clean" in said


def test_a_pg_dump_backup_is_read_back_before_it_takes_its_name(
    tmp_path: Path, pg_server: object
) -> None:
    import shutil

    from tests.conftest import pg_url

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed on this desk")
    url = pg_url(pg_server)  # type: ignore[arg-type]
    build(url, tmp_path / "data").close()  # the practice's tables
    folder = tmp_path / "backups"
    made = backup.pg_dump_backup(url, folder, datetime(2026, 4, 1, 8, tzinfo=UTC))
    assert made.name == "frontdesk-20260401-080000-pg.dump"
    assert made.read_bytes()[:5] == b"PGDMP" and _written(folder) == [made]
