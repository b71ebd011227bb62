"""Money as integer cents: formatting, parsing and half-up percentages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models.money import format_money, parse_money, percent_of


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (19399, "$193.99"),
        (-500, "-$5.00"),
        (123450, "$1,234.50"),
        (0, "$0.00"),
        (7, "$0.07"),
        (-1, "-$0.01"),
        (123456789, "$1,234,567.89"),
    ],
)
def test_format_money_uses_symbol_thousands_separators_and_leading_minus(
    cents: int, text: str
) -> None:
    assert format_money(cents) == text


def test_format_money_takes_another_symbol() -> None:
    assert format_money(150, symbol="€") == "€1.50"


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("193.99", 19399),
        ("$1,234.5", 123450),
        ("12", 1200),
        ("  $12.00  ", 1200),
        ("0.05", 5),
        (".5", 50),
        ("5.", 500),
        ("-$5.00", -500),
        ("- $5", -500),
        ("$1,234,567.89", 123456789),
        ("1234567.89", 123456789),
    ],
)
def test_parse_money_accepts_plain_symbol_and_grouped_amounts(text: str, cents: int) -> None:
    assert parse_money(text) == cents


def test_parse_money_takes_another_symbol() -> None:
    assert parse_money("€1.50", symbol="€") == 150


@pytest.mark.parametrize("text", ["", "   ", "$"])
def test_parse_money_asks_for_an_amount_when_empty(text: str) -> None:
    with pytest.raises(ValueError, match="^Enter an amount, for example 193.99"):
        parse_money(text)


@pytest.mark.parametrize(
    "text", ["abc", "12a", "1,23", "1,2345", "$$5", "--5", "-", ".", "1.2.3", "١٢"]
)
def test_parse_money_rejects_what_is_not_an_amount_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="is not an amount of money; type it for example"):
        parse_money(text)


def test_parse_money_rejects_fractions_of_a_cent() -> None:
    with pytest.raises(ValueError, match="more than two digits after the decimal point"):
        parse_money("12.345")


def test_parse_money_rejects_absurdly_large_amounts() -> None:
    with pytest.raises(ValueError, match="too large to be an amount of money"):
        parse_money("1" * 16)


@given(st.integers(min_value=-(10**17) + 1, max_value=10**17 - 1))
def test_parse_money_reads_back_what_format_money_writes(cents: int) -> None:
    assert parse_money(format_money(cents)) == cents


@pytest.mark.parametrize(
    ("cents", "percent", "expected"),
    [
        (19399, 100, 19399),
        (19399, 50, 9700),  # 9699.5 rounds half up
        (101, 50, 51),  # 50.5 → 51
        (99, 50, 50),  # 49.5 → 50
        (98, 50, 49),
        (333, 33, 110),  # 109.89 → 110
        (1000, 0, 0),
        (-101, 50, -51),  # a refund rounds away from zero, like its charge
        (10000, Decimal("12.5"), 1250),
        (1, Decimal("50"), 1),  # half a cent rounds up to one
        (3, Decimal("16.5"), 0),  # 0.495 → 0
    ],
)
def test_percent_of_rounds_half_up_to_the_cent(
    cents: int, percent: Decimal | int, expected: int
) -> None:
    assert percent_of(cents, percent) == expected


@pytest.mark.parametrize("percent", [Decimal("NaN"), Decimal("Infinity")])
def test_percent_of_refuses_a_percentage_that_is_not_a_number(percent: Decimal) -> None:
    with pytest.raises(ValueError, match="is not a percentage"):
        percent_of(100, percent)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=100))
def test_percent_of_stays_within_half_a_cent_of_the_exact_value(cents: int, percent: int) -> None:
    result = percent_of(cents, percent)
    assert abs(result * 100 - cents * percent) <= 50
    assert 0 <= result <= cents
