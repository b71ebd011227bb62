"""One id means one record for ever: deleting the newest row never frees its id (SQLite
AUTOINCREMENT, schema 0007), so keys built from ids never clash and the audit never names two
records with one id."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from app.models import AuditEvent, OutboxMessage
from app.models.enums import IntegrationKind
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.deletion import delete_session
from tests.factory import World, local


def _book_cancel_delete(world: World, w: int, svc: int, c: int) -> tuple[int, int]:
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    cancelled = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    world.run(world.manager, lambda uow: delete_session(uow, sid))
    return sid, cancelled.cancellation_ids[0]


def test_cancel_delete_book_again_cancel_never_reuses_an_id_or_clashes(world: World) -> None:
    world.use_integration(IntegrationKind.WEBHOOK)
    w, svc, c = world.worker(), world.service(), world.client()
    first = _book_cancel_delete(world, w, svc, c)
    second = _book_cancel_delete(world, w, svc, c)  # refused with a clash when ids were reused
    third = _book_cancel_delete(world, w, svc, c)
    sessions, cancellations = zip(first, second, third, strict=True)
    assert len(set(sessions)) == 3 and len(set(cancellations)) == 3
    assert sessions[0] < sessions[1] < sessions[2]
    events = world.read(lambda uow: list(uow.session.execute(
        select(AuditEvent.entity_id, AuditEvent.session_id).where(
            AuditEvent.action == "session.cancel"))))  # fmt: skip
    per_id = Counter(entity for entity, _sid in events)
    assert all(n == 1 for n in per_id.values())  # one cancel event per cancellation id
    keys = world.read(lambda uow: list(uow.session.scalars(select(OutboxMessage.idempotency_key))))
    assert len(keys) == len(set(keys)) and len(keys) >= 6


def test_idempotency_keys_are_unique_by_construction_not_by_ids(world: World) -> None:
    """After a restore of an older backup ids repeat; the other system must still see new keys."""
    from app.services.outbox.notify import unique_key

    made = {unique_key("cancellation:5:integration") for _ in range(1000)}
    assert len(made) == 1000
    assert all(k.startswith("cancellation:5:integration:") and len(k) <= 120 for k in made)
    assert len(unique_key("x" * 500)) <= 120  # fits the column whatever it is about
