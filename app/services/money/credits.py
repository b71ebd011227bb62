"""Class credits: each client's balance, read from the ledger by the expiry date of the packs.

Expiry. A pack's credits pay for classes held on or before its expiry date (a practice date);
after that day the credits left in it lapse and are no longer usable. The ledger is read in
"buckets" by expiry date: a USE line carries the expiry date of the pack it drew from, so the
credits of packs that expire on the same day are one bucket. Booking with a credit draws from
the pack that expires first among those still valid on the class's day; packs without an
expiry are used last. A credit given back (a class the practice cancelled, a session deleted)
comes back without an expiry date, and a reversal takes it back from where it went (`take_back`). The
balance on a day is the sum of the buckets still valid that day that hold credits; a bucket
below zero is owed and lowers the balance (older lines written without an expiry, or an undone
cancellation whose returned credit was spent since and that no other credit covered). A balance
below zero is shown as it is: the client owes that many credits, and the next pack pays them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import func, select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import CreditEntry
from app.services import practice

Buckets = Mapping[date | None, int]


def valid_on(expires_on: date | None, day: date) -> bool:
    """Whether a credit of a pack expiring on `expires_on` pays for a class on `day`: the one
    rule, for a credit spent on a class and for a class already paid with one that is moved."""
    return expires_on is None or expires_on >= day


def balance(buckets: Buckets, on: date) -> int:
    """The client's balance on `on`: valid buckets holding credits, less what is owed; below
    zero when they owe credits."""
    good = sum(n for exp, n in buckets.items() if n > 0 and valid_on(exp, on))
    owed = sum(n for n in buckets.values() if n < 0)
    return good + owed


def usable(buckets: Buckets, on: date) -> int:
    """Credits usable for a class on `on` (never below zero)."""
    return max(0, balance(buckets, on))


def bucket_to_use(buckets: Buckets, on: date) -> date | None:
    """The expiry date of the pack a credit is drawn from for a class on `on` (first to expire)."""
    valid = [exp for exp, n in buckets.items() if n > 0 and valid_on(exp, on)]
    if not valid:
        raise ValueError(translate("money", "no valid bucket"))
    return min(valid, key=lambda exp: (exp is None, exp or date.max))


def take_back(
    buckets: dict[date | None, int], went_to: date | None, credits: int, day: date
) -> list[tuple[date | None, int]]:
    """Where `credits` given back into the pack expiring `went_to` are taken from again, when
    the class on `day` they came from is booked back: that pack while it still holds them, else
    the client's other credits valid on `day` (first to expire first); what neither holds is
    left owing in `went_to`. Updates `buckets`; the (bucket, credits) taken, in that order."""
    taken: dict[date | None, int] = {}
    for _ in range(max(0, credits)):
        source = went_to
        if buckets.get(went_to, 0) <= 0:
            valid = [exp for exp, n in buckets.items() if n > 0 and valid_on(exp, day)]
            source = bucket_to_use(buckets, day) if valid else went_to
        buckets[source] = buckets.get(source, 0) - 1
        taken[source] = taken.get(source, 0) + 1
    return list(taken.items())


def _buckets(
    uow: UnitOfWork, client_ids: Iterable[int] | None
) -> dict[int, dict[date | None, int]]:
    stmt = select(CreditEntry.client_id, CreditEntry.expires_on, func.sum(CreditEntry.credits))
    if client_ids is not None:
        stmt = stmt.where(CreditEntry.client_id.in_(list(client_ids)))
    out: dict[int, dict[date | None, int]] = defaultdict(dict)
    for cid, exp, total in uow.session.execute(
        stmt.group_by(CreditEntry.client_id, CreditEntry.expires_on)
    ):
        out[int(cid)][exp] = int(total or 0)
    return out


def buckets_of(uow: UnitOfWork, client_id: int) -> dict[date | None, int]:
    """One client's credits by the expiry date of the packs they sit in."""
    return _buckets(uow, [client_id]).get(client_id, {})


def today(uow: UnitOfWork) -> date:
    """The practice's date now."""
    return uow.now().astimezone(practice.time_zone(uow)).date()


def credit_balances(
    uow: UnitOfWork, client_ids: Iterable[int] | None = None, on: date | None = None
) -> dict[int, int]:
    """Each client's balance on `on` (default today), below zero when they owe credits; clients
    without lines are left out."""
    day = on or today(uow)
    return {cid: balance(b, day) for cid, b in _buckets(uow, client_ids).items()}
