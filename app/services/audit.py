"""The append-only, hash-chained audit trail, written in the transaction of the change."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import insert, select, text

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


_FIELDS = ("user_id", "username", "action", "entity", "entity_id", "session_id", "before",
           "after", "outcome")  # fmt: skip


def _fields(event: Any) -> dict[str, Any]:
    """What the digest covers, from a stored event or from the values about to be stored."""
    get = event.get if isinstance(event, dict) else lambda name: getattr(event, name)
    occurred = cast(datetime, get("occurred_at"))
    return {
        "occurred_at": occurred.astimezone(UTC).isoformat(),
        **{name: get(name) for name in _FIELDS},
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


@dataclass(frozen=True)
class Event:
    """One event to append: what happened to which record, and its state before and after."""

    action: str
    entity: str
    entity_id: int | None
    session_id: int | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    outcome: str = "ok"


def _values(uow: UnitOfWork, e: Event, prev_hash: str) -> dict[str, Any]:
    """The event's columns, chained onto `prev_hash`."""
    values: dict[str, Any] = {
        "occurred_at": uow.now().astimezone(UTC),
        "user_id": uow.actor.user_id or None,
        "username": uow.actor.username,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "session_id": e.session_id,
        "before": _canonical(e.before) if e.before is not None else None,
        "after": _canonical(e.after) if e.after is not None else None,
        "outcome": e.outcome,
        "prev_hash": prev_hash,
    }
    values["changes"] = describe_changes(values["before"], values["after"])
    values["hash"] = _digest(prev_hash, _fields(values))
    return values


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
    spec = Event(action, entity, entity_id, session_id, before, after, outcome)
    event = AuditEvent(**_values(uow, spec, _last_hash(uow)))
    uow.session.add(event)
    uow.session.flush()
    uow.session.info[TAIL_KEY] = event.hash
    return event


def record_many(uow: UnitOfWork, events: list[Event]) -> None:
    """Append several events in order with one multi-row INSERT (bulk jobs)."""
    if not events:
        return
    prev = _last_hash(uow)
    rows = []
    for spec in events:
        rows.append(_values(uow, spec, prev))
        prev = rows[-1]["hash"]
    uow.session.execute(insert(AuditEvent), rows)
    uow.session.info[TAIL_KEY] = prev


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
