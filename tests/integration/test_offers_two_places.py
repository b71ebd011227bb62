"""Texted offers stay open while a place is free: with two places freed in one class, the first
Yes books one and the second Yes the other; only then are the clients still waiting on an
offer told the place has been taken, and a Yes after that gets the same "taken" text."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.models import Booking
from app.models.enums import BookingStatus
from app.services.sms.offers import process_due_offers
from tests.factory import World, local
from tests.integration.test_offers_desk_booking import _cancel, _group, _offers
from tests.integration.test_sms_replies_offers import (
    _handle,
    _mark_sent,
    _phone,
    _reply,
    _sms,
    _wait,
)


def _booked(world: World, sid: int) -> set[int]:
    return set(world.read(lambda uow: list(uow.session.scalars(select(Booking.client_id).where(
        Booking.session_id == sid, Booking.status == BookingStatus.BOOKED)))))  # fmt: skip


def _yes(world: World, number: str) -> None:
    world.clock.advance(minutes=1)
    _reply(world, "Y", world.clock() - timedelta(seconds=30), number=number)
    _handle(world)
    _mark_sent(world)


def test_two_freed_places_are_booked_by_two_yeses_then_the_round_closes(world: World) -> None:
    ann, ben, cat = world.client("Ann Lee"), world.client("Ben Ray"), world.client("Cat Poe")
    sid = _group(world, [ann, ben, cat], 3)
    jane, sam, tom = world.client("Jane Roe"), world.client("Sam Tan"), world.client("Tom Orr")
    for i, client in enumerate((jane, sam, tom), start=1):
        _phone(world, client, f"0412 000 00{i}")
        _wait(world, client)
        world.clock.advance(minutes=1)
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)
    _cancel(world, sid, ben)  # two places free
    for _ in range(3):  # the offers go a gap apart: all three texted
        world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
        world.clock.advance(minutes=31)
    _mark_sent(world)
    assert _offers(world, sid) == [(jane, "sent"), (sam, "sent"), (tom, "sent")]

    _yes(world, "+61412000002")  # Sam first: one place left, nobody is told it was taken
    assert _booked(world, sid) == {cat, sam}
    assert _offers(world, sid) == [(jane, "sent"), (sam, "accepted"), (tom, "sent")]
    assert _sms(world, "offer_taken") == []

    _yes(world, "+61412000001")  # Jane takes the second place: now the class is full
    assert _booked(world, sid) == {cat, sam, jane}
    assert _offers(world, sid) == [(jane, "accepted"), (sam, "accepted"), (tom, "taken")]
    assert [m.recipient for m in _sms(world, "offer_taken")] == ["+61412000003"]

    _yes(world, "+61412000003")  # Tom's Yes comes too late
    assert _booked(world, sid) == {cat, sam, jane}
    taken = _sms(world, "offer_taken")
    assert [m.recipient for m in taken] == ["+61412000003", "+61412000003"]
    assert taken[-1].payload["body"].startswith("Sorry, this place has been taken: ")


def test_a_place_freed_while_a_round_is_open_joins_it_without_texting_anyone_twice(
    world: World,
) -> None:
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben], 2)
    jane = world.client("Jane Roe")
    _phone(world, jane, "0412 000 001")
    _wait(world, jane)
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    _mark_sent(world)
    world.clock.advance(minutes=5)
    _cancel(world, sid, ben)  # a second place frees while Jane's offer is open
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    assert _offers(world, sid) == [(jane, "sent")]
    assert [m.recipient for m in _sms(world, "offer")] == ["+61412000001"]

    _yes(world, "+61412000001")
    assert _booked(world, sid) == {jane}
    assert _sms(world, "offer_taken") == []
