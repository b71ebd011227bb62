"""Practice ▸ Clients… through the real window: Add… pressed twice while the form is still being
read (a double-click on a busy day) opens one form and adds one client; a client made inactive
with bookings still to come is told they stay on the schedule, as a worker's screen says."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, Client, Session
from app.models.enums import BookingStatus, SessionStatus
from app.ui.models.table import ROW_ROLE
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_menu, press, tick, type_into
from tests.ui.flows.test_flow_unsaved import _click_row


def test_add_pressed_twice_while_the_form_is_read_opens_one_form_and_adds_one_client(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    # The form's data arrives when the test says: the read a busy database answers late.
    reads: list[tuple[Any, Any, Any]] = []
    real = screen.api
    screen.api = replace(real, form=lambda cid, show, failed: reads.append((cid, show, failed)))
    press(screen, "Add…")
    press(screen, "Add…")  # the second click of a double-click, before the form has come

    def new_client(w: Any) -> None:
        type_into(qtbot, field(w, "First name", QLineEdit), "Kim")
        type_into(qtbot, field(w, "Last name", QLineEdit), "Ng")
        type_into(qtbot, field(w, "Email", QLineEdit), "kim.ng@example.com")
        press(w, "Save")

    with dialogs(new_client):
        for cid, show, failed in list(reads):
            real.form(cid, show, failed)
    kims = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Client.id).where(Client.first_name == "Kim", Client.last_name == "Ng"))))  # fmt: skip
    assert len(kims) == 1
    assert len(reads) == 1, "one form was asked for"
    screen.api = real
    with dialogs(lambda w: press(w, "Cancel")) as shown:  # Add opens a form again afterwards
        press(screen, "Add…")
    assert [w.windowTitle() for w in shown] == ["New client"]
    screen.close()


def _upcoming(ctx: AppContext, client_id: int) -> int:
    def count(orm: Any) -> int:
        return int(orm.scalar(
            select(func.count(Booking.id)).join(Session, Booking.session_id == Session.id).where(
                Booking.client_id == client_id, Booking.status == BookingStatus.BOOKED,
                Session.status == SessionStatus.ROSTERED, Session.starts_at > ctx.db.clock())))  # fmt: skip

    return data.read(ctx, count)


def test_a_client_made_inactive_with_bookings_to_come_is_told_they_stay_booked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    session_id = data.future_individual(demo_ctx)
    client_id = data.read(demo_ctx, lambda orm: next(
        b.client_id for b in orm.get(Session, session_id).bookings))  # fmt: skip
    upcoming = _upcoming(demo_ctx, client_id)
    window = open_window(demo_ctx, "manager")
    from_menu(window, "Practice", "Clients")
    screen = window.installed.setup.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    rows = [r for r in range(screen.proxy.rowCount())
            if screen.proxy.data(screen.proxy.index(r, 0), ROW_ROLE).id == client_id]  # fmt: skip
    _click_row(qtbot, screen.table, rows[0])

    def make_inactive(w: Any) -> None:
        tick(field(w, "State", QCheckBox), False)  # its box reads "Active"
        press(w, "Save")

    with dialogs(make_inactive):
        press(screen, "Edit…")
    assert data.read(demo_ctx, lambda orm: orm.get(Client, client_id).active) is False
    name = data.read(demo_ctx, lambda orm: orm.get(Client, client_id).display_name)
    assert f"{name} still has {upcoming} upcoming booking(s); they stay on the schedule until " \
        "you cancel them." in screen.status.text().splitlines()
    assert _upcoming(demo_ctx, client_id) == upcoming  # nothing was cancelled by it
    screen.close()
