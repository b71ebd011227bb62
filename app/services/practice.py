"""Practice settings, the calendar the rules count on, and the reference data every database needs."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import CancellationReason, PracticeSettings, User
from app.models.enums import BillingProfile, Role
from app.models.practice_calendar import PracticeCalendar
from app.models.rules import NDIS_PROFILE, PRIVATE_PROFILE, ReasonTemplate
from app.services.audit import chain as audit

DEFAULT_ADMIN = "admin"


def settings(uow: UnitOfWork) -> PracticeSettings:
    """The practice's one settings row (created by `ensure_reference_data`)."""
    row = uow.session.get(PracticeSettings, 1)
    if row is None:
        raise LookupError("practice settings missing: run ensure_reference_data first")
    # The identity map holds rows weakly: keep this one for the transaction, so the next call
    # (a cancellation asks three times) is a dictionary lookup instead of another SELECT.
    uow.session.info["practice_settings"] = row
    return row


def time_zone(uow: UnitOfWork) -> ZoneInfo:
    """The practice's time zone, without loading its public holidays (as `calendar` does)."""
    return ZoneInfo(settings(uow).time_zone)


def calendar(row: PracticeSettings) -> PracticeCalendar:
    return PracticeCalendar(
        time_zone=row.time_zone,
        country=row.country,
        subdivision=row.subdivision,
        counting=row.clear_day_counting,
    )


def preload_calendar(uow: UnitOfWork) -> None:
    """Load the practice's public holidays now (the start does it in the background, once the
    window shows), so the day's first cancellation does not wait for them."""
    cal = calendar(settings(uow))
    cal.preload(uow.now().astimezone(cal.tz).date())


ANY_PROFILE = "any"  # reasons shared by both profiles (worker and practice reasons)


def _reason_from(template: ReasonTemplate, profile: str, order: int) -> CancellationReason:
    rule = template.rule
    return CancellationReason(
        code=template.code,
        label=translate("reasons", template.label),  # in the practice's language
        applies_to=template.applies_to,
        active=True,
        is_no_show=template.is_no_show,
        profile=profile,
        threshold_value=rule.threshold_value,
        threshold_unit=rule.threshold_unit,
        charge_kind=rule.charge_kind,
        charge_percent=rule.percent,
        charge_fixed_cents=rule.fixed_cents,
        requires_service_flag=rule.requires_service_flag,
        not_when_refilled=rule.not_when_refilled,
        ndis_reason_code=template.ndis_reason_code,
        sort_order=order,
    )


def ensure_reference_data(uow: UnitOfWork, practice_name: str = "My Practice") -> bool:
    """Create the settings row, both reason profiles and the first admin; True if anything was new."""
    created = False
    if uow.session.get(PracticeSettings, 1) is None:
        uow.session.add(PracticeSettings(id=1, name=practice_name))
        created = True
    existing = set(uow.session.scalars(select(CancellationReason.code)))
    shared = {t.code for t in NDIS_PROFILE} & {t.code for t in PRIVATE_PROFILE}
    for profile, templates in (
        (BillingProfile.NDIS, NDIS_PROFILE),
        (BillingProfile.PRIVATE, PRIVATE_PROFILE),
    ):
        for order, template in enumerate(templates):
            if template.code not in existing:
                label = ANY_PROFILE if template.code in shared else profile.value
                uow.session.add(_reason_from(template, label, order))
                existing.add(template.code)
                created = True
    if uow.session.scalar(select(User.id).limit(1)) is None:
        admin = User(
            username=DEFAULT_ADMIN,
            full_name="Practice administrator",
            role=Role.ADMIN,
            password_hash="",  # no password until the first-run dialog (or the demo) sets one
            created_at=uow.now(),
        )
        uow.session.add(admin)
        uow.session.flush()
        audit.record(
            uow,
            "user.create",
            "user",
            admin.id,
            after={"username": admin.username, "role": "admin"},
        )
        created = True
    uow.session.flush()
    return created


def profile_names(row: PracticeSettings) -> tuple[str, str]:
    """The reason profiles in force: the practice's own and the shared staff reasons."""
    return (row.billing_profile.value, ANY_PROFILE)


def first_admin(uow: UnitOfWork) -> User:
    """The first active administrator (the single-user desk acts as this user)."""
    user = uow.session.scalar(
        select(User)
        .where(User.role == Role.ADMIN, User.active.is_(True))
        .order_by(User.id)
        .limit(1)
    )
    if user is None:
        raise LookupError("no active administrator")
    return user
