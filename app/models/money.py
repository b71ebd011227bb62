"""Money as integer cents: formatting, parsing and percentages without floats."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

__all__ = ["format_money", "parse_money", "percent_of"]

# ASCII digits only: str.isdigit / \d would also accept Arabic-Indic and other digits.
_AMOUNT = re.compile(
    r"(?P<sign>-)?(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.(?P<frac>[0-9]*))?"
)
_MAX_WHOLE_DIGITS = 15  # a trillion dollars: anything longer is a typing slip
_EXAMPLE = "for example 193.99 or $1,234.50"


def format_money(cents: int, symbol: str = "$") -> str:
    """Format cents as "$1,234.50", with a leading minus for negative amounts."""
    dollars, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}{symbol}{dollars:,}.{rest:02d}"


def parse_money(text: str, symbol: str = "$") -> int:
    """Parse a typed amount such as "193.99", "$1,234.5" or "12" into cents."""
    cleaned = _strip_symbol(text.strip(), symbol)
    if not cleaned:
        raise ValueError(f"Enter an amount, {_EXAMPLE}.")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None or not (match["whole"] or match["frac"]):
        raise ValueError(f"“{text.strip()}” is not an amount of money; type it {_EXAMPLE}.")
    frac = match["frac"] or ""
    if len(frac) > 2:
        raise ValueError(
            f"“{text.strip()}” has more than two digits after the decimal point; "
            "amounts are in dollars and cents."
        )
    whole = match["whole"].replace(",", "") or "0"
    if len(whole) > _MAX_WHOLE_DIGITS:
        raise ValueError(f"“{text.strip()}” is too large to be an amount of money.")
    # Whole dollars and cents as integers: exact, unlike float, and free of Decimal's
    # 28-digit context rounding.
    cents = int(whole) * 100 + int(frac.ljust(2, "0"))
    return -cents if match["sign"] else cents


def _strip_symbol(text: str, symbol: str) -> str:
    """Remove the currency symbol after an optional minus ("-$5.00" → "-5.00")."""
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:].lstrip()
    if symbol and text.startswith(symbol):
        text = text[len(symbol) :].lstrip()
    return sign + text


def percent_of(cents: int, percent: Decimal | int) -> int:
    """Return percent% of cents, rounded half-up (away from zero) to the cent."""
    try:
        exact = Fraction(cents) * Fraction(percent) / 100
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"“{percent}” is not a percentage.") from exc
    # Fractions are exact, so ties really are ties (a float would make 0.5 cents 0.4999…).
    magnitude = (abs(exact) * 2 + 1) // 2
    return int(magnitude) if exact >= 0 else -int(magnitude)
