"""A reminder that waited in the outbox past its cancellation deadline does not tell the client a
day already gone. The practice's rule queued it stating "to avoid a fee, cancel by …" while no
SMS gateway was set up; the administrator sets the gateway up after that deadline (Tools ▸ SMS
gateway…), and the text that goes says a cancellation now may be charged instead."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import Booking, Client, OutboxMessage, ReminderRule, Session
from app.models.enums import BookingStatus, OutboxStatus, SessionStatus
from app.services.sms.deadline import cancel_deadline
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, from_menu, press, type_into

__all__ = ["sms_standin"]
MOBILE = "+61412000050"
TEXT = "Hi {first_name}, {date} at {time}. {how_to_cancel}; {deadline}."


def _booked_with_a_deadline_ahead(ctx: AppContext) -> tuple[int, Any]:
    """A booking whose fee-free cancelling ends more than an hour from now; its client's mobile
    is MOBILE. Returns the booking and its deadline."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        bookings = uow.session.scalars(
            select(Booking).join(Session)
            .where(Booking.status == BookingStatus.BOOKED, Session.status == SessionStatus.ROSTERED,
                   Session.starts_at > now + timedelta(days=2))
            .order_by(Session.starts_at, Booking.id))  # fmt: skip
        for booking in bookings:
            deadline = cancel_deadline(uow, booking)
            if deadline is not None and deadline.moment > now + timedelta(hours=1):
                client = uow.session.get(Client, booking.client_id)
                client.phone, client.notify_consent = MOBILE, True
                uow.session.add(ReminderRule(
                    name="Two weeks before", channel="sms", days_before=14, at_time="09:00",
                    template=TEXT, active=True, created_at=now))  # fmt: skip
                return booking.id, deadline
    raise AssertionError("the demo practice has no booking with a deadline ahead")


def _reminder(ctx: AppContext, booking_id: int) -> OutboxMessage:
    """The booking's reminder by the test's rule in the outbox (its client has other bookings,
    reminded too; the demo practice's own rules remind the booking as well)."""
    rule_id = data.read(ctx, lambda orm: orm.scalar(
        select(ReminderRule.id).where(ReminderRule.name == "Two weeks before")))  # fmt: skip
    rows = data.read(ctx, lambda orm: list(orm.scalars(
        select(OutboxMessage).where(OutboxMessage.topic == "reminder"))))  # fmt: skip
    (row,) = [m for m in rows
              if m.payload.get("booking_id") == booking_id and m.payload.get("rule_id") == rule_id]  # fmt: skip
    return row


def _pass(qtbot: Any, window: Any) -> None:
    pump = window.installed.outbox.pump
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)


def test_a_reminder_sent_after_its_deadline_says_a_cancellation_now_may_be_charged(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    booking_id, deadline = _booked_with_a_deadline_ahead(demo_ctx)
    window = open_window(demo_ctx, "admin")
    _pass(qtbot, window)  # the rule's moment has passed: its reminder is queued for now
    queued = _reminder(demo_ctx, booking_id)
    assert "to avoid a fee, cancel" in queued.payload["body"], queued.payload
    stated = queued.payload["body"].split("to avoid a fee, cancel ", 1)[1]

    # No gateway yet: the text waits. The deadline passes; then texting is set up.
    demo_ctx.db.clock.set(deadline.moment + timedelta(minutes=30))

    def set_up(w: Any) -> None:
        choose(field(w, "Gateway", QComboBox), "MessageMedia")
        type_into(qtbot, field(w, "API key", QLineEdit), API_KEY)
        type_into(qtbot, field(w, "API secret", QLineEdit), API_SECRET)
        type_into(qtbot, field(w, "Base address", QLineEdit), sms_standin.base_url)
        press(w, "Save")

    with dialogs(set_up) as seen:
        from_menu(window, "Tools", "SMS gateway…")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    for _ in range(30):  # the outbox sends its waiting texts a batch a pass
        _pass(qtbot, window)
        if _reminder(demo_ctx, booking_id).status != OutboxStatus.PENDING:
            break

    sent = _reminder(demo_ctx, booking_id)
    assert sent.status == OutboxStatus.SENT
    (text,) = [m["content"] for m in sms_standin.sent
               if m["destination_number"] == MOBILE and m["content"] == sent.payload["body"]]  # fmt: skip
    assert stated.rstrip(".") not in text, text
    assert text.endswith("Y to confirm; a cancellation now may be charged."), text
    assert data.read(demo_ctx, lambda orm: orm.get(Booking, booking_id).status) == (
        BookingStatus.BOOKED
    )
