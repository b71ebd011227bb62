"""A text waiting to go when the client withdraws consent is withdrawn at send time, as an
e-mail is: the receptionist unticks "May be sent notifications" in the client's form
(Practice ▸ Clients… ▸ Edit), and the outbox's pass puts the waiting reminder text in the
Withdrawn list with why, not Skipped, and does not send it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import AuditEvent, Booking, Client, OutboxMessage, ReminderRule
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.outbox import OutboxFilter, withdrawal
from app.services.sms.reminder_withdrawal import reminder_key
from tests.integration.sms_standin import SmsStandIn
from tests.integration.sms_standin import sms_standin as sms_standin  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_menu, open_tab, press, tick
from tests.ui.flows.test_flow_outbox import outbox_view
from tests.ui.flows.test_flow_stop_texts_only import (
    MOBILE,
    _client_with_a_booking_soon,
    _pass,
    _texted,
)

__all__ = ["sms_standin"]


def waiting_text(ctx: AppContext, booking_id: int) -> int:
    """A reminder text for the booking, queued while the client consented, due in an hour."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        rule = ReminderRule(name="Hour before", channel="sms", hours_before=1, template="Hi",
                            active=True, created_at=now)  # fmt: skip
        uow.session.add(rule)
        uow.session.flush()
        booking = uow.session.get(Booking, booking_id)
        assert booking is not None
        row = OutboxMessage(
            channel=OutboxChannel.SMS, topic="reminder", session_id=booking.session_id,
            idempotency_key=reminder_key(rule.id, booking.id, booking.session.starts_at),
            client_id=booking.client_id, recipient=MOBILE, subject="",
            payload={"body": "Reminder: see you soon", "booking_id": booking.id,
                     "offer_id": None, "rule_id": rule.id},
            status=OutboxStatus.PENDING, status_reason="", created_at=now,
            next_attempt_at=now + timedelta(hours=1))  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return int(row.id)


def _edit_client(qtbot: Any, window: Any, client_id: int, change: Any) -> None:
    """Practice ▸ Clients…, the client's row, Edit: `change` fills the form and saves it."""
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    assert screen.select_id(client_id)
    with dialogs(change):
        press(screen, "Edit")
    screen.close()


def _after_its_moment(qtbot: Any, ctx: AppContext, window: Any, text_id: int) -> OutboxMessage:
    """The text's moment passed; the outbox's passes took it (a batch of due texts a pass)."""
    ctx.db.clock.advance(hours=1, minutes=1)  # type: ignore[attr-defined]
    for _ in range(30):
        _pass(qtbot, window)
        text = data.read(ctx, lambda orm: orm.get(OutboxMessage, text_id))
        if text.status != OutboxStatus.PENDING:
            break
    return text


def test_a_waiting_text_to_a_client_who_withdrew_consent_is_withdrawn_with_why(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    client_id, booking_id = _client_with_a_booking_soon(demo_ctx, sms_standin.base_url)
    text_id = waiting_text(demo_ctx, booking_id)
    window = open_window(demo_ctx, "reception")

    # The client rings: no more messages. The receptionist unticks consent in their form.
    def no_messages(w: Any) -> None:
        box = field(w, "Notifications", QCheckBox)
        assert box.text() == "May be sent notifications" and box.isChecked()
        tick(box, False)
        press(w, "Save")

    _edit_client(qtbot, window, client_id, no_messages)
    client = data.read(demo_ctx, lambda orm: orm.get(Client, client_id))
    assert client.notify_consent is False and client.sms_opt_out is False
    texted = _texted(sms_standin)

    text = _after_its_moment(qtbot, demo_ctx, window, text_id)
    assert (text.status, text.status_reason) == (
        OutboxStatus.WITHDRAWN, withdrawal.TEXT_CONSENT_WITHDRAWN)  # fmt: skip
    assert _texted(sms_standin) == texted, "it was sent"
    audited = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "outbox.withdraw"))))  # fmt: skip
    assert {"messages": [text_id], "why": withdrawal.TEXT_CONSENT_WITHDRAWN} in audited

    from_menu(window, "Tools", "Outbox and alerts")
    view = outbox_view(window)
    shown: dict[OutboxFilter, list[int]] = {}
    for tab, which in (("Withdrawn", OutboxFilter.WITHDRAWN), ("Skipped", OutboxFilter.SKIPPED)):
        open_tab(view.tabs, tab)
        page = view.lists[which]
        shown[which] = [page.model.row(i).id for i in range(page.model.rowCount())]
    assert text_id in shown[OutboxFilter.WITHDRAWN] and text_id not in shown[OutboxFilter.SKIPPED]
    why = next(page_row.why for page_row in view.lists[OutboxFilter.WITHDRAWN].model.rows()
               if page_row.id == text_id)  # fmt: skip
    assert why == withdrawal.TEXT_CONSENT_WITHDRAWN


def test_a_waiting_text_is_withdrawn_when_the_client_changed_their_mobile_number(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sms_standin: SmsStandIn
) -> None:
    from PySide6.QtWidgets import QLineEdit

    from tests.ui.flows.driver import type_into

    client_id, booking_id = _client_with_a_booking_soon(demo_ctx, sms_standin.base_url)
    text_id = waiting_text(demo_ctx, booking_id)
    window = open_window(demo_ctx, "reception")

    # The client rings with a new mobile: the receptionist types it into their form.
    def new_number(w: Any) -> None:
        type_into(qtbot, field(w, "Phone", QLineEdit), "0412 999 888")
        press(w, "Save")

    _edit_client(qtbot, window, client_id, new_number)
    assert data.read(demo_ctx, lambda orm: orm.get(Client, client_id).phone) == "0412 999 888"
    texted = _texted(sms_standin)

    text = _after_its_moment(qtbot, demo_ctx, window, text_id)
    # Not to the old number (someone else's phone by now): withdrawn, with why.
    assert (text.status, text.status_reason) == (
        OutboxStatus.WITHDRAWN, withdrawal.TEXT_NUMBER_CHANGED)  # fmt: skip
    assert _texted(sms_standin) == texted, "it was sent to the old number"
