"""A waiting client texted a freed place answers "N", then thinks again and answers "Yes" while the
place is still free: the place is theirs (the first yes books it), and they are not told, falsely,
that it has been taken. The receptionist sees it on the Replies queue as booked from an offer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, OutboxMessage, SmsReply, WaitlistOffer
from app.models.enums import BookingStatus
from app.ui.sms.replies_panel import RepliesView
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import from_menu
from tests.ui.flows.test_flow_waitlist_sms_offers import _set_up

__all__ = ["sms_standin"]
MOBILE = "+61412000002"


def _pass(qtbot: Any, window: Any) -> None:
    """One pass of the outbox (sending, then fetching the replies and moving the offers on)."""
    pump = window.installed.outbox.pump
    pump.replies_every = 0  # every pass looks at replies, as a minute on does
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)


def _texts_to(ctx: AppContext, topic: str) -> list[OutboxMessage]:
    return data.read(ctx, lambda orm: list(orm.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == topic, OutboxMessage.recipient == MOBILE))))  # fmt: skip


def test_a_client_who_declined_then_says_yes_gets_the_place_still_free(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid = data.full_group(demo_ctx)  # any session: the demo's freed places are what is offered
    _landline, client_id = _set_up(demo_ctx, sid, sms_standin.base_url)
    window = open_window(demo_ctx, "reception")
    _pass(qtbot, window)  # the freed places' offers are written …
    _pass(qtbot, window)  # … and texted
    assert _texts_to(demo_ctx, "offer"), "no offer was texted"

    clock = demo_ctx.db.clock
    clock.advance(minutes=5)
    sms_standin.add_reply(MOBILE, "N", clock())
    _pass(qtbot, window)
    declined = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(WaitlistOffer).where(WaitlistOffer.status == "declined"))))  # fmt: skip
    assert [o.client_id for o in declined] == [client_id]
    offer_session = declined[0].session_id

    clock.advance(minutes=5)
    sms_standin.add_reply(MOBILE, "Yes", clock())
    _pass(qtbot, window)
    booked = data.read(demo_ctx, lambda orm: orm.scalar(select(Booking).where(
        Booking.session_id == offer_session, Booking.client_id == client_id)))  # fmt: skip
    assert booked is not None and booked.status == BookingStatus.BOOKED
    assert _texts_to(demo_ctx, "offer_taken") == []  # not told the place was taken
    yes = data.read(demo_ctx, lambda orm: orm.scalar(
        select(SmsReply).where(SmsReply.body == "Yes")))  # fmt: skip
    assert yes.outcome == "accepted" and yes.booking_id == booked.id

    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=3000)
    shown = [view.model.row(i) for i in range(view.model.rowCount())]
    assert [(r.body, r.outcome) for r in shown if r.from_number == MOBILE] == [("Yes", "accepted")]
