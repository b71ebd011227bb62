"""A date or time typed that does not read is refused in the practice's language: every refusal
of the date fields goes through the catalogue (the pseudo-translation wraps it), with what was
typed and the example filled in after the lookup."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app import i18n
from app.ui.date_text import DateTextError, Mode, parse_typed

ROOT = Path(__file__).resolve().parents[2]
CURRENT = datetime(2026, 4, 1, 10, 0)
NOW = datetime(2026, 4, 1, 10, 7)
# One typing of each refusal the rules can give.
REFUSED: list[tuple[str, Mode]] = [
    ("", "datetime"), ("", "date"), ("", "time"),
    ("banana", "datetime"), ("banana", "date"), ("am", "time"),
    ("9am", "date"), ("7/12/2026", "time"),
    ("7/12/2026 9:00 10:00", "datetime"), ("12345am", "time"),
    ("7/12/2026 8/12/2026", "datetime"), ("7/12/12345", "date"),
    ("Dec 2026", "date"), ("7/13/2026", "date"), ("31/6/2026", "date"),
    ("13pm", "time"), ("25:00", "time"),
]  # fmt: skip


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_translator(lambda _c, text, _d=None, _n=-1: i18n.pseudo_text(text))
    yield
    i18n.set_translator(None)


def _refusal(typed: str, mode: Mode) -> str:
    with pytest.raises(DateTextError) as refused:
        parse_typed(typed, mode, CURRENT, NOW)
    return str(refused.value)


@pytest.mark.parametrize(("typed", "mode"), REFUSED)
def test_every_date_refusal_goes_through_the_catalogue(
    pseudo: None, typed: str, mode: Mode
) -> None:
    said = _refusal(typed, mode)
    assert said.startswith("[!! ") and said.endswith(" !!]"), said
    assert "{" not in said and "}" not in said, said  # filled after the lookup
    if typed:
        assert f"“{typed}”" in said


def test_a_refusal_reads_in_the_catalogue_language_with_the_values_filled_in() -> None:
    french = {
        "“{text}”: there is no day {day} in month {month} of {year}. Type the date day first, "
        "e.g. 07/12/2026.": "« {text} » : le mois {month} de {year} n’a pas de jour {day}.",
    }
    i18n.set_translator(lambda _c, text, _d=None, _n=-1: french.get(text, text))
    try:
        said = _refusal("31/6/2026", "date")
    finally:
        i18n.set_translator(None)
    assert said == "« 31/6/2026 » : le mois 6 de 2026 n’a pas de jour 31."
    assert _refusal("31/6/2026", "date") == (  # English again, as it always read
        "“31/6/2026”: there is no day 31 in month 6 of 2026. Type the date day first, "
        "e.g. 07/12/2026."
    )
    assert _refusal("", "time") == "Type a time, e.g. 09:00 or 9am."


def test_the_shipped_catalogue_holds_the_date_refusals() -> None:
    shipped = ET.parse(ROOT / "translations" / "frontdesk_en_AU.ts")
    catalogue = {m.findtext("source") for m in shipped.iter("message")}
    for sentence in (
        "Type a date and time, e.g. {example}.",
        "“{text}” is not a date FrontDesk can read. Type it day first, e.g. {example}.",
        "“{text}”: write the time as 09:00, 0900 or 9am.",
        "{name}: choose on a calendar",
    ):
        assert sentence in catalogue, sentence
