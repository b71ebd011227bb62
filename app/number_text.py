"""The practice's money and numbers: amounts in its currency and locale ("$1,234.50", "-$5.00",
"1.234,50 €"), counts and shares as it writes them ("1 234", "5,2 %"), its decimal mark and its
currency's sign, and the currencies it may choose, checked and named. Written with babel's CLDR
data, loaded on first use (never the operating system's locale); the locale and currency
themselves are the practice's language state in app.i18n (`use_practice`), which hands `money`
to the domain's format_money (app.models.money) when the practice does not write en_AU's dollars.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from app.i18n import practice_currency, practice_locale, translate

# --- the practice's currency, checked ------------------------------------------------------------


def check_currency(value: str) -> str:
    """The ISO 4217 code as saved ("AUD"), or the sentence saying what to choose."""
    from app.errors import ValidationError

    code = (value or "").strip().upper()
    if code not in currency_codes():
        raise ValidationError(
            translate(
                "settings",
                "“{code}” is not a currency FrontDesk knows; choose one from the list, like AUD "
                "for the Australian dollar.",
            ).format(code=(value or "").strip()),
            field="currency",
        )
    return code


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """Every ISO 4217 currency some country uses today (CLDR's territory currencies)."""
    from babel.core import get_global

    return frozenset(
        code
        for used in get_global("territory_currencies").values()
        for code, _start, end, tender in used
        if end is None and tender
    )


def currency_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) for every currency in use, named in the practice's language, sorted by code."""
    return _currency_choices(practice_locale())


@lru_cache(maxsize=4)
def _currency_choices(loc: str) -> tuple[tuple[str, str], ...]:
    """`currency_choices` named in `loc`, kept per language (a practice may change its own)."""
    from babel.numbers import get_currency_name

    return tuple((c, get_currency_name(c, locale=loc)) for c in sorted(currency_codes()))


# --- money ---------------------------------------------------------------------------------------


def money(cents: int, currency: str | None = None, locale: str | None = None) -> str:
    """Cents in the practice's currency and locale: "$1,234.50", "-$5.00", "1.234,50 €"."""
    code, where = currency or practice_currency(), locale or practice_locale()
    form = _money_form(where, code)
    return _apply(form, cents) if form is not None else _babel_money(cents, code, where)


MoneyForm = tuple[tuple[str, str], tuple[str, str], tuple[int, int], str, str]


def _apply(form: MoneyForm, cents: int) -> str:
    prefixes, suffixes, (primary, secondary), decimal, group = form
    whole, hundredths = divmod(abs(cents), 100)
    digits = str(whole)
    if len(digits) > primary:
        head, tail = digits[:-primary], [digits[-primary:]]
        while len(head) > secondary:
            head, tail = head[:-secondary], [head[-secondary:], *tail]
        digits = group.join([head, *tail])
    negative = 1 if cents < 0 else 0
    return f"{prefixes[negative]}{digits}{decimal}{hundredths:02d}{suffixes[negative]}"


def _babel_money(cents: int, currency: str, locale: str) -> str:
    from babel.numbers import format_currency

    return str(
        format_currency(
            Decimal(cents).scaleb(-2),
            currency,
            locale=locale,
            currency_digits=False,  # amounts are kept in hundredths whatever the currency
        )
    )


@lru_cache(maxsize=16)
def _money_form(locale: str, currency: str) -> MoneyForm | None:
    """The locale's currency pattern taken apart once (babel parses it at every call: too slow
    for a 10,000-row report); None when that would not write what babel writes."""
    from babel import Locale
    from babel.numbers import (
        get_currency_symbol,
        get_decimal_symbol,
        get_group_symbol,
        get_minus_sign_symbol,
    )

    pattern = Locale.parse(locale).currency_formats["standard"]
    symbol, minus = get_currency_symbol(currency, locale=locale), get_minus_sign_symbol(locale)
    prefix = [p.replace("¤", symbol).replace("-", minus) for p in pattern.prefix]
    suffix = [p.replace("¤", symbol).replace("-", minus) for p in pattern.suffix]
    form: MoneyForm = (
        (prefix[0], prefix[1]),
        (suffix[0], suffix[1]),
        (int(pattern.grouping[0]), int(pattern.grouping[1])),
        get_decimal_symbol(locale),
        get_group_symbol(locale),
    )
    samples = (0, 5, -5, 123456, -123456, 123456789012, -987654321)
    same = all(_apply(form, c) == _babel_money(c, currency, locale) for c in samples)
    return form if same else None


def money_symbol(currency: str | None = None, locale: str | None = None) -> str:
    """The currency's sign as the practice writes it: "$", "€", "NZ$"."""
    from babel.numbers import get_currency_symbol

    return str(
        get_currency_symbol(currency or practice_currency(), locale=locale or practice_locale())
    )


# --- counts, shares and the decimal mark ---------------------------------------------------------


def number_text(n: int, locale: str | None = None) -> str:
    """A count as the practice writes it: "1,234", "1 234" (fr_FR), "1.234" (de_DE)."""
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=locale or practice_locale()))


def percent_text(rate: float, locale: str | None = None) -> str:
    """A share with one decimal as the practice writes it: "5.2%", "5,2 %" (fr_FR)."""
    from babel.numbers import format_percent

    where = locale or practice_locale()
    return str(format_percent(rate, _percent_pattern(where), locale=where))


@lru_cache(maxsize=8)
def _percent_pattern(locale: str) -> str:
    """The locale's own percent pattern ("#,##0 %") with one decimal ("#,##0.0 %")."""
    from babel import Locale

    pattern = str(Locale.parse(locale).percent_formats[None].pattern)
    head, zero, tail = pattern.rpartition("0")
    return f"{head}0.0{tail}" if zero else "#,##0.0%"


def decimal_mark(locale: str | None = None) -> str:
    """The decimal mark of the practice's numbers: "." (en_AU), "," (de_DE, fr_FR)."""
    from babel.numbers import get_decimal_symbol

    return str(get_decimal_symbol(locale or practice_locale()))
