"""A plan manager's remittance, as reception records it when the bank statement shows one
transfer paying several participants' invoices (Accounts ▸ Record a plan manager's
remittance…, the plan manager chosen by its name, Show invoices, the amounts typed or Pay each
in full, the reference typed, Record remittance): a payment of each invoice, session by session,
noted with the invoice's number and carrying the reference; the participants of another plan
manager are not offered; nothing typed, or more than an invoice's due, is refused with a
sentence and records nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import func, select

from app.bootstrap import AppContext
from app.models import Booking, Client, Payment, ServiceDelivered, Session
from app.models.enums import BookingStatus, Funding, NdisManagement, SdKind
from app.services.desk import open_desk
from app.services.money.invoice import client_invoice
from app.services.money.invoice_payment import pay_invoice
from app.services.money.payments import PaymentMethod
from app.ui.money.remittance_dialog import RemittanceDialog
from tests.ui.flows import data
from tests.ui.flows.driver import (
    button,
    choose,
    entries,
    field,
    focused,
    from_menu,
    keys,
    press,
    type_into,
)

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
MANAGER = "Harbour Plan Partners"


def _plan_managed(ctx: AppContext, manager: str, skip: set[int]) -> int:
    """An agency-managed participant of the demo with sessions delivered in March, made
    plan-managed by `manager` (as the client form saves it)."""

    def change(orm: Any) -> int:
        found = orm.scalars(
            select(Client.id)
            .join(Booking, Booking.client_id == Client.id)
            .join(ServiceDelivered, ServiceDelivered.booking_id == Booking.id)
            .join(Session, Session.id == Booking.session_id)
            .where(Client.funding == Funding.NDIS,
                   Client.ndis_management == NdisManagement.AGENCY,
                   Client.id.not_in(skip), Booking.status == BookingStatus.ATTENDED,
                   ServiceDelivered.kind == SdKind.DELIVERED,
                   Session.starts_at >= ctx.db.clock().replace(month=3, day=1))
            .order_by(Client.id)
        ).first()  # fmt: skip
        client = orm.get(Client, found)
        client.ndis_management = NdisManagement.PLAN
        client.plan_manager, client.plan_manager_email = manager, "accounts@plans.example"
        orm.commit()
        return int(found)

    return data.read(ctx, change)


def _due(ctx: AppContext, client_id: int) -> int:
    desk = open_desk(ctx.db, "admin")
    return desk.read(lambda uow: client_invoice(uow, client_id, *MARCH)).due_cents


def _chloe(ctx: AppContext) -> int:
    """The demo's plan-managed participant of MANAGER."""
    return int(data.read(ctx, lambda orm: orm.scalars(
        select(Client.id).where(Client.plan_manager == MANAGER)).one()))  # fmt: skip


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def test_one_transfer_pays_the_invoices_of_several_participants(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    ctx = demo_ctx
    chloe = _chloe(ctx)
    # The same business typed in other letters on the second record; another plan manager's
    # participant is not theirs to pay.
    second = _plan_managed(ctx, MANAGER.lower(), {chloe})
    _plan_managed(ctx, "Coastal Plan Management", {chloe, second})
    due = {chloe: _due(ctx, chloe), second: _due(ctx, second)}
    assert min(due.values()) > 0
    before = data.count(ctx, Payment)

    window = open_window(ctx, "reception")
    from_menu(window, "Accounts", "Record a plan manager's remittance")
    dialog = window.findChild(RemittanceDialog, "remittanceDialog")
    assert dialog is not None and dialog.isVisible()
    managers = field(dialog, "Plan manager", QComboBox)
    qtbot.waitUntil(lambda: managers.count() >= 2, timeout=5000)
    assert entries(managers) == ["Coastal Plan Management", MANAGER]
    choose(managers, MANAGER)
    # Opened on last month: the days the month's invoices were made for.
    assert field(dialog, "From date").text() == "Sun 01 Mar 2026"
    assert field(dialog, "To date").text() == "Tue 31 Mar 2026"
    press(dialog, "Show invoices")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
    numbers = [dialog.table.item(row, 0).text() for row in range(2)]
    names = data.read(ctx, lambda orm: {orm.get(Client, c).display_name: c for c in due})
    assert sorted(numbers) == sorted(f"FD-INV-{c}-20260301-20260331" for c in due)
    assert {dialog.table.item(row, 1).text() for row in range(2)} == set(names)

    press(dialog, "Record remittance")  # nothing typed
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=5000)
    assert dialog.error.text().startswith(
        "Type what the remittance paid against at least one invoice"
    ), dialog.error.text()
    first, other = (int(n.split("-")[2]) for n in numbers)
    type_into(qtbot, field(dialog, f"Paid against {numbers[0]}", QLineEdit),
              _money(due[first] + 100))  # fmt: skip
    press(dialog, "Record remittance")
    qtbot.waitUntil(lambda: "is more than the" in dialog.error.text(), timeout=5000)
    assert numbers[0] in dialog.error.text()
    assert data.count(ctx, Payment) == before  # nothing of it recorded

    # By keyboard: Show invoices left the first amount ready to type; Tab goes down the
    # amounts, then on to Pay each in full and the rest.
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=3000)
    field(dialog, f"Paid against {numbers[0]}", QLineEdit).setFocus()
    field(dialog, f"Paid against {numbers[0]}", QLineEdit).clear()
    keys("Tab")
    assert focused().accessibleName() == f"Paid against {numbers[1]}"
    keys("Tab")
    assert focused() is button(dialog, "Pay each in full")
    keys("Space")  # Pay each in full
    assert field(dialog, f"Paid against {numbers[0]}", QLineEdit).text() == _money(due[first])
    part = due[other] // 2
    type_into(qtbot, field(dialog, f"Paid against {numbers[1]}", QLineEdit), _money(part))
    assert dialog.total.text() == f"Total: ${(due[first] + part) / 100:,.2f}"
    type_into(qtbot, field(dialog, "Reference", QLineEdit), "HPP-REM-0331")
    press(dialog, "Record remittance")
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Recorded"), timeout=10000)
    assert not dialog.error.text(), dialog.error.text()
    assert dialog.status.text() == (
        f"Recorded ${(due[first] + part) / 100:,.2f} from {MANAGER} against 2 invoice(s); "
        f"${(due[other] - part) / 100:,.2f} is still due on them."
    )
    # What is still due: the invoice paid in part, alone.
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and not dialog.busy(), timeout=10000)
    assert dialog.table.item(0, 0).text() == numbers[1]
    assert dialog.table.item(0, 2).text() == f"${(due[other] - part) / 100:,.2f}"

    # The same advice typed in again: refused, nothing more recorded.
    recorded = data.count(ctx, Payment)
    assert field(dialog, "Reference", QLineEdit).text() == ""  # cleared for the next advice
    type_into(qtbot, field(dialog, f"Paid against {numbers[1]}", QLineEdit), "1.00")
    type_into(qtbot, field(dialog, "Reference", QLineEdit), "hpp-rem-0331")
    press(dialog, "Record remittance")
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=5000)
    assert dialog.error.text().startswith(
        f"A remittance with the reference hpp-rem-0331 was already recorded against invoice "
        f"{numbers[1]}"
    ), dialog.error.text()
    assert data.count(ctx, Payment) == recorded

    paid = data.read(ctx, lambda orm: orm.execute(
        select(Payment.client_id, func.sum(Payment.amount_cents), func.min(Payment.reference),
               func.min(Payment.note), func.min(Payment.method))
        .where(Payment.reference == "HPP-REM-0331").group_by(Payment.client_id)).all())  # fmt: skip
    assert {row[0]: row[1] for row in paid} == {first: due[first], other: part}
    notes = {row[0]: row[3] for row in paid}
    assert notes[first] == f"Invoice {numbers[0]}" and notes[other] == f"Invoice {numbers[1]}"
    assert {row[4] for row in paid} == {"bank transfer"}
    assert _due(ctx, first) == 0 and _due(ctx, other) == due[other] - part


