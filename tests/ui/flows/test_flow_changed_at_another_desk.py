"""Another desk changes the session while this desk's did-not-attend or undo dialog is
open: this desk is told, and the dialog opens again on the session as it is now, so the person
can go on (not a dialog that says "reloaded" and refuses the same way however often it is tried).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QMessageBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Cancellation, Client
from app.models.enums import BookingStatus
from app.services.desk import open_desk
from app.services.dto import CancelRequest
from app.services.sessions.attendance import mark_did_not_attend
from app.services.sessions.cancel import cancel, reasons_for
from app.services.vocabulary import CancelledBy
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, errors, field, from_context_menu, press, type_into
from tests.ui.flows.test_flow_client_cancel import client_cancel

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
    assert after[second] == BookingStatus.BOOKED  # the latest cancellation, as it is now
    assert after[first] == BookingStatus.CANCELLED
    undone = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Cancellation.undone_at).where(Cancellation.session_id == sid)
        .order_by(Cancellation.id))))  # fmt: skip
    assert [u is not None for u in undone] == [False, True]
