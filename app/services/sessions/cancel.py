"""Cancel a booking (client), a whole session (worker or practice), and preview either first;
a request is checked by `cancel_checks`, each leaving client's charge decided by `cancel_charges`,
and everything written by `cancel_writer`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import translate
from app.models import Booking, CancellationReason, Session
from app.models.enums import BookingStatus, CancelledBy, PaidWith
from app.models.notice_text import describe_notice
from app.services import practice
from app.services.auth import Permission, require
from app.services.dto import (
    CancellationPreview,
    CancelRequest,
    CancelResult,
    ChangeSet,
    DayWorking,
    FreeWorker,
    PlannedMessage,
    SeriesItem,
    SeriesScope,
)
from app.services.money.refunds import refund_values, spent_from
from app.services.outbox import notify
from app.services.sessions.cancel_charges import charge_units, compute_charges
from app.services.sessions.cancel_checks import check_request, checked_reason, leaving_bookings
from app.services.sessions.cancel_writer import Act, Leaving, Target, Written, write_cancellations
from app.services.sessions.common import booked, load_session, session_label, snapshot
from app.services.sessions.scheduling import free_workers, series_targets

TOPIC_BY_WHO = {
    CancelledBy.CLIENT: "cancel",
    CancelledBy.WORKER: "cancel_worker",
    CancelledBy.PRACTICE: "cancel_practice",
}


def _preview_one(uow: UnitOfWork, session: Session, req: CancelRequest) -> CancellationPreview:
    reason = checked_reason(uow, req)
    check_request(uow, session.starts_at, req)
    settings = practice.settings(uow)
    cal = practice.calendar(settings)
    targets = leaving_bookings(session, req)
    computed = compute_charges(session, req, reason, settings, cal, targets)
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


def _pack_expiry(uow: UnitOfWork, req: CancelRequest, booking: Booking) -> date | None:
    """The expiry a credit given back keeps: its pack's when the client cancelled; none when the
    practice or the worker cancelled the class."""
    if CancelledBy(req.cancelled_by) != CancelledBy.CLIENT or booking.paid_with != PaidWith.CREDITS:
        return None
    return spent_from(uow, booking.id)


def _planned(
    uow: UnitOfWork, session: Session, req: CancelRequest
) -> tuple[Target, CancellationReason, str]:
    """What cancelling `req` in `session` writes, checked and decided; with the reason and note."""
    reason = checked_reason(uow, req)
    note = check_request(uow, session.starts_at, req)
    settings = practice.settings(uow)
    targets = leaving_bookings(session, req)
    computed = compute_charges(session, req, reason, settings, practice.calendar(settings), targets)
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
            waived_cents=c.charge.waived_cents,
            claim_type=c.charge.claim_type,
            reason_code=c.charge.reason_code,
            # A waived or zero charge says nothing of a fee.
            fee=notify.fee_sentence(c.charge.charge_cents, c.decision.notice),
            # A place paid up front comes back when nothing is charged; a fee keeps it.
            refund=None
            if c.charge.charge_cents
            else refund_values(
                c.booking,
                uow.now(),
                f"Cancellation of session #{session.id}",
                expires_on=_pack_expiry(uow, req, c.booking),
            ),
            **charge_units(session, c.charge),
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
