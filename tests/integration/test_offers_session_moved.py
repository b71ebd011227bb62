"""A session moved while its freed place is offered: the offers that name the old time close. The
client already texted is told it no longer stands; an offer text still waiting in the outbox is
withdrawn instead; a late "Y" to the old offer books nothing and waits for staff."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.models import Booking, OutboxMessage, Session, SmsReply
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.sessions.scheduling import reschedule_session
from app.services.sms.offers import process_due_offers
from app.services.sms.replies import handle_new
from tests.factory import World, local
from tests.integration.test_offers_desk_booking import _cancel, _group, _offers
from tests.integration.test_sms_replies_offers import _get, _mark_sent, _phone, _reply, _sms, _wait


def test_moving_the_session_closes_its_offers_by_what_each_client_was_sent(world: World) -> None:
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
    _mark_sent(world)  # Jane's offer went
    world.clock.advance(minutes=31)
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))  # Sam's waits
    assert _offers(world, sid) == [(jane, "sent"), (sam, "sent")]

    result = world.run(world.reception, lambda uow: reschedule_session(
        uow, sid, local(2026, 4, 10, 11), allow_conflicts=True))  # fmt: skip
    assert _offers(world, sid) == [(jane, "moved"), (sam, "moved")]
    assert [m.recipient for m in _sms(world, "offer_moved")] == ["+61412000001"]
    sams = [m for m in _sms(world, "offer") if m.recipient == "+61412000002"]
    assert [m.status for m in sams] == [OutboxStatus.WITHDRAWN]
    assert "offered again at the new time" in result.message
    assert "A text tells the 1 client already texted" in result.message

    # A "Y" to the old offer books nothing: it waits on the Replies queue with why.
    world.clock.advance(minutes=1)
    yes = _reply(world, "Y", world.clock(), number="+61412000001")
    world.clock.advance(minutes=1)
    world.run(world.admin, handle_new)
    reply = _get(world, SmsReply, yes)
    assert reply.outcome == "queued" and "moved after this offer was texted" in reply.note
    assert world.read(lambda uow: uow.session.scalar(select(Booking.id).where(
        Booking.session_id == sid, Booking.client_id == jane))) is None  # fmt: skip

    # The place is offered again, at the new time.
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    new = world.read(lambda uow: list(uow.session.scalars(select(OutboxMessage).where(
        OutboxMessage.channel == OutboxChannel.SMS, OutboxMessage.topic == "offer",
        OutboxMessage.status == OutboxStatus.PENDING))))  # fmt: skip
    assert [m.recipient for m in new] == ["+61412000001"]
    assert "Fri 10 Apr 11:00" in new[0].payload["body"]
    starts = world.read(lambda uow: uow.session.get(Session, sid).starts_at)
    assert starts == local(2026, 4, 10, 11) and starts - timedelta(hours=2) == local(2026, 4, 10, 9)
