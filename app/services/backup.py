"""Backups of the embedded database with SQLite's online backup API (never a file copy)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BACKUP_PREFIX = "frontdesk-"
BACKUP_SUFFIX = ".sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"


def backup_sqlite_file(source: Path, backup_dir: Path, label: str, when: datetime) -> Path:
    """Copy `source` consistently (even while other desks write) into `backup_dir`."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{BACKUP_PREFIX}{stamp}-{label}{BACKUP_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / f"{BACKUP_PREFIX}{stamp}-{label}-{n}{BACKUP_SUFFIX}"
    # Written under another name, then renamed: a copy cut short (the program closed during a
    # daily backup, a full disk) is never listed as a backup.
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(source, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into `target` (a consistent snapshot)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def list_backups(backup_dir: Path) -> list[Path]:
    """Backups, newest first."""
    if not backup_dir.is_dir():
        return []
    found = [p for p in backup_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def prune_backups(backup_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; returns what was removed."""
    removed = list_backups(backup_dir)[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def integrity_problem(path: Path) -> str | None:
    """None when SQLite's quick check passes; otherwise what it found."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows)
    return None if result == "ok" else result


def open_problem(path: Path) -> str | None:
    """A look at the file's header and schema (milliseconds, unlike the full check)."""
    try:
        with path.open("rb") as f:
            if f.read(16) != SQLITE_HEADER:
                return "file is not a database"
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None


DAILY_LABEL = "daily"
DAILY_KEEP = 14
DAILY_EVERY = timedelta(hours=20)


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken, from its name (frontdesk-YYYYmmdd-HHMMSS-label.sqlite3)."""
    parts = path.name[len(BACKUP_PREFIX) :].split("-")
    try:
        return datetime.strptime(f"{parts[0]}-{parts[1]}", "%Y%m%d-%H%M%S")
    except (IndexError, ValueError):
        return None


def daily_backup(
    source: Path, backup_dir: Path, now: datetime, keep: int = DAILY_KEEP
) -> Path | None:
    """A backup when the newest is older than a day's work; keeps the newest `keep` daily ones."""
    daily = [p for p in list_backups(backup_dir) if f"-{DAILY_LABEL}" in p.name]
    newest = backup_time(daily[0]) if daily else None
    if newest is not None and now.replace(tzinfo=None) - newest < DAILY_EVERY:
        return None
    made = backup_sqlite_file(source, backup_dir, DAILY_LABEL, now)
    for old in [p for p in list_backups(backup_dir) if f"-{DAILY_LABEL}" in p.name][keep:]:
        old.unlink(missing_ok=True)
    return made


@dataclass(frozen=True)
class FileCare:
    """What the start-of-day care of the database file found and did."""

    problem: str | None  # the integrity check's finding; None when the file is sound
    backup: Path | None  # the daily backup made, when one was due


def check_and_back_up(source: Path, backup_dir: Path, now: datetime) -> FileCare:
    """The full integrity check, then the daily backup when due (never a copy of a damaged file)."""
    problem = integrity_problem(source)
    if problem:
        return FileCare(problem, None)
    return FileCare(None, daily_backup(source, backup_dir, now))


def frontdesk_problem(path: Path, known_revisions: set[str]) -> str | None:
    """Why `path` is not a usable FrontDesk database, or None when it is one."""
    if not path.is_file():
        return f"{path.name} does not exist."
    with path.open("rb") as f:
        if f.read(16) != SQLITE_HEADER:
            return f"{path.name} is not a database file."
    problem = integrity_problem(path)
    if problem:
        return f"{path.name} is damaged ({problem})."
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "sessions", "audit_events"} <= tables:
            return f"{path.name} is a database, but not a FrontDesk one."
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    if revision is None or revision[0] not in known_revisions:
        return f"{path.name} was written by a newer FrontDesk; install that version to open it."
    return None


def restore_sqlite_file(
    source: Path, target: Path, backup_dir: Path, now: datetime, known_revisions: set[str]
) -> Path | None:
    """Put `source` in place of `target`; the current file is kept aside first. Returns where."""
    problem = frontdesk_problem(source, known_revisions)
    if problem:
        raise ValueError(f"Not restored: {problem} The current database was left as it is.")
    aside: Path | None = None
    if target.exists():
        backup_dir.mkdir(parents=True, exist_ok=True)
        aside = backup_dir / f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}-replaced{BACKUP_SUFFIX}"
        target.replace(aside)
        for suffix in ("-wal", "-shm"):
            extra = target.with_name(target.name + suffix)
            if extra.exists():
                extra.replace(aside.with_name(aside.name + suffix))
    _copy(source, target)
    return aside


def pg_dump_backup(url: str, backup_dir: Path, now: datetime) -> Path:
    """A custom-format `pg_dump` of a PostgreSQL practice database, when pg_dump is installed."""
    import shutil
    import subprocess

    from sqlalchemy.engine import make_url

    tool = shutil.which("pg_dump")
    if tool is None:
        raise FileNotFoundError(
            "pg_dump is not installed on this desk; back up the PostgreSQL server with its own tools."
        )
    parsed = make_url(url)
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}-pg.dump"
    libpq = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(
        [tool, "-Fc", "-f", str(target), libpq],
        check=True,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    return target
