"""SPEC section 4, integrations: the webhook POSTs signed events to a real local server, with retries."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.models import OutboxMessage
from app.models.enums import IntegrationKind, OutboxChannel, OutboxStatus
from app.services.outbox import send_due
from app.services.outbox.webhook import signed_headers, verify, webhook_id
from app.services.sessions.attendance import complete_session, mark_did_not_attend
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.deletion import delete_session
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local
from tests.integration.outbox_helpers import SECRET, HookServer, use_webhook

MONDAY_9 = local(2026, 4, 6, 9)


@pytest.fixture
def hook() -> Iterator[HookServer]:
    server = HookServer().start()
    yield server
    server.stop()


def _session(world: World, start=MONDAY_9) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    w, svc, c = world.worker(), world.service(), world.client()
    return world.session(w, svc, start, [c]), c


def _integration_rows(world: World) -> list[OutboxMessage]:
    return list(
        world.read(
            lambda uow: uow.session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.channel == OutboxChannel.INTEGRATION)
                .order_by(OutboxMessage.id)
            ).all()
        )
    )


def test_webhook_posts_a_signed_cancel_event_a_500_is_retried_and_the_signature_verifies(
    world: World, hook: HookServer
) -> None:
    hook.statuses = [500]
    use_webhook(world, hook.url)
    sid, c = _session(world)
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    first = send_due(world.db)
    assert (first.sent, first.retrying) == (0, 1)
    row = _integration_rows(world)[0]
    assert row.status is OutboxStatus.PENDING and "HTTP 500" in (row.last_error or "")
    world.clock.advance(seconds=31)
    assert send_due(world.db).sent == 1
    assert len(hook.hits) == 2 and hook.hits[0].body == hook.hits[1].body
    for hit in hook.hits:  # Standard Webhooks: id.timestamp.body, the attempt's real time
        msg_id, stamp = hit.headers["webhook-id"], hit.headers["webhook-timestamp"]
        content = f"{msg_id}.{stamp}.".encode() + hit.body
        digest = hmac.new(SECRET.encode(), content, hashlib.sha256).digest()
        assert hit.headers["webhook-signature"] == "v1," + base64.b64encode(digest).decode()
        assert abs(time.time() - int(stamp)) < 60
        assert verify(hit.body, hit.headers, SECRET)
        assert "X-FrontDesk-Signature" not in hit.headers
        assert hit.headers["X-FrontDesk-Event"] == "session.cancelled"
        assert hit.headers["Content-Type"] == "application/json"
    assert hook.keys() == {row.idempotency_key}
    assert {h.headers["webhook-id"] for h in hook.hits} == {webhook_id(row.idempotency_key)}
    event = hook.hits[1].json()
    assert event["event"] == "session.cancelled" and event["data"]["session_id"] == sid
    assert event["data"]["clients"] == [c] and event["idempotency_key"] == row.idempotency_key
    assert _integration_rows(world)[0].status is OutboxStatus.SENT


def test_a_tampered_body_fails_verification() -> None:
    body = b'{"event":"session.cancelled"}'
    headers = signed_headers("msg_1", body, SECRET, time.time())
    assert verify(body, headers, SECRET)
    assert not verify(body.replace(b"cancelled", b"completed"), headers, SECRET)
    assert not verify(body, headers, "another-secret-entirely")


def test_undo_complete_dna_and_delete_each_post_their_event(world: World, hook: HookServer) -> None:
    use_webhook(world, hook.url)
    sid, c = _session(world)
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rang back"))
    w2, svc2 = world.worker("Sam Lee"), world.service("X1")
    past = world.session(w2, svc2, local(2026, 4, 1, 8), [world.client("Ben Ng")])
    world.run(world.reception, lambda uow: complete_session(uow, past))
    dna = world.session(w2, svc2, local(2026, 4, 1, 9), [world.client("Eve Po")])
    world.run(world.reception, lambda uow: mark_did_not_attend(uow, dna))
    world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert send_due(world.db).sent == 5
    assert [h.headers["X-FrontDesk-Event"] for h in hook.hits] == [
        "session.cancelled",
        "session.cancellation_undone",
        "session.completed",
        "session.did_not_attend",
        "session.deleted",
    ]


def test_no_answer_in_time_is_retried_later(world: World) -> None:
    slow = HookServer(delay=0.6).start()
    try:
        use_webhook(world, slow.url, timeout=0.2)
        sid, c = _session(world)
        req = world.client_request(sid, [c], "ndis_health", world.clock())
        world.run(world.reception, lambda uow: cancel_booking(uow, req))
        assert send_due(world.db).retrying == 1
        row = _integration_rows(world)[0]
        assert row.status is OutboxStatus.PENDING and "did not answer in 0.2 s" in (
            row.last_error or ""
        )
    finally:
        slow.stop()


def test_an_event_queued_before_the_integration_was_switched_off_is_skipped(
    world: World, hook: HookServer
) -> None:
    use_webhook(world, hook.url)
    sid, c = _session(world)
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    world.settings(integration_kind=IntegrationKind.NONE)
    assert send_due(world.db).skipped == 1 and hook.hits == []
    row = _integration_rows(world)[0]
    assert row.status is OutboxStatus.SKIPPED and "No other system" in row.status_reason
