"""Backups of the embedded database with SQLite's online backup API (never a file copy)."""

from __future__ import annotations

import errno
import logging
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.errors import StorageError
from app.i18n import translate
from app.paths import private_file, private_folder
from app.redact import redact
from app.services.storage.desk_lock import pid_alive

BACKUP_PREFIX = "frontdesk-"
BACKUP_SUFFIX = ".sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
log = logging.getLogger(__name__)


def backup_sqlite_file(source: Path, backup_dir: Path, label: str, when: datetime) -> Path:
    """Copy `source` consistently (even while other desks write) into `backup_dir`.

    Written under another name, checked whole and synced, then renamed: a copy cut short (the
    program killed during a daily backup, a full disk) or unsound is never listed as a backup.
    """
    target = _free_name(backup_dir, f"{when:%Y%m%d-%H%M%S}-{label}", BACKUP_SUFFIX)
    partial = _partial_name(target)
    try:
        private_file(partial)  # 0600 before SQLite fills it (it keeps an existing file's mode)
        _copy(source, partial)
        problem = integrity_problem(partial, full=True)
        if problem:
            raise StorageError(
                translate(
                    "storage",
                    "The backup {name} failed its check after copying ({problem}), so it was not kept. Run the backup again; if it fails again, call your IT support.",
                ).format(name=target.name, problem=problem)
            )
        fsync_file(partial)
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        log.warning("Backup (%s) not written: %s", label, exc)
        raise backup_failure(exc, target) from exc
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    log.info("Backup (%s) written: %s", label, target)
    return target


def _free_name(backup_dir: Path, stem: str, suffix: str) -> Path:
    """A new backup's name in `backup_dir` (made if missing), after tidying stale partials."""
    try:
        private_folder(backup_dir)
    except OSError as exc:
        raise backup_failure(exc, backup_dir / f"{BACKUP_PREFIX}{stem}{suffix}") from exc
    remove_stale_partials(backup_dir)
    target = backup_dir / f"{BACKUP_PREFIX}{stem}{suffix}"
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / f"{BACKUP_PREFIX}{stem}-{n}{suffix}"
    return target


PARTIAL_SUFFIX = ".partial"
PARTIAL_STALE_AFTER = timedelta(hours=6)  # a running backup rewrites its partial long before


def _partial_name(target: Path) -> Path:
    """Where `target` is written first; the writer's process id says when it is left over."""
    return target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(3)}{PARTIAL_SUFFIX}")


def remove_stale_partials(backup_dir: Path) -> list[Path]:
    """Delete backups cut short (the program was killed mid-copy); one being written stays."""
    removed: list[Path] = []
    now = datetime.now().timestamp()
    for path in backup_dir.glob(f"{BACKUP_PREFIX}*{PARTIAL_SUFFIX}"):
        writer = path.name.removesuffix(PARTIAL_SUFFIX).rsplit(".", 1)[-1].split("-")[0]
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        running = writer.isdigit() and pid_alive(int(writer))
        if not running or age > PARTIAL_STALE_AFTER.total_seconds():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def backup_failure(exc: BaseException, target: Path) -> StorageError:
    """The sentence for a backup that could not be written: a full disk, a read-only folder."""
    if isinstance(exc, StorageError):
        return exc
    code = exc.errno if isinstance(exc, OSError) else None
    text = str(exc).lower()
    folder = target.parent
    if code == errno.ENOSPC or "full" in text:
        return StorageError(
            translate(
                "storage",
                "The disk is full: the backup {name} could not be written in {folder}. "
                "The practice itself was not changed; free some space (older backups can go) "
                "and back up again.",
            ).format(name=target.name, folder=folder)
        )
    if (
        code in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
        or ("unable to open" in text and not os.access(folder, os.W_OK))
    ):
        return StorageError(
            translate(
                "storage",
                "The backup folder {folder} cannot be written, so the backup {name} was "
                "not made. Ask your IT support to make the folder writable.",
            ).format(folder=folder, name=target.name)
        )
    if folder.exists() and not folder.is_dir():
        return StorageError(
            translate(
                "storage",
                "The backup folder {folder} is a file, not a folder, so the backup {name} "
                "was not made. Ask your IT support to move that file away.",
            ).format(folder=folder, name=target.name)
        )
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return StorageError(
        translate("storage", "The backup {name} could not be written in {folder} ({why}).").format(
            name=target.name, folder=folder, why=why
        )
    )


