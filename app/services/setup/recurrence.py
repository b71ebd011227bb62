"""Recurring sessions: weekly or fortnightly, until a date or for a count, on the practice clock.

Occurrences are generated in practice-local wall time and each converted to UTC on its own, so
a 09:00 session stays at 09:00 local when the clocks change in between (its UTC time moves).
Weekday and month names are the practice's language (app.i18n), never the OS locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.errors import ValidationError
from app.i18n import translate, when_text

MAX_OCCURRENCES = 104  # two years of weekly sessions
MAX_SPAN = timedelta(days=2 * 366)


@dataclass(frozen=True)
class Recurrence:
    """Repeat every `interval_weeks` weeks until a local date (inclusive) or `count` times."""

    interval_weeks: int = 1
    until: date | None = None
    count: int | None = None


@dataclass(frozen=True)
class Occurrence:
    """One generated start in UTC, with a note when its wall time had to move."""

    starts_at: datetime
    note: str | None = None


def check_recurrence(rec: Recurrence, first_day: date) -> Recurrence:
    """Refuse a repeat that cannot be generated, with the sentence the dialog shows."""
    if rec.interval_weeks not in (1, 2, 3, 4):
        raise ValidationError(
            translate("recurrence", "Repeat every 1, 2, 3 or 4 weeks."), field="recurrence"
        )
    if (rec.until is None) == (rec.count is None):
        raise ValidationError(
            translate(
                "recurrence",
                "Say when the repeats end: either an end date or a number of sessions.",
            ),
            field="recurrence",
        )
    if rec.count is not None and not 2 <= rec.count <= MAX_OCCURRENCES:
        raise ValidationError(
            translate("recurrence", "A series has between 2 and {n} sessions.").format(
                n=MAX_OCCURRENCES
            ),
            field="recurrence",
        )
    if rec.until is not None:
        if rec.until <= first_day:
            raise ValidationError(translate("recurrence", "The end date must be after the first session."),
                                  field="recurrence")  # fmt: skip
        if rec.until - first_day > MAX_SPAN:
            raise ValidationError(
                translate("recurrence", "A series can run for two years at most."),
                field="recurrence",
            )
    return rec


def _utc(wall: datetime, tz: ZoneInfo) -> Occurrence:
    """A local wall time in UTC; a time the clocks skip is noted with where it landed."""
    moment = wall.replace(tzinfo=tz).astimezone(UTC)
    landed = moment.astimezone(tz).replace(tzinfo=None)
    if landed == wall:
        return Occurrence(moment)
    note = translate(
        "recurrence",
        "{when} does not exist on the practice clock (the clocks go forward); "
        "that session is at {landed}.",
    ).format(when=when_text(wall, "%a %d %b %H:%M"), landed=f"{landed:%H:%M}")
    return Occurrence(moment, note)


def occurrences(first: datetime, rec: Recurrence | None, tz: ZoneInfo) -> list[Occurrence]:
    """The starts of a (possibly repeating) session, in UTC, from its first aware start."""
    if first.utcoffset() is None:
        raise ValidationError(
            translate("recurrence", "The start time must include a time zone."), field="start"
        )
    wall = first.astimezone(tz).replace(tzinfo=None)
    if rec is None:
        return [_utc(wall, tz)]
    check_recurrence(rec, wall.date())
    step = timedelta(weeks=rec.interval_weeks)
    out: list[Occurrence] = []
    while len(out) < (rec.count or MAX_OCCURRENCES + 1):
        if rec.until is not None and wall.date() > rec.until:
            break
        out.append(_utc(wall, tz))
        wall += step
    if len(out) > MAX_OCCURRENCES:
        raise ValidationError(
            translate(
                "recurrence", "That makes more than {n} sessions; choose an earlier end date."
            ).format(n=MAX_OCCURRENCES),
            field="recurrence",
        )
    return out
