"""Pure billing rules: notice given and cancellation charges (no I/O, no Qt); the practice
calendar and its clear business days are in practice_calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# One vocabulary for the database and the rules: the enums are re-exported (see __all__),
# so importing them from either module gives the very same classes.
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models.enums import (
    CancelledBy,
    ChargeKind,
    ClearDayCounting,
    NdisReasonCode,
    ThresholdUnit,
)
from app.models.money import format_money, percent_of
from app.models.notice_text import (
    DayNote,
    clear_days_words,
    days_text,
    describe_notice,
    hours_text,
    moment_text,
    threshold_text,
    verdict,
)
from app.models.practice_calendar import (
    PracticeCalendar,
    clear_business_days,
    local_wall,
    require_aware,
)

__all__ = [
    "NDIS_PROFILE", "NOT_CLIENT", "NO_CHARGE_KIND", "NO_THRESHOLD", "PLACE_REFILLED",
    "PRIVATE_PROFILE", "SERVICE_DISALLOWS", "ZERO_CHARGE",
    "CancelledBy", "ChargeContext", "ChargeDecision", "ChargeKind", "ChargeRule",
    "ClearDayCounting", "NdisReasonCode", "NoticeWorking", "ReasonTemplate",
    "ThresholdUnit", "assess_notice", "evaluate", "evaluate_no_show", "facts_read",
]  # fmt: skip

# The working is written in the practice's language (app.i18n): every sentence is looked up in
# the catalogue under the context "notice"; its words for notice and days are in notice_text.
NOT_CLIENT = QT_TRANSLATE_NOOP("notice", "Worker and practice cancellations are never charged.")
NO_CHARGE_KIND = QT_TRANSLATE_NOOP("notice", "This reason carries no charge.")
SERVICE_DISALLOWS = QT_TRANSLATE_NOOP("notice", "This service does not allow cancellation charges.")
PLACE_REFILLED = QT_TRANSLATE_NOOP("notice", "The freed place was filled, so no charge applies.")
NO_THRESHOLD = QT_TRANSLATE_NOOP(
    "notice", "This reason has no notice threshold, so no charge applies."
)
ZERO_CHARGE = QT_TRANSLATE_NOOP("notice", "The charge works out to {zero}.")


@dataclass(frozen=True)
class ChargeRule:
    """A reason's charge rule: notice threshold, charge when shorter, and conditions."""

    threshold_value: int
    threshold_unit: ThresholdUnit
    charge_kind: ChargeKind
    percent: int = 100
    fixed_cents: int = 0
    requires_service_flag: bool = False
    not_when_refilled: bool = False

    def __post_init__(self) -> None:
        """Accept stored strings for the enums; refuse rules that cannot be applied."""
        object.__setattr__(self, "threshold_unit", ThresholdUnit(self.threshold_unit))
        object.__setattr__(self, "charge_kind", ChargeKind(self.charge_kind))
        if self.threshold_value < 0:
            raise ValueError(translate("notice", "A notice threshold cannot be negative."))
        if not 0 <= self.percent <= 100:
            raise ValueError(translate("notice", "A percentage charge must be between 0 and 100."))
        if self.fixed_cents < 0:
            raise ValueError(translate("notice", "A fixed cancellation fee cannot be negative."))


@dataclass(frozen=True)
class ChargeContext:
    """The facts of one client's cancellation that the rule needs."""

    session_start: datetime
    advised_at: datetime
    session_price_cents: int
    cancelled_by: CancelledBy
    service_allows_charges: bool
    support_worker_pricing: bool
    place_refilled: bool = False

    def __post_init__(self) -> None:
        """Naive times would silently be read in the machine's zone, so refuse them."""
        object.__setattr__(self, "cancelled_by", CancelledBy(self.cancelled_by))
        require_aware(self.session_start, "session start")
        require_aware(self.advised_at, "advised-at time")
        _check_price(self.session_price_cents)


def _check_price(price_cents: int) -> None:
    if price_cents < 0:
        raise ValueError(translate("notice", "A session price cannot be negative."))


@dataclass(frozen=True)
class NoticeWorking:
    """How much notice was given, against which threshold, and the working as text."""

    notice: timedelta
    short_notice: bool
    threshold_text: str
    clear_days: int | None
    days: tuple[DayNote, ...]
    text: str


@dataclass(frozen=True)
class ChargeDecision:
    """The charge for one cancellation or no-show, with the reason and the working."""

    charge_cents: int
    percent: int | None
    chargeable: bool
    notice: NoticeWorking
    not_charged_because: str | None
    explanation: str


