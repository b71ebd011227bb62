"""Names matched and sorted whatever their case and accents."""

from __future__ import annotations

import pytest

from app.i18n import search_key


@pytest.mark.parametrize(
    ("typed", "name"),
    [("nguyen", "Nguyễn"), ("zoe", "Zoë"), ("DANG", "Đặng"), ("strasse", "Straße"),
     ("soren", "Søren"), ("lukasz", "Łukasz"), ("jose", "JOSÉ"), ("王", "王芳")],
)  # fmt: skip
def test_a_name_typed_without_its_accents_is_found(typed: str, name: str) -> None:
    assert search_key(typed) in search_key(name)


def test_other_letters_are_not_found_and_names_sort_among_their_letters() -> None:
    assert search_key("dan") not in search_key("Tran")
    names = ["Harris", "Đặng", "Clarke", "Ávila", "Zhou"]
    assert sorted(names, key=search_key) == ["Ávila", "Clarke", "Đặng", "Harris", "Zhou"]
