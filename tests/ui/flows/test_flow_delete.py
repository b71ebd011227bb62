"""Delete walked through the real window: a session entered in error, each blocker and its cure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QRadioButton, QWidget
from sqlalchemy import func, select, union, update
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import (
    AuditEvent,
    Booking,
    Cancellation,
    ClinicalNote,
    InsuranceClaim,
    OutboxMessage,
    Payment,
    PracticeSettings,
    ServiceDelivered,
    Session,
    User,
)
from app.models.enums import BookingStatus, IntegrationKind, SdKind, SessionKind, SessionStatus
from app.services.vocabulary import format_money
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    field,
    from_context_menu,
    plain,
    press,
    press_default,
    type_date,
    type_into,
)

PERMANENT = "Permanently delete — only for a session entered in error"


def shown_text(dialog: QWidget) -> str:
    """Every visible label of a dialog, as a person reads the dialog."""
    return "\n".join(lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.isVisible())


def visible_buttons(dialog: QWidget) -> set[str]:
    from PySide6.QtWidgets import QAbstractButton

    return {plain(b.text()) for b in dialog.findChildren(QAbstractButton) if b.isVisible()}


def paid_session(ctx: AppContext) -> tuple[int, int]:
    """(session, payment): a session with a payment and nothing else that blocks a delete."""
    with OrmSession(ctx.db.engine) as s:
        others = union(
            select(InsuranceClaim.session_id),
            select(ClinicalNote.session_id).where(ClinicalNote.finalized.is_(True)),
            select(ServiceDelivered.session_id).where(ServiceDelivered.extracted_at.is_not(None)),
        )
        row = s.execute(
            select(Payment.session_id, Payment.id)
            .where(Payment.session_id.not_in(others))
            .order_by(Payment.id)
        ).first()
        assert row is not None, "the demo practice has no paid session"
        ids = s.scalars(select(Payment.id).where(Payment.session_id == row[0])).all()
        assert ids == [row[1]], "a session with one payment"
        return int(row[0]), int(row[1])


def use_manual_integration(ctx: AppContext) -> None:
    with OrmSession(ctx.db.engine) as s:
        s.execute(
            update(PracticeSettings).values(
                integration_kind=IntegrationKind.MANUAL, integration_config={"name": "Cliniko"}
            )
        )
        s.commit()


def test_a_session_entered_in_error_is_deleted_after_its_payment_is_removed_and_a_confirmation(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid, payment = paid_session(demo_ctx)
    use_manual_integration(demo_ctx)
    window = open_window(demo_ctx, "manager")
    seen: dict[str, str] = {}

    def delete_dialog(w: Any) -> None:
        assert "Payment of" in shown_text(w) and "Remove the payment first" in shown_text(w)
        assert not button(w, "Delete permanently").isEnabled()
        press(w, "Remove")  # → the reason and confirmation
        assert "Payment of" not in shown_text(w)
        press(w, PERMANENT)
        # Deleting works out no notice: its two lines are not there (empty, they left a gap).
        lines = [label for label in w.findChildren(QLabel) if label.accessibleName()
                 in ("Notice given", "How the notice is worked out")]  # fmt: skip
        assert len(lines) == 2 and not any(label.isVisible() for label in lines)
        press(w, "Delete permanently")  # → the confirmation; Enter keeps the session
        assert w.isVisible(), "keeping the session leaves the delete dialog open"
        press(w, "Delete permanently")  # → the confirmation again; this time delete

    def remove_payment(w: Any) -> None:
        assert w.windowTitle() == "Remove payment"
        assert not button(w, "Remove payment").isEnabled(), "a reason is required first"
        type_into(qtbot, field(w, "Reason", QLineEdit), "Posted twice in error")
        press(w, "Remove payment")

    def keep(w: Any) -> None:
        seen["question"] = shown_text(w)
        assert {"Keep session", "Delete permanently"} <= visible_buttons(w)
        press_default(w)  # Enter: the safe button

    def go(w: Any) -> None:
        press(w, "Delete permanently")

    def reminder(w: Any) -> None:
        assert "addendum in Cliniko" in w.text()
        press(w, "OK")

    with dialogs(delete_dialog, remove_payment, keep, go, reminder):
        from_context_menu(window, sid, "Delete…")

    question = seen["question"]
    assert "Permanently delete this session? This can't be undone." in question
    assert "The session: " in question and "booking(s): " in question
    assert "SD(s) (billing lines) totalling $" in question
    assert "The other system is told the session was deleted." in question
    with OrmSession(demo_ctx.db.engine) as s:
        assert s.get(Session, sid) is None and s.get(Payment, payment) is None
        assert s.scalar(select(func.count()).where(Booking.session_id == sid)) == 0
        removed = s.scalar(select(AuditEvent).where(AuditEvent.action == "payment.remove"))
        assert removed is not None and removed.username == "manager"
        assert removed.after == {"reason": "Posted twice in error"}
        assert removed.before is not None and removed.before["id"] == payment
        deleted = s.scalar(select(AuditEvent).where(AuditEvent.action == "session.delete"))
        assert deleted is not None and deleted.entity_id == sid
        assert deleted.before is not None and deleted.before["bookings"] and deleted.before["sds"]
        todo = s.scalar(select(OutboxMessage).where(OutboxMessage.topic == "delete"))
        assert todo is not None and todo.payload["event"] == "session.deleted"
        assert todo.payload["session_id"] == sid


# -- each blocker and its cure ---------------------------------------------------------------


def future_session(s: OrmSession, now: Any, *extra: Any) -> Session:
    """A rostered future session with a booked client (and whatever `extra` asks)."""
    booked = select(Booking.session_id).where(Booking.status == BookingStatus.BOOKED)
    found = s.scalar(
        select(Session)
        .where(Session.starts_at > now + timedelta(days=1), Session.id.in_(booked), *extra)
        .where(Session.status == SessionStatus.ROSTERED)
        .order_by(Session.starts_at)
        .limit(1)
    )
    assert found is not None
    return found


def billed_to_insurance(s: OrmSession, now: Any) -> int:
    session = future_session(s, now, Session.kind == SessionKind.INDIVIDUAL)
    s.add(InsuranceClaim(session_id=session.id, client_id=session.bookings[0].client_id,
                         insurer="Bupa", claim_number="BUPA-300001", amount_cents=9500,
                         billed_at=now))  # fmt: skip
    return session.id


def with_a_finalized_note(s: OrmSession, now: Any) -> int:
    session = future_session(s, now, Session.kind == SessionKind.INDIVIDUAL)
    author = s.scalar(select(User.id).where(User.username == "manager"))
    s.add(ClinicalNote(session_id=session.id, author_id=author, body="Plan agreed.",
                       finalized=True, created_at=now, finalized_at=now))  # fmt: skip
    return session.id


BLOCKERS: dict[str, tuple[Callable[[OrmSession, Any], int], str, str]] = {
    "insurance": (
        billed_to_insurance,
        "Billed to insurance: claim BUPA-300001 to Bupa",
        "A session ever billed to insurance can never be deleted.",
    ),
    "note": (
        with_a_finalized_note,
        "A finalized clinical note",
        "A session with a finalized note can't be deleted; apply a cancellation instead.",
    ),
}


@pytest.mark.parametrize("blocker", list(BLOCKERS))
def test_each_blocker_is_listed_with_its_cure_and_apply_cancellation_cures_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, blocker: str
) -> None:
    make, what, cure = BLOCKERS[blocker]
    with OrmSession(demo_ctx.db.engine) as s:
        sid = make(s, demo_ctx.db.clock())
        s.commit()
    window = open_window(demo_ctx, "manager")

    def blocked(w: Any) -> None:
        text = shown_text(w)
        assert what in text and cure in text, text
        assert not field(w, PERMANENT, QRadioButton).isEnabled()
        assert "Remove" not in visible_buttons(w), "nothing here can be removed from the dialog"
        reason = field(w, "Cancellation reason", QComboBox)
        assert reason.currentText() == "Choose a reason…", "no reason is taken for granted"
        press(w, "Apply cancellation")
        assert w.isVisible() and "Choose the cancellation reason first" in shown_text(w)
        choose(reason, "Practice: Practice closure")
        type_into(qtbot, field(w, "Note", QLineEdit), "Entered in error; kept for the records")
        press(w, "Apply cancellation")  # → the question; Enter keeps the session
        assert w.isVisible(), "keeping the session leaves the dialog open"
        press(w, "Apply cancellation")  # → the question again; this time cancel

    def keep(w: Any) -> None:
        text = shown_text(w)
        assert "Cancel this session for everyone still booked?" in text, text
        assert "Reason: Practice: Practice closure" in text
        press_default(w)  # Enter: the safe button

    def go(w: Any) -> None:
        press(w, "Apply cancellation")

    with dialogs(blocked, keep, go):
        from_context_menu(window, sid, "Delete…")

    with OrmSession(demo_ctx.db.engine) as s:
        session = s.get(Session, sid)
        assert session is not None and session.status == SessionStatus.CANCELLED
        notes = s.scalars(select(Cancellation.note).where(Cancellation.session_id == sid)).all()
        assert "Entered in error; kept for the records" in notes
        assert s.scalar(select(func.count()).where(InsuranceClaim.session_id == sid)) == (
            1 if blocker == "insurance" else 0
        )
        claims = s.scalar(select(func.count()).where(InsuranceClaim.session_id == sid))
        assert claims == (1 if blocker == "insurance" else 0)  # the claim stays on the record


def test_an_extracted_charge_on_a_cancelled_session_blocks_delete_and_the_session_stays_cancelled(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    with OrmSession(demo_ctx.db.engine) as s:
        now = demo_ctx.db.clock()
        sid = s.scalar(
            select(ServiceDelivered.session_id)
            .join(Session, Session.id == ServiceDelivered.session_id)
            .where(ServiceDelivered.kind == SdKind.CANCELLATION, Session.starts_at > now)
            .order_by(Session.starts_at)
            .limit(1)
        )
        assert sid is not None, "the demo practice has no charged cancellation ahead"
        s.execute(
            update(ServiceDelivered)
            .where(ServiceDelivered.session_id == sid)
            .values(extracted_at=now)
        )
        s.commit()
    window = open_window(demo_ctx, "manager")

    def blocked(w: Any) -> None:
        text = shown_text(w)
        assert "was extracted for claiming." in text
        assert "Extracted SDs can't be removed; leave the session cancelled." in text
        assert "Apply cancellation is not possible: No client is still booked" in text
        assert not field(w, PERMANENT, QRadioButton).isEnabled()
        assert not button(w, "Delete permanently").isEnabled()
        press(w, "Cancel")

    with dialogs(blocked):
        from_context_menu(window, sid, "Delete…")

    with OrmSession(demo_ctx.db.engine) as s:
        session = s.get(Session, sid)
        assert session is not None and session.status == SessionStatus.CANCELLED
        kept = s.scalar(
            select(func.count()).where(
                ServiceDelivered.session_id == sid, ServiceDelivered.extracted_at.is_not(None)
            )
        )
        assert kept and kept > 0


def test_apply_cancellation_with_a_client_reason_says_the_short_notice_fee_before_it_is_charged(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    with OrmSession(demo_ctx.db.engine) as s:
        now = demo_ctx.db.clock()
        session = future_session(s, now, Session.kind == SessionKind.INDIVIDUAL)
        sid, price = session.id, session.price_cents
        client = session.bookings[0].client.display_name
    window = open_window(demo_ctx, "manager")
    seen: dict[str, str] = {}

    def delete_dialog(w: Any) -> None:
        press(w, "Apply cancellation — the session and its money stay")
        choose(field(w, "Cancellation reason", QComboBox), "Client: Family")
        press(w, "Apply cancellation")  # → the question; Enter keeps the session
        press(w, "Apply cancellation")  # → the question again; this time cancel

    def keep(w: Any) -> None:
        seen["question"] = shown_text(w)
        press_default(w)

    def go(w: Any) -> None:
        press(w, "Apply cancellation")

    with dialogs(delete_dialog, keep, go):
        from_context_menu(window, sid, "Delete…")

    with OrmSession(demo_ctx.db.engine) as s:
        charged = s.scalars(
            select(ServiceDelivered.amount_cents).where(
                ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION
            )
        ).all()
    assert charged == [price], "a day's notice is short: the client reason charges the fee"
    question = seen["question"]
    assert "Reason: Client: Family" in question
    assert f"{client} is charged {format_money(price)}" in question, question


# -- apply cancellation: when the client told the practice ------------------------------------

SYDNEY = ZoneInfo("Australia/Sydney")  # the demo practice; its today is Wed 1 Apr 2026, 10:00
APPLY = "Apply cancellation — the session and its money stay"


def the_session_a_client_rang_about(ctx: AppContext) -> tuple[int, int, str]:
    """(session, price, client): a one-client session a day or more ahead, short notice now."""
    with OrmSession(ctx.db.engine) as s:
        session = future_session(s, ctx.db.clock(), Session.kind == SessionKind.INDIVIDUAL)
        return session.id, session.price_cents, session.bookings[0].client.display_name


def live_notice(qtbot: Any, dialog: Any) -> Any:
    """The notice line under Advised at, once it has something to say (hidden while empty)."""
    named = [w for w in dialog.findChildren(QLabel) if w.accessibleName() == "Notice given"]
    assert named, "the dialog has a notice line"
    qtbot.waitUntil(named[0].isVisible, timeout=3000)
    return named[0]


def test_apply_cancellation_takes_when_the_client_told_us_and_the_notice_and_fee_follow_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid, price, client = the_session_a_client_rang_about(demo_ctx)
    window = open_window(demo_ctx, "manager")
    seen: dict[str, str] = {}

    def delete_dialog(w: Any) -> None:
        press(w, APPLY)
        choose(field(w, "Cancellation reason", QComboBox), "Client: Family")
        advised = field(w, "Advised at")
        assert advised.text() == "Wed 01 Apr 2026  10:00", "advised defaults to now"
        notice = live_notice(qtbot, w)  # shown once the reason's notice is worked out
        qtbot.waitUntil(lambda: "a fee of" in notice.text(), timeout=3000)
        seen["now"] = notice.text()
        type_date(qtbot, advised, "1/3 9am")  # the client rang a month ago
        qtbot.waitUntil(lambda: "enough notice: no fee" in notice.text(), timeout=3000)
        seen["rang"] = notice.text()
        # Labelled as in the cancel wizard, and the working wraps whole, not cut off at its foot.
        labels = [lbl.text() for lbl in w.findChildren(QLabel) if lbl.isVisible()]
        assert {"Reason:", "Advised at:", "Note:"} <= set(labels), labels
        working = field(w, "How the notice is worked out", QLabel)
        assert working.text()
        qtbot.waitUntil(
            lambda: working.height() >= working.heightForWidth(working.width()), timeout=3000
        )
        press(w, "Apply cancellation")  # → the question, stating that notice
        assert not w.isVisible(), f"the dialog stayed open: {shown_text(w)}"

    def go(w: Any) -> None:
        seen["question"] = shown_text(w)
        press(w, "Apply cancellation")

    with dialogs(delete_dialog, go):
        from_context_menu(window, sid, "Delete…")

    assert f"a fee of {format_money(price)} applies" in seen["now"], seen["now"]
    question = seen["question"]
    assert "Advised at: Sun 01 Mar 2026  09:00" in question, question
    assert "enough notice: no fee" in question and f"{client} is charged" not in question
    advised_at = datetime(2026, 3, 1, 9, 0, tzinfo=SYDNEY)
    with OrmSession(demo_ctx.db.engine) as s:
        session = s.get(Session, sid)
        assert session is not None and session.status == SessionStatus.CANCELLED
        [c] = s.scalars(select(Cancellation).where(Cancellation.session_id == sid)).all()
        assert c.advised_at == advised_at.astimezone(UTC)
        assert c.notice_minutes == int((session.starts_at - advised_at).total_seconds() // 60)
        charged = s.scalars(
            select(ServiceDelivered.id).where(
                ServiceDelivered.session_id == sid, ServiceDelivered.kind == SdKind.CANCELLATION
            )
        ).all()
        assert charged == [], "a month's notice is enough: no fee"
        [mail] = s.scalars(
            select(OutboxMessage).where(
                OutboxMessage.session_id == sid, OutboxMessage.topic == "cancel"
            )
        ).all()
        assert "fee" not in mail.payload


def test_apply_cancellation_refuses_an_advised_time_in_the_future_as_the_cancel_wizard_does(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid, _price, _client = the_session_a_client_rang_about(demo_ctx)
    window = open_window(demo_ctx, "manager")
    seen: dict[str, str] = {}

    def delete_dialog(w: Any) -> None:
        press(w, APPLY)
        choose(field(w, "Cancellation reason", QComboBox), "Client: Health")
        advised = field(w, "Advised at")
        type_date(qtbot, advised, "tomorrow 9am")
        notice = live_notice(qtbot, w)
        qtbot.waitUntil(lambda: "not worked out" in notice.text(), timeout=3000)
        seen["notice"] = notice.text()
        press(w, "Apply cancellation")  # refused: no question, the dialog stays
        assert w.isVisible(), "a refused advised time keeps the dialog open"
        seen["refused"] = shown_text(w)
        press(w, "Cancel")
        assert not w.isVisible(), "Cancel closes the dialog"

    with dialogs(delete_dialog):
        from_context_menu(window, sid, "Delete…")

    said = "The advised time is in the future. Enter when you were told, or press Now."
    assert said in seen["notice"] and said in seen["refused"], seen
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}
    with OrmSession(demo_ctx.db.engine) as s:
        assert s.scalars(select(Cancellation.id).where(Cancellation.session_id == sid)).all() == []