def test_what_is_due_follows_a_payment_made_at_another_desk_and_the_amounts_typed_stay(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    ctx = demo_ctx
    chloe = _chloe(ctx)
    second = _plan_managed(ctx, MANAGER, {chloe})
    due = {chloe: _due(ctx, chloe), second: _due(ctx, second)}
    window = open_window(ctx, "reception")
    from_menu(window, "Accounts", "Record a plan manager's remittance")
    dialog = window.findChild(RemittanceDialog, "remittanceDialog")
    assert dialog is not None
    managers = field(dialog, "Plan manager", QComboBox)
    qtbot.waitUntil(lambda: managers.count() >= 1, timeout=5000)
    choose(managers, MANAGER)
    press(dialog, "Show invoices")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and not dialog.busy(), timeout=10000)
    numbers = [dialog.table.item(row, 0).text() for row in range(2)]
    first, other = (int(n.split("-")[2]) for n in numbers)
    type_into(qtbot, field(dialog, f"Paid against {numbers[0]}", QLineEdit), "12.34")

    # The plan manager paid part of the other invoice by card at the front desk's other desk.
    part = due[other] // 3
    desk = open_desk(ctx.db, "manager")
    desk.write(lambda uow: pay_invoice(uow, other, *MARCH, PaymentMethod.CARD, part, MARCH[1]))
    window.loader.poll()
    left = f"${(due[other] - part) / 100:,.2f}"
    qtbot.waitUntil(lambda: dialog.table.item(1, 2).text() == left, timeout=10000)
    assert [dialog.table.item(row, 0).text() for row in range(2)] == numbers
    assert field(dialog, f"Paid against {numbers[0]}", QLineEdit).text() == "12.34"
    assert dialog.table.item(0, 2).text() == f"${due[first] / 100:,.2f}"
    assert dialog.status.text().startswith("What is due on these invoices changed meanwhile")

    # Paid in full elsewhere: the invoice leaves the list; the amount typed on the other stays.
    desk.write(lambda uow: pay_invoice(
        uow, other, *MARCH, PaymentMethod.CARD, due[other] - part, MARCH[1]))  # fmt: skip
    window.loader.poll()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
    assert dialog.table.item(0, 0).text() == numbers[0]
    assert field(dialog, f"Paid against {numbers[0]}", QLineEdit).text() == "12.34"
    assert dialog.total.text() == "Total: $12.34"
    dialog.close()
