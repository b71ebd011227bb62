"""The outbox walked through the real window: an undo inside the grace period withdraws the
cancellation e-mail (no “booking is back” follows), and a manual integration's to-do appears in
the outbox list at once, naming the client, the session, its time and what to change."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit, QTableView
from sqlalchemy import select
from sqlalchemy.orm import Session as Orm
from sqlalchemy.orm import selectinload

from app.bootstrap import AppContext
from app.models import Booking, OutboxMessage, Session
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus, SessionKind, SessionStatus
from app.services.outbox import OutboxFilter
from app.services.outbox.templates import render
from app.services.sms.reminder_state import TOPIC as REMINDER
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    open_tab,
    press,
    type_into,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_undo_dna import undo_with


def reachable_session(ctx: AppContext) -> tuple[int, str]:
    """A one-client session later this week whose client can be e-mailed; its id and client."""

    def pick(orm: Orm) -> tuple[int, str]:
        now = ctx.db.clock()
        rows = orm.scalars(
            select(Session)
            .where(Session.status == SessionStatus.ROSTERED, Session.series_id.is_(None))
            .where(Session.kind == SessionKind.INDIVIDUAL)
            .where(Session.starts_at.between(now + timedelta(hours=3), now + timedelta(days=4)))
            .options(selectinload(Session.bookings).selectinload(Booking.client))
            .order_by(Session.starts_at, Session.id)
        )
        for s in rows:
            booked = [b for b in s.bookings if b.status == BookingStatus.BOOKED]
            if len(booked) == 1 and booked[0].client.email and booked[0].client.notify_consent:
                return s.id, booked[0].client.display_name
        raise AssertionError("the demo practice has no session with a client to e-mail")

    return data.read(ctx, pick)


def emails_about(ctx: AppContext, session_id: int) -> list[OutboxMessage]:
    """The e-mails the desk's changes to a session wrote (its reminders are the rules' own)."""
    return data.read(ctx, lambda orm: list(orm.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.session_id == session_id, OutboxMessage.channel == OutboxChannel.EMAIL)
        .where(OutboxMessage.topic != REMINDER)
        .order_by(OutboxMessage.id))))  # fmt: skip


def test_an_undo_inside_the_grace_period_withdraws_the_cancellation_email(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    [notice] = emails_about(demo_ctx, sid)
    assert (notice.topic, notice.status) == ("cancel", OutboxStatus.PENDING)
    demo_ctx.db.clock.advance(minutes=1)  # type: ignore[attr-defined]  # still inside 3 minutes
    with dialogs(undo_with(qtbot, "Rang back straight away")):
        from_context_menu(window, sid, "Undo cancellation…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}
    [notice] = emails_about(demo_ctx, sid)  # and no “your booking is back” e-mail at all
    assert notice.status == OutboxStatus.WITHDRAWN
    assert notice.status_reason == "The cancellation was undone before this message went."
    # The desk sees it, with why, in the outbox's Withdrawn list.
    from_menu(window, "Tools", "Outbox and alerts")
    view = outbox_view(window)
    open_tab(view.tabs, "Withdrawn")
    withdrawn = view.lists[OutboxFilter.WITHDRAWN]
    rows = [withdrawn.model.row(i) for i in range(withdrawn.model.rowCount())]
    # Beside it, the cancelled booking's reminders the rules had queued, withdrawn too.
    assert [(r.id, r.why) for r in rows if r.topic != REMINDER] == [
        (notice.id, notice.status_reason)
    ]


def test_the_outbox_says_what_each_message_is_and_why_it_was_withdrawn_in_the_practice_language(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The reason is kept as the outbox's fixed sentence and shown through the catalogue, as
    the message's kind is: with a translation installed, both come out translated."""
    from app import i18n

    sid, _client = reachable_session(demo_ctx)
    i18n.set_translator(lambda _context, text, *_: i18n.pseudo_text(text))
    try:
        window = open_window(demo_ctx, "manager")
        with dialogs(client_cancel(qtbot, "Health")):
            from_context_menu(window, sid, "Cancel…")
        demo_ctx.db.clock.advance(minutes=1)  # type: ignore[attr-defined]
        with dialogs(undo_with(qtbot, "Rang back straight away")):
            from_context_menu(window, sid, "Undo cancellation…")
        [notice] = emails_about(demo_ctx, sid)
        assert notice.status == OutboxStatus.WITHDRAWN
        from_menu(window, "Tools", "Outbox and alerts")
        view = outbox_view(window)
        open_tab(view.tabs, "Withdrawn")
        withdrawn = view.lists[OutboxFilter.WITHDRAWN]
        rows = [withdrawn.model.row(i) for i in range(withdrawn.model.rowCount())]
        [row] = [r for r in rows if r.id == notice.id]
        assert row.why == "[!! The cancellation was undone before this message went. !!]"
        assert row.what == "[!! Email: {topic} !!]".format(topic="[!! cancellation notice !!]")
    finally:
        i18n.set_translator(None)


