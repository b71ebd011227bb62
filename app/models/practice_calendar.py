"""The practice calendar, and the clear business days from notice to session on it (pure, no
I/O, no Qt): `PracticeCalendar` holds the practice's time zone, its public-holiday region (read
from the holidays package on first use, a year at a time) and whether the day of notice or the
session's day counts; `clear_business_days` walks the days from notice to session and names each
one (weekend, holiday, business day) for the working the desk reads; `local_wall` reads a moment
on the practice's wall clock, never running backwards when the clocks fall back. The charge
rules (app.models.rules) measure notice with them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.i18n import translate
from app.models.enums import ClearDayCounting
from app.models.notice_text import NOTICE_DAY, SESSION_DAY, DayNote, day_why, same_day_why


@dataclass(frozen=True)
class PracticeCalendar:
    """The practice's time zone, public-holiday region and clear-day counting setting."""

    time_zone: str
    country: str
    subdivision: str | None = None
    counting: ClearDayCounting = ClearDayCounting.EXCLUSIVE

    def __post_init__(self) -> None:
        """Fail when the settings are saved, not in the middle of a cancellation."""
        object.__setattr__(self, "counting", ClearDayCounting(self.counting))
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
            raise ValueError(
                translate(
                    "notice", "“{zone}” is not a time zone; use a name like Australia/Sydney."
                ).format(zone=self.time_zone)
            ) from exc
        _check_region(self.country, self.subdivision)

    @property
    def tz(self) -> ZoneInfo:
        """The practice time zone (ZoneInfo caches its instances, so this is cheap)."""
        return ZoneInfo(self.time_zone)

    def holiday_name(self, day: date) -> str | None:
        """Name of the public holiday on day in the practice's region, if any."""
        return _holidays_of_year(self.country, self.subdivision, day.year).get(day)

    def is_business_day(self, day: date) -> bool:
        """A weekday that is not a public holiday."""
        return day.weekday() < 5 and self.holiday_name(day) is None

    def preload(self, around: date) -> None:
        """Load the region's public holidays of the years a cancellation near `around` counts
        on (last year, this one and the next), so the day's first cancellation finds them."""
        for year in (around.year - 1, around.year, around.year + 1):
            _holidays_of_year(self.country, self.subdivision, year)


@lru_cache(maxsize=32)
def _check_region(country: str, subdivision: str | None) -> None:
    """Raise a sentence when the holidays package has no calendar for the region."""
    import holidays  # on first use: ~40 ms to load, and the start of the window needs none

    try:
        holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError as exc:
        where = f"{country}/{subdivision}" if subdivision else country
        raise ValueError(
            translate(
                "notice",
                "There is no public-holiday calendar for “{region}”; use codes like AU and NSW.",
            ).format(region=where)
        ) from exc


@lru_cache(maxsize=128)
def _holidays_of_year(country: str, subdivision: str | None, year: int) -> Mapping[date, str]:
    """One year's public holidays, as a plain dict so lookups never mutate shared state."""
    import holidays

    return dict(holidays.country_holidays(country, subdiv=subdivision, years=year).items())


def require_aware(moment: datetime, what: str) -> datetime:
    """Return moment, or raise when it carries no time zone."""
    if moment.utcoffset() is None:
        if what == "session start":
            raise ValueError(translate("notice", "The session start must include a time zone."))
        raise ValueError(translate("notice", "The advised-at time must include a time zone."))
    return moment


def _offset(wall: datetime, tz: ZoneInfo, fold: int) -> timedelta:
    """UTC offset of a wall time read before (fold 0) or after (fold 1) a transition."""
    return wall.replace(tzinfo=tz, fold=fold).utcoffset() or timedelta(0)


def _repeated(wall: datetime, tz: ZoneInfo) -> bool:
    """True when this wall time happens twice because clocks fall back."""
    return _offset(wall, tz, 0) > _offset(wall, tz, 1)


@lru_cache(maxsize=4096)  # a bulk job's sessions share the moment they were advised
def local_wall(moment: datetime, tz: ZoneInfo) -> datetime:
    """Naive local wall time that never runs backwards when clocks fall back."""
    local = moment.astimezone(tz)
    wall = local.replace(tzinfo=None)
    if local.fold or not _repeated(wall, tz):
        return wall
    # The first pass through a repeated hour reads as the hour's start, so the second pass
    # never has an earlier wall time: more notice never costs more, and the client gains.
    base = wall.replace(microsecond=0)
    seconds = range(int((_offset(wall, tz, 0) - _offset(wall, tz, 1)).total_seconds()) + 1)
    back = bisect_left(seconds, True, key=lambda s: not _repeated(base - timedelta(seconds=s), tz))
    return base - timedelta(seconds=back - 1)


def _day_note(day: date, cal: PracticeCalendar, role: str = "", included: bool = True) -> DayNote:
    """One day of the span: counted when it is a business day and the setting includes it."""
    if not included:  # the day of notice or session day, left out by the counting setting
        return DayNote(day, False, day_why(role, ""), role)
    if day.weekday() >= 5:
        return DayNote(day, False, day_why(role, "weekend"), role, "weekend")
    name = cal.holiday_name(day)
    if name is not None:
        return DayNote(day, False, day_why(role, "holiday", name), role, "holiday", name)
    return DayNote(day, True, day_why(role, "business"), role, "business")


def clear_business_days(
    advised_at: datetime, session_start: datetime, cal: PracticeCalendar
) -> tuple[int, tuple[DayNote, ...]]:
    """Count clear business days from notice to session on the practice calendar."""
    tz = cal.tz
    first = local_wall(require_aware(advised_at, "advised-at time"), tz).date()
    last = local_wall(require_aware(session_start, "session start"), tz).date()
    if first > last:
        return 0, ()
    if first == last:
        return 0, (DayNote(first, False, same_day_why(), NOTICE_DAY),)
    counting = cal.counting
    include_first = counting == ClearDayCounting.INCLUDE_NOTICE_DAY
    notes = [_day_note(first, cal, NOTICE_DAY, include_first)]
    notes += [_day_note(first + timedelta(days=n), cal) for n in range(1, (last - first).days)]
    include_last = counting == ClearDayCounting.INCLUDE_SESSION_DAY
    notes.append(_day_note(last, cal, SESSION_DAY, include_last))
    return sum(note.counted for note in notes), tuple(notes)
