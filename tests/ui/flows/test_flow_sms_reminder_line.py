"""The session's details say under each client where their reminder stands ("Reminder queued for
Wed 01 Apr 2026 11:00"), in the practice's language like the lines around it: clicked on the
schedule with a translation installed, the line is the translated one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app import i18n
from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import Booking, OutboxMessage, ReminderRule
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services.sms.reminder_withdrawal import reminder_key
from tests.ui.flows import data
from tests.ui.flows.driver import click_session


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_translator(lambda _context, text, *_: i18n.pseudo_text(text))
    yield
    i18n.set_translator(None)


def _queued_reminder(ctx: AppContext, sid: int) -> None:
    """A text reminder for the session's booked client, waiting to go in an hour."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        booking = uow.session.scalar(select(Booking).where(
            Booking.session_id == sid, Booking.status == BookingStatus.BOOKED))  # fmt: skip
        rule = ReminderRule(name="Before", channel="sms", hours_before=2, template="Hi",
                            active=True, created_at=now)  # fmt: skip
        uow.session.add(rule)
        uow.session.flush()
        uow.session.add(OutboxMessage(
            channel=OutboxChannel.SMS, topic="reminder", session_id=sid,
            idempotency_key=reminder_key(rule.id, booking.id, booking.session.starts_at),
            client_id=booking.client_id, recipient="+61412000040", subject="",
            payload={"body": "Reminder", "booking_id": booking.id, "offer_id": None,
                     "rule_id": rule.id},
            status=OutboxStatus.PENDING, status_reason="", created_at=now,
            next_attempt_at=now + timedelta(hours=1)))  # fmt: skip


def test_the_reminder_line_of_a_booking_is_in_the_practice_language(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, pseudo: None
) -> None:
    sid = data.future_individual(demo_ctx)
    _queued_reminder(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    qtbot.waitUntil(
        lambda: "Reminder queued for" in window.details_panel.plain_text(), timeout=3000
    )
    text = window.details_panel.plain_text()
    line = next(part for part in text.splitlines() if "Reminder queued for" in part)
    assert "[!! Reminder queued for " in line and line.rstrip().endswith("!!]"), line


def test_a_cancelled_place_is_not_said_to_have_a_reminder_queued(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Cancelled at the desk, the client's place no longer shows the reminder waiting for it (the
    outbox's next pass withdraws it): the details say the booking is cancelled, nothing more."""
    from tests.ui.flows.driver import dialogs, from_context_menu
    from tests.ui.flows.test_flow_client_cancel import client_cancel

    sid = data.future_individual(demo_ctx)
    _queued_reminder(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    qtbot.waitUntil(
        lambda: "Reminder queued for" in window.details_panel.plain_text(), timeout=3000
    )
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}
    click_session(qtbot, window, sid)
    qtbot.waitUntil(
        lambda: "Cancellation history" in window.details_panel.plain_text(), timeout=3000
    )
    assert "Reminder queued for" not in window.details_panel.plain_text()
