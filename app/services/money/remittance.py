"""A plan manager's remittance: one transfer paying the invoices of several of their
participants, recorded against each invoice it pays as a payment of that invoice
(`invoice_payment.record_on`: session by session, oldest first, the invoice's number as the
note, the remittance's reference on each), all in one transaction — a refusal of one records
none of them.

The invoices offered are those of the days chosen (the days the invoices were made for, so
their numbers are the ones the remittance advice quotes) of the participants whose record
names the plan manager, with something still due.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Client, Payment
from app.models.money import format_money
from app.services.auth import Permission, require_now
from app.services.boundary import checked_id, checked_text
from app.services.dto import ChangeSet
from app.services.money.invoice import Invoice, invoice_number
from app.services.money.invoice_batch import Who, clients_to_invoice, each_invoice
from app.services.money.invoice_payment import InvoicePaid, hold_invoices, record_on
from app.services.money.payments import PaymentMethod
from app.services.rows import id_list


@dataclass(frozen=True)
class RemittanceRecorded:
    """What a remittance paid: each invoice's payment, the total, what is still due on them."""

    manager: str
    paid: tuple[InvoicePaid, ...]
    total_cents: int
    due_cents: int
    message: str
    changes: ChangeSet


def checked_manager(manager: object) -> str:
    """The plan manager's name as a remittance takes it: text, not blank."""
    name = checked_text(str(manager or ""), "manager", QT_TRANSLATE_NOOP("fields", "plan manager"))
    if not name:
        raise ValidationError(
            translate("remittance", "Choose the plan manager the remittance is from."),
            field="manager",
        )
    return name


def _refuse_twice(
    uow: UnitOfWork, reference: str, client_ids: list[int], first: date, last: date
) -> None:
    """Refuse a remittance whose reference was recorded already against one of these invoices:
    the same advice entered twice (at two desks, or again the next day) would pay them twice.
    The same advice paying invoices of other days, or others of these, goes ahead."""
    said = reference.strip()
    if not said:
        return
    numbers = [invoice_number(cid, first, last) for cid in client_ids]
    found = uow.session.execute(
        select(Payment.note, Payment.received_on)
        .where(
            Payment.client_id.in_(id_list(client_ids)),
            func.lower(Payment.reference) == said.lower(),
            or_(*(Payment.note.contains(number, autoescape=True) for number in numbers)),
        )
        .order_by(Payment.id)
        .limit(1)
    ).first()
    if found is not None:
        number = next(n for n in numbers if n in found.note)
        raise ValidationError(
            translate(
                "remittance",
                "A remittance with the reference {reference} was already recorded against "
                "invoice {number} (received {day}): check it is not the same advice entered "
                "twice. If it is another, type its reference as the advice gives it.",
            ).format(reference=said, number=number, day=when_text(found.received_on, "%d %b %Y")),
            field="reference",
        )


def managed_invoices(uow: UnitOfWork, manager: object, first: date, last: date) -> list[Invoice]:
    """The invoices of the days of the participants whose record names `manager` (in any case)
    as their plan manager, with something still due, in name order; refused, saying what to do,
    when none has."""
    require_now(uow, Permission.TAKE_PAYMENT)
    name = checked_manager(manager)
    ids = clients_to_invoice(uow, first, last, Who.PLAN)
    named = {
        cid
        for cid, who in uow.session.execute(
            select(Client.id, Client.plan_manager).where(Client.id.in_(id_list(ids)))
        )
        if who.strip().casefold() == name.casefold()
    }
    chosen = [cid for cid in ids if cid in named]
    found = [inv for inv in each_invoice(uow, chosen, first, last) if inv.due_cents > 0]
    if not found:
        raise ValidationError(
            translate(
                "remittance",
                "No invoice from {first} to {last} of a participant whose record names {manager} "
                "as their plan manager has anything due: they are paid in full, or nothing of "
                "those days is theirs to pay. Choose the days the invoices the remittance pays "
                "were made for.",
            ).format(
                first=when_text(first, "%d %b %Y"), last=when_text(last, "%d %b %Y"), manager=name
            ),
            field="first",
        )
    return found


def record_remittance(
    uow: UnitOfWork,
    manager: object,
    first: date,
    last: date,
    method: PaymentMethod | str,
    received_on: date,
    reference: str,
    amounts: Mapping[int, int],
) -> RemittanceRecorded:
    """Record what the remittance paid against each invoice (`amounts`: the participant → the
    cents paid against their invoice of the days; nothing typed, nothing recorded for them)."""
    name = checked_manager(manager)
    paying: dict[int, int] = {}
    for client_id, cents in amounts.items():
        if not isinstance(client_id, int) or not isinstance(cents, int) or isinstance(cents, bool):
            raise ValidationError(
                translate("remittance", "Type each amount as money, e.g. 95.00."), field="amount"
            )
        if cents < 0:
            raise ValidationError(
                translate(
                    "remittance",
                    "An amount paid against an invoice cannot be below zero; leave it empty for "
                    "an invoice the remittance does not pay.",
                ),
                field="amount",
            )
        if cents:
            paying[checked_id(client_id, QT_TRANSLATE_NOOP("fields", "client"))] = cents
    if not paying:
        raise ValidationError(
            translate(
                "remittance",
                "Type what the remittance paid against at least one invoice (Pay each in full "
                "fills in every amount due).",
            ),
            field="amount",
        )
    hold_invoices(uow, paying)  # another desk recording the same remittance waits, then is refused
    _refuse_twice(uow, reference, list(paying), first, last)
    invoices = {inv.client_id: inv for inv in managed_invoices(uow, name, first, last)}
    unknown = [cid for cid in paying if cid not in invoices]
    if unknown:
        raise ValidationError(
            translate(
                "remittance",
                "The invoices of the participants of {manager} changed since they were shown "
                "(one was paid, or a participant's plan manager changed): show the invoices "
                "again, then record the remittance.",
            ).format(manager=name),
            field="amount",
        )
    paid: list[InvoicePaid] = []
    changes = ChangeSet()
    for client_id in invoices:  # in the invoices' order, as the dialog lists them
        if client_id in paying:
            # Each invoice as just worked out: a payment of one changes no other client's.
            done = record_on(uow, invoices[client_id], method, paying[client_id], received_on,
                             reference)  # fmt: skip
            paid.append(done)
            changes = changes.merge(done.changes)
    total = sum(p.paid_cents for p in paid)
    due = sum(p.due_cents for p in paid)
    said = translate(
        "remittance",
        "Recorded {total} from {manager} against {n} invoice(s); {due} is still due on them.",
    ).format(total=format_money(total), manager=name, n=len(paid), due=format_money(due))
    return RemittanceRecorded(name, tuple(paid), total, due, said, changes)
