"""Money as integer cents: formatting, parsing and percentages without floats."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from app.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["format_money", "money_example", "parse_money", "percent_of", "typed_money"]

# ASCII digits only: str.isdigit / \d would also accept Arabic-Indic and other digits.
_AMOUNT = re.compile(
    r"(?P<sign>-)?(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.(?P<frac>[0-9]*))?"
)
_MAX_WHOLE_DIGITS = 15  # a trillion in any currency: anything longer is a typing slip
# The refusals of a typed amount; {example} is money_example(), in the practice's currency.
NO_AMOUNT = QT_TRANSLATE_NOOP("money", "Enter an amount, for example 193.99 or {example}.")
NOT_MONEY = QT_TRANSLATE_NOOP(
    "money", "“{text}” is not an amount of money; type it for example 193.99 or {example}."
)
PAST_HUNDREDTHS = QT_TRANSLATE_NOOP(
    "money",
    "“{text}” has more than two digits after the decimal point; type it for example 193.99 "
    "or {example}.",
)
TOO_LARGE = QT_TRANSLATE_NOOP("money", "“{text}” is too large to be an amount of money.")


# The practice's currency and locale, set by app.i18n.use_practice (the one home of
# formats): the amount as text, and the currency's sign a typed amount may start with.
_practice: dict[str, Callable[[int], str] | str | None] = {"format": None, "symbol": "$"}


def use_practice_money(formatter: Callable[[int], str] | None, symbol: str) -> None:
    """Format money with `formatter` (None: "$1,234.50") and accept `symbol` in typed amounts."""
    _practice.update(format=formatter, symbol=symbol)


def format_money(cents: int, symbol: str | None = None) -> str:
    """Cents in the practice's currency and locale ("$1,234.50", "-$5.00", "1.234,50 €"); with
    `symbol`, or before the practice is known, as "$1,234.50" with a leading minus."""
    practice = _practice["format"]
    if symbol is None and callable(practice):
        return practice(cents)
    dollars, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}{'$' if symbol is None else symbol}{dollars:,}.{rest:02d}"


def typed_money(cents: int) -> str:
    """An amount as the desk types it ("140.46", "-5.00"): what a form offers to edit must read
    back with parse_money, whatever the practice's currency shows ("140,46 €" does not)."""
    whole, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole}.{rest:02d}"


def money_example(cents: int = 123450) -> str:
    """An amount as the desk types it, with the practice's sign: "$1,234.50", "€1,234.50".

    The one example every refusal about a typed amount gives: it reads back with parse_money,
    which the practice's display ("1 234,50 €") would not."""
    return format_money(cents, str(_practice["symbol"]))


def parse_money(text: str, symbol: str | None = None) -> int:
    """Parse a typed amount such as "193.99", "$1,234.5" or "12" into cents."""
    practice = str(_practice["symbol"])
    cleaned = _strip_symbol(text.strip(), symbol if symbol is not None else practice)
    if symbol is None and practice != "$" and cleaned.startswith(("$", "-$")):
        cleaned = _strip_symbol(cleaned, "$")  # the dollar sign is always understood
    if not cleaned:
        raise ValueError(_refusal(NO_AMOUNT, text))
    match = _AMOUNT.fullmatch(cleaned)
    if match is None or not (match["whole"] or match["frac"]):
        raise ValueError(_refusal(NOT_MONEY, text))
    frac = match["frac"] or ""
    if len(frac) > 2:
        raise ValueError(_refusal(PAST_HUNDREDTHS, text))
    whole = match["whole"].replace(",", "") or "0"
    if len(whole) > _MAX_WHOLE_DIGITS:
        raise ValueError(_refusal(TOO_LARGE, text))
    # Whole units and hundredths as integers: exact, unlike float, and free of Decimal's
    # 28-digit context rounding.
    cents = int(whole) * 100 + int(frac.ljust(2, "0"))
    return -cents if match["sign"] else cents


def _refusal(sentence: str, text: str) -> str:
    """A refusal of a typed amount in the practice's language, its example in its currency."""
    return translate("money", sentence).format(text=text.strip(), example=money_example())


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
