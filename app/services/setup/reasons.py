"""Cancellation reasons and their billing rules: list, check, save, and the billing profile."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from sqlalchemy import func, select

from app.db import UnitOfWork
from app.errors import NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import CancellationReason
from app.models.base import as_dict
from app.models.enums import BillingProfile, CancelledBy, ChargeKind, NdisReasonCode, ThresholdUnit
from app.models.money import format_money, parse_money, typed_money
from app.models.rules import ChargeRule
from app.services import practice
from app.services.audit import chain as audit
from app.services.boundary import Untrusted, checked_cents, checked_text
from app.services.dto import ChangeSet
from app.services.practice import ANY_PROFILE
from app.services.setup.common import Saved, changed_meanwhile, text
from app.services.setup.policy import SetupAction, require_setup

PROFILES = (BillingProfile.NDIS.value, BillingProfile.PRIVATE.value, ANY_PROFILE)
CODE_RE = re.compile(r"^[a-z0-9_]{1,40}$")
THRESHOLD_LIMITS = {
    ThresholdUnit.HOURS: (1, 720),
    ThresholdUnit.DAYS: (1, 60),
    ThresholdUnit.CLEAR_BUSINESS_DAYS: (1, 30),
}
REASON_FIELDS = (
    "code", "label", "applies_to", "active", "is_no_show", "profile", "threshold_value",
    "threshold_unit", "charge_kind", "charge_percent", "charge_fixed_cents",
    "requires_service_flag", "not_when_refilled", "ndis_reason_code",
)  # fmt: skip


@dataclass(frozen=True)
class ReasonDraft(Untrusted):
    """What the reasons editor collects; the fixed fee as typed (a saved reason offers it as
    "60.00", whatever the practice's currency shows)."""

    LABELS: ClassVar[dict[str, str]] = {
        "applies_to": QT_TRANSLATE_NOOP("fields", "applies to"),
        "threshold_unit": QT_TRANSLATE_NOOP("fields", "threshold unit"),
        "charge_kind": QT_TRANSLATE_NOOP("fields", "charge kind"),
        "ndis_reason_code": QT_TRANSLATE_NOOP("fields", "ndis reason code"),
    }

    label: str
    applies_to: CancelledBy = CancelledBy.CLIENT
    profile: str = BillingProfile.NDIS.value
    active: bool = True
    is_no_show: bool = False
    threshold_value: int = 0
    threshold_unit: ThresholdUnit = ThresholdUnit.NONE
    charge_kind: ChargeKind = ChargeKind.NONE
    charge_percent: int = 100
    fixed_fee: str = "0.00"
    requires_service_flag: bool = False
    not_when_refilled: bool = False
    ndis_reason_code: NdisReasonCode | None = None
    code: str = ""


@dataclass(frozen=True)
class ReasonRow:
    """One reason as the editor's list shows it."""

    id: int
    draft: ReasonDraft
    rule_text: str


def rule_from(draft: ReasonDraft) -> ChargeRule:
    """The rule a (checked) draft stands for, built as `cancel_charges.rule_of` builds it."""
    return ChargeRule(
        threshold_value=draft.threshold_value,
        threshold_unit=draft.threshold_unit,
        charge_kind=draft.charge_kind,
        percent=draft.charge_percent,
        fixed_cents=parse_money(draft.fixed_fee) if draft.fixed_fee.strip() else 0,
        requires_service_flag=draft.requires_service_flag,
        not_when_refilled=draft.not_when_refilled,
    )


def describe_rule(d: ReasonDraft) -> str:
    """The rule in one line: "under 24 hours' notice → fixed fee $60.00; …"."""
    if d.charge_kind == ChargeKind.NONE:
        return translate("setup", "no charge")
    charge = f"{d.charge_percent}%" if d.charge_kind == ChargeKind.PERCENT else (
        translate("setup", "fixed fee {amount}").format(
            amount=format_money(rule_from(d).fixed_cents)))  # fmt: skip
    n = d.threshold_value  # a plain name: the catalogue collects a plural only with one
    if d.is_no_show:
        when = translate("setup", "did not attend")
    elif d.threshold_unit == ThresholdUnit.NDIS:
        when = translate("setup", "under 2 clear business days (7 days for support-worker items)")
    elif d.threshold_unit == ThresholdUnit.NONE:
        when = translate("setup", "never (no notice threshold)")
    elif d.threshold_unit == ThresholdUnit.HOURS:
        when = translate("setup", "under %n hour(s)", None, n)
    elif d.threshold_unit == ThresholdUnit.DAYS:
        when = translate("setup", "under %n day(s)", None, n)
    else:
        when = translate("setup", "under %n clear business day(s)", None, n)
    conditions = [c for c, on in (
        (translate("setup", "only if the service allows"), d.requires_service_flag),
        (translate("setup", "not when the place is refilled"), d.not_when_refilled)) if on]  # fmt: skip
    return "; ".join([f"{when} → {charge}", *conditions])


def _check_charge(d: ReasonDraft) -> ReasonDraft:
    if d.applies_to != CancelledBy.CLIENT and d.charge_kind != ChargeKind.NONE:
        raise ValidationError(
            translate(
                "setup",
                "Worker and practice cancellations are never charged; set the charge to “No charge”.",
            ),
            field="charge_kind",
        )
    if d.charge_kind == ChargeKind.PERCENT and not 1 <= d.charge_percent <= 100:
        raise ValidationError(
            translate("setup", "A percentage charge is between 1 and 100."), field="charge_percent"
        )
    cents = 0
    if d.charge_kind == ChargeKind.FIXED:
        try:
            cents = parse_money(d.fixed_fee)
        except ValueError as exc:
            raise ValidationError(str(exc), field="fixed_fee") from exc
        if cents <= 0:
            raise ValidationError(
                translate("setup", "Enter the fixed fee, more than {zero}.").format(
                    zero=format_money(0)
                ),
                field="fixed_fee",
            )
        checked_cents(cents, "fixed_fee", QT_TRANSLATE_NOOP("fields", "fixed fee"))
    return replace(d, fixed_fee=typed_money(cents))


def _check_threshold(d: ReasonDraft) -> ReasonDraft:
    unit = d.threshold_unit
    if d.charge_kind == ChargeKind.NONE:
        return replace(d, threshold_value=0, threshold_unit=ThresholdUnit.NONE)
    if d.is_no_show or unit in (ThresholdUnit.NONE, ThresholdUnit.NDIS):
        if unit == ThresholdUnit.NONE and not d.is_no_show:
            raise ValidationError(
                translate(
                    "setup", "Choose a notice threshold: without one this reason never charges."
                ),
                field="threshold_unit",
            )
        return replace(d, threshold_value=0, threshold_unit=ThresholdUnit.NONE if d.is_no_show
                       else unit)  # fmt: skip
    low, high = THRESHOLD_LIMITS[unit]
    if not low <= d.threshold_value <= high:
        words = unit.value.replace("_", " ")
        raise ValidationError(translate("setup", "A threshold in {words} is between {low} and {high}.").format(words=words, low=low, high=high),
                              field="threshold_value")  # fmt: skip
    return d


def check_reason(draft: ReasonDraft) -> ReasonDraft:
    """The draft trimmed and consistent, or the sentence saying what to correct."""
    d = replace(
        draft,
        label=text(
            draft.label, "label", QT_TRANSLATE_NOOP("fields", "reason's name"), 120, required=True
        ),
        applies_to=CancelledBy(draft.applies_to),
        threshold_unit=ThresholdUnit(draft.threshold_unit),
        charge_kind=ChargeKind(draft.charge_kind),
        code=checked_text(draft.code, "code", QT_TRANSLATE_NOOP("fields", "reason's code"), 40),
    )
    if d.profile not in PROFILES:
        raise ValidationError(
            translate("setup", "Choose the profile: NDIS, private, or both."), field="profile"
        )
    if d.is_no_show and d.applies_to != CancelledBy.CLIENT:
        raise ValidationError(
            translate("setup", "Only clients can fail to attend."), field="is_no_show"
        )
    d = _check_threshold(_check_charge(d))
    needs_code = d.profile == BillingProfile.NDIS.value and d.charge_kind != ChargeKind.NONE
    if needs_code and d.ndis_reason_code is None:
        raise ValidationError(
            translate(
                "setup", "Choose the NDIS reason code (NSDH, NSDF, NSDT or NSDO) that claims need."
            ),
            field="ndis_reason_code",
        )
    try:
        rule_from(d)
    except ValueError as exc:
        raise ValidationError(str(exc), field="charge_kind") from exc
    return d


def _draft_of(r: CancellationReason) -> ReasonDraft:
    return ReasonDraft(
        r.label, r.applies_to, r.profile, r.active, r.is_no_show, r.threshold_value,
        r.threshold_unit, r.charge_kind, r.charge_percent, typed_money(r.charge_fixed_cents),
        r.requires_service_flag, r.not_when_refilled, r.ndis_reason_code, r.code,
    )  # fmt: skip


def list_reasons(uow: UnitOfWork) -> list[ReasonRow]:
    """Every reason of every profile, in the order the cancel dialog lists them."""
    stmt = select(CancellationReason).order_by(
        CancellationReason.profile, CancellationReason.applies_to,
        CancellationReason.sort_order, CancellationReason.id,
    )  # fmt: skip
    rows = []
    for r in uow.session.scalars(stmt):
        draft = _draft_of(r)
        rows.append(ReasonRow(r.id, draft, describe_rule(draft)))
    return rows


def _code_taken(uow: UnitOfWork, code: str, reason_id: int | None) -> bool:
    found = uow.session.scalar(
        select(CancellationReason.id).where(
            CancellationReason.code == code, CancellationReason.id != (reason_id or 0)
        )
    )
    return found is not None


def _code_for(uow: UnitOfWork, d: ReasonDraft, reason_id: int | None) -> str:
    """The code typed, checked; else one made from the profile and the name, numbered when
    taken: a name in another script ("Болезнь") leaves only the profile's letters, and nobody
    should be refused over a code they never typed."""
    if not d.code:
        made = re.sub(r"[^a-z0-9]+", "_", f"{d.profile}_{d.label}".lower()).strip("_")[:36]
        code, n = made, 1
        while _code_taken(uow, code, reason_id):
            n += 1
            code = f"{made}_{n}"
        return code
    code = d.code.lower()  # "SICK" is the code "sick": codes are one whatever their case
    if not CODE_RE.match(code):
        raise ValidationError(
            translate("setup", "A reason code is lower-case letters, digits and _."), field="code"
        )
    if _code_taken(uow, code, reason_id):
        raise ValidationError(translate("setup", "The code “{code}” is already used by another reason.").format(code=code),
                              field="code")  # fmt: skip
    return code


def _refuse_second_no_show(uow: UnitOfWork, d: ReasonDraft, reason_id: int | None) -> None:
    if not (d.is_no_show and d.active):
        return
    other = uow.session.scalar(
        select(CancellationReason).where(
            CancellationReason.is_no_show.is_(True), CancellationReason.active.is_(True),
            CancellationReason.profile == d.profile, CancellationReason.id != (reason_id or 0),
        )
    )  # fmt: skip
    if other is not None:
        raise ValidationError(
            translate(
                "setup",
                "This profile already has an active no-show rule (“{label}”); change that one, or make it inactive first.",
            ).format(label=other.label),
            field="is_no_show",
        )


def _refuse_same_label(uow: UnitOfWork, d: ReasonDraft, reason_id: int | None) -> None:
    """One name per choice: the cancel dialog lists a profile's reasons (and those of both
    profiles) for who cancels by name, so two alike there could not be told apart."""
    profiles = PROFILES if d.profile == ANY_PROFILE else (d.profile, ANY_PROFILE)
    others = uow.session.scalars(
        select(CancellationReason.label).where(
            CancellationReason.applies_to == d.applies_to,
            CancellationReason.profile.in_(profiles),
            CancellationReason.id != (reason_id or 0),
        )
    )
    same = next((label for label in others if label.casefold() == d.label.casefold()), None)
    if same is not None:
        raise ValidationError(
            translate(
                "setup",
                "There is already a reason called “{label}” for the same cancellations; give "
                "this one another name, or change that one.",
            ).format(label=same),
            field="label",
        )


def _values(d: ReasonDraft, code: str) -> dict[str, Any]:
    rule = rule_from(d)
    values = {name: getattr(d, name) for name in REASON_FIELDS if hasattr(d, name)}
    values.update(code=code, charge_fixed_cents=rule.fixed_cents)
    return values


def save_reason(
    uow: UnitOfWork, reason_id: int | None, draft: ReasonDraft, seen: ReasonDraft | None = None
) -> Saved:
    """Add a reason or change one and its rule (administrators); audited. `seen`: the reason as
    the form was loaded with, refused when another desk changed it since."""
    require_setup(uow.actor, SetupAction.EDIT_RULES)
    d = check_reason(draft)
    _refuse_same_label(uow, d, reason_id)
    _refuse_second_no_show(uow, d, reason_id)
    values = _values(d, _code_for(uow, d, reason_id))
    if reason_id is None:
        last = uow.session.scalar(select(func.max(CancellationReason.sort_order))) or 0
        reason = CancellationReason(**values, sort_order=int(last) + 1)
        uow.session.add(reason)
        uow.session.flush()
        audit.record(uow, "reason.create", "cancellation_reason", reason.id,
                     after=as_dict(reason, REASON_FIELDS))  # fmt: skip
        return Saved(
            reason.id,
            translate("setup", "“{label}” was added.").format(label=reason.label),
            _changes(),
        )
    found = uow.session.get(CancellationReason, reason_id)
    if found is None:
        raise NotFoundError(translate("setup", "That reason no longer exists."))
    if seen is not None and _draft_of(found) != seen:
        raise changed_meanwhile(f"“{found.label}”", form_reloaded=True)
    before = as_dict(found, REASON_FIELDS)
    for name, value in values.items():
        setattr(found, name, value)
    uow.session.flush()
    audit.record(uow, "reason.update", "cancellation_reason", found.id, before=before,
                 after=as_dict(found, REASON_FIELDS))  # fmt: skip
    note = (
        translate(
            "setup",
            "Cancellations already recorded keep the charge worked out when they were made.",
        ),
    )
    return Saved(
        found.id,
        translate("setup", "“{label}” was saved.").format(label=found.label),
        _changes(),
        note,
    )


def billing_profile(uow: UnitOfWork) -> BillingProfile:
    """The practice's billing profile."""
    return practice.settings(uow).billing_profile


def set_billing_profile(uow: UnitOfWork, profile: BillingProfile) -> Saved:
    """Switch between the NDIS and the private-practice reasons (administrators); audited."""
    require_setup(uow.actor, SetupAction.EDIT_RULES)
    row = practice.settings(uow)
    before = row.billing_profile
    row.billing_profile = BillingProfile(profile)
    audit.record(uow, "settings.billing_profile", "practice_settings", row.id,
                 before={"billing_profile": before.value},
                 after={"billing_profile": row.billing_profile.value})  # fmt: skip
    if row.billing_profile == BillingProfile.NDIS:
        message = translate("setup", "Billing profile: NDIS. Its reasons are offered from now on.")
    else:
        message = translate(
            "setup", "Billing profile: private practice. Its reasons are offered from now on."
        )
    return Saved(row.id, message, _changes())


def _changes() -> ChangeSet:
    return ChangeSet(topics=frozenset({"reasons"}))
