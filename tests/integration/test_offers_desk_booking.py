"""A place booked at the desk from the waitlist closes its texted offers only when it was the
last one free; a client booked who had been texted the offer has it accepted, not "taken"."""

from __future__ import annotations

from sqlalchemy import select

from app.models import WaitlistEntry, WaitlistOffer
from app.models.enums import SessionKind
from app.services.sessions.cancel import cancel_booking
from app.services.setup.waitlist import book_from_waitlist
from app.services.sms.offers import process_due_offers
from tests.factory import World, local
from tests.integration.test_sms_replies_offers import _mark_sent, _phone, _sms, _wait


def _entry(world: World, client: int) -> int:
    return world.read(lambda uow: uow.session.scalar(
        select(WaitlistEntry.id).where(WaitlistEntry.client_id == client)))  # fmt: skip


def _offers(world: World, sid: int) -> list[tuple[int, str]]:
    return world.read(lambda uow: [(o.client_id, o.status) for o in uow.session.scalars(
        select(WaitlistOffer).where(WaitlistOffer.session_id == sid)
        .order_by(WaitlistOffer.position))])  # fmt: skip


def _group(world: World, clients: list[int], capacity: int) -> int:
    return world.session(world.worker(), world.service(), local(2026, 4, 10, 9), clients,
                         kind=SessionKind.GROUP, capacity=capacity)  # fmt: skip


def _cancel(world: World, sid: int, client: int) -> None:
    req = world.client_request(sid, [client], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))


def test_the_texted_client_booked_at_the_desk_has_their_offer_accepted(world: World) -> None:
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben], 2)
    jane, sam = world.client("Jane Roe"), world.client("Sam Tan")
    _phone(world, jane, "0412 000 001")
    _phone(world, sam, "0412 000 002")
    _wait(world, jane)
    world.clock.advance(minutes=1)
    _wait(world, sam)
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    world.clock.advance(minutes=31)
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    _mark_sent(world)
    assert _offers(world, sid) == [(jane, "sent"), (sam, "sent")]

    result = world.run(
        world.reception, lambda uow: book_from_waitlist(uow, sid, _entry(world, sam))
    )
    assert _offers(world, sid) == [(jane, "taken"), (sam, "accepted")]
    assert [m.recipient for m in _sms(world, "offer_taken")] == ["+61412000001"]
    assert result.reminder is not None and "1 texted offer of this place closed" in result.reminder
    assert "offers" in result.changes.topics


def test_offers_stand_while_a_place_is_still_free(world: World) -> None:
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben], 3)  # one place free from the start
    jane, sam = world.client("Jane Roe"), world.client("Sam Tan")
    _phone(world, jane, "0412 000 001")
    _wait(world, jane)
    world.clock.advance(minutes=1)
    _wait(world, sam)  # no mobile: booked by phone
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)  # two places free now
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    _mark_sent(world)
    assert _offers(world, sid) == [(jane, "sent")]

    result = world.run(
        world.reception, lambda uow: book_from_waitlist(uow, sid, _entry(world, sam))
    )
    assert _offers(world, sid) == [(jane, "sent")]  # a place is still free for her
    assert _sms(world, "offer_taken") == []
    assert result.reminder is None or "texted offer" not in result.reminder
