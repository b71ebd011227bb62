"""What each client leaving a cancelled session is charged, decided before anything is written.
A cancellation reason's charge rule (`rule_of`, shared with did-not-attend, a bulk job's batch
and the deadline a reminder states) is evaluated by the rules engine for every leaving booking:
the notice given, a group place refilled after the notice, a waiver (`waiver_note`, whose rule
did-not-attend shares), an NDIS claim's type and reason code, and a fee the client's funder does
not pay going to the client, said in the working. The charge line's quantity and unit price
(hours on an hourly item) are found here too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.models import Booking, CancellationReason, PracticeSettings, Session
from app.models.billing import invoiced_as
from app.models.enums import BillingProfile, BookingStatus, Funding, ServiceUnit
from app.models.practice_calendar import PracticeCalendar
from app.models.rules import ChargeContext, ChargeDecision, ChargeRule, evaluate
from app.services.dto import CancelRequest, ClientCharge
from app.services.sessions.claim_units import hourly_units
from app.services.sessions.common import session_hours
from app.services.setup.funders import (
    BILL_TO_CLIENT,
    charged_to_client_sentence,
    funder_not_paying_fees,
    plan_cannot_pay,
    private_code_sentence,
)


def rule_of(reason: CancellationReason) -> ChargeRule:
    """The rules engine's charge rule of a cancellation reason."""
    return ChargeRule(
        threshold_value=reason.threshold_value,
        threshold_unit=reason.threshold_unit,
        charge_kind=reason.charge_kind,
        percent=reason.charge_percent,
        fixed_cents=reason.charge_fixed_cents,
        requires_service_flag=reason.requires_service_flag,
        not_when_refilled=reason.not_when_refilled,
    )


def waiver_note(charge_cents: int, waive: bool, waiver_reason: str) -> str | None:
    """A waiver takes a charge away: why nothing is charged ("Waived: …"), or None when nothing
    is waived (no waiver, or the rule charges nothing anyway). A cancellation's and a
    did-not-attend's charge alike."""
    if not waive or charge_cents <= 0:
        return None
    return f"Waived: {waiver_reason.strip()}"


def place_refilled(session: Session, req: CancelRequest, targets: list[Booking]) -> bool:
    """A group place counts as refilled when someone else was booked into it after the notice."""
    if session.capacity <= 1:
        return False
    leaving = {b.id for b in targets}
    return any(
        b.id not in leaving
        and b.created_at > req.advised_at
        and b.status != BookingStatus.CANCELLED
        for b in session.bookings
    )


@dataclass(frozen=True)
class Computed:
    """One leaving booking with the rules engine's decision and the charge it comes to."""

    booking: Booking
    decision: ChargeDecision
    charge: ClientCharge


def compute_charges(
    session: Session,
    req: CancelRequest,
    reason: CancellationReason,
    settings: PracticeSettings,
    cal: PracticeCalendar,
    targets: list[Booking],
) -> list[Computed]:
    """The decision and charge of each booking in `targets`, leaving `session` per `req`."""
    rule = rule_of(reason)
    refilled = place_refilled(session, req, targets)
    out: list[Computed] = []
    for b in targets:
        ctx = ChargeContext(
            session_start=session.starts_at,
            advised_at=req.advised_at,
            session_price_cents=session.price_cents,
            cancelled_by=req.cancelled_by,
            service_allows_charges=session.service.allows_cancellation_charge,
            support_worker_pricing=session.service.support_worker_pricing,
            place_refilled=refilled,
        )
        d = evaluate(rule, ctx, cal)
        ndis = settings.billing_profile == BillingProfile.NDIS and b.client.funding == Funding.NDIS
        waiver = waiver_note(d.charge_cents, req.waive, req.waiver_reason)
        waived = waiver is not None
        charged = d.charge_cents > 0 and not waived
        unpaid_by = funder_not_paying_fees(b.client) if charged else None
        code = session.service.code
        private = charged and unpaid_by is None and plan_cannot_pay(b.client, code)
        if unpaid_by is not None:  # the fee goes to the client, and the working says so
            d = replace(d, explanation=f"{d.explanation} {charged_to_client_sentence(unpaid_by)}")
        elif private:
            d = replace(d, explanation=f"{d.explanation} {private_code_sentence(code)}")
        charge = ClientCharge(
            booking_id=b.id,
            client_id=b.client_id,
            client_name=b.client.display_name,
            short_notice=d.notice.short_notice,
            charge_cents=0 if waived else d.charge_cents,
            chargeable=d.chargeable,
            waived=waived,
            explanation=d.explanation,
            not_charged_because=waiver or d.not_charged_because,
            claim_type="CANC" if ndis else "",
            reason_code=(
                reason.ndis_reason_code.value if ndis and reason.ndis_reason_code else None
            ),
            bill_to=BILL_TO_CLIENT if unpaid_by is not None or private else "",
            waived_cents=d.charge_cents if waived else 0,
            invoiced=invoiced_as(b.client.funding, b.client.ndis_management) if ndis else "",
        )
        out.append(Computed(b, d, charge))
    return out


def charge_units(session: Session, charge: ClientCharge) -> dict[str, Any]:
    """The charge line's quantity and unit price (hours on an hourly item) and its payer."""
    out: dict[str, Any] = {"bill_to": charge.bill_to}
    if session.service.unit == ServiceUnit.HOUR and charge.charge_cents > 0:
        out["quantity"], out["unit_price_cents"] = hourly_units(
            charge.charge_cents, session.service.price_cents, session_hours(session)
        )
    return out
