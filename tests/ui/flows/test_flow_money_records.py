"""Money and records walked through the real window, on the details a receptionist or a manager
gets wrong on a busy day: a date typed that does not read, an amount as the window shows it, two
clients of one name, a note left with Escape."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Client, CreditEntry
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    field,
    from_menu,
    press,
    tick,
    type_date,
    type_into,
)


def _newcomer(ctx: AppContext) -> tuple[int, str]:
    """An active demo client with no ledger lines yet."""

    def pick(orm: Any) -> tuple[int, str]:
        used = select(CreditEntry.client_id)
        client = orm.scalars(
            select(Client)
            .where(Client.active.is_(True), Client.id.not_in(used))
            .order_by(Client.last_name, Client.id)
        ).first()
        return client.id, client.display_name

    return data.read(ctx, pick)


def _lines(ctx: AppContext, client_id: int) -> list[CreditEntry]:
    return data.read(
        ctx,
        lambda orm: list(
            orm.scalars(select(CreditEntry).where(CreditEntry.client_id == client_id))
        ),
    )


def test_a_pack_expiry_typed_that_is_not_a_date_is_never_sold_with_another_expiry(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    window = open_window(demo_ctx, "reception")

    def sell(w: Any) -> None:
        choose(field(w, "Client", QComboBox), name)
        type_into(qtbot, field(w, "Price", QLineEdit), "150")
        tick(field(w, "Credits expire"))
        type_date(qtbot, field(w, "Expiry date"), "31/6/2026")  # June has 30 days
        press(w, "Sell")
        assert w.isVisible(), "sold with an expiry nobody typed"
        assert _lines(demo_ctx, client_id) == []
        assert "The expiry date" in w.error.text() and "no day 31" in w.error.text()
        type_date(qtbot, field(w, "Expiry date"), "30/6/2026")
        press(w, "Sell")

    with dialogs(sell):
        from_menu(window, "Accounts", "Sell a class pack")
    [line] = _lines(demo_ctx, client_id)
    assert str(line.expires_on) == "2026-06-30"
