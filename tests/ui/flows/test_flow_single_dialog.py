"""A double trigger opens one dialog, through the real window with its reads in the background:
Accounts ▸ Sell a class pack… chosen twice in quick succession shows one sale (one pack sold),
and Accounts ▸ Client account… twice shows one “which client” list and then one account; the
second trigger brings the open one to the front instead of opening another over it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QListWidget, QSpinBox
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client, CreditEntry, Payment
from app.models.enums import BookingStatus, LedgerKind
from app.ui.money.account import AccountDialog, ClientChooser
from app.ui.money.pack_dialog import PackDialog
from app.ui.money.payment_dialog import PaymentDialog
from app.ui.sessions.cancel_wizard import CancelWizard
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    click_session,
    dialogs,
    field,
    from_context_menu,
    from_menu,
    press,
    type_into,
)


@pytest.fixture
def in_background(open_window: Any, demo_ctx: AppContext) -> Iterator[Any]:
    """The window with its reads and writes on the thread pool, as at the desk: a dialog opens
    only when its read arrives, so a second trigger can come before the first dialog shows."""
    window = open_window(demo_ctx, "admin")
    window.runner.synchronous = False
    yield window
    window.runner.wait()
    window.runner.synchronous = True


def _settled(qtbot: Any, window: Any, seen: list[Any], count: int) -> None:
    """Wait until `count` dialogs were answered and closed and every read has arrived."""
    qtbot.waitUntil(lambda: len(seen) >= count and not any(w.isVisible() for w in seen),
                    timeout=10_000)  # fmt: skip
    assert window.runner.wait(10_000)
    qtbot.wait(100)  # the last queued answers are delivered (and would open what they open)
    assert QApplication.activeModalWidget() is None


def _client(ctx: AppContext) -> tuple[int, str]:
    def pick(orm: Any) -> tuple[int, str]:
        client = orm.scalars(select(Client).where(Client.active.is_(True))
                             .order_by(Client.last_name, Client.id)).first()  # fmt: skip
        return client.id, client.display_name

    return data.read(ctx, pick)


def _purchases(ctx: AppContext, client_id: int) -> list[CreditEntry]:
    return data.read(ctx, lambda orm: list(orm.scalars(select(CreditEntry).where(
        CreditEntry.client_id == client_id, CreditEntry.kind == LedgerKind.PURCHASE))))  # fmt: skip


def test_sell_a_class_pack_chosen_twice_opens_one_sale(
    qtbot: Any, demo_ctx: AppContext, in_background: Any
) -> None:
    window = in_background
    client_id, name = _client(demo_ctx)
    before = len(_purchases(demo_ctx, client_id))

    def sell(w: Any) -> None:
        assert isinstance(w, PackDialog)
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Credits", QSpinBox), "5")
        type_into(qtbot, field(w, "Price", QLineEdit), "80")
        press(w, "Sell")

    with dialogs(sell) as seen:
        from_menu(window, "Accounts", "Sell a class pack")
        from_menu(window, "Accounts", "Sell a class pack")  # a double click on the menu entry
        _settled(qtbot, window, seen, 1)
    assert len(seen) == 1
    sold = _purchases(demo_ctx, client_id)
    assert len(sold) == before + 1
    assert (sold[-1].credits, sold[-1].amount_cents) == (5, 8000)


def test_client_account_chosen_twice_opens_one_list_and_one_account(
    qtbot: Any, demo_ctx: AppContext, in_background: Any
) -> None:
    window = in_background
    _client_id, name = _client(demo_ctx)

    def which(w: Any) -> None:
        assert isinstance(w, ClientChooser)
        type_into(qtbot, field(w, "Search", QLineEdit), name)
        assert field(w, "Clients", QListWidget).currentItem().text().startswith(name)
        press(w, "Open account")

    def account(w: Any) -> None:
        assert isinstance(w, AccountDialog)
        qtbot.waitUntil(lambda: name in w.summary.text(), timeout=10_000)
        press(w, "Close")

    with dialogs(which, account) as seen:
        from_menu(window, "Accounts", "Client account")
        from_menu(window, "Accounts", "Client account")  # a double click on the menu entry
        _settled(qtbot, window, seen, 2)
    assert [type(w) for w in seen] == [ClientChooser, AccountDialog]


def test_take_payment_chosen_twice_opens_one_dialog_and_takes_one_payment(
    qtbot: Any, demo_ctx: AppContext, in_background: Any
) -> None:
    """A session's dialogs (here Take payment…) open one at a time: the second trigger's read
    arrives while the first dialog is open and brings that one to the front."""
    window = in_background
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    click_session(qtbot, window, sid)

    def take_payment(w: Any) -> None:
        assert isinstance(w, PaymentDialog)
        choose(field(w, "Method", QComboBox), "EFTPOS")
        type_into(qtbot, field(w, "Amount", QLineEdit), "95.00")
        press(w, "Record payment")

    with dialogs(take_payment) as seen:
        from_context_menu(window, sid, "Take payment…")
        from_context_menu(window, sid, "Take payment…")  # the entry chosen again at once
        _settled(qtbot, window, seen, 1)
    assert len(seen) == 1
    taken = data.read(demo_ctx, lambda orm: [p.amount_cents for p in orm.scalars(
        select(Payment).where(Payment.session_id == sid))])  # fmt: skip
    assert taken == [9500]


def test_cancel_chosen_twice_opens_one_wizard(
    qtbot: Any, demo_ctx: AppContext, in_background: Any
) -> None:
    window = in_background
    sid = data.future_individual(demo_ctx)
    click_session(qtbot, window, sid)

    def cancel(w: Any) -> None:
        assert isinstance(w, CancelWizard)
        press(w, "Cancel")

    with dialogs(cancel) as seen:
        from_context_menu(window, sid, "Cancel…")
        from_context_menu(window, sid, "Cancel…")
        _settled(qtbot, window, seen, 1)
    assert len(seen) == 1
    assert set(data.booking_statuses(demo_ctx, sid).values()) == {BookingStatus.BOOKED}
