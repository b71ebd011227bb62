"""A refused amount shows how to type it in the practice's own currency: an Irish euro practice
reads "€1,234.50", a pound practice "£1,234.50", a French one its own "1 234,50 €", never a
dollar example; the example reads back as typed, and the sentences go through the practice's
catalogue. Where the practice writes a decimal comma, "12,50" is twelve and a half and "1,500"
is refused as meaning two things."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import i18n
from app.models.money import money_example, parse_money

ROOT = Path(__file__).resolve().parents[2]
# locale, currency, and the example its refusals give
PRACTICES = [
    ("fr_FR", "EUR", "1\u202f234,50\xa0€"),
    ("en_IE", "EUR", "€1,234.50"),
    ("en_GB", "GBP", "£1,234.50"),
]
NOT_AMOUNTS = ["ten", "", "  ", "12.3456", "-"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    yield
    i18n.use_practice(None, None)
    i18n.set_translator(None)


def _refusal(typed: str) -> str:
    with pytest.raises(ValueError) as refused:
        parse_money(typed)
    return str(refused.value)


def test_the_example_is_in_the_practice_currency_and_reads_back_as_typed() -> None:
    assert money_example() == "$1,234.50"  # en_AU, AUD: as FrontDesk always wrote it
    assert _refusal("ten") == (
        "“ten” is not an amount of money; type it for example 193.99 or $1,234.50."
    )
    for locale, currency, example in PRACTICES:
        i18n.use_practice(locale, currency)
        assert money_example() == example
        assert parse_money(money_example()) == 123450, (locale, currency)
        assert parse_money(money_example(2500)) == 2500


@pytest.mark.parametrize(("locale", "currency", "example"), PRACTICES)
@pytest.mark.parametrize("typed", NOT_AMOUNTS)
def test_a_refused_amount_names_the_practice_currency_and_no_dollar(
    locale: str, currency: str, example: str, typed: str
) -> None:
    i18n.use_practice(locale, currency)
    said = _refusal(typed)
    assert example in said and "$" not in said, said
    assert "dollar" not in said.lower()


def test_the_refusals_go_through_the_catalogue_with_the_example_filled_in() -> None:
    i18n.use_practice("fr_FR", "EUR")
    i18n.set_translator(lambda _c, text, _d=None, _n=-1: i18n.pseudo_text(text))
    said = _refusal("ten")
    assert said.startswith("[!! “ten” is not an amount of money") and said.endswith(" !!]")
    assert "1\u202f234,50\xa0€" in said and "{" not in said
    said = _refusal("1" * 16)
    assert said == f"[!! “{'1' * 16}” is too large to be an amount of money. !!]"


def test_the_service_refusal_of_a_typed_amount_shows_the_practice_currency() -> None:
    from app.errors import ValidationError
    from app.services.money.payments import amount_from_text

    i18n.use_practice("fr_FR", "EUR")
    with pytest.raises(ValidationError) as refused:
        amount_from_text("ten euros", "amount billed")
    said = str(refused.value)
    assert said.startswith("The amount billed: “ten euros” is not an amount of money")
    assert "1\u202f234,50\xa0€" in said and "$" not in said


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("12,50", 1250), ("12,5", 1250), ("-12,50", -1250), ("0,99", 99), ("1,23", 123),
     ("1.234,50", 123450), ("1 234,50", 123450), ("1\u202f234,50\xa0€", 123450),
     ("12,50 €", 1250), ("€12,50", 1250), ("193.99", 19399), ("€1,234.50", 123450),
     ("1,234,567", 123456700)],
)  # fmt: skip
@pytest.mark.parametrize("locale", ["fr_FR", "de_DE"])
def test_a_decimal_comma_practice_reads_its_own_way_of_writing_amounts(
    locale: str, typed: str, cents: int
) -> None:
    i18n.use_practice(locale, "EUR")
    assert parse_money(typed) == cents


@pytest.mark.parametrize(("typed", "whole", "decimal"),
                         [("1,500", "1500", "1,50"), ("12,345", "12345", "12,34"),
                          ("1.234", "1234", "1,23"), ("-1,500", "1500", "1,50")])  # fmt: skip
def test_a_decimal_comma_practice_refuses_an_amount_that_reads_two_ways(
    typed: str, whole: str, decimal: str
) -> None:
    i18n.use_practice("de_DE", "EUR")
    assert _refusal(typed) == (
        f"“{typed}” could be read two ways; type {whole} for that many whole units, or cents "
        f"with two digits after the comma, such as {decimal}."
    )


def test_a_decimal_point_practice_reads_commas_as_thousands_as_it_always_did() -> None:
    assert parse_money("1,500") == 150000
    assert "is not an amount of money" in _refusal("12,50")


def test_the_shipped_catalogue_holds_the_money_refusals() -> None:
    shipped = ET.parse(ROOT / "translations" / "frontdesk_en_AU.ts")
    catalogue = {m.findtext("source") for m in shipped.iter("message")}
    for sentence in (
        "Enter an amount, for example 193.99 or {example}.",
        "“{text}” is not an amount of money; type it for example 193.99 or {example}.",
        "“{text}” is too large to be an amount of money.",
        "The {what} must be more than {zero}; type the amount received, for example 95.00.",
        "The amount billed must be more than {zero}; type the claim's amount.",
        "A correction of {zero} changes nothing; type the amount to add (or, with a minus "
        "sign, to take off).",
    ):
        assert sentence in catalogue, sentence
