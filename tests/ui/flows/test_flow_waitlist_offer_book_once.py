"""Offer the freed place: "Book selected client" greys while the booking runs, so a second press
(a double-click on a busy day) books nobody twice and brings no "changed at another desk" error;
the answer closes the dialog with the client booked."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking
from app.models.enums import BookingStatus
from tests.ui.flows import data
from tests.ui.flows.driver import button, dialogs, errors, from_context_menu, press
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_waitlist_sms_offers import _set_up


def test_book_selected_client_greys_while_it_runs_and_books_once(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    _set_up(demo_ctx, sid, "https://api.messagemedia.com")  # two waiting clients who fit
    window = open_window(demo_ctx, "reception")
    held: list[Any] = []
    seen: dict[str, Any] = {}

    def book_twice(w: Any) -> None:
        real = w.book
        w.book = lambda entry_id, reply: held.append((real, entry_id, reply))
        press(w, "Book selected client")
        book: QPushButton = button(w, "Book selected client")
        seen["greyed"] = not book.isEnabled()
        book.click()  # the second click of a double-click, while the first is still booking
        seen["calls"] = len(held)
        real_book, entry_id, reply = held[0]
        real_book(entry_id, reply)  # the booking's answer arrives
        seen["errors"] = errors(w)
        seen["open"] = w.isVisible()

    told: list[str] = []

    def refilled(box: Any) -> None:  # "Place refilled": the canceller's charge is withdrawn
        told.append(box.text())
        press(box, "OK")

    with dialogs(client_cancel(qtbot, "Health", clients=(names[0],)), book_twice, refilled):
        from_context_menu(window, sid, "Cancel…")
    assert seen == {"greyed": True, "calls": 1, "errors": [], "open": False}
    booked = data.read(demo_ctx, lambda orm: list(orm.scalars(select(Booking).where(
        Booking.session_id == sid, Booking.status == BookingStatus.BOOKED))))  # fmt: skip
    assert len(booked) == len(names)  # the freed place is refilled, once
    assert told and "charge" in told[0]
