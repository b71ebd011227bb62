"""The append-only, hash-chained audit trail, written in the transaction of the change."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import select, text

from app.db import UnitOfWork
from app.models import AuditEvent
from app.models.audit_changes import describe_changes

GENESIS = "0" * 64
TAIL_KEY = "frontdesk.audit_tail"


def forget_tail(uow: UnitOfWork) -> None:
    """After rolling back to a savepoint, the events written since are gone: ask the database."""
    uow.session.info.pop(TAIL_KEY, None)
# Serialises chain appends on PostgreSQL, where writers do not queue as they do on SQLite.
_PG_AUDIT_LOCK = 727_001


def _canonical(value: Any) -> Any:
    """JSON-native form, so what is hashed is exactly what is stored and read back."""
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
    body = json.dumps({"prev": prev_hash, **fields}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "user_id": event.user_id,
        "username": event.username,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "session_id": event.session_id,
        "before": event.before,
        "after": event.after,
        "outcome": event.outcome,
    }


def _last_hash(uow: UnitOfWork) -> str:
    # This transaction already holds the lock and knows the tail: saves a query per event.
    # Kept on the ORM session, so every unit of work sharing it sees the same tail.
    tail = uow.session.info.get(TAIL_KEY)
    if tail is not None:
        return str(tail)
    if uow.session.get_bind().dialect.name == "postgresql":
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    last = uow.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return last or GENESIS


def record(
    uow: UnitOfWork,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    session_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    outcome: str = "ok",
) -> AuditEvent:
    """Append one event to the chain; flushes so the chain order is the id order."""
    actor = uow.actor
    before = _canonical(before) if before is not None else None
    after = _canonical(after) if after is not None else None
    event = AuditEvent(
        occurred_at=uow.now().astimezone(UTC),
        user_id=actor.user_id or None,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        session_id=session_id,
        before=before,
        after=after,
        outcome=outcome,
        changes=describe_changes(before, after),
    )
    event.prev_hash = _last_hash(uow)
    event.hash = _digest(event.prev_hash, _fields(event))
    uow.session.add(event)
    uow.session.flush()
    uow.session.info[TAIL_KEY] = event.hash
    return event


@dataclass(frozen=True)
class ChainReport:
    """What `verify_audit_chain` found."""

    events: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return f"Audit trail intact: {self.events} events verified."
        return f"Audit trail damaged: {len(self.problems)} problem(s) in {self.events} events."


def _iter_events(uow: UnitOfWork) -> Iterator[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=2000)
    yield from uow.session.scalars(stmt)


def verify_audit_chain(uow: UnitOfWork) -> ChainReport:
    """Recompute every hash and link; an edited, inserted or deleted event breaks the chain."""
    problems: list[str] = []
    prev = GENESIS
    count = 0
    for event in _iter_events(uow):
        count += 1
        if event.prev_hash != prev:
            problems.append(f"Event {event.id}: the event before it is missing or was changed.")
        if _digest(event.prev_hash, _fields(event)) != event.hash:
            problems.append(f"Event {event.id} ({event.action}) was edited after it was written.")
        prev = event.hash
    return ChainReport(count, tuple(problems))
