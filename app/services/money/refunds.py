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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import and_, func, or_, select

from app.db import UnitOfWork
from app.models import CreditEntry
from app.models.enums import LedgerKind, PaidWith


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


def reverse_refunds(
    uow: UnitOfWork, booking_ids: set[int], job_id: int | None, note: str,
    cancellation_id: int | None = None,
) -> int:  # fmt: skip
    """Take back the refunds cancellation `cancellation_id` gave these bookings that are not
    reversed yet (a line written before refunds named their cancellation: the bulk job's, or a
    single cancellation's when `job_id` is None); how many were. A reversal names the
    cancellation of the refund it takes back."""
    if not booking_ids:
        return 0
    reversed_ids = select(CreditEntry.reverses_id).where(CreditEntry.reverses_id.is_not(None))
    job = CreditEntry.bulk_job_id.is_(None) if job_id is None else CreditEntry.bulk_job_id == job_id
    untied = and_(CreditEntry.cancellation_id.is_(None), job)
    ours = untied if cancellation_id is None else or_(
        CreditEntry.cancellation_id == cancellation_id, untied
    )  # fmt: skip
    refunds = list(
        uow.session.scalars(
            select(CreditEntry).where(
                CreditEntry.booking_id.in_(booking_ids),
                CreditEntry.kind == LedgerKind.REFUND,
                ours,
                CreditEntry.id.not_in(reversed_ids),
            )
        )
    )
    for entry in refunds:
        uow.session.add(
            CreditEntry(
                client_id=entry.client_id,
                booking_id=entry.booking_id,
                kind=LedgerKind.REFUND_REVERSAL,
                credits=-entry.credits,
                amount_cents=-entry.amount_cents,
                created_at=uow.now(),
                bulk_job_id=entry.bulk_job_id,
                reverses_id=entry.id,
                cancellation_id=entry.cancellation_id,
                expires_on=entry.expires_on,  # taken back from where it went
                note=note,
                created_by_id=uow.actor.user_id or None,
            )
        )
    return len(refunds)


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
