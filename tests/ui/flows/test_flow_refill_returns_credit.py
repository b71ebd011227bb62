"""A client of a full group, who paid their place with a class credit, cancels late: the credit
is kept as the fee. When the waitlist refills the place, the fee is withdrawn — and so the credit
comes back onto their balance, as it would have had nothing been charged; the client's account
says so at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QListWidget, QTableView
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, Cancellation, CreditEntry, Session
from app.models.enums import LedgerKind, PaidWith
from app.ui.money.account import AccountDialog
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, field, from_context_menu, from_menu, press, type_into
from tests.ui.flows.test_flow_client_cancel import _wait_for_any_place, client_cancel


def _paid_with_a_credit(ctx: AppContext, session_id: int) -> tuple[int, int, str]:
    """The group's first client bought a 10-class pack and paid this place with one credit:
    (booking, client, name)."""

    def pay(orm: Any) -> tuple[int, int, str]:
        session = orm.get(Session, session_id)
        b = min(session.bookings, key=lambda x: x.id)
        now = ctx.db.clock()
        orm.execute(CreditEntry.__table__.delete().where(CreditEntry.client_id == b.client_id))
        b.paid_with, b.credits_used = PaidWith.CREDITS, 1
        orm.add_all([
            CreditEntry(client_id=b.client_id, kind=LedgerKind.PURCHASE, credits=10,
                        amount_cents=15000, created_at=now, note="10-class pack"),
            CreditEntry(client_id=b.client_id, booking_id=b.id, kind=LedgerKind.USE, credits=-1,
                        amount_cents=0, created_at=now, note="Class"),
        ])  # fmt: skip
        orm.commit()
        return b.id, b.client_id, b.client.display_name

    return data.read(ctx, pay)


def _balance(ctx: AppContext, client_id: int) -> int:
    return data.read(ctx, lambda orm: int(orm.scalar(
        select(func.coalesce(func.sum(CreditEntry.credits), 0))
        .where(CreditEntry.client_id == client_id))))  # fmt: skip


def test_a_credit_kept_as_a_late_fee_comes_back_when_the_place_is_refilled(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    booking, client_id, name = _paid_with_a_credit(demo_ctx, sid)
    waiting = _wait_for_any_place(demo_ctx, sid)
    assert _balance(demo_ctx, client_id) == 9
    window = open_window(demo_ctx, "manager")
    seen: list[str] = []

    def offer(w: Any) -> None:
        field(w, "Waiting clients who fit", QTableView).selectRow(0)
        press(w, "Book selected client")

    def refilled(box: Any) -> None:
        assert f"{name}'s cancellation charge of $" in box.text() and "was withdrawn" in box.text()
        assert "The 1 credit(s) it kept went back onto their balance." in box.text()
        press(box, "OK")

    with dialogs(client_cancel(qtbot, "Health", clients=(name,), seen=seen), offer, refilled):
        from_context_menu(window, sid, "Cancel…")
    assert "$" in seen[0]  # short notice: the review showed a charge, which keeps the credit
    assert waiting in data.booking_statuses(demo_ctx, sid)

    (cancellation,) = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Cancellation.id).where(Cancellation.session_id == sid))))  # fmt: skip
    refunds = data.read(demo_ctx, lambda orm: [(e.credits, e.cancellation_id) for e in orm.scalars(
        select(CreditEntry).where(CreditEntry.booking_id == booking,
                                  CreditEntry.kind == LedgerKind.REFUND))])  # fmt: skip
    assert refunds == [(1, cancellation)]
    assert _balance(demo_ctx, client_id) == 10

    shown: dict[str, str] = {}

    def chooser(w: Any) -> None:
        type_into(qtbot, field(w, "Search", QLineEdit), name)
        assert field(w, "Clients", QListWidget).currentItem().text().startswith(name)
        press(w, "Open account")

    def account(w: Any) -> None:
        assert isinstance(w, AccountDialog)
        qtbot.waitUntil(lambda: "credits left" in w.summary.text(), timeout=3000)
        shown["summary"] = w.summary.text()
        press(w, "Close")

    with dialogs(chooser, account):
        from_menu(window, "Accounts", "Client account")
    assert "credits left: 10" in shown["summary"], shown["summary"]
    assert data.read(demo_ctx, lambda orm: orm.get(Booking, booking).paid_with) == PaidWith.CREDITS
