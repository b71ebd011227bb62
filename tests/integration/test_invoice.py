"""A client's invoice for a period lists what the client themselves pays — a plan-managed
participant's sessions and late charges with their support items and claim, addressed to the
plan manager — takes off what was paid, and is refused, saying why, when nothing is theirs to pay."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Payment
from app.models.enums import NdisManagement
from app.services import practice
from app.services.money import payments
from app.services.money.invoice import client_invoice
from app.services.money.invoice_payment import InvoicePaid, pay_invoice
from app.services.money.invoice_pdf import write_invoice_pdf
from app.services.money.payments import PaymentMethod, PaymentRequest
from app.services.sessions.attendance import complete_session
from tests.factory import World, local
from tests.integration.test_ndis_plan_management import _late_cancellation, _managed

APRIL = (date(2026, 4, 1), date(2026, 4, 30))
PAY = "BSB 062-000, account 1234 5678"


def _delivered(world: World, client: int) -> int:
    """A session of an hour on 3 April at $193.99, completed."""
    svc = world.service(code="15_055_0128_1_3", price=19399)
    sid = world.session(world.worker("Worker 2"), svc, local(2026, 4, 3, 9), [client])
    world.clock.set(local(2026, 4, 3, 10, 30))
    world.run(world.reception, lambda uow: complete_session(uow, sid))
    return sid


def test_a_plan_managed_participants_invoice_lists_each_session_with_its_claim(
    world: World, tmp_path: Path
) -> None:
    client = world.client("Pia Plan")
    _managed(world, client, NdisManagement.PLAN)
    late, charge = _late_cancellation(world, client, 9)
    done = _delivered(world, client)
    paid = PaymentRequest(done, client, PaymentMethod.BANK_TRANSFER, 10000, date(2026, 4, 3))
    world.run(world.reception, lambda uow: payments.post_payment(uow, paid))
    inv = world.read(lambda uow: client_invoice(uow, client, *APRIL))
    assert inv.number == f"FD-INV-{client}-20260401-20260430"
    assert inv.addressed_to.startswith("The plan manager of Pia Plan (NDIS participant")
    assert [(x.session_id, x.what, x.amount_cents) for x in inv.lines] == [
        (late, "late cancellation charge", charge),
        (done, "session delivered", 19399),
    ]
    assert inv.lines[0].claim.startswith("CANC ") and inv.lines[1].claim == ""
    assert inv.lines[1].support_item == "15_055_0128_1_3"
    assert (inv.total_cents, inv.paid_cents) == (charge + 19399, 10000)
    assert inv.due_cents == charge + 19399 - 10000
    pdf = tmp_path / "invoice.pdf"
    saved = world.read(lambda uow: write_invoice_pdf(uow, client, *APRIL, pdf))
    assert saved.count == 2 and "due $" in saved.message
    assert "payment details are not set" in saved.message  # nothing says how to pay yet
    world.run(world.admin, lambda uow: setattr(practice.settings(uow), "invoice_payment", PAY))
    saved = world.read(lambda uow: write_invoice_pdf(uow, client, *APRIL, pdf))
    assert "payment details" not in saved.message
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    assert f"Invoice FD-INV-{client}-20260401-20260430" in text
    assert "To: The plan manager of Pia Plan" in text
    assert "15_055_0128_1_3" in text and "Balance due" in text
    assert f"How to pay: {PAY}" in text


def test_an_agency_managed_participant_has_nothing_to_invoice(world: World) -> None:
    client = world.client("Ava Agency")
    _late_cancellation(world, client, 9)  # claimed from the NDIA, not theirs to pay
    with pytest.raises(ValidationError, match="Nothing to invoice: no session of Ava Agency"):
        world.read(lambda uow: client_invoice(uow, client, *APRIL))


def test_a_self_managed_participants_invoice_is_addressed_to_them(world: World) -> None:
    client = world.client("Sam Self")
    _managed(world, client, NdisManagement.SELF)
    _late_cancellation(world, client, 9)
    inv = world.read(lambda uow: client_invoice(uow, client, *APRIL))
    assert inv.addressed_to.startswith("Sam Self (self-managed NDIS participant")
    assert len(inv.lines) == 1


def test_a_payment_of_an_invoice_is_recorded_session_by_session_oldest_first(
    world: World,
) -> None:
    """The plan manager pays part of the invoice: its first session in full, the rest on the
    next; more than is due, nothing, or a method the desk does not know is refused and
    records nothing; paid in full, the invoice has nothing more due."""
    client = world.client("Pia Plan")
    _managed(world, client, NdisManagement.PLAN)
    late, charge = _late_cancellation(world, client, 9)
    done = _delivered(world, client)
    day = date(2026, 4, 3)

    def pay(cents: int, method: object = PaymentMethod.BANK_TRANSFER) -> InvoicePaid:
        return world.run(world.reception, lambda uow: pay_invoice(
            uow, client, *APRIL, method, cents, day, "REM-1"))  # type: ignore[arg-type]  # fmt: skip

    for cents, method, said in (
        (charge + 19399 + 1, PaymentMethod.BANK_TRANSFER, "is more than the"),
        (0, PaymentMethod.BANK_TRANSFER, r"must be more than \$0\.00"),
        (100, "crypto", "method"),
    ):
        with pytest.raises(ValidationError, match=said):
            pay(cents, method)
    assert world.read(lambda uow: uow.session.scalars(select(Payment)).all()) == []
    paid = pay(charge + 5000)
    assert (paid.sessions, paid.due_cents) == ((late, done), 19399 - 5000)
    assert paid.message.startswith(f"Recorded ${(charge + 5000) / 100:,.2f} against invoice")
    rows = world.read(lambda uow: [(p.session_id, p.amount_cents, p.note, p.reference)
                                   for p in uow.session.scalars(select(Payment).order_by(Payment.id))])  # fmt: skip
    number = f"FD-INV-{client}-20260401-20260430"
    assert rows == [(late, charge, f"Invoice {number}", "REM-1"),
                    (done, 5000, f"Invoice {number}", "REM-1")]  # fmt: skip
    assert pay(19399 - 5000).due_cents == 0
    with pytest.raises(ValidationError, match="is paid in full"):
        pay(100)
