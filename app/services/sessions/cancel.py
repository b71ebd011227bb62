"""Cancel a booking (client), a whole session (worker or practice), and preview either first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from app.db import UnitOfWork
from app.errors import NotAllowedError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Booking, CancellationReason, PracticeSettings, Session
from app.models.enums import BillingProfile, BookingStatus, CancelledBy, Funding, ServiceUnit
from app.models.lifecycle import STARTED_USE_DNA
from app.models.notice_text import describe_notice
from app.models.practice_calendar import PracticeCalendar
from app.models.rules import (
    ChargeContext,
    ChargeDecision,
    ChargeRule,
    evaluate,
)
from app.services import practice
from app.services.auth import Permission, require
from app.services.boundary import checked_moment, checked_text
from app.services.dto import (
    NOTE_LIMIT,
    CancellationPreview,
    CancelRequest,
    CancelResult,
    ChangeSet,
    ClientCharge,
    DayWorking,
    FreeWorker,
    PlannedMessage,
    SeriesItem,
    SeriesScope,
)
from app.services.money.refunds import refund_values
from app.services.outbox import notify
from app.services.sessions.cancel_writer import Act, Leaving, Target, Written, write_cancellations
from app.services.sessions.claim_units import hourly_units
from app.services.sessions.common import (
    booked,
    chosen_bookings,
    load_session,
    session_hours,
    session_label,
    snapshot,
)
from app.services.sessions.scheduling import free_workers, series_targets
from app.services.setup.funders import (
    BILL_TO_CLIENT,
    charged_to_client_sentence,
    funder_not_paying_fees,
)

# Clocks on two desks disagree a little; an advised time this far ahead is still "now".
FUTURE_TOLERANCE = timedelta(minutes=2)
NOBODY_BOOKED = QT_TRANSLATE_NOOP(
    "cancel", "No client is still booked in this session; there is nothing to cancel."
)
TOPIC_BY_WHO = {
    CancelledBy.CLIENT: "cancel",
    CancelledBy.WORKER: "cancel_worker",
    CancelledBy.PRACTICE: "cancel_practice",
}


def rule_of(reason: CancellationReason) -> ChargeRule:
    return ChargeRule(
        threshold_value=reason.threshold_value,
        threshold_unit=reason.threshold_unit,
        charge_kind=reason.charge_kind,
        percent=reason.charge_percent,
        fixed_cents=reason.charge_fixed_cents,
        requires_service_flag=reason.requires_service_flag,
        not_when_refilled=reason.not_when_refilled,
    )


def checked_reason(uow: UnitOfWork, req: CancelRequest) -> CancellationReason:
    reason = uow.session.get(CancellationReason, req.reason_id)
    if reason is None or not reason.active or reason.is_no_show:
        raise ValidationError(
            translate("cancel", "Choose a cancellation reason from the list."), field="reason"
        )
    if reason.profile not in practice.profile_names(practice.settings(uow)):
        raise ValidationError(
            translate(
                "cancel",
                "“{label}” belongs to the other billing profile; choose one from the list.",
            ).format(label=reason.label),
            field="reason",
        )
    if reason.applies_to != req.cancelled_by:
        raise ValidationError(
            translate(
                "cancel",
                "“{label}” is not a reason for {value} cancellations; choose one from the list.",
            ).format(label=reason.label, value=req.cancelled_by.value),
            field="reason",
        )
    return reason


def check_request(uow: UnitOfWork, starts_at: datetime, req: CancelRequest) -> str:
    """Validate what the wizard collected for a session starting at `starts_at`; the trimmed note."""
    now = uow.now()
    if now >= starts_at:
        raise NotAllowedError(STARTED_USE_DNA)
    checked_moment(req.advised_at, "advised_at", "advised time")
    if req.advised_at > now + FUTURE_TOLERANCE:
        raise ValidationError(
            translate(
                "cancel",
                "The advised time is in the future. Enter when you were told, or press Now.",
            ),
            field="advised_at",
        )
    if req.advised_at > starts_at:
        raise ValidationError(
            translate(
                "cancel",
                "The advised time is after the session start. If the client did not come, mark them as did-not-attend instead.",
            ),
            field="advised_at",
        )
    note = checked_text(req.note, "note")
    checked_text(req.waiver_reason, "waiver_reason", "reason for the waiver", NOTE_LIMIT)
    if len(note) > NOTE_LIMIT:
        raise ValidationError(
            translate(
                "cancel",
                "The note is {count} characters long; the limit is {note_limit}. Shorten it.",
            ).format(count=len(note), note_limit=NOTE_LIMIT),
            field="note",
        )
    if req.waive:
        require(uow.actor, Permission.WAIVE_CHARGE)
        if not req.waiver_reason.strip():
            raise ValidationError(
                translate("cancel", "Say why the charge is waived."), field="waiver_reason"
            )
    return note


def _targets(session: Session, req: CancelRequest) -> list[Booking]:
    if req.cancelled_by != CancelledBy.CLIENT:
        targets = booked(session)
    elif req.booking_ids:
        targets = chosen_bookings(session, req.booking_ids)
        for b in targets:
            if b.status != BookingStatus.BOOKED:
                raise NotAllowedError(
                    translate(
                        "cancel",
                        "{display_name}'s booking is already {value}; only a booked client can cancel.",
                    ).format(display_name=b.client.display_name, value=b.status.value)
                )
    else:
        targets = booked(session)
        if len(targets) > 1:
            raise ValidationError(
                translate("cancel", "Choose which client cancelled."), field="clients"
            )
    if not targets:
        raise NotAllowedError(translate("cancel", NOBODY_BOOKED))
    return targets


def _place_refilled(session: Session, req: CancelRequest, targets: list[Booking]) -> bool:
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
class _Computed:
    booking: Booking
    decision: ChargeDecision
    charge: ClientCharge


def _compute(
    session: Session,
    req: CancelRequest,
    reason: CancellationReason,
    settings: PracticeSettings,
    cal: PracticeCalendar,
    targets: list[Booking],
) -> list[_Computed]:
    rule = rule_of(reason)
    refilled = _place_refilled(session, req, targets)
    out: list[_Computed] = []
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
        waived = req.waive and d.charge_cents > 0
        unpaid_by = funder_not_paying_fees(b.client) if d.charge_cents > 0 and not waived else None
        if unpaid_by is not None:  # the fee goes to the client, and the working says so
            d = replace(d, explanation=f"{d.explanation} {charged_to_client_sentence(unpaid_by)}")
        charge = ClientCharge(
            booking_id=b.id,
            client_id=b.client_id,
            client_name=b.client.display_name,
            short_notice=d.notice.short_notice,
            charge_cents=0 if waived else d.charge_cents,
            chargeable=d.chargeable,
            waived=waived,
            explanation=d.explanation,
            not_charged_because=(
                f"Waived: {req.waiver_reason.strip()}" if waived else d.not_charged_because
            ),
            claim_type="CANC" if ndis else "",
            reason_code=(
                reason.ndis_reason_code.value if ndis and reason.ndis_reason_code else None
            ),
            bill_to=BILL_TO_CLIENT if unpaid_by is not None else "",
        )
        out.append(_Computed(b, d, charge))
    return out


def _preview_one(uow: UnitOfWork, session: Session, req: CancelRequest) -> CancellationPreview:
    reason = checked_reason(uow, req)
    check_request(uow, session.starts_at, req)
    settings = practice.settings(uow)
    cal = practice.calendar(settings)
    targets = _targets(session, req)
    computed = _compute(session, req, reason, settings, cal, targets)
    topic = TOPIC_BY_WHO[req.cancelled_by]
    messages = [notify.client_message(c.booking.client, topic) for c in computed]
    effect = notify.integration_effect(settings, "cancel")
    notice = computed[0].decision.notice
    return CancellationPreview(
        session_id=session.id,
        session_label=session_label(session, cal.tz),
        starts_at=session.starts_at,
        notice_text=describe_notice(notice.notice),
        working=notice.text,
        days=tuple(DayWorking(d.day, d.counted, d.why) for d in notice.days),
        charges=tuple(c.charge for c in computed),
        messages=(
            *messages,
            PlannedMessage("integration", "", effect.text, not effect.manual_required),
        ),
        integration_effect=effect.text,
        manual_update_required=effect.manual_required,
    )


def preview_cancellation(uow: UnitOfWork, req: CancelRequest) -> CancellationPreview:
    """Everything the review step shows, computed without writing; every series session listed."""
    require(uow.actor, Permission.CANCEL)
    session = load_session(uow, req.session_id, req.expected_version)
    preview = _preview_one(uow, session, req)
    items: list[SeriesItem] = []
    for other, other_req in _series_others(uow, session, req):
        p = _preview_one(uow, other, other_req)
        names = ", ".join(c.client_name for c in p.charges)
        items.append(SeriesItem(other.id, other.starts_at, names, p.total_charge_cents))
    return replace(
        preview,
        scope=req.scope if session.series_id is not None else SeriesScope.THIS,
        in_series=session.series_id is not None,
        series_items=tuple(items),
    )


def _series_others(
    uow: UnitOfWork, session: Session, req: CancelRequest
) -> list[tuple[Session, CancelRequest]]:
    """The other sessions of the series the chosen scope covers, each with its own request."""
    if req.scope == SeriesScope.THIS or session.series_id is None:
        return []
    client_ids = {b.client_id for b in session.bookings if b.id in set(req.booking_ids)}
    out: list[tuple[Session, CancelRequest]] = []
    for other in series_targets(uow, session, req.scope):
        if other.id == session.id:
            continue
        other_req = _series_request(req, other, client_ids)
        if other_req is not None:
            out.append((other, other_req))
    return out


def _planned(
    uow: UnitOfWork, session: Session, req: CancelRequest
) -> tuple[Target, CancellationReason, str]:
    """What cancelling `req` in `session` writes, checked and decided; with the reason and note."""
    reason = checked_reason(uow, req)
    note = check_request(uow, session.starts_at, req)
    settings = practice.settings(uow)
    targets = _targets(session, req)
    computed = _compute(session, req, reason, settings, practice.calendar(settings), targets)
    notice = computed[0].decision.notice
    waiver = req.waiver_reason.strip()
    leaving = tuple(
        Leaving(
            booking_id=c.booking.id,
            booking_version=c.booking.version,
            contact=notify.Contact.of(c.booking.client),
            short_notice=c.charge.short_notice,
            explanation=c.charge.explanation,
            charge_cents=c.charge.charge_cents,
            waived=c.charge.waived,
            waiver_reason=waiver if c.charge.waived else None,
            claim_type=c.charge.claim_type,
            reason_code=c.charge.reason_code,
            # A waived or zero charge says nothing of a fee.
            fee=notify.fee_sentence(c.charge.charge_cents, c.decision.notice),
            # A place paid up front comes back when nothing is charged; a fee keeps it.
            refund=None
            if c.charge.charge_cents
            else refund_values(c.booking, uow.now(), f"Cancellation of session #{session.id}"),
            **_units(session, c.charge),
        )
        for c in computed
    )
    target = Target(
        before=snapshot(session),
        starts_at=session.starts_at,
        service_name=session.service.name,
        worker_name=session.worker.name,
        support_item=session.service.code,
        gst_code=session.service.gst_code,
        leaving=leaving,
        whole_session=req.cancelled_by != CancelledBy.CLIENT
        or len(targets) == len(booked(session)),
        notice_minutes=max(0, int(notice.notice.total_seconds() // 60)),
        notice_working=notice.text,
    )
    return target, reason, note


def _units(session: Session, charge: ClientCharge) -> dict[str, Any]:
    """The charge line's quantity and unit price (hours on an hourly item) and its payer."""
    out: dict[str, Any] = {"bill_to": charge.bill_to}
    if session.service.unit == ServiceUnit.HOUR and charge.charge_cents > 0:
        out["quantity"], out["unit_price_cents"] = hourly_units(
            charge.charge_cents, session.service.price_cents, session_hours(session)
        )
    return out


