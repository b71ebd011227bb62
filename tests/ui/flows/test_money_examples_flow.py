"""A euro practice walked through the real window: an amount typed that is not money, or that is
not more than nothing, is refused with the practice's own currency in the sentence — never a
dollar example the desk has no use for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from sqlalchemy import select

from app import i18n
from app.bootstrap import AppContext
from app.models import Client, CreditEntry, Payment
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
def euro_practice() -> Iterator[None]:
    """The practice keeps its books in euros, written the French way ("1 234,50 €")."""
    i18n.use_practice("fr_FR", "EUR")
    yield
    i18n.use_practice(None, None)


def _shown(dialog: QWidget) -> str:
    return "\n".join(lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.isVisible())


def test_a_pack_price_that_is_not_money_is_refused_with_a_euro_example(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, euro_practice: None
) -> None:
    client_id, name = data.read(demo_ctx, _first_client)
    before = _ledger(demo_ctx, client_id)
    window = open_window(demo_ctx, "reception")
    refusals: list[str] = []

    def sell(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Price", QLineEdit), "ten euros")
        press(w, "Sell")
        assert w.isVisible(), "sold a pack at a price nobody typed"
        refusals.append(w.error.text())
        press(w, "Cancel")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    [refusal] = refusals
    assert "is not an amount of money" in refusal
    # The example is one the field reads back, written as the practice writes amounts.
    assert "1\u202f234,50\xa0€" in refusal and "$" not in refusal, refusal
    assert _ledger(demo_ctx, client_id) == before


def test_a_payment_of_nothing_is_refused_in_euros(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, euro_practice: None
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)
    refusals: list[str] = []

    def take_payment(w: Any) -> None:
        type_into(qtbot, field(w, "Amount", QLineEdit), "-95")
        press(w, "Record payment")
        assert w.isVisible(), "a negative payment was recorded"
        refusals.append(_shown(w))
        press(w, "Cancel")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")
    [refusal] = refusals
    assert "must be more than 0,00\xa0€" in refusal and "$" not in refusal, refusal
    paid = data.read(
        demo_ctx, lambda o: list(o.scalars(select(Payment).where(Payment.session_id == sid)))
    )
    assert paid == []


def _first_client(orm: Any) -> tuple[int, str]:
    client = orm.scalars(
        select(Client).where(Client.active.is_(True)).order_by(Client.last_name, Client.id)
    ).first()
    return client.id, client.display_name


def _ledger(ctx: AppContext, client_id: int) -> list[int]:
    return data.read(
        ctx,
        lambda orm: list(
            orm.scalars(select(CreditEntry.id).where(CreditEntry.client_id == client_id))
        ),
    )


def test_a_correction_of_nothing_and_a_claim_of_nothing_are_refused_in_euros(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, euro_practice: None
) -> None:
    sid = data.future_individual(demo_ctx)
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)
    refusals: list[str] = []

    def correct(w: Any) -> None:
        choose(field(w, "What", QComboBox), "Correction")
        type_into(qtbot, field(w, "Amount", QLineEdit), "0")
        type_into(qtbot, field(w, "Note", QLineEdit), "Typed in error")
        press(w, "Record adjustment")
        assert w.isVisible(), "a correction of nothing was posted"
        refusals.append(_shown(w))
        press(w, "Cancel")

    def bill(w: Any) -> None:
        type_into(qtbot, field(w, "Insurer or funder", QLineEdit), "Mutuelle")
        type_into(qtbot, field(w, "Claim number", QLineEdit), "MU-1")
        type_into(qtbot, field(w, "Amount", QLineEdit), "0")
        press(w, "Mark billed")
        assert w.isVisible(), "a claim of nothing went on to be marked"
        refusals.append(w.error.text())
        press(w, "Cancel")

    with dialogs(correct):
        from_context_menu(window, sid, "Take payment…")
    with dialogs(bill):
        from_context_menu(window, sid, "Mark billed to insurer…")
    corrected, billed = refusals
    assert "A correction of 0,00\xa0€ changes nothing" in corrected and "$" not in corrected
    assert "must be more than 0,00\xa0€" in billed and "$" not in billed, billed


def test_a_payment_typed_with_a_decimal_comma_is_recorded_and_one_that_reads_two_ways_is_not(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, euro_practice: None
) -> None:
    sid = data.future_individual(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    window = open_window(demo_ctx, "manager")
    click_session(qtbot, window, sid)
    refusals: list[str] = []

    def take_payment(w: Any) -> None:
        type_into(qtbot, field(w, "Amount", QLineEdit), "1,500")  # 1.5 € or 1500 €?
        press(w, "Record payment")
        assert w.isVisible(), "an amount that reads two ways was recorded"
        refusals.append(_shown(w))
        type_into(qtbot, field(w, "Amount", QLineEdit), "95,50")
        press(w, "Record payment")

    with dialogs(take_payment):
        from_context_menu(window, sid, "Take payment…")
    [refusal] = refusals
    assert "“1,500” could be read two ways; type 1500 for that many whole units" in refusal
    paid = data.read(
        demo_ctx,
        lambda o: list(o.scalars(select(Payment.amount_cents).where(Payment.session_id == sid))),
    )
    assert paid == [9550]
