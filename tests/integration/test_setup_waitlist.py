"""The waitlist: matching a freed slot or group place, booking from it, and the refill rule."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import NotAllowedError, ValidationError
from app.models import (
    AuditEvent,
    Booking,
    CancellationLine,
    OutboxMessage,
    ServiceDelivered,
    Session,
    WaitlistEntry,
)
from app.models.enums import BookingStatus, CancelledBy, OutboxStatus, SessionKind, SessionStatus
from app.services.dto import CancelRequest
from app.services.money.owed import still_owed
from app.services.sessions.cancel import cancel, cancel_booking
from app.services.setup.waitlist import (
    WaitlistDraft,
    book_from_waitlist,
    list_waitlist,
    save_waitlist_entry,
    waitlist_matches,
)
from tests.factory import World, local

MORNINGS = (8 * 60, 12 * 60)


def _wait(world: World, client: int, **kw: object) -> int:
    draft = WaitlistDraft(client, **kw)  # type: ignore[arg-type]
    return world.run(world.reception, lambda uow: save_waitlist_entry(uow, None, draft)).record_id


def _group(world: World) -> tuple[int, int, int, int, int]:
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Ben Ray")
    sid = world.session(w, svc, local(2026, 4, 7, 9), [a, b], kind=SessionKind.GROUP, capacity=2)
    return w, svc, a, b, sid


def test_only_waiting_clients_who_fit_the_freed_place_are_offered_longest_waiting_first(
    world: World,
) -> None:
    w, svc, a, _b, sid = _group(world)
    other = world.worker("Sam Carer")
    names = ["Cat Moss", "Dev Pike", "Eli Roe", "Fay Sun", "Gus Tan"]
    c, d, e, f, g = (world.client(n) for n in names)
    _wait(world, d, worker_id=other)  # another worker
    _wait(world, e, weekdays=(5,))  # Saturdays only
    _wait(world, f, earliest_minute=13 * 60)  # afternoons
    world.clock.advance(minutes=1)
    _wait(world, g, service_id=svc, earliest_minute=MORNINGS[0], latest_minute=MORNINGS[1])
    _wait(world, c, worker_id=w, weekdays=(0, 1, 2, 3, 4), note="Any morning")
    assert world.read(lambda uow: waitlist_matches(uow, sid)) == []  # full: no place is free
    req = world.client_request(sid, [a], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    matches = world.read(lambda uow: waitlist_matches(uow, sid))
    assert [m.client_name for m in matches] == ["Gus Tan", "Cat Moss"]
    assert matches[1].note == "Any morning" and "Dr Maya Chen" in matches[1].wants


def _charged(world: World, sid: int, client: int) -> int:
    """Ann cancels at short notice: charged (the place is not refilled yet); the cancellation id."""
    req = world.client_request(sid, [client], "ndis_health", world.clock())
    charged = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert charged.total_charge_cents == 19399
    return charged.cancellation_ids[0]


def _lines(world: World, cancellation_id: int) -> list[CancellationLine]:
    return world.read(lambda uow: list(uow.session.scalars(
        select(CancellationLine).where(CancellationLine.cancellation_id == cancellation_id))))  # fmt: skip


def _sds(world: World, sid: int) -> list[tuple[int, int | None, bool]]:
    return world.read(lambda uow: [(sd.amount_cents, sd.reverses_id, sd.extracted_at is not None)
                                   for sd in uow.session.scalars(select(ServiceDelivered).where(
                                       ServiceDelivered.session_id == sid).order_by(ServiceDelivered.id))])  # fmt: skip


def test_a_refilled_place_is_not_charged_the_waitlist_booking_withdraws_the_charge(
    world: World,
) -> None:
    _w, _svc, a, _b, sid = _group(world)
    c = world.client("Cat Moss")
    entry = _wait(world, c)
    cancellation_id = _charged(world, sid, a)
    world.clock.advance(minutes=5)
    result = world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, entry))
    assert result.message == (
        "Cat Moss was booked from the waitlist. Ann Lee's cancellation charge of $193.99 "
        "was withdrawn."
    )
    assert c in result.changes.clients
    assert result.reminder == "Ann Lee's cancellation charge of $193.99 was withdrawn."
    assert _sds(world, sid) == []  # the cancellation-charge SD is gone
    (line,) = _lines(world, cancellation_id)
    assert line.withdrawn_at == world.clock() and line.charge_cents == 19399
    assert line.withdrawn_reason == (
        "The freed place was refilled by Cat Moss; a refilled place is not charged."
    )
    events = world.read(lambda uow: [(e.action, e.entity_id) for e in uow.session.scalars(
        select(AuditEvent).where(AuditEvent.session_id == sid).order_by(AuditEvent.id))])  # fmt: skip
    assert ("cancellation.charge_withdrawn", cancellation_id) in events
    assert world.read(lambda uow: uow.session.get(WaitlistEntry, entry).active) is False  # type: ignore[union-attr]
    assert world.read(lambda uow: list_waitlist(uow)) == []


def test_an_extracted_charge_gets_a_reversing_line_and_a_to_do_when_the_place_is_refilled(
    world: World,
) -> None:
    _w, _svc, a, _b, sid = _group(world)
    c = world.client("Cat Moss")
    entry = _wait(world, c)
    _charged(world, sid, a)
    world.run(world.manager, lambda uow: [setattr(sd, "extracted_at", uow.now()) for sd in
                                          uow.session.scalars(select(ServiceDelivered))])  # fmt: skip
    world.clock.advance(minutes=5)
    result = world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, entry))
    assert "was already extracted for claiming: a reversing line was written" in result.message
    (original, reversal) = _sds(world, sid)
    assert original == (19399, None, True)
    assert reversal[0] == -19399 and reversal[2] is False
    todo = world.read(lambda uow: uow.session.scalar(
        select(OutboxMessage).where(OutboxMessage.topic == "claim_correction")))  # fmt: skip
    assert todo is not None and todo.status == OutboxStatus.MANUAL
    assert "Correct the claim for Ann Lee's cancellation charge" in todo.subject


def test_a_claimed_charge_the_client_was_to_pay_is_taken_back_from_the_client_on_a_refill(
    world: World,
) -> None:
    """The reversing line is the client's as the charge was: nothing is left owed."""
    _w, _svc, a, _b, sid = _group(world)
    entry = _wait(world, world.client("Cat Moss"))
    _charged(world, sid, a)

    def claimed_as_the_clients(uow: UnitOfWork) -> None:
        for sd in uow.session.scalars(select(ServiceDelivered)):
            sd.extracted_at, sd.bill_to = uow.now(), "client"

    world.run(world.manager, claimed_as_the_clients)
    assert world.read(lambda uow: still_owed(uow, sid, a)) == 19399
    world.clock.advance(minutes=5)
    world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, entry))
    bill_to = world.read(lambda uow: [sd.bill_to for sd in uow.session.scalars(
        select(ServiceDelivered).order_by(ServiceDelivered.id))])  # fmt: skip
    assert bill_to == ["client", "client"]
    assert world.read(lambda uow: still_owed(uow, sid, a)) == 0


