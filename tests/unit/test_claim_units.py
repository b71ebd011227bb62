"""Quantity × unit price of a charge on an hourly support item: hours, never above the price."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from app.services.sessions.claim_units import hourly_units

H = Decimal


@pytest.mark.parametrize(
    ("amount", "price", "hours", "expected"),
    [
        (14046, 7023, H("2.00"), (H("2.00"), 7023)),  # 100% of two hours: 2.00 × 70.23
        (7023, 7023, H("2.00"), (H("1.00"), 7023)),  # 35.115 an hour cannot be: the price, 1 h
        (10534, 7023, H("1.50"), (H("1.50"), 7023)),  # 105.345 is 105.34 to the cent
        (10535, 7023, H("1.50"), (H("1.50"), 7023)),  # … or 105.35
        (6000, 19399, H("1.00"), (H("1.00"), 6000)),  # a fixed fee under an hour's price
        (-14046, 7023, H("2.00"), (H("-2.00"), 7023)),  # a reversal takes the hours back
        (5852, 7023, H("0.83"), (H("0.84"), 6967)),  # 50 minutes: 0.83 h at 70.23 is short
    ],
)
def test_hourly_charges_are_written_in_hours(
    amount: int, price: int, hours: Decimal, expected: tuple[Decimal, int]
) -> None:
    assert hourly_units(amount, price, hours) == expected


def test_every_charge_fits_the_price_and_comes_to_the_amount() -> None:
    rng = random.Random(21)
    for _ in range(5000):
        price = rng.randint(3000, 30000)
        minutes = rng.choice(range(15, 481, 5))
        hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
        amount = round(price * minutes / 60 * rng.choice([1, 0.9, 0.5, 0.25, rng.random()]))
        if amount <= 0:
            continue
        quantity, unit = hourly_units(amount, price, hours)
        assert 0 < unit <= price, (amount, price, hours)
        assert quantity > 0 and quantity == quantity.quantize(Decimal("0.01"))
        assert abs(quantity * unit - amount) <= Decimal("0.5"), (amount, price, hours)
