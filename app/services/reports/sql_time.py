"""A stored UTC time as practice-local text, worked out by the database (large exports).

Making and formatting 100,000 datetimes in Python takes about a sixth of a lean CSV export;
the database does it for a fraction of that while it reads the rows. PostgreSQL knows the
time zones itself. SQLite only adds fixed offsets, so the zone's offsets over the period the
rows span are worked out here (a CASE on the UTC time, newest first) from the zone data
Python uses.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func, literal

# "2026-04-01 10:00:00", as Python's isoformat(" ", "seconds") (SQLite's datetime() gives it).
_PG_FORMAT = "YYYY-MM-DD HH24:MI:SS"
# Zones change offset at most a few times a year, never twice within a day.
_STEP = 86_400


def _offset(tz: ZoneInfo, second: int) -> int:
    """Seconds east of UTC in force at a UTC second (a POSIX timestamp)."""
    offset = datetime.fromtimestamp(second, tz).utcoffset() or timedelta(0)
    return int(offset.total_seconds())


def offsets(tz: ZoneInfo, first: datetime, last: datetime) -> list[tuple[datetime, int]]:
    """Every UTC offset in force from `first` to `last`: (from when, seconds), oldest first."""
    start, end = int(first.timestamp()), int(last.timestamp()) + 1
    found = [(first, _offset(tz, start))]
    second = start
    while second < end:
        step = min(second + _STEP, end)
        if _offset(tz, step) != found[-1][1]:
            low, high = second, step  # the change lies in (low, high]: find its second
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if _offset(tz, middle) == found[-1][1] else (low, middle)
            found.append((datetime.fromtimestamp(high, UTC), _offset(tz, high)))
        second = step
    return found


def local_text(
    column: ColumnElement[Any],
    tz: ZoneInfo,
    dialect: str,
    span: tuple[datetime, datetime] | None = None,
) -> ColumnElement[str]:
    """`column` (UTC) as "2026-04-01 10:00:00" in `tz`; SQLite needs the `span` of the times."""
    if dialect == "postgresql":
        utc = func.timezone("UTC", column)
        return func.to_char(func.timezone(tz.key, utc), _PG_FORMAT)
    if span is None:
        raise ValueError("SQLite needs the span of the times to find the zone's offsets")
    periods = offsets(tz, *span)
    shift: ColumnElement[str] = literal(f"{periods[0][1]:+d} seconds")
    if len(periods) > 1:
        shift = case(
            *(
                (column >= start, f"{seconds:+d} seconds")
                for start, seconds in reversed(periods[1:])
            ),
            else_=shift,
        )
    # Whole seconds first: SQLite keeps milliseconds and would round 59.9996 up to the next.
    return func.datetime(func.substr(column, 1, 19), shift)
