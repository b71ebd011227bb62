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
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.db import Actor, Database, UnitOfWork
from app.errors import FrontDeskError
from app.models import AuditEvent, AuditMeta
from app.services.audit import chain as audit
from app.services.audit.key import AuditKeys, sign, write_private
from app.services.storage.key_files import keep_backup_copies

ACTION = "audit.checkpoint"
FORMAT = 1
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    """What one checkpoint file says (all of it signed)."""

    practice_id: str
    events: int
    last_id: int
    head: str
    plain_until: int
    written_at: str  # ISO, UTC
    label: str
    key_id: str

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.written_at)


@dataclass(frozen=True)
class CheckpointFile:
    """A checkpoint as found in the folder: its name, and what it says when its signature holds."""

    name: str
    checkpoint: Checkpoint | None
    problem: str | None = None


def _body(cp: Checkpoint) -> bytes:
    return json.dumps(asdict(cp), sort_keys=True, separators=(",", ":")).encode("utf-8")


def _meta(uow: UnitOfWork) -> dict[str, str]:
    return {
        name: value for name, value in uow.session.execute(select(AuditMeta.name, AuditMeta.value))
    }


def _read_one(path: Path, keys: AuditKeys) -> CheckpointFile:
    try:
        raw: dict[str, Any] = json.loads(path.read_text("utf-8"))
        mac = str(raw.pop("mac"))
        raw.pop("format", None)
        cp = Checkpoint(**raw)
    except (OSError, ValueError, TypeError, KeyError):
        return CheckpointFile(path.name, None, f"The checkpoint file {path.name} is damaged: it "
                              "is not a checkpoint FrontDesk wrote.")  # fmt: skip
    key = keys.find(cp.key_id)
    if key is None:
        return CheckpointFile(path.name, None, f"The checkpoint file {path.name} is signed with an "
                              "audit key this desk does not have, so it cannot be checked.")  # fmt: skip
    if sign(key.secret, _body(cp)) != mac:
        return CheckpointFile(path.name, None, f"The checkpoint file {path.name} was edited: its "
                              "signature no longer matches what it says.")  # fmt: skip
    return CheckpointFile(path.name, cp)


def read_checkpoints(keys: AuditKeys, practice_id: str) -> list[CheckpointFile]:
    """Every checkpoint file of this practice (or damaged), oldest first."""
    folder = keys.checkpoint_dir
    if not folder.is_dir():
        return []
    found = [_read_one(p, keys) for p in sorted(folder.glob("checkpoint-*.json"))]
    return [f for f in found if f.checkpoint is None or f.checkpoint.practice_id == practice_id]


def recorded_files(uow: UnitOfWork, desk: str) -> list[tuple[int, datetime, str]]:
    """(event id, when, file name) of every checkpoint the chain says `desk` wrote."""
    rows = uow.session.execute(
        select(AuditEvent.id, AuditEvent.occurred_at, AuditEvent.after)
        .where(AuditEvent.action == ACTION)
        .order_by(AuditEvent.id)
    )
    return [
        (i, when, str(after.get("file", "")))
        for i, when, after in rows
        if isinstance(after, dict) and after.get("desk", desk) == desk
    ]


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
    meta = _meta(uow)
    cp = Checkpoint(
        meta.get(audit.PRACTICE_ID, ""), int(count), int(last_id), head,
        int(meta.get(audit.PLAIN_UNTIL, "0")), uow.now().astimezone(UTC).isoformat(),
        label, key.key_id,
    )  # fmt: skip
    keys = audit.audit_keys(uow)
    path = _file_name(keys.checkpoint_dir, cp)
    body = {"format": FORMAT, **asdict(cp), "mac": sign(key.secret, _body(cp))}
    write_private(path, json.dumps(body, indent=1).encode("utf-8"), replace=False)
    what = {"file": path.name, "events": count, "head": head, "label": label, "desk": keys.desk}
    audit.record(uow, ACTION, "audit", last_id, after=what)
    keep_backup_copies(keys.data_dir)  # the audit key and the secrets key beside the backups
    return cp


def write_checkpoint(db: Database, actor: Actor, label: str) -> Checkpoint:
    """Check the chain since the last checkpoint, then write a new one (a damaged chain is refused)."""
    from app.services.audit.verify import verify_audit_chain

    with db.read(actor) as uow:
        report = verify_audit_chain(uow)
    if not report.ok:
        raise FrontDeskError(
            "No checkpoint was written: the audit trail is damaged. "
            + report.problems[0]
            + " Run `frontdesk audit verify --full` to see every problem."
        )
    return db.transact(actor, lambda uow: _write(uow, label))


def checkpoint_quietly(db: Database, actor: Actor, label: str) -> Checkpoint | None:
    """A checkpoint after a backup or an export; a failure is logged, never stops the work."""
    try:
        return write_checkpoint(db, actor, label)
    except (FrontDeskError, OSError) as exc:
        log.warning("Audit checkpoint (%s) not written: %s", label, exc)
        return None
