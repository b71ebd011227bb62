"""SPEC section 2, Cancel (client / worker / practice), and the billing rules as applied."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.errors import NotAllowedError, PermissionDeniedError, ValidationError
from app.models import (
    AuditEvent,
    Booking,
    Cancellation,
    CancellationLine,
    OutboxMessage,
    ServiceDelivered,
    Session,
)
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    Funding,
    IntegrationKind,
    OutboxChannel,
    OutboxStatus,
    SessionKind,
    SessionStatus,
)
from app.services.audit import chain as audit
from app.services.audit.verify import verify_audit_chain
from app.services.dto import CancelRequest
from app.services.sessions.cancel import (
    cancel,
    cancel_booking,
    cancel_session_by_worker,
    preview_cancellation,
    reasons_for,
)
from tests.factory import World, local

# The spec's example: advised Thu 2 Apr 2026 15:10; the session is Mon 6 Apr 09:00 (Easter).
THU_1510 = local(2026, 4, 2, 15, 10)


def _one(world: World, start=None, **client_kw):  # type: ignore[no-untyped-def]
    w, svc, c = world.worker(), world.service(), world.client(**client_kw)
    sid = world.session(w, svc, start or local(2026, 4, 6, 9), [c])
    return sid, c


def _count(world: World, model) -> int:  # type: ignore[no-untyped-def]
    return world.read(lambda uow: uow.session.scalar(select(func.count()).select_from(model)))


def test_client_cancel_short_notice_across_good_friday_charges_100_percent_with_canc_and_reason_code(
    world: World,
) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(uow, world.client_request(sid, [c], "ndis_health", THU_1510)),
    )
    assert res.total_charge_cents == 19399 and res.session_status is SessionStatus.CANCELLED
    sd = world.read(lambda uow: uow.session.scalar(select(ServiceDelivered)))
    assert (sd.kind.value, sd.claim_type, sd.reason_code, sd.amount_cents) == (
        "cancellation",
        "CANC",
        "NSDH",
        19399,
    )
    assert sd.support_item == "15_055_0128_1_3" and sd.cancellation_id == res.cancellation_ids[0]
    line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
    assert "Good Friday" in line.explanation and "$193.99" in line.explanation
    status = world.read(lambda uow: uow.session.scalar(select(Booking.status)))
    assert status is BookingStatus.CANCELLED


def test_client_cancel_with_two_clear_business_days_is_not_charged(world: World) -> None:
    world.clock.set(local(2026, 4, 1, 8))
    sid, c = _one(world, start=local(2026, 4, 6 + 3, 9))  # Thu 9 Apr: Tue, Wed clear
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(
            uow, world.client_request(sid, [c], "ndis_family", local(2026, 4, 1, 8))
        ),
    )
    assert res.total_charge_cents == 0 and res.sd_ids == ()
    assert _count(world, ServiceDelivered) == 0


def test_support_worker_item_needs_seven_days_notice(world: World) -> None:
    world.clock.set(local(2026, 5, 1, 9))
    w, c = world.worker(), world.client()
    svc = world.service("04_104_0125_6_1", 7023, sw=True, minutes=120)
    sid = world.session(w, svc, local(2026, 5, 7, 10), [c], minutes=120)  # 6 days 1 hour later
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(
            uow, world.client_request(sid, [c], "ndis_transport", local(2026, 5, 1, 9))
        ),
    )
    assert res.total_charge_cents == 14046  # 100% of 2 hours at $70.23
    sd = world.read(lambda uow: uow.session.scalar(select(ServiceDelivered)))
    assert sd.reason_code == "NSDT"


def test_service_without_cancellation_charges_is_never_charged(world: World) -> None:
    world.clock.set(THU_1510)
    w, c = world.worker(), world.client()
    svc = world.service("PILATES", 3500, allows=False)
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    preview = world.run(
        world.reception,
        lambda uow: preview_cancellation(
            uow, world.client_request(sid, [c], "ndis_other", THU_1510)
        ),
    )
    assert preview.charges[0].charge_cents == 0
    assert (
        preview.charges[0].not_charged_because
        == "This service does not allow cancellation charges."
    )


def test_private_profile_late_cancellation_is_a_fixed_fee_and_no_ndis_claim_type(
    world: World,
) -> None:
    world.use_private_profile()
    world.clock.set(local(2026, 4, 1, 12))
    sid, c = _one(world, start=local(2026, 4, 2, 9), funding=Funding.PRIVATE)
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(
            uow, world.client_request(sid, [c], "private_late", local(2026, 4, 1, 12))
        ),
    )
    assert res.total_charge_cents == 6000
    sd = world.read(lambda uow: uow.session.scalar(select(ServiceDelivered)))
    assert sd.claim_type == "" and sd.reason_code is None and sd.amount_cents == 6000


def test_ndis_reasons_are_not_offered_to_a_private_practice(world: World) -> None:
    world.use_private_profile()
    labels = {label for _id, label in world.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))}
    assert labels == {"Late cancellation", "Illness", "Other"}
    worker_labels = {
        label for _id, label in world.read(lambda uow: reasons_for(uow, CancelledBy.WORKER))
    }
    assert worker_labels == {"Worker unwell", "Worker unavailable"}


def test_group_cancel_of_one_client_leaves_the_others_booked_and_the_session_rostered(
    world: World,
) -> None:
    world.clock.set(THU_1510)
    w, svc = world.worker(), world.service()
    a, b, c = world.client("Ann Lee"), world.client("Bob Ray"), world.client("Cat Poe")
    sid = world.session(w, svc, local(2026, 4, 6, 9), [a, b, c], kind=SessionKind.GROUP, capacity=4)
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(uow, world.client_request(sid, [b], "ndis_health", THU_1510)),
    )
    assert res.session_status is SessionStatus.ROSTERED
    statuses = dict(
        world.read(
            lambda uow: uow.session.execute(
                select(Booking.client_id, Booking.status).where(Booking.session_id == sid)
            ).all()
        )
    )
    assert statuses == {
        a: BookingStatus.BOOKED,
        b: BookingStatus.CANCELLED,
        c: BookingStatus.BOOKED,
    }
    assert (
        world.read(lambda uow: uow.session.get(Cancellation, res.cancellation_ids[0]).whole_session)
        is False
    )


def test_group_place_refilled_after_the_notice_is_not_charged(world: World) -> None:
    world.clock.set(THU_1510 - timedelta(hours=2))
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Bob Ray")
    sid = world.session(w, svc, local(2026, 4, 6, 9), [a], kind=SessionKind.GROUP, capacity=2)
    world.clock.set(THU_1510 + timedelta(minutes=30))

    def add_b(uow):  # type: ignore[no-untyped-def]
        uow.session.add(Booking(session_id=sid, client_id=b, created_at=uow.now()))

    world.run(world.admin, add_b)
    preview = world.run(
        world.reception,
        lambda uow: preview_cancellation(
            uow, world.client_request(sid, [a], "ndis_health", THU_1510)
        ),
    )
    assert preview.charges[0].charge_cents == 0
    assert (
        preview.charges[0].not_charged_because
        == "The freed place was filled, so no charge applies."
    )


def test_client_cancel_needs_a_choice_when_several_clients_are_booked(world: World) -> None:
    world.clock.set(THU_1510)
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Bob Ray")
    sid = world.session(w, svc, local(2026, 4, 6, 9), [a, b], kind=SessionKind.GROUP, capacity=2)
    req = CancelRequest(sid, CancelledBy.CLIENT, THU_1510, world.reason("ndis_health"))
    with pytest.raises(ValidationError) as err:
        world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert err.value.field == "clients" and "Choose which client" in err.value.message


def test_worker_cancel_cancels_every_client_never_charges_and_offers_free_workers(
    world: World,
) -> None:
    world.clock.set(THU_1510)
    w, svc = world.worker("Dr Maya Chen"), world.service()
    free = world.worker("Liam O'Connor", days=range(7))
    busy = world.worker("Priya Raman", days=range(7))
    world.worker("Off Duty", days=range(0))
    a, b = world.client("Ann Lee"), world.client("Bob Ray")
    start = local(2026, 4, 6, 9)
    sid = world.session(w, svc, start, [a, b], kind=SessionKind.GROUP, capacity=2)
    world.session(busy, svc, start + timedelta(minutes=30), [world.client("Cat Poe")])
    req = CancelRequest(sid, CancelledBy.WORKER, THU_1510, world.reason("worker_unwell"))
    res = world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))
    assert res.total_charge_cents == 0 and res.sd_ids == ()
    assert res.session_status is SessionStatus.CANCELLED
    assert [f.worker_id for f in res.free_workers] == [free]
    session = world.read(lambda uow: uow.session.get(Session, sid))
    assert session.cancelled_by_worker is True


def test_practice_cancellation_is_never_charged(world: World) -> None:
    world.clock.set(THU_1510)
    sid, _c = _one(world)
    req = CancelRequest(sid, CancelledBy.PRACTICE, THU_1510, world.reason("practice_closure"))
    res = world.run(world.reception, lambda uow: cancel(uow, req))
    assert res.total_charge_cents == 0 and res.session_status is SessionStatus.CANCELLED
    line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
    assert line.charge_cents == 0


@pytest.mark.parametrize(
    ("advised_delta", "field", "words"),
    [
        (timedelta(minutes=10), "advised_at", "in the future"),
    ],
)
def test_advised_time_in_the_future_is_refused(
    world: World, advised_delta: timedelta, field: str, words: str
) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    with pytest.raises(ValidationError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_booking(
                uow, world.client_request(sid, [c], "ndis_health", THU_1510 + advised_delta)
            ),
        )
    assert err.value.field == field and words in err.value.message


def test_advised_time_after_the_session_start_is_refused(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 8, 30))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 8), [c])
    world.clock.set(local(2026, 4, 6, 7, 0))
    sid2 = world.session(w, svc, local(2026, 4, 6, 7, 30), [c])
    world.clock.set(local(2026, 4, 6, 7, 20))
    with pytest.raises(ValidationError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_booking(
                uow, world.client_request(sid2, [c], "ndis_health", local(2026, 4, 6, 7, 40))
            ),
        )
    assert "in the future" in err.value.message or "after the session start" in err.value.message
    assert sid != sid2


def test_cancel_after_the_session_started_is_refused_with_mark_did_not_attend(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 9, 5))
    sid, c = _one(world)
    with pytest.raises(NotAllowedError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_booking(
                uow, world.client_request(sid, [c], "ndis_health", local(2026, 4, 6, 8))
            ),
        )
    assert (
        err.value.message == "This session has started — mark the client as did-not-attend instead."
    )


def test_cancelling_a_booking_that_is_not_booked_is_refused(world: World) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    world.run(
        world.reception,
        lambda uow: cancel_booking(uow, world.client_request(sid, [c], "ndis_health", THU_1510)),
    )
    with pytest.raises(NotAllowedError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_booking(
                uow, world.client_request(sid, [c], "ndis_health", THU_1510)
            ),
        )
    assert "already cancelled" in err.value.message


def test_reason_must_be_one_for_the_party_who_cancelled(world: World) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    with pytest.raises(ValidationError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_booking(
                uow, world.client_request(sid, [c], "worker_unwell", THU_1510)
            ),
        )
    assert (
        err.value.field == "reason" and "not a reason for client cancellations" in err.value.message
    )


def test_note_is_trimmed_and_limited_to_255_characters(world: World) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    with pytest.raises(ValidationError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_booking(
                uow, world.client_request(sid, [c], "ndis_health", THU_1510, note="x" * 256)
            ),
        )
    assert err.value.field == "note" and "256 characters" in err.value.message
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(
            uow,
            world.client_request(sid, [c], "ndis_health", THU_1510, note="  " + "y" * 255 + "  "),
        ),
    )
    note = world.read(lambda uow: uow.session.get(Cancellation, res.cancellation_ids[0]).note)
    assert note == "y" * 255


def test_charge_waiver_needs_a_manager_and_a_reason_and_creates_no_sd(world: World) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    req = world.client_request(
        sid, [c], "ndis_health", THU_1510, waive=True, waiver_reason="Hospital admission"
    )
    with pytest.raises(PermissionDeniedError) as err:
        world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert "cannot waive a charge. Ask a manager" in err.value.message
    no_reason = world.client_request(sid, [c], "ndis_health", THU_1510, waive=True)
    with pytest.raises(ValidationError):
        world.run(world.manager, lambda uow: cancel_booking(uow, no_reason))
    res = world.run(world.manager, lambda uow: cancel_booking(uow, req))
    assert res.total_charge_cents == 0 and res.sd_ids == ()
    line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
    assert line.waived and line.waiver_reason == "Hospital admission" and line.charge_cents == 0
    # What the rule would have charged is kept with the line: a late cancellation, the full price.
    price = world.read(lambda uow: uow.session.get(Session, sid).price_cents)
    assert line.waived_cents == price > 0


def test_preview_matches_the_outcome_and_writes_nothing(world: World) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    req = world.client_request(sid, [c], "ndis_health", THU_1510)
    audit_before = _count(world, AuditEvent)
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert _count(world, AuditEvent) == audit_before and _count(world, Cancellation) == 0
    assert _count(world, OutboxMessage) == 0
    # Real elapsed time: daylight saving ends on Sun 5 Apr, so the night is an hour longer.
    assert preview.notice_text == "3 days 18 hours"
    assert [
        (d.day.isoformat(), d.counted, d.why)
        for d in preview.days
        if d.why.startswith("public holiday")
    ] == [("2026-04-03", False, "public holiday: Good Friday")]
    res = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert preview.total_charge_cents == res.total_charge_cents == 19399
    assert preview.charges[0].explanation == world.read(
        lambda uow: uow.session.scalar(select(CancellationLine.explanation))
    )


def test_client_without_email_or_consent_is_not_messaged_and_the_desk_sees_why(
    world: World,
) -> None:
    world.clock.set(THU_1510)
    w, svc = world.worker(), world.service()
    a = world.client("Ann Lee")
    b = world.client("Bob Ray", email=None)
    c = world.client("Cat Poe", consent=False)
    sid = world.session(w, svc, local(2026, 4, 6, 9), [a, b, c], kind=SessionKind.GROUP, capacity=3)
    req = world.client_request(sid, [a, b, c], "ndis_health", THU_1510)
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    emails = [m for m in preview.messages if m.channel == "email"]
    assert [(m.will_send, m.why_not) for m in emails] == [
        (True, None),
        (False, "no email address on file"),
        (False, "no consent to be contacted"),
    ]
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    rows = world.read(
        lambda uow: uow.session.execute(
            select(OutboxMessage.client_id, OutboxMessage.status, OutboxMessage.status_reason)
            .where(OutboxMessage.channel == OutboxChannel.EMAIL)
            .order_by(OutboxMessage.id)
        ).all()
    )
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (a, OutboxStatus.PENDING, ""),
        (b, OutboxStatus.SKIPPED, "no email address on file"),
        (c, OutboxStatus.SKIPPED, "no consent to be contacted"),
    ]


@pytest.mark.parametrize(
    ("kind", "status", "manual"),
    [
        (IntegrationKind.NONE, None, False),
        (IntegrationKind.WEBHOOK, OutboxStatus.PENDING, False),
        (IntegrationKind.MANUAL, OutboxStatus.MANUAL, True),
    ],
)
def test_integration_effect_auto_or_manual_update_required(
    world: World, kind, status, manual
) -> None:  # type: ignore[no-untyped-def]
    world.use_integration(kind)
    world.clock.set(THU_1510)
    sid, c = _one(world)
    req = world.client_request(sid, [c], "ndis_health", THU_1510)
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert preview.manual_update_required is manual
    if manual:
        assert preview.integration_effect.startswith("Manual update required")
    res = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert res.manual_update_required is manual
    rows = world.read(
        lambda uow: list(
            uow.session.scalars(
                select(OutboxMessage.status).where(
                    OutboxMessage.channel == OutboxChannel.INTEGRATION
                )
            )
        )
    )
    assert rows == ([] if status is None else [status])


def test_cancel_writes_one_audit_event_and_the_chain_verifies(world: World) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    before = _count(world, AuditEvent)
    world.run(
        world.reception,
        lambda uow: cancel_booking(uow, world.client_request(sid, [c], "ndis_health", THU_1510)),
    )
    events = world.read(
        lambda uow: list(uow.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    )
    assert len(events) == before + 1
    last = events[-1]
    assert (last.action, last.username, last.session_id) == ("session.cancel", "desk", sid)
    assert (
        last.before["bookings"][0]["status"] == "booked"
        and last.after["bookings"][0]["status"] == "cancelled"
    )
    assert world.read(verify_audit_chain).ok


def test_cancel_is_one_transaction_nothing_is_written_when_a_step_fails(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.clock.set(THU_1510)
    sid, c = _one(world)
    counts = [_count(world, m) for m in (Cancellation, ServiceDelivered, OutboxMessage, AuditEvent)]

    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(audit, "record_many", broken)  # the writer's last step
    with pytest.raises(RuntimeError):
        world.run(
            world.reception,
            lambda uow: cancel_booking(
                uow, world.client_request(sid, [c], "ndis_health", THU_1510)
            ),
        )
    assert [
        _count(world, m) for m in (Cancellation, ServiceDelivered, OutboxMessage, AuditEvent)
    ] == counts
    assert (
        world.read(lambda uow: uow.session.scalar(select(Booking.status))) is BookingStatus.BOOKED
    )
