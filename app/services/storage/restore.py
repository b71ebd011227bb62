"""Restoring a SQLite practice from a backup: never while a desk uses it, never half-done.

The backup is copied beside the database (`<database>.incoming`), checked whole, synced to
disk; a journal (`<database>.restoring`) is written; only then is the current file moved aside
and the copy renamed into place. A restore killed at any moment leaves the old practice or the
restored one: the next start (bootstrap, through `join_practice`) finishes a swap the journal
announces, or removes a copy that never got that far.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from app.errors import StorageError
from app.i18n import translate
from app.paths import private_file, private_folder
from app.services.audit.chain import PRACTICE_ID
from app.services.storage import desk_lock
from app.services.storage.backup import BACKUP_PREFIX, BACKUP_SUFFIX, frontdesk_problem, fsync_file

INCOMING_SUFFIX = ".incoming"
JOURNAL_SUFFIX = ".restoring"
# Which backup was put in place, when and by whom: the next open sets aside the audit
# checkpoints newer than it and records the restore (app/services/audit/restored.py).
NOTE_SUFFIX = ".restored"
SIDE_FILES = ("-wal", "-shm", "-journal")
# Tests set this to a step's name: the restore stops there so a kill lands exactly at that step.
PAUSE_ENV = "FRONTDESK_TEST_RESTORE_PAUSE_AT"


def postgresql_refusal() -> str:
    """Why a practice kept on a PostgreSQL server is not restored from a desk, and what instead."""
    return translate(
        "storage",
        "This practice is kept on a PostgreSQL server, which FrontDesk does not replace "
        "from a desk. Close FrontDesk on every desk, then have your IT support restore the "
        "backup on the server with pg_restore (for example: pg_restore --clean --if-exists "
        "-d DATABASE FILE).",
    )


def incoming_file(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + INCOMING_SUFFIX)


def journal_file(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + JOURNAL_SUFFIX)


def note_file(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + NOTE_SUFFIX)


def trail_end(path: Path) -> tuple[str, int]:
    """A practice file's audit identity without opening it as a practice: (practice id, last
    event id); ("", 0) for a file that has no trail."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM audit_meta WHERE name = ?", (PRACTICE_ID,)).fetchone()
        last = conn.execute("SELECT max(id) FROM audit_events").fetchone()
    except sqlite3.DatabaseError:
        return "", 0
    finally:
        conn.close()
    return (str(row[0]) if row else ""), int(last[0] or 0) if last else 0


def _step(name: str) -> None:
    """A no-op unless a test asked the restore to stop at `name` (then it waits to be killed)."""
    if os.environ.get(PAUSE_ENV) == name:
        print(f"paused at {name}", flush=True)
        time.sleep(120)


def restore_sqlite_file(
    source: Path,
    target: Path,
    backup_dir: Path,
    now: datetime,
    known_revisions: set[str],
    by: str = "",
) -> Path | None:
    """Put `source` in place of `target`; the current file is kept aside first. Returns where.

    Refused (PracticeInUseError, naming them) while any other FrontDesk process has the
    practice open; a source that is not a sound FrontDesk practice raises ValueError. `by`:
    who restored it, for the restore's audit event.
    """
    with desk_lock.exclusive(target):
        _step("locked")
        if needs_tidying(target):
            tidy(target)
        problem = frontdesk_problem(source, known_revisions)
        if problem:
            raise ValueError(
                translate(
                    "storage", "Not restored: {problem} The current database was left as it is."
                ).format(problem=problem)
            )
        incoming = incoming_file(target)
        _copy_checked(source, incoming, known_revisions)
        _, last_event = trail_end(incoming)
        _checkpoint(target)
        _step("checkpointed")
        aside = _aside_name(backup_dir, now) if target.exists() else None
        # The note travels in the journal: a start that finishes the swap records it too.
        note = _note(source.name, now, by, last_event)
        _write_journal(target, aside, note)
        _step("journal")
        _swap(target, incoming, aside)
        _step("swapped")
        _write_note(target, note)
        journal_file(target).unlink()
        _sync_folder(target.parent)
        _step("done")
        return aside


def _copy_checked(source: Path, incoming: Path, known_revisions: set[str]) -> None:
    """The backup copied beside the database, checked whole and on disk before it counts."""
    _remove_with_side_files(incoming)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(private_file(incoming))  # the practice stays 0600
            try:
                src.backup(dst, pages=64, progress=lambda *_: _step("copying"))
                # A plain file with no WAL of its own: nothing of it can stay behind the rename.
                dst.execute("PRAGMA journal_mode = DELETE").fetchall()
            finally:
                dst.close()
        finally:
            src.close()
        _step("copied")
        problem = frontdesk_problem(incoming, known_revisions, full=True)
        if problem:
            raise ValueError(
                translate(
                    "storage",
                    "Not restored: the copy of the backup failed its check ({problem}). The current database was left as it is.",
                ).format(problem=problem)
            )
        fsync_file(incoming)
        _sync_folder(incoming.parent)
        _step("synced")
    except BaseException:
        _remove_with_side_files(incoming)
        raise


