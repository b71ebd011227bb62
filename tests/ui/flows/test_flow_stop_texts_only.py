"""STOP stops texts only, walked through the window. A client with a mobile and an e-mail address
texts STOP through the gateway; the practice's reminder rules then remind their booking by
e-mail (it goes) and not by text. The client asks at the desk to be texted again: the
receptionist opens their form (Practice ▸ Clients… ▸ Edit), sees "Opted out of texts (replied
STOP)" ticked, clears it and saves; the next outbox pass texts the reminder. A client who texts
START has texts back on by themselves, and the Replies queue says so."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import AuditEvent, Booking, Client, OutboxMessage, ReminderRule, Session, SmsReply
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionStatus
from app.services import practice
from app.services.storage import secret_box
from app.ui.sms.replies_panel import RepliesBadge, RepliesView
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


def _stopped(
    qtbot: Any, ctx: AppContext, open_window: Any, standin: SmsStandIn
) -> tuple[int, int, Any]:
    """The client booked soon texts STOP and the outbox's next pass takes the reply in: the
    client, their booking and the receptionist's window."""
    client_id, booking_id = _client_with_a_booking_soon(ctx, standin.base_url)
    window = open_window(ctx, "reception")
    standin.add_reply(MOBILE, "STOP", ctx.db.clock())
    _pass(qtbot, window)
    return client_id, booking_id, window


def test_stop_stops_texts_only_and_the_receptionist_turns_texts_back_on_in_the_client_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    client_id, booking_id, window = _stopped(qtbot, demo_ctx, open_window, sms_standin)
    clock = demo_ctx.db.clock
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


def test_start_turns_texts_back_on_and_the_replies_queue_says_so(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    client_id, booking_id, window = _stopped(qtbot, demo_ctx, open_window, sms_standin)
    clock = demo_ctx.db.clock
    assert data.read(demo_ctx, lambda orm: orm.get(Client, client_id).sms_opt_out) is True

    clock.advance(minutes=10)
    sms_standin.add_reply(MOBILE, "Start", clock())
    _pass(qtbot, window)
    client = data.read(demo_ctx, lambda orm: orm.get(Client, client_id))
    assert client.sms_opt_out is False and client.sms_opt_out_at is None
    audited = data.read(demo_ctx, lambda orm: orm.execute(
        select(AuditEvent.action, AuditEvent.username)
        .where(AuditEvent.action.in_(("client.sms_opt_in", "sms_reply.opt_in")))).all())  # fmt: skip
    assert sorted(audited) == [("client.sms_opt_in", "sms"), ("sms_reply.opt_in", "sms")]

    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    qtbot.waitUntil(lambda: view.model.rowCount() > 1, timeout=3000)
    start = data.read(demo_ctx, lambda orm: orm.scalar(
        select(SmsReply).where(SmsReply.body == "Start")))  # fmt: skip
    shown = [(view.model.index(i, 2).data(), view.model.index(i, 4).data(), view.model.row(i).note)
             for i in range(view.model.rowCount()) if view.model.row(i).id == start.id]  # fmt: skip
    name = client.display_name
    assert shown == [
        (name, "Texts back on", f"Texts back on: {name} will be texted again (reminders, offers).")
    ]
    assert [b.count() for b in window.findChildren(RepliesBadge)] == [0]  # nothing waits for staff

    _rules(demo_ctx)  # a text reminder due now goes out again
    clock.advance(minutes=6)
    for _ in range(30):
        _pass(qtbot, window)
        text = _reminders(demo_ctx, booking_id).get("Texted")
        if text is not None and text.status != OutboxStatus.PENDING:
            break
    assert text is not None and text.status == OutboxStatus.SENT
    assert text.payload["body"] in _texted(sms_standin)
