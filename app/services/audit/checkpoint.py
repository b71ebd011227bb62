"""Signed checkpoints of the audit chain, kept outside the database.

A checkpoint says "this practice had N events up to event #L, whose hash was H", signed with
the audit key, in a 0600 file of the data folder's `audit-checkpoints`. Someone who can write
the database but not that folder cannot cut the tail or rewrite the chain without a
checkpoint saying so. Each checkpoint is also recorded as an `audit.checkpoint` event, so a
checkpoint file removed later is missed by name.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import UTC
from pathlib import Path

from sqlalchemy import func, select

from app.db import Actor, Database, UnitOfWork
from app.errors import FrontDeskError
from app.i18n import translate
from app.models import AuditEvent
from app.services.audit import chain as audit
from app.services.audit.checkpoint_files import ACTION, FORMAT, Checkpoint, audit_meta, signed_body
from app.services.audit.key import sign, write_private
from app.services.audit.verify import verify_audit_chain
from app.services.storage.key_files import keep_backup_copies

log = logging.getLogger(__name__)


def _file_name(folder: Path, cp: Checkpoint) -> Path:
    stamp = cp.when.strftime("%Y%m%d-%H%M%S")
    path = folder / f"checkpoint-{stamp}-{cp.last_id}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"checkpoint-{stamp}-{cp.last_id}-{n}.json"
    return path


def _write(uow: UnitOfWork, label: str) -> Checkpoint:
    """Anchor the chain as it stands (under its lock), save the file, then record it."""
    audit.forget_tail(uow)
    head = audit.chain_head(uow)  # takes the chain's lock: nothing is appended meanwhile
    key = audit.signing_key(uow)
    last_id = uow.session.scalar(select(func.max(AuditEvent.id))) or 0
    count = uow.session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    meta = audit_meta(uow)
    cp = Checkpoint(
        meta.get(audit.PRACTICE_ID, ""), int(count), int(last_id), head,
        int(meta.get(audit.PLAIN_UNTIL, "0")), uow.now().astimezone(UTC).isoformat(),
        label, key.key_id,
    )  # fmt: skip
    keys = audit.audit_keys(uow)
    path = _file_name(keys.checkpoint_dir, cp)
    body = {"format": FORMAT, **asdict(cp), "mac": sign(key.secret, signed_body(cp))}
    write_private(path, json.dumps(body, indent=1).encode("utf-8"), replace=False)
    what = {"file": path.name, "events": count, "head": head, "label": label, "desk": keys.desk}
    audit.record(uow, ACTION, "audit", last_id, after=what)
    keep_backup_copies(keys.data_dir)  # the audit key and the secrets key beside the backups
    return cp


def write_checkpoint(db: Database, actor: Actor, label: str) -> Checkpoint:
    """Check the chain since the last checkpoint, then write a new one (a damaged chain is refused)."""
    with db.read(actor) as uow:
        report = verify_audit_chain(uow)
    if not report.ok:
        raise FrontDeskError(
            translate(
                "audit",
                "No checkpoint was written: the audit trail is damaged. {problem} Run "
                "`frontdesk audit verify --full` to see every problem.",
            ).format(problem=report.problems[0])
        )
    return db.transact(actor, lambda uow: _write(uow, label))


def checkpoint_quietly(db: Database, actor: Actor, label: str) -> Checkpoint | None:
    """A checkpoint after a backup or an export; a failure is logged, never stops the work."""
    try:
        return write_checkpoint(db, actor, label)
    except (FrontDeskError, OSError) as exc:
        log.warning("Audit checkpoint (%s) not written: %s", label, exc)
        return None