def test_a_client_who_takes_a_place_that_was_free_anyway_refills_nobodys_place(
    world: World,
) -> None:
    w, svc = world.worker(), world.service()
    a, b, c = world.client("Ann Lee"), world.client("Ben Ray"), world.client("Cat Moss")
    sid = world.session(w, svc, local(2026, 4, 7, 9), [a, b], kind=SessionKind.GROUP, capacity=3)
    entry = _wait(world, c)
    _charged(world, sid, a)
    world.clock.advance(minutes=5)
    result = world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, entry))
    assert result.message == "Cat Moss was booked from the waitlist."
    assert [amount for amount, _r, _e in _sds(world, sid)] == [19399]


def test_a_place_refilled_before_the_cancellation_is_recorded_is_never_charged(
    world: World,
) -> None:
    w, svc, c = world.worker(), world.service(), world.client("Cat Moss")
    a, b = world.client("Ann Lee"), world.client("Ben Ray")
    sid = world.session(w, svc, local(2026, 4, 7, 9), [a, b], kind=SessionKind.GROUP, capacity=3)
    advised = world.clock()  # Ann rang; the desk fills her place first
    world.clock.advance(minutes=2)
    world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, _wait(world, c)))
    req = world.client_request(sid, [a], "ndis_health", advised)
    result = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert result.total_charge_cents == 0


