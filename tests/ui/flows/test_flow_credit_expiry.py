"""A credit a client's own cancellation gives back goes back into its pack, expiry and all: a class
cancelled in time never turns a pack's credit into one that never expires, so it can't pay for a
class after the pack's expiry date; undoing the cancellation takes it back from that pack."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import CreditEntry, Session
from app.models.enums import BookingStatus, LedgerKind
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    tick,
    type_date,
    type_into,
    unsaved_question,
)
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_packs import _balance, _newcomer, _worker
from tests.ui.flows.test_flow_undo_dna import undo_with

EXPIRES = date(2026, 4, 15)


def _new_class(qtbot: Any, worker: str, name: str, start: str, *, refused: list[str]) -> Any:
    """Practice ▸ New session…: a class for the client at `start`, paid with a class credit;
    what the form refuses goes to `refused` (and the form is then left with Cancel)."""

    def answer(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), worker)
        type_date(qtbot, field(w, "Start"), start)
        choose(field(w, "Kind", QComboBox), "Class")
        clients = w.clients
        type_into(qtbot, clients.filter, name)
        visible = [clients.list.item(i) for i in range(clients.list.count())
                   if not clients.list.item(i).isHidden()]  # fmt: skip
        clients.list.setCurrentItem(visible[0])
        QTest.keyClick(clients.list, Qt.Key.Key_Space)
        choose(field(w, f"Paid with: {name}", QComboBox), "A class credit")
        press(w, "Save")
        if w.isVisible() and not w.error.text():  # warnings first: save anyway
            press(w, "Save anyway")
        if w.isVisible():
            refused.append(w.error.text())
            press(w, "Cancel")

    return answer


def _lines(ctx: AppContext, client_id: int, kind: LedgerKind) -> list[tuple[int, date | None]]:
    return data.read(ctx, lambda orm: [(e.credits, e.expires_on) for e in orm.scalars(
        select(CreditEntry).where(CreditEntry.client_id == client_id, CreditEntry.kind == kind)
        .order_by(CreditEntry.id))])  # fmt: skip


def test_a_credit_given_back_by_the_clients_cancellation_keeps_its_packs_expiry(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    client_id, name = _newcomer(demo_ctx)
    worker = _worker(demo_ctx)

    def sell(w: Any) -> None:  # one credit, valid until Wed 15 April
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Credits", QSpinBox), "1")
        type_into(qtbot, field(w, "Price", QLineEdit), "15")
        tick(field(w, "Credits expire"))
        type_date(qtbot, field(w, "Expiry date"), "15/4/2026")
        press(w, "Sell")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    before = data.ids(demo_ctx, Session)
    refused: list[str] = []
    with dialogs(_new_class(qtbot, worker, name, "14/4/2026 10:00", refused=refused)):
        from_menu(window, "Practice", "New session")
    assert refused == []
    [session] = data.new_rows(demo_ctx, Session, before)
    assert _balance(demo_ctx, client_id) == 0

    # The client rings two weeks ahead: no charge, so the credit goes back into the pack.
    with dialogs(client_cancel(qtbot, "Family"), lambda offer: press(offer, "Not now")):
        from_context_menu(window, session.id, "Cancel…")
    assert data.booking_statuses(demo_ctx, session.id) == {name: BookingStatus.CANCELLED}
    assert _balance(demo_ctx, client_id) == 1
    assert _lines(demo_ctx, client_id, LedgerKind.REFUND) == [(1, EXPIRES)]

    # A class after the pack's expiry can't be paid with it.
    before = data.ids(demo_ctx, Session)
    with dialogs(
        _new_class(qtbot, worker, name, "21/4/2026 10:00", refused=refused),
        unsaved_question("Discard"),
    ):
        from_menu(window, "Practice", "New session")
    assert data.new_rows(demo_ctx, Session, before) == []
    assert len(refused) == 1
    assert f"{name} has 0 class credit(s) valid on 21 Apr 2026" in refused[0]
    assert "1 credit(s) held today expire before that day." in refused[0]

    # Undone, the credit goes back out of the same pack.
    with dialogs(undo_with(qtbot, "Rang again: coming after all")):
        from_context_menu(window, session.id, "Undo cancellation…")
    assert data.booking_statuses(demo_ctx, session.id) == {name: BookingStatus.BOOKED}
    assert _lines(demo_ctx, client_id, LedgerKind.REFUND_REVERSAL) == [(-1, EXPIRES)]
    assert _balance(demo_ctx, client_id) == 0
