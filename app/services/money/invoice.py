"""A client's invoice for a period: every session of theirs in it that costs them something,
what was paid and adjusted, and the balance due.

Its lines are what the client themselves pays, by the one rule Take payment asks by
(`app.services.money.owed`): a session delivered, a late cancellation's or a no-show's charge.
So a plan-managed participant's invoice — addressed to their plan manager — lists every
session and charge of theirs, with the NDIS support item number, and the claim type and reason
of a cancellation charge (CANC NSDF), as the plan manager claims them from the plan; a
self-managed participant's is addressed to them; a private client's lists what they pay; an
agency-managed participant's lists only what their plan cannot be claimed for. A place paid
up front (class credits, a single-class purchase) costs nothing more and is not invoiced.

The invoice's number names the client and the period (`FD-INV-<client>-<first day>-<last
day>`): printed again for the same period, it is the same invoice, with any payment since.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Booking, Client, PracticeSettings, Session
from app.models.billing import invoiced_as
from app.models.enums import BookingStatus, Funding, PaidWith, SdKind
from app.models.money import format_money
from app.services import practice
from app.services.auth import Permission, require_now
from app.services.boundary import checked_id, period_bounds
from app.services.money.owed import CHARGED_AS, PRICING, Place, priced
from app.services.rows import id_list
from app.services.setup.settings import provider_line

# What each line is, after the service's name.
WHAT = {
    SdKind.DELIVERED: QT_TRANSLATE_NOOP("invoice", "session delivered"),
    SdKind.CANCELLATION: QT_TRANSLATE_NOOP("invoice", "late cancellation charge"),
    SdKind.NO_SHOW: QT_TRANSLATE_NOOP("invoice", "no-show charge"),
}
# Who the invoice is addressed to, by who pays (`invoiced_as`; "" a private client or anyone else).
ADDRESSED = {
    "plan": QT_TRANSLATE_NOOP("invoice", "The plan manager of {name} (NDIS participant {number})"),
    "self": QT_TRANSLATE_NOOP("invoice", "{name} (self-managed NDIS participant {number})"),
    "": QT_TRANSLATE_NOOP("invoice", "{name}"),
}
# A plan-managed participant's invoice once their record names the plan manager.
ADDRESSED_MANAGER = QT_TRANSLATE_NOOP(
    "invoice", "{manager}, plan manager of {name} (NDIS participant {number})"
)
NO_MANAGER = QT_TRANSLATE_NOOP(
    "invoice",
    "{name}'s record does not name their plan manager or the e-mail address they take invoices "
    "at: add them in the client's form (Clients, Edit…, Plan manager), then save the invoice "
    "again.",
)


@dataclass(frozen=True)
class InvoiceLine:
    """One session's cost to the client."""

    session_id: int
    day: date
    service: str
    what: str
    support_item: str
    claim: str  # "CANC NSDF" on an NDIS cancellation or no-show charge, else ""
    quantity: Decimal
    unit_price_cents: int
    amount_cents: int
    owed_cents: int  # what is still owed for it: the amount, adjusted, less what was paid


@dataclass(frozen=True)
class Invoice:
    """Everything the invoice PDF prints."""

    number: str
    client_id: int
    client_name: str
    addressed_to: str
    send_to: str  # the e-mail address it goes to: the plan manager's, else the client's ("" none)
    plan_managed: bool
    plan_manager: str  # the plan manager a plan-managed participant's record names ("" none)
    first: date
    last: date
    lines: tuple[InvoiceLine, ...]
    total_cents: int
    adjusted_cents: int  # signed: a discount or write-off below zero
    paid_cents: int
    due_cents: int
    practice_name: str
    provider: str
    ndis_registration: str
    abn: str
    payment: str  # how to pay the practice ("" until set in the practice settings)
    time_zone: str
    paper_size: str
    generated_at: datetime
    generated_by: str


def invoice_number(client_id: int, first: date, last: date) -> str:
    """The invoice's number: the client and the period, so the same period prints the same."""
    return f"FD-INV-{client_id}-{first:%Y%m%d}-{last:%Y%m%d}"


def client_invoice(uow: UnitOfWork, client_id: int, first: date, last: date) -> Invoice:
    """The client's invoice for the sessions starting from `first` to `last` (practice days);
    refused, saying why, when nothing of theirs in the period is theirs to pay."""
    require_now(uow, Permission.TAKE_PAYMENT)
    client = uow.session.get(Client, checked_id(client_id, QT_TRANSLATE_NOOP("fields", "client")))
    if client is None:
        raise NotFoundError(
            translate("invoice", "That client no longer exists; it may have been removed.")
        )
    found = invoices(uow, [client.id], first, last)
    if not found:
        raise ValidationError(_nothing(client, first, last))
    return found[0]


