"""Clients' text replies (cancel, confirm, the staff queue) and waitlist offers of a freed place.

Replies are stored as the gateway's fetch stores them (SmsReply, outcome "new"), with the
reminders and offers they answer as sent outbox rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.models import (
    AuditEvent,
    Booking,
    Cancellation,
    CancellationLine,
    Client,
    OutboxMessage,
    ServiceDelivered,
    SmsReply,
    WaitlistOffer,
)
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionKind
from app.services.schedule.details import session_details
from app.services.setup.waitlist import WaitlistDraft, save_waitlist_entry
from app.services.sms import replies
from app.services.sms.offer_state import offer_line, offer_states
from app.services.sms.offers import has_work, process_due_offers
from app.services.sms.replies import handle_new
from app.services.sms.reply_queue import list_replies, queued_count, undo_reply
from tests.factory import SYD, World, local

MOBILE, E164 = "0412 345 678", "+61412345678"
_ids = iter(range(1, 10_000))


def _phone(world: World, client_id: int, number: str) -> None:
    def apply(uow) -> None:  # type: ignore[no-untyped-def]
        client = uow.session.get(Client, client_id)
        client.phone = number

    world.run(world.admin, apply)


def _sent_reminder(world: World, client_id: int, session_id: int, booking_id: int,
                   sent_at: datetime, number: str = E164) -> None:  # fmt: skip
    def add(uow) -> None:  # type: ignore[no-untyped-def]
        uow.session.add(OutboxMessage(
            channel=OutboxChannel.SMS, topic="reminder", idempotency_key=f"rem:{next(_ids)}",
            session_id=session_id, client_id=client_id, recipient=number, subject="",
            payload={"body": "Reminder", "booking_id": booking_id, "offer_id": None, "rule_id": 1},
            status=OutboxStatus.SENT, created_at=sent_at, sent_at=sent_at,
        ))  # fmt: skip

    world.run(world.admin, add)


def _reply(world: World, body: str, received: datetime, number: str = E164) -> int:
    def add(uow) -> int:  # type: ignore[no-untyped-def]
        row = SmsReply(gateway_id=f"gw-{next(_ids)}", from_number=number, body=body,
                       received_at=received, outcome="new")  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return row.id

    return world.run(world.admin, add)


def _handle(world: World) -> None:
    world.run(world.admin, handle_new)


def _get(world: World, model, row_id: int):  # type: ignore[no-untyped-def]
    return world.read(lambda uow: uow.session.get(model, row_id))


def _individual(world: World, start: datetime) -> tuple[int, int, int]:
    w, svc = world.worker(), world.service()
    c = world.client("Olivia Smith")
    _phone(world, c, MOBILE)
    sid = world.session(w, svc, start, [c])
    return c, sid, world.bookings(sid)[c]


def test_a_c_reply_one_clear_business_day_ahead_records_a_short_notice_ndis_cancellation(
    world: World,
) -> None:
    # Friday 10 April 2026 9:00; "C" received Wednesday 8 April 10:00: Thursday is the one
    # clear business day, short of the NDIS rule's two.
    c, sid, bid = _individual(world, local(2026, 4, 10, 9))
    _sent_reminder(world, c, sid, bid, local(2026, 4, 7, 9))
    received = local(2026, 4, 8, 10)
    world.clock.set(received + timedelta(minutes=1))
    rid = _reply(world, " c ", received)
    _handle(world)

    reply = _get(world, SmsReply, rid)
    assert (reply.outcome, reply.booking_id) == ("cancelled", bid)
    assert _get(world, Booking, bid).status is BookingStatus.CANCELLED
    cancellation = world.read(lambda uow: uow.session.scalar(select(Cancellation)))
    assert cancellation.advised_at == received
    assert "“c”" in cancellation.note and E164 in cancellation.note
    label = world.read(lambda uow: uow.session.scalar(select(Cancellation)).reason.label)
    assert label == "Cancelled by text message"
    line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
    assert line.short_notice and line.charge_cents == 19399
    assert "Thu → 1 (need 2) → short notice" in cancellation.notice_working
    sd = world.read(lambda uow: uow.session.scalar(select(ServiceDelivered)))
    assert (sd.claim_type, sd.amount_cents) == ("CANC", 19399)
    who = world.read(lambda uow: uow.session.scalar(
        select(AuditEvent.username).where(AuditEvent.action == "session.cancel")))  # fmt: skip
    assert who == "sms"

    # Staff (a manager) undo it from the queue: the booking is back, the charge gone.
    world.run(world.manager, lambda uow: undo_reply(uow, rid))
    assert _get(world, Booking, bid).status is BookingStatus.BOOKED
    assert _get(world, SmsReply, rid).outcome == "undone"
    assert world.read(lambda uow: uow.session.scalar(select(Cancellation.undone_at))) is not None


def test_y_confirms_and_staff_can_take_it_back(world: World) -> None:
    c, sid, bid = _individual(world, local(2026, 4, 10, 9))
    _sent_reminder(world, c, sid, bid, local(2026, 4, 7, 9))
    received = local(2026, 4, 7, 9, 30)
    world.clock.set(received + timedelta(minutes=1))
    rid = _reply(world, "Yes", received)
    _handle(world)
    assert _get(world, Booking, bid).confirmed_at == received
    assert _get(world, SmsReply, rid).outcome == "confirmed"
    assert world.read(lambda uow: uow.session.scalar(
        select(AuditEvent.username).where(AuditEvent.action == "booking.confirm"))) == "sms"  # fmt: skip
    world.run(world.reception, lambda uow: undo_reply(uow, rid))
    assert _get(world, Booking, bid).confirmed_at is None


def test_unmatched_ambiguous_and_other_replies_wait_on_the_queue(world: World) -> None:
    c, sid, bid = _individual(world, local(2026, 4, 10, 9))
    _sent_reminder(world, c, sid, bid, local(2026, 4, 7, 9))
    world.clock.set(local(2026, 4, 7, 12))
    stranger = _reply(world, "C", local(2026, 4, 7, 10), number="+61499999999")
    chatter = _reply(world, "Running 5 min late, sorry", local(2026, 4, 7, 11))
    _handle(world)
    assert _get(world, SmsReply, stranger).outcome == "queued"
    assert "No reminder or offer" in _get(world, SmsReply, stranger).note
    assert (_get(world, SmsReply, chatter).outcome, _get(world, SmsReply, chatter).booking_id) == (
        "queued", bid)  # fmt: skip
    assert _get(world, Booking, bid).status is BookingStatus.BOOKED
    assert world.read(queued_count) == 2
    rows = world.read(list_replies)
    assert [r.id for r in rows] == [chatter, stranger] and rows[0].client_name == "Olivia Smith"

    # A number shared by two clients who both had reminders: staff choose.
    other = world.client("Sam Smith")
    _phone(world, other, MOBILE)
    sid2 = world.session(world.worker("Ben Jones"), world.service("x", 5000), local(2026, 4, 9, 9),
                         [other])  # fmt: skip
    _sent_reminder(world, other, sid2, world.bookings(sid2)[other], local(2026, 4, 7, 9, 5))
    shared = _reply(world, "C", local(2026, 4, 7, 11, 30))
    _handle(world)
    assert _get(world, SmsReply, shared).outcome == "queued"
    assert "more than one client" in _get(world, SmsReply, shared).note


def test_a_c_after_the_start_is_not_a_cancellation(world: World) -> None:
    c, sid, bid = _individual(world, local(2026, 4, 10, 9))
    _sent_reminder(world, c, sid, bid, local(2026, 4, 9, 9))
    world.clock.set(local(2026, 4, 10, 9, 20))
    rid = _reply(world, "Cancel", local(2026, 4, 10, 9, 10))
    _handle(world)
    reply = _get(world, SmsReply, rid)
    assert reply.outcome == "queued" and "after the session started" in reply.note
    assert _get(world, Booking, bid).status is BookingStatus.BOOKED


def test_a_refused_cancellation_waits_on_the_queue_with_the_sentence(world: World) -> None:
    c, sid, bid = _individual(world, local(2026, 4, 10, 9))
    _sent_reminder(world, c, sid, bid, local(2026, 4, 7, 9))
    world.clock.set(local(2026, 4, 7, 12))
    first = _reply(world, "C", local(2026, 4, 7, 10))
    second = _reply(world, "N", local(2026, 4, 7, 11))
    _handle(world)
    assert _get(world, SmsReply, first).outcome == "cancelled"
    again = _get(world, SmsReply, second)
    assert again.outcome == "queued" and "already cancelled" in again.note
    late_yes = _reply(world, "Y", local(2026, 4, 7, 11, 30))
    _handle(world)
    assert _get(world, SmsReply, late_yes).outcome == "queued"
    assert (
        _get(world, SmsReply, late_yes).note == "The booking is cancelled; nothing was confirmed."
    )
    assert _get(world, Booking, bid).confirmed_at is None
    assert world.read(lambda uow: len(list(uow.session.scalars(select(Cancellation))))) == 1


def _wait(world: World, client: int) -> None:
    draft = WaitlistDraft(client)
    world.run(world.reception, lambda uow: save_waitlist_entry(uow, None, draft))


def test_a_freed_group_place_is_offered_in_turn_first_yes_books_it_and_refills_the_charge(
    world: World,
) -> None:
    w, svc = world.worker(), world.service()
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = world.session(w, svc, local(2026, 4, 10, 9), [ann, ben], kind=SessionKind.GROUP,
                        capacity=2)  # fmt: skip
    jane, sam = world.client("Jane Roe"), world.client("Sam Tan")
    _phone(world, jane, "0412 000 001")
    _phone(world, sam, "0412 000 002")
    _phone(world, ann, MOBILE)
    _wait(world, jane)
    world.clock.advance(minutes=1)
    _wait(world, sam)
    # Ann cancels by text, short notice: charged 100 %.
    _sent_reminder(world, ann, sid, world.bookings(sid)[ann], local(2026, 4, 7, 9))
    world.clock.set(local(2026, 4, 8, 10, 1))
    _reply(world, "C", local(2026, 4, 8, 10))
    _handle(world)
    line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
    assert line.charge_cents == 19399 and line.withdrawn_at is None

    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    offers = world.read(lambda uow: list(uow.session.scalars(
        select(WaitlistOffer).order_by(WaitlistOffer.position))))  # fmt: skip
    assert [(o.client_id, o.status) for o in offers] == [(jane, "sent"), (sam, "waiting")]
    # No gateway saved yet: the settings' default gap, 30 minutes, as the README says.
    assert offers[1].send_at == offers[0].send_at + timedelta(minutes=30)
    texts = _sms(world, "offer")
    assert [m.recipient for m in texts] == ["+61412000001"]
    assert texts[0].payload["body"] == (
        "A place is free: Service 15_055_0128_1_3 with Dr Maya Chen on Fri 10 Apr 09:00. "
        "Reply Y to book it.")  # fmt: skip
    assert texts[0].payload["offer_id"] == offers[0].id

    # Thirty minutes on, Sam's offer goes too; both have been sent.
    assert not world.read(has_work)  # nothing due yet: the outbox loop takes no write lock
    world.clock.advance(minutes=30)
    assert world.read(has_work)
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    _mark_sent(world)
    assert not world.read(has_work)
    tz_line = world.read(lambda uow: offer_line(offer_states(uow, sid), SYD))
    assert tz_line == "Offered to 2 clients: Jane Roe (sent 10:01), Sam Tan (sent 10:31)"
    shown = world.read(lambda uow: session_details(uow, sid).offers)
    assert [(s.client_name, s.status) for s in shown] == [("Jane Roe", "sent"), ("Sam Tan", "sent")]

    # Sam says yes first: booked, the charge withdrawn, Jane told the place is taken.
    world.clock.advance(minutes=2)
    _reply(world, "y", world.clock() - timedelta(seconds=30), number="+61412000002")
    _handle(world)
    booked = world.read(lambda uow: uow.session.scalar(select(Booking).where(
        Booking.session_id == sid, Booking.client_id == sam)))  # fmt: skip
    assert booked is not None and booked.status is BookingStatus.BOOKED
    line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
    assert line.withdrawn_at is not None and "refilled by Sam Tan" in (line.withdrawn_reason or "")
    taken = _sms(world, "offer_taken")
    assert [m.recipient for m in taken] == ["+61412000001"]
    assert "this place has been taken" in taken[0].payload["body"]
    # Jane's yes comes too late: she is told again, nothing is booked.
    _reply(world, "Yes", world.clock(), number="+61412000001")
    world.clock.advance(minutes=1)
    _handle(world)
    assert len(_sms(world, "offer_taken")) == 2
    assert world.read(lambda uow: uow.session.scalar(select(Booking.id).where(
        Booking.session_id == sid, Booking.client_id == jane))) is None  # fmt: skip
    states = world.read(lambda uow: [s.status for s in offer_states(uow, sid)])
    assert states == ["taken", "accepted"]


def _sms(world: World, topic: str) -> list[OutboxMessage]:
    return world.read(lambda uow: list(uow.session.scalars(
        select(OutboxMessage).where(OutboxMessage.channel == OutboxChannel.SMS,
                                    OutboxMessage.topic == topic).order_by(OutboxMessage.id))))  # fmt: skip


def _mark_sent(world: World) -> None:
    """As the gateway's sender would: the pending texts went."""

    def apply(uow) -> None:  # type: ignore[no-untyped-def]
        for m in uow.session.scalars(select(OutboxMessage).where(
                OutboxMessage.channel == OutboxChannel.SMS,
                OutboxMessage.status == OutboxStatus.PENDING)):  # fmt: skip
            m.status, m.sent_at = OutboxStatus.SENT, m.next_attempt_at

    world.run(world.admin, apply)