def fsync_file(path: Path) -> None:
    """Make a file's bytes durable before it is renamed into place."""
    fd = os.open(path, os.O_RDWR)  # Windows flushes only a handle opened for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into `target` (a consistent snapshot)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # One self-contained file (no WAL beside it): it can be read, checked and copied
            # on its own, even from a read-only place.
            dst.execute("PRAGMA journal_mode = DELETE").fetchall()
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


def integrity_problem(path: Path, *, full: bool = False) -> str | None:
    """None when SQLite's quick check (or with `full`, its integrity check) passes."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            pragma = "integrity_check" if full else "quick_check"
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
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
    """A backup when the newest is older than a day's work; keeps the newest `keep` daily ones.

    A backup dated after `now` (taken while the computer's clock was wrong) neither counts as
    today's nor is ever pruned: the daily ones go on, and nothing is deleted on a wrong date.
    """
    if not daily_due(backup_dir, now):
        return None
    made = backup_sqlite_file(source, backup_dir, DAILY_LABEL, now)
    for _when, old in _daily_past(backup_dir, now)[keep:]:
        old.unlink(missing_ok=True)
    return made


def daily_due(backup_dir: Path, now: datetime) -> bool:
    """No daily backup dated within a day's work before `now`: the day's first start."""
    past = _daily_past(backup_dir, now)
    return not past or now.replace(tzinfo=None) - past[0][0] >= DAILY_EVERY


def _daily_past(backup_dir: Path, now: datetime) -> list[tuple[datetime, Path]]:
    """The daily backups dated up to `now`, newest first."""
    moment = now.replace(tzinfo=None)
    found = [(backup_time(p), p) for p in list_backups(backup_dir) if f"-{DAILY_LABEL}" in p.name]
    return sorted(((t, p) for t, p in found if t is not None and t <= moment), reverse=True)


@dataclass(frozen=True)
class FileCare:
    """What the start-of-day care of the database file found and did."""

    problem: str | None  # the integrity check's finding; None when the file is sound
    backup: Path | None  # the daily backup made, when one was due


def check_and_back_up(source: Path, backup_dir: Path, now: datetime) -> FileCare:
    """The day's first start: the daily backup, checked whole (never a copy of a damaged file).

    SQLite's backup copies the file's pages as they are, so the copy's integrity check reads
    the practice's own pages too: a sound copy says the file is sound, and only a copy that
    fails sends the full check to the file itself, to tell a damaged practice (offered the
    rescue) from a copy that went wrong (said in the status bar). That whole-file reading
    happens at most once a day; the day's other starts look at the file's header and schema.
    A backup that could not be made leaves the next start due again, so its check runs again.
    """
    if backup_dir.is_dir():
        remove_stale_partials(backup_dir)  # backups cut short at an earlier start
    if not daily_due(backup_dir, now):
        return FileCare(open_problem(source), None)
    try:
        return FileCare(None, daily_backup(source, backup_dir, now))
    except StorageError:
        problem = integrity_problem(source)
        if problem:
            return FileCare(problem, None)
        raise


def frontdesk_problem(path: Path, known_revisions: set[str], *, full: bool = False) -> str | None:
    """Why `path` is not a usable FrontDesk database, or None when it is one."""
    if not path.is_file():
        return translate("storage", "{name} does not exist.").format(name=path.name)
    with path.open("rb") as f:
        if f.read(16) != SQLITE_HEADER:
            return translate("storage", "{name} is not a database file.").format(name=path.name)
    problem = integrity_problem(path, full=full)
    if problem:
        return translate("storage", "{name} is damaged ({problem}).").format(
            name=path.name, problem=problem
        )
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "sessions", "audit_events"} <= tables:
            return translate("storage", "{name} is a database, but not a FrontDesk one.").format(
                name=path.name
            )
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    if revision is None or revision[0] not in known_revisions:
        return translate(
            "storage", "{name} was written by a newer FrontDesk; install that version to open it."
        ).format(name=path.name)
    return None


def pg_dump_backup(url: str, backup_dir: Path, now: datetime) -> Path:
    """A custom-format `pg_dump` of a PostgreSQL practice database, when pg_dump is installed.

    Written under another name and read back (`pg_restore --list`) before it takes a backup's
    name: a failed or cut-short dump leaves nothing that looks like a good one.
    """
    import shutil
    import subprocess

    tool = shutil.which("pg_dump")
    if tool is None:
        raise FileNotFoundError(
            translate(
                "storage",
                "pg_dump is not installed on this desk; back up the PostgreSQL server with its "
                "own tools.",
            )
        )
    target = _free_name(backup_dir, f"{now:%Y%m%d-%H%M%S}-pg", ".dump")
    partial = _partial_name(target)
    libpq, env = libpq_target(url)
    try:
        private_file(partial)  # pg_dump truncates it and keeps its 0600 mode
        done = subprocess.run(
            [tool, "-Fc", "-f", str(partial), libpq],
            capture_output=True,
            text=True,
            timeout=3600,
            env=env,
        )
        if done.returncode != 0:
            raise StorageError(
                translate(
                    "storage",
                    "pg_dump could not back up the practice ({last_line}), so no backup was written. Check the server can be reached, then back up again.",
                ).format(last_line=_last_line(done.stderr, url))
            )
        problem = _dump_problem(partial)
        if problem:
            raise StorageError(
                translate(
                    "storage",
                    "The backup {name} failed its check ({problem}), so it was not kept. Back up again; if it fails again, call your IT support.",
                ).format(name=target.name, problem=problem)
            )
        fsync_file(partial)
        partial.replace(target)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("Backup (pg_dump) not written: %s", exc)
        raise backup_failure(exc, target) from exc
    finally:
        partial.unlink(missing_ok=True)
    log.info("Backup (pg_dump) written: %s", target)
    return target


def _dump_problem(path: Path) -> str | None:
    """Why a pg_dump archive is unusable: empty, not an archive, or unreadable to pg_restore."""
    import shutil
    import subprocess

    with path.open("rb") as f:
        head = f.read(5)
    if not head:
        return translate("storage", "the file is empty")
    if head != b"PGDMP":
        return translate("storage", "the file is not a pg_dump archive")
    reader = shutil.which("pg_restore")
    if reader is None:
        return None
    done = subprocess.run(
        [reader, "--list", str(path)], capture_output=True, text=True, timeout=600
    )
    return None if done.returncode == 0 else _last_line(done.stderr)


def libpq_target(url: str) -> tuple[str, dict[str, str]]:
    """What pg_dump is given: the address without its password (every user on the computer can
    read a process's arguments), and an environment carrying the password (PGPASSWORD) that
    only the child process and this user can see."""
    from sqlalchemy.engine import URL, make_url

    parsed = make_url(url)
    query = dict(parsed.query)
    password = parsed.password if parsed.password is not None else query.pop("password", None)
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    # URL.set() leaves a None unchanged: build the address afresh, without the password.
    address = URL.create(
        "postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database, query
    )
    return address.render_as_string(hide_password=False), env


def _last_line(text: str, *urls: str) -> str:
    """The tool's own last words, with any password in a connection string hidden."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return redact(lines[-1] if lines else translate("storage", "no reason given"), *urls)