def invoices(uow: UnitOfWork, client_ids: Sequence[int], first: date, last: date) -> list[Invoice]:
    """The invoices of these clients for the period, in the order given, worked out together
    (a few reads for all of them); a client with nothing of the period to pay has none."""
    require_now(uow, Permission.TAKE_PAYMENT)
    ids = list(dict.fromkeys(client_ids))
    if not ids:
        return []
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    start, end = period_bounds(first, last, tz)
    clients = {
        c.id: c for c in uow.session.scalars(select(Client).where(Client.id.in_(id_list(ids))))
    }
    bookings = uow.session.scalars(
        select(Booking)
        .join(Session, Session.id == Booking.session_id)
        .where(Booking.client_id.in_(id_list(ids)))
        .where(Session.starts_at >= start, Session.starts_at < end)
        .where(Booking.status != BookingStatus.BOOKED)  # not delivered or charged yet
        .where(Booking.paid_with == PaidWith.INVOICE)  # credits and purchases paid up front
        .order_by(Session.starts_at, Session.id)
        .options(*PRICING)
    ).all()
    theirs: dict[int, list[Place]] = defaultdict(list)
    for place in priced(uow, bookings):
        if place.cost > 0:
            theirs[place.booking.client_id].append(place)
    made = []
    for client_id in ids:
        places = theirs.get(client_id)
        if places and client_id in clients:
            made.append(_invoice(uow, clients[client_id], places, first, last, settings, tz))
    return made


def _invoice(
    uow: UnitOfWork,
    client: Client,
    places: list[Place],
    first: date,
    last: date,
    settings: PracticeSettings,
    tz: ZoneInfo,
) -> Invoice:
    """The client's invoice from their places that cost them something."""
    lines = [_line(p, tz) for p in places]
    # Adjustments and payments count once a session, however many places of it are theirs.
    sums = {p.booking.session_id: (p.adjusted, p.paid) for p in places}
    number, kind = client.ndis_number or "", invoiced_as(client.funding, client.ndis_management)
    addressed = translate("invoice", ADDRESSED[kind])
    send_to = client.email or ""
    if kind == "plan":
        send_to = client.plan_manager_email or ""
        if client.plan_manager:
            addressed = translate("invoice", ADDRESSED_MANAGER)
    return Invoice(
        invoice_number(client.id, first, last), client.id, client.display_name,
        addressed.format(name=client.display_name, number=number, manager=client.plan_manager),
        send_to, kind == "plan", client.plan_manager if kind == "plan" else "", first, last,
        tuple(lines),
        sum(line.amount_cents for line in lines), sum(a for a, _ in sums.values()),
        sum(p for _, p in sums.values()),
        sum(line.owed_cents for line in lines), settings.name,
        provider_line(settings.legal_name, settings.abn, settings.address, settings.phone),
        settings.ndis_registration_number, settings.abn, settings.invoice_payment,
        settings.time_zone, settings.paper_size, uow.now(), uow.actor.username,
    )  # fmt: skip


def _line(place: Place, tz: ZoneInfo) -> InvoiceLine:
    """A place's cost to the client as a line."""
    b, cost, sd = place.booking, place.cost, place.line
    session = b.session
    kind = CHARGED_AS.get(BookingStatus(b.status), SdKind.DELIVERED)
    quantity, unit = Decimal(1), cost
    if sd is not None and sd.amount_cents == cost:  # the line's own hours and hourly price
        quantity, unit = Decimal(sd.quantity), sd.unit_price_cents
    claim = ""
    if sd is not None and sd.claim_type and b.client.funding == Funding.NDIS:
        claim = f"{sd.claim_type} {sd.reason_code or ''}".strip()
    day = session.starts_at.astimezone(tz).date()
    return InvoiceLine(b.session_id, day, session.service.name, translate("invoice", WHAT[kind]),
                       sd.support_item if sd is not None else session.service.code, claim,
                       quantity, unit, cost, place.owed)  # fmt: skip


def _nothing(client: Client, first: date, last: date) -> str:
    return nothing_to_invoice(
        client.display_name, first, last, translate("invoice", "Choose another period.")
    )


def nothing_to_invoice(whom: str, first: date, last: date, instead: str) -> str:
    """Why there is nothing of the days to invoice `whom`, and what to do `instead`."""
    period = translate("invoice", "{first} to {last}").format(
        first=when_text(first, "%d %b %Y"), last=when_text(last, "%d %b %Y")
    )
    return translate(
        "invoice",
        "Nothing to invoice: no session of {who} from {period} costs them anything (sessions not "
        "yet completed, places paid with class credits or a purchase, and what an NDIS plan or "
        "funder is claimed for are not invoiced). {instead}",
    ).format(who=whom, period=period, instead=instead)


NO_PAYMENT = QT_TRANSLATE_NOOP(
    "invoice",
    "The practice's payment details are not set, so the invoice does not say how to pay: set "
    "them in Practice ▸ Practice settings ▸ Provider details, then save the invoice again.",
)
NO_ABN = QT_TRANSLATE_NOOP(
    "invoice",
    "The practice's ABN is not set, so the invoice does not show it, and a plan manager needs it "
    "to pay: set it in Practice ▸ Practice settings ▸ Provider details, then save the invoice "
    "again.",
)


def unaddressed(invoice: Invoice) -> bool:
    """A plan-managed participant's invoice whose record does not name the plan manager, or the
    address they take invoices at."""
    return invoice.plan_managed and not (invoice.plan_manager and invoice.send_to)


def due_text(invoice: Invoice) -> str:
    """ "Total $190.00 · paid $95.00 · due $95.00", as the desk says it once saved."""
    return translate("invoice", "Total {total} · paid {paid} · due {due}").format(
        total=format_money(invoice.total_cents + invoice.adjusted_cents),
        paid=format_money(invoice.paid_cents),
        due=format_money(invoice.due_cents),
    )
