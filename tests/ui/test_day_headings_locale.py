"""The schedule's day headings and range title speak the practice's language, not the computer's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtGui import QFont

from app import i18n
from app.ui.schedule.frame import day_labels
from app.ui.schedule.range import title as range_title


@pytest.fixture
def french() -> Iterator[None]:
    i18n.use_practice("fr_FR", "EUR")
    yield
    i18n.use_practice("en_AU", "AUD")


def test_the_week_headings_name_days_in_the_practices_language(qtbot, french: None) -> None:  # type: ignore[no-untyped-def]
    days = [date(2026, 4, 6 + n) for n in range(7)]  # Monday 6 April 2026 onwards
    labels = day_labels(days, [400.0] * 7, date(2026, 4, 8), QFont(), QFont())
    assert labels[0].startswith("lun.") and "avr." in labels[0], labels
    assert labels[6].startswith("dim."), labels
    title = range_title(days)
    assert "avril" in title and "April" not in title, title


def test_english_headings_are_unchanged(qtbot) -> None:  # type: ignore[no-untyped-def]
    days = [date(2026, 4, 6 + n) for n in range(7)]
    labels = day_labels(days, [400.0] * 7, date(2026, 4, 8), QFont(), QFont())
    assert labels[0] == "Mon 06 Apr" and labels[6] == "Sun 12 Apr", labels
