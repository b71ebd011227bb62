"""Reasons and billing rules, the "Try it" box, the billing profile and the practice settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

import pytest

from app.errors import PermissionDeniedError, ValidationError
from app.models import CancellationReason
from app.models.enums import (
    BillingProfile,
    CancelledBy,
    ChargeKind,
    ClearDayCounting,
    NdisReasonCode,
    SessionKind,
    ThresholdUnit,
)
from app.models.rules import PLACE_REFILLED, ChargeContext, evaluate
from app.services import practice
from app.services.sessions.cancel import preview_cancellation, reasons_for
from app.services.sessions.cancel_charges import rule_of
from app.services.setup.reasons import (
    ReasonDraft,
    list_reasons,
    save_reason,
    set_billing_profile,
)
from app.services.setup.settings import (
    practice_settings,
    regions,
    save_practice_settings,
)
from app.services.setup.trial import try_rule, upcoming_sessions
from tests.factory import World, local

LATE = ReasonDraft("Late notice", CancelledBy.CLIENT, "private", True, False, 48,
                   ThresholdUnit.HOURS, ChargeKind.PERCENT, 50)  # fmt: skip


def _draft(world: World, code: str) -> ReasonDraft:
    return next(r.draft for r in world.read(list_reasons) if r.draft.code == code)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"label": " "}, "label", "Enter the reason's name."),
        ({"applies_to": CancelledBy.WORKER}, "charge_kind", "never charged"),
        ({"charge_percent": 0}, "charge_percent", "between 1 and 100"),
        ({"threshold_value": 0}, "threshold_value", "between 1 and 720"),
        ({"threshold_unit": ThresholdUnit.NONE}, "threshold_unit", "never charges"),
        ({"charge_kind": ChargeKind.FIXED, "fixed_fee": "abc"}, "fixed_fee", "not an amount"),
        ({"profile": "ndis"}, "ndis_reason_code", "NDIS reason code"),
        ({"profile": "other"}, "profile", "Choose the profile"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_with_a_sentence(
    world: World, change: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        world.run(world.admin, lambda uow: save_reason(uow, None, replace(LATE, **change)))  # type: ignore[arg-type]
    assert refused.value.field == field and words in refused.value.message


def test_an_admin_adds_a_reason_that_the_cancel_dialog_then_offers(world: World) -> None:
    world.use_private_profile()
    saved = world.run(world.admin, lambda uow: save_reason(uow, None, LATE))
    row = next(r for r in world.read(list_reasons) if r.id == saved.record_id)
    assert row.draft.code == "private_late_notice" and row.rule_text == "under 48 hours → 50%"
    assert (saved.record_id, "Late notice") in world.read(
        lambda uow: reasons_for(uow, CancelledBy.CLIENT)
    )
    with pytest.raises(PermissionDeniedError, match="Ask an administrator"):
        world.run(world.manager, lambda uow: save_reason(uow, None, LATE))


def test_a_second_active_no_show_rule_for_a_profile_is_refused(world: World) -> None:
    no_show = replace(_draft(world, "ndis_no_show"), code="", label="Another no-show")
    with pytest.raises(ValidationError, match="already has an active no-show rule"):
        world.run(world.admin, lambda uow: save_reason(uow, None, no_show))


def test_try_it_matches_the_cancel_preview_and_the_rules_module(world: World) -> None:
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 7, 9), [c])  # Tue after Easter
    advised = local(2026, 4, 2, 15, 10)  # Thursday before Good Friday
    tried = world.read(lambda uow: try_rule(uow, _draft(world, "ndis_health"), sid, advised))
    world.clock.set(advised)
    req = world.client_request(sid, [c], "ndis_health", advised)
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert tried.decision.charge_cents == preview.charges[0].charge_cents == 19399
    assert tried.decision.explanation == preview.charges[0].explanation
    assert "Good Friday is a public holiday" in tried.decision.notice.text

    def direct(uow):  # type: ignore[no-untyped-def]
        reason = uow.session.get(CancellationReason, world.reason("ndis_health"))
        # In UTC: aware datetimes sharing one ZoneInfo subtract as wall clocks, across DST too.
        start = local(2026, 4, 7, 9).astimezone(UTC)
        ctx = ChargeContext(start, advised, 19399, CancelledBy.CLIENT, True, False)
        return evaluate(rule_of(reason), ctx, practice.calendar(practice.settings(uow)))

    assert world.read(direct) == tried.decision
    assert [s.id for s in world.read(upcoming_sessions)] == [sid]


def test_try_it_sees_a_refilled_group_place_as_the_cancel_flow_does(world: World) -> None:
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Ben Ray")
    sid = world.session(w, svc, local(2026, 4, 3, 9), [a], kind=SessionKind.GROUP, capacity=4)
    advised = world.clock()
    world.clock.advance(minutes=30)
    from app.services.setup.editing import edit_session, session_draft

    draft = world.read(lambda uow: session_draft(uow, sid)).draft
    world.run(world.reception, lambda uow: edit_session(uow, sid, replace(draft, client_ids=(a, b)),
                                                         allow_conflicts=True))  # fmt: skip
    tried = world.read(lambda uow: try_rule(uow, _draft(world, "ndis_family"), sid, advised))
    assert tried.place_refilled and tried.decision.not_charged_because == PLACE_REFILLED
    req = world.client_request(sid, [a], "ndis_family", advised)
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert (
        preview.charges[0].charge_cents == 0
        and preview.charges[0].explanation == tried.decision.explanation
    )


def test_switching_the_billing_profile_switches_the_offered_reasons(world: World) -> None:
    def codes() -> list[str]:
        return [
            label for _id, label in world.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))
        ]

    assert "Health" in codes()
    saved = world.run(world.admin, lambda uow: set_billing_profile(uow, BillingProfile.PRIVATE))
    assert "private practice" in saved.message and "Late cancellation" in codes()
    with pytest.raises(PermissionDeniedError):
        world.run(world.manager, lambda uow: set_billing_profile(uow, BillingProfile.NDIS))


def test_practice_settings_are_saved_and_zone_and_region_are_checked(world: World) -> None:
    now = world.read(practice_settings)
    new = replace(now, name="Harbour Physio", time_zone="Australia/Perth", subdivision="WA",
                  clear_day_counting=ClearDayCounting.INCLUDE_SESSION_DAY, paper_size="Letter")  # fmt: skip
    saved = world.run(world.admin, lambda uow: save_practice_settings(uow, new))
    assert "Restart FrontDesk" in saved.warnings[0]
    assert world.read(practice_settings) == new
    for change, field, words in (
        ({"time_zone": "Mars/Olympus"}, "time_zone", "is not a time zone"),
        ({"subdivision": "XX"}, "subdivision", "no public-holiday calendar for “AU/XX”"),
        ({"country": "ZZ"}, "country", "no public-holiday calendar"),
        ({"paper_size": "A3"}, "paper_size", "A4 or Letter"),
        ({"idle_logoff_minutes": 9999}, "idle_logoff_minutes", "between 0 and 480"),
    ):
        with pytest.raises(ValidationError) as refused:
            world.run(
                world.admin, lambda uow, c=change: save_practice_settings(uow, replace(new, **c))
            )  # type: ignore[arg-type]
        assert refused.value.field == field and words in refused.value.message
    with pytest.raises(PermissionDeniedError):
        world.run(world.manager, lambda uow: save_practice_settings(uow, new))
    assert "NSW" in regions()["AU"][1] and regions()["AU"][0] == "Australia"


def test_an_ndis_reason_needs_its_claim_reason_code(world: World) -> None:
    ndis = replace(LATE, profile="ndis", threshold_unit=ThresholdUnit.NDIS, charge_percent=100,
                   ndis_reason_code=NdisReasonCode.NSDO, label="Other (short notice)")  # fmt: skip
    saved = world.run(world.admin, lambda uow: save_reason(uow, None, ndis))
    row = next(r for r in world.read(list_reasons) if r.id == saved.record_id)
    assert row.draft.threshold_value == 0 and row.rule_text.startswith(
        "under 2 clear business days"
    )
