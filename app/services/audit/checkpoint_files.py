"""Reading the audit chain's checkpoints: what a checkpoint file says, the files of this
practice (each signature checked), and the checkpoints the chain itself recorded.

The writing side (`checkpoint.py`) checks the chain first (`verify.py`), and the check reads
the checkpoints from here, so neither imports the other.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import AuditEvent, AuditMeta
from app.services.audit.key import AuditKeys, sign

ACTION = "audit.checkpoint"
FORMAT = 1


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


def signed_body(cp: Checkpoint) -> bytes:
    return json.dumps(asdict(cp), sort_keys=True, separators=(",", ":")).encode("utf-8")


def audit_meta(uow: UnitOfWork) -> dict[str, str]:
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
        why = translate(
            "audit",
            "The checkpoint file {name} is damaged: it is not a checkpoint FrontDesk wrote.",
        )
        return CheckpointFile(path.name, None, why.format(name=path.name))
    key = keys.find(cp.key_id)
    if key is None:
        why = translate(
            "audit",
            "The checkpoint file {name} is signed with an audit key this desk does not have, so "
            "it cannot be checked.",
        )
        return CheckpointFile(path.name, None, why.format(name=path.name))
    if sign(key.secret, signed_body(cp)) != mac:
        why = translate(
            "audit",
            "The checkpoint file {name} was edited: its signature no longer matches what it says.",
        )
        return CheckpointFile(path.name, None, why.format(name=path.name))
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