@dataclass(frozen=True)
class ReasonTemplate:
    """A shipped cancellation reason: who it is for and the rule it applies."""

    code: str
    label: str
    applies_to: CancelledBy
    rule: ChargeRule
    ndis_reason_code: NdisReasonCode | None
    is_no_show: bool = False


def _threshold(rule: ChargeRule, ctx: ChargeContext) -> tuple[ThresholdUnit, int]:
    """The unit and value that apply; the NDIS profile picks them from the service."""
    return _threshold_for(rule, ctx.support_worker_pricing)


def _threshold_for(rule: ChargeRule, support_worker_pricing: bool) -> tuple[ThresholdUnit, int]:
    if rule.threshold_unit != ThresholdUnit.NDIS:
        return rule.threshold_unit, rule.threshold_value
    # NDIS Pricing Arrangements: 7 days under support-worker pricing, else 2 clear days.
    if support_worker_pricing:
        return ThresholdUnit.DAYS, 7
    return ThresholdUnit.CLEAR_BUSINESS_DAYS, 2


def facts_read(
    rule: ChargeRule,
    cancelled_by: CancelledBy,
    price_cents: int,
    service_allows_charges: bool,
    support_worker_pricing: bool,
    place_refilled: bool = False,
) -> tuple[object, ...]:
    """Of a cancellation's facts besides its start and the advice time, the ones `evaluate`
    reads under `rule`: cancellations alike in these, starting together and advised together,
    get the very same decision. A worker's or the practice's cancellation is never charged, so
    the session's price and the service's flags make no difference to it but the threshold.
    A negative price is refused as `ChargeContext` refuses it."""
    _check_price(price_cents)
    threshold = _threshold_for(rule, support_worker_pricing)
    if cancelled_by != CancelledBy.CLIENT:
        return (cancelled_by, threshold)
    return (cancelled_by, threshold, price_cents, service_allows_charges, place_refilled)


def assess_notice(rule: ChargeRule, ctx: ChargeContext, cal: PracticeCalendar) -> NoticeWorking:
    """Measure the notice against the rule's threshold and write out the working."""
    notice = max(ctx.session_start - ctx.advised_at, timedelta(0))
    unit, value = _threshold(rule, ctx)
    threshold = threshold_text(unit, value)
    advised, session = local_wall(ctx.advised_at, cal.tz), local_wall(ctx.session_start, cal.tz)
    dated = abs((session.date() - advised.date()).days) >= 7
    lead = translate("notice", "advised {when}").format(when=moment_text(advised, dated))
    start = moment_text(session, dated)
    if unit == ThresholdUnit.NONE:
        text = translate("notice", "{lead}; {notice} before {start} → {threshold}").format(
            lead=lead, notice=describe_notice(notice), start=start, threshold=threshold
        )
        return NoticeWorking(notice, False, threshold, None, (), text)
    if ctx.advised_at > ctx.session_start:
        text = translate(
            "notice", "{lead}, after the session start {start} → no notice → short notice"
        ).format(lead=lead, start=start)
        clear = 0 if unit == ThresholdUnit.CLEAR_BUSINESS_DAYS else None
        return NoticeWorking(notice, True, threshold, clear, (), text)
    if unit == ThresholdUnit.HOURS:
        short = notice < timedelta(hours=value)
        text = translate(
            "notice", "{lead}; {notice} before {start} (threshold {threshold}) → {verdict}"
        ).format(
            lead=lead, notice=hours_text(notice, value), start=start, threshold=threshold,
            verdict=verdict(short),
        )  # fmt: skip
        return NoticeWorking(notice, short, threshold, None, (), text)
    if unit == ThresholdUnit.DAYS:
        # Wall-clock days: the same local time N days on, whatever the clocks did between.
        deadline = advised + timedelta(days=value)
        short = session < deadline
        if not dated and (deadline.date() - advised.date()).days >= 7:
            # A deadline a week or more on names its date, and so do the moments beside it:
            # "before Wed 10:00" would read as the very time of the advice.
            dated = True
            lead = translate("notice", "advised {when}").format(when=moment_text(advised, dated))
            start = moment_text(session, dated)
        if short:
            template = (
                "{lead}; session {start} is before {deadline} ({threshold} later) → {verdict}"
            )
            template = translate("notice", template)
        else:
            template = translate(
                "notice",
                "{lead}; session {start} is at or after {deadline} ({threshold} later) → {verdict}",
            )
        text = template.format(
            lead=lead, start=start, deadline=moment_text(deadline, dated), threshold=threshold,
            verdict=verdict(short),
        )  # fmt: skip
        return NoticeWorking(notice, short, threshold, None, (), text)
    lead = translate("notice", "{lead}; clear business days before {start}").format(
        lead=lead, start=start
    )
    return _assess_clear_days(ctx, cal, notice, value, lead)


