"""The Replies queue walked through the real window: the badge counts the replies that need a
person, Tools ▸ Text replies… opens the queue, Undo takes back a confirmation made by text, Cancel
booking… opens the cancel wizard filled in from the reply (its received time is the notice), and
Mark handled clears an unmatched reply."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDockWidget, QLabel, QPlainTextEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import SYSTEM_ACTOR
from app.models import Booking, Cancellation, Client, OutboxMessage, SmsReply
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services.sms.replies import handle_new
from app.ui.sms.replies_panel import RepliesBadge, RepliesView
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    finish,
    from_context_menu,
    from_menu,
    next_page,
    press,
    press_default,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_undo_dna import undo_with
from tests.ui.flows.test_flow_undo_refilled_place import _text_c

NUMBER = "+61499000123"


def _prepare(ctx: AppContext, session_id: int) -> dict[str, int]:
    """A reminder went to the session's client yesterday; three replies came in, then were
    handled as the outbox loop hands them over."""
    now = ctx.db.clock()

    def add(uow: Any) -> dict[str, int]:
        booking = uow.session.scalar(select(Booking).where(
            Booking.session_id == session_id, Booking.status == BookingStatus.BOOKED))  # fmt: skip
        uow.session.get(Client, booking.client_id).phone = "0499 000 123"
        uow.session.add(OutboxMessage(
            channel=OutboxChannel.SMS, topic="reminder", idempotency_key="flow-reminder",
            session_id=session_id, client_id=booking.client_id, recipient=NUMBER, subject="",
            payload={"body": "Reminder", "booking_id": booking.id, "offer_id": None,
                     "rule_id": None},
            status=OutboxStatus.SENT, created_at=now - timedelta(days=1),
            sent_at=now - timedelta(days=1)))  # fmt: skip
        ids = {}
        for key, number, body, minutes in (
            ("yes", NUMBER, "Y", 30),
            ("ask", NUMBER, "Can I come an hour later instead?", 20),
            ("stranger", "+61411111111", "Who is this?", 10),
        ):
            row = SmsReply(gateway_id=f"flow-{key}", from_number=number, body=body,
                           received_at=now - timedelta(minutes=minutes), outcome="new")  # fmt: skip
            uow.session.add(row)
            uow.session.flush()
            ids[key] = row.id
        ids["booking"] = booking.id
        return ids

    with ctx.db.write(SYSTEM_ACTOR) as uow:
        ids = add(uow)
    with ctx.db.write(SYSTEM_ACTOR) as uow:
        handle_new(uow)
    return ids


def _outcome(ctx: AppContext, reply_id: int) -> str:
    return data.read(ctx, lambda orm: orm.get(SmsReply, reply_id).outcome)


def test_the_replies_queue_through_the_menu_and_its_buttons(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    sid = data.future_individual(demo_ctx)
    ids = _prepare(demo_ctx, sid)
    assert _outcome(demo_ctx, ids["yes"]) == "confirmed"
    window = open_window(demo_ctx, "manager")
    [badge] = window.findChildren(RepliesBadge)
    assert badge.isVisible() and badge.count() == 2

    from_menu(window, "Tools", "Text replies…")
    dock = window.findChild(QDockWidget, "repliesDock")
    assert dock.isVisible()
    [view] = window.findChildren(RepliesView)
    shown = [view.model.row(i) for i in range(view.model.rowCount())]
    assert [(r.id, r.outcome) for r in shown] == [
        (ids["stranger"], "queued"), (ids["ask"], "queued"), (ids["yes"], "confirmed")]  # fmt: skip
    assert shown[0].note.startswith("No reminder or offer was sent to this number")
    window.grab().save(str(tmp_path / "replies.png"))

    # Undo the confirmation the "Y" made by itself.
    assert view.select_reply(ids["yes"]) and view.undo_button.isEnabled()
    assert not view.cancel_button.isEnabled()  # nothing to cancel from an automatic change
    asked: list[str] = []

    def keep(w: Any) -> None:
        asked.append(w.findChild(QLabel, "confirmQuestion").text())
        press_default(w)  # Enter keeps the confirmation

    with dialogs(keep):
        press(view, "Undo")
    assert asked and "confirmation by text?" in asked[0]
    assert _outcome(demo_ctx, ids["yes"]) == "confirmed"
    with dialogs(lambda w: press(w, "Take back")):
        press(view, "Undo")
    confirmed = data.read(demo_ctx, lambda orm: orm.get(Booking, ids["booking"]).confirmed_at)
    assert confirmed is None and _outcome(demo_ctx, ids["yes"]) == "undone"

    # The question: the booking it is about opens on the schedule.
    assert view.select_reply(ids["ask"])
    press(view, "Open booking")
    qtbot.waitUntil(lambda: window.selected == sid, timeout=3000)
    # It is a cancellation after all: the wizard opens filled in from the reply.
    assert view.select_reply(ids["ask"])
    received = data.read(demo_ctx, lambda orm: orm.get(SmsReply, ids["ask"]).received_at)
    seen_note: list[str] = []

    def cancel_in_wizard(w: Any) -> None:
        press(w, "The client")
        next_page(w)
        seen_note.append(field(w, "Note", QPlainTextEdit).toPlainText())
        choose(field(w, "Reason"), "Health")
        next_page(w)
        finish(w)

    with dialogs(cancel_in_wizard):
        press(view, "Cancel booking…")
    assert seen_note and "Can I come an hour later instead?" in seen_note[0]
    cancellation = data.read(demo_ctx, lambda orm: orm.scalar(
        select(Cancellation).where(Cancellation.session_id == sid)))  # fmt: skip
    assert cancellation.advised_at == received
    assert "Can I come an hour later instead?" in cancellation.note
    assert data.booking_statuses(demo_ctx, sid) and set(
        data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}  # fmt: skip
    assert _outcome(demo_ctx, ids["ask"]) == "handled"

    # The stranger's text: nothing to cancel; staff mark it handled.
    assert view.select_reply(ids["stranger"]) and not view.cancel_button.isEnabled()
    press(view, "Mark handled")
    assert _outcome(demo_ctx, ids["stranger"]) == "handled"
    assert not badge.isVisible() and view.model.rowCount() == 0

    # Another desk's outbox took in a reply meanwhile: this desk's badge shows it after its
    # own outbox pass.
    dock.hide()
    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:
        uow.session.add(SmsReply(gateway_id="flow-elsewhere", from_number="+61422222222",
                                 body="Hello?", received_at=demo_ctx.db.clock(),
                                 outcome="queued"))  # fmt: skip
    window.installed.outbox.pump.run_now()
    qtbot.waitUntil(lambda: badge.isVisible() and badge.count() == 1, timeout=3000)


def test_the_freed_slot_shows_who_it_was_offered_to(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    from app.models import WaitlistEntry, WaitlistOffer
    from tests.ui.flows.driver import click_session

    sid = data.future_individual(demo_ctx)
    now = demo_ctx.db.clock()

    def offer(uow: Any) -> list[str]:
        clients = list(uow.session.scalars(select(Client).order_by(Client.id).limit(2)))
        for position, client in enumerate(clients):
            entry = WaitlistEntry(client_id=client.id, created_at=now)
            uow.session.add(entry)
            uow.session.flush()
            uow.session.add(WaitlistOffer(
                session_id=sid, waitlist_entry_id=entry.id, client_id=client.id,
                position=position, status="sent" if position == 0 else "waiting", created_at=now,
                send_at=now + timedelta(minutes=15 * position),
                sent_at=now if position == 0 else None))  # fmt: skip
        return [c.display_name for c in clients]

    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:
        first, second = offer(uow)
    window = open_window(demo_ctx, "reception")
    click_session(qtbot, window, sid)
    expected = f"Offered to 2 clients: {first} (sent 10:00), {second} (waiting)"
    qtbot.waitUntil(lambda: expected in window.details_panel.plain_text(), timeout=3000)
    window.details_panel.grab().save(str(tmp_path / "offers.png"))


def test_undo_on_a_text_cancellation_undone_at_the_desk_leaves_a_later_cancellation_alone(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    reply_id, client = _text_c(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    # The client rang: still coming. Undone on the schedule, then they rang again, unwell.
    with dialogs(undo_with(qtbot, "Rang, still coming")):
        from_context_menu(window, sid, "Undo cancellation…")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    assert data.booking_statuses(demo_ctx, sid)[client] == BookingStatus.CANCELLED

    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    assert view.select_reply(reply_id)
    with dialogs():  # nothing to ask: the text's own cancellation is undone already
        press(view, "Undo")
    shown = view.findChild(QLabel, "repliesError")
    assert shown.isVisible() and shown.text() == "This cancellation was already undone."
    assert data.booking_statuses(demo_ctx, sid)[client] == BookingStatus.CANCELLED
    phoned = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Cancellation).where(Cancellation.session_id == sid)
        .order_by(Cancellation.id.desc())).first())  # fmt: skip
    assert phoned.undone_at is None and phoned.note == ""
    assert _outcome(demo_ctx, reply_id) == "cancelled"


def test_the_replies_panel_leaves_the_schedule_most_of_a_small_screen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    window.resize(1366, 768)
    from_menu(window, "Tools", "Text replies…")
    dock = window.findChild(QDockWidget, "repliesDock")
    qtbot.waitUntil(dock.isVisible, timeout=3000)
    # Its hint, a few replies and its buttons: the schedule above keeps the rest.
    assert dock.height() <= window.height() * 36 // 100, (dock.height(), window.height())
    assert window.view.height() >= window.height() // 3


def test_a_long_reply_reads_whole_under_the_queue_once_clicked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """A client's reply of several sentences: its cell shows the start, and clicking its row
    shows all of it under the table, to read without hovering."""
    from PySide6.QtCore import Qt

    body = ("Hi, this is about Thursday. My daughter has a school excursion that runs late and "
            "the bus only gets back at four, so we cannot make the 3:30 appointment. Could we "
            "move it to the following week at the same time, or any afternoon after 4:30? "
            "Sorry for the short notice, and thank you.")  # fmt: skip
    with demo_ctx.db.write(SYSTEM_ACTOR) as uow:
        uow.session.add(SmsReply(gateway_id="flow-long", from_number="+61433333333", body=body,
                                 received_at=demo_ctx.db.clock(), outcome="queued"))  # fmt: skip
    window = open_window(demo_ctx, "reception")
    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1, timeout=3000)
    assert not view.reading.isVisible()  # nothing chosen yet
    cell = view.table.visualRect(view.proxy.index(0, 3)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert field(view, "Chosen reply", QLabel).text().endswith(f": {body}")
    assert field(view, "Chosen reply", QLabel).text().startswith("+61433333333, ")
    # The cell keeps to a third of the table: the reply's status stays in sight beside it.
    status = view.table.visualRect(view.proxy.index(0, 4))
    assert status.right() <= view.table.viewport().width(), "the Status column is off the table"
