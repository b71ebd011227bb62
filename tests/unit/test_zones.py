"""A time zone typed in any case is saved by its real name, those the list leaves out too."""

from __future__ import annotations

import pytest

from app.services.setup.settings import zone_named


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("australia/melbourne", "Australia/Melbourne"),
        (" AUSTRALIA/PERTH ", "Australia/Perth"),
        ("utc", "UTC"),
        ("Mars/Olympus_Mons", "Mars/Olympus_Mons"),  # names none: as typed, for the refusal
    ],
)
def test_a_zone_typed_in_any_case_is_named_as_the_computer_spells_it(
    typed: str, named: str
) -> None:
    assert zone_named(typed) == named
