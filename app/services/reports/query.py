"""The cancellation report's reads: detail rows, bookings in range and refunds, in Core queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, func, or_, select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import (
    Booking,
    Cancellation,
    CancellationLine,
    CancellationReason,
    Client,
    CreditEntry,
    Service,
    ServiceDelivered,
    Session,
    Worker,
)
from app.models.billing import invoiced_as
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    Funding,
    LedgerKind,
    SdKind,
)
from app.services.boundary import period_bounds
from app.services.reports.model import DetailRow, ReportFilters, RowKind
from app.services.sessions.attendance import no_show_reason

S = TypeVar("S", bound="Select[*tuple[Any, ...]]")

_cl = CancellationLine.__table__.c
_c = Cancellation.__table__.c
_b = Booking.__table__.c
_s = Session.__table__.c
_cli = Client.__table__.c
_w = Worker.__table__.c
_sv = Service.__table__.c
_r = CancellationReason.__table__.c
_sd = ServiceDelivered.__table__.c
_led = CreditEntry.__table__.c


def _scope(stmt: S, f: ReportFilters, start: datetime, end: datetime) -> S:
    """The filters every part of the report shares: period, worker, service, client."""
    stmt = stmt.where(_s.starts_at >= start, _s.starts_at < end)
    if f.worker_id is not None:
        stmt = stmt.where(_s.worker_id == f.worker_id)
    if f.service_id is not None:
        stmt = stmt.where(_s.service_id == f.service_id)
    if f.client_id is not None:
        stmt = stmt.where(_b.client_id == f.client_id)
    return stmt


def _cancellation_rows(
    uow: UnitOfWork, f: ReportFilters, start: datetime, end: datetime
) -> list[DetailRow]:
    stmt = _scope(_cancellation_lines(), f, start, end)
    if f.reason_id is not None:
        stmt = stmt.where(_c.reason_id == f.reason_id)
    if f.cancelled_by is not None:
        stmt = stmt.where(_c.cancelled_by == f.cancelled_by)
    return [_cancellation_row(r) for r in uow.session.execute(stmt)]


def _cancellation_lines() -> Select[Any]:
    """Each cancellation line with what its row shows, in the columns `_cancellation_row` reads:
    the cancellation, booking, session, client, worker, service, reason, the charge's SD and
    whether the charge was withdrawn since."""
    return (
        select(
            _s.id,
            _s.starts_at,
            _sv.code,
            _sv.name,
            _b.client_id,
            _cli.first_name,
            _cli.last_name,
            _s.worker_id,
            _w.name,
            _c.cancelled_by,
            _c.advised_at,
            _c.notice_minutes,
            _cl.short_notice,
            _c.reason_id,
            _r.label,
            _c.note,
            _cl.charge_cents,
            _cl.waived,
            _cl.waived_cents,
            _sd.id,
            _c.id,
            _c.undone_at,
            _sd.bill_to,
            _sd.extracted_at,
            _cli.funding,
            _cl.withdrawn_at,
            _cl.withdrawn_reason,
            _sd.support_item,
            _cli.ndis_management,
        )
        .select_from(CancellationLine.__table__)
        .join(Cancellation.__table__, _c.id == _cl.cancellation_id)
        .join(Booking.__table__, _b.id == _cl.booking_id)
        .join(Session.__table__, _s.id == _c.session_id)
        .join(Client.__table__, _cli.id == _b.client_id)
        .join(Worker.__table__, _w.id == _s.worker_id)
        .join(Service.__table__, _sv.id == _s.service_id)
        .join(CancellationReason.__table__, _r.id == _c.reason_id)
        .outerjoin(
            ServiceDelivered.__table__,
            # The charge's own line; a reversing line written after a refill is not a second row.
            and_(
                _sd.cancellation_id == _c.id,
                _sd.booking_id == _cl.booking_id,
                _sd.reverses_id.is_(None),
            ),
        )
    )


def _cancellation_row(r: Any) -> DetailRow:
    waived = bool(r[17])
    # A charge withdrawn afterwards (its place was refilled) has no SD left: nothing is charged,
    # and the note says why.
    withdrawn = r[25] is not None
    note = "; ".join(text for text in (r[15], r[26] if withdrawn else None) if text)
    return DetailRow(
        kind=RowKind.CANCELLATION,
        session_id=r[0],
        starts_at=r[1],
        service_code=r[2],
        service_name=r[3],
        client_id=r[4],
        client_name=f"{r[5]} {r[6]}",
        worker_id=r[7],
        worker_name=r[8],
        cancelled_by=CancelledBy(r[9]),
        advised_at=r[10],
        notice_minutes=r[11],
        short_notice=bool(r[12]),
        reason_id=r[13],
        reason=r[14],
        note=note,
        charge_cents=0 if withdrawn else r[16] or 0,
        waived=waived,
        waived_cents=(r[18] or 0) if waived else 0,
        sd_id=r[19],
        cancellation_id=r[20],
        undone=r[21] is not None,
        bill_to=r[22] or "",
        sd_extracted_at=r[23],
        ndis=_claimed_funding(r[24], r[28]),
        invoiced=invoiced_as(r[24], r[28]),
        sd_item=r[27],
    )


@dataclass(frozen=True)
class _NoShowReason:
    id: int | None
    label: str


def _no_show_rows(
    uow: UnitOfWork, f: ReportFilters, start: datetime, end: datetime
) -> list[DetailRow]:
    reason_row = no_show_reason(uow)
    reason = _NoShowReason(
        reason_row.id if reason_row else None,
        reason_row.label if reason_row else "Did not attend",
    )
    if f.cancelled_by not in (None, CancelledBy.CLIENT):
        return []
    if f.reason_id is not None and f.reason_id != reason.id:
        return []
    stmt = (
        select(
            _s.id,
            _s.starts_at,
            _sv.code,
            _sv.name,
            _b.client_id,
            _cli.first_name,
            _cli.last_name,
            _s.worker_id,
            _w.name,
            _sd.id,
            _sd.amount_cents,
            _sd.bill_to,
            _sd.extracted_at,
            _cli.funding,
            _b.no_show_waived,
            _b.no_show_waived_cents,
            _b.no_show_waiver_reason,
            _sd.support_item,
            _cli.ndis_management,
        )
        .select_from(Booking.__table__)
        .join(Session.__table__, _s.id == _b.session_id)
        .join(Client.__table__, _cli.id == _b.client_id)
        .join(Worker.__table__, _w.id == _s.worker_id)
        .join(Service.__table__, _sv.id == _s.service_id)
        .outerjoin(
            ServiceDelivered.__table__,
            and_(_sd.booking_id == _b.id, _sd.kind == SdKind.NO_SHOW, _sd.reverses_id.is_(None)),
        )
        .where(_b.status == BookingStatus.DNA)
    )
    stmt = _scope(stmt, f, start, end)
    return [_no_show_row(r, reason) for r in uow.session.execute(stmt)]


def _no_show_row(r: Any, reason: _NoShowReason) -> DetailRow:
    waived = bool(r[14])
    return DetailRow(
        kind=RowKind.NO_SHOW,
        session_id=r[0],
        starts_at=r[1],
        service_code=r[2],
        service_name=r[3],
        client_id=r[4],
        client_name=f"{r[5]} {r[6]}",
        worker_id=r[7],
        worker_name=r[8],
        cancelled_by=CancelledBy.CLIENT,
        advised_at=None,
        notice_minutes=None,
        short_notice=True,
        reason_id=reason.id,
        reason=reason.label,
        # A waived no-show's note says why, as a waived cancellation's working does.
        note=translate("report", "Waived: {why}").format(why=r[16] or "—") if waived else "",
        charge_cents=r[10] or 0,
        waived=waived,
        waived_cents=(r[15] or 0) if waived else 0,
        sd_id=r[9],
        cancellation_id=None,
        undone=False,
        bill_to=r[11] or "",
        sd_extracted_at=r[12],
        ndis=_claimed_funding(r[13], r[18]),
        invoiced=invoiced_as(r[13], r[18]),
        sd_item=r[17],
    )


def detail_rows(uow: UnitOfWork, f: ReportFilters, tz: ZoneInfo) -> list[DetailRow]:
    """Every cancellation line (undone ones too) and every did-not-attend, in session order.

    Undone cancellations are always read: the summary counts them as undone. Whether the
    detail lists them is the report's choice (`CancellationReport.shown_rows`).
    """
    start, end = period_bounds(f.date_from, f.date_to, tz)
    rows = _cancellation_rows(uow, f, start, end) + _no_show_rows(uow, f, start, end)
    rows.sort(key=lambda r: (r.starts_at, r.session_id, r.client_name, r.cancellation_id or 0))
    return rows


def booking_count(uow: UnitOfWork, f: ReportFilters, tz: ZoneInfo) -> int:
    """All bookings of the sessions in range (any status): the rates' denominator."""
    start, end = period_bounds(f.date_from, f.date_to, tz)
    stmt = (
        select(func.count(_b.id))
        .select_from(Booking.__table__)
        .join(Session.__table__, _s.id == _b.session_id)
    )
    return int(uow.session.scalar(_scope(stmt, f, start, end)) or 0)