def _assess_clear_days(
    ctx: ChargeContext, cal: PracticeCalendar, notice: timedelta, value: int, lead: str
) -> NoticeWorking:
    """Clear business days on the practice calendar, with the days named."""
    count, notes = clear_business_days(ctx.advised_at, ctx.session_start, cal)
    short = count < value
    text = translate("notice", "{lead}: {days} → {count} (need {need}) → {verdict}").format(
        lead=lead, days=days_text(notes), count=count, need=value, verdict=verdict(short)
    )
    threshold = threshold_text(ThresholdUnit.CLEAR_BUSINESS_DAYS, value)
    return NoticeWorking(notice, short, threshold, count, notes, text)


def _condition_refusal(
    rule: ChargeRule, cancelled_by: CancelledBy, allows: bool, refilled: bool
) -> str | None:
    """The first condition of the rule that rules a charge out, as a sentence."""
    if cancelled_by != CancelledBy.CLIENT:
        return translate("notice", NOT_CLIENT)
    if rule.charge_kind == ChargeKind.NONE:
        return translate("notice", NO_CHARGE_KIND)
    if rule.requires_service_flag and not allows:
        return translate("notice", SERVICE_DISALLOWS)
    if rule.not_when_refilled and refilled:
        return translate("notice", PLACE_REFILLED)
    return None


def _notice_refusal(unit: ThresholdUnit, value: int, notice: NoticeWorking) -> str | None:
    """Why the notice given rules a charge out, as a sentence."""
    if notice.short_notice:
        return None
    if unit == ThresholdUnit.NONE:
        return translate("notice", NO_THRESHOLD)
    if unit == ThresholdUnit.DAYS:  # elapsed hours would contradict the wall-clock rule
        return translate(
            "notice", "Enough notice was given (at least {threshold} on the practice clock)."
        ).format(threshold=notice.threshold_text)
    if unit == ThresholdUnit.HOURS:
        given = hours_text(notice.notice, value)
    else:
        given = clear_days_words(notice.clear_days or 0)
    return translate(
        "notice", "Enough notice was given ({given}; the threshold is {threshold})."
    ).format(given=given, threshold=notice.threshold_text)


def _charge(rule: ChargeRule, price_cents: int) -> tuple[int, int | None, str]:
    """The charge, the percent used (if any) and its step of the working."""
    if rule.charge_kind == ChargeKind.PERCENT:
        cents = min(percent_of(price_cents, rule.percent), price_cents)
        return cents, rule.percent, f"{rule.percent}% = {format_money(cents)}"
    cents = min(rule.fixed_cents, price_cents)
    fee = format_money(rule.fixed_cents)
    if cents < rule.fixed_cents:
        text = translate("notice", "fixed fee {fee}, capped at the session price = {charge}")
        return cents, None, text.format(fee=fee, charge=format_money(cents))
    return cents, None, translate("notice", "fixed fee {fee}").format(fee=fee)


def _decide(
    rule: ChargeRule, price_cents: int, notice: NoticeWorking, refusal: str | None, say_why: bool
) -> ChargeDecision:
    """Turn the working and any refusal into the decision the desk shows."""
    if refusal is None:
        cents, percent, step = _charge(rule, price_cents)
        if cents > 0:
            return ChargeDecision(cents, percent, True, notice, None, f"{notice.text} → {step}")
        refusal = translate("notice", ZERO_CHARGE).format(zero=format_money(0))
    # An "enough notice" refusal is already the last step of the working; others are not.
    if say_why:
        explanation = translate("notice", "{working} → no charge: {why}").format(
            working=notice.text, why=refusal
        )
    else:
        explanation = translate("notice", "{working} → no charge").format(working=notice.text)
    return ChargeDecision(0, None, False, notice, refusal, explanation)