def _refresh(uow: UnitOfWork, sessions: list[Session], planned: list[Target],
             written: list[Written]) -> None:  # fmt: skip
    """The caller's sessions and bookings take the state just written, as a flush leaves them."""
    now = uow.now()
    for session, target, w in zip(sessions, planned, written, strict=True):
        for name, value in (("status", w.status), ("cancelled_by_worker", w.cancelled_by_worker),
                            ("version", w.version), ("updated_at", now)):  # fmt: skip
            set_committed_value(session, name, value)
        leaving = {x.booking_id for x in target.leaving}
        for b in session.bookings:
            if b.id in leaving:
                set_committed_value(b, "status", BookingStatus.CANCELLED)
                set_committed_value(b, "version", b.version + 1)


def cancel(uow: UnitOfWork, req: CancelRequest) -> CancelResult:
    """Cancel per `req` (and the rest of its series per `req.scope`) in this transaction."""
    require(uow.actor, Permission.CANCEL)
    session = load_session(uow, req.session_id, req.expected_version)
    others = _series_others(uow, session, req)
    target, reason, note = _planned(uow, session, req)
    planned = [target, *(_planned(uow, other, other_req)[0] for other, other_req in others)]
    sessions = [session, *(other for other, _r in others)]
    act = Act(
        cancelled_by=req.cancelled_by,
        reason=reason,
        advised_at=req.advised_at,
        note=note,
        topic=TOPIC_BY_WHO[req.cancelled_by],
        settings=practice.settings(uow),
        tz=practice.time_zone(uow),
        waive=req.waive,
        series=bool(others),
    )
    clients = {b.client_id for s in sessions for b in s.bookings}
    written = write_cancellations(uow, act, planned)
    _refresh(uow, sessions, planned, written)
    free: tuple[FreeWorker, ...] = ()
    if req.cancelled_by == CancelledBy.WORKER:
        free = tuple(
            free_workers(
                uow,
                session.starts_at,
                session.ends_at,
                service_id=session.service_id,
                exclude_worker_id=session.worker_id,
            )
        )
    effect = notify.integration_effect(act.settings, "cancel")
    return CancelResult(
        cancellation_ids=tuple(w.cancellation_id for w in written),
        session_status=written[0].status,
        total_charge_cents=sum(w.charge_cents for w in written),
        sd_ids=tuple(i for w in written for i in w.sd_ids),
        manual_update_required=effect.manual_required,
        changes=ChangeSet(
            frozenset(s.id for s in sessions), frozenset(clients), frozenset({"cancel"})
        ),
        free_workers=free,
    )