def _refunded_by_chosen(f: ReportFilters) -> Any:
    """A ledger line given back (or taken back) by a cancellation of the reason and "cancelled
    by" chosen: the cancellation the line names; a line written before lines named theirs (and
    that the upgrade could not tie to one) by its booking's cancellations of the same bulk job,
    or of none."""
    chosen = select(_c.id)
    if f.reason_id is not None:
        chosen = chosen.where(_c.reason_id == f.reason_id)
    if f.cancelled_by is not None:
        chosen = chosen.where(_c.cancelled_by == f.cancelled_by)
    untied = (
        chosen.join(CancellationLine.__table__, _c.id == _cl.cancellation_id)
        .where(
            _cl.booking_id == _led.booking_id,
            or_(
                _c.bulk_job_id == _led.bulk_job_id,
                and_(_c.bulk_job_id.is_(None), _led.bulk_job_id.is_(None)),
            ),
        )
        .exists()
    )
    return or_(
        _led.cancellation_id.in_(chosen),
        and_(_led.cancellation_id.is_(None), untied),
    )


@dataclass(frozen=True)
class Refunds:
    """Credit-ledger refunds for bookings in range, net of refunds later reversed."""

    count: int
    credits: int
    cents: int


def refunds(uow: UnitOfWork, f: ReportFilters, tz: ZoneInfo) -> Refunds:
    """Refund lines (and their reversals) on the bookings of the sessions in range; with a reason
    or "cancelled by" chosen, only those of the cancellations it chooses."""
    start, end = period_bounds(f.date_from, f.date_to, tz)
    stmt = (
        select(_led.kind, func.count(_led.id), func.sum(_led.credits), func.sum(_led.amount_cents))
        .select_from(CreditEntry.__table__)
        .join(Booking.__table__, _b.id == _led.booking_id)
        .join(Session.__table__, _s.id == _b.session_id)
        .where(_led.kind.in_([LedgerKind.REFUND, LedgerKind.REFUND_REVERSAL]))
        .group_by(_led.kind)
    )
    if f.reason_id is not None or f.cancelled_by is not None:
        stmt = stmt.where(_refunded_by_chosen(f))
    count = credits = cents = 0
    for kind, n, cr, amount in uow.session.execute(_scope(stmt, f, start, end)):
        sign = 1 if LedgerKind(kind) == LedgerKind.REFUND else -1
        count += sign * int(n)
        credits += int(cr or 0)
        # Purchase refunds are negative money moved back to the client.
        cents -= int(amount or 0)
    return Refunds(max(count, 0), credits, cents)


def _claimed_funding(funding: str, managed: str | None) -> bool:
    """An agency-managed NDIS participant: their SDs go into the NDIS claim file."""
    return funding == Funding.NDIS and not invoiced_as(funding, managed)
