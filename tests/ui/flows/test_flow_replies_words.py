"""The words a client answers a reminder with, as a receptionist expects them: "No" cancels as
"N" does, and "Yes please!" confirms as "Y" does. The replies arrive through the gateway and the
outbox's pass acts on them; the Replies queue shows what each did."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import Booking, Client, OutboxMessage, Session, SmsReply
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionKind
from app.services import practice
from app.services.storage import secret_box
from app.ui.sms.replies_panel import RepliesView
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import from_menu

__all__ = ["sms_standin"]
NUMBERS = ("+61412000031", "+61412000032")


def _reminded(ctx: AppContext, base_url: str) -> list[int]:
    """Text messages set up; two upcoming one-client bookings were texted a reminder yesterday."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        practice.settings(uow).sms_config = {
            "gateway": "messagemedia", "username": API_KEY,
            "api_key": secret_box.seal(uow, API_SECRET), "sender": "", "offer_gap_minutes": 30,
            "base_url": base_url}  # fmt: skip
        bookings = list(uow.session.scalars(
            select(Booking).join(Session)
            .where(Session.kind == SessionKind.INDIVIDUAL, Booking.status == BookingStatus.BOOKED,
                   Session.starts_at > now + timedelta(hours=3))
            .order_by(Session.starts_at, Booking.id)))  # fmt: skip
        chosen: list[Booking] = []
        for b in bookings:
            if b.client_id not in {c.client_id for c in chosen}:
                chosen.append(b)
            if len(chosen) == 2:
                break
        for booking, number in zip(chosen, NUMBERS, strict=True):
            client = uow.session.get(Client, booking.client_id)
            client.phone, client.notify_consent = number, True
            uow.session.add(OutboxMessage(
                channel=OutboxChannel.SMS, topic="reminder", idempotency_key=f"flow-{number}",
                session_id=booking.session_id, client_id=booking.client_id, recipient=number,
                subject="", payload={"body": "Reminder", "booking_id": booking.id,
                                     "offer_id": None, "rule_id": None},
                status=OutboxStatus.SENT, created_at=now - timedelta(days=1),
                sent_at=now - timedelta(days=1)))  # fmt: skip
        return [b.id for b in chosen]


def test_no_cancels_and_yes_please_confirms_a_reminded_booking(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    no_booking, yes_booking = _reminded(demo_ctx, sms_standin.base_url)
    window = open_window(demo_ctx, "reception")
    clock = demo_ctx.db.clock
    sms_standin.add_reply(NUMBERS[0], "No", clock() - timedelta(minutes=2))
    sms_standin.add_reply(NUMBERS[1], "Yes please!", clock() - timedelta(minutes=1))
    pump = window.installed.outbox.pump
    pump.replies_every = 0
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)

    cancelled = data.read(demo_ctx, lambda orm: orm.get(Booking, no_booking))
    confirmed = data.read(demo_ctx, lambda orm: orm.get(Booking, yes_booking))
    assert cancelled.status == BookingStatus.CANCELLED
    assert confirmed.status == BookingStatus.BOOKED and confirmed.confirmed_at is not None
    outcomes = data.read(demo_ctx, lambda orm: {
        body: outcome for body, outcome in orm.execute(select(SmsReply.body, SmsReply.outcome))})  # fmt: skip
    assert outcomes == {"No": "cancelled", "Yes please!": "confirmed"}

    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=3000)
    shown = {view.model.row(i).body: view.model.index(i, 4).data()
             for i in range(view.model.rowCount())}  # fmt: skip
    assert shown == {"No": "Cancelled by text", "Yes please!": "Confirmed by text"}
