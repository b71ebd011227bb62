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
# Where a comma is the decimal mark, "1,500" is one and a half to some and fifteen hundred to
# others: neither is guessed.
TWO_WAYS = QT_TRANSLATE_NOOP(
    "money",
    "“{text}” could be read two ways; type {whole} for that many whole units, or cents with two "
    "digits after the comma, such as {decimal}.",
)

# Where the practice writes a decimal comma: "12,50", "1.234,50" or "1 234,50" (the groups set
# apart by a point or a space, as its amounts are shown).
_COMMA_AMOUNT = re.compile(
    r"(?P<sign>-)?(?P<whole>[0-9]{1,3}(?:[. \u00a0\u202f][0-9]{3})+|[0-9]*),(?P<frac>[0-9]{1,2})"
)
_COMMA_OR_GROUP = re.compile(r"-?(?P<whole>[0-9]{1,3})[,.](?P<group>[0-9]{3})")


# The practice's currency and locale, set by app.i18n.use_practice with app.number_text's money
# format: the amount as text, and the currency's sign a typed amount may start with.
_practice: dict[str, Callable[[int], str] | str | None] = {
    "format": None,
    "symbol": "$",
    "decimal": ".",
}


def use_practice_money(
    formatter: Callable[[int], str] | None, symbol: str, decimal: str = "."
) -> None:
    """Format money with `formatter` (None: "$1,234.50") and accept `symbol` in typed amounts;
    `decimal` is the practice's decimal mark (a "," makes "12,50" twelve and a half)."""
    _practice.update(format=formatter, symbol=symbol, decimal=decimal)


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
    """An amount as the desk types it, with the practice's sign: "$1,234.50", "€1,234.50", or
    as the practice shows it where that is written with a decimal comma ("1.234,50 €").

    The one example every refusal about a typed amount gives: it reads back with parse_money."""
    practice = _practice["format"]
    if _practice["decimal"] == "," and callable(practice):
        shown = practice(cents)
        try:
            if parse_money(shown) == cents:
                return shown
        except ValueError:
            pass  # a way of writing it parse_money does not read: the plain form below
    return format_money(cents, str(_practice["symbol"]))


def parse_money(text: str, symbol: str | None = None) -> int:
    """Parse a typed amount such as "193.99", "$1,234.5" or "12" into cents.

    Where the practice writes a decimal comma, "12,50 €" and "1.234,50" are read too, and
    "1,500" is refused as meaning two things; a decimal point is understood everywhere.
    """
    practice = str(_practice["symbol"])
    cleaned = _strip_symbol(text.strip(), symbol if symbol is not None else practice)
    if symbol is None and practice != "$" and cleaned.startswith(("$", "-$")):
        cleaned = _strip_symbol(cleaned, "$")  # the dollar sign is always understood
    if not cleaned:
        raise ValueError(_refusal(NO_AMOUNT, text))
    if _practice["decimal"] == ",":
        cleaned = _decimal_comma(cleaned, text)
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


def _decimal_comma(cleaned: str, text: str) -> str:
    """An amount written with a decimal comma, as the point-decimal form; others as they are."""
    match = _COMMA_AMOUNT.fullmatch(cleaned)
    if match is not None:
        whole = re.sub(r"[. \u00a0\u202f]", "", match["whole"])
        return f"{match['sign'] or ''}{whole}.{match['frac']}"
    both = _COMMA_OR_GROUP.fullmatch(cleaned)
    if both is not None:
        raise ValueError(
            translate("money", TWO_WAYS).format(
                text=text.strip(),
                whole=both["whole"] + both["group"],
                decimal=f"{both['whole']},{both['group'][:2]}",
            )
        )
    return cleaned


def _strip_symbol(text: str, symbol: str) -> str:
    """Remove the currency symbol after an optional minus ("-$5.00" → "-5.00"), or after the
    amount, as the practice may show it ("12,50 €")."""
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:].lstrip()
    if symbol and text.startswith(symbol):
        text = text[len(symbol) :].lstrip()
    elif symbol and text.endswith(symbol):
        text = text[: -len(symbol)].rstrip()
    return sign + text


def percent_of(cents: int, percent: Decimal | int) -> int:
    """Return percent% of cents, rounded half-up (away from zero) to the cent."""
    try:
        exact = Fraction(cents) * Fraction(percent) / 100
    except (ValueError, OverflowError) as exc:
        said = translate("money", "“{percent}” is not a percentage.")
        raise ValueError(said.format(percent=percent)) from exc
    # Fractions are exact, so ties really are ties (a float would make 0.5 cents 0.4999…).
    magnitude = (abs(exact) * 2 + 1) // 2
    return int(magnitude) if exact >= 0 else -int(magnitude)
