"""A cancelled place's reminder is withdrawn by the cancellation itself: one client of a group
cancels at the desk, and at once (no outbox pass in between) their waiting reminder is in the
outbox's Withdrawn list with why, not in Waiting; the others' reminders still wait, and the
session's details say "Reminder queued for …" only under the clients still booked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import AuditEvent, Booking, OutboxMessage, ReminderRule
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services.outbox import OutboxFilter
from app.services.sms.reminder_withdrawal import BOOKING_GONE, reminder_key
from tests.ui.flows import data
from tests.ui.flows.driver import click_session, dialogs, from_context_menu, from_menu, open_tab
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_outbox import outbox_view


def queued_reminders(ctx: AppContext, sid: int) -> dict[str, int]:
    """A text reminder for each booked client of the session, waiting to go in an hour (under a
    rule of its own, so the outbox's pass keeps them): client name → message id."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        rule = ReminderRule(name="Before", channel="sms", hours_before=2, template="Hi",
                            active=True, created_at=now)  # fmt: skip
        uow.session.add(rule)
        uow.session.flush()
        made: dict[str, OutboxMessage] = {}
        for b in uow.session.scalars(select(Booking).where(
                Booking.session_id == sid, Booking.status == BookingStatus.BOOKED)):  # fmt: skip
            made[b.client.display_name] = row = OutboxMessage(
                channel=OutboxChannel.SMS, topic="reminder", session_id=sid,
                idempotency_key=reminder_key(rule.id, b.id, b.session.starts_at),
                client_id=b.client_id, recipient=f"+614120000{b.id % 100:02d}", subject="",
                payload={"body": "Reminder", "booking_id": b.id, "offer_id": None,
                         "rule_id": rule.id},
                status=OutboxStatus.PENDING, status_reason="", created_at=now,
                next_attempt_at=now + timedelta(hours=1))  # fmt: skip
            uow.session.add(row)
        uow.session.flush()
        return {name: row.id for name, row in made.items()}


def listed(window: Any, tab: str, which: OutboxFilter) -> list[int]:
    """The open outbox's tab `tab` clicked: the message ids its list shows."""
    view = outbox_view(window)
    open_tab(view.tabs, tab)
    shown = view.lists[which]
    return [shown.model.row(i).id for i in range(shown.model.rowCount())]


def test_a_client_cancelling_a_group_place_withdraws_their_waiting_reminder_at_once(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    reminders = queued_reminders(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    # The outbox's pass (which withdraws stale reminders too) does not run from here on: what is
    # withdrawn, the cancellation withdrew itself.
    window.installed.outbox.pump.stop()

    with dialogs(client_cancel(qtbot, "Family", clients=(names[1],))):
        from_context_menu(window, sid, "Cancel…")

    assert data.booking_statuses(demo_ctx, sid)[names[1]] == BookingStatus.CANCELLED
    rows = data.read(demo_ctx, lambda orm: {
        name: orm.get(OutboxMessage, mid) for name, mid in reminders.items()})  # fmt: skip
    gone = rows.pop(names[1])
    assert (gone.status, gone.status_reason, gone.next_attempt_at) == (
        OutboxStatus.WITHDRAWN, BOOKING_GONE, None)  # fmt: skip
    assert {r.status for r in rows.values()} == {OutboxStatus.PENDING}  # the others still wait
    # Any other reminder of that place (the demo practice's own rules) went with it, in one audit.
    theirs = data.read(demo_ctx, lambda orm: list(orm.scalars(select(OutboxMessage).where(
        OutboxMessage.session_id == sid, OutboxMessage.client_id == gone.client_id,
        OutboxMessage.topic == "reminder"))))  # fmt: skip
    assert {(r.status, r.status_reason) for r in theirs} == {(OutboxStatus.WITHDRAWN, BOOKING_GONE)}
    audited = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "outbox.withdraw"))))  # fmt: skip
    assert {"messages": sorted(r.id for r in theirs), "why": BOOKING_GONE} in audited

    from_menu(window, "Tools", "Outbox and alerts")
    waiting = listed(window, "Pending", OutboxFilter.PENDING)
    assert gone.id not in waiting and {r.id for r in rows.values()} <= set(waiting)
    assert gone.id in listed(window, "Withdrawn", OutboxFilter.WITHDRAWN)
    click_session(qtbot, window, sid)
    qtbot.waitUntil(
        lambda: "Cancellation history" in window.details_panel.plain_text(), timeout=3000
    )
    text = window.details_panel.plain_text()
    assert text.count("Reminder queued for") == len(rows), text
