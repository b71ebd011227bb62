"""Read a date or time as a receptionist types it, day first: "7/12/26 9:00", "0900", "9am",
"tomorrow 9am", "mon", "next tue 2pm", "last fri".

No Qt here, so the rules are tested on their own; app/ui/dates.py is the field that uses them.
The refusals go through the practice's catalogue (app.i18n.translate), like every sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from app.i18n import QT_TRANSLATE_NOOP, translate

Mode = Literal["datetime", "date", "time"]

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
# "tue" alone is today or the coming Tuesday; "next tue" the Tuesday of next week (weeks start on
# Monday); "last tue" the Tuesday before today.
SHIFTS = ("this", "next", "last")
EXAMPLE = {
    "datetime": "07/12/2026 09:00",
    "date": "07/12/2026",
    "time": "09:00 or 9am",
}
# The refusals that depend on the field's kind, whole sentences so a language can word each.
EMPTY: dict[str, str] = {
    "datetime": QT_TRANSLATE_NOOP("dates", "Type a date and time, e.g. {example}."),
    "date": QT_TRANSLATE_NOOP("dates", "Type a date, e.g. {example}."),
    "time": QT_TRANSLATE_NOOP("dates", "Type a time, e.g. {example}."),
}
NONSENSE: dict[str, str] = {
    "datetime": QT_TRANSLATE_NOOP(
        "dates",
        "“{text}” is not a date and time FrontDesk can read. Type it day first, e.g. {example}.",
    ),
    "date": QT_TRANSLATE_NOOP(
        "dates", "“{text}” is not a date FrontDesk can read. Type it day first, e.g. {example}."
    ),
    "time": QT_TRANSLATE_NOOP(
        "dates", "“{text}” is not a time FrontDesk can read. Type it day first, e.g. {example}."
    ),
}
TOKEN = re.compile(r"\d+(?:[:./\-h]\d+)*|[^\W\d_]+")


class DateTextError(ValueError):
    """What was typed is not a date or time; the message says what to type instead."""


@dataclass
class _Parts:
    """What the tokens said so far."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    day_set: date | None = None
    hour: int | None = None
    minute: int = 0
    meridiem: str | None = None
    numbers: list[str] = field(default_factory=list)
    named_month: bool = False
    weekday: int | None = None
    shift: str | None = None


def parse_typed(text: str, mode: Mode, current: datetime, now: datetime) -> datetime:
    """The wall time `text` means; parts not typed are kept from `current` (naive, local)."""
    cleaned = _normalise(text)
    if not cleaned:
        raise _refused(translate("dates", EMPTY[mode]), text, example=EXAMPLE[mode])
    parts = _Parts()
    for token in TOKEN.findall(cleaned):
        _read_token(token, parts, mode, now, text)
    _resolve_numbers(parts, mode, text)
    _resolve_weekday(parts, now.date(), mode, text)
    day = _the_date(parts, current.date(), text)
    clock = _the_time(parts, current.time(), text)
    if mode == "date" and parts.hour is not None:
        raise _refused(
            translate("dates", "“{text}”: this field takes a date only, e.g. 07/12/2026."), text
        )
    if mode == "time" and (day != current.date() or parts.day is not None or parts.day_set):
        raise _refused(
            translate("dates", "“{text}”: this field takes a time only, e.g. 09:00."), text
        )
    return datetime.combine(day, clock)


def _refused(sentence: str, text: str, **values: object) -> DateTextError:
    """The refusal `sentence` (already translated) filled with what was typed and `values`."""
    return DateTextError(sentence.format(text=text.strip(), **values))


def _normalise(text: str) -> str:
    lowered = text.strip().lower().replace(",", " ")
    lowered = re.sub(r"\b([ap])\.?\s?m\.?", r" \1m", lowered)
    # "9am" and "9.30pm" become "9 am", "9.30 pm" so the meridiem is a token of its own.
    return re.sub(r"(\d)([ap]m?)\b", r"\1 \2", lowered).strip()


