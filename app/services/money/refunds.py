"""What a cancellation gives back of a place paid up front, as a line of the one credit ledger.

A class paid with a credit gets the credit back onto the balance; a single-class purchase gets a
refund line (negative money). Nothing comes back for a booking billed afterwards (an invoice, an
NDIS claim): there is nothing to return. A bulk closure gives everything back; a single
cancellation gives back only when it charges nothing (enough notice, the worker or the practice
cancelled, or the fee waived) — a late cancellation keeps the credit or the purchase as its fee.
Undoing the cancellation takes the refund back with a reversing line (`reverse_refunds`).

A credit a client's own cancellation gives back goes back into the pack it came from, with that
pack's expiry (`spent_from`): cancelling a class in time never turns an expiring credit into one
that never expires. A class the practice or the worker cancelled gives it back without one.

A credit given back may pay for another class before the cancellation is undone. The undo still
books the client back in (the practice decided to; the class is theirs), and takes the credit
from where it went while it is still there, else from the client's other credits valid on the
class's day; when they have none, the client owes it — the balance goes below zero, shown as it
is, and the next pack sold pays it (`app.services.money.credits.take_back`). The undo dialog
says so before anything is written (`spent_since`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import and_, func, or_, select

from app.db import UnitOfWork
from app.i18n import translate, when_text
from app.models import Booking, Cancellation, CreditEntry, Service, Session
from app.models.enums import LedgerKind, PaidWith
from app.services import practice
from app.services.money.credits import balance, buckets_of, take_back, today


class PaidPlace(Protocol):
    """A booking as the ORM or a Core row gives it."""

    id: int
    client_id: int
    paid_with: PaidWith
    credits_used: int
    purchase_cents: int


def refund_values(
    booking: PaidPlace,
    now: datetime,
    why: str,
    *,
    job_id: int | None = None,
    expires_on: date | None = None,
) -> dict[str, Any] | None:
    """The ledger line giving back what `booking` paid up front, as column values; or None.
    `expires_on`: the expiry of the pack a credit goes back into (None: it never expires)."""
    if booking.paid_with == PaidWith.CREDITS and booking.credits_used:
        credits, cents, what = booking.credits_used, 0, "credits returned"
    elif booking.paid_with == PaidWith.PURCHASE and booking.purchase_cents:
        credits, cents, what = 0, -booking.purchase_cents, "purchase refunded"
    else:
        return None
    return {
        "client_id": booking.client_id,
        "booking_id": booking.id,
        "kind": LedgerKind.REFUND,
        "credits": credits,
        "amount_cents": cents,
        "created_at": now,
        "bulk_job_id": job_id,
        "note": f"{why}: {what}",
        "expires_on": expires_on if credits else None,
    }


def spent_from(uow: UnitOfWork, booking_id: int) -> date | None:
    """The expiry date of the pack the booking's class credit was drawn from (None: a pack
    without expiry, or no credit spent)."""
    return uow.session.scalar(
        select(CreditEntry.expires_on)
        .where(CreditEntry.booking_id == booking_id, CreditEntry.kind == LedgerKind.USE)
        .order_by(CreditEntry.id.desc())
        .limit(1)
    )


def _open_refunds(
    uow: UnitOfWork, booking_ids: set[int], job_id: int | None, cancellation_id: int | None
) -> list[CreditEntry]:
    """The refunds cancellation `cancellation_id` gave these bookings that are not reversed yet
    (a line written before refunds named their cancellation: the bulk job's, or a single
    cancellation's when `job_id` is None), oldest first."""
    if not booking_ids:
        return []
    reversed_ids = select(CreditEntry.reverses_id).where(CreditEntry.reverses_id.is_not(None))
    job = CreditEntry.bulk_job_id.is_(None) if job_id is None else CreditEntry.bulk_job_id == job_id
    untied = and_(CreditEntry.cancellation_id.is_(None), job)
    ours = untied if cancellation_id is None else or_(
        CreditEntry.cancellation_id == cancellation_id, untied
    )  # fmt: skip
    return list(
        uow.session.scalars(
            select(CreditEntry)
            .where(
                CreditEntry.booking_id.in_(booking_ids),
                CreditEntry.kind == LedgerKind.REFUND,
                ours,
                CreditEntry.id.not_in(reversed_ids),
            )
            .order_by(CreditEntry.id)
        )
    )


def _class_day(uow: UnitOfWork, booking_id: int | None) -> date:
    """The practice date of the class a booking is in (today when it is gone)."""
    starts = uow.session.scalar(
        select(Session.starts_at).join(Booking, Booking.session_id == Session.id)
        .where(Booking.id == booking_id)
    )  # fmt: skip
    return starts.astimezone(practice.time_zone(uow)).date() if starts else today(uow)


def reverse_refunds(
    uow: UnitOfWork, booking_ids: set[int], job_id: int | None, note: str,
    cancellation_id: int | None = None,
) -> int:  # fmt: skip
    """Take back the refunds cancellation `cancellation_id` gave these bookings that are not
    reversed yet; how many were. A reversal names the cancellation of the refund it takes back;
    a credit comes back out of the pack it went into, or, spent since, as `take_back` says."""
    refunds = _open_refunds(uow, booking_ids, job_id, cancellation_id)
    buckets: dict[int, dict[date | None, int]] = {}
    for entry in refunds:
        sources: list[tuple[date | None, int]] = [(entry.expires_on, entry.credits)]
        if entry.credits > 0:
            held = buckets.setdefault(entry.client_id, buckets_of(uow, entry.client_id))
            day = _class_day(uow, entry.booking_id)
            sources = take_back(held, entry.expires_on, entry.credits, day)
        for i, (expires_on, credits) in enumerate(sources):
            uow.session.add(
                CreditEntry(
                    client_id=entry.client_id,
                    booking_id=entry.booking_id,
                    kind=LedgerKind.REFUND_REVERSAL,
                    credits=-credits,
                    amount_cents=-entry.amount_cents if i == 0 else 0,
                    created_at=uow.now(),
                    bulk_job_id=entry.bulk_job_id,
                    reverses_id=entry.id,
                    cancellation_id=entry.cancellation_id,
                    expires_on=expires_on,  # taken back from where it is
                    note=note,
                    created_by_id=uow.actor.user_id or None,
                )
            )
    return len(refunds)


@dataclass(frozen=True)
class SpentSince:
    """A class credit a cancellation gave back that has since paid for another class: whose,
    which class (as the desk reads it), and the client's balance once an undo took it back
    (below zero: they owe that many)."""

    client_id: int
    name: str
    paid_for: str
    balance_after: int

    def before_undo(self) -> str:
        """What the undo dialog says before anything is written."""
        said = (
            translate("money", "{name}'s returned class credit has since paid for {paid_for}.")
            if self.paid_for
            else translate("money", "{name}'s returned class credit has since been spent.")
        )
        if self.balance_after < 0:
            then = translate(
                "money",
                "Undoing books {name} back in, and {name} will owe %n class credit(s): sell a "
                "class pack (what is owed comes out of it), or cancel one of the classes in time "
                "instead of undoing.",
                None,
                -self.balance_after,
            )
        else:
            then = translate(
                "money",
                "Undoing books {name} back in and takes one of their other class credits instead "
                "(%n left).",
                None,
                self.balance_after,
            )
        return f"{said} {then}".format(name=self.name, paid_for=self.paid_for)

    def after_undo(self) -> str:
        """What the undo's result says ("" when nothing is owed)."""
        if self.balance_after >= 0:
            return ""
        return translate(
            "money",
            "{name} owes %n class credit(s): sell a class pack, and what is owed comes out of it.",
            None,
            -self.balance_after,
        ).format(name=self.name)


def _paid_for(uow: UnitOfWork, refund: CreditEntry) -> str:
    """The class a credit given back by `refund` paid for since ("Tue 08 Dec 10:00 Pilates")."""
    used = uow.session.execute(
        select(Session.starts_at, Service.name)
        .join(Booking, Booking.session_id == Session.id)
        .join(CreditEntry, CreditEntry.booking_id == Booking.id)
        .join(Service, Service.id == Session.service_id)
        .where(
            CreditEntry.client_id == refund.client_id,
            CreditEntry.kind == LedgerKind.USE,
            CreditEntry.id > refund.id,
            CreditEntry.expires_on.is_(None)
            if refund.expires_on is None
            else CreditEntry.expires_on == refund.expires_on,
        )
        .order_by(CreditEntry.id.desc())
        .limit(1)
    ).first()
    if used is None:
        return ""
    when = when_text(used.starts_at.astimezone(practice.time_zone(uow)), "%a %d %b %H:%M")
    return f"{when} {used.name}"


def spent_since(uow: UnitOfWork, cancellation_ids: list[int]) -> list[SpentSince]:
    """The class credits these cancellations gave back that have since paid for other classes,
    one per client, with what undoing them all leaves each client (read; nothing is written)."""
    buckets: dict[int, dict[date | None, int]] = {}
    found: dict[int, tuple[str, str]] = {}
    for cancellation in uow.session.scalars(
        select(Cancellation).where(Cancellation.id.in_(cancellation_ids)).order_by(Cancellation.id)
    ):
        bookings = {line.booking_id for line in cancellation.lines}
        for entry in _open_refunds(uow, bookings, cancellation.bulk_job_id, cancellation.id):
            if entry.credits <= 0:
                continue
            held = buckets.setdefault(entry.client_id, buckets_of(uow, entry.client_id))
            if held.get(entry.expires_on, 0) < entry.credits and entry.client_id not in found:
                booking = uow.session.get(Booking, entry.booking_id)
                name = booking.client.display_name if booking is not None else ""
                found[entry.client_id] = (name, _paid_for(uow, entry))
            take_back(held, entry.expires_on, entry.credits, _class_day(uow, entry.booking_id))
    day = today(uow)
    return [
        SpentSince(cid, name, paid_for, balance(buckets[cid], day))
        for cid, (name, paid_for) in found.items()
    ]


@dataclass(frozen=True)
class Held:
    """What a booking still holds of what its client paid up front: class credits, or the cents
    of a single-class purchase."""

    credits: int = 0
    cents: int = 0


def still_held(uow: UnitOfWork, bookings: list[PaidPlace]) -> dict[int, Held]:
    """Booking id → what it still holds of its client's money or credits: what was spent on it,
    less what a cancellation already gave back and no undo took again (bookings holding nothing
    left out). What a deleted session gives back, so nothing comes back twice."""
    spent = {
        b.id: Held(b.credits_used if b.paid_with == PaidWith.CREDITS else 0,
                   b.purchase_cents if b.paid_with == PaidWith.PURCHASE else 0)
        for b in bookings
    }  # fmt: skip
    spent = {bid: h for bid, h in spent.items() if h.credits or h.cents}
    if not spent:
        return {}
    returned = {
        bid: (int(credits or 0), int(cents or 0))
        for bid, credits, cents in uow.session.execute(
            select(CreditEntry.booking_id, func.sum(CreditEntry.credits),
                   func.sum(CreditEntry.amount_cents))
            .where(
                CreditEntry.booking_id.in_(list(spent)),
                CreditEntry.kind.in_([LedgerKind.REFUND, LedgerKind.REFUND_REVERSAL]),
            )
            .group_by(CreditEntry.booking_id)
        )
    }  # fmt: skip
    held = {}
    for bid, paid in spent.items():
        credits, cents = returned.get(bid, (0, 0))  # a purchase's refund is negative money
        left = Held(max(0, paid.credits - credits), max(0, paid.cents + cents))
        if left.credits or left.cents:
            held[bid] = left
    return held
