"""Up and Down in a date field: the parts of a shown value a step changes, and the step.

A display format such as "ddd dd MMM yyyy  HH:mm" is read as Qt reads it, so the part under
the cursor is found in the text the field shows, whatever the language's month names.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime

# The parts of a display format, as Qt reads it: quoted text, a run of one pattern letter, or a
# character shown as it is.
FORMAT_PART = re.compile(r"'[^']*'|d{1,4}|M{1,4}|yyyy|yy|H{1,2}|h{1,2}|m{1,2}|s{1,2}|AP|ap|A|a|.")
# What Up/Down step in each part (the weekday steps the day it names).
STEP_UNIT = {"d": "day", "M": "month", "y": "year", "H": "hour", "h": "hour", "m": "minute"}
STEP_UNIT.update({"A": "half-day", "a": "half-day"})

Section = tuple[int, int, str]  # where a part starts and ends in the shown text, and its unit


def sections(shown: QDateTime, display_format: str) -> list[Section]:
    """Where each steppable part of `shown`, written in `display_format`, is."""
    found: list[Section] = []
    prefix, start = "", 0
    for part in FORMAT_PART.findall(display_format):
        prefix += part
        end = len(shown.toString(prefix))
        unit = None if part.startswith("'") else STEP_UNIT.get(part[0])
        if unit is not None and end > start:
            found.append((start, end, unit))
        start = end
    return found


def section_at(parts: list[Section], position: int) -> Section | None:
    """The part the cursor is in (or just after); the nearest one before it otherwise."""
    inside = [p for p in parts if p[0] <= position <= p[1]]
    if inside:
        return inside[0]
    before = [p for p in parts if p[1] <= position]
    return before[-1] if before else (parts[0] if parts else None)


def stepped(value: datetime, unit: str, direction: int) -> datetime:
    """`value` one `unit` later (direction 1) or earlier (-1); a month keeps its day if it can."""
    if unit in ("month", "year"):
        months = value.year * 12 + value.month - 1 + direction * (12 if unit == "year" else 1)
        year, month = divmod(months, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return value.replace(year=year, month=month + 1, day=min(value.day, last))
    size = {"day": timedelta(days=1), "hour": timedelta(hours=1)}.get(unit)
    size = size or (timedelta(hours=12) if unit == "half-day" else timedelta(minutes=1))
    return value + direction * size
