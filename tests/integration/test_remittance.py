"""A plan manager's remittance: the invoices of the days of the participants whose record names
them (in any case), with something due; what it paid recorded against each invoice in one
transaction — one invoice refused, none recorded; amounts below zero, none typed, or for an
invoice no longer theirs refused with a sentence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Payment
from app.models.enums import NdisManagement
from app.services.money.invoice import client_invoice
from app.services.money.payments import PaymentMethod
from app.services.money.remittance import managed_invoices, record_remittance
from tests.factory import World
from tests.integration.test_invoice import APRIL
from tests.integration.test_invoice_batch import _plan_manager
from tests.integration.test_ndis_plan_management import _late_cancellation, _managed
from tests.integration.test_payment_delete_two_desks import _while_open

MANAGER = "Harbour Plan Partners"


def _three(world: World) -> dict[str, tuple[int, int]]:
    """Two participants of the plan manager (the second's record spells it in capitals) and one
    of another, each with a late cancellation charge of 2 April: name → (client, charge)."""
    made = {}
    for hour, (name, manager) in enumerate((("Zoe Plan", MANAGER),
                                            ("Abe Plan", MANAGER.upper()),
                                            ("Cy Coastal", "Coastal Plans")), 9):  # fmt: skip
        client = world.client(name)
        _managed(world, client, NdisManagement.PLAN)
        _plan_manager(world, client, manager, "accounts@plans.example")
        made[name] = (client, _late_cancellation(world, client, hour)[1])
    return made


def _record(world: World, amounts: dict[int, int], manager: str = MANAGER) -> object:
    return world.run(world.reception, lambda uow: record_remittance(
        uow, manager, *APRIL, PaymentMethod.BANK_TRANSFER, date(2026, 4, 1), "REM-1", amounts))  # fmt: skip


def _paid(world: World) -> dict[int, int]:
    rows = world.read(lambda uow: uow.session.execute(
        select(Payment.client_id, func.sum(Payment.amount_cents))
        .where(Payment.reference == "REM-1").group_by(Payment.client_id)).all())  # fmt: skip
    return {client: int(total) for client, total in rows}


def test_the_plan_managers_invoices_and_what_one_remittance_paid_on_each(world: World) -> None:
    made = _three(world)
    (zoe, zoe_due), (abe, abe_due) = made["Zoe Plan"], made["Abe Plan"]
    found = world.read(lambda uow: managed_invoices(uow, MANAGER.lower(), *APRIL))
    assert [(inv.client_name, inv.due_cents) for inv in found] == [
        ("Abe Plan", abe_due),
        ("Zoe Plan", zoe_due),
    ]  # fmt: skip  (name order)
    done = _record(world, {zoe: zoe_due, abe: 1000})
    assert done.total_cents == zoe_due + 1000 and done.due_cents == abe_due - 1000  # type: ignore[attr-defined]
    assert _paid(world) == {zoe: zoe_due, abe: 1000}
    assert world.read(lambda uow: client_invoice(uow, zoe, *APRIL)).due_cents == 0
    # Paid in full, Zoe's invoice is no longer offered; Abe's offers what is left.
    again = world.read(lambda uow: managed_invoices(uow, MANAGER, *APRIL))
    assert [(inv.client_id, inv.due_cents) for inv in again] == [(abe, abe_due - 1000)]


def test_one_invoice_refused_records_none_of_the_remittance(world: World) -> None:
    made = _three(world)
    (zoe, zoe_due), (abe, abe_due) = made["Zoe Plan"], made["Abe Plan"]
    with pytest.raises(ValidationError, match=r"is more than the .* due on invoice FD-INV-"):
        _record(world, {zoe: zoe_due, abe: abe_due + 1})
    assert _paid(world) == {}


@pytest.mark.parametrize(
    ("amounts", "said"),
    [
        ({}, "Type what the remittance paid against at least one invoice"),
        ("zero", "Type what the remittance paid against at least one invoice"),
        ("negative", "cannot be below zero"),
        ("other manager's", "changed since they were shown"),
        ("text", "Type each amount as money"),
    ],
)
def test_what_a_remittance_cannot_record_is_refused_with_a_sentence(
    world: World, amounts: object, said: str
) -> None:
    made = _three(world)
    zoe, cy = made["Zoe Plan"][0], made["Cy Coastal"][0]
    typed = {"zero": {zoe: 0}, "negative": {zoe: -500}, "other manager's": {cy: 500},
             "text": {zoe: "5.00"}}.get(str(amounts), amounts)  # fmt: skip
    with pytest.raises(ValidationError, match=said):
        _record(world, typed)  # type: ignore[arg-type]
    assert _paid(world) == {}


def test_a_plan_manager_with_nothing_due_is_refused_saying_which_days_to_choose(
    world: World,
) -> None:
    _three(world)
    with pytest.raises(ValidationError, match="No invoice from 01 Apr 2026 to 30 Apr 2026 of a "
                                              "participant whose record names Nobody Plans"):  # fmt: skip
        world.read(lambda uow: managed_invoices(uow, "Nobody Plans", *APRIL))
    with pytest.raises(ValidationError, match="Choose the plan manager"):
        world.read(lambda uow: managed_invoices(uow, "  ", *APRIL))


def test_two_desks_recording_one_remittance_record_it_once(world: World) -> None:
    """Two desks record the same remittance at the same moment (PostgreSQL; SQLite desks write
    one at a time): the second waits for the first, then finds the invoices paid and is
    refused — the plan manager's money is recorded once."""
    if world.db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite desks write one at a time: the two recordings cannot overlap")
    made = _three(world)
    (zoe, zoe_due), (abe, abe_due) = made["Zoe Plan"], made["Abe Plan"]
    amounts = {zoe: zoe_due, abe: abe_due}

    def record(uow: Any) -> object:
        return record_remittance(uow, MANAGER, *APRIL, PaymentMethod.BANK_TRANSFER,
                                 date(2026, 4, 1), "REM-1", amounts)  # fmt: skip

    second = _while_open(world, (world.reception, record), (world.reception, record))
    assert isinstance(second, ValidationError), second
    assert str(second).startswith(TWICE), str(second)
    assert _paid(world) == amounts


TWICE = "A remittance with the reference REM-1 was already recorded against invoice FD-INV-"


def test_a_remittance_entered_twice_is_refused_the_second_time(world: World) -> None:
    made = _three(world)
    zoe, abe = made["Zoe Plan"][0], made["Abe Plan"][0]
    _record(world, {zoe: 1000})
    with pytest.raises(ValidationError, match=TWICE + f"{zoe}-20260401-20260430"):
        _record(world, {abe: 1000, zoe: 1000})
    assert _paid(world) == {zoe: 1000}
    # The same advice's part for another invoice, recorded later, goes ahead.
    _record(world, {abe: 1000})
    assert _paid(world) == {zoe: 1000, abe: 1000}
