"""The set-up and boundary refusals about money say it in the practice's currency: a euro
practice never reads "$0.00" or "$100,000.00" (nor a reminder's fee example in dollars)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import i18n
from app.errors import ValidationError
from app.models.enums import ChargeKind
from app.models.money import format_money
from app.services.boundary import checked_cents
from app.services.setup.catalogue import ServiceDraft, check_service
from app.services.setup.reasons import ReasonDraft, check_reason
from app.services.sms.reminder_rules import PLACEHOLDERS


@pytest.fixture(autouse=True)
def euro() -> Iterator[None]:
    i18n.use_practice("fr_FR", "EUR")
    yield
    i18n.use_practice(None, None)


def _said(call: object) -> str:
    with pytest.raises(ValidationError) as refused:
        call()  # type: ignore[operator]
    return refused.value.message


def test_a_service_price_of_nothing_is_refused_in_euros() -> None:
    said = _said(lambda: check_service(ServiceDraft("S1", "Speech", "0")))
    assert format_money(0) in said and "€" in said and "$" not in said, said


def test_a_fixed_fee_of_nothing_is_refused_in_euros() -> None:
    draft = ReasonDraft("Late", charge_kind=ChargeKind.FIXED, fixed_fee="0")
    said = _said(lambda: check_reason(draft))
    assert "€" in said and "$" not in said, said


def test_an_amount_beyond_the_limit_names_the_limit_in_euros() -> None:
    said = _said(lambda: checked_cents(20_000_000, "price", "price"))
    assert format_money(10_000_000) in said and "$" not in said, said


def test_the_reminder_fee_example_is_filled_in_the_practice_money() -> None:
    shown = PLACEHOLDERS["fee"].format(fee=format_money(6000))
    assert "€" in shown and "$" not in shown, shown