def test_reply_module_names_its_actor() -> None:
    assert replies.SMS_ACTOR.username == "sms"


def test_end_to_end_through_the_gateway_stand_in(world: World) -> None:
    """The outbox loop's own steps against the stand-in gateway: a reminder goes, the client's
    "C" comes back and cancels, the freed group place is offered by text, and the waiting
    client's "Yes" books it and withdraws the canceller's charge."""
    from app.services.outbox import send_due
    from app.services.sms import settings as sms
    from app.services.sms.inbound import pull_if_set_up
    from app.services.sms.offers import queue_sms
    from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn

    w, svc = world.worker(), world.service()
    ann, ben, jane = world.client("Ann Lee"), world.client("Ben Ray"), world.client("Jane Roe")
    sid = world.session(w, svc, local(2026, 4, 10, 9), [ann, ben], kind=SessionKind.GROUP,
                        capacity=2)  # fmt: skip
    _phone(world, ann, MOBILE)
    _phone(world, jane, "0412 000 001")
    _wait(world, jane)
    world.clock.set(local(2026, 4, 7, 9))
    with SmsStandIn() as gateway:
        draft = sms.SmsDraft(username=API_KEY, api_key=API_SECRET, sender="",
                             offer_gap_minutes=15, base_url=gateway.base_url)  # fmt: skip
        world.run(world.admin, lambda uow: sms.save_sms_settings(uow, draft))
        booking = world.bookings(sid)[ann]
        world.run(world.admin, lambda uow: queue_sms(
            uow, topic="reminder", number=E164, body="See you Friday 9:00 am. Reply C to cancel.",
            session_id=sid, client_id=ann, booking_id=booking))  # fmt: skip
        assert send_due(world.db).sent == 1
        assert [m["destination_number"] for m in gateway.sent] == [E164]

        world.clock.set(local(2026, 4, 8, 10, 1))
        gateway.add_reply(E164, "C", local(2026, 4, 8, 10))
        pulled = pull_if_set_up(world.db)
        assert pulled is not None and pulled.new == 1 and sid in pulled.handled.sessions
        line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
        assert line.short_notice and line.charge_cents == 19399
        assert send_due(world.db).sent == 1  # the offer to Jane
        offer_text = gateway.sent[-1]
        assert offer_text["destination_number"] == "+61412000001"
        assert offer_text["content"].startswith("A place is free: ")

        world.clock.advance(minutes=3)
        gateway.add_reply("+61412000001", "Yes", world.clock() - timedelta(minutes=1))
        pulled = pull_if_set_up(world.db)
        assert pulled is not None and pulled.new == 1
        assert world.read(lambda uow: uow.session.scalar(select(Booking.status).where(
            Booking.session_id == sid, Booking.client_id == jane))) is BookingStatus.BOOKED  # fmt: skip
        line = world.read(lambda uow: uow.session.scalar(select(CancellationLine)))
        assert line.withdrawn_at is not None
        assert gateway.unconfirmed() == []


