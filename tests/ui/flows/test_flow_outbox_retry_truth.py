"""Retry in Tools ▸ Outbox and alerts never sends a client e-mail that is no longer true: a
failed notice whose cancellation was undone, whose client was booked again, whose session moved,
was cancelled or deleted, or whose client withdrew consent or their address, is withdrawn with
why (the desk is told, the Withdrawn list says it); a notice still true is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select, update
from sqlalchemy.orm import Session as Orm

from app.bootstrap import AppContext
from app.models import AuditEvent, Booking, Cancellation, Client, OutboxMessage, Session
from app.models.enums import BookingStatus, OutboxChannel, OutboxStatus
from app.services.outbox import OutboxFilter, withdrawal
from app.services.sms.reminder_state import TOPIC as REMINDER
from tests.integration.outbox_helpers import SmtpSink
from tests.ui.flows import data
from tests.ui.flows.driver import (
    dialogs,
    field,
    from_context_menu,
    from_menu,
    open_tab,
    press,
    type_date,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_off_gui_thread import _click_row, _use_loopback_email
from tests.ui.flows.test_flow_outbox import outbox_view, reachable_session


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A mail server on a loopback port, started only when a test says so."""
    server = SmtpSink()
    yield server
    server.stop()


def failed_email(ctx: AppContext, window: Any, session_id: int, topic: str) -> OutboxMessage:
    """The grace period passes, the sender's pass tries the e-mail, the server refuses it."""
    ctx.db.clock.advance(minutes=3, seconds=1)  # type: ignore[attr-defined]
    window.installed.outbox.pump.timer.timeout.emit()
    [mail] = data.read(ctx, lambda orm: list(orm.scalars(
        select(OutboxMessage).where(OutboxMessage.session_id == session_id,
                                    OutboxMessage.channel == OutboxChannel.EMAIL,
                                    OutboxMessage.topic == topic))))  # fmt: skip
    assert mail.status == OutboxStatus.FAILED, (mail.status, mail.last_error)
    return mail


def change(ctx: AppContext, fn: Callable[[Orm, OutboxMessage], None], mail: OutboxMessage) -> None:
    """What changed since, by a path that did not withdraw the e-mail."""
    with Orm(ctx.db.engine) as orm:
        row = orm.get(OutboxMessage, mail.id)
        assert row is not None
        fn(orm, row)
        orm.commit()


def the_booking(orm: Orm, row: OutboxMessage) -> Booking:
    return orm.scalars(select(Booking).where(Booking.session_id == row.session_id,
                                             Booking.client_id == row.client_id)).one()  # fmt: skip


def undone(orm: Orm, row: OutboxMessage) -> None:
    orm.execute(update(Cancellation).where(Cancellation.session_id == row.session_id)
                .values(undone_at=orm.get(Session, row.session_id).updated_at))  # type: ignore[union-attr]  # fmt: skip
    the_booking(orm, row).status = BookingStatus.BOOKED


def booked_again(orm: Orm, row: OutboxMessage) -> None:
    the_booking(orm, row).status = BookingStatus.BOOKED


def deleted(orm: Orm, row: OutboxMessage) -> None:
    row.session_id = None  # what a delete leaves: the message kept, no longer linked


def no_email(orm: Orm, row: OutboxMessage) -> None:
    orm.get(Client, row.client_id).email = None  # type: ignore[union-attr]


def no_consent(orm: Orm, row: OutboxMessage) -> None:
    orm.get(Client, row.client_id).notify_consent = False  # type: ignore[union-attr]


def moved_again(orm: Orm, row: OutboxMessage) -> None:
    session = orm.get(Session, row.session_id)
    assert session is not None
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)


def cancelled(orm: Orm, row: OutboxMessage) -> None:
    the_booking(orm, row).status = BookingStatus.CANCELLED


CANCEL_NOTICE: dict[str, tuple[Callable[[Orm, OutboxMessage], None], str]] = {
    "cancellation undone": (undone, withdrawal.UNDONE),
    "booked again": (booked_again, withdrawal.REBOOKED),
    "session deleted": (deleted, withdrawal.DELETED),
    "e-mail address removed": (no_email, withdrawal.CONSENT_WITHDRAWN),
    "consent withdrawn": (no_consent, withdrawal.CONSENT_WITHDRAWN),
}
NEW_TIME_NOTICE: dict[str, tuple[Callable[[Orm, OutboxMessage], None], str]] = {
    "moved again": (moved_again, withdrawal.MOVED),
    "cancelled since": (cancelled, withdrawal.CANCELLED_SINCE),
}