def evaluate(rule: ChargeRule, ctx: ChargeContext, cal: PracticeCalendar) -> ChargeDecision:
    """Decide what a cancellation costs under rule, with the reason and the working."""
    notice = assess_notice(rule, ctx, cal)
    refusal = _condition_refusal(
        rule, ctx.cancelled_by, ctx.service_allows_charges, ctx.place_refilled
    )
    if refusal is not None:
        return _decide(rule, ctx.session_price_cents, notice, refusal, say_why=True)
    refusal = _notice_refusal(*_threshold(rule, ctx), notice)
    return _decide(rule, ctx.session_price_cents, notice, refusal, say_why=refusal is None)


def evaluate_no_show(
    rule: ChargeRule, price_cents: int, service_allows_charges: bool
) -> ChargeDecision:
    """Decide what a did-not-attend costs: no notice was given, so it is always short."""
    if price_cents < 0:
        raise ValueError(translate("notice", "A session price cannot be negative."))
    text = translate("notice", "did not attend → no notice → short notice")
    threshold = translate("notice", "no notice threshold")
    notice = NoticeWorking(timedelta(0), True, threshold, None, (), text)
    refusal = _condition_refusal(rule, CancelledBy.CLIENT, service_allows_charges, False)
    return _decide(rule, price_cents, notice, refusal, say_why=True)


_NDIS_RULE = ChargeRule(
    0, ThresholdUnit.NDIS, ChargeKind.PERCENT, requires_service_flag=True, not_when_refilled=True
)
_NO_CHARGE_RULE = ChargeRule(0, ThresholdUnit.NONE, ChargeKind.NONE, percent=0)
_LATE_RULE = ChargeRule(24, ThresholdUnit.HOURS, ChargeKind.FIXED, fixed_cents=6000)
_CLIENT, _WORKER, _PRACTICE = CancelledBy.CLIENT, CancelledBy.WORKER, CancelledBy.PRACTICE

# Both profiles share these, with the same codes, so seeding both never duplicates them.
# The shipped reasons' labels are in the catalogue: a new practice gets them in its language.
_STAFF_REASONS = tuple(
    ReasonTemplate(code, label, who, _NO_CHARGE_RULE, None)
    for code, label, who in (
        ("worker_unwell", QT_TRANSLATE_NOOP("reasons", "Worker unwell"), _WORKER),
        ("worker_unavailable", QT_TRANSLATE_NOOP("reasons", "Worker unavailable"), _WORKER),
        ("practice_closure", QT_TRANSLATE_NOOP("reasons", "Practice closure"), _PRACTICE),
        ("practice_weather", QT_TRANSLATE_NOOP("reasons", "Weather/emergency"), _PRACTICE),
    )
)

NDIS_PROFILE: tuple[ReasonTemplate, ...] = (
    *(
        ReasonTemplate(code, label, _CLIENT, _NDIS_RULE, reason)
        for code, label, reason in (
            ("ndis_health", QT_TRANSLATE_NOOP("reasons", "Health"), NdisReasonCode.NSDH),
            ("ndis_family", QT_TRANSLATE_NOOP("reasons", "Family"), NdisReasonCode.NSDF),
            ("ndis_transport", QT_TRANSLATE_NOOP("reasons", "Transport"), NdisReasonCode.NSDT),
            ("ndis_other", QT_TRANSLATE_NOOP("reasons", "Other"), NdisReasonCode.NSDO),
        )
    ),
    ReasonTemplate(
        "ndis_no_show", QT_TRANSLATE_NOOP("reasons", "Did not attend (no-show)"), _CLIENT,
        ChargeRule(0, ThresholdUnit.NONE, ChargeKind.PERCENT, requires_service_flag=True),
        NdisReasonCode.NSDO, is_no_show=True,
    ),
    *_STAFF_REASONS,
)  # fmt: skip

PRIVATE_PROFILE: tuple[ReasonTemplate, ...] = (
    ReasonTemplate("private_late", QT_TRANSLATE_NOOP("reasons", "Late cancellation"), _CLIENT, _LATE_RULE, None),
    ReasonTemplate("private_illness", QT_TRANSLATE_NOOP("reasons", "Illness"), _CLIENT, _LATE_RULE, None),
    ReasonTemplate("private_other", QT_TRANSLATE_NOOP("reasons", "Other"), _CLIENT, _LATE_RULE, None),
    ReasonTemplate(
        "private_no_show", QT_TRANSLATE_NOOP("reasons", "Did not attend (no-show)"), _CLIENT,
        ChargeRule(0, ThresholdUnit.NONE, ChargeKind.FIXED, fixed_cents=9000), None,
        is_no_show=True,
    ),
    *_STAFF_REASONS,
)  # fmt: skip
