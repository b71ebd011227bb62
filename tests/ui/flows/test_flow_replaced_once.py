"""A session the worker cancelled and the desk already replaced is not replaced a second time
from its menu: the clients would be booked twice. The desk is told where they are booked now."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QListWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Session
from app.models.enums import BookingStatus
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, errors, field, from_context_menu, press
from tests.ui.flows.test_flow_worker_cancel import (
    click_row,
    physio_session,
    rows,
    worker_cancels,
)


def replacements(ctx: AppContext, session_id: int) -> list[int]:
    return data.read(ctx, lambda orm: list(orm.scalars(
        select(Session.id).where(Session.replacement_of_id == session_id))))  # fmt: skip


def test_a_replaced_session_rescheduled_again_from_its_menu_is_refused_not_booked_twice(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    target, _maya, _sophie = physio_session(demo_ctx)
    (client,) = data.booking_statuses(demo_ctx, target.id)
    window = open_window(demo_ctx, "reception")

    def replace(w: Any) -> None:
        click_row(field(w, "Workers for this slot", QListWidget), "Sophie Martin")
        press(w, "Assign")

    with dialogs(worker_cancels, lambda w: press(w, "Assign replacement worker"), replace):
        from_context_menu(window, target.id, "Cancel…")
    (first,) = replacements(demo_ctx, target.id)
    shown: list[str] = []

    def reschedule(w: Any) -> None:
        proposals = field(w, "Suggested times", QListWidget)
        click_row(proposals, rows(proposals)[0])
        press(w, "Reschedule")
        shown.extend(errors(w))
        if w.isVisible():
            w.reject()

    with dialogs(reschedule):
        from_context_menu(window, target.id, "Reschedule…")
    assert replacements(demo_ctx, target.id) == [first]  # no second session booked
    assert data.booking_statuses(demo_ctx, first) == {client: BookingStatus.BOOKED}
    assert any(
        f"This session was already replaced by session #{first}" in text for text in shown
    ), shown