def retry(
    qtbot: Any, window: Any, mail: OutboxMessage, told: list[str] | None = None
) -> dict[Any, list[int]]:
    """Tools ▸ Outbox and alerts, Failed: click the message, press Retry, read what the desk is
    told (`told`: a message box is expected); then each list's message ids as shown."""
    from_menu(window, "Tools", "Outbox and alerts")
    view = outbox_view(window)
    open_tab(view.tabs, "Failed")
    failed = view.lists[OutboxFilter.FAILED]

    def said(box: Any) -> None:
        assert isinstance(box, QMessageBox) and told is not None, box
        told.append(box.text())
        press(box, "OK")
        assert not box.isVisible(), "OK closes the message"

    with dialogs(*([said] if told is not None else [])):
        _click_row(qtbot, failed, mail.id)
        press(failed, "Retry")
    return {
        state: [shown.model.row(i).id for i in range(shown.model.rowCount())]
        for state, shown in view.lists.items()
    }


def sent(sink: SmtpSink, mail: OutboxMessage) -> list[Any]:
    """The e-mails the mail server took that are this message (its reminders are others)."""
    return [m for m in sink.messages
            if mail.recipient in (m["To"] or "") and m["Subject"] == mail.subject]  # fmt: skip


def assert_withdrawn(ctx: AppContext, sink: SmtpSink, mail: OutboxMessage, why: str,
                     told: list[str], listed: dict[Any, list[int]]) -> None:  # fmt: skip
    after = data.read(ctx, lambda orm: orm.get(OutboxMessage, mail.id))
    assert (after.status, after.status_reason) == (OutboxStatus.WITHDRAWN, why)
    assert sent(sink, mail) == [], "it was sent"
    assert told and told[0].startswith(f"Not sent again: {why}"), told
    assert "Withdrawn list" in told[0]
    assert mail.id in listed[OutboxFilter.WITHDRAWN] and mail.id not in listed[OutboxFilter.FAILED]
    audited = data.read(ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "outbox.withdraw"))))  # fmt: skip
    assert {"messages": [mail.id], "why": why} in audited


@pytest.mark.parametrize("what", list(CANCEL_NOTICE))
def test_retry_withdraws_a_failed_cancellation_notice_no_longer_true(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink, what: str
) -> None:
    make, why = CANCEL_NOTICE[what]
    _use_loopback_email(demo_ctx, sink.port)  # nothing listens there yet: tried once, failed
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    mail = failed_email(demo_ctx, window, sid, "cancel")
    change(demo_ctx, make, mail)
    sink.start()  # the mail server is back: a Retry that sent would reach it
    told: list[str] = []
    listed = retry(qtbot, window, mail, told)
    assert_withdrawn(demo_ctx, sink, mail, why, told, listed)


def reschedule_to(qtbot: Any, when: str) -> Any:
    def answer(w: Any) -> None:
        type_date(qtbot, field(w, "New start"), when)
        press(w, "Reschedule")
        assert not w.isVisible(), "the reschedule went through"

    return answer


@pytest.mark.parametrize("what", list(NEW_TIME_NOTICE))
def test_retry_withdraws_a_failed_new_time_notice_when_the_session_moved_again_or_was_cancelled(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink, what: str
) -> None:
    make, why = NEW_TIME_NOTICE[what]
    _use_loopback_email(demo_ctx, sink.port)
    sid, _client = reachable_session(demo_ctx)
    start = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)  # type: ignore[union-attr]
    window = open_window(demo_ctx, "manager")
    later = (start + timedelta(days=7)).astimezone(window.tz)
    with dialogs(reschedule_to(qtbot, f"{later:%d/%m/%y %H:%M}")):
        from_context_menu(window, sid, "Reschedule…")
    mail = failed_email(demo_ctx, window, sid, "reschedule")
    change(demo_ctx, make, mail)
    sink.start()
    told: list[str] = []
    listed = retry(qtbot, window, mail, told)
    assert_withdrawn(demo_ctx, sink, mail, why, told, listed)


