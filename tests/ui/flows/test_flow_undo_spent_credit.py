"""Undoing a cancellation whose returned class credit was spent since, walked through the window.

A client cancels a class in time and the credit goes back into its pack; the credit then pays for
another class. Undo cancellation… says so before anything is written: the client is booked back
in and, with no other credit to take, owes one — the account shows the balance below zero, never
as 0. With another pack to take it from, the undo takes it from there and says how many are left.
Once undone, the window says what the client owes. A bulk cancellation's undo asks the same in its
question, and so does Undo on the Text replies queue for a class the client cancelled by text,
which says after, as Undo cancellation… does, what the client owes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QSpinBox, QTableView
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import AuditEvent, Cancellation, CreditEntry, Session
from app.models.enums import BookingStatus, LedgerKind
from app.ui.sms.replies_panel import RepliesView
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    press_default,
    tick,
    type_date,
    type_into,
)
from tests.ui.flows.test_flow_bulk import GO, save_as
from tests.ui.flows.test_flow_client_cancel import client_cancel
from tests.ui.flows.test_flow_credit_expiry import _new_class
from tests.ui.flows.test_flow_packs import _account_rows, _balance, _newcomer, _worker
from tests.ui.flows.test_flow_undo_dna import undo_with
from tests.ui.flows.test_flow_undo_refilled_place import _text_c

OWES = (
    "{name}'s returned class credit has since paid for Tue 21 Apr 10:00 {service}. Undoing "
    "books {name} back in, and {name} will owe 1 class credit: sell a class pack (what is owed "
    "comes out of it), or cancel one of the classes in time instead of undoing."
)
# What the undo says once done, on the window's status bar.
OWED_AFTER = "{name} owes 1 class credit: sell a class pack, and what is owed comes out of it."


def _sell(qtbot: Any, name: str, credits: int, expires: str = "") -> Any:
    """Accounts ▸ Sell a class pack… as the desk fills it."""

    def sell(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Credits", QSpinBox), str(credits))
        type_into(qtbot, field(w, "Price", QLineEdit), "15")
        if expires:
            tick(field(w, "Credits expire"))
            type_date(qtbot, field(w, "Expiry date"), expires)
        press(w, "Sell")

    return sell


def _book(qtbot: Any, window: Any, ctx: AppContext, worker: str, name: str, start: str) -> int:
    """Practice ▸ New session…: a class for the client paid with a credit; its id."""
    before = data.ids(ctx, Session)
    refused: list[str] = []
    with dialogs(_new_class(qtbot, worker, name, start, refused=refused)):
        from_menu(window, "Practice", "New session")
    assert refused == []
    [session] = data.new_rows(ctx, Session, before)
    return int(session.id)


def _ledger(ctx: AppContext, client_id: int) -> list[tuple[LedgerKind, int]]:
    return data.read(ctx, lambda orm: [(e.kind, e.credits) for e in orm.scalars(
        select(CreditEntry).where(CreditEntry.client_id == client_id).order_by(CreditEntry.id))])  # fmt: skip


def _undone(ctx: AppContext, session_id: int) -> list[bool]:
    return data.read(ctx, lambda orm: [u is not None for u in orm.scalars(
        select(Cancellation.undone_at).where(Cancellation.session_id == session_id))])  # fmt: skip


def _service(ctx: AppContext, session_id: int) -> str:
    return data.read(ctx, lambda orm: orm.get(Session, session_id).service.name)


def _spent_said(seen: list[str], then: Any = None) -> Any:
    """The undo dialog: what it says of the spent credit, then `then` answers it (default:
    Cancel)."""

    def answer(w: Any) -> None:
        said = field(w, "Class credits spent since", QLabel)
        seen.append(said.text() if said.isVisible() else "")
        if then is None:
            press(w, "Cancel")
        else:
            then(w)

    return answer


def test_undo_after_the_returned_credit_paid_another_class_says_the_client_will_owe_it(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    client_id, name = _newcomer(demo_ctx)
    worker = _worker(demo_ctx)
    with dialogs(_sell(qtbot, name, 1)):
        from_menu(window, "Accounts", "Sell a class pack")
    first = _book(qtbot, window, demo_ctx, worker, name, "14/4/2026 10:00")

    # The client rings two weeks ahead: no charge, so the credit goes back into the pack…
    with dialogs(client_cancel(qtbot, "Family"), lambda offer: press(offer, "Not now")):
        from_context_menu(window, first, "Cancel…")
    assert _balance(demo_ctx, client_id) == 1
    # … and pays for another class.
    second = _book(qtbot, window, demo_ctx, worker, name, "21/4/2026 10:00")
    assert _balance(demo_ctx, client_id) == 0
    spent = [(LedgerKind.PURCHASE, 1), (LedgerKind.USE, -1), (LedgerKind.REFUND, 1),
             (LedgerKind.USE, -1)]  # fmt: skip
    assert _ledger(demo_ctx, client_id) == spent

    # Undo cancellation… says it before anything is written; Cancel leaves everything as it was.
    owes = OWES.format(name=name, service=_service(demo_ctx, second))
    seen: list[str] = []
    with dialogs(_spent_said(seen)):
        from_context_menu(window, first, "Undo cancellation…")
    assert seen == [owes]
    assert _ledger(demo_ctx, client_id) == spent
    assert _undone(demo_ctx, first) == [False]
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.CANCELLED}

    # Undone: booked back in, and the client owes the credit — which the window says after.
    window.statusBar().clearMessage()
    with dialogs(_spent_said(seen, undo_with(qtbot, "Coming after all"))):
        from_context_menu(window, first, "Undo cancellation…")
    assert seen == [owes, owes]
    assert window.statusBar().currentMessage().endswith(OWED_AFTER.format(name=name))
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.BOOKED}
    assert data.booking_statuses(demo_ctx, second) == {name: BookingStatus.BOOKED}
    assert _undone(demo_ctx, first) == [True]
    assert _ledger(demo_ctx, client_id) == [*spent, (LedgerKind.REFUND_REVERSAL, -1)]
    assert _balance(demo_ctx, client_id) == -1
    assert data.count(demo_ctx, AuditEvent, AuditEvent.action == "session.undo_cancellation",
                      AuditEvent.session_id == first) == 1  # fmt: skip

    # The account says what is owed, never 0 credits left.
    rows = _account_rows(qtbot, window, name, tmp_path)
    assert rows[4] == ("Refund reversed", "-1", "-1")
    assert "owes 1 class credit(s)" in rows[-1][1] and "credits left" not in rows[-1][1]


def test_undo_takes_a_spent_credit_from_another_pack_and_says_how_many_are_left(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "manager")
    client_id, name = _newcomer(demo_ctx)
    worker = _worker(demo_ctx)
    with dialogs(_sell(qtbot, name, 1, "15/4/2026")):
        from_menu(window, "Accounts", "Sell a class pack")
    first = _book(qtbot, window, demo_ctx, worker, name, "14/4/2026 10:00")
    with dialogs(client_cancel(qtbot, "Family"), lambda offer: press(offer, "Not now")):
        from_context_menu(window, first, "Cancel…")
    second = _book(qtbot, window, demo_ctx, worker, name, "15/4/2026 10:00")
    with dialogs(_sell(qtbot, name, 3)):
        from_menu(window, "Accounts", "Sell a class pack")
    assert _balance(demo_ctx, client_id) == 3

    seen: list[str] = []
    with dialogs(_spent_said(seen, undo_with(qtbot, "Coming after all"))):
        from_context_menu(window, first, "Undo cancellation…")
    service = _service(demo_ctx, second)
    assert seen == [
        f"{name}'s returned class credit has since paid for Wed 15 Apr 10:00 {service}. Undoing "
        f"books {name} back in and takes one of their other class credits instead (2 left)."
    ]
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.BOOKED}
    # Taken from the pack that has it (no expiry), not left owing in the spent one.
    reversal = data.read(demo_ctx, lambda orm: [(e.credits, e.expires_on) for e in orm.scalars(
        select(CreditEntry).where(CreditEntry.client_id == client_id,
                                  CreditEntry.kind == LedgerKind.REFUND_REVERSAL))])  # fmt: skip
    assert reversal == [(-1, None)]
    assert _balance(demo_ctx, client_id) == 2
    rows = _account_rows(qtbot, window, name, tmp_path)
    assert "credits left: 2" in rows[-1][1]


def test_undoing_a_bulk_cancellation_whose_credit_was_spent_says_so_in_its_question(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(demo_ctx, "admin")
    client_id, name = _newcomer(demo_ctx)
    worker = _worker(demo_ctx)
    with dialogs(_sell(qtbot, name, 1)):
        from_menu(window, "Accounts", "Sell a class pack")
    first = _book(qtbot, window, demo_ctx, worker, name, "2/4/2026 06:30")

    def bulk(w: Any) -> None:
        choose(field(w, "Worker", QComboBox), worker)
        press(w, "Select none")
        table: QTableView = field(w, "Sessions to cancel", QTableView)
        rows = [table.model().row(r) for r in range(table.model().rowCount())]
        row = next(r for r, line in enumerate(rows) if line.session_id == first)
        index = table.model().index(row, 0)
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(index).center())  # fmt: skip
        QTest.keyClick(table.viewport(), Qt.Key.Key_Space)
        choose(field(w, "Reason", QComboBox), "Practice: Practice closure")
        press(w, GO)

    def ok(w: Any) -> None:
        assert isinstance(w, QMessageBox)
        press(w, "OK")

    with dialogs(
        bulk, save_as(tmp_path / "closure.csv"), lambda w: press(w, "Cancel sessions"), ok
    ):
        from_menu(window, "Schedule", "Bulk cancel")
    assert _balance(demo_ctx, client_id) == 1
    second = _book(qtbot, window, demo_ctx, worker, name, "21/4/2026 10:00")
    assert _balance(demo_ctx, client_id) == 0
    before = _ledger(demo_ctx, client_id)

    jobs = window.installed.jobs
    jobs.table.selectRow(0)
    owes = OWES.format(name=name, service=_service(demo_ctx, second))
    said: list[str] = []

    def keep(w: Any) -> None:  # the safe answer first: nothing is undone
        said.append(field(w, "What this does", QLabel).text())
        press(w, "Keep cancelled")

    with dialogs(keep):
        QTest.mouseClick(button(jobs, "Undo job"), Qt.MouseButton.LeftButton)
    assert f"• {owes}" in said[0].split("\n")
    assert _ledger(demo_ctx, client_id) == before
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.CANCELLED}

    def undo(w: Any) -> None:
        type_into(qtbot, w.findChild(QLineEdit), "Car park open again")
        press(w, "Undo job")

    with dialogs(undo, ok):
        QTest.mouseClick(button(jobs, "Undo job"), Qt.MouseButton.LeftButton)
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.BOOKED}
    assert _ledger(demo_ctx, client_id) == [*before, (LedgerKind.REFUND_REVERSAL, -1)]
    assert _balance(demo_ctx, client_id) == -1


def test_undo_from_the_text_replies_queue_says_the_spent_credit_first_and_what_is_owed_after(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    client_id, name = _newcomer(demo_ctx)
    worker = _worker(demo_ctx)
    with dialogs(_sell(qtbot, name, 1)):
        from_menu(window, "Accounts", "Sell a class pack")
    first = _book(qtbot, window, demo_ctx, worker, name, "14/4/2026 10:00")
    # The client texts "C" two weeks ahead: no charge, so the credit goes back into the pack…
    reply_id, texted = _text_c(demo_ctx, first)
    assert texted == name
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.CANCELLED}
    assert _balance(demo_ctx, client_id) == 1
    # … and pays for another class.
    second = _book(qtbot, window, demo_ctx, worker, name, "21/4/2026 10:00")
    assert _balance(demo_ctx, client_id) == 0
    before = _ledger(demo_ctx, client_id)

    from_menu(window, "Tools", "Text replies…")
    [view] = window.findChildren(RepliesView)
    assert view.select_reply(reply_id) and view.undo_button.isEnabled()
    owes = OWES.format(name=name, service=_service(demo_ctx, second))
    said: list[str] = []

    def keep(w: Any) -> None:  # Enter keeps it cancelled: nothing is undone
        said.append(field(w, "What this does", QLabel).text())
        press_default(w)

    with dialogs(keep):
        press(view, "Undo")
    assert said and said[0].split("\n")[0] == f"• {owes}"  # the same sentence, said first
    assert _ledger(demo_ctx, client_id) == before
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.CANCELLED}

    window.statusBar().clearMessage()
    with dialogs(lambda w: press(w, "Undo cancellation")):
        press(view, "Undo")
    assert window.statusBar().currentMessage().endswith(OWED_AFTER.format(name=name))
    assert data.booking_statuses(demo_ctx, first) == {name: BookingStatus.BOOKED}
    assert _undone(demo_ctx, first) == [True]
    assert _ledger(demo_ctx, client_id) == [*before, (LedgerKind.REFUND_REVERSAL, -1)]
    assert _balance(demo_ctx, client_id) == -1