def test_a_second_yes_after_the_booking_was_cancelled_waits_for_staff(world: World) -> None:
    w, svc = world.worker(), world.service()
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = world.session(w, svc, local(2026, 4, 10, 9), [ann, ben], kind=SessionKind.GROUP,
                        capacity=2)  # fmt: skip
    jane = world.client("Jane Roe")
    _phone(world, jane, "0412 000 001")
    _phone(world, ann, MOBILE)
    _wait(world, jane)
    _sent_reminder(world, ann, sid, world.bookings(sid)[ann], local(2026, 4, 7, 9))
    world.clock.set(local(2026, 4, 8, 10, 1))
    _reply(world, "C", local(2026, 4, 8, 10))
    _handle(world)
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    _mark_sent(world)
    world.clock.advance(minutes=2)
    _reply(world, "Yes", world.clock() - timedelta(seconds=30), number="+61412000001")
    _handle(world)
    booking_id = world.bookings(sid)[jane]

    def cancel(uow) -> None:  # type: ignore[no-untyped-def]
        uow.session.get(Booking, booking_id).status = BookingStatus.CANCELLED

    world.run(world.admin, cancel)  # the place she took was given up at the desk since
    again = _reply(world, "Yes please", world.clock(), number="+61412000001")
    world.clock.advance(minutes=1)
    _handle(world)
    reply = _get(world, SmsReply, again)
    assert reply.outcome == "queued" and "cancelled since" in reply.note
    assert _sms(world, "offer_taken") == []  # nobody told the place was taken