def test_retry_sends_a_failed_cancellation_notice_that_is_still_true(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink
) -> None:
    _use_loopback_email(demo_ctx, sink.port)
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    mail = failed_email(demo_ctx, window, sid, "cancel")
    sink.start()
    retry(qtbot, window, mail)  # no message box: the status line says it goes
    after = data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, mail.id))
    assert after.status == OutboxStatus.SENT, after.last_error
    assert len(sent(sink, mail)) == 1


def test_a_sender_pass_withdraws_a_waiting_cancellation_notice_whose_cancellation_was_undone(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink
) -> None:
    """The sender checks the same at send time: a notice still waiting is withdrawn, not sent."""
    _use_loopback_email(demo_ctx, sink.start().port)
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    [mail] = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(OutboxMessage).where(OutboxMessage.session_id == sid,
                                    OutboxMessage.channel == OutboxChannel.EMAIL,
                                    OutboxMessage.topic != REMINDER))))  # fmt: skip
    assert mail.status == OutboxStatus.PENDING
    change(demo_ctx, undone, mail)
    demo_ctx.db.clock.advance(minutes=3, seconds=1)  # type: ignore[attr-defined]
    window.installed.outbox.pump.timer.timeout.emit()
    after = data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, mail.id))
    assert (after.status, after.status_reason) == (OutboxStatus.WITHDRAWN, withdrawal.UNDONE)
    assert sent(sink, mail) == []


def test_deleting_a_session_withdraws_its_failed_client_email(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink
) -> None:
    """Delete withdraws what it makes untrue itself, as undo, re-booking and move do."""
    _use_loopback_email(demo_ctx, sink.port)
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "manager")
    later = (data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)  # type: ignore[union-attr]
             + timedelta(days=7)).astimezone(window.tz)  # fmt: skip
    with dialogs(reschedule_to(qtbot, f"{later:%d/%m/%y %H:%M}")):
        from_context_menu(window, sid, "Reschedule…")
    mail = failed_email(demo_ctx, window, sid, "reschedule")

    def delete_dialog(w: Any) -> None:
        press(w, "Permanently delete — only for a session entered in error")
        press(w, "Delete permanently")  # → the question
        assert not w.isVisible(), "the session was deleted"

    def go(w: Any) -> None:
        press(w, "Delete permanently")

    def reminder(box: Any) -> None:  # the other system (Manual): write an addendum there
        press(box, "OK")

    with dialogs(delete_dialog, go, reminder):
        from_context_menu(window, sid, "Delete…")
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid)) is None
    after = data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, mail.id))
    assert (after.status, after.status_reason) == (OutboxStatus.WITHDRAWN, withdrawal.DELETED)


def test_retry_of_a_failed_notice_whose_session_has_started_says_it_is_too_late(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, sink: SmtpSink
) -> None:
    """Retry does not queue a client e-mail about a session that has already started (the next
    pass would only mark it expired): the desk is told why and what to do; it is in Expired."""
    _use_loopback_email(demo_ctx, sink.port)
    sid, _client = reachable_session(demo_ctx)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health")):
        from_context_menu(window, sid, "Cancel…")
    mail = failed_email(demo_ctx, window, sid, "cancel")
    start = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)  # type: ignore[union-attr]
    demo_ctx.db.clock.set(start + timedelta(minutes=5))  # type: ignore[attr-defined]
    sink.start()  # the mail server is back: a Retry that queued it would reach it
    told: list[str] = []
    listed = retry(qtbot, window, mail, told)
    after = data.read(demo_ctx, lambda orm: orm.get(OutboxMessage, mail.id))
    when = f"{start.astimezone(window.tz):%a} {start.astimezone(window.tz).day}"
    assert after.status == OutboxStatus.EXPIRED
    assert after.status_reason.startswith(f"Not sent: the session started ({when} ")
    assert told and told[0].startswith(f"Not sent again: the session started on {when} "), told
    assert "would no longer help" in told[0] and "Expired list" in told[0]
    assert "phone them" in told[0]
    assert mail.id in listed[OutboxFilter.EXPIRED] and mail.id not in listed[OutboxFilter.FAILED]
    window.installed.outbox.pump.timer.timeout.emit()  # a later pass does not send it either
    assert sent(sink, mail) == []
    actions = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "outbox_message",
                                        AuditEvent.entity_id == mail.id))))  # fmt: skip
    assert actions == ["outbox.expire"]
