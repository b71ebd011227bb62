"""The notice rule's working in words: notice and thresholds, and the days from notice to session
(no I/O, no Qt).

The working is written in the practice's language (app.i18n): every sentence below is looked up
in the catalogue under the context "notice", and weekday and month names are the locale's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.i18n import month_name, translate, weekday_name, worded
from app.models.enums import ThresholdUnit

NOTICE_DAY = "notice"  # DayNote.role of the day notice was given
SESSION_DAY = "session"  # DayNote.role of the session's day
_LISTED_DAYS = 6  # longer spans are summarised: the desk needs the count, not a diary


@dataclass(frozen=True)
class DayNote:
    """One calendar day from notice to session, whether it counted as clear, and why in words
    ("day of notice, weekend"); `role` and `kind` say the same for the code that lists days."""

    day: date
    counted: bool
    why: str
    role: str = field(default="", compare=False)  # NOTICE_DAY, SESSION_DAY or ""
    # "business", "weekend", "holiday", or "" for an end the counting setting leaves out
    kind: str = field(default="", compare=False)
    holiday: str = field(default="", compare=False)


@worded(maxsize=4)
def verdict(short: bool) -> str:
    """The working's last word: "short notice" or "enough notice"."""
    return translate("notice", "short notice") if short else translate("notice", "enough notice")


@worded(maxsize=512)
def _days(n: int) -> str:
    return translate("notice", "%n day(s)", None, n)


@worded(maxsize=512)
def _hours(n: int) -> str:
    return translate("notice", "%n hour(s)", None, n)


@worded(maxsize=512)
def _minutes(n: int) -> str:
    return translate("notice", "%n minute(s)", None, n)


@worded(maxsize=512)
def clear_days_words(n: int) -> str:
    """ "2 clear business days", with the language's plural."""
    return translate("notice", "%n clear business day(s)", None, n)


def describe_notice(td: timedelta, *, drop_zero: bool = False) -> str:
    """Notice in words, two units at most, rounded down: "2 days 3 hours", "45 minutes";
    with `drop_zero`, "1 day" rather than "1 day 0 hours"."""
    # Rounded down so the words never claim more notice than the rule saw.
    minutes = max(td, timedelta(0)) // timedelta(minutes=1)
    days, rest = divmod(minutes, 24 * 60)
    parts = [(days, _days), *zip(divmod(rest, 60), (_hours, _minutes), strict=True)]
    while len(parts) > 1 and parts[0][0] == 0:
        parts.pop(0)
    shown = parts[:2]
    if drop_zero and len(shown) == 2 and shown[1][0] == 0:
        shown = shown[:1]
    return " ".join(words(count) for count, words in shown)


def hours_text(notice: timedelta, value: int) -> str:
    """Notice for an hours threshold: hours and minutes near the threshold, where it matters."""
    if notice >= timedelta(hours=value + 24):
        return describe_notice(notice)
    minutes = notice // timedelta(minutes=1)
    return f"{_hours(minutes // 60)} {_minutes(minutes % 60)}"


@worded(maxsize=256)
def threshold_text(unit: ThresholdUnit, value: int) -> str:
    """The threshold in words: "2 clear business days", "24 hours", "7 days"."""
    words = {
        ThresholdUnit.HOURS: _hours,
        ThresholdUnit.DAYS: _days,
        ThresholdUnit.CLEAR_BUSINESS_DAYS: clear_days_words,
    }.get(unit)
    return words(value) if words else translate("notice", "no notice threshold")


def _day_label(day: date, dated: bool) -> str:
    """Weekday, with the date once a span is long enough for weekdays to repeat: the practice's
    language's names (app.i18n), never the operating system's."""
    name = weekday_name(day.weekday())
    return f"{name} {day.day} {month_name(day.month)}" if dated else name


@worded(maxsize=4096)
def moment_text(wall: datetime, dated: bool) -> str:
    """Weekday and time, e.g. Thu 15:10."""
    return f"{_day_label(wall.date(), dated)} {wall:%H:%M}"


def _role_words(role: str) -> str:
    if role == NOTICE_DAY:
        return translate("notice", "day of notice")
    return translate("notice", "session day") if role == SESSION_DAY else ""


def same_day_why() -> str:
    """Why the one day of a same-day notice counts for nothing."""
    return translate("notice", "day of notice and session day")


def day_why(role: str, kind: str, holiday: str = "") -> str:
    """Why a day of the span counted or not: "day of notice, weekend", "public holiday: Anzac
    Day", "business day"; with no kind (an end the counting setting leaves out), its role."""
    role_words = _role_words(role)
    if not kind:
        return role_words
    prefix = translate("notice", "{role}, ").format(role=role_words) if role else ""
    if kind == "weekend":
        return prefix + translate("notice", "weekend")
    if kind == "holiday":
        return prefix + translate("notice", "public holiday: {name}").format(name=holiday)
    return prefix + translate("notice", "business day")


def _in_play(notes: Sequence[DayNote]) -> list[DayNote]:
    """The notes the working shows: the ends only when the counting setting includes them."""
    return [note for note in notes if note.kind]


def _day_token(note: DayNote, dated: bool) -> str:
    """One day of the working: "Fri", "Fri (Good Friday is a public holiday)"."""
    details = [_role_words(note.role)] if note.role else []
    if note.kind == "holiday":
        details.append(translate("notice", "{name} is a public holiday").format(name=note.holiday))
    elif note.kind == "weekend":
        details.append(translate("notice", "weekend"))
    label = _day_label(note.day, dated)
    return f"{label} ({'; '.join(details)})" if details else label


def _list_days(notes: Sequence[DayNote], dated: bool) -> str:
    """The days of the working, each weekend shown once rather than as two days."""
    tokens: list[str] = []
    weekend = translate("notice", "weekend")
    for note in _in_play(notes):
        if note.kind != "weekend" or note.role:
            tokens.append(_day_token(note, dated))
        elif not tokens or tokens[-1] != weekend:
            tokens.append(weekend)
    return ", ".join(tokens) if tokens else translate("notice", "none")


def _summarise_days(notes: Sequence[DayNote]) -> str:
    """A long span in one line: its ends and the holidays it skipped."""
    shown = _in_play(notes)
    skipped = [note.holiday for note in shown if note.kind == "holiday"]
    first, last = _day_label(shown[0].day, True), _day_label(shown[-1].day, True)
    if skipped:
        return translate("notice", "{first} to {last}, skipping weekends and {holidays}").format(
            first=first, last=last, holidays=", ".join(skipped)
        )
    return translate("notice", "{first} to {last}, skipping weekends").format(
        first=first, last=last
    )


def days_text(notes: Sequence[DayNote]) -> str:
    """The days from notice to session as the working names them: each one, or a long span
    summarised, or "none (same day)"."""
    if len(notes) == 1:
        return translate("notice", "none (same day)")
    if len(notes) - 2 > _LISTED_DAYS:
        return _summarise_days(notes)
    return _list_days(notes, dated=notes[-1].day - notes[0].day >= timedelta(days=7))
