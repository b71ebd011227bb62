"""Which days the schedule shows, and how Today/previous/next move them (no Qt widgets)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.i18n import when_text
from app.ui.i18n import tr


class ViewMode(StrEnum):
    """Day view: time across. Week view: days across."""

    DAY = "day"
    WEEK = "week"


WEEK_DAYS = 7


def visible_days(anchor: date, mode: ViewMode) -> list[date]:
    """The anchor day, or the Monday-to-Sunday week that holds it."""
    if mode == ViewMode.DAY:
        return [anchor]
    monday = anchor - timedelta(days=anchor.weekday())
    return [monday + timedelta(days=n) for n in range(WEEK_DAYS)]


def step(anchor: date, mode: ViewMode, direction: int) -> date:
    """The anchor one day or one week forward (direction 1) or back (-1)."""
    return anchor + timedelta(days=direction * (1 if mode == ViewMode.DAY else WEEK_DAYS))


def bounds(days: list[date], tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the local days, correct across daylight-saving changes."""
    start = datetime.combine(days[0], time.min, tz)
    end = datetime.combine(days[-1] + timedelta(days=1), time.min, tz)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


def title(days: list[date]) -> str:
    """A heading for the range: one day, or the week's first and last day."""
    if len(days) == 1:
        return when_text(days[0], "%A %d %B %Y")
    first, last = days[0], days[-1]
    if first.month == last.month:
        start = first.strftime("%d")
    else:
        start = when_text(first, "%d %b" if first.year == last.year else "%d %b %Y")
    return tr("range", "{a} – {b}").format(a=start, b=when_text(last, "%d %B %Y"))
