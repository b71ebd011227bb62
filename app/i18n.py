"""The practice's language: one home for the words, names and dates every layer shows.

Words. `translate(context, text)` marks a sentence the services build (a refusal, a report's
heading, an e-mail's fixed text, a CSV header) and returns it in the practice's language.
`make translations` collects these calls with the window's own `tr(context, text)` calls into
translations/frontdesk_<lang>.ts (pyside6-lupdate reads `translate` as
QCoreApplication.translate), so one catalogue, edited in Qt Linguist, holds both. Nothing here
loads Qt: the window hands its translator in with `set_translator` once it has loaded the
practice's catalogue (app/ui/i18n.py); until then, and in the command line, the text is
English, except that FRONTDESK_LANG=pseudo wraps every sentence in "[!! … !!]".
Translate the template, then fill it: `translate("ctx", "Booked {n} sessions.").format(n=n)`;
an f-string would be looked up after its values are in, and never found. A count that changes the
words is a Qt plural ("numerus"): `translate("ctx", "%n hour(s)", None, n)` → "1 hour", "3 hours";
the catalogue holds each language's forms, and English needs none ("(s)" and "(es)" do it).

Formats. Dates and weekday and month names in the practice's locale (practice_settings.locale,
like "en_AU"), through babel (CLDR data): never the operating system's locale, so every desk
prints the same text. The practice's locale and currency (.currency, ISO 4217 like "AUD") are
kept here (`use_practice`); money and numbers written in them, and the currency's checks and
choices, are app/number_text.py's.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any, ParamSpec, cast

DEFAULT_LOCALE = "en_AU"
DEFAULT_CURRENCY = "AUD"
PSEUDO = "pseudo"  # FRONTDESK_LANG=pseudo: every translated sentence wrapped, to find the rest

# (context, text, disambiguation, n): the shape of QCoreApplication.translate.
Translator = Callable[[str, str, str | None, int], str]


def _identity(_context: str, text: str, _disambiguation: str | None = None, _n: int = -1) -> str:
    return text


def translations_dir() -> Path:
    """Where the built catalogues (.qm) ship: resources/translations (app/ui/i18n.py loads them)."""
    from app.paths import resources_dir

    return resources_dir() / "translations"


def pseudo_text(text: str) -> str:
    """A sentence as the pseudo-translation shows it: "[!! Save !!]"."""
    return f"[!! {text} !!]"


def _pseudo(_context: str, text: str, _disambiguation: str | None = None, _n: int = -1) -> str:
    return pseudo_text(text)


_state: dict[str, Any] = {
    "translator": _pseudo if os.environ.get("FRONTDESK_LANG") == PSEUDO else _identity,
    "locale": DEFAULT_LOCALE,
    "currency": DEFAULT_CURRENCY,
}


_ENGLISH_PLURAL = re.compile(r"\((e?s)\)")


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the practice's language (the catalogue's `context` names where it is used).

    With a count `n` the text is a plural, "%n hour(s)": the catalogue's form for `n`, with %n
    written as the number; a language without the sentence gets English, "1 hour", "3 hours".
    """
    translator: Translator = _state["translator"]
    found = translator(context, text, disambiguation, n)
    if n < 0:
        return found
    found = _ENGLISH_PLURAL.sub("" if n == 1 else r"\1", found)
    return found.replace("%n", str(n))


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a module-level sentence for the catalogue; translate it where it is used."""
    return text


_P = ParamSpec("_P")
_worded: list[Any] = []  # the functions `worded` remembers the texts of


def worded(maxsize: int) -> Callable[[Callable[_P, str]], Callable[_P, str]]:
    """Remember the texts a function of hashable arguments writes in the practice's language
    and locale (a moment's words, a notice's length), until either changes: a bulk job writes
    the same few thousand again and again."""

    def remember(function: Callable[_P, str]) -> Callable[_P, str]:
        kept = lru_cache(maxsize=maxsize)(function)
        _worded.append(kept)
        return cast(Callable[_P, str], kept)

    return remember


def _forget_words() -> None:
    for kept in _worded:
        kept.cache_clear()


def set_translator(translator: Translator | None, language: str | None = None) -> None:
    """Where `translate` looks sentences up (None: English again), and the catalogue's language
    ("fr_FR"), so a PDF knows the letters its translated headings need."""
    _state["translator"] = translator or _identity
    _state["language"] = language if translator else None
    _forget_words()


def catalogue_language() -> str | None:
    """The language of the sentences `translate` gives ("el_GR"); None for English as written."""
    language = _state.get("language")
    return language if language and language.split("_")[0] not in ("en", PSEUDO) else None


def language_sample(language: str) -> str:
    """The language's own name in its own letters ("Ελληνικά", "中文"): its script, in a word."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language).get_display_name(language) or "")
    except (UnknownLocaleError, ValueError, TypeError):
        return ""


