"""Booking a freed place at the desk closes the offers of it already texted, and says so: the
receptionist cancels a client's place in a full class and keeps the "Offer the freed place" list
open while phoning; meanwhile the outbox texts the offer to the first waiting client with a
mobile. The receptionist books the client longest waiting (reached by phone on their landline):
the window says one texted offer was closed, and the client who was texted it is sent the offer
flow's own "Sorry, this place has been taken …" text through the outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, OutboxMessage, WaitlistOffer
from app.models.enums import BookingStatus, OutboxChannel
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_context_menu, press
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_waitlist_sms_offers import _set_up

__all__ = ["sms_standin"]
MOBILE = "+61412000002"
CLOSED = (
    "1 texted offer of this place closed: a text tells the client it was offered to that it has "
    "been taken."
)


def _texts(ctx: AppContext, sid: int) -> list[tuple[str, str, str]]:
    return data.read(ctx, lambda orm: [(m.topic, m.recipient, m.payload["body"]) for m in orm.scalars(
        select(OutboxMessage).where(OutboxMessage.channel == OutboxChannel.SMS,
                                    OutboxMessage.session_id == sid).order_by(OutboxMessage.id))])  # fmt: skip


def test_booking_the_place_at_the_desk_tells_who_was_texted_and_the_receptionist(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    landline_client, mobile_client = _set_up(demo_ctx, sid, sms_standin.base_url)
    window = open_window(demo_ctx, "reception")
    pump = window.installed.outbox.pump
    texted_meanwhile: list[Any] = []

    def phone_then_book(w: Any) -> None:
        pump.replies_every = 0  # the outbox's pass a minute on, while the list is open
        pump.run_now()
        qtbot.waitUntil(lambda: not pump.busy, timeout=5000)
        texted_meanwhile.extend(_texts(demo_ctx, sid))
        press(w, "Book selected client")  # the first row: the client waiting longest

    told: list[str] = []

    def refilled(box: Any) -> None:
        told.append(box.text())
        press(box, "OK")

    with dialogs(client_cancel(qtbot, "Health", clients=(names[0],)), phone_then_book, refilled):
        from_context_menu(window, sid, "Cancel…")

    offered = [(topic, to) for topic, to, _ in texted_meanwhile if topic.startswith("offer")]
    assert offered == [("offer", MOBILE)]  # (the class's own clients have their reminders)
    booked = data.read(demo_ctx, lambda orm: orm.scalar(select(Booking.status).where(
        Booking.session_id == sid, Booking.client_id == landline_client)))  # fmt: skip
    assert booked == BookingStatus.BOOKED
    assert told and told[0].endswith(CLOSED), told
    taken = [(to, body) for topic, to, body in _texts(demo_ctx, sid) if topic == "offer_taken"]
    assert len(taken) == 1 and taken[0][0] == MOBILE
    assert taken[0][1].startswith("Sorry, this place has been taken: ")
    offers = data.read(demo_ctx, lambda orm: [(o.client_id, o.status) for o in orm.scalars(
        select(WaitlistOffer).where(WaitlistOffer.session_id == sid))])  # fmt: skip
    assert offers == [(mobile_client, "taken")]
