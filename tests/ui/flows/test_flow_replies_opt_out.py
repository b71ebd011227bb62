"""A client who texts STOP ALL is never texted again: walked through the real window. The
waitlisted client was texted a freed place and has a reminder waiting in the outbox; their STOP
arrives through the gateway, and the outbox's pass opts them out of texts (their consent to be
contacted, e-mails, stays), closes their offer, withdraws the waiting reminder (the outbox's
Withdrawn list, with why, as any text no longer true) and shows the reply on the Replies queue as
"Opted out of texts" without asking anyone to act on it. Nothing more is texted to them until
the receptionist clears "Opted out of texts" in the client form."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import (
    AuditEvent,
    Booking,
    Client,
    OutboxMessage,
    ReminderRule,
    SmsReply,
    WaitlistOffer,
)
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.outbox import OutboxFilter, withdrawal
from app.services.sms.reminder_withdrawal import reminder_key
from app.services.sms.reply_words import Meaning, meaning
from app.ui.sms.replies_panel import RepliesBadge, RepliesView
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_menu, open_tab, press, tick
from tests.ui.flows.test_flow_outbox import outbox_view
from tests.ui.flows.test_flow_waitlist_sms_offers import _set_up

__all__ = ["sms_standin"]
MOBILE = "+61412000002"


def _pass(qtbot: Any, window: Any) -> None:
    """One pass of the outbox (sending, then fetching the replies and moving the offers on)."""
    pump = window.installed.outbox.pump
    pump.replies_every = 0
    pump.run_now()
    qtbot.waitUntil(lambda: not pump.busy, timeout=5000)


def _texted(standin: SmsStandIn) -> int:
    return sum(1 for m in standin.sent if m["destination_number"] == MOBILE)


def _pending_reminder(ctx: AppContext, client_id: int) -> int:
    """The client has a booking to come, and its reminder waits in the outbox for its moment."""
    now = ctx.db.clock()
    sid = data.future_individual(ctx)
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        booking = uow.session.scalar(select(Booking).where(Booking.session_id == sid))
        booking.client_id = client_id
        rule = ReminderRule(name="Day before", channel="sms", days_before=1, at_time="09:00",
                            template="Hi {first_name}, see you {date}. {how_to_cancel}",
                            active=True, created_at=now)  # fmt: skip
        uow.session.add(rule)
        uow.session.flush()
        row = OutboxMessage(
            channel=OutboxChannel.SMS, topic="reminder", session_id=sid, client_id=client_id,
            idempotency_key=reminder_key(rule.id, booking.id, booking.session.starts_at),
            recipient=MOBILE, subject="", status=OutboxStatus.PENDING, status_reason="",
            payload={"body": "Reminder", "booking_id": booking.id, "offer_id": None,
                     "rule_id": rule.id},
            created_at=now, next_attempt_at=now + (booking.session.starts_at - now) / 2)  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return row.id


def test_a_client_who_texts_stop_is_not_texted_again_until_staff_clear_the_opt_out(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    sid = data.full_group(demo_ctx)
    _landline, client_id = _set_up(demo_ctx, sid, sms_standin.base_url)
    reminder = _pending_reminder(demo_ctx, client_id)
    window = open_window(demo_ctx, "reception")
    _pass(qtbot, window)  # the freed places' offers are written …
    _pass(qtbot, window)  # … and texted
    assert _texted(sms_standin) > 0, "no offer was texted"

    clock = demo_ctx.db.clock
    clock.advance(minutes=5)
    sms_standin.add_reply(MOBILE, "STOP ALL", clock())
    _pass(qtbot, window)

    client = data.read(demo_ctx, lambda orm: orm.get(Client, client_id))
    assert client.sms_opt_out is True and client.notify_consent is True
    open_offers = data.read(demo_ctx, lambda orm: list(orm.scalars(select(WaitlistOffer).where(
        WaitlistOffer.client_id == client_id, WaitlistOffer.status.in_(("waiting", "sent"))))))  # fmt: skip
    assert open_offers == []
    row = data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, reminder))
    assert (row.status, row.status_reason) == (OutboxStatus.WITHDRAWN, withdrawal.TEXT_OPTED_OUT)
    stop = data.read(demo_ctx, lambda orm: orm.scalar(
        select(SmsReply).where(SmsReply.body == "STOP ALL")))  # fmt: skip
    assert stop.outcome == "opted_out" and stop.handled_at is not None
    audited = data.read(demo_ctx, lambda orm: set(orm.execute(
        select(AuditEvent.action, AuditEvent.username).where(AuditEvent.action.in_(
            ("client.sms_opt_out", "sms_reply.opt_out"))))))  # fmt: skip
    assert audited == {("client.sms_opt_out", "sms"), ("sms_reply.opt_out", "sms")}
    withdrawals = data.read(demo_ctx, lambda orm: list(orm.execute(
        select(AuditEvent.after, AuditEvent.username)
        .where(AuditEvent.action == "outbox.withdraw"))))  # fmt: skip
    assert any(reminder in after["messages"] and after["why"] == withdrawal.TEXT_OPTED_OUT
               and who == "sms" for after, who in withdrawals)  # fmt: skip

    # The outbox shows the reminder in its Withdrawn list, with why; not in Skipped.
    from_menu(window, "Tools", "Outbox and alerts")
    outbox = outbox_view(window)
    shown: dict[OutboxFilter, list[int]] = {}
    for tab, which in (("Withdrawn", OutboxFilter.WITHDRAWN), ("Skipped", OutboxFilter.SKIPPED)):
        open_tab(outbox.tabs, tab)
        page = outbox.lists[which]
        shown[which] = [page.model.row(i).id for i in range(page.model.rowCount())]
    assert reminder in shown[OutboxFilter.WITHDRAWN] and reminder not in shown[OutboxFilter.SKIPPED]
    why = next(r.why for r in outbox.lists[OutboxFilter.WITHDRAWN].model.rows() if r.id == reminder)
    assert why == withdrawal.TEXT_OPTED_OUT

    # The receptionist sees it on the queue, handled: nothing waits for them.
    [badge] = window.findChildren(RepliesBadge)
    assert badge.count() == 0
    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=3000)
    shown = [view.model.index(i, 4).data() for i in range(view.model.rowCount())
             if view.model.row(i).id == stop.id]  # fmt: skip
    assert shown == ["Opted out of texts"]
    assert view.select_reply(stop.id) and not view.undo_button.isEnabled()

    # An hour of outbox passes: places free up, offers move on; nothing more goes to them.
    before = _texted(sms_standin)
    for _ in range(3):
        clock.advance(minutes=30)
        _pass(qtbot, window)
    assert _texted(sms_standin) == before

    # The client asks to be texted again, at the desk: the receptionist clears the opt-out.
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    assert screen.select_id(client_id)

    def texts_again(w: Any) -> None:
        assert field(w, "Texts", QCheckBox).isChecked()
        tick(field(w, "Texts", QCheckBox), False)
        press(w, "Save")

    with dialogs(texts_again):
        press(screen, "Edit")
    assert data.read(demo_ctx, lambda orm: orm.get(Client, client_id).sms_opt_out) is False
    screen.close()


@pytest.mark.parametrize(
    ("body", "means"),
    [
        ("STOP", Meaning.OPT_OUT), ("Stop", Meaning.OPT_OUT), ("STOP ALL", Meaning.OPT_OUT),
        ("UNSUBSCRIBE", Meaning.OPT_OUT), ("opt out", Meaning.OPT_OUT),
        ("Opt-out.", Meaning.OPT_OUT), ("Please stop texting me", Meaning.OPT_OUT),
        ("N", Meaning.NO), ("No", Meaning.NO), ("no thanks", Meaning.NO), ("C", Meaning.NO),
        ("Cancel", Meaning.NO), ("Y", Meaning.YES), ("Yes", Meaning.YES),
        ("yes please!", Meaning.YES), ("Confirm", Meaning.YES),
        ("Can I come at 3 instead?", None), ("Not sure yet", None),
        ("START", Meaning.OPT_IN), ("Start.", Meaning.OPT_IN), ("unstop", Meaning.OPT_IN),
        ("Opt in", Meaning.OPT_IN), ("Start time?", None), ("Stop, start later", Meaning.OPT_OUT),
    ],
)  # fmt: skip
def test_the_reply_words_a_receptionist_expects(body: str, means: Meaning | None) -> None:
    assert meaning(body) == means