def _nonsense(text: str, mode: Mode) -> DateTextError:
    return _refused(translate("dates", NONSENSE[mode]), text, example=EXAMPLE[mode])


def _read_token(token: str, parts: _Parts, mode: Mode, now: datetime, text: str) -> None:
    if token[0].isalpha():
        _read_word(token, parts, mode, now, text)
    elif ":" in token or "h" in token:
        _set_time(parts, token, text)
    elif "/" in token or "-" in token:
        _set_numeric_date(parts, re.split(r"[/\-]", token), text)
    elif "." in token:
        pieces = token.split(".")
        if len(pieces) == 3 or mode == "date":
            _set_numeric_date(parts, pieces, text)
        else:
            _set_time(parts, token.replace(".", ":"), text)
    else:
        parts.numbers.append(token)


def _read_word(word: str, parts: _Parts, mode: Mode, now: datetime, text: str) -> None:
    if word in ("am", "pm", "a", "p"):
        if parts.hour is None and parts.numbers:
            _set_compact_time(parts, parts.numbers.pop(), text)
        if parts.hour is None:
            raise _nonsense(text, mode)
        parts.meridiem = word[0]
    elif word in ("noon", "midday"):
        parts.hour, parts.minute = 12, 0
    elif word == "now":
        parts.day_set = now.date() if mode != "time" else None
        parts.hour, parts.minute = now.hour, now.minute
    elif word in RELATIVE:
        parts.day_set = now.date() + timedelta(days=RELATIVE[word])
    elif word in SHIFTS:
        if parts.shift is not None:
            raise _nonsense(text, mode)
        parts.shift = word
    elif len(word) >= 3 and any(w.startswith(word) for w in WEEKDAYS):
        # Beside a date ("Wed 30 Sep 2026", as the field shows it) the weekday says nothing the
        # date doesn't; alone ("mon", "next tue") it names the day.
        if parts.weekday is not None:
            raise _nonsense(text, mode)
        parts.weekday = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(word))
    elif len(word) >= 3 and any(m.startswith(word) for m in MONTHS):
        parts.month = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(word))
        parts.named_month = True
    else:
        raise _nonsense(text, mode)


def _set_time(parts: _Parts, token: str, text: str) -> None:
    pieces = re.split(r"[:h]", token)
    if len(pieces) != 2 or not pieces[0] or len(pieces[1]) not in (0, 2) or parts.hour is not None:
        raise _refused(translate("dates", "“{text}”: write the time as 09:00, 0900 or 9am."), text)
    parts.hour, parts.minute = int(pieces[0]), int(pieces[1] or 0)


def _set_compact_time(parts: _Parts, digits: str, text: str) -> None:
    if len(digits) > 4 or parts.hour is not None:
        raise _refused(translate("dates", "“{text}”: write the time as 09:00, 0900 or 9am."), text)
    if len(digits) <= 2:
        parts.hour, parts.minute = int(digits), 0
    else:
        parts.hour, parts.minute = int(digits[:-2]), int(digits[-2:])


def _set_numeric_date(parts: _Parts, pieces: list[str], text: str) -> None:
    if parts.day is not None or not all(p.isdigit() for p in pieces) or len(pieces) > 3:
        raise _refused(
            translate("dates", "“{text}”: write the date day first, e.g. 07/12/2026."), text
        )
    if len(pieces) == 3 and len(pieces[0]) == 4:  # 2026-12-07: year first is never ambiguous
        pieces = [pieces[2], pieces[1], pieces[0]]
    parts.day, parts.month = int(pieces[0]), int(pieces[1])
    if len(pieces) == 3:
        parts.year = _year(pieces[2], text)


def _year(digits: str, text: str) -> int:
    if len(digits) == 2:
        return 2000 + int(digits)
    if len(digits) == 4:
        return int(digits)
    raise _refused(translate("dates", "“{text}”: write the year as 2026 or 26."), text)