def outbox_view(window: Any) -> Any:
    """The outbox dock's lists, as the window holds them."""
    from app.ui.outbox.view import OutboxView

    [view] = window.findChildren(OutboxView)
    return view


def use_manual_integration(qtbot: Any, window: Any, name: str) -> None:
    """An administrator sets the practice's other system to Manual in Tools ▸ Settings."""

    def answer(w: Any) -> None:
        open_tab(w.tabs, "Integration")
        choose(field(w, "Other system"), "Manual (a to-do list)")
        type_into(qtbot, field(w, "Its name", QLineEdit), name)
        press(w, "Save")

    with dialogs(answer) as seen:
        from_menu(window, "Tools", "Settings")
        # The settings dialog is window-modal and does not block: wait until it was answered.
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)


def test_a_manual_to_do_shows_in_the_outbox_list_at_once_naming_client_session_and_time(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid, client = reachable_session(demo_ctx)
    when, service, worker = data.read(demo_ctx, lambda orm: described(orm, sid))
    window = open_window(demo_ctx, "admin")
    use_manual_integration(qtbot, window, "Cliniko")
    view = outbox_view(window)
    todos = view.lists[OutboxFilter.MANUAL]
    assert todos.model.rowCount() == 0
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    from_menu(window, "Tools", "Outbox and alerts")  # opened from the menu, not the badge
    assert view.tabs.tabText(view.tabs.indexOf(todos)) == "Manual to-dos (1)"
    assert todos.model.rowCount() == 1
    assert todos.model.row(0).why == (
        f"Cancel {when} {service} with {worker} for {client} in Cliniko, then tick it done here."
    )


def described(orm: Orm, session_id: int) -> tuple[str, str, str]:
    """A session's local start as a to-do names it ("Tue 7 Apr 09:00"), service and worker."""
    from zoneinfo import ZoneInfo

    from app.models import PracticeSettings

    session, settings = orm.get(Session, session_id), orm.get(PracticeSettings, 1)
    assert session is not None and settings is not None
    local = session.starts_at.astimezone(ZoneInfo(settings.time_zone))
    return f"{local:%a} {local.day} {local:%b %H:%M}", session.service.name, session.worker.name


def test_an_undo_withdraws_the_cancellation_email_the_mail_server_refused_so_retry_cannot_send_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    from tests.integration.outbox_helpers import free_port
    from tests.ui.flows.test_flow_off_gui_thread import _use_loopback_email

    sid, _client = reachable_session(demo_ctx)
    _use_loopback_email(demo_ctx, free_port())  # nothing listens there: tried once, failed
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    demo_ctx.db.clock.advance(minutes=4)  # type: ignore[attr-defined]  # the grace period is over
    window.installed.outbox.pump.run_now()  # type: ignore[attr-defined]
    [notice] = emails_about(demo_ctx, sid)
    assert (notice.topic, notice.status) == ("cancel", OutboxStatus.FAILED)
    with dialogs(undo_with(qtbot, "Rang back, still coming")):
        from_context_menu(window, sid, "Undo cancellation…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}
    # The booking is back: the refused notice would be untrue now, so it is no longer retried.
    [notice] = emails_about(demo_ctx, sid)  # and no “your booking is back” for an unheard notice
    assert (notice.status, notice.status_reason) == (
        OutboxStatus.WITHDRAWN,
        "The cancellation was undone before this message went.",
    )
    listed = _outbox_lists(window)
    assert notice.id not in listed[OutboxFilter.FAILED]
    assert notice.id in listed[OutboxFilter.WITHDRAWN]


def _refused(ctx: AppContext) -> bool:
    """Whether the sender's pass has refused a reminder e-mail yet."""
    return bool(data.count(ctx, OutboxMessage, OutboxMessage.topic == REMINDER,
                           OutboxMessage.status == OutboxStatus.FAILED))  # fmt: skip


def _refused_reminder(ctx: AppContext) -> tuple[int, int]:
    """A reminder e-mail the mail server refused, for the one client of a single session."""

    def pick(orm: Orm) -> tuple[int, int]:
        rows = orm.execute(
            select(OutboxMessage.id, Session.id)
            .join(Session, Session.id == OutboxMessage.session_id)
            .where(OutboxMessage.topic == REMINDER, OutboxMessage.status == OutboxStatus.FAILED)
            .where(OutboxMessage.channel == OutboxChannel.EMAIL, Session.series_id.is_(None))
            .where(Session.kind == SessionKind.INDIVIDUAL)
            .where(Session.starts_at > ctx.db.clock() + timedelta(hours=3))
            .order_by(Session.starts_at, OutboxMessage.id)
        ).first()
        assert rows is not None, "no reminder e-mail was refused"
        return int(rows[0]), int(rows[1])

    return data.read(ctx, pick)


def test_a_cancellation_withdraws_its_reminder_the_mail_server_refused_so_retry_cannot_send_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    from tests.integration.outbox_helpers import free_port
    from tests.ui.flows.test_flow_off_gui_thread import _use_loopback_email

    _use_loopback_email(demo_ctx, free_port())  # nothing listens there: tried once, failed
    window = open_window(demo_ctx, "manager")  # its first pass sends the reminders due
    qtbot.waitUntil(lambda: _refused(demo_ctx), timeout=15000)  # a slow machine's pass ends later
    reminder, sid = _refused_reminder(demo_ctx)
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.CANCELLED}
    gone = data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, reminder))
    assert (gone.status, gone.status_reason) == (
        OutboxStatus.WITHDRAWN,
        "The booking was cancelled or removed before the reminder went.",
    )
    assert reminder not in _outbox_lists(window)[OutboxFilter.FAILED]


