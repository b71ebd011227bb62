"""Back up now and restore a backup from the window: who may, what is there, what would be lost.

The copying and the swap are backup.py's and restore.py's, as the command line has them; this
module adds the window's checks and sentences around them. Backups are named in UTC (the
desks' clock), so the times handed out here are aware UTC datetimes.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from app.db import UnitOfWork
from app.errors import NotAllowedError, PracticeInUseError, StorageError, ValidationError
from app.i18n import translate
from app.models import AuditEvent, AuditMeta
from app.services.audit.chain import PRACTICE_ID
from app.services.audit.checkpoint_files import ACTION as CHECKPOINT
from app.services.auth import Permission, require, require_now
from app.services.desk import Desk
from app.services.storage import backup, desk_lock, restore
from app.services.storage.desk_lock import DeskLock
from app.services.vocabulary import Actor

MANUAL_LABEL = "manual"  # the same name the command line's `frontdesk backup` gives


@dataclass(frozen=True)
class PracticeFiles:
    """Where this desk's practice and its backups are (the composition root fills it in)."""

    url: str
    db_file: Path | None  # None: the practice is kept on a PostgreSQL server
    backup_dir: Path
    known_revisions: frozenset[str]
    hold: DeskLock | None = None  # this desk's own place among the desks using the file


@dataclass(frozen=True)
class BackupMade:
    path: Path
    size: int  # bytes


@dataclass(frozen=True)
class BackupChoice:
    """A backup that could be restored: when it was taken, its size, and whether it checks out."""

    path: Path
    taken: datetime | None  # UTC; None when neither its name nor the file says
    size: int
    problem: str | None  # None: a sound FrontDesk practice this program can open

    @property
    def kind(self) -> str:
        """daily, manual, pre-upgrade, replaced (by a restore), or "" for a file chosen."""
        name = self.path.name
        if not name.startswith(backup.BACKUP_PREFIX) or backup.backup_time(self.path) is None:
            return ""
        parts = name.removeprefix(backup.BACKUP_PREFIX).removesuffix(backup.BACKUP_SUFFIX)
        label = parts.split("-", 2)[2] if parts.count("-") >= 2 else ""
        head, _, tail = label.rpartition("-")
        return head if head and tail.isdigit() else label  # "replaced-2": a second that second


@dataclass(frozen=True)
class RestorePreview:
    """What restoring `choice` would do to the practice as it is now."""

    choice: BackupChoice
    events_lost: int  # audit events recorded here since the backup's last one (no checkpoints)
    same_practice: bool  # False: a backup of another practice (everything here goes)


def check_backup_allowed(actor: Actor, files: PracticeFiles) -> None:
    """Refuse a role without the permission, or a desk with no way to back up (no pg_dump)."""
    require(actor, Permission.BACKUP)
    if files.db_file is None and shutil.which("pg_dump") is None:
        raise NotAllowedError(
            translate(
                "storage",
                "pg_dump is not installed on this desk; back up the PostgreSQL server with its "
                "own tools.",
            )
        )


def check_restore_allowed(actor: Actor, files: PracticeFiles) -> None:
    """Refuse a role without the permission, or a practice kept on a server."""
    require(actor, Permission.RESTORE)
    if files.db_file is None:
        raise NotAllowedError(restore.postgresql_refusal())


def back_up_now(desk: Desk, files: PracticeFiles) -> BackupMade:
    """A backup where the daily ones go (pg_dump on a server), then the audit anchored with it."""
    desk.read(lambda uow: require_now(uow, Permission.BACKUP))
    check_backup_allowed(desk.actor, files)
    now = desk.now()
    if files.db_file is None:
        try:
            made = backup.pg_dump_backup(files.url, files.backup_dir, now)
        except FileNotFoundError as exc:  # pg_dump gone since the menu was drawn
            raise StorageError(str(exc)) from exc
    else:
        made = backup.backup_sqlite_file(files.db_file, files.backup_dir, MANUAL_LABEL, now)
    desk.checkpoint("backup")
    return BackupMade(made, made.stat().st_size)


def backup_choices(desk: Desk, files: PracticeFiles) -> list[BackupChoice]:
    """The backups in the backup folder, newest first, each checked (SQLite's quick check)."""
    desk.read(lambda uow: require_now(uow, Permission.RESTORE))
    check_restore_allowed(desk.actor, files)
    return [describe(path, files) for path in backup.list_backups(files.backup_dir)]


def chosen_backup(desk: Desk, files: PracticeFiles, path: Path) -> BackupChoice:
    """A backup chosen elsewhere (Browse…), checked as the listed ones are."""
    desk.read(lambda uow: require_now(uow, Permission.RESTORE))
    check_restore_allowed(desk.actor, files)
    return describe(path, files)


def describe(path: Path, files: PracticeFiles) -> BackupChoice:
    """One backup file (from the folder or chosen elsewhere) as the list shows it."""
    taken = backup.backup_time(path)
    try:
        size = path.stat().st_size
        if taken is None:
            taken = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
    except OSError:
        size = 0
    problem = backup.frontdesk_problem(path, set(files.known_revisions))
    return BackupChoice(path, taken.replace(tzinfo=UTC) if taken else None, size, problem)


def preview_restore(desk: Desk, files: PracticeFiles, path: Path) -> RestorePreview:
    """What restoring `path` would lose; refused while another desk has the practice open."""
    check_restore_allowed(desk.actor, files)
    choice = describe(path, files)
    if choice.problem:
        raise ValidationError(
            translate(
                "storage", "Not restored: {problem} The current database was left as it is."
            ).format(problem=choice.problem)
        )
    assert files.db_file is not None
    if _same_file(path, files.db_file):
        raise ValidationError(
            translate(
                "storage",
                "{name} is the practice itself, not a backup of it. Choose a backup from the "
                "list, or one kept elsewhere.",
            ).format(name=path.name)
        )
    refuse_while_others(files)
    practice_id, last_id = restore.trail_end(path)
    return desk.read(lambda uow: _preview(uow, choice, practice_id, last_id))


def refuse_while_others(files: PracticeFiles) -> None:
    """The refusal naming the other desks that have the practice open, and what to do."""
    assert files.db_file is not None
    others = desk_lock.other_desks(files.db_file, files.hold)
    if not others:
        return
    names = "; ".join(note.describe() for note in others)
    said = translate(
        "storage",
        "The practice is open on %n other desk(s): {desks}. Ask them to close FrontDesk there "
        "(File ▸ Quit), then restore again. Nothing was changed.",
        None,
        len(others),
    )
    raise PracticeInUseError(said.format(desks=names))


def _preview(
    uow: UnitOfWork, choice: BackupChoice, practice_id: str, last_id: int
) -> RestorePreview:
    require_now(uow, Permission.RESTORE)
    here = uow.session.scalar(select(AuditMeta.value).where(AuditMeta.name == PRACTICE_ID))
    same = bool(practice_id) and here == practice_id
    # The audit's own checkpoints (one follows every backup) are not work anyone did.
    newer = select(func.count()).select_from(AuditEvent).where(AuditEvent.action != CHECKPOINT)
    if same:
        newer = newer.where(AuditEvent.id > last_id)
    return RestorePreview(choice, int(uow.session.scalar(newer) or 0), same)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False
