"""Accounts ▸ Amounts owed…, as the practice manager chases payments: the days typed, Save
CSV…, the file named in the save dialog: the plan-managed participant's unpaid late charge is
listed with its age, and the totals under it; Show list shows the same line on screen, and a
double click (or Open account) opens the client's account. The list follows what changes while
it is open, at this desk or another."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.bootstrap import AppContext
from app.models.money import format_money
from app.services.desk import open_desk
from app.services.money.payments import PaymentMethod, PaymentRequest, post_payment
from app.ui.money.owed_dialog import OwedDialog
from tests.ui.flows.driver import dialogs, field, from_menu, press, type_date, type_into
from tests.ui.flows.test_flow_bulk import save_as
from tests.ui.flows.test_flow_invoice import plan_managed_late_charge


def test_the_amounts_owed_list_a_late_charge_until_it_is_paid(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, tmp_path: Path
) -> None:
    late = plan_managed_late_charge(qtbot, demo_ctx, open_window)
    from_menu(late.window, "Accounts", "Amounts owed")
    dialog = late.window.findChild(OwedDialog, "owedDialog")
    assert dialog is not None and dialog.isVisible()
    type_date(qtbot, field(dialog, "From date"), late.day)
    type_date(qtbot, field(dialog, "To date"), late.day)
    path = tmp_path / "owed.csv"
    with dialogs(save_as(path)):
        press(dialog, "Save CSV…")
    qtbot.waitUntil(lambda: "owe" in dialog.status.text() or dialog.error.text(), timeout=10000)
    assert not dialog.error.text(), dialog.error.text()
    assert dialog.status.text().startswith("1 client(s) owe $")
    with path.open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    charge = f"${late.sd.amount_cents / 100:,.2f}"
    assert [(r["Client"], r["Owed"], r["Up to 30 days"]) for r in rows] == [
        (late.name, charge, charge), ("Total", charge, charge)]  # fmt: skip

    # On screen: the same line, and the client's account a double click away.
    press(dialog, "Show list")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and not dialog.busy(), timeout=10000)
    line = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert line[:4] == [late.name, rows[0]["Invoice to"], charge, charge]
    assert dialog.status.text().startswith("1 client(s) owe $")
    opened: list[str] = []

    def account(w: Any) -> None:
        qtbot.waitUntil(lambda: w.account is not None, timeout=5000)
        opened.append(w.account.name)
        press(w, "Close")

    with dialogs(account):
        press(dialog, "Open account")
    assert opened == [late.name]
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and not dialog.busy(), timeout=10000)

    # The plan manager paid part of it, recorded at another desk: a moment after this desk sees
    # the change, the line says what is left.
    other_desk = open_desk(demo_ctx.db, "manager")
    part = late.sd.amount_cents // 2
    other_desk.write(lambda uow: post_payment(uow, PaymentRequest(
        late.session_id, late.client_id, PaymentMethod.BANK_TRANSFER, part, other_desk.now().date())))  # fmt: skip
    late.window.loader.poll()
    left = format_money(late.sd.amount_cents - part)
    qtbot.waitUntil(lambda: dialog.table.item(0, 2).text() == left, timeout=10000)
    assert dialog.table.rowCount() == 1 and dialog.table.currentRow() == 0  # still chosen
    assert dialog.status.text().startswith(f"1 client(s) owe {left}")

    # The rest: from the list to the account, its invoice, the payment recorded; the list
    # follows at once and nobody owes for the days.
    def paid_from_account(w: Any) -> None:
        qtbot.waitUntil(lambda: w.account is not None, timeout=5000)
        opened.append(w.account.name)
        press(w, "Invoice…")
        press(w, "Close")

    def invoice(w: Any) -> None:
        type_date(qtbot, field(w, "From date"), late.day)
        type_date(qtbot, field(w, "To date"), late.day)
        press(w, "Record a payment of it…")
        press(w, "Close")

    def pay(w: Any) -> None:
        rest = late.sd.amount_cents - part
        due = f"{rest // 100}.{rest % 100:02d}"
        type_into(qtbot, field(w, "Amount", QLineEdit), due)
        press(w, "Record payment")

    cell = dialog.table.visualItemRect(dialog.table.item(0, 0)).center()
    with dialogs(paid_from_account, invoice, pay):  # a double click: one click, then the second
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opened == [late.name, late.name]
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10000)
    assert dialog.status.text().startswith("Nobody owes anything for sessions from")
    assert not dialog.error.text()
    dialog.close()
