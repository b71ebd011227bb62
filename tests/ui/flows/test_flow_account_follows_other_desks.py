"""A client's account left open at one desk follows what another desk does: a pack sold to the
client at the reception desk shows in the open account (its line, the credits left, the paid to
date) a moment after this desk sees the change; a sale to another client changes nothing on
screen and the line the person chose stays chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QTableView

from app.bootstrap import AppContext
from app.services.desk import open_desk
from app.services.money.account import account_clients
from app.services.money.packs import PackSale, sell_pack
from app.ui.money.account import AccountDialog
from tests.ui.flows.driver import dialogs, field, from_menu, press, type_into
from tests.ui.flows.test_flow_packs import _newcomer


def _lines(w: AccountDialog) -> list[tuple[str, str]]:
    """The account's lines as shown: what, and the credits."""
    model = field(w, "Account lines", QTableView).model()
    return [(str(model.index(r, 1).data()), str(model.index(r, 2).data()))
            for r in range(model.rowCount())]  # fmt: skip


def test_an_open_account_shows_a_pack_sold_to_its_client_at_another_desk(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id, name = _newcomer(demo_ctx)
    reception = open_desk(demo_ctx.db, "reception")
    other = next(c for c, _n, _left in reception.read(account_clients) if c != client_id)
    reception.write(lambda uow: sell_pack(uow, PackSale(client_id, "Five classes", 5, "90")))
    window = open_window(demo_ctx, "manager")
    seen: dict[str, Any] = {}

    def chooser(w: Any) -> None:
        type_into(qtbot, field(w, "Search", QLineEdit), name)
        press(w, "Open account")

    def account(w: Any) -> None:
        assert isinstance(w, AccountDialog)
        qtbot.waitUntil(lambda: w.account is not None, timeout=5000)
        table = field(w, "Account lines", QTableView)
        seen["before"] = (_lines(w), w.summary.text())
        table.selectRow(0)  # the person reads the first line
        # Another client's pack, sold at the reception desk: nothing here changes.
        reception.write(lambda uow: sell_pack(uow, PackSale(other, "Ten classes", 10, "150")))
        window.loader.poll()
        qtbot.wait(100)
        seen["other"] = (_lines(w), w.summary.text(), table.currentIndex().row())
        # This client's second pack, sold at the reception desk while the account is open here.
        reception.write(lambda uow: sell_pack(uow, PackSale(client_id, "Ten classes", 10, "150")))
        window.loader.poll()
        qtbot.waitUntil(lambda: "credits left: 15" in w.summary.text(), timeout=10000)
        seen["after"] = (_lines(w), w.summary.text())
        press(w, "Close")

    with dialogs(chooser, account):
        from_menu(window, "Accounts", "Client account")
    lines, summary = seen["before"]
    assert len(lines) == 1 and lines[0][1] == "+5" and "credits left: 5" in summary
    assert seen["other"] == (lines, summary, 0)
    after, summary = seen["after"]
    assert after[:1] == lines and len(after) == 2 and after[1][1] == "+10"
    assert "paid to date: $240.00" in summary