def _series_request(
    req: CancelRequest, other: Session, client_ids: set[int]
) -> CancelRequest | None:
    """The same cancellation applied to another session of the series, or None if nothing applies."""
    if req.cancelled_by == CancelledBy.CLIENT and client_ids:
        ids = tuple(b.id for b in booked(other) if b.client_id in client_ids)
        if not ids:
            return None
    else:
        ids = ()
        if not booked(other):
            return None
    return CancelRequest(
        session_id=other.id,
        cancelled_by=req.cancelled_by,
        advised_at=req.advised_at,
        reason_id=req.reason_id,
        booking_ids=ids,
        note=req.note,
        waive=req.waive,
        waiver_reason=req.waiver_reason,
    )


def cancel_booking(uow: UnitOfWork, req: CancelRequest) -> CancelResult:
    """Client-initiated: the chosen clients cancel; the others in a group stay booked."""
    if req.cancelled_by != CancelledBy.CLIENT:
        raise ValidationError("cancel_booking is for client cancellations.")
    return cancel(uow, req)


def cancel_session_by_worker(uow: UnitOfWork, req: CancelRequest) -> CancelResult:
    """The worker cancels: the whole session for every client, never charged; offers free workers."""
    if req.cancelled_by != CancelledBy.WORKER:
        raise ValidationError("cancel_session_by_worker is for worker cancellations.")
    return cancel(uow, req)


