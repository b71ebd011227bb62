"""Quantity and unit price of a charge line (SD), so that it can be claimed as it stands.

An hourly support item is claimed in hours: Quantity is hours with two decimals and UnitPrice
may not exceed the item's hourly price. A cancellation or no-show charge of 100% of a two-hour
session at 70.23 an hour is 2.00 × 70.23, not 1 × 140.46 (the claim portal refuses a unit price
above the item's price limit). Quantity × UnitPrice must come to the amount charged, to the cent:
the product may differ from the amount by at most half a cent (1.50 × 70.23 = 105.345 claims
105.34 or 105.35, whichever the session's price rounded to).

The choice, in order, for an amount A on an item priced P an hour, booked for H hours:
1. H hours at A / H, when that is a whole number of cents not above P;
2. the item's price P for A / P hours, when that is a whole number of hundredths of an hour
   not above H;
3. H hours at the unit price (not above P) that comes to A within the half cent;
4. the largest quantity below H whose unit price (not above P) multiplies out to A exactly,
   then the same within the half cent;
5. a quantity just above H (the session's length rounded up to the hundredth of an hour,
   e.g. 50 minutes as 0.84 h) at a unit price under P that comes to A, exactly or to the cent.
An item priced per unit ("each") is claimed as 1 × the amount.
"""

from __future__ import annotations

from decimal import Decimal

HALF_CENT = 50  # in hundredths of a cent: q (hundredths of an hour) × U (cents) is in those
SEARCH_ABOVE = 10_000  # hundredths of an hour looked at above the session's length (100 h)


def _fits(q: int, u: int, target: int, *, exact: bool) -> bool:
    diff = abs(q * u - target)
    return diff == 0 if exact else diff <= HALF_CENT


def _unit_for(q: int, target: int, price: int, *, exact: bool) -> int | None:
    """The unit price (cents, at most `price`) that with `q` comes to the target, or None."""
    low = target // q
    for u in (low, low + 1):
        if 0 < u <= price and _fits(q, u, target, exact=exact):
            return u
    return None


def hourly_units(amount_cents: int, price_cents: int, hours: Decimal) -> tuple[Decimal, int]:
    """(Quantity in hours, unit price in cents) claiming `amount_cents` on an item priced
    `price_cents` an hour, for a session of `hours`; a negative amount (a reversal) gives a
    negative quantity at the same unit price."""
    if amount_cents < 0:
        back, unit = hourly_units(-amount_cents, price_cents, hours)
        return -back, unit
    if amount_cents == 0 or price_cents <= 0:
        return Decimal("1.00"), amount_cents
    target = amount_cents * 100
    booked = max(1, int((hours * 100).to_integral_value()))
    # A unit price at most the item's price needs at least this many hundredths of an hour.
    least = max(1, -(-(target - HALF_CENT) // price_cents))
    found = _search(target, price_cents, booked, least)
    if found is None:  # unreachable for a positive amount: q = 100 × amount at 1 cent fits
        return Decimal("1.00"), amount_cents
    q, u = found
    return (Decimal(q) / 100).quantize(Decimal("0.01")), u


def _search(target: int, price: int, booked: int, least: int) -> tuple[int, int] | None:
    if target % booked == 0 and 0 < target // booked <= price:
        return booked, target // booked
    if target % price == 0 and target // price <= booked:
        return target // price, price
    u = _unit_for(booked, target, price, exact=False)
    if u is not None:
        return booked, u
    for exact in (True, False):
        for q in range(booked - 1, least - 1, -1):
            u = _unit_for(q, target, price, exact=exact)
            if u is not None:
                return q, u
    start = max(booked + 1, least)
    for q in range(start, start + SEARCH_ABOVE):
        for exact in (True, False):
            u = _unit_for(q, target, price, exact=exact)
            if u is not None:
                return q, u
    return None