def use_practice(locale: str | None, currency: str | None) -> None:
    """Format dates and money for this practice from now on (unknown values: the defaults)."""
    _use_practice(locale, currency)
    _forget_words()


def _use_practice(locale: str | None, currency: str | None) -> None:
    default = (locale or DEFAULT_LOCALE, (currency or DEFAULT_CURRENCY).upper()) == (
        DEFAULT_LOCALE,
        DEFAULT_CURRENCY,
    )
    # The domain's format_money (app.models.money) writes "$1,234.50" itself, which is en_AU's
    # AUD: it is told the practice's format only when that differs (and not loaded to say so).
    if default:  # checked without loading babel's data: the start's common case
        _state.update(locale=DEFAULT_LOCALE, currency=DEFAULT_CURRENCY)
        if "app.models.money" in sys.modules:
            sys.modules["app.models.money"].use_practice_money(None, "$")
        return
    # Money is app.number_text's, which reads the state kept here: imported only now (babel is
    # needed anyway), so that module depends on this one and never the other way at import.
    from app.models import money as domain_money
    from app.number_text import currency_codes, decimal_mark, money, money_symbol

    _state["locale"] = locale if locale and _known_locale(locale) else DEFAULT_LOCALE
    code = (currency or "").upper()
    _state["currency"] = code if code in currency_codes() else DEFAULT_CURRENCY
    domain_money.use_practice_money(money, money_symbol(), decimal_mark())


def practice_locale() -> str:
    return str(_state["locale"])


def practice_currency() -> str:
    return str(_state["currency"])


# --- the practice's locale, checked -------------------------------------------------------------


