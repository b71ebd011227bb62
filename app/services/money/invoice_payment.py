"""A payment of an invoice: what a plan manager (or a client) paid against it, recorded as one
payment per session of the invoice, oldest first, until the amount is used up.

Each is the payment *Take payment* records (`payments.post_payment`: audited, in the
client's account), with the invoice's number as its note, in one transaction: a refusal
records none of them. More than the invoice's balance due is refused, saying what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import translate
from app.models import Client
from app.models.money import format_money
from app.services.dto import ChangeSet
from app.services.money.invoice import Invoice, client_invoice
from app.services.money.payments import (
    PaymentMethod,
    PaymentRequest,
    checked_payment,
    post_payment,
)
from app.services.rows import id_list


@dataclass(frozen=True)
class InvoicePaid:
    """What was recorded: the sessions paid, the amount, the balance still due."""

    number: str
    paid_cents: int
    sessions: tuple[int, ...]
    due_cents: int
    message: str
    changes: ChangeSet


def hold_invoices(uow: UnitOfWork, client_ids: Iterable[int]) -> None:
    """Hold these clients' invoices until the transaction ends: another desk paying one of them
    waits, then works out the balance after this payment (PostgreSQL; SQLite desks write one at
    a time). Taken in the clients' order, so two desks never wait on each other."""
    ids = sorted(set(client_ids))
    if ids:
        uow.session.execute(
            select(Client.id)
            .where(Client.id.in_(id_list(ids)))
            .order_by(Client.id)
            .with_for_update()
        ).all()


def pay_invoice(
    uow: UnitOfWork,
    client_id: int,
    first: date,
    last: date,
    method: PaymentMethod | str,
    amount_cents: int,
    received_on: date,
    reference: str = "",
) -> InvoicePaid:
    """Record `amount_cents` received against the client's invoice for the days, session by
    session as they are owed; refused when the invoice has nothing due or the amount is more."""
    hold_invoices(uow, [client_id])
    invoice = client_invoice(uow, client_id, first, last)
    return record_on(uow, invoice, method, amount_cents, received_on, reference)


def record_on(
    uow: UnitOfWork,
    invoice: Invoice,
    method: PaymentMethod | str,
    amount_cents: int,
    received_on: date,
    reference: str = "",
) -> InvoicePaid:
    """`pay_invoice` of an invoice worked out in this transaction, its client's invoices held
    (`hold_invoices`): a remittance pays several it has just worked out."""
    client_id = invoice.client_id
    amount_cents = checked_payment(amount_cents)
    note = translate("invoice", "Invoice {number}").format(number=invoice.number)
    # Made first, so a method the desk does not know is refused before anything is decided.
    asked = PaymentRequest(0, client_id, method, amount_cents, received_on, reference, note)  # type: ignore[arg-type]
    if invoice.due_cents <= 0:
        raise ValidationError(
            translate("invoice", "Invoice {number} is paid in full: nothing is due on it.").format(
                number=invoice.number
            ),
            field="amount",
        )
    if amount_cents > invoice.due_cents:
        raise ValidationError(
            translate(
                "invoice",
                "{amount} is more than the {due} due on invoice {number}. Check the amount; "
                "money for other sessions is recorded on each with Take payment.",
            ).format(
                amount=format_money(amount_cents),
                due=format_money(invoice.due_cents),
                number=invoice.number,
            ),  # fmt: skip
            field="amount",
        )
    # Each line's owed amount was worked out with the invoice, in this transaction: a line is
    # one session, so paying one leaves the others' as they were.
    left, paid, changes = amount_cents, [], ChangeSet()
    for line in invoice.lines:
        part = min(left, line.owed_cents)
        if part <= 0:
            continue
        done = post_payment(uow, replace(asked, session_id=line.session_id, amount_cents=part))
        changes = changes.merge(done.changes) if done.changes is not None else changes
        paid.append(line.session_id)
        left -= part
    due = invoice.due_cents - amount_cents
    said = translate(
        "invoice",
        "Recorded {amount} against invoice {number} ({n} session(s)); {due} is still due on it.",
    ).format(amount=format_money(amount_cents), number=invoice.number, n=len(paid),
             due=format_money(due))  # fmt: skip
    return InvoicePaid(invoice.number, amount_cents, tuple(paid), due, said, changes)
