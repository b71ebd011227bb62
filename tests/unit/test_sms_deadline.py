"""The deadline a reminder states is the rules engine's own: the first moment a client's
cancellation would be short notice, on the practice's calendar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from app.models.practice_calendar import PracticeCalendar
from app.models.rules import (
    NDIS_PROFILE,
    PRIVATE_PROFILE,
    ChargeKind,
    ChargeRule,
    ThresholdUnit,
)
from app.services.sms.deadline import deadline_for, deadline_sentence

SYD = ZoneInfo("Australia/Sydney")
CAL = PracticeCalendar("Australia/Sydney", "AU", "NSW")
NDIS = NDIS_PROFILE[0].rule
PRIVATE = PRIVATE_PROFILE[0].rule


def _at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SYD)


def _deadline(rule: ChargeRule, start: datetime, **kw: bool):  # type: ignore[no-untyped-def]
    values = {"allows_charges": True, "support_worker_pricing": False, **kw}
    return deadline_for(rule, CAL, starts_at=start, price_cents=19399, **values)


def test_ndis_therapy_two_clear_business_days_before_a_monday() -> None:
    # Mon 7 Dec 2026 10:00: Thu and Fri are the two clear days, so Wednesday is the last day.
    found = _deadline(NDIS, _at(2026, 12, 7, 10))
    assert found is not None
    assert found.moment == _at(2026, 12, 2, 23, 59)  # the last minute of Wednesday
    assert found.fee_cents == 19399
    assert found.rule_text == "2 clear business days"
    assert (
        deadline_sentence(found, SYD, "en_AU") == "to avoid a fee, cancel by the end of Wed 2 Dec"
    )


def test_a_public_holiday_in_between_moves_the_ndis_deadline_earlier() -> None:
    # Tue 7 Apr 2026: Easter Monday and Good Friday are holidays, so the clear days are
    # Wed 1 and Thu 2 April: the client must tell us by the end of Tue 31 March.
    found = _deadline(NDIS, _at(2026, 4, 7, 10))
    assert found is not None
    assert found.moment == _at(2026, 3, 31, 23, 59)
    without_holidays = _deadline(NDIS, _at(2026, 4, 14, 10))  # Tue 14 Apr: Thu 9, Fri 10 … Mon 13
    assert without_holidays is not None
    assert without_holidays.moment == _at(2026, 4, 9, 23, 59)  # end of Thu 9 Apr: Fri and Mon clear


def test_ndis_support_worker_pricing_is_seven_days_on_the_wall_clock() -> None:
    # Sun 4 Oct 2026 is the daylight-saving change in Sydney: 7 days before Sat 10 Oct 9:00
    # is Sat 3 Oct 9:00 on the practice's clock, though only 167 hours earlier.
    found = _deadline(NDIS, _at(2026, 10, 10, 9), support_worker_pricing=True)
    assert found is not None
    assert found.moment == _at(2026, 10, 3, 9)
    assert (
        deadline_sentence(found, SYD, "en_AU") == "to avoid a fee, cancel before Sat 3 Oct 9:00 am"
    )


def test_private_rule_is_24_hours_before() -> None:
    found = _deadline(PRIVATE, _at(2026, 12, 4, 9))
    assert found is not None
    assert found.moment == _at(2026, 12, 3, 9)
    assert found.fee_cents == 6000
    assert (
        deadline_sentence(found, SYD, "en_AU") == "to avoid a fee, cancel before Thu 3 Dec 9:00 am"
    )


def test_no_deadline_when_no_fee_could_apply() -> None:
    assert _deadline(NDIS, _at(2026, 12, 7, 10), allows_charges=False) is None
    free = ChargeRule(0, ThresholdUnit.NONE, ChargeKind.NONE, percent=0)
    assert _deadline(free, _at(2026, 12, 7, 10)) is None
    assert deadline_sentence(None, SYD) == ""