def _resolve_numbers(parts: _Parts, mode: Mode, text: str) -> None:
    """Bare numbers: a day or year next to a month name, 07122026, 0900, or a lone hour."""
    for digits in parts.numbers:
        if parts.named_month and parts.day is None and len(digits) <= 2:
            parts.day = int(digits)
        elif (
            parts.named_month
            and _year_like(digits, parts)
            and (parts.day is not None or len(digits) == 4)
        ):
            parts.year = _year(digits, text)
        elif len(digits) in (6, 8) and parts.day is None and not parts.named_month:
            parts.day, parts.month = int(digits[:2]), int(digits[2:4])
            parts.year = _year(digits[4:], text)
        elif mode == "date" and len(digits) <= 2 and parts.day is None:
            parts.day = int(digits)
        elif mode == "date" and len(digits) == 4 and parts.day is None and not parts.named_month:
            parts.day, parts.month = int(digits[:2]), int(digits[2:])
        elif mode != "date" and len(digits) <= 4:
            _set_compact_time(parts, digits, text)
        else:
            raise _nonsense(text, mode)


def _resolve_weekday(parts: _Parts, today: date, mode: Mode, text: str) -> None:
    """A weekday with no date beside it: the day it names, counted from today."""
    if parts.weekday is None:
        if parts.shift is not None:  # "next" with no weekday after it
            raise _nonsense(text, mode)
        return
    if parts.day is not None or parts.day_set is not None:
        if parts.shift is not None:  # "next 7/12" reads as nothing sensible
            raise _nonsense(text, mode)
        return
    ahead = (parts.weekday - today.weekday()) % 7
    if parts.shift == "next":
        next_monday = today + timedelta(days=7 - today.weekday())
        parts.day_set = next_monday + timedelta(days=parts.weekday)
    elif parts.shift == "last":
        parts.day_set = today - timedelta(days=(today.weekday() - parts.weekday) % 7 or 7)
    else:
        parts.day_set = today + timedelta(days=ahead)


def _year_like(digits: str, parts: _Parts) -> bool:
    """Next to "7 Dec": 2026 or 26 is the year; 0900 or 9 is a time."""
    if parts.year is not None:
        return False
    return len(digits) == 2 or len(digits) == 4 and digits.startswith(("19", "20"))


def _the_date(parts: _Parts, current: date, text: str) -> date:
    if parts.day is None and parts.month is not None:
        raise _refused(
            translate("dates", "“{text}”: add the day of the month, e.g. 7 Dec 2026."), text
        )
    if parts.day is None:
        return parts.day_set or current
    month = parts.month or current.month
    year = parts.year if parts.year is not None else current.year
    if not 1 <= month <= 12:
        raise _refused(
            translate(
                "dates",
                "“{text}”: there is no month {month}. Type the date day first, e.g. 07/12/2026.",
            ),
            text,
            month=month,
        )
    try:
        return date(year, month, parts.day)
    except ValueError:
        raise _refused(
            translate(
                "dates",
                "“{text}”: there is no day {day} in month {month} of {year}. Type the date day "
                "first, e.g. 07/12/2026.",
            ),
            text,
            day=parts.day,
            month=month,
            year=year,
        ) from None


def _the_time(parts: _Parts, current: time, text: str) -> time:
    if parts.hour is None:
        return current.replace(second=0, microsecond=0)
    hour = parts.hour
    if parts.meridiem is not None:
        if not 1 <= hour <= 12:
            raise _refused(
                translate("dates", "“{text}”: with am or pm the hour runs 1 to 12."), text
            )
        hour = hour % 12 + (12 if parts.meridiem == "p" else 0)
    if hour > 23 or parts.minute > 59:
        raise _refused(
            translate(
                "dates",
                "“{text}” is not a time of day: hours run 0–23 and minutes 0–59, e.g. 09:00.",
            ),
            text,
        )
    return time(hour, parts.minute)
