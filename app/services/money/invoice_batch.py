"""A period's invoices at once: one PDF for each client who has something of it to pay, and a
list of them (CSV) to check the run against and to send them by.

The month's end of a practice with plan-managed participants: every plan manager is sent an
invoice for the month's sessions and late cancellation charges. Each invoice is the one the
client's account prints (`invoice.client_invoice`: same lines, same number, same balance);
a client with nothing of the period to pay gets none. Nothing is recorded in the database:
an invoice printed again for the same period is the same invoice, with any payment since.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Adjustment, Booking, Client, ServiceDelivered, Session
from app.models.billing import invoiced_as
from app.models.enums import BookingStatus, PaidWith
from app.models.money import format_money
from app.services import practice
from app.services.auth import Permission, require_now
from app.services.boundary import period_bounds
from app.services.money.invoice import (
    NO_ABN,
    NO_PAYMENT,
    Invoice,
    invoices,
    nothing_to_invoice,
    unaddressed,
)
from app.services.rows import id_list
from app.services.setup.funders import billed_to_funder, client_pays
from app.services.storage.csv_safe import write_csv


class Who(StrEnum):
    """Whose invoices a run makes."""

    PLAN = "plan"  # plan-managed NDIS participants: to their plan managers
    SELF = "self"  # self-managed NDIS participants: to them
    EVERYONE = "everyone"  # everyone with something of the period to pay


WHO_LABELS = {
    Who.PLAN: QT_TRANSLATE_NOOP(
        "invoice", "Plan-managed NDIS participants (to their plan managers)"
    ),
    Who.SELF: QT_TRANSLATE_NOOP("invoice", "Self-managed NDIS participants"),
    Who.EVERYONE: QT_TRANSLATE_NOOP("invoice", "Everyone with something to pay"),
}
# Who had nothing to invoice, as the refusal says it.
NONE_OF = {
    Who.PLAN: QT_TRANSLATE_NOOP("invoice", "any plan-managed NDIS participant"),
    Who.SELF: QT_TRANSLATE_NOOP("invoice", "any self-managed NDIS participant"),
    Who.EVERYONE: QT_TRANSLATE_NOOP("invoice", "any client"),
}
# The list's file name: a run for other clients of the same days keeps its own list.
LISTED_AS = {
    Who.PLAN: "invoices-plan-managed",
    Who.SELF: "invoices-self-managed",
    Who.EVERYONE: "invoices",
}
HEADER = (
    QT_TRANSLATE_NOOP("invoice", "Invoice"),
    QT_TRANSLATE_NOOP("invoice", "Client"),
    QT_TRANSLATE_NOOP("invoice", "To"),
    QT_TRANSLATE_NOOP("invoice", "E-mail"),
    QT_TRANSLATE_NOOP("invoice", "Lines"),
    QT_TRANSLATE_NOOP("invoice", "Total"),
    QT_TRANSLATE_NOOP("invoice", "Paid"),
    QT_TRANSLATE_NOOP("invoice", "Due"),
    QT_TRANSLATE_NOOP("invoice", "File"),
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class InvoiceRun:
    """What a run wrote: the invoices' files and the list of them."""

    folder: Path
    files: tuple[Path, ...]
    invoices: tuple[Invoice, ...]  # each file's invoice, in the same order
    listing: Path
    total_cents: int
    due_cents: int
    message: str


def checked_who(value: object) -> Who:
    """The choice as the service takes it: a `Who` or its text; anything else is refused."""
    try:
        return Who(str(value))
    except ValueError:
        raise ValidationError(
            translate("invoice", "Choose whose invoices to make from the list."), field="who"
        ) from None


def clients_to_invoice(uow: UnitOfWork, first: date, last: date, who: object) -> list[int]:
    """The clients with a session of the period that may cost them (completed, cancelled late
    or missed, on invoice), of the kind chosen, in name order. Whether it does is the
    invoice's to say (`client_invoice` refuses one with nothing to pay)."""
    chosen = checked_who(who)
    start, end = period_bounds(first, last, ZoneInfo(practice.settings(uow).time_zone))
    rows = uow.session.execute(
        select(Client.id, Client.funding, Client.ndis_management, Client.last_name,
               Client.first_name)
        .join(Booking, Booking.client_id == Client.id)
        .join(Session, Session.id == Booking.session_id)
        .where(Session.starts_at >= start, Session.starts_at < end)
        .where(Booking.status != BookingStatus.BOOKED, Booking.paid_with == PaidWith.INVOICE)
        .distinct()
    ).all()  # fmt: skip
    kept = [r for r in rows
            if chosen == Who.EVERYONE or invoiced_as(r.funding, r.ndis_management) == chosen]  # fmt: skip
    if chosen == Who.EVERYONE:
        owing = _may_owe(uow, [r.id for r in kept], start, end)
        kept = [r for r in kept if r.id in owing]
    kept.sort(key=lambda r: (r.last_name.casefold(), r.first_name.casefold(), r.id))
    return [r.id for r in kept]


