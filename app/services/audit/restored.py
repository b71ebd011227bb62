"""After a restore: the checkpoints newer than the restored trail set aside, the restore audited.

A backup holds the audit trail as it was when it was taken; the checkpoints written since then
anchor events the restore took away on purpose, and verify would call them gone. Only those
whose last event is beyond the restored trail's last event are moved, to a dated folder beside
the others (never deleted): a checkpoint that does not match for any other reason stays and is
reported as before. The restored practice's trail then records the restore, which verify names.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import SYSTEM_ACTOR, Database, UnitOfWork
from app.i18n import translate
from app.models import AuditEvent
from app.number_text import number_text
from app.paths import private_folder
from app.services.audit import chain as audit
from app.services.audit.checkpoint_files import audit_meta, read_checkpoints
from app.services.audit.key import CHECKPOINT_DIR
from app.services.storage.restore import note_file

ACTION = "practice.restore"
SET_ASIDE_PREFIX = "set-aside-"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreSettled:
    """What the restore's audit event says: the backup, when, and the checkpoints set aside."""

    backup: str
    restored_at: datetime  # aware UTC
    set_aside: int
    folder: Path | None  # where they went (None: none were newer than the backup)


def settle_restore(db: Database, db_file: Path) -> RestoreSettled | None:
    """At the first open after a restore: set aside the newer checkpoints, record the restore.

    None when no restore is waiting. Should it fail (this desk's audit key is not the trail's),
    the note stays and the next open tries again; the practice opens either way.
    """
    note = note_file(db_file)
    if not note.exists():
        return None
    try:
        raw = json.loads(note.read_text("utf-8"))
        backup, by = str(raw["backup"]), str(raw.get("by") or "")
        when = datetime.fromisoformat(str(raw["restored_at"]))
        last_id = int(raw["last_event"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("The note of a restore (%s) cannot be read, so it was dropped: %s", note, exc)
        note.unlink(missing_ok=True)
        return None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    try:
        settled = db.transact(SYSTEM_ACTOR, lambda uow: _settle(uow, backup, when, by, last_id))
    except Exception:
        log.exception("The restore of %s was not recorded in the audit trail", backup)
        return None
    note.unlink(missing_ok=True)
    return settled


def _settle(uow: UnitOfWork, backup: str, when: datetime, by: str, last_id: int) -> RestoreSettled:
    """`last_id`: the backup's last event, read from the backup when it was put in place (not
    from the practice now, so events removed from it since are still missed by name)."""
    audit.chain_head(uow)  # the chain's lock: nothing is appended meanwhile
    audit.signing_key(uow)  # refused here, before any file moves, on a desk with another key
    practice_id = audit_meta(uow).get(audit.PRACTICE_ID, "")
    keys = audit.audit_keys(uow)
    folder = keys.checkpoint_dir / f"{SET_ASIDE_PREFIX}{when:%Y%m%d-%H%M%S}"
    newer = [
        f.name
        for f in read_checkpoints(keys, practice_id)
        if f.checkpoint is not None and f.checkpoint.last_id > last_id
    ]
    if newer:
        private_folder(folder)
        for name in newer:
            (keys.checkpoint_dir / name).replace(folder / name)
    # Counted in the folder: a retry after a failed commit still counts those moved before.
    count = len(list(folder.glob("checkpoint-*.json"))) if folder.is_dir() else 0
    audit.record(uow, ACTION, "practice", None, after={
        "backup": backup, "restored_at": when.isoformat(), "restored_by": by or None,
        "last_event": last_id, "checkpoints_set_aside": count,
        "set_aside_folder": folder.name if count else None,
    })  # fmt: skip
    return RestoreSettled(backup, when, count, folder if count else None)


def restored_sentence(uow: UnitOfWork, tz: ZoneInfo) -> str:
    """The sentence naming the newest restore in the trail: which backup, which day ("" for none)."""
    row = uow.session.execute(
        select(AuditEvent.occurred_at, AuditEvent.after)
        .where(AuditEvent.action == ACTION)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    if row is None or not isinstance(row.after, dict):
        return ""
    after = row.after
    day = f"{row.occurred_at.astimezone(tz):%Y-%m-%d}"
    said = translate(
        "audit", "The trail was restored from the backup {backup} on {day} (up to event #{last})."
    ).format(
        backup=after.get("backup", "?"),
        day=day,
        last=number_text(int(after.get("last_event") or 0)),
    )
    count = int(after.get("checkpoints_set_aside") or 0)
    if count:
        said += " " + translate(
            "audit",
            "Set aside in {folder}: %n checkpoint(s) written after that backup.",
            None,
            count,
        ).format(folder=f"{CHECKPOINT_DIR}/{after.get('set_aside_folder', '')}")
    return said
