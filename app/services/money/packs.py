"""Class packs, single-class purchases and classes paid with a credit: one ledger.

Every line is a `CreditEntry` (table credit_ledger): a pack sold is a PURCHASE line (+credits,
the price, the payment method, an optional expiry date); a single class bought is a PURCHASE
line of 0 credits tied to its booking (the booking is paid with PURCHASE); a class paid with a
credit is a USE line of -1 tied to its booking (the booking is paid with CREDITS). Bulk cancel
refunds and its undo's reversals, and a deleted session's returned credits, are lines of the
same ledger, written by those operations.

How many credits a client holds, and which a class may use, is read by
`app.services.money.credits`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import select

from app.db import Actor, UnitOfWork
from app.errors import NotAllowedError, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Booking, Client, CreditEntry, Service, Session
from app.models.enums import BookingStatus, LedgerKind, PaidWith, SessionStatus
from app.models.money import format_money, parse_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import Untrusted, checked_cents, checked_date, checked_id, checked_text
from app.services.dto import ChangeSet
from app.services.money.credits import bucket_to_use, buckets_of, today, usable, valid_on
from app.services.money.methods import method_word

MIN_CREDITS, MAX_CREDITS = 1, 200
NAME_LIMIT = 120
# How a client may pay for a pack or a class at the desk (stored as the line's method).
PAYMENT_METHODS = ("card", "cash", "EFTPOS", "bank transfer", "cheque", "voucher", "other")


@dataclass(frozen=True)
class PackSale(Untrusted):
    """What the sell-a-pack dialog collects; the price as typed ("150", "$1,200.50")."""

    client_id: int
    name: str
    credits: int
    price: str
    method: str = "card"
    expires_on: date | None = None


@dataclass(frozen=True)
class BookingPayment(Untrusted):
    """How one client's place in a session is paid; a purchase's price as typed ("" = the
    session's price)."""

    LABELS: ClassVar[dict[str, str]] = {
        "paid_with": QT_TRANSLATE_NOOP("fields", "paid with"),
    }

    client_id: int
    paid_with: PaidWith = PaidWith.INVOICE
    price: str = ""
    method: str = "card"


@dataclass(frozen=True)
class MoneyResult:
    """What a pack sale wrote."""

    entry_id: int
    client_id: int
    message: str
    changes: ChangeSet


# -- checks -----------------------------------------------------------------------------------


def _client(uow: UnitOfWork, client_id: int) -> Client:
    if not client_id:
        raise ValidationError(
            translate("money", "Choose the client from the list."), field="client"
        )
    client = uow.session.get(
        Client, checked_id(client_id, QT_TRANSLATE_NOOP("fields", "client"), "client")
    )
    if client is None:
        raise NotFoundError(translate("money", "That client no longer exists."))
    return client


def _price(text: str, field: str, what: str) -> int:
    try:
        cents = parse_money(str(text))
    except ValueError as exc:
        raise ValidationError(str(exc), field=field) from None
    return checked_cents(cents, field, what)


def _method(method: str) -> str:
    cleaned = checked_text(
        str(method or ""), "method", QT_TRANSLATE_NOOP("fields", "payment method"), 24
    ).casefold()
    # A method as it is kept, or as the practice's language names it (the window offers them by
    # name and hands over the kept word).
    found = next(
        (m for m in PAYMENT_METHODS if cleaned in (m.casefold(), method_word(m).casefold())), None
    )
    if found is None:
        raise ValidationError(
            translate("money", "Choose how the client paid: {methods}.").format(
                methods=", ".join(method_word(m) for m in PAYMENT_METHODS)
            ),
            field="method",
        )
    return found


def check_sale(
    uow: UnitOfWork, sale: PackSale, at: datetime | None = None
) -> tuple[Client, str, int, str]:
    """The client, name, price and method of a sale, or the sentence saying what to correct."""
    client = _client(uow, sale.client_id)
    name = checked_text(
        sale.name or "", "name", QT_TRANSLATE_NOOP("fields", "pack name"), NAME_LIMIT
    )
    if not name:
        raise ValidationError(
            translate("money", "Name the pack, for example “10-class pack”."), field="name"
        )
    if not MIN_CREDITS <= int(sale.credits) <= MAX_CREDITS:
        raise ValidationError(
            translate(
                "money", "A pack holds between {min_credits} and {max_credits} credits."
            ).format(min_credits=MIN_CREDITS, max_credits=MAX_CREDITS),
            field="credits",
        )
    price = _price(sale.price, "price", QT_TRANSLATE_NOOP("fields", "pack's price"))
    method = _method(sale.method)
    if sale.expires_on is not None:
        checked_date(sale.expires_on, "expires_on", QT_TRANSLATE_NOOP("fields", "expiry date"))
        sold_on = (at or uow.now()).astimezone(practice.time_zone(uow)).date()
        if sale.expires_on < sold_on:
            raise ValidationError(
                translate(
                    "money",
                    "The expiry date {expires_on} is in the past; choose a later date, or none for credits that never expire.",
                ).format(expires_on=when_text(sale.expires_on, "%d %b %Y")),
                field="expires_on",
            )
    if not client.active:
        raise NotAllowedError(
            translate("money", "{display_name} is inactive; reactivate them first.").format(
                display_name=client.display_name
            )
        )
    return client, name, price, method


# -- selling a pack ---------------------------------------------------------------------------


def _line_after(e: CreditEntry) -> dict[str, object]:
    return {
        "client_id": e.client_id, "kind": e.kind.value, "credits": e.credits,
        "amount_cents": e.amount_cents, "booking_id": e.booking_id, "note": e.note,
        "method": e.method, "expires_on": e.expires_on.isoformat() if e.expires_on else None,
    }  # fmt: skip


def _add(uow: UnitOfWork, entry: CreditEntry, action: str, session_id: int | None) -> None:
    uow.session.add(entry)
    uow.session.flush()
    audit.record(uow, action, "credit_ledger", entry.id, session_id=session_id,
                 after=_line_after(entry))  # fmt: skip


def sell_pack(
    uow: UnitOfWork, sale: PackSale, *, by: Actor | None = None, at: datetime | None = None
) -> MoneyResult:
    """Sell a class pack: a PURCHASE line of its credits, price, method and expiry; audited.

    `by` is who sold it when not the unit of work's user, `at` when (the demo's history).
    """
    actor = by or uow.actor
    require(actor, Permission.SELL_PACKS)
    client, name, price, method = check_sale(uow, sale, at)
    entry = CreditEntry(
        client_id=client.id, kind=LedgerKind.PURCHASE, credits=int(sale.credits),
        amount_cents=price, created_at=at or uow.now(), note=name, expires_on=sale.expires_on,
        method=method, created_by_id=actor.user_id or None,
    )  # fmt: skip
    _add(uow, entry, "credits.sell_pack", None)
    credits = int(sale.credits)  # a plain name: lupdate collects a plural whose count is one
    if sale.expires_on is None:
        sold = translate(
            "money", "{name} bought “{pack}”: %n credit(s) for {price} ({method}).", None, credits
        )
    else:
        sold = translate(
            "money",
            "{name} bought “{pack}”: %n credit(s) for {price} ({method}), valid until {day}.",
            None,
            credits,
        )
    message = sold.format(
        name=client.display_name, pack=name, price=format_money(price), method=method_word(method),
        day=sale.expires_on and when_text(sale.expires_on, "%d %b %Y"),
    )  # fmt: skip
    return MoneyResult(entry.id, client.id, message, _changes(client.id))


def _changes(client_id: int) -> ChangeSet:
    return ChangeSet(frozenset(), frozenset({client_id}), frozenset({"credits"}))


# -- paying for a booking ---------------------------------------------------------------------


def _payable(booking: Booking, now: datetime) -> Session:
    """The booking's session, when its place may still be paid for at the desk."""
    session = booking.session
    name = booking.client.display_name
    if booking.status != BookingStatus.BOOKED or session.status != SessionStatus.ROSTERED:
        raise NotAllowedError(
            translate(
                "money", "{name}'s booking is {value}; only a booked place can be paid for."
            ).format(name=name, value=booking.status.value)
        )
    if booking.paid_with != PaidWith.INVOICE:
        paid = (
            translate(
                "money",
                "{name}'s place is already paid with a class credit, so there is nothing more to "
                "pay for it.",
            )
            if booking.paid_with == PaidWith.CREDITS
            else translate(
                "money",
                "{name}'s place is already paid as a single-class purchase, so there is nothing "
                "more to pay for it.",
            )
        )
        raise NotAllowedError(paid.format(name=name))
    if now >= session.starts_at:
        raise NotAllowedError(
            translate(
                "money", "This session has started; pay for it through payment entry instead."
            )
        )
    return session


def _class_text(uow: UnitOfWork, session: Session) -> str:
    tz = practice.time_zone(uow)
    service = uow.session.get(Service, session.service_id)
    what = service.name if service is not None else "class"
    return f"{what}, {when_text(session.starts_at.astimezone(tz), '%a %d %b %Y %H:%M')}"


def pay_with_credit(
    uow: UnitOfWork,
    booking: Booking,
    *,
    by: Actor | None = None,
    at: datetime | None = None,
    on: date | None = None,
) -> CreditEntry:
    """Spend one credit on a booked place (a USE line); refused when none is valid on the
    class's day (`on`, when an edit moves it there; else the day it is on)."""
    session = _payable(booking, at or uow.now())
    tz = practice.time_zone(uow)
    day = on or session.starts_at.astimezone(tz).date()
    buckets = buckets_of(uow, booking.client_id)
    name = booking.client.display_name
    if usable(buckets, day) < 1:
        left = usable(buckets, today(uow))
        if left:
            text = translate(
                "money",
                "{name} has no class credits left for {day} (%n expire before that day). Sell a "
                "class pack first, or book the class as a purchase or on invoice.",
                None,
                left,
            )
        else:
            text = translate(
                "money",
                "{name} has no class credits left for {day}. Sell a class pack first, or book the "
                "class as a purchase or on invoice.",
            )
        raise NotAllowedError(text.format(name=name, day=when_text(day, "%a %d %b %Y")))
    expires = bucket_to_use(buckets, day)
    booking.paid_with, booking.credits_used = PaidWith.CREDITS, 1
    entry = CreditEntry(
        client_id=booking.client_id, booking_id=booking.id, kind=LedgerKind.USE, credits=-1,
        amount_cents=0, created_at=at or uow.now(), expires_on=expires,
        note=f"Class: {_class_text(uow, session)}",
        created_by_id=(by or uow.actor).user_id or None,
    )  # fmt: skip
    _add(uow, entry, "credits.use", session.id)
    return entry


def check_credits_cover(uow: UnitOfWork, session: Session, day: date) -> None:
    """Refuse moving a class to `day` when a place in it is paid with a credit from a pack that
    expires before that day (`valid_on`, the rule a credit spent on the class meets)."""
    paid = {b.id: b for b in session.bookings
            if b.status == BookingStatus.BOOKED and b.paid_with == PaidWith.CREDITS}  # fmt: skip
    if not paid:
        return
    used = uow.session.execute(
        select(CreditEntry.booking_id, CreditEntry.expires_on)
        .where(CreditEntry.booking_id.in_(list(paid)), CreditEntry.kind == LedgerKind.USE)
        .order_by(CreditEntry.booking_id, CreditEntry.id)
    )  # fmt: skip
    for booking_id, expires_on in used:
        if booking_id is not None and expires_on is not None and not valid_on(expires_on, day):
            raise NotAllowedError(
                translate(
                    "money",
                    "{name}'s place is paid with a class credit from a pack that expires on {expires}, so it can't pay for the class on {day}. Keep the class on or before {expires}, or cancel {name}'s place and book {name} on the new day paid another way (or with a new pack).",
                ).format(
                    name=paid[booking_id].client.display_name,
                    expires=when_text(expires_on, "%a %d %b %Y"),
                    day=when_text(day, "%a %d %b %Y"),
                ),  # fmt: skip
                field="start",
            )


def pay_with_purchase(
    uow: UnitOfWork,
    booking: Booking,
    price: str = "",
    method: str = "card",
    *,
    by: Actor | None = None,
    at: datetime | None = None,
) -> CreditEntry:
    """Sell the single class of a booked place (a PURCHASE line tied to it, no credits)."""
    session = _payable(booking, at or uow.now())
    cents = (
        _price(price, "price", QT_TRANSLATE_NOOP("fields", "class's price"))
        if str(price).strip()
        else session.price_cents
    )
    how = _method(method)
    booking.paid_with, booking.purchase_cents = PaidWith.PURCHASE, cents
    entry = CreditEntry(
        client_id=booking.client_id, booking_id=booking.id, kind=LedgerKind.PURCHASE, credits=0,
        amount_cents=cents, created_at=at or uow.now(), method=how,
        note=f"Single class: {_class_text(uow, session)}",
        created_by_id=(by or uow.actor).user_id or None,
    )  # fmt: skip
    _add(uow, entry, "credits.sell_class", session.id)
    return entry


def pay_booking(
    uow: UnitOfWork,
    booking: Booking,
    payment: BookingPayment,
    *,
    by: Actor | None = None,
    at: datetime | None = None,
    on: date | None = None,
) -> CreditEntry | None:
    """Pay a new booking as chosen (nothing for an invoice); the caller's transaction. `on`:
    the class's day when the same change moves it there."""
    how = PaidWith(payment.paid_with)
    if how == PaidWith.INVOICE:
        return None
    require(by or uow.actor, Permission.SELL_PACKS)
    if how == PaidWith.CREDITS:
        return pay_with_credit(uow, booking, by=by, at=at, on=on)
    return pay_with_purchase(uow, booking, payment.price, payment.method, by=by, at=at)


def check_payments(
    uow: UnitOfWork, payments: Iterable[BookingPayment], client_ids: Iterable[int],
    days: list[date],
) -> None:  # fmt: skip
    """Refuse, before anything is written, payments for clients not booked or credits short."""
    wanted = set(client_ids)
    by_client: dict[int, BookingPayment] = {}
    for p in payments:
        if p.client_id not in wanted:
            raise ValidationError(translate("money", "A payment is chosen for a client who is not booked."),
                                  field="clients")  # fmt: skip
        by_client[p.client_id] = p
        how = PaidWith(p.paid_with)
        if how == PaidWith.PURCHASE:
            if str(p.price).strip():
                _price(p.price, "price", QT_TRANSLATE_NOOP("fields", "class's price"))
            _method(p.method)
    if any(PaidWith(p.paid_with) != PaidWith.INVOICE for p in by_client.values()):
        require(uow.actor, Permission.SELL_PACKS)
    credit_clients = [c for c, p in by_client.items() if PaidWith(p.paid_with) == PaidWith.CREDITS]
    if not credit_clients or not days:
        return
    for cid in credit_clients:
        buckets = buckets_of(uow, cid)
        have = usable(buckets, max(days))
        if have < len(days):
            name = _client(uow, cid).display_name
            said = translate(
                "money",
                "{name} has {have} class credit(s) valid on {max} and this books {count} class(es). Sell a class pack first, or choose another way to pay.",
            ).format(name=name, have=have, max=when_text(max(days), "%d %b %Y"), count=len(days))
            lapsing = usable(buckets, today(uow)) - have  # held now, expired by the last class
            if lapsing > 0:
                said += " " + translate(
                    "money", "{count} credit(s) held today expire before that day."
                ).format(count=lapsing)
            raise NotAllowedError(said, field="clients")
