"""Undo never overfills a class, walked through the window: a receptionist cancels a client's
place in a full group and books the freed place from the waitlist; the manager then opens
Undo cancellation… on the session: it is greyed, saying the session is full again and who
took the place. When another desk booked the place after this desk showed it, the dialog
says so before anything is written; Undo stays greyed there and nothing changes.

The same through the Replies queue: a client's text "C" freed a place a waiting client took;
Undo on the queue says so instead of asking, and the client stays cancelled."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QDockWidget, QLabel
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import (
    AuditEvent,
    Booking,
    Cancellation,
    Client,
    OutboxMessage,
    Session,
    SmsReply,
    WaitlistEntry,
)
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services.setup.waitlist import book_from_waitlist
from app.services.sms.replies import handle_new
from app.ui.sms.replies_panel import RepliesView
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    dialogs,
    errors,
    from_context_menu,
    from_menu,
    menu_action,
    press,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel

FULL = "This session is full again: {name} took the freed place. Cancel or move a booking first, then undo."


def _waiting_client(ctx: AppContext, session_id: int) -> tuple[int, str]:
    """A client free at the session's time waits for any place (the only one waiting)."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        for entry in uow.session.scalars(select(WaitlistEntry)):
            entry.active = False
        s = uow.session.get(Session, session_id)
        busy = set(uow.session.scalars(
            select(Booking.client_id).join(Session)
            .where(Session.starts_at < s.ends_at, Session.ends_at > s.starts_at)))  # fmt: skip
        client = next(c for c in uow.session.scalars(select(Client).order_by(Client.id))
                      if c.id not in busy and c.active)  # fmt: skip
        uow.session.add(WaitlistEntry(
            client_id=client.id, weekdays=127, earliest_minute=0, latest_minute=24 * 60,
            note="", created_at=now - timedelta(days=30), active=True))  # fmt: skip
        return client.id, client.display_name


def _unchanged(ctx: AppContext, sid: int, name: str) -> None:
    assert data.booking_statuses(ctx, sid)[name] == BookingStatus.CANCELLED
    undone = data.read(ctx, lambda orm: list(orm.scalars(
        select(Cancellation.undone_at).where(Cancellation.session_id == sid))))  # fmt: skip
    assert undone == [None]
    assert data.count(ctx, AuditEvent, AuditEvent.action == "session.undo_cancellation",
                      AuditEvent.session_id == sid) == 0  # fmt: skip


def test_undo_is_greyed_with_who_took_the_freed_place(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    _client, waiting = _waiting_client(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health", clients=(names[0],)),
                 lambda w: press(w, "Book selected client"),
                 lambda box: press(box, "OK")):  # fmt: skip
        from_context_menu(window, sid, "Cancel…")
    assert data.booking_statuses(demo_ctx, sid)[waiting] == BookingStatus.BOOKED

    undo = menu_action(window, sid, "Undo cancellation…")
    assert not undo.isEnabled() and undo.toolTip() == FULL.format(name=waiting)
    _unchanged(demo_ctx, sid, names[0])


def test_the_undo_dialog_says_who_took_the_place_when_another_desk_booked_it_meanwhile(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    client, waiting = _waiting_client(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    window.loader.stop_polling()  # this desk still shows the place free when Undo is chosen
    with dialogs(client_cancel(qtbot, "Health", clients=(names[0],)),
                 lambda w: press(w, "Not now")):  # fmt: skip
        from_context_menu(window, sid, "Cancel…")
    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:  # another desk books the freed place
        entry = uow.session.scalar(select(WaitlistEntry.id).where(
            WaitlistEntry.client_id == client, WaitlistEntry.active.is_(True)))  # fmt: skip
        book_from_waitlist(uow, sid, entry)

    seen: list[Any] = []

    def refused(w: Any) -> None:
        seen.append(errors(w))
        seen.append(button(w, "Undo cancellation").isEnabled())
        press(w, "Cancel")

    with dialogs(refused):
        from_context_menu(window, sid, "Undo cancellation…")
    assert seen == [[FULL.format(name=waiting)], False]
    _unchanged(demo_ctx, sid, names[0])


def _text_c(ctx: AppContext, sid: int) -> tuple[int, str]:
    """A reminder went to the class's first client yesterday; their "C" came back and was
    handled as the outbox loop hands replies over. The reply's id and the client's name."""
    now = ctx.db.clock()
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        booking = uow.session.scalar(select(Booking).where(
            Booking.session_id == sid, Booking.status == BookingStatus.BOOKED)
            .order_by(Booking.id))  # fmt: skip
        client = uow.session.get(Client, booking.client_id)
        client.phone = "0499 000 123"
        uow.session.add(OutboxMessage(
            channel=OutboxChannel.SMS, topic="reminder", idempotency_key="flow-undo-full",
            session_id=sid, client_id=client.id, recipient="+61499000123", subject="",
            payload={"body": "Reminder", "booking_id": booking.id, "offer_id": None,
                     "rule_id": None},
            status=OutboxStatus.SENT, created_at=now - timedelta(days=1),
            sent_at=now - timedelta(days=1)))  # fmt: skip
        reply = SmsReply(gateway_id="flow-undo-full-c", from_number="+61499000123", body="C",
                         received_at=now - timedelta(minutes=20), outcome="new")  # fmt: skip
        uow.session.add(reply)
        uow.session.flush()
        reply_id, name = reply.id, client.display_name
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        handle_new(uow)
    return reply_id, name


def test_the_replies_queue_says_who_took_the_place_instead_of_asking(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    client, waiting = _waiting_client(demo_ctx, sid)
    reply_id, cancelled = _text_c(demo_ctx, sid)
    assert data.booking_statuses(demo_ctx, sid)[cancelled] == BookingStatus.CANCELLED
    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:  # the freed place booked at another desk
        entry = uow.session.scalar(select(WaitlistEntry.id).where(
            WaitlistEntry.client_id == client, WaitlistEntry.active.is_(True)))  # fmt: skip
    window = open_window(demo_ctx, "manager")
    window.desk.write(lambda uow: book_from_waitlist(uow, sid, entry))

    from_menu(window, "Tools", "Text replies…")
    assert window.findChild(QDockWidget, "repliesDock").isVisible()
    [view] = window.findChildren(RepliesView)
    assert view.select_reply(reply_id) and view.undo_button.isEnabled()
    with dialogs():  # no question: the refusal comes first
        press(view, "Undo")
    shown = view.findChild(QLabel, "repliesError")
    assert shown.isVisible() and shown.text() == FULL.format(name=waiting)
    _unchanged(demo_ctx, sid, cancelled)
    assert data.read(demo_ctx, lambda orm: orm.get(SmsReply, reply_id).outcome) == "cancelled"