def _checkpoint(db_file: Path) -> None:
    """Fold the old file's WAL into it, so what is kept aside is one whole file."""
    if not db_file.exists():
        return
    try:
        conn = sqlite3.connect(db_file)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged file: its WAL goes aside with it (see _swap)


def _aside_name(backup_dir: Path, now: datetime) -> Path:
    private_folder(backup_dir)
    stamp = f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}-replaced"
    aside, n = backup_dir / f"{stamp}{BACKUP_SUFFIX}", 1
    while aside.exists():
        n += 1
        aside = backup_dir / f"{stamp}-{n}{BACKUP_SUFFIX}"
    return aside


def _write_journal(target: Path, aside: Path | None, note: dict[str, object]) -> None:
    """Announce the swap, and the note the restored file is to get; written whole (temporary
    name, synced, renamed) or not at all."""
    journal = journal_file(target)
    partial = journal.with_name(journal.name + ".tmp")
    body = {"aside": str(aside) if aside else None, "note": note}
    partial.write_text(json.dumps(body), encoding="utf-8")
    fsync_file(partial)
    partial.replace(journal)
    _sync_folder(target.parent)


def _note(backup: str, now: datetime, by: str, last_event: int) -> dict[str, object]:
    """Which backup is put in place, when, by whom, and where its audit trail ends."""
    return {"backup": backup, "restored_at": now.isoformat(), "by": by, "last_event": last_event}


def _write_note(target: Path, body: dict[str, object]) -> None:
    """Leave the restore's note (whole or not at all) for the practice's next open, which
    records the restore in its audit trail (app/services/audit/restored.py)."""
    note = note_file(target)
    partial = note.with_name(note.name + ".tmp")
    partial.write_text(json.dumps(body), encoding="utf-8")
    fsync_file(partial)
    partial.replace(note)


def _swap(target: Path, incoming: Path, aside: Path | None) -> None:
    """Current file (with its WAL) aside, the checked copy in its place. Safe to run again."""
    keep = aside
    if target.exists():
        if keep is None or keep.exists():  # never over another file: the current one is kept
            keep = _unused(target.with_name(target.name + ".kept"))
        target.replace(keep)
        _step("aside")
    for suffix in SIDE_FILES:  # the old file's WAL must never meet the restored file
        extra = target.with_name(target.name + suffix)
        if not extra.exists():
            continue
        if keep is not None and not keep.with_name(keep.name + suffix).exists():
            extra.replace(keep.with_name(keep.name + suffix))
        else:
            extra.unlink()
    if keep is not None:
        _sync_folder(keep.parent)
    incoming.replace(target)
    _sync_folder(target.parent)


def _unused(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def needs_tidying(db_file: Path) -> bool:
    """A restore was cut short here: its journal or its copy is still beside the database."""
    return journal_file(db_file).exists() or incoming_file(db_file).exists()


def tidy(db_file: Path) -> None:
    """Finish a swap the journal announced, or drop a copy that never got that far."""
    journal, incoming = journal_file(db_file), incoming_file(db_file)
    journal.with_name(journal.name + ".tmp").unlink(missing_ok=True)
    if not journal.exists():
        _remove_with_side_files(incoming)  # the old file was never touched
        return
    try:
        raw = json.loads(journal.read_text(encoding="utf-8"))
        aside = Path(raw["aside"]) if raw.get("aside") else None
        note = raw.get("note")  # none in a journal of an older FrontDesk
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(
            translate(
                "storage",
                "A restore of the practice was interrupted and cannot be finished ({exc}). Nothing was changed; the files are in {parent}: call your IT support.",
            ).format(exc=exc, parent=db_file.parent)
        ) from exc
    put_back = False
    if incoming.exists():
        _swap(db_file, incoming, aside)  # checked and synced before the journal was written
    elif not db_file.exists() and aside is not None and aside.exists():
        _put_back(aside, db_file)
        put_back = True
    # The restored file is in place: its restore is recorded as if it had not been cut short.
    if isinstance(note, dict) and not put_back and not note_file(db_file).exists():
        _write_note(db_file, note)
    journal.unlink()
    _sync_folder(db_file.parent)


def _put_back(aside: Path, db_file: Path) -> None:
    for suffix in SIDE_FILES:
        extra = aside.with_name(aside.name + suffix)
        if extra.exists():
            extra.replace(db_file.with_name(db_file.name + suffix))
    aside.replace(db_file)


def join_practice(db_file: Path) -> desk_lock.DeskLock:
    """This process joins the desks using the practice (after tidying a restore cut short)."""
    return desk_lock.join(db_file, lambda: needs_tidying(db_file), lambda: tidy(db_file))


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX; Windows has no handle on a folder for this)."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
