"""Taking back a did-not-attend mark entered by mistake: a manager's step, refused with a
sentence when the reason is missing, the charge was extracted or another desk changed the
session; the client booked again, the charge and a waiver gone, an unsent notice withdrawn."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import (
    BlockedError,
    ConflictError,
    NotAllowedError,
    PermissionDeniedError,
    ValidationError,
)
from app.models import Booking, OutboxMessage, ServiceDelivered, Session
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionKind, SessionStatus
from app.models.lifecycle import Action, why_not
from app.services.outbox import withdrawal
from app.services.schedule.details import session_details
from app.services.sessions.attendance import complete_session, mark_did_not_attend
from app.services.sessions.dna_undo import EXTRACTED, take_back_did_not_attend
from tests.factory import World, local

WHY = "Marked the wrong client"


def _marked(world: World, **kw: object) -> int:
    world.clock.set(local(2026, 4, 6, 8))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    world.clock.set(local(2026, 4, 6, 9, 20))
    world.run(world.manager, lambda uow: mark_did_not_attend(uow, sid, **kw))  # type: ignore[arg-type]
    return sid


def _status(world: World) -> BookingStatus:
    return world.read(lambda uow: uow.session.scalar(select(Booking.status)))


def _sds(world: World) -> list[ServiceDelivered]:
    return world.read(lambda uow: list(uow.session.scalars(select(ServiceDelivered))))


def test_a_manager_takes_back_a_mark_the_client_is_booked_again_and_the_charge_is_gone(
    world: World,
) -> None:
    sid = _marked(world)
    assert len(_sds(world)) == 1
    res = world.run(world.manager, lambda uow: take_back_did_not_attend(uow, sid, reason=WHY))
    assert "booked again" in res.message and res.changes.sessions == frozenset({sid})
    assert _status(world) == BookingStatus.BOOKED and _sds(world) == []
    session = world.read(lambda uow: uow.session.get(Session, sid))
    assert session.status == SessionStatus.ROSTERED
    world.run(world.reception, lambda uow: complete_session(uow, sid))
    assert _status(world) == BookingStatus.ATTENDED


def test_a_waived_mark_taken_back_leaves_no_waiver_behind(world: World) -> None:
    sid = _marked(world, waive=True, waiver_reason="In hospital")
    world.run(world.manager, lambda uow: take_back_did_not_attend(uow, sid, reason=WHY))
    b = world.read(lambda uow: uow.session.scalar(select(Booking)))
    assert (b.status, b.no_show_waived, b.no_show_waiver_reason, b.no_show_waived_cents) == (
        BookingStatus.BOOKED,
        False,
        None,
        0,
    )


def test_reception_may_not_take_back_a_did_not_attend_mark(world: World) -> None:
    sid = _marked(world)
    with pytest.raises(PermissionDeniedError) as err:
        world.run(world.reception, lambda uow: take_back_did_not_attend(uow, sid, reason=WHY))
    assert err.value.message == (
        "Your role (reception) cannot take back a did-not-attend mark. Ask a manager to do it."
    )
    assert _status(world) == BookingStatus.DNA


@pytest.mark.parametrize("why", ["", "  ", None])
def test_taking_back_a_mark_needs_a_reason(world: World, why: object) -> None:
    sid = _marked(world)
    with pytest.raises(ValidationError) as err:
        world.run(world.manager, lambda uow: take_back_did_not_attend(uow, sid, reason=why))  # type: ignore[arg-type]
    assert err.value.message == "Say why the did-not-attend mark is taken back."
    assert _status(world) == BookingStatus.DNA


def test_an_extracted_no_show_charge_blocks_taking_back_the_mark(world: World) -> None:
    sid = _marked(world)

    def extract(uow: object) -> None:
        sd = uow.session.scalar(select(ServiceDelivered))  # type: ignore[attr-defined]
        sd.extracted_at = world.clock()

    world.run(world.manager, extract)
    with pytest.raises(BlockedError) as err:
        world.run(world.manager, lambda uow: take_back_did_not_attend(uow, sid, reason=WHY))
    assert err.value.message.endswith("Correct the claim with the funder instead.")
    assert len(err.value.blockers) == 1 and "was extracted for claiming" in err.value.blockers[0]
    assert _status(world) == BookingStatus.DNA and len(_sds(world)) == 1


def test_a_change_at_another_desk_meanwhile_is_refused(world: World) -> None:
    sid = _marked(world)
    seen = world.read(lambda uow: uow.session.get(Session, sid).version)
    world.run(world.manager, lambda uow: take_back_did_not_attend(uow, sid, reason=WHY))
    world.run(world.manager, lambda uow: mark_did_not_attend(uow, sid))
    with pytest.raises(ConflictError):
        world.run(
            world.manager,
            lambda uow: take_back_did_not_attend(uow, sid, reason=WHY, expected_version=seen),
        )


def test_nobody_marked_is_refused_and_a_booked_client_is_not_taken_back(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 8))
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Bob Ray")
    sid = world.session(w, svc, local(2026, 4, 6, 9), [a, b], kind=SessionKind.GROUP, capacity=4)
    world.clock.set(local(2026, 4, 6, 9, 20))
    with pytest.raises(NotAllowedError):
        world.run(world.manager, lambda uow: take_back_did_not_attend(uow, sid, reason=WHY))
    ids = world.read(lambda uow: {x.client_id: x.id for x in uow.session.scalars(select(Booking))})
    world.run(world.manager, lambda uow: mark_did_not_attend(uow, sid, [ids[a]]))
    with pytest.raises(NotAllowedError) as err:
        world.run(
            world.manager, lambda uow: take_back_did_not_attend(uow, sid, [ids[b]], reason=WHY)
        )
    assert "not marked did-not-attend" in err.value.message


def test_an_unsent_did_not_attend_notice_is_withdrawn(world: World) -> None:
    sid = _marked(world)

    def queue(uow: object) -> None:  # a did-not-attend notice still waiting to go
        b = uow.session.scalar(select(Booking))  # type: ignore[attr-defined]
        uow.session.add(  # type: ignore[attr-defined]
            OutboxMessage(
                channel=OutboxChannel.EMAIL, topic="dna", idempotency_key="dna:test",
                session_id=sid, client_id=b.client_id, recipient="olivia@mail.example",
                subject="x", payload={}, status=OutboxStatus.PENDING, status_reason="",
                created_at=world.clock(), next_attempt_at=world.clock(),
            )
        )  # fmt: skip

    world.run(world.manager, queue)
    world.run(world.manager, lambda uow: take_back_did_not_attend(uow, sid, reason=WHY))
    row = world.read(
        lambda uow: uow.session.scalar(select(OutboxMessage).where(OutboxMessage.topic == "dna"))
    )
    assert (row.status, row.status_reason) == (OutboxStatus.WITHDRAWN, withdrawal.DNA_UNDONE)


def test_the_details_say_up_front_which_marks_cannot_be_taken_back_as_the_refusal_does(
    world: World,
) -> None:
    world.clock.set(local(2026, 4, 6, 8))
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Bob Ray")
    sid = world.session(w, svc, local(2026, 4, 6, 9), [a, b], kind=SessionKind.GROUP, capacity=4)
    world.clock.set(local(2026, 4, 6, 9, 20))
    ids = world.read(lambda uow: {x.client_id: x.id for x in uow.session.scalars(select(Booking))})
    world.run(world.manager, lambda uow: mark_did_not_attend(uow, sid, [ids[a], ids[b]]))
    facts = world.read(lambda uow: session_details(uow, sid).facts)
    assert why_not(Action.UNDO_DNA, facts, world.clock()) is None

    def extract(booking_id: int) -> None:
        def run(uow: object) -> None:
            sd = uow.session.scalar(  # type: ignore[attr-defined]
                select(ServiceDelivered).where(ServiceDelivered.booking_id == booking_id)
            )
            sd.extracted_at = world.clock()

        world.run(world.manager, run)

    extract(ids[a])
    details = world.read(lambda uow: session_details(uow, sid))
    (kept,) = details.take_back_blockers
    assert (kept.booking_id, kept.reason) == (ids[a], EXTRACTED)
    assert len(kept.lines) == 1 and "was extracted for claiming" in kept.lines[0]
    assert why_not(Action.UNDO_DNA, details.facts, world.clock()) is None, "Bob's can be"
    with pytest.raises(BlockedError) as err:
        world.run(
            world.manager, lambda uow: take_back_did_not_attend(uow, sid, [ids[a]], reason=WHY)
        )
    assert (err.value.message, tuple(err.value.blockers)) == (kept.reason, kept.lines)

    extract(ids[b])
    facts = world.read(lambda uow: session_details(uow, sid).facts)
    assert why_not(Action.UNDO_DNA, facts, world.clock()) == EXTRACTED, "nobody's can be now"
