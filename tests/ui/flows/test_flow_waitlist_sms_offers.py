"""A freed group place offered to the waitlist by text, walked through the window: the receptionist
cancels a client's place, leaves the offer to the text messages ("Not now"), and the outbox sends
the offer. A waiting client whose only number is a landline cannot receive a text, so the offer
goes at once to the next client who has a mobile, not to the landline (where nobody could answer
it) with the mobile client kept waiting the gap."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import Booking, Client, OutboxMessage, Session, WaitlistEntry, WaitlistOffer
from app.services import practice
from app.services.storage import secret_box
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, from_context_menu, press
from tests.ui.flows.test_flow_client_cancel import client_cancel

__all__ = ["sms_standin"]
LANDLINE, MOBILE = "02 9876 5432", "0412 000 002"


def _set_up(ctx: AppContext, session_id: int, base_url: str) -> list[int]:
    """Text messages set up; two clients free at the session's time wait for any place, the one
    waiting longest reachable only on a landline."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        row = practice.settings(uow)
        row.sms_config = {"gateway": "messagemedia", "username": API_KEY,
                          "api_key": secret_box.seal(uow, API_SECRET), "sender": "",
                          "offer_gap_minutes": 30, "base_url": base_url}  # fmt: skip
        s = uow.session.get(Session, session_id)
        busy = set(uow.session.scalars(
            select(Booking.client_id).join(Session)
            .where(Session.starts_at < s.ends_at, Session.ends_at > s.starts_at)))  # fmt: skip
        free = [c for c in uow.session.scalars(select(Client).order_by(Client.id))
                if c.id not in busy and c.active][:2]  # fmt: skip
        for i, (client, phone) in enumerate(zip(free, (LANDLINE, MOBILE), strict=True)):
            client.phone, client.notify_consent = phone, True
            uow.session.add(WaitlistEntry(
                client_id=client.id, weekdays=127, earliest_minute=0, latest_minute=24 * 60,
                note="", created_at=now - timedelta(days=900 - i), active=True))  # fmt: skip
        return [c.id for c in free]


def test_a_freed_place_is_texted_to_the_first_waiting_client_with_a_mobile(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    _landline_client, mobile_client = _set_up(demo_ctx, sid, sms_standin.base_url)
    window = open_window(demo_ctx, "reception")

    with dialogs(client_cancel(qtbot, "Health", clients=(names[0],)),
                 lambda w: press(w, "Not now")):  # fmt: skip
        from_context_menu(window, sid, "Cancel…")
    pump = window.installed.outbox.pump
    pump.replies_every = 0  # a minute on: the outbox's next look at replies and offers
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)

    offers = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(OutboxMessage).where(OutboxMessage.topic == "offer", OutboxMessage.session_id == sid)
        .order_by(OutboxMessage.id))))  # fmt: skip
    assert [m.recipient for m in offers][:1] == ["+61412000002"]
    # Nothing anywhere is texted to the landline (other freed places of the demo fit them too).
    texted = {m["destination_number"] for m in sms_standin.sent}
    assert "+61412000002" in texted and "+61298765432" not in texted
    round_ = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(WaitlistOffer).where(WaitlistOffer.session_id == sid)
        .order_by(WaitlistOffer.position))))  # fmt: skip
    assert [(o.client_id, o.status) for o in round_][:1] == [(mobile_client, "sent")]
