"""Class credits: each client's balance, read from the ledger by the expiry date of the packs.

Expiry. A pack's credits pay for classes held on or before its expiry date (a practice date);
after that day the credits left in it lapse and are no longer usable. The ledger is read in
"buckets" by expiry date: a USE line carries the expiry date of the pack it drew from, so the
credits of packs that expire on the same day are one bucket. Booking with a credit draws from
the pack that expires first among those still valid on the class's day; packs without an
expiry are used last. A credit given back (a class the practice cancelled, a session deleted)
comes back without an expiry date, and a reversal takes it back from where it went. The
balance on a day is the sum of the buckets still valid that day that hold credits; a bucket
below zero (older lines written without an expiry) is owed and lowers the balance.
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


def usable(buckets: Buckets, on: date) -> int:
    """Credits usable for a class on `on`: valid buckets holding credits, less what is owed."""
    good = sum(n for exp, n in buckets.items() if n > 0 and valid_on(exp, on))
    owed = sum(n for n in buckets.values() if n < 0)
    return max(0, good + owed)


def bucket_to_use(buckets: Buckets, on: date) -> date | None:
    """The expiry date of the pack a credit is drawn from for a class on `on` (first to expire)."""
    valid = [exp for exp, n in buckets.items() if n > 0 and valid_on(exp, on)]
    if not valid:
        raise ValueError(translate("money", "no valid bucket"))
    return min(valid, key=lambda exp: (exp is None, exp or date.max))


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
    """Each client's usable credits on `on` (default today); clients without lines are left out."""
    day = on or today(uow)
    return {cid: usable(b, day) for cid, b in _buckets(uow, client_ids).items()}
