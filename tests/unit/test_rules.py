"""Billing rules (SPEC §3): notice, clear business days, charges, and the shipped profiles."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.models import enums
from app.models.notice_text import DayNote, describe_notice
from app.models.practice_calendar import PracticeCalendar, clear_business_days
from app.models.rules import (
    NDIS_PROFILE,
    NO_CHARGE_KIND,
    NO_THRESHOLD,
    NOT_CLIENT,
    PLACE_REFILLED,
    PRIVATE_PROFILE,
    SERVICE_DISALLOWS,
    ZERO_CHARGE,
    CancelledBy,
    ChargeContext,
    ChargeDecision,
    ChargeKind,
    ChargeRule,
    ClearDayCounting,
    NdisReasonCode,
    NoticeWorking,
    ReasonTemplate,
    ThresholdUnit,
    assess_notice,
    evaluate,
    evaluate_no_show,
)

SYDNEY = ZoneInfo("Australia/Sydney")
NSW = PracticeCalendar("Australia/Sydney", "AU", "NSW")
PRICE = 19399
EXCLUSIVE, WITH_NOTICE_DAY, WITH_SESSION_DAY = list(ClearDayCounting)


def _reason(profile: tuple[ReasonTemplate, ...], code: str) -> ReasonTemplate:
    return next(template for template in profile if template.code == code)


NDIS = _reason(NDIS_PROFILE, "ndis_health").rule
LATE = _reason(PRIVATE_PROFILE, "private_late").rule
SEVEN_DAYS = ChargeRule(7, ThresholdUnit.DAYS, ChargeKind.PERCENT)


def syd(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> datetime:
    """A Sydney wall time, as the aware UTC instant the database stores."""
    return datetime(year, month, day, hour, minute, tzinfo=SYDNEY).astimezone(UTC)


def ctx(
    advised: datetime,
    start: datetime,
    price: int = PRICE,
    who: CancelledBy = CancelledBy.CLIENT,
    allows: bool = True,
    support_worker: bool = False,
    refilled: bool = False,
) -> ChargeContext:
    return ChargeContext(start, advised, price, who, allows, support_worker, refilled)


def decide(rule: ChargeRule, advised: datetime, start: datetime, **kw: object) -> ChargeDecision:
    return evaluate(rule, ctx(advised, start, **kw), NSW)  # type: ignore[arg-type]


def work(
    rule: ChargeRule, advised: datetime, start: datetime, cal: PracticeCalendar = NSW
) -> NoticeWorking:
    return assess_notice(rule, ctx(advised, start), cal)


def counting(option: ClearDayCounting) -> PracticeCalendar:
    return PracticeCalendar("Australia/Sydney", "AU", "NSW", option)


# --- the spec's worked example ---------------------------------------------------------------


def test_spec_example_easter_leaves_no_clear_business_day_so_ndis_therapy_pays_in_full() -> None:
    decision = decide(NDIS, syd(4, 2, 15, 10), syd(4, 7))
    assert (decision.notice.clear_days, decision.notice.short_notice) == (0, True)
    assert decision.notice.threshold_text == "2 clear business days"
    assert (decision.charge_cents, decision.percent, decision.chargeable) == (PRICE, 100, True)
    assert decision.not_charged_because is None
    assert decision.explanation == (
        "advised Thu 15:10; clear business days before Tue 09:00: "
        "Fri (Good Friday is a public holiday), weekend, "
        "Mon (Easter Monday is a public holiday) → 0 (need 2) → short notice → 100% = $193.99"
    )
    assert [(n.day.day, n.counted, n.why) for n in decision.notice.days] == [
        (2, False, "day of notice"),
        (3, False, "public holiday: Good Friday"),
        (4, False, "weekend"),
        (5, False, "weekend"),
        (6, False, "public holiday: Easter Monday"),
        (7, False, "session day"),
    ]


def test_spec_example_thursday_to_easter_monday_names_good_friday() -> None:
    assert decide(NDIS, syd(4, 2, 15, 10), syd(4, 6)).explanation == (
        "advised Thu 15:10; clear business days before Mon 09:00: "
        "Fri (Good Friday is a public holiday), weekend → 0 (need 2) → short notice "
        "→ 100% = $193.99"
    )


# --- NDIS thresholds --------------------------------------------------------------------------


def test_ndis_therapy_less_than_two_clear_business_days_is_short_notice() -> None:
    decision = decide(NDIS, syd(4, 8, 10), syd(4, 10))
    assert (decision.notice.clear_days, decision.charge_cents) == (1, PRICE)
    assert "before Fri 09:00: Thu → 1 (need 2) → short notice" in decision.explanation


def test_ndis_therapy_two_clear_business_days_is_enough_notice() -> None:
    decision = decide(NDIS, syd(4, 8, 10), syd(4, 13))
    assert decision.notice.clear_days == 2
    assert (decision.charge_cents, decision.chargeable, decision.percent) == (0, False, None)
    assert decision.not_charged_because == (
        "Enough notice was given (2 clear business days; the threshold is 2 clear business days)."
    )
    assert decision.explanation == (
        "advised Wed 10:00; clear business days before Mon 09:00: Thu, Fri, weekend "
        "→ 2 (need 2) → enough notice → no charge"
    )


def test_ndis_support_worker_pricing_exactly_seven_days_is_enough_notice() -> None:
    decision = decide(NDIS, syd(5, 4, 10), syd(5, 11, 10), support_worker=True)
    assert decision.notice.threshold_text == "7 days"
    assert (decision.notice.short_notice, decision.charge_cents) == (False, 0)
    assert decision.not_charged_because == (
        "Enough notice was given (at least 7 days on the practice clock)."
    )


def test_ndis_support_worker_pricing_one_minute_less_than_seven_days_is_short_notice() -> None:
    decision = decide(NDIS, syd(5, 4, 10, 1), syd(5, 11, 10), support_worker=True)
    assert decision.notice.notice == timedelta(days=6, hours=23, minutes=59)
    assert decision.charge_cents == PRICE
    assert decision.explanation == (
        "advised Mon 4 May 10:01; session Mon 11 May 10:00 is before Mon 11 May 10:01 "
        "(7 days later) → short notice → 100% = $193.99"
    )


# --- clear business days ----------------------------------------------------------------------


def test_clear_business_days_skip_the_weekend() -> None:
    count, notes = clear_business_days(syd(4, 10, 16), syd(4, 14), NSW)
    assert count == 1
    assert [(n.day.day, n.counted, n.why) for n in notes] == [
        (10, False, "day of notice"),
        (11, False, "weekend"),
        (12, False, "weekend"),
        (13, True, "business day"),
        (14, False, "session day"),
    ]


@pytest.mark.parametrize(
    ("option", "count", "listed"),
    [
        (EXCLUSIVE, 1, "Thu"),
        (WITH_NOTICE_DAY, 2, "Wed (day of notice), Thu"),
        (WITH_SESSION_DAY, 2, "Thu, Fri (session day)"),
    ],
)
def test_clear_day_counting_setting_decides_whether_notice_and_session_days_count(
    option: ClearDayCounting, count: int, listed: str
) -> None:
    assert clear_business_days(syd(4, 8, 10), syd(4, 10), counting(option))[0] == count
    text = work(NDIS, syd(4, 8, 10), syd(4, 10), counting(option)).text
    assert f"before Fri 09:00: {listed} → {count} (need 2)" in text


def test_included_notice_day_counts_only_when_it_is_a_business_day() -> None:
    count, notes = clear_business_days(syd(4, 11, 10), syd(4, 15), counting(WITH_NOTICE_DAY))
    assert count == 2  # Mon, Tue; Saturday's notice day is not a business day
    assert notes[0] == DayNote(date(2026, 4, 11), False, "day of notice, weekend")
    text = work(NDIS, syd(4, 11, 10), syd(4, 15), counting(WITH_NOTICE_DAY)).text
    assert ": Sat (day of notice; weekend), weekend, Mon, Tue → 2" in text


def test_included_session_day_does_not_count_when_it_is_a_public_holiday() -> None:
    cal = counting(WITH_SESSION_DAY)
    count, notes = clear_business_days(syd(4, 2, 10), syd(4, 6), cal)
    assert count == 0
    assert notes[-1].why == "session day, public holiday: Easter Monday"
    text = work(NDIS, syd(4, 2, 10), syd(4, 6), cal).text
    assert "Mon (session day; Easter Monday is a public holiday) → 0" in text


def test_included_session_day_counts_when_it_is_a_business_day() -> None:
    _, notes = clear_business_days(syd(4, 8, 10), syd(4, 10), counting(WITH_SESSION_DAY))
    assert notes[-1] == DayNote(date(2026, 4, 10), True, "session day, business day")


@pytest.mark.parametrize("option", list(ClearDayCounting))
def test_same_day_notice_has_zero_clear_business_days(option: ClearDayCounting) -> None:
    count, notes = clear_business_days(syd(4, 8, 7), syd(4, 8, 15), counting(option))
    assert (count, notes) == (
        0,
        (DayNote(date(2026, 4, 8), False, "day of notice and session day"),),
    )
    assert work(NDIS, syd(4, 8, 7), syd(4, 8, 15), counting(option)).text == (
        "advised Wed 07:00; clear business days before Wed 15:00: none (same day) "
        "→ 0 (need 2) → short notice"
    )


def test_clear_business_days_follow_the_practice_state_holidays() -> None:
    # Melbourne Cup Day (Tue 3 Nov 2026) is a holiday in Victoria, not in New South Wales.
    vic = PracticeCalendar("Australia/Melbourne", "AU", "VIC")
    assert clear_business_days(syd(11, 2, 10), syd(11, 5), NSW)[0] == 2
    assert clear_business_days(syd(11, 2, 10), syd(11, 5), vic)[0] == 1


def test_clear_business_days_listing_a_week_or_more_names_the_dates() -> None:
    assert work(NDIS, syd(4, 8, 10), syd(4, 15)).text == (
        "advised Wed 8 Apr 10:00; clear business days before Wed 15 Apr 09:00: "
        "Thu 9 Apr, Fri 10 Apr, weekend, Mon 13 Apr, Tue 14 Apr → 4 (need 2) → enough notice"
    )


def test_clear_business_days_over_long_spans_are_summarised_with_the_holidays_skipped() -> None:
    working = work(NDIS, syd(4, 1, 10), syd(4, 9))
    assert (working.clear_days, len(working.days)) == (3, 9)
    assert working.text == (
        "advised Wed 1 Apr 10:00; clear business days before Thu 9 Apr 09:00: "
        "Thu 2 Apr to Wed 8 Apr, skipping weekends and Good Friday, Easter Monday "
        "→ 3 (need 2) → enough notice"
    )
    plain = work(NDIS, syd(5, 4, 10), syd(5, 14)).text
    assert "Tue 5 May to Wed 13 May, skipping weekends → 7 (need 2)" in plain


# --- year boundary ----------------------------------------------------------------------------


def test_year_boundary_skips_christmas_boxing_day_and_new_year_of_both_years() -> None:
    count, notes = clear_business_days(syd(12, 24, 12), syd(1, 4, year=2027), NSW)
    assert count == 3
    assert [n.day for n in notes if n.counted] == [date(2026, 12, d) for d in (29, 30, 31)]
    whys = {n.day: n.why for n in notes}
    assert whys[date(2026, 12, 25)] == "public holiday: Christmas Day"
    assert whys[date(2026, 12, 28)] == "public holiday: Boxing Day (observed)"
    assert whys[date(2027, 1, 1)] == "public holiday: New Year's Day"


def test_year_boundary_new_years_day_makes_notice_short() -> None:
    decision = decide(NDIS, syd(12, 31, 11), syd(1, 4, year=2027))
    assert decision.charge_cents == PRICE
    assert decision.explanation.startswith(
        "advised Thu 11:00; clear business days before Mon 09:00: "
        "Fri (New Year's Day is a public holiday), weekend → 0 (need 2) → short notice"
    )


def test_year_boundary_observed_christmas_holidays_after_a_weekend_christmas() -> None:
    # Christmas 2027 falls on a weekend: Mon 27 and Tue 28 Dec are the observed holidays.
    assert clear_business_days(syd(12, 24, 10, year=2027), syd(12, 30, year=2027), NSW)[0] == 1


# --- advised after the start ------------------------------------------------------------------


@pytest.mark.parametrize("rule", [NDIS, LATE, SEVEN_DAYS])
def test_advised_after_session_start_is_zero_notice_and_short(rule: ChargeRule) -> None:
    decision = decide(rule, syd(4, 13, 10), syd(4, 13, 9))
    assert (decision.notice.notice, decision.notice.short_notice) == (timedelta(0), True)
    assert decision.chargeable
    assert decision.notice.text == (
        "advised Mon 10:00, after the session start Mon 09:00 → no notice → short notice"
    )


def test_advised_days_after_session_counts_no_clear_business_days() -> None:
    assert clear_business_days(syd(4, 16), syd(4, 13), NSW) == (0, ())
    decision = decide(NDIS, syd(4, 16), syd(4, 13))
    assert (decision.notice.clear_days, decision.charge_cents) == (0, PRICE)


# --- daylight saving (Sydney: ends Sun 5 Apr 2026, starts Sun 4 Oct 2026) ----------------------


def test_hours_threshold_counts_real_hours_across_dst_start() -> None:
    decision = decide(LATE, syd(10, 3, 10), syd(10, 4, 10))
    assert decision.notice.notice == timedelta(hours=23)
    assert decision.explanation == (
        "advised Sat 10:00; 23 hours 0 minutes before Sun 10:00 (threshold 24 hours) "
        "→ short notice → fixed fee $60.00"
    )


def test_hours_threshold_counts_real_hours_across_dst_end() -> None:
    decision = decide(LATE, syd(4, 4, 10), syd(4, 5, 9, 30))
    assert (decision.notice.notice, decision.charge_cents) == (timedelta(hours=24.5), 0)
    assert decision.not_charged_because == (
        "Enough notice was given (24 hours 30 minutes; the threshold is 24 hours)."
    )


def test_a_week_long_deadline_names_its_date_when_the_session_is_days_away() -> None:
    # Advised Wednesday, the session the next morning: the deadline is the Wednesday after,
    # which without its date would read as the very moment of the advice.
    short = work(SEVEN_DAYS, syd(4, 1, 10), syd(4, 2, 9))
    assert short.text == (
        "advised Wed 1 Apr 10:00; session Thu 2 Apr 09:00 is before Wed 8 Apr 10:00 "
        "(7 days later) → short notice"
    )
    # A deadline within the week keeps the plain weekdays.
    two_days = ChargeRule(2, ThresholdUnit.DAYS, ChargeKind.PERCENT)
    assert "session Thu 09:00 is before Fri 10:00 (2 days later)" in (
        work(two_days, syd(4, 1, 10), syd(4, 2, 9)).text
    )


def test_days_threshold_uses_wall_clock_across_dst_start() -> None:
    # Only 6 days 23 hours pass, but it is 10:00 a week later on the practice clock.
    enough = work(SEVEN_DAYS, syd(9, 28, 10), syd(10, 5, 10))
    assert (enough.notice, enough.short_notice) == (timedelta(days=6, hours=23), False)
    assert work(SEVEN_DAYS, syd(9, 28, 10), syd(10, 5, 9, 59)).short_notice


def test_days_threshold_uses_wall_clock_across_dst_end() -> None:
    # A full 7 days 30 minutes pass, yet 09:30 is before 10:00 on the practice clock.
    short = work(SEVEN_DAYS, syd(3, 30, 10), syd(4, 6, 9, 30))
    assert (short.notice, short.short_notice) == (timedelta(days=7, minutes=30), True)
    assert short.text == (
        "advised Mon 30 Mar 10:00; session Mon 6 Apr 09:30 is before Mon 6 Apr 10:00 "
        "(7 days later) → short notice"
    )
    enough = work(SEVEN_DAYS, syd(3, 30, 10), syd(4, 6, 10))
    assert not enough.short_notice
    assert "is at or after Mon 6 Apr 10:00" in enough.text


def test_dst_does_not_shift_clear_business_day_counts() -> None:
    # Late-night notice and an early session around both changes: days stay local dates.
    count, notes = clear_business_days(syd(10, 2, 23, 30), syd(10, 6, 0, 30), NSW)
    assert count == 0  # Sat, Sun (clocks go forward), Mon = Labour Day
    assert notes[3] == DayNote(date(2026, 10, 5), False, "public holiday: Labor Day")
    assert clear_business_days(syd(4, 2, 23, 30), syd(4, 8, 0, 30), NSW)[0] == 1  # Tue 7 Apr
    assert clear_business_days(syd(4, 8, 23, 30), syd(4, 13, 0, 30), NSW)[0] == 2


def test_repeated_hour_at_dst_end_never_gives_less_notice_to_earlier_advice() -> None:
    # Clocks fall back at 03:00 on Sun 5 Apr 2026: 02:00–03:00 happens twice. Read naively,
    # advice at 02:45 (first pass) would be short for a 02:30 session a week later while
    # advice half an hour later, at 02:15 (second pass), would not.
    first_pass = datetime(2026, 4, 4, 15, 45, tzinfo=UTC)  # 02:45 AEDT
    second_pass = datetime(2026, 4, 4, 16, 15, tzinfo=UTC)  # 02:15 AEST
    for start, later_is_short in ((syd(4, 12, 2, 30), False), (syd(4, 12, 2, 10), True)):
        earlier, later = work(SEVEN_DAYS, first_pass, start), work(SEVEN_DAYS, second_pass, start)
        assert earlier.notice > later.notice
        assert not earlier.short_notice
        assert later.short_notice is later_is_short
        assert earlier.text.startswith("advised Sun 5 Apr 02:00;")  # the repeated hour's start


# --- conditions and charges -------------------------------------------------------------------


@pytest.mark.parametrize("who", [CancelledBy.WORKER, CancelledBy.PRACTICE])
def test_worker_and_practice_cancellations_are_never_charged(who: CancelledBy) -> None:
    decision = decide(NDIS, syd(4, 8, 10), syd(4, 9), who=who)
    assert (decision.charge_cents, decision.chargeable) == (0, False)
    assert decision.not_charged_because == NOT_CLIENT
    assert (decision.notice.short_notice, decision.notice.clear_days) == (True, 0)  # still shown
    assert decision.explanation.endswith(f"→ short notice → no charge: {NOT_CLIENT}")
    for profile in (NDIS_PROFILE, PRIVATE_PROFILE):
        staff_rule = _reason(profile, "worker_unwell").rule
        assert decide(staff_rule, syd(4, 8, 10), syd(4, 8, 11), who=who).charge_cents == 0


def test_stored_enum_strings_and_the_enums_module_are_the_same_vocabulary() -> None:
    assert CancelledBy is enums.CancelledBy
    assert ThresholdUnit is enums.ThresholdUnit
    rule = ChargeRule(24, "hours", "fixed", fixed_cents=6000)  # type: ignore[arg-type]
    assert (rule.threshold_unit, rule.charge_kind) == (ThresholdUnit.HOURS, ChargeKind.FIXED)
    decision = decide(rule, syd(4, 8, 10), syd(4, 8, 11), who="worker")
    assert decision.not_charged_because == NOT_CLIENT


def test_service_without_cancellation_charges_is_not_charged() -> None:
    decision = decide(NDIS, syd(4, 8, 10), syd(4, 9), allows=False)
    assert (decision.charge_cents, decision.not_charged_because) == (0, SERVICE_DISALLOWS)
    assert decide(LATE, syd(4, 8, 10), syd(4, 9), allows=False).charge_cents == 6000


def test_refilled_group_place_is_not_charged() -> None:
    decision = decide(NDIS, syd(4, 8, 10), syd(4, 9), refilled=True)
    assert (decision.charge_cents, decision.not_charged_because) == (0, PLACE_REFILLED)
    assert decision.explanation.endswith(f"→ no charge: {PLACE_REFILLED}")
    assert decide(LATE, syd(4, 8, 10), syd(4, 9), refilled=True).charge_cents == 6000


def test_fixed_fee_is_capped_at_the_session_price() -> None:
    decision = decide(LATE, syd(4, 12, 10), syd(4, 13), price=5000)
    assert (decision.charge_cents, decision.percent) == (5000, None)
    assert decision.explanation == (
        "advised Sun 10:00; 23 hours 0 minutes before Mon 09:00 (threshold 24 hours) "
        "→ short notice → fixed fee $60.00, capped at the session price = $50.00"
    )


def test_percent_charge_rounds_half_up_to_the_cent() -> None:
    half = ChargeRule(24, ThresholdUnit.HOURS, ChargeKind.PERCENT, percent=50)
    decision = decide(half, syd(4, 12, 10), syd(4, 13), price=101)
    assert (decision.charge_cents, decision.percent) == (51, 50)
    assert decision.explanation.endswith("→ short notice → 50% = $0.51")


def test_zero_price_session_is_not_chargeable() -> None:
    decision = decide(NDIS, syd(4, 8, 10), syd(4, 9), price=0)
    assert (decision.charge_cents, decision.chargeable) == (0, False)
    assert decision.explanation.endswith(f"→ no charge: {ZERO_CHARGE.format(zero='$0.00')}")


def test_client_reason_with_no_charge_kind_carries_no_charge() -> None:
    free = ChargeRule(24, ThresholdUnit.HOURS, ChargeKind.NONE)
    assert decide(free, syd(4, 8, 10), syd(4, 8, 11)).not_charged_because == NO_CHARGE_KIND


@pytest.mark.parametrize("advised", [syd(4, 8, 10), syd(4, 9, 10)])
def test_reason_without_notice_threshold_never_charges_by_notice(advised: datetime) -> None:
    decision = decide(ChargeRule(0, ThresholdUnit.NONE, ChargeKind.PERCENT), advised, syd(4, 9))
    assert not decision.notice.short_notice
    assert decision.notice.threshold_text == "no notice threshold"
    assert decision.not_charged_because == NO_THRESHOLD
    assert decision.explanation.endswith("→ no notice threshold → no charge")


def test_hours_threshold_far_from_the_limit_reads_in_days() -> None:
    assert work(LATE, syd(4, 6, 9), syd(4, 9, 10)).text == (
        "advised Mon 09:00; 3 days 1 hour before Thu 10:00 (threshold 24 hours) → enough notice"
    )


def test_threshold_text_names_value_and_unit_in_the_singular_and_plural() -> None:
    units = (ThresholdUnit.HOURS, ThresholdUnit.DAYS, ThresholdUnit.CLEAR_BUSINESS_DAYS)
    texts = [
        work(ChargeRule(value, unit, ChargeKind.FIXED), syd(4, 8, 10), syd(4, 9)).threshold_text
        for unit in units
        for value in (1, 2)
    ]
    assert texts == ["1 hour", "2 hours", "1 day", "2 days"] + [
        "1 clear business day",
        "2 clear business days",
    ]


# --- no-shows ---------------------------------------------------------------------------------


def test_ndis_no_show_is_charged_in_full_only_when_the_service_allows_it() -> None:
    rule = _reason(NDIS_PROFILE, "ndis_no_show").rule
    decision = evaluate_no_show(rule, PRICE, service_allows_charges=True)
    assert (decision.charge_cents, decision.percent, decision.notice.short_notice) == (
        PRICE,
        100,
        True,
    )
    assert decision.explanation == "did not attend → no notice → short notice → 100% = $193.99"
    refused = evaluate_no_show(rule, PRICE, service_allows_charges=False)
    assert refused.charge_cents == 0
    assert refused.explanation.endswith(f"→ no charge: {SERVICE_DISALLOWS}")


@pytest.mark.parametrize(("price", "charge"), [(PRICE, 9000), (4000, 4000)])
def test_private_no_show_fee_is_fixed_and_capped_at_the_price(price: int, charge: int) -> None:
    rule = _reason(PRIVATE_PROFILE, "private_no_show").rule
    assert evaluate_no_show(rule, price, service_allows_charges=False).charge_cents == charge


def test_no_show_under_a_no_charge_rule_is_not_charged() -> None:
    rule = ChargeRule(0, ThresholdUnit.NONE, ChargeKind.NONE)
    assert evaluate_no_show(rule, PRICE, True).not_charged_because == NO_CHARGE_KIND
    with pytest.raises(ValueError, match="A session price cannot be negative."):
        evaluate_no_show(LATE, -1, True)


# --- the shipped profiles ---------------------------------------------------------------------


def test_ndis_profile_ships_a_client_reason_per_reason_code_and_a_no_show() -> None:
    client = [t for t in NDIS_PROFILE if t.applies_to is CancelledBy.CLIENT and not t.is_no_show]
    assert [(t.code, t.label, t.ndis_reason_code) for t in client] == [
        ("ndis_health", "Health", NdisReasonCode.NSDH),
        ("ndis_family", "Family", NdisReasonCode.NSDF),
        ("ndis_transport", "Transport", NdisReasonCode.NSDT),
        ("ndis_other", "Other", NdisReasonCode.NSDO),
    ]
    ndis = ChargeRule(
        0,
        ThresholdUnit.NDIS,
        ChargeKind.PERCENT,
        requires_service_flag=True,
        not_when_refilled=True,
    )
    assert {t.rule for t in client} == {ndis}
    no_show = _reason(NDIS_PROFILE, "ndis_no_show")
    assert (no_show.is_no_show, no_show.ndis_reason_code) == (True, NdisReasonCode.NSDO)
    assert (no_show.rule.charge_kind, no_show.rule.percent) == (ChargeKind.PERCENT, 100)


def test_private_profile_charges_sixty_dollars_under_24_hours_and_ninety_for_no_show() -> None:
    client = [t for t in PRIVATE_PROFILE if t.applies_to is CancelledBy.CLIENT]
    labels = ["Late cancellation", "Illness", "Other", "Did not attend (no-show)"]
    assert [t.label for t in client] == labels
    late = ChargeRule(24, ThresholdUnit.HOURS, ChargeKind.FIXED, fixed_cents=6000)
    assert [t.rule for t in client[:3]] == [late] * 3
    assert (client[3].is_no_show, client[3].rule.fixed_cents) == (True, 9000)


def test_both_profiles_share_uncharged_worker_and_practice_reasons() -> None:
    for profile in (NDIS_PROFILE, PRIVATE_PROFILE):
        staff = [t for t in profile if t.applies_to is not CancelledBy.CLIENT]
        assert [(t.label, t.applies_to.value) for t in staff] == [
            ("Worker unwell", "worker"),
            ("Worker unavailable", "worker"),
            ("Practice closure", "practice"),
            ("Weather/emergency", "practice"),
        ]
        assert all(t.rule.charge_kind is ChargeKind.NONE for t in staff)
        assert len({t.code for t in profile}) == len(profile)


# --- describe_notice, the calendar and validation ---------------------------------------------


@pytest.mark.parametrize(
    ("notice", "text"),
    [
        (timedelta(days=2, hours=3, minutes=59), "2 days 3 hours"),
        (timedelta(minutes=45, seconds=59), "45 minutes"),
        (timedelta(0), "0 minutes"),
        (timedelta(hours=23), "23 hours 0 minutes"),
        (timedelta(days=1), "1 day 0 hours"),
        (timedelta(hours=1, minutes=1), "1 hour 1 minute"),
        (timedelta(minutes=-5), "0 minutes"),
    ],
)
def test_describe_notice_gives_two_units_rounded_down(notice: timedelta, text: str) -> None:
    assert describe_notice(notice) == text


def test_practice_calendar_knows_business_days_and_holiday_names() -> None:
    assert (NSW.tz.key, NSW.counting) == ("Australia/Sydney", ClearDayCounting.EXCLUSIVE)
    assert (NSW.holiday_name(date(2026, 4, 3)), NSW.holiday_name(date(2026, 4, 8))) == (
        "Good Friday",
        None,
    )
    assert [NSW.is_business_day(date(2026, 4, d)) for d in (3, 8, 11)] == [False, True, False]


@pytest.mark.parametrize(
    ("zone", "country", "subdivision", "option", "message"),
    [
        ("Mars/Olympus", "AU", "NSW", EXCLUSIVE, "is not a time zone; use a name like Australia"),
        ("Australia/Sydney", "XX", None, EXCLUSIVE, "no public-holiday calendar for “XX”"),
        ("Australia/Sydney", "AU", "ZZ", EXCLUSIVE, "no public-holiday calendar for “AU/ZZ”"),
        ("Australia/Sydney", "AU", "NSW", "sometimes", "is not a valid ClearDayCounting"),
    ],
)
def test_practice_calendar_refuses_unknown_settings(
    zone: str, country: str, subdivision: str | None, option: ClearDayCounting, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        PracticeCalendar(zone, country, subdivision, option)


@pytest.mark.parametrize(
    ("value", "percent", "fixed", "message"),
    [
        (-1, 100, 0, "A notice threshold cannot be negative."),
        (1, 101, 0, "A percentage charge must be between 0 and 100."),
        (1, -1, 0, "A percentage charge must be between 0 and 100."),
        (1, 100, -1, "A fixed cancellation fee cannot be negative."),
    ],
)
def test_charge_rule_refuses_impossible_values(
    value: int, percent: int, fixed: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ChargeRule(value, ThresholdUnit.HOURS, ChargeKind.FIXED, percent, fixed)


def test_charge_context_refuses_naive_times_and_negative_prices() -> None:
    naive = datetime(2026, 4, 8, 10)
    with pytest.raises(ValueError, match="The session start must include a time zone."):
        ctx(syd(4, 8), naive)
    with pytest.raises(ValueError, match="The advised-at time must include a time zone."):
        ctx(naive, syd(4, 8))
    with pytest.raises(ValueError, match="A session price cannot be negative."):
        ctx(syd(4, 8), syd(4, 9), price=-1)
    with pytest.raises(ValueError, match="The advised-at time must include a time zone."):
        clear_business_days(naive, syd(4, 9), NSW)
