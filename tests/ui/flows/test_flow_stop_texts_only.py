"""STOP stops texts only, walked through the window. A client with a mobile and an e-mail address
texts STOP through the gateway; the practice's reminder rules then remind their booking by
e-mail (it goes) and not by text. The client asks at the desk to be texted again: the
receptionist opens their form (Practice ▸ Clients… ▸ Edit), sees "Opted out of texts (replied
STOP)" ticked, clears it and saves; the next outbox pass texts the reminder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import AuditEvent, Booking, Client, OutboxMessage, ReminderRule, Session
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionStatus
from app.services import practice
from app.services.storage import secret_box
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_menu, press, tick

__all__ = ["sms_standin"]
MOBILE, EMAIL = "+61412000077", "stop.only@example.com"


def _client_with_a_booking_soon(ctx: AppContext, base_url: str) -> tuple[int, int]:
    """Texts set up; a client booked 3 to 10 days ahead has MOBILE, EMAIL and consent."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        row = practice.settings(uow)
        row.sms_config = {"gateway": "messagemedia", "username": API_KEY,
                          "api_key": secret_box.seal(uow, API_SECRET), "sender": "",
                          "offer_gap_minutes": 30, "base_url": base_url}  # fmt: skip
        booking = uow.session.scalars(
            select(Booking).join(Session)
            .where(Booking.status == BookingStatus.BOOKED, Session.status == SessionStatus.ROSTERED,
                   Session.starts_at > now + timedelta(days=3),
                   Session.starts_at < now + timedelta(days=10))
            .order_by(Session.starts_at, Booking.id)).first()  # fmt: skip
        assert booking is not None, "the demo practice has no booking in the coming days"
        client = uow.session.get(Client, booking.client_id)
        client.phone, client.email, client.notify_consent = MOBILE, EMAIL, True
        return client.id, booking.id


def _rules(ctx: AppContext) -> None:
    """A text and an e-mail reminder two weeks ahead: both already due for the booking."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        for name, channel in (("Texted", "sms"), ("E-mailed", "email")):
            uow.session.add(ReminderRule(name=name, channel=channel, days_before=14,
                                         at_time="09:00", template="Hi {first_name}, {date}.",
                                         active=True, created_at=now))  # fmt: skip


def _reminders(ctx: AppContext, booking_id: int) -> dict[str, OutboxMessage]:
    """The booking's reminders by the test's rules, by rule name."""
    rules = data.read(ctx, lambda orm: {r.id: r.name for r in orm.scalars(
        select(ReminderRule).where(ReminderRule.name.in_(("Texted", "E-mailed"))))})  # fmt: skip
    rows = data.read(ctx, lambda orm: list(orm.scalars(
        select(OutboxMessage).where(OutboxMessage.topic == "reminder"))))  # fmt: skip
    return {rules[m.payload["rule_id"]]: m for m in rows
            if m.payload.get("booking_id") == booking_id and m.payload.get("rule_id") in rules}  # fmt: skip


def _pass(qtbot: Any, window: Any) -> None:
    pump = window.installed.outbox.pump
    pump.replies_every = pump.reminders_every = 0
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)


def _texted(standin: SmsStandIn) -> list[str]:
    return [m["content"] for m in standin.sent if m["destination_number"] == MOBILE]


def test_stop_stops_texts_only_and_the_receptionist_turns_texts_back_on_in_the_client_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    client_id, booking_id = _client_with_a_booking_soon(demo_ctx, sms_standin.base_url)
    window = open_window(demo_ctx, "reception")
    clock = demo_ctx.db.clock
    sms_standin.add_reply(MOBILE, "STOP", clock())
    _pass(qtbot, window)
    client = data.read(demo_ctx, lambda orm: orm.get(Client, client_id))
    assert client.sms_opt_out is True and client.notify_consent is True
    texted = _texted(sms_standin)  # the demo practice's own reminders went before the STOP came

    _rules(demo_ctx)
    clock.advance(minutes=6)
    _pass(qtbot, window)
    reminders = _reminders(demo_ctx, booking_id)
    assert set(reminders) == {"E-mailed"}, reminders  # no text is even queued
    email = reminders["E-mailed"]
    assert email.channel == OutboxChannel.EMAIL and email.recipient == EMAIL
    assert email.status == OutboxStatus.PENDING  # waits for the mail settings, as e-mails do
    assert _texted(sms_standin) == texted

    # The client asks at the desk to be texted again.
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    assert screen.select_id(client_id)
    row = next(screen.model.row(i) for i in range(screen.model.rowCount())
               if screen.model.row(i).id == client_id)  # fmt: skip
    assert row.draft.sms_opt_out
    seen: list[bool] = []

    def texts_again(w: Any) -> None:
        box = field(w, "Texts", QCheckBox)
        seen.append(box.isChecked())
        assert box.text() == "Opted out of texts (replied STOP)"
        tick(box, False)
        press(w, "Save")

    with dialogs(texts_again):
        press(screen, "Edit")
    assert seen == [True]
    client = data.read(demo_ctx, lambda orm: orm.get(Client, client_id))
    assert client.sms_opt_out is False and client.sms_opt_out_at is None
    changed = data.read(demo_ctx, lambda orm: orm.scalars(
        select(AuditEvent).where(AuditEvent.action == "client.update",
                                 AuditEvent.entity_id == client_id)).all())  # fmt: skip
    assert [(e.before["sms_opt_out"], e.after["sms_opt_out"], e.username) for e in changed] == [
        (True, False, "reception")
    ]

    # The next pass texts the reminder.
    clock.advance(minutes=6)
    for _ in range(30):  # the outbox sends its waiting texts a batch a pass
        _pass(qtbot, window)
        text = _reminders(demo_ctx, booking_id).get("Texted")
        if text is not None and text.status != OutboxStatus.PENDING:
            break
    assert text is not None
    assert text.channel == OutboxChannel.SMS and text.recipient == MOBILE
    assert text.status == OutboxStatus.SENT
    assert text.payload["body"] in _texted(sms_standin)
    screen.close()