def _reachable_client(ctx: AppContext, session_id: int) -> str:
    """A client of the session who can be e-mailed (their notice waits in the outbox)."""

    def pick(orm: Orm) -> str:
        session = orm.get(Session, session_id)
        assert session is not None
        return next(
            b.client.display_name
            for b in session.bookings
            if b.status == BookingStatus.BOOKED and b.client.email and b.client.notify_consent
        )

    return data.read(ctx, pick)


def test_a_place_refilled_in_the_grace_period_takes_the_fee_out_of_the_waiting_cancellation_email(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    from tests.ui.flows.test_flow_client_cancel import _wait_for_any_place

    sid = data.full_group(demo_ctx)
    leaving = _reachable_client(demo_ctx, sid)
    waiting = _wait_for_any_place(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    seen: list[str] = []

    def offer(w: Any) -> None:
        table = field(w, "Waiting clients who fit", QTableView)
        table.selectRow(0)
        press(w, "Book selected client")

    def refilled(box: Any) -> None:
        assert f"{leaving}'s cancellation charge of $" in box.text()
        press(box, "OK")

    with dialogs(client_cancel(qtbot, "Health", clients=(leaving,), seen=seen), offer, refilled):
        from_context_menu(window, sid, "Cancel…")
    assert "$" in seen[0]  # the review showed the short-notice fee
    assert data.booking_statuses(demo_ctx, sid)[waiting] == BookingStatus.BOOKED
    [notice] = [e for e in emails_about(demo_ctx, sid) if e.topic == "cancel"]
    assert notice.status == OutboxStatus.PENDING and notice.recipient
    # The charge was withdrawn before the e-mail went: it says the cancellation, not a fee.
    assert "fee" not in notice.payload
    assert "fee" not in render("cancel", notice.payload, with_reason=True).text.lower()


def _outbox_lists(window: Any) -> dict[Any, list[int]]:
    """Tools ▸ Outbox and alerts, its Failed tab open: each list's message ids as shown."""
    from_menu(window, "Tools", "Outbox and alerts")
    view = outbox_view(window)
    open_tab(view.tabs, "Failed")
    return {
        state: [shown.model.row(i).id for i in range(shown.model.rowCount())]
        for state, shown in view.lists.items()
    }


def test_a_place_refilled_after_the_fee_email_went_tells_the_client_the_fee_is_withdrawn(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """A client cancels a class place at short notice and the e-mail stating the fee goes; later
    the receptionist adds another client to the class (Ctrl+E): the fee is withdrawn, the desk
    says the client is told, and an e-mail tells them."""
    from tests.integration.outbox_helpers import SmtpSink
    from tests.ui.flows.driver import click_session, shortcut
    from tests.ui.flows.test_flow_edit_session import _another_client
    from tests.ui.flows.test_flow_edit_session_closes_offers import _add_client
    from tests.ui.flows.test_flow_off_gui_thread import _use_loopback_email

    sink = SmtpSink().start()
    try:
        _use_loopback_email(demo_ctx, sink.port)
        sid = data.full_group(demo_ctx)
        leaving = _reachable_client(demo_ctx, sid)
        _id, newcomer = _another_client(demo_ctx, sid)
        window = open_window(demo_ctx, "reception")
        seen: list[str] = []
        with dialogs(client_cancel(qtbot, "Health", clients=(leaving,), seen=seen)):
            from_context_menu(window, sid, "Cancel…")
        assert "$" in seen[0]  # the review showed the short-notice fee
        pump = window.installed.outbox.pump
        demo_ctx.db.clock.advance(minutes=3, seconds=1)  # type: ignore[attr-defined]
        pump.timer.timeout.emit()  # the sender's pass: the cancellation e-mail goes
        [notice] = [e for e in emails_about(demo_ctx, sid) if e.topic == "cancel"]
        assert notice.status == OutboxStatus.SENT, notice.last_error
        assert "fee" in notice.payload

        def mails_to_them() -> list[str]:
            return [m.get_body(("plain",)).get_content() for m in sink.messages
                    if m["To"] and notice.recipient in m["To"]]  # fmt: skip

        assert len(mails_to_them()) == 1

        told: list[str] = []

        def refilled(box: Any) -> None:
            told.append(box.text())
            press(box, "OK")

        click_session(qtbot, window, sid)
        with dialogs(_add_client(qtbot, newcomer), refilled):
            shortcut(qtbot, window, "Ctrl+E")
        assert told and f"{leaving}'s cancellation charge of $" in told[0], told
        assert "an e-mail now tells them it is withdrawn" in told[0]
        [follow] = [e for e in emails_about(demo_ctx, sid) if e.topic == "fee_withdrawn"]
        assert follow.status == OutboxStatus.PENDING and follow.recipient == notice.recipient
        # the amount the cancellation e-mail stated ("A cancellation fee of $46.82 applies: …")
        assert follow.payload["fee"].startswith("$")
        assert f"fee of {follow.payload['fee']} applies" in notice.payload["fee"]
        text = render("fee_withdrawn", follow.payload, with_reason=True).text
        assert f"the cancellation fee of {follow.payload['fee']}" in text
        assert "has been withdrawn" in text
        demo_ctx.db.clock.advance(minutes=3, seconds=1)  # type: ignore[attr-defined]
        pump.timer.timeout.emit()  # the next pass sends it
        assert data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, follow.id).status) == (
            OutboxStatus.SENT
        )
        mails = mails_to_them()
        assert len(mails) == 2 and "has been withdrawn" in mails[1], mails
    finally:
        sink.stop()


def test_the_outbox_opens_from_the_menu_on_what_waits_and_leaves_the_schedule_its_room(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    from PySide6.QtWidgets import QDockWidget

    window = open_window(demo_ctx, "manager")
    window.resize(1366, 768)
    view = outbox_view(window)
    from_menu(window, "Tools", "Outbox and alerts")
    pending = view.lists[OutboxFilter.PENDING]
    # Nothing failed and no to-do: the list a person wants is what waits to go, not an empty
    # Failed list.
    assert view.tabs.tabText(view.tabs.indexOf(view.lists[OutboxFilter.FAILED])) == "Failed"
    assert view.tabs.currentWidget() is pending and pending.model.rowCount() > 0
    dock = window.findChild(QDockWidget, "outboxDock")
    qtbot.waitUntil(dock.isVisible, timeout=3000)
    assert dock.height() <= window.height() * 2 // 5, (dock.height(), window.height())
    assert window.view.height() >= window.height() // 3
