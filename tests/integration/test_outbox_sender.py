"""SPEC section 4: never a message twice for one change — leases, crashes, two desks at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import OutboxMessage
from app.models.enums import OutboxStatus
from app.services.outbox import claim_batch, deliver, record, retry_delay, send_due
from app.services.outbox.dto import Outcome, Result
from app.services.sessions.cancel import cancel_booking
from tests.factory import World, local
from tests.integration.outbox_helpers import (
    HookServer,
    SmtpSink,
    after_grace,
    use_smtp,
    use_webhook,
)


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def hook() -> Iterator[HookServer]:
    server = HookServer().start()
    yield server
    server.stop()


def _cancel_many(world: World, n: int) -> None:
    """`n` clients cancel, each her own session; their emails' grace period then runs out."""
    w, svc = world.worker(), world.service()
    for i in range(n):
        c = world.client(f"Client N{i}", email=f"c{i}@mail.example")
        sid = world.session(w, svc, local(2026, 4, 6, 8) + timedelta(hours=i % 9, days=i // 9), [c])
        req = world.client_request(sid, [c], "ndis_health", world.clock())
        world.run(world.reception, lambda uow, req=req: cancel_booking(uow, req))  # type: ignore[misc]
    after_grace(world)


def _statuses(world: World) -> list[OutboxStatus]:
    return list(world.read(lambda uow: uow.session.scalars(select(OutboxMessage.status)).all()))


def test_backoff_doubles_from_30_seconds_and_stops_at_one_hour() -> None:
    assert [retry_delay(n).total_seconds() for n in range(1, 9)] == [
        30, 60, 120, 240, 480, 960, 1920, 3600,
    ]  # fmt: skip
    assert retry_delay(50) == timedelta(hours=1)


def test_a_row_claimed_by_one_desk_is_not_taken_by_another(world: World, sink: SmtpSink) -> None:
    use_smtp(world, sink.port)
    _cancel_many(world, 1)
    batch = claim_batch(world.db, "desk-a")
    assert len(batch.messages) == 1
    assert send_due(world.db, owner="desk-b").claimed == 0
    assert sink.messages == []


def test_a_crash_after_sending_resends_once_after_the_lease_with_the_same_message_id(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)
    _cancel_many(world, 1)
    batch = claim_batch(world.db, "desk-a")
    sent = list(deliver(batch, world.db))  # the server got it, then the desk died: no record
    assert [o.result for _, o in sent] == [Result.SENT] and len(sink.messages) == 1
    assert send_due(world.db).claimed == 0  # restarted at once: the lease still holds it
    world.clock.advance(seconds=batch.config.lease(20).total_seconds() + 1)
    assert send_due(world.db).sent == 1  # the lease ran out: re-sent exactly once
    for _ in range(3):
        world.clock.advance(hours=1)
        assert send_due(world.db).claimed == 0
    assert len(sink.messages) == 2
    assert len(set(sink.message_ids())) == 1  # the receiver can drop the repeat
    assert _statuses(world) == [OutboxStatus.SENT]


def test_a_webhook_resent_after_a_crash_carries_the_same_idempotency_key(
    world: World, hook: HookServer
) -> None:
    use_webhook(world, hook.url)
    _cancel_many(world, 1)
    batch = claim_batch(world.db, "desk-a")
    list(deliver(batch, world.db))
    world.clock.advance(hours=1)
    assert send_due(world.db).sent == 1
    assert send_due(world.db).claimed == 0
    assert len(hook.hits) == 2 and len(hook.keys()) == 1


def test_a_desk_whose_lease_lapsed_cannot_overwrite_the_result_of_the_desk_that_sent(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)
    _cancel_many(world, 1)
    slow = claim_batch(world.db, "desk-slow")
    world.clock.advance(hours=1)
    assert send_due(world.db, owner="desk-fast").sent == 1
    msg = slow.messages[0]
    with world.db.write(world.admin) as uow:
        record(uow, "desk-slow", msg, Outcome(Result.ERROR, "timed out"), slow.config)
    row = world.read(lambda uow: uow.session.scalar(select(OutboxMessage)))
    assert row.status is OutboxStatus.SENT and row.last_error is None and len(sink.messages) == 1


def test_two_desks_sending_at_the_same_time_deliver_each_message_exactly_once(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)
    _cancel_many(world, 12)
    errors: list[BaseException] = []

    def desk(owner: str) -> None:
        try:
            for _ in range(4):
                send_due(world.db, owner=owner, limit=3)
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(f"desk-{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    send_due(world.db)  # whatever the two left (limit 3 × 4 passes each covers it)
    assert len(sink.messages) == 12 and len(set(sink.message_ids())) == 12
    assert set(_statuses(world)) == {OutboxStatus.SENT}
