"""Dates and times as a receptionist types them, day first; nonsense refused with a sentence."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.ui.date_text import DateTextError, Mode, parse_typed

CURRENT = datetime(2026, 4, 1, 10, 0)  # what the field held: Wed 1 Apr 2026 10:00
NOW = datetime(2026, 4, 1, 10, 7)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("07/12/2026 09:00", datetime(2026, 12, 7, 9, 0)),
        ("7/12/26 9:00", datetime(2026, 12, 7, 9, 0)),
        ("07/12/2026", datetime(2026, 12, 7, 10, 0)),  # a date alone keeps the time
        ("9:00", datetime(2026, 4, 1, 9, 0)),  # a time alone keeps the day
        ("09:00", datetime(2026, 4, 1, 9, 0)),
        ("0900", datetime(2026, 4, 1, 9, 0)),
        ("930", datetime(2026, 4, 1, 9, 30)),
        ("9", datetime(2026, 4, 1, 9, 0)),
        ("9am", datetime(2026, 4, 1, 9, 0)),
        ("9 AM", datetime(2026, 4, 1, 9, 0)),
        ("9.30pm", datetime(2026, 4, 1, 21, 30)),
        ("9:15 p.m.", datetime(2026, 4, 1, 21, 15)),
        ("12am", datetime(2026, 4, 1, 0, 0)),
        ("12pm", datetime(2026, 4, 1, 12, 0)),
        ("noon", datetime(2026, 4, 1, 12, 0)),
        ("9h30", datetime(2026, 4, 1, 9, 30)),
        ("7-12-2026 14:05", datetime(2026, 12, 7, 14, 5)),
        ("7.12.2026 14:05", datetime(2026, 12, 7, 14, 5)),
        ("2026-12-07 13:05", datetime(2026, 12, 7, 13, 5)),
        ("07122026 0900", datetime(2026, 12, 7, 9, 0)),
        ("7 Dec 2026 9:00", datetime(2026, 12, 7, 9, 0)),
        ("7 December 26, 9am", datetime(2026, 12, 7, 9, 0)),
        ("Dec 7 2026 0900", datetime(2026, 12, 7, 9, 0)),
        ("Mon 07 Dec 2026  09:00", datetime(2026, 12, 7, 9, 0)),  # as the field shows it
        ("Wed 01 Apr 2026  14:30", datetime(2026, 4, 1, 14, 30)),
        ("7/12", datetime(2026, 12, 7, 10, 0)),  # no year: the field's year
        ("tomorrow 9am", datetime(2026, 4, 2, 9, 0)),
        ("yesterday", datetime(2026, 3, 31, 10, 0)),
        ("now", datetime(2026, 4, 1, 10, 7)),
        ("  29/2/2028 23:59  ", datetime(2028, 2, 29, 23, 59)),
        ("today", datetime(2026, 4, 1, 10, 0)),
        ("9:30", datetime(2026, 4, 1, 9, 30)),
        ("07/12/2026 9am", datetime(2026, 12, 7, 9, 0)),
        # A weekday alone: today or the coming one; "next" is next week's, "last" the one before.
        ("wed", datetime(2026, 4, 1, 10, 0)),  # NOW is a Wednesday
        ("mon", datetime(2026, 4, 6, 10, 0)),
        ("Friday 2pm", datetime(2026, 4, 3, 14, 0)),
        ("this thu", datetime(2026, 4, 2, 10, 0)),
        ("next tue", datetime(2026, 4, 7, 10, 0)),
        ("next wed 9:30", datetime(2026, 4, 8, 9, 30)),
        ("next mon", datetime(2026, 4, 6, 10, 0)),
        ("last fri", datetime(2026, 3, 27, 10, 0)),
        ("last wed", datetime(2026, 3, 25, 10, 0)),
    ],
)
def test_a_typed_date_and_time_reads_day_first(typed: str, expected: datetime) -> None:
    assert parse_typed(typed, "datetime", CURRENT, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "mode", "expected"),
    [
        ("7/12/26", "date", datetime(2026, 12, 7, 10, 0)),
        ("15", "date", datetime(2026, 4, 15, 10, 0)),  # a day of the field's month
        ("0712", "date", datetime(2026, 12, 7, 10, 0)),
        ("Mon 7 December 2026", "date", datetime(2026, 12, 7, 10, 0)),
        ("07122026", "date", datetime(2026, 12, 7, 10, 0)),
        ("7.12", "date", datetime(2026, 12, 7, 10, 0)),
        ("0930", "time", datetime(2026, 4, 1, 9, 30)),
        ("17:45", "time", datetime(2026, 4, 1, 17, 45)),
        ("5.45pm", "time", datetime(2026, 4, 1, 17, 45)),
        ("23:59", "time", datetime(2026, 4, 1, 23, 59)),
    ],
)
def test_a_date_field_and_a_time_field_take_their_part(
    typed: str, mode: Mode, expected: datetime
) -> None:
    assert parse_typed(typed, mode, CURRENT, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "mode", "says"),
    [
        ("", "datetime", "Type a date and time, e.g. 07/12/2026 09:00."),
        ("banana", "datetime", "is not a date and time FrontDesk can read"),
        ("32/12/2026", "datetime", "there is no day 32 in month 12 of 2026"),
        ("29/2/2026", "date", "there is no day 29 in month 2 of 2026"),
        ("7/13/2026", "date", "there is no month 13"),
        ("25:00", "datetime", "hours run 0–23 and minutes 0–59"),
        ("9:60", "time", "hours run 0–23 and minutes 0–59"),
        ("13pm", "datetime", "with am or pm the hour runs 1 to 12"),
        ("Dec 2026", "date", "add the day of the month"),
        ("99999", "datetime", "is not a date and time FrontDesk can read"),
        ("7/12/2026 9:00 10:00", "datetime", "write the time as 09:00, 0900 or 9am"),
        ("7/12/2026 8/12/2026", "datetime", "write the date day first"),
        ("7/12/12345", "date", "write the year as 2026 or 26"),
        ("9am", "date", "this field takes a date only"),
        ("7/12/2026", "time", "this field takes a time only"),
        ("am", "time", "is not a time FrontDesk can read"),
        ("next week", "date", "is not a date FrontDesk can read"),
        ("next", "datetime", "is not a date and time FrontDesk can read"),
        ("next 7/12", "date", "is not a date FrontDesk can read"),
        ("mon tue", "date", "is not a date FrontDesk can read"),
        ("mon", "time", "this field takes a time only"),
    ],
)
def test_nonsense_is_refused_with_a_sentence_saying_what_to_type(
    typed: str, mode: Mode, says: str
) -> None:
    with pytest.raises(DateTextError) as err:
        parse_typed(typed, mode, CURRENT, NOW)
    assert says in str(err.value)
    assert str(err.value).endswith(".")


def test_the_bug_of_0900_becoming_20_26_is_gone() -> None:
    """QDateTimeEdit typed "09:00" into its weekday and year sections; here it is 09:00."""
    assert parse_typed("09:00", "datetime", datetime(2026, 12, 2, 20, 26), NOW) == datetime(
        2026, 12, 2, 9, 0
    )
