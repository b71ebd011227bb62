"""SPEC section 4: the Manual adapter — "Manual update required", the to-do list, ticked and audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import NotAllowedError
from app.models import AuditEvent, OutboxMessage, PracticeSettings
from app.models.enums import IntegrationKind, OutboxChannel, OutboxStatus
from app.services.audit.verify import verify_audit_chain
from app.services.outbox import (
    ADAPTERS,
    OutboxFilter,
    list_outbox,
    outbox_counts,
    send_due,
    tick_done,
)
from app.services.outbox.notify import INTEGRATION_TOPICS, integration_effect
from app.services.sessions.cancel import cancel_booking, preview_cancellation
from app.services.sessions.deletion import delete_session
from tests.factory import World, local


def _cancelled(world: World) -> int:
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert preview.manual_update_required
    assert preview.integration_effect.startswith("Manual update required")
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    return sid


def test_the_cancel_review_shows_manual_update_required_for_the_manual_adapter(
    world: World,
) -> None:
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert preview.manual_update_required
    assert "Manual update required" in preview.integration_effect
    assert "Cliniko" in preview.integration_effect
    integration = [m for m in preview.messages if m.channel == "integration"]
    assert integration and "Manual update required" in integration[0].summary


def test_a_manual_item_stays_on_the_to_do_list_until_ticked_and_who_when_is_audited(
    world: World,
) -> None:
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    sid = _cancelled(world)
    assert send_due(world.db).claimed == 0  # nothing a sender can do for a manual to-do
    todos = world.read(lambda uow: list_outbox(uow, OutboxFilter.MANUAL))
    assert len(todos) == 1 and todos[0].session_id == sid
    assert todos[0].why == (
        "Cancel Mon 6 Apr 09:00 Service 15_055_0128_1_3 with Dr Maya Chen for Olivia Smith "
        "in Cliniko, then tick it done here."
    )
    assert world.read(outbox_counts).needs_attention == 1
    world.clock.advance(minutes=20)
    world.run(world.reception, lambda uow: tick_done(uow, todos[0].id))
    row = world.read(lambda uow: uow.session.get(OutboxMessage, todos[0].id))
    assert row.status is OutboxStatus.DONE
    assert (row.done_by_id, row.done_at) == (world.reception.user_id, world.clock())
    done = world.read(lambda uow: list_outbox(uow, OutboxFilter.DONE))
    assert done[0].done_by == "desk" and done[0].done_at == world.clock()
    assert world.read(outbox_counts).needs_attention == 0
    event = world.read(
        lambda uow: uow.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "outbox.manual_done")
        )
    )
    assert event.username == "desk" and event.entity_id == row.id and event.session_id == sid
    assert event.after and event.after["done_by"] == "desk"
    assert world.read(verify_audit_chain).ok


def test_ticking_a_to_do_twice_says_who_already_did_it(world: World) -> None:
    world.use_integration(IntegrationKind.MANUAL)
    _cancelled(world)
    todo = world.read(lambda uow: list_outbox(uow, OutboxFilter.MANUAL))[0]
    world.run(world.reception, lambda uow: tick_done(uow, todo.id))
    with pytest.raises(NotAllowedError, match="already ticked done by desk"):
        world.run(world.manager, lambda uow: tick_done(uow, todo.id))


def test_only_a_manual_to_do_can_be_ticked(world: World) -> None:
    email_id = _cancelled_with_email(world)
    with pytest.raises(NotAllowedError, match="Only a manual to-do"):
        world.run(world.reception, lambda uow: tick_done(uow, email_id))


def _cancelled_with_email(world: World) -> int:
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    return int(
        world.read(
            lambda uow: uow.session.scalar(
                select(OutboxMessage.id).where(OutboxMessage.channel == OutboxChannel.EMAIL)
            )
        )
    )


def test_delete_with_the_manual_integration_reminds_to_write_an_addendum(world: World) -> None:
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    result = world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert result.reminder and "addendum in Cliniko" in result.reminder
    assert world.read(lambda uow: list_outbox(uow, OutboxFilter.MANUAL))[0].topic == "delete"


@pytest.mark.parametrize("kind", list(IntegrationKind))
def test_adapter_capabilities_agree_with_what_the_review_page_says(kind: IntegrationKind) -> None:
    settings = PracticeSettings(name="P", integration_kind=kind, integration_config={})
    caps = ADAPTERS[kind].capabilities
    for topic in INTEGRATION_TOPICS:
        effect = integration_effect(settings, topic)
        assert effect.manual_required == caps.manual_update_required
        assert (effect.status is OutboxStatus.PENDING) == caps.sends_automatically
        assert (effect.status is not None) == (topic in caps.events)
