"""Properties of the billing rules that must hold for any dates, zones and rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.models.practice_calendar import PracticeCalendar, clear_business_days
from app.models.rules import (
    CancelledBy,
    ChargeContext,
    ChargeKind,
    ChargeRule,
    ClearDayCounting,
    ThresholdUnit,
    evaluate,
    facts_read,
)


class NoHolidayCalendar(PracticeCalendar):
    """The same calendar with every public holiday taken away."""

    def holiday_name(self, day: date) -> str | None:
        return None


REGIONS: list[tuple[str, str, str | None]] = [
    ("Australia/Sydney", "AU", "NSW"),
    ("Australia/Melbourne", "AU", "VIC"),
    ("America/Santiago", "CL", None),  # clocks change at midnight there
    ("Europe/London", "GB", "ENG"),
]
SYDNEY = PracticeCalendar("Australia/Sydney", "AU", "NSW")


def _calendar(region: tuple[str, str, str | None], counting: ClearDayCounting) -> PracticeCalendar:
    return PracticeCalendar(region[0], region[1], region[2], counting)


calendars = st.builds(_calendar, st.sampled_from(REGIONS), st.sampled_from(list(ClearDayCounting)))
instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2029, 12, 31), timezones=st.just(UTC)
)
# Notice from a little after the start (advised late) to several weeks ahead.
notices = st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=45))
rules = st.builds(
    ChargeRule,
    threshold_value=st.integers(min_value=0, max_value=10),
    threshold_unit=st.sampled_from(list(ThresholdUnit)),
    charge_kind=st.sampled_from(list(ChargeKind)),
    percent=st.integers(min_value=0, max_value=100),
    fixed_cents=st.integers(min_value=0, max_value=50_000),
    requires_service_flag=st.booleans(),
    not_when_refilled=st.booleans(),
)
prices = st.integers(min_value=0, max_value=200_000)


def _context(start: datetime, notice: timedelta, price: int, support_worker: bool) -> ChargeContext:
    return ChargeContext(start, start - notice, price, CancelledBy.CLIENT, True, support_worker)


SEVEN_DAYS = ChargeRule(7, ThresholdUnit.DAYS, ChargeKind.PERCENT)


@settings(max_examples=300, deadline=None)
@given(rules, calendars, instants, notices, notices, prices, st.booleans())
# The repeated hour at the end of Sydney's daylight saving: the earlier advice (02:45 AEDT)
# must not be short when the later one (02:15 AEST) is not.
@example(
    SEVEN_DAYS,
    SYDNEY,
    datetime(2026, 4, 11, 16, 30, tzinfo=UTC),  # Sun 12 Apr 02:30 AEST
    timedelta(days=7, minutes=45),
    timedelta(days=7, minutes=15),
    19399,
    False,
)
def test_more_notice_never_costs_more(
    rule: ChargeRule,
    cal: PracticeCalendar,
    start: datetime,
    notice_a: timedelta,
    notice_b: timedelta,
    price: int,
    support_worker: bool,
) -> None:
    more, less = max(notice_a, notice_b), min(notice_a, notice_b)
    early = evaluate(rule, _context(start, more, price, support_worker), cal)
    late = evaluate(rule, _context(start, less, price, support_worker), cal)
    assert early.charge_cents <= late.charge_cents
    assert late.notice.short_notice or not early.notice.short_notice


@settings(max_examples=300, deadline=None)
@given(rules, calendars, instants, notices, prices, st.booleans(), st.sampled_from(CancelledBy))
def test_charge_is_never_negative_nor_above_the_session_price(
    rule: ChargeRule,
    cal: PracticeCalendar,
    start: datetime,
    notice: timedelta,
    price: int,
    support_worker: bool,
    who: CancelledBy,
) -> None:
    context = ChargeContext(start, start - notice, price, who, True, support_worker)
    decision = evaluate(rule, context, cal)
    assert 0 <= decision.charge_cents <= price
    assert decision.chargeable == (decision.charge_cents > 0)
    assert (decision.not_charged_because is None) == decision.chargeable
    assert decision.notice.text in decision.explanation
    assert decision.notice.notice >= timedelta(0)


@settings(max_examples=300, deadline=None)
@given(calendars, instants, notices)
def test_holidays_never_increase_the_clear_day_count(
    cal: PracticeCalendar, start: datetime, notice: timedelta
) -> None:
    bare = NoHolidayCalendar(cal.time_zone, cal.country, cal.subdivision, cal.counting)
    with_holidays, notes = clear_business_days(start - notice, start, cal)
    without_holidays, _ = clear_business_days(start - notice, start, bare)
    assert with_holidays <= without_holidays
    assert with_holidays == sum(note.counted for note in notes)


@settings(max_examples=300, deadline=None)
@given(calendars, instants, instants)
def test_clear_day_count_is_never_negative_nor_more_than_the_days_spanned(
    cal: PracticeCalendar, advised: datetime, start: datetime
) -> None:
    count, notes = clear_business_days(advised, start, cal)
    assert 0 <= count <= len(notes)
    assert all(cal.is_business_day(note.day) for note in notes if note.counted)
    assert [note.day for note in notes] == sorted({note.day for note in notes})


@settings(max_examples=300, deadline=None)
@given(rules, calendars, instants, notices, st.sampled_from(list(CancelledBy)),
       st.tuples(prices, st.booleans(), st.booleans(), st.booleans()),
       st.tuples(prices, st.booleans(), st.booleans(), st.booleans()))  # fmt: skip
def test_cancellations_alike_in_the_facts_the_rule_reads_get_the_same_decision(
    rule: ChargeRule,
    cal: PracticeCalendar,
    start: datetime,
    notice: timedelta,
    who: CancelledBy,
    one: tuple[int, bool, bool, bool],
    other: tuple[int, bool, bool, bool],
) -> None:
    """A bulk batch shares one decision between sessions `facts_read` cannot tell apart (same
    start, same advice): the rule must decide them alike, whoever cancels."""
    if facts_read(rule, who, *one) != facts_read(rule, who, *other):
        return
    decided = [
        evaluate(
            rule, ChargeContext(start, start - notice, price, who, allows, support, refilled), cal
        )  # fmt: skip
        for price, allows, support, refilled in (one, other)
    ]
    assert decided[0] == decided[1]
