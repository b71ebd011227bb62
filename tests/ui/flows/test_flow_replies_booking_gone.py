"""A client's text waits on the Replies queue while the desk cancels that client's booking by
phone: pressing Cancel booking… on the reply then says the booking is already cancelled and opens
no cancel wizard, so another client of the group (or one booked into the freed place) is never
cancelled in their name."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import Booking, Client, SmsReply
from app.models.enums import BookingStatus
from app.services.desk import open_desk
from app.services.dto import CancelRequest
from app.services.sessions.cancel import cancel, reasons_for
from app.services.vocabulary import CancelledBy
from app.ui.sms.replies_panel import RepliesView
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, finish, from_menu, next_page, press
from tests.ui.flows.test_flow_changed_at_another_desk import _booking_of


def _queued_reply(ctx: AppContext, booking_id: int) -> int:
    """The client texted something the desk could not act on by itself: it waits for staff."""

    def add(uow: Any) -> int:
        booking = uow.session.get(Booking, booking_id)
        number = uow.session.get(Client, booking.client_id).phone or "+61499000123"
        row = SmsReply(gateway_id="flow-gone", from_number=number,
                       body="Car broke down, can't make it today, sorry!",
                       received_at=uow.now() - timedelta(minutes=20), outcome="queued",
                       booking_id=booking_id)  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return int(row.id)

    with ctx.db.write(SYSTEM_ACTOR) as uow:
        return add(uow)


def test_cancel_booking_on_a_reply_whose_booking_was_cancelled_meanwhile_cancels_no_one_else(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    first, *others = data.booking_statuses(demo_ctx, sid)
    booking = _booking_of(demo_ctx, sid, first)
    reply_id = _queued_reply(demo_ctx, booking)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)

    # Meanwhile the client rang, and another desk cancelled their booking.
    def other(uow: Any) -> object:
        reason = reasons_for(uow, CancelledBy.CLIENT)[0][0]
        return cancel(uow, CancelRequest(sid, CancelledBy.CLIENT, uow.now(), reason,
                                         booking_ids=(booking,)))  # fmt: skip

    open_desk(demo_ctx.db, "reception").write(other)
    assert view.select_reply(reply_id) and view.cancel_button.isEnabled()
    with dialogs():  # no cancel wizard opens
        press(view, "Cancel booking…")
    assert view.error.isVisible()
    said = view.error.text()
    assert said.startswith(f"{first}'s booking was already cancelled"), said
    assert "Mark handled" in said, said
    statuses = data.booking_statuses(demo_ctx, sid)
    assert all(statuses[name] == BookingStatus.BOOKED for name in others), statuses
    outcome = data.read(demo_ctx, lambda orm: orm.get(SmsReply, reply_id).outcome)
    assert outcome == "queued"
    press(view, "Mark handled")
    assert data.read(demo_ctx, lambda orm: orm.get(SmsReply, reply_id).outcome) == "handled"
    assert data.read(demo_ctx, lambda orm: orm.scalar(select(Booking.status).where(
        Booking.id == booking))) == BookingStatus.CANCELLED  # fmt: skip


def test_a_reply_cancelled_at_another_desk_while_its_wizard_is_open_is_not_reopened_on_others(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    first, *others = data.booking_statuses(demo_ctx, sid)
    booking = _booking_of(demo_ctx, sid, first)
    reply_id = _queued_reply(demo_ctx, booking)
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    told: list[str] = []

    def stale(w: Any) -> None:
        press(w, "The client")
        next_page(w)  # the reply's client, ticked
        next_page(w)
        choose(field(w, "Reason"), "Health")
        next_page(w)

        def other(uow: Any) -> object:  # the client rang another desk meanwhile
            reason = reasons_for(uow, CancelledBy.CLIENT)[0][0]
            return cancel(uow, CancelRequest(sid, CancelledBy.CLIENT, uow.now(), reason,
                                             booking_ids=(booking,)))  # fmt: skip

        open_desk(demo_ctx.db, "reception").write(other)
        finish(w)

    def said(box: Any) -> None:
        assert isinstance(box, QMessageBox), type(box).__name__
        told.append(box.text())
        press(box, "OK")

    assert view.select_reply(reply_id)
    with dialogs(stale, said, said):
        press(view, "Cancel booking…")
    assert told[0].startswith("This session was changed at another desk"), told
    assert told[1].startswith("The client who sent this text is no longer booked"), told
    statuses = data.booking_statuses(demo_ctx, sid)
    assert all(statuses[name] == BookingStatus.BOOKED for name in others), statuses
    assert data.read(demo_ctx, lambda orm: orm.get(SmsReply, reply_id).outcome) == "queued"
