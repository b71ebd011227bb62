"""Another desk changes the session while this desk's did-not-attend, undo, delete, reschedule
or payment dialog is open: this desk is told, and the dialog opens again on the session as it is now, so the person
can go on; a payment taken meanwhile is listed in the delete dialog with its cure (not a dialog that says "reloaded" and refuses the same way however often it is tried).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QMessageBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Cancellation, Client, Payment, Session
from app.models.enums import BookingStatus
from app.services.desk import open_desk
from app.services.dto import CancelRequest
from app.services.money.payments import PaymentMethod, PaymentRequest, post_payment
from app.services.sessions.attendance import mark_did_not_attend
from app.services.sessions.cancel import cancel, reasons_for
from app.services.sessions.deletion import delete_session
from app.services.sessions.scheduling import reschedule_session
from app.services.vocabulary import CancelledBy
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    errors,
    field,
    from_context_menu,
    press,
    type_into,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_delete import shown_text
from tests.ui.flows.test_flow_worker_cancel import click_row, rows

CHANGED = "This session was changed at another desk — reloaded. Check it and try again."


def _booking_of(ctx: AppContext, session_id: int, name: str) -> int:
    def pick(orm: Any) -> int:
        return int(
            orm.scalar(
                select(Booking.id)
                .join(Client)
                .where(Booking.session_id == session_id)
                .where((Client.first_name + " " + Client.last_name) == name)
            )
        )

    return data.read(ctx, pick)


def _left_open(dialog: Any, stuck: list[list[str]]) -> None:
    """The dialog still open on the old session after its button: what it says, then closed."""
    if dialog.isVisible():
        stuck.append(errors(dialog))
        dialog.reject()


def told_changed(told: list[str]) -> Any:
    def handle(box: Any) -> None:
        assert isinstance(box, QMessageBox), type(box).__name__
        told.append(box.text())
        press(box, "OK")

    return handle


def test_did_not_attend_after_another_desk_marked_a_client_reopens_on_the_fresh_session(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.crowded_class(demo_ctx, clients=3, started=True)
    first, *_middle, last = data.booking_statuses(demo_ctx, sid)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "reception")
    told: list[str] = []
    stuck: list[list[str]] = []
    offered: list[bool] = []

    def stale(w: Any) -> None:
        # Meanwhile the desk by the door marks the first client as not come.
        booking = _booking_of(demo_ctx, sid, first)
        other_desk.write(lambda uow: mark_did_not_attend(uow, sid, [booking]))
        press(w, last)
        press(w, "Mark did not attend")
        _left_open(w, stuck)

    def fresh(w: Any) -> None:
        offered.append(any(b.text() == first for b in w.findChildren(QCheckBox) if b.isVisible()))
        press(w, last)
        press(w, "Mark did not attend")

    with dialogs(stale, told_changed(told), fresh):
        from_context_menu(window, sid, "Did not attend…")
    assert stuck == [] and told == [CHANGED]
    assert offered == [False]  # the client the other desk marked is not offered again
    after = data.booking_statuses(demo_ctx, sid)
    assert after[first] == BookingStatus.DNA and after[last] == BookingStatus.DNA


def test_undo_after_another_desk_changed_the_session_reopens_and_undoes(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    first, second, *_rest = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    with dialogs(client_cancel(qtbot, "Health", clients=(first,))):
        from_context_menu(window, sid, "Cancel…")
    other_desk = open_desk(demo_ctx.db, "reception")
    told: list[str] = []
    stuck: list[list[str]] = []

    def stale(w: Any) -> None:
        # Meanwhile another desk records that a second client of the group cancelled too.
        booking = _booking_of(demo_ctx, sid, second)

        def other(uow: Any) -> object:
            reason = reasons_for(uow, CancelledBy.CLIENT)[0][0]
            return cancel(uow, CancelRequest(sid, CancelledBy.CLIENT, uow.now(), reason,
                                             booking_ids=(booking,)))  # fmt: skip

        other_desk.write(other)
        type_into(qtbot, field(w, "Undo reason", QLineEdit), "Rang back")
        press(w, "Undo cancellation")
        _left_open(w, stuck)

    def fresh(w: Any) -> None:
        type_into(qtbot, field(w, "Undo reason", QLineEdit), "Rang back")
        press(w, "Undo cancellation")

    with dialogs(stale, told_changed(told), fresh):
        from_context_menu(window, sid, "Undo cancellation…")
    assert stuck == [] and told == [CHANGED]
    after = data.booking_statuses(demo_ctx, sid)
    # Reopened on the same cancellation, the first client's, which still stands: the second
    # client's, recorded meanwhile at the other desk, stays.
    assert after[first] == BookingStatus.BOOKED
    assert after[second] == BookingStatus.CANCELLED
    undone = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Cancellation.undone_at).where(Cancellation.session_id == sid)
        .order_by(Cancellation.id))))  # fmt: skip
    assert [u is not None for u in undone] == [True, False]


PERMANENT = "Permanently delete — only for a session entered in error"


def _move_an_hour_on(other_desk: Any, sid: int, start: Any) -> None:
    """Another desk moves the session an hour later (its version moves on)."""
    other_desk.write(lambda uow: reschedule_session(
        uow, sid, start + timedelta(hours=1), allow_conflicts=True))  # fmt: skip


def test_delete_after_another_desk_moved_the_session_reopens_and_deletes(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    start = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "manager")
    told: list[str] = []
    stuck: list[list[str]] = []

    def stale(w: Any) -> None:
        _move_an_hour_on(other_desk, sid, start)
        press(w, PERMANENT)
        press(w, "Delete permanently")  # → the question; then the write meets the other change
        _left_open(w, stuck)

    def fresh(w: Any) -> None:
        press(w, PERMANENT)
        press(w, "Delete permanently")

    def go(w: Any) -> None:
        press(w, "Delete permanently")

    with dialogs(stale, go, told_changed(told), fresh, go):
        from_context_menu(window, sid, "Delete…")
    assert stuck == [] and told == [CHANGED]
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid)) is None


def test_a_payment_taken_at_another_desk_meanwhile_is_listed_and_nothing_is_deleted(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    client = data.read(demo_ctx, lambda orm: orm.get(Session, sid).bookings[0].client_id)
    other_desk = open_desk(demo_ctx.db, "reception")
    window = open_window(demo_ctx, "manager")
    seen: dict[str, Any] = {}

    def stale(w: Any) -> None:
        assert "Payment of" not in shown_text(w)
        other_desk.write(lambda uow: post_payment(uow, PaymentRequest(
            sid, client, PaymentMethod.CARD, 9500, demo_ctx.db.clock().date())))  # fmt: skip
        press(w, PERMANENT)
        press(w, "Delete permanently")  # → the question; then the delete meets the payment
        qtbot.waitUntil(lambda: "Payment of" in shown_text(w), timeout=2000)
        seen["text"] = shown_text(w)
        seen["errors"] = errors(w)
        seen["remove"] = button(w, "Remove").isEnabled()
        seen["permanent"] = button(w, PERMANENT).isEnabled()
        w.reject()

    def go(w: Any) -> None:
        press(w, "Delete permanently")

    with dialogs(stale, go):
        from_context_menu(window, sid, "Delete…")
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid)) is not None
    assert "Payment of $95.00" in seen["text"], seen
    assert seen["remove"] and not seen["permanent"]
    assert seen["errors"] == [
        "This session can't be permanently deleted. Clear what is listed, or apply a "
        "cancellation instead."
    ]


def test_reschedule_after_another_desk_moved_the_session_reopens_and_moves_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    start = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "reception")
    told: list[str] = []
    stuck: list[list[str]] = []
    picked: list[Any] = []

    def pick_first(w: Any) -> None:
        proposals = field(w, "Suggested times", QListWidget)
        click_row(proposals, rows(proposals)[0])
        picked.append(proposals.item(0).data(256))
        press(w, "Reschedule")

    def stale(w: Any) -> None:
        _move_an_hour_on(other_desk, sid, start)
        pick_first(w)
        _left_open(w, stuck)

    with dialogs(stale, told_changed(told), pick_first):
        from_context_menu(window, sid, "Reschedule…")
    assert stuck == [] and told == [CHANGED]
    moved = data.read(demo_ctx, lambda orm: orm.get(Session, sid))
    assert (moved.starts_at, moved.worker_id) == (picked[-1].starts_at, picked[-1].worker_id)


def _pay(qtbot: Any, w: Any) -> None:
    choose(field(w, "Method", QComboBox), "Card")
    type_into(qtbot, field(w, "Amount", QLineEdit), "95.00")
    press(w, "Record payment")


def _paid(ctx: AppContext, sid: int) -> list[int]:
    return data.read(ctx, lambda orm: list(orm.scalars(
        select(Payment.amount_cents).where(Payment.session_id == sid))))  # fmt: skip


def test_a_payment_after_another_desk_moved_the_session_reopens_on_it_and_is_taken_once(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    start = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "reception")
    told: list[str] = []
    stuck: list[list[str]] = []
    shown: list[str] = []

    def stale(w: Any) -> None:
        shown.append(shown_text(w))
        _move_an_hour_on(other_desk, sid, start)
        _pay(qtbot, w)
        _left_open(w, stuck)

    def fresh(w: Any) -> None:
        shown.append(shown_text(w))
        _pay(qtbot, w)

    with dialogs(stale, told_changed(told), fresh):
        from_context_menu(window, sid, "Take payment…")
    assert stuck == [] and told == [CHANGED]
    assert shown[0] != shown[1]  # reopened on the session as it is now: the later time
    assert _paid(demo_ctx, sid) == [9500]


def test_a_payment_on_a_session_deleted_at_another_desk_meanwhile_opens_nothing_again(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    start = data.read(demo_ctx, lambda orm: orm.get(Session, sid).starts_at)
    other_desk = open_desk(demo_ctx.db, "manager")
    window = open_window(demo_ctx, "reception")
    told: list[str] = []
    stuck: list[list[str]] = []

    def stale(w: Any) -> None:
        _move_an_hour_on(other_desk, sid, start)
        _pay(qtbot, w)
        _left_open(w, stuck)

    def changed_then_deleted(box: Any) -> None:
        # While the desk reads the box, the other desk deletes the session.
        other_desk.write(lambda uow: delete_session(uow, sid))
        told_changed(told)(box)

    with dialogs(stale, changed_then_deleted, told_changed(told)):
        from_context_menu(window, sid, "Take payment…")
    assert stuck == []
    assert told == [
        CHANGED,
        "This session no longer exists; it may have been deleted at another desk.",
    ]
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid)) is None
    assert _paid(demo_ctx, sid) == []
