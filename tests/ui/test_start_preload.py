"""Once the week is painted, the practice's public holidays load in the background, so the
day's first cancellation does not wait for them."""

from __future__ import annotations

from typing import Any

import pytest

from app.models import practice_calendar
from app.services import practice
from app.services.desk import open_desk
from app.ui.start.application import open_window
from app.ui.tasks import TaskRunner
from tests.conftest import DEMO_NOW


def test_the_holidays_load_after_the_first_paint(
    qtbot: Any, demo_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[tuple[str, str | None, int]] = []
    real = practice_calendar._holidays_of_year

    def recording(country: str, subdivision: str | None, year: int) -> Any:
        loaded.append((country, subdivision, year))
        return real(country, subdivision, year)

    monkeypatch.setattr(practice_calendar, "_holidays_of_year", recording)
    runner = TaskRunner(synchronous=True)
    window = open_window(open_desk(demo_ctx.db, "admin"), demo_ctx, runner)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(loaded) >= 3, timeout=5000)
    with demo_ctx.db.read() as uow:
        settings = practice.settings(uow)
        region = (settings.country, settings.subdivision)
    year = DEMO_NOW.year
    assert {(c, s, y) for c, s, y in loaded} >= {(*region, y) for y in (year - 1, year, year + 1)}
    window.shutdown()


def test_after_the_preload_a_cancellation_s_count_needs_no_loading(
    demo_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice_calendar._holidays_of_year.cache_clear()
    with demo_ctx.db.read() as uow:
        practice.preload_calendar(uow)
        cal = practice.calendar(practice.settings(uow))
    import holidays

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("loaded at the cancellation, not ahead of it")

    monkeypatch.setattr(holidays, "country_holidays", refuse)
    today = DEMO_NOW.astimezone(cal.tz).date()
    for day in (
        today,
        today.replace(month=12, day=25),
        today.replace(year=today.year + 1, month=1),
    ):
        cal.is_business_day(day)
