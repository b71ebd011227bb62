"""Backups of the embedded database with SQLite's online backup API (never a file copy)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

BACKUP_PREFIX = "frontdesk-"
BACKUP_SUFFIX = ".sqlite3"


def backup_sqlite_file(source: Path, backup_dir: Path, label: str, when: datetime) -> Path:
    """Copy `source` consistently (even while other desks write) into `backup_dir`."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{BACKUP_PREFIX}{stamp}-{label}{BACKUP_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / f"{BACKUP_PREFIX}{stamp}-{label}-{n}{BACKUP_SUFFIX}"
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


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