def _may_owe(uow: UnitOfWork, client_ids: list[int], start: datetime, end: datetime) -> set[int]:
    """Of these clients, those the period's sessions may cost: whoever pays for themselves, and
    a client whose NDIS plan or funder pays (`billed_to_funder`) only with a line of the period
    charged to them (`client_pays`) or an adjustment posted for them. The rest — most of an NDIS
    practice's participants, claimed from the NDIA — are passed over without working out each
    of their sessions (a practice's month holds thousands)."""
    clients = {c.id: c for c in uow.session.scalars(select(Client).where(
        Client.id.in_(id_list(client_ids))))}  # fmt: skip
    funded = [cid for cid, c in clients.items() if billed_to_funder(c)]
    owing = set(clients) - set(funded)
    if not funded:
        return owing
    sd, period = ServiceDelivered, (Session.starts_at >= start, Session.starts_at < end)
    lines = uow.session.execute(
        select(Booking.client_id, sd.bill_to, sd.support_item)
        .join(sd, sd.booking_id == Booking.id)
        .join(Session, Session.id == Booking.session_id)
        .where(Booking.client_id.in_(id_list(funded)), *period)
        .distinct()
    ).all()
    owing.update(cid for cid, bill_to, code in lines if client_pays(clients[cid], bill_to, code))
    adjusted = uow.session.scalars(
        select(Adjustment.client_id)
        .join(Session, Session.id == Adjustment.session_id)
        .where(Adjustment.client_id.in_(id_list(funded)), *period)
        .distinct()
    )
    owing.update(adjusted)
    return owing


# Clients whose invoices are worked out together: a round's reads serve a hundred clients.
ROUND = 100


def each_invoice(
    uow: UnitOfWork,
    client_ids: list[int],
    first: date,
    last: date,
    progress: Progress | None = None,
) -> Iterator[Invoice]:
    """The clients' invoices for the period, in the order given (none for a client with nothing
    of it to pay), a round of clients at a time; `progress(done, total)` after each round."""
    for start in range(0, len(client_ids), ROUND):
        yield from invoices(uow, client_ids[start : start + ROUND], first, last)
        if progress is not None:
            progress(min(start + ROUND, len(client_ids)), len(client_ids))


def file_name(invoice: Invoice) -> str:
    """The invoice's file: its number and the client's name ("FD-INV-26-…-Ada-Lovelace.pdf")."""
    name = "-".join("".join(ch if ch.isalnum() else " " for ch in invoice.client_name).split())
    return f"{invoice.number}-{name}.pdf" if name else f"{invoice.number}.pdf"


def write_invoices(
    uow: UnitOfWork,
    first: date,
    last: date,
    who: object,
    folder: Path,
    progress: Progress | None = None,
) -> InvoiceRun:
    """Print each chosen client's invoice for the period into `folder`, and the list of them;
    refused, saying why, when none of them has anything of the period to pay. A run cut short
    (the disk full, a file open elsewhere) takes back the files it had written."""
    from app.services.money.invoice_pdf import render_invoice_pdf  # reportlab, when first used

    require_now(uow, Permission.TAKE_PAYMENT)
    chosen = checked_who(who)
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(
            translate("invoice", "The folder {folder} does not exist; choose an existing folder "
                                 "for the invoices.").format(folder=folder),
            field="folder",
        )  # fmt: skip
    invoices = list(each_invoice(uow, clients_to_invoice(uow, first, last, chosen), first, last))
    if not invoices:
        raise ValidationError(_nothing(chosen, first, last))
    listing = folder / f"{LISTED_AS[chosen]}-{first:%Y%m%d}-{last:%Y%m%d}.csv"
    written: list[Path] = []
    try:
        for done, invoice in enumerate(invoices, 1):
            path = folder / file_name(invoice)
            render_invoice_pdf(invoice, path)
            written.append(path)
            if progress is not None:
                progress(done, len(invoices) + 1)
        write_csv(listing, [translate("invoice", h) for h in HEADER],
                  [_row(inv, path.name) for inv, path in zip(invoices, written, strict=True)])  # fmt: skip
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    total = sum(inv.total_cents + inv.adjusted_cents for inv in invoices)
    due = sum(inv.due_cents for inv in invoices)
    said = translate(
        "invoice", "Saved {count} invoice(s) to {folder}: total {total}, due {due}. The list of "
                   "them is {listing}."
    ).format(count=len(invoices), folder=folder, total=format_money(total), due=format_money(due),
             listing=listing.name)  # fmt: skip
    nameless = [inv.client_name for inv in invoices if unaddressed(inv)]
    if nameless:
        said += " " + translate(
            "invoice",
            "The records of {names} do not name their plan manager or the e-mail address they "
            "take invoices at: add them in each client's form (Clients, Edit…, Plan manager), "
            "then save the invoices again.",
        ).format(names=", ".join(nameless))
    if not invoices[0].abn:
        said += " " + translate("invoice", NO_ABN)
    if not invoices[0].payment.strip():
        said += " " + translate("invoice", NO_PAYMENT)
    return InvoiceRun(folder, tuple(written), tuple(invoices), listing, total, due, said)


def _row(invoice: Invoice, name: str) -> tuple[str, ...]:
    return (invoice.number, invoice.client_name, invoice.addressed_to, invoice.send_to,
            str(len(invoice.lines)),
            format_money(invoice.total_cents + invoice.adjusted_cents),
            format_money(invoice.paid_cents), format_money(invoice.due_cents), name)  # fmt: skip


def _nothing(who: Who, first: date, last: date) -> str:
    instead = translate("invoice", "Choose other days, or other clients.")
    return nothing_to_invoice(translate("invoice", NONE_OF[who]), first, last, instead)
