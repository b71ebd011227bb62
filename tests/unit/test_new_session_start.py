"""Where Ctrl+N's new session opens on the day the schedule shows (`suggested_start`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.services.setup.sessions import suggested_start
from app.services.setup.workers import HoursWindow
from tests.factory import SYD

NOW = datetime(2026, 3, 31, 23, 20, tzinfo=UTC)  # Wednesday 1 April 2026, 10:20 in Sydney
HOURS = {
    1: (HoursWindow(0, 8 * 60, 12 * 60), HoursWindow(0, 13 * 60, 17 * 60)),  # Mondays
    2: (HoursWindow(0, 7 * 60 + 30, 15 * 60), HoursWindow(5, 10 * 60, 14 * 60)),  # Mon, Sat
}


def _at(day: date, worker: int | None) -> str:
    return f"{suggested_start(day, NOW, SYD, worker, HOURS):%a %d/%m %H:%M %z}"


def test_today_opens_at_the_next_whole_hour() -> None:
    assert _at(date(2026, 4, 1), 1) == "Wed 01/04 11:00 +1100"


def test_another_day_opens_at_the_workers_first_hour_that_weekday() -> None:
    assert _at(date(2026, 4, 6), 1) == "Mon 06/04 08:00 +1000"  # after daylight saving ended
    assert _at(date(2026, 4, 11), 2) == "Sat 11/04 10:00 +1000"


def test_a_worker_off_that_day_or_none_gives_the_practices_earliest_start() -> None:
    assert _at(date(2026, 4, 11), 1) == "Sat 11/04 10:00 +1000"  # only worker 2 works Saturdays
    assert _at(date(2026, 4, 6), None) == "Mon 06/04 07:30 +1000"


def test_a_day_nobody_works_opens_at_nine() -> None:
    assert _at(date(2026, 4, 12), 1) == "Sun 12/04 09:00 +1000"
    assert suggested_start(date(2026, 4, 12), NOW, SYD, None, {}).hour == 9