def reasons_for(uow: UnitOfWork, who: CancelledBy) -> list[tuple[int, str]]:
    """Active reasons of the practice's profile for `who`, in their order."""
    profiles = practice.profile_names(practice.settings(uow))
    rows = uow.session.execute(
        select(CancellationReason.id, CancellationReason.label)
        .where(
            CancellationReason.applies_to == who,
            CancellationReason.active.is_(True),
            CancellationReason.is_no_show.is_(False),
            CancellationReason.profile.in_(profiles),
        )
        .order_by(CancellationReason.sort_order, CancellationReason.id)
    )
    return [(r.id, r.label) for r in rows]


def _apply_request(
    uow: UnitOfWork,
    session_id: int,
    reason_id: int,
    note: str,
    advised_at: datetime | None,
    expected_version: int | None,
) -> CancelRequest:
    """The delete dialog's other choice as a cancellation: every booked client, advised when the
    dialog says (now when it says nothing); checked by the cancel service as the wizard's is."""
    reason = uow.session.get(CancellationReason, reason_id)
    if reason is None:
        raise ValidationError(
            translate("cancel", "Choose a cancellation reason from the list."), field="reason"
        )
    session = load_session(uow, session_id, expected_version)
    return CancelRequest(
        session_id=session_id,
        cancelled_by=reason.applies_to,
        advised_at=uow.now() if advised_at is None else advised_at,
        reason_id=reason_id,
        booking_ids=tuple(b.id for b in booked(session)),
        note=note,
        expected_version=expected_version,
    )


def preview_apply_cancellation(
    uow: UnitOfWork,
    session_id: int,
    reason_id: int,
    note: str = "",
    *,
    advised_at: datetime | None = None,
    expected_version: int | None = None,
) -> CancellationPreview:
    """What applying a cancellation with `reason`, advised at `advised_at` (default now), would
    charge each client, without writing."""
    return preview_cancellation(
        uow, _apply_request(uow, session_id, reason_id, note, advised_at, expected_version)
    )


def apply_cancellation(
    uow: UnitOfWork,
    session_id: int,
    reason_id: int,
    note: str = "",
    *,
    advised_at: datetime | None = None,
    expected_version: int | None = None,
) -> CancelResult:
    """The delete dialog's other choice: cancel every booked client with `reason`, advised at
    `advised_at` (default now); the money stays."""
    return cancel(
        uow, _apply_request(uow, session_id, reason_id, note, advised_at, expected_version)
    )