@lru_cache(maxsize=64)
def _known_locale(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return "_" in code  # a language and a region: the region decides dates and money


def check_locale(value: str) -> str:
    """The locale code as saved ("en_AU"), or the sentence saying what to choose."""
    from app.errors import ValidationError  # the errors load SQLAlchemy: not at the start

    code = (value or "").strip().replace("-", "_")
    if not code:
        raise ValidationError(
            translate(
                "settings", "Choose the practice's language and region, like English (Australia)."
            ),
            field="locale",
        )
    if not _known_locale(code):
        raise ValidationError(
            translate(
                "settings",
                "“{code}” is not a language and region FrontDesk knows; choose one from the "
                "list, like en_AU for English (Australia).",
            ).format(code=value.strip()),
            field="locale",
        )
    from babel import Locale

    return str(Locale.parse(code))


def locale_choices(shown_in: str | None = None) -> tuple[tuple[str, str], ...]:
    """(code, name) for every language and region ("en_AU", "English (Australia)"), named in the
    practice's language (or `shown_in`), sorted by name."""
    return _locale_choices(shown_in or practice_locale())


@lru_cache(maxsize=4)
def _locale_choices(shown_in: str) -> tuple[tuple[str, str], ...]:
    """`locale_choices` named in `shown_in`, kept per language (a practice may change its own).
    Names come from that one locale's data: loading each of the 600 locales to ask its own name
    would take seconds."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    shown = Locale.parse(shown_in)
    out: list[tuple[str, str]] = []
    for code in locale_identifiers():
        language, *script, region = code.split("_") if "_" in code else (code, "")
        if not region.isalpha() or not region.isupper() or len(script) > 1:
            continue  # a language alone, or a UN region like 001
        details = [shown.scripts.get(s, s) for s in script]
        details.append(shown.territories.get(region, region))
        out.append((code, f"{shown.languages.get(language, language)} ({', '.join(details)})"))
    return tuple(sorted(out, key=lambda pair: pair[1].casefold()))


# --- dates ---------------------------------------------------------------------------------------


# Names kept from an earlier start (app/ui/start/day_names.py), by locale: the quick start's
# first paint then needs no babel (its import and locale data take about 60 ms).
_kept_names: dict[str, dict[str, tuple[str, ...]]] = {}
_NAME_COUNTS = {"a": 7, "A": 7, "b": 12, "B": 12, "p": 2}


def day_and_month_names(locale: str) -> dict[str, tuple[str, ...]]:
    """What when_text writes for %a and %A (Monday first), %b and %B, and %p in `locale`."""
    return _names(locale)


def keep_names(locale: str, names: dict[str, Any]) -> bool:
    """Use `names` (day_and_month_names of an earlier start) for `locale` instead of reading
    babel's data again; False, and babel's are used, when they are not a full set."""
    found = {key: tuple(str(n) for n in names.get(key, ())) for key in _NAME_COUNTS}
    if any(len(found[key]) != count for key, count in _NAME_COUNTS.items()):
        return False
    _kept_names[locale] = found
    return True


@lru_cache(maxsize=8)
def _names(locale: str) -> dict[str, tuple[str, ...]]:
    """The locale's weekday (Monday first), month and AM/PM names."""
    kept = _kept_names.get(locale)
    if kept is not None:
        return kept
    from babel import Locale

    loc = Locale.parse(locale)
    days, months = loc.days["format"], loc.months["format"]
    periods = loc.day_periods["format"]["abbreviated"]
    return {
        "a": tuple(days["abbreviated"][i] for i in range(7)),
        "A": tuple(days["wide"][i] for i in range(7)),
        "b": tuple(months["abbreviated"][i] for i in range(1, 13)),
        "B": tuple(months["wide"][i] for i in range(1, 13)),
        # English keeps "AM"/"PM" as FrontDesk has always written them (CLDR's en_AU says "am").
        "p": ("AM", "PM") if loc.language == "en" else (periods["am"], periods["pm"]),
    }


_NAMED = re.compile(r"%[aAbBp]")


def when_text(moment: date | datetime | time, pattern: str, locale: str | None = None) -> str:
    """`moment.strftime(pattern)` with %a %A %b %B %p in the practice's language, not the OS's:
    when_text(day, "%a %d %b %Y") → "Wed 01 Apr 2026" (en_AU), "mer. 01 avr. 2026" (fr_FR)."""
    names = _names(locale or practice_locale())

    def name(match: re.Match[str]) -> str:
        key = match.group()[1]
        if key in "aA":
            assert not isinstance(moment, time)
            found = names[key][moment.weekday()]
        elif key in "bB":
            assert not isinstance(moment, time)
            found = names[key][moment.month - 1]
        else:
            found = names["p"][0 if int(getattr(moment, "hour", 0)) < 12 else 1]
        return found.replace("%", "%%")

    return moment.strftime(_NAMED.sub(name, pattern))


def day_time(moment: datetime, tz: tzinfo) -> str:
    """ "Wed 01 Apr 2026 10:00": a moment as the desk shows it, in the practice's time zone and
    language (the client's own texts say times their own way)."""
    return when_text(moment.astimezone(tz), "%a %d %b %Y %H:%M")


def weekday_name(day: int, *, wide: bool = False, locale: str | None = None) -> str:
    """Monday is 0: "Mon" (or "Monday") in the practice's language."""
    return _names(locale or practice_locale())["A" if wide else "a"][day]


def month_name(month: int, *, wide: bool = False, locale: str | None = None) -> str:
    """January is 1: "Jan" (or "January") in the practice's language."""
    return _names(locale or practice_locale())["B" if wide else "b"][month - 1]


def date_text(day: date, *, length: str = "medium", locale: str | None = None) -> str:
    """A date as the locale writes it: "1 Apr 2026" (en_AU medium), "01/04/2026" (short)."""
    from babel.dates import format_date

    return str(format_date(day, format=length, locale=locale or practice_locale()))


# Letters NFKD does not take apart into a base letter and its marks.
_OWN_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ħ": "h", "ı": "i",
                              "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th", "ß": "ss"})  # fmt: skip


@lru_cache(maxsize=1 << 16)  # a list's cells, met again at every key typed
def search_key(text: str) -> str:
    """A name as a search matches and a list sorts it: whatever the case and the accents, so
    "nguyen" finds Nguyễn, "zoe" Zoë and "dang" Đặng, and Đặng sorts among the D's."""
    import unicodedata

    folded = text.casefold().translate(_OWN_LETTERS)
    apart = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in apart if not unicodedata.combining(c))
