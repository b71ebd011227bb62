"""A waiting client texted a freed place answers "Yes", and then, as people do, "Yes please" again
before the practice writes back. The first yes booked the place; the second must not text them
"Sorry, this place has been taken … You stay on our waitlist" (neither is true: the place is
theirs and their waitlist entry is closed), nor tell the receptionist the place was taken."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, SmsReply, WaitlistOffer
from app.models.enums import BookingStatus
from app.ui.sms.replies_panel import RepliesView
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import from_menu
from tests.ui.flows.test_flow_replies_offer_changed_mind import MOBILE, _pass, _texts_to
from tests.ui.flows.test_flow_waitlist_sms_offers import _set_up

__all__ = ["sms_standin"]


def test_a_second_yes_to_a_place_already_booked_tells_nobody_it_was_taken(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid = data.full_group(demo_ctx)
    _landline, client_id = _set_up(demo_ctx, sid, sms_standin.base_url)
    window = open_window(demo_ctx, "reception")
    _pass(qtbot, window)  # the freed places' offers are written …
    _pass(qtbot, window)  # … and texted
    assert _texts_to(demo_ctx, "offer"), "no offer was texted"

    clock = demo_ctx.db.clock
    clock.advance(minutes=5)
    sms_standin.add_reply(MOBILE, "Yes", clock())
    _pass(qtbot, window)
    [accepted] = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(WaitlistOffer).where(WaitlistOffer.status == "accepted"))))  # fmt: skip
    assert accepted.client_id == client_id

    clock.advance(minutes=2)
    sms_standin.add_reply(MOBILE, "Yes please!", clock())
    _pass(qtbot, window)

    booked = data.read(demo_ctx, lambda orm: list(orm.scalars(select(Booking).where(
        Booking.session_id == accepted.session_id, Booking.client_id == client_id))))  # fmt: skip
    assert [b.status for b in booked] == [BookingStatus.BOOKED]  # booked once
    assert _texts_to(demo_ctx, "offer_taken") == []  # not told, falsely, it was taken
    offer = data.read(demo_ctx, lambda orm: orm.get(WaitlistOffer, accepted.id))
    assert offer.status == "accepted"
    again = data.read(demo_ctx, lambda orm: orm.scalar(
        select(SmsReply).where(SmsReply.body == "Yes please!")))  # fmt: skip
    assert again.outcome == "handled" and again.booking_id == booked[0].id
    assert "already booked" in again.note and "taken" not in again.note

    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=3000)
    shown = [view.model.row(i) for i in range(view.model.rowCount())]
    assert [(r.body, r.outcome) for r in shown if r.from_number == MOBILE] == [("Yes", "accepted")]
