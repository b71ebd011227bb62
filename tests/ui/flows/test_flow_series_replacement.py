"""A session of a series the worker cancelled and a replacement took stays in the series: a
client who later cancels the rest of the series cancels the replacement too."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QCheckBox, QListWidget
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, OutboxMessage, Session
from app.models.enums import BookingStatus, OutboxChannel, SessionStatus
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    errors,
    field,
    finish,
    from_context_menu,
    next_page,
    press,
    tick,
    type_into,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_worker_cancel import click_row, rows, worker_cancels

SYDNEY = ZoneInfo("Australia/Sydney")


def test_a_replacement_session_is_cancelled_with_the_rest_of_its_series(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    first = data.future_individual(demo_ctx, series=True)
    series = data.series_of(demo_ctx, first)
    assert len(series) >= 2
    replaced = series[1]
    window = open_window(demo_ctx, "reception")

    def replace(w: Any) -> None:
        tick(field(w, "Show all workers", QCheckBox))
        workers = field(w, "Workers for this slot", QListWidget)
        click_row(workers, rows(workers)[0].split(" — ")[0])
        press(w, "Assign")

    # The worker is away for the second session only: another worker takes it.
    with dialogs(worker_cancels, lambda w: press(w, "Assign replacement worker"), replace):
        from_context_menu(window, replaced, "Cancel…")
    new = data.read(
        demo_ctx,
        lambda orm: orm.scalars(
            select(Session.id).where(Session.replacement_of_id == replaced)
        ).one(),
    )
    mails_before = data.ids(demo_ctx, OutboxMessage)
    seen: list[str] = []

    # Later the client stops coming: this and every following session of the series.
    with dialogs(
        client_cancel(qtbot, "Health", scope="This and following sessions of the series", seen=seen)
    ):
        from_context_menu(window, first, "Cancel…")

    assert data.booking_statuses(demo_ctx, new) and set(
        data.booking_statuses(demo_ctx, new).values()
    ) == {BookingStatus.CANCELLED}
    status = data.read(demo_ctx, lambda orm: orm.get(Session, new).status)  # type: ignore[union-attr]
    assert status == SessionStatus.CANCELLED
    others = [sid for sid in series if sid != replaced]
    assert f"also cancels {len(others)} other session" in seen[0], seen[0]
    booked = data.read(
        demo_ctx,
        lambda orm: orm.scalars(
            select(Booking.session_id).where(
                Booking.session_id.in_([*series, new]), Booking.status == BookingStatus.BOOKED
            )
        ).all(),
    )
    assert booked == []
    notices = {
        m.session_id
        for m in data.new_rows(demo_ctx, OutboxMessage, mails_before)
        if m.channel == OutboxChannel.EMAIL and m.topic == "cancel"
    }
    assert notices == {*others, new}


def test_undoing_a_series_whose_first_session_was_replaced_says_which_before_anything(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    first = data.future_individual(demo_ctx, series=True)
    series = data.series_of(demo_ctx, first)
    assert len(series) >= 2
    window = open_window(demo_ctx, "manager")

    def cancels_the_series(w: Any) -> None:
        press(w, "The worker")
        next_page(w)
        choose(field(w, "Reason"), "Worker unwell")
        choose(
            field(w, "Which sessions of the series"), "This and following sessions of the series"
        )
        next_page(w)
        finish(w)

    def replace(w: Any) -> None:
        tick(field(w, "Show all workers", QCheckBox))
        workers = field(w, "Workers for this slot", QListWidget)
        click_row(workers, rows(workers)[0].split(" — ")[0])
        press(w, "Assign")

    # The worker is away for weeks; another worker takes the first session.
    with dialogs(cancels_the_series, lambda w: press(w, "Assign replacement worker"), replace):
        from_context_menu(window, first, "Cancel…")
    new = data.read(
        demo_ctx,
        lambda orm: orm.scalars(select(Session.id).where(Session.replacement_of_id == first)).one(),
    )
    when = data.read(demo_ctx, lambda orm: orm.get(Session, first).starts_at)  # type: ignore[union-attr]
    seen: dict[str, Any] = {}

    def undo(w: Any) -> None:
        type_into(qtbot, field(w, "Undo reason"), "Worker back early")
        # Every session of the series is the choice offered first: the replaced one can't come
        # back, and the dialog says which it is and what to do before anything is pressed.
        seen["all"] = errors(w)
        seen["greyed"] = not button(w, "Undo cancellation").isEnabled()
        press(w, "Only this session")
        seen["only"] = errors(w)
        press(w, "Undo cancellation")

    with dialogs(undo):
        from_context_menu(window, series[1], "Undo cancellation…")

    said = " ".join(seen["all"])
    local = when.astimezone(SYDNEY)
    assert f"#{new}" in said and local.strftime("%d %b") in said, said
    assert "Undo only this session" in said, said
    assert seen["greyed"] and not any(seen["only"])
    statuses = data.read(
        demo_ctx,
        lambda orm: {sid: orm.get(Session, sid).status for sid in (first, series[1], new)},  # type: ignore[union-attr]
    )
    assert statuses == {
        first: SessionStatus.CANCELLED,
        series[1]: SessionStatus.ROSTERED,
        new: SessionStatus.ROSTERED,
    }