def test_a_cancelled_individual_slot_is_offered_and_booking_it_rosters_the_session_again(
    world: World,
) -> None:
    w, svc, a, c = (
        world.worker(),
        world.service(),
        world.client("Ann Lee"),
        world.client("Cat Moss"),
    )
    sid = world.session(w, svc, local(2026, 4, 8, 10), [a])
    world.run(world.reception, lambda uow: cancel_booking(
        uow, world.client_request(sid, [a], "ndis_health", world.clock())))  # fmt: skip
    entry = _wait(world, c)
    assert [m.entry_id for m in world.read(lambda uow: waitlist_matches(uow, sid))] == [entry]
    result = world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, entry))
    assert result.reminder is None
    s = world.read(lambda uow: uow.session.get(Session, sid))
    assert s is not None and s.status is SessionStatus.ROSTERED
    statuses = world.read(lambda uow: sorted(uow.session.scalars(
        select(Booking.status).where(Booking.session_id == sid))))  # fmt: skip
    assert statuses == sorted([BookingStatus.CANCELLED, BookingStatus.BOOKED])


def test_no_place_is_offered_when_the_worker_cancelled_or_the_client_is_busy(world: World) -> None:
    w, svc, a = world.worker(), world.service(), world.client("Ann Lee")
    c = world.client("Cat Moss")
    sid = world.session(w, svc, local(2026, 4, 8, 10), [a])
    world.session(world.worker("Sam Carer"), svc, local(2026, 4, 8, 10), [c])
    entry = _wait(world, c)
    world.run(world.reception, lambda uow: cancel_booking(
        uow, world.client_request(sid, [a], "ndis_health", world.clock())))  # fmt: skip
    assert world.read(lambda uow: waitlist_matches(uow, sid)) == []  # Cat is busy then
    with pytest.raises(NotAllowedError, match="already booked at Wed 08 Apr 10:00"):
        world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, entry))
    sid2 = world.session(w, svc, local(2026, 4, 9, 10), [a])
    worker_reason = world.reason("worker_unwell")
    req = CancelRequest(sid2, CancelledBy.WORKER, world.clock(), worker_reason)
    world.run(world.reception, lambda uow: cancel(uow, req))
    with pytest.raises(NotAllowedError, match="The worker cancelled this session"):
        world.run(world.reception, lambda uow: book_from_waitlist(uow, sid2, entry))


def test_a_waitlist_entry_needs_a_client_a_day_and_a_window(world: World) -> None:
    c = world.client()
    for draft, field in (
        (WaitlistDraft(None), "client"),
        (WaitlistDraft(c, weekdays=()), "weekdays"),
        (WaitlistDraft(c, earliest_minute=600, latest_minute=540), "window"),
    ):
        with pytest.raises(ValidationError) as refused:
            world.run(world.reception, lambda uow, d=draft: save_waitlist_entry(uow, None, d))
        assert refused.value.field == field
    entry = _wait(world, c, weekdays=(0, 2), earliest_minute=540, latest_minute=720)
    [row] = world.read(lambda uow: list_waitlist(uow))
    assert row.id == entry and row.window_text == "Mon, Wed 09:00–12:00"
    assert row.worker_name == "any worker" and row.service_name == "any service"
