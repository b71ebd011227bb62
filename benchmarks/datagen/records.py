"""Row builders the history shares: snapshots as the app writes them, and the audit chain.

The chain is computed with app.services.audit.chain's own canonical form and signed digest (the
practice's audit key, kept beside the generated file), so `verify_audit_chain` passes on a generated database exactly as on one the app wrote; each
event's "what changed" line with the app's own describe_changes, as `audit.record` stores it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from app.models.audit_changes import describe_changes
from app.services.audit.chain import signed_digest
from benchmarks.datagen.roster import Book, Sess
from benchmarks.datagen.store import ts


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def snapshot(s: Sess) -> dict[str, Any]:
    """What app.services.sessions.common.snapshot records for a session (ids, times, statuses)."""
    return {
        "id": s.id,
        "worker_id": s.worker_id,
        "service_id": s.service_id,
        "location_id": s.location_id,
        "starts_at": iso(s.starts_at),
        "ends_at": iso(s.ends_at),
        "kind": s.kind,
        "capacity": s.capacity,
        "status": s.status,
        "price_cents": s.price_cents,
        "series_id": s.series_id,
        "replacement_of_id": None,
        "cancelled_by_worker": s.cancelled_by_worker,
        "version": s.version,
        "bookings": [_booking(b) for b in s.bookings],
    }


def _booking(b: Book) -> dict[str, Any]:
    return {
        "id": b.id,
        "session_id": b.session.id,
        "client_id": b.client.id,
        "status": b.status,
        "paid_with": b.paid_with,
        "credits_used": b.credits_used,
        "purchase_cents": b.purchase_cents,
    }


class AuditEvent:
    __slots__ = ("occurred_at", "user", "action", "entity", "entity_id", "session_id", "before",
                 "after")  # fmt: skip

    def __init__(
        self,
        occurred_at: datetime,
        user: tuple[int, str],
        action: str,
        entity: str,
        entity_id: int | None,
        session_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self.occurred_at = occurred_at.replace(microsecond=0)
        self.user = user
        self.action = action
        self.entity = entity
        self.entity_id = entity_id
        self.session_id = session_id
        self.before = before
        self.after = after


def chained_rows(
    events: list[AuditEvent], first_id: int, prev_hash: str, secret: bytes
) -> Iterator[tuple[Any, ...]]:
    """audit_events rows in id order, each signed over the one before (the app's digest)."""
    prev = prev_hash
    for n, e in enumerate(events):
        # The app stores _canonical(before): a JSON round trip. These dicts hold only strings,
        # numbers, booleans, None, lists and dicts, for which that round trip is the identity.
        before, after = e.before, e.after
        fields = {
            "occurred_at": e.occurred_at.astimezone(UTC).isoformat(),
            "user_id": e.user[0],
            "username": e.user[1],
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "session_id": e.session_id,
            "before": before,
            "after": after,
            "outcome": "ok",
        }
        digest = signed_digest(secret, prev, fields)
        yield (
            first_id + n, ts(e.occurred_at), e.user[0], e.user[1], e.action, e.entity,
            e.entity_id, e.session_id, json.dumps(before), json.dumps(after), "ok", prev, digest,
            describe_changes(before, after),
        )  # fmt: skip
        prev = digest
