"""Undo never overfills a session: when the place a cancellation freed was taken since (from the
waitlist, by a texted offer's Yes, or by a new booking), the undo is refused, naming who took
it, and nothing is written; a place that was free anyway takes the client back as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import NotAllowedError
from app.models import Booking, Cancellation, SmsReply
from app.models.enums import BookingStatus
from app.services.sessions.undo import full_again, undo_cancellation
from app.services.setup.editing import edit_session, session_draft
from app.services.setup.waitlist import book_from_waitlist
from app.services.sms.offers import process_due_offers
from app.services.sms.reply_queue import undo_check, undo_reply
from tests.factory import World, local
from tests.integration.test_offers_desk_booking import _cancel, _entry, _group
from tests.integration.test_sms_replies_offers import (
    MOBILE,
    _handle,
    _mark_sent,
    _phone,
    _reply,
    _sent_reminder,
    _wait,
)

FULL = (
    "This session is full again: Jane Roe took the freed place. Cancel or move a booking first, "
    "then undo."
)


def _statuses(world: World, sid: int) -> dict[int, BookingStatus]:
    return world.read(lambda uow: {b.client_id: b.status for b in uow.session.scalars(
        select(Booking).where(Booking.session_id == sid))})  # fmt: skip


def _open_cancellation(world: World, sid: int) -> int:
    found = world.read(lambda uow: uow.session.scalar(select(Cancellation.id).where(
        Cancellation.session_id == sid, Cancellation.undone_at.is_(None))))  # fmt: skip
    assert found is not None
    return int(found)


def _undo(world: World, sid: int) -> None:
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rang back"))


def test_undo_is_refused_when_the_waitlist_took_the_freed_place(world: World) -> None:
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben], 2)
    jane = world.client("Jane Roe")
    _wait(world, jane)
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)
    world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, _entry(world, jane)))
    cid = _open_cancellation(world, sid)
    assert world.read(lambda uow: full_again(uow, cid).here) == FULL

    with pytest.raises(NotAllowedError) as refused:
        _undo(world, sid)
    assert refused.value.message == FULL
    assert _statuses(world, sid) == {ann: BookingStatus.CANCELLED, ben: BookingStatus.BOOKED,
                                     jane: BookingStatus.BOOKED}  # fmt: skip
    assert _open_cancellation(world, sid) == cid  # not marked undone


def test_undo_is_refused_when_a_new_booking_took_the_freed_place(world: World) -> None:
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben], 2)
    jane = world.client("Jane Roe")
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)
    world.clock.advance(minutes=5)
    editable = world.read(lambda uow: session_draft(uow, sid))
    draft = replace(editable.draft, client_ids=(*editable.draft.client_ids, jane))
    world.run(world.reception, lambda uow: edit_session(uow, sid, draft))

    with pytest.raises(NotAllowedError) as refused:
        _undo(world, sid)
    assert refused.value.message == FULL
    assert _statuses(world, sid)[ann] == BookingStatus.CANCELLED


def test_a_place_free_anyway_takes_the_client_back(world: World) -> None:
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben], 3)  # one place free from the start
    jane = world.client("Jane Roe")
    _wait(world, jane)
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)
    world.run(world.reception, lambda uow: book_from_waitlist(uow, sid, _entry(world, jane)))
    assert world.read(lambda uow: full_again(uow, _open_cancellation(world, sid)).here) == ""
    _undo(world, sid)
    assert set(_statuses(world, sid).values()) == {BookingStatus.BOOKED}


def test_the_replies_queue_undo_of_a_text_c_is_refused_when_a_yes_took_the_place(
    world: World,
) -> None:
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben], 2)
    jane = world.client("Jane Roe")
    _phone(world, jane, "0412 000 001")
    _phone(world, ann, MOBILE)
    _wait(world, jane)
    _sent_reminder(world, ann, sid, world.bookings(sid)[ann], local(2026, 4, 7, 9))
    world.clock.set(local(2026, 4, 8, 10, 1))
    c_reply = _reply(world, "C", local(2026, 4, 8, 10))
    _handle(world)
    world.run(world.admin, lambda uow: process_due_offers(uow, world.clock()))
    _mark_sent(world)
    world.clock.advance(minutes=2)
    _reply(world, "Y", world.clock() - timedelta(seconds=30), number="+61412000001")
    _handle(world)
    assert _statuses(world, sid)[jane] == BookingStatus.BOOKED
    assert world.read(lambda uow: undo_check(uow, c_reply).refusal) == FULL

    with pytest.raises(NotAllowedError) as refused:
        world.run(world.manager, lambda uow: undo_reply(uow, c_reply))
    assert refused.value.message == FULL
    assert _statuses(world, sid)[ann] == BookingStatus.CANCELLED
    outcome = world.read(lambda uow: uow.session.get(SmsReply, c_reply).outcome)
    assert outcome == "cancelled"
