"""Reads for the window: the schedule's blocks and one session's full details."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, func, select, type_coerce

from app.db import UnitOfWork
from app.models import (
    Adjustment,
    AuditEvent,
    Booking,
    Cancellation,
    CancellationReason,
    Client,
    ClinicalNote,
    Location,
    Payment,
    Service,
    ServiceDelivered,
    Session,
    User,
    Worker,
)
from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.models.lifecycle import UNDO_EXTRACTED, SessionFacts
from app.services.dto import BookingInfo, SessionBlock
from app.services.errors import NotFoundError


def load_schedule(
    uow: UnitOfWork, start: datetime, end: datetime, worker_ids: Sequence[int] | None = None
) -> list[SessionBlock]:
    """Every session overlapping [start, end) with its clients, in two indexed queries.

    A hot path (every week the desk shows, ~1,700 sessions at a large practice): times and
    statuses are read raw and decoded here once per distinct value, and the frozen DTOs are
    filled directly, which together take a third of the time the column types and dataclass
    __init__ would.
    """
    s = Session.__table__.c
    w = Worker.__table__.c
    sv = Service.__table__.c
    loc = Location.__table__.c
    stmt = (
        select(
            s.id,
            s.version,
            s.worker_id,
            w.name,
            sv.code,
            sv.name,
            sv.colour,
            loc.name,
            _raw(s.starts_at),
            _raw(s.ends_at),
            _raw(s.status),
            _raw(s.kind),
            s.capacity,
            s.price_cents,
            s.series_id,
        )
        .select_from(Session.__table__)
        .join(Worker.__table__, w.id == s.worker_id)
        .join(Service.__table__, sv.id == s.service_id)
        .outerjoin(Location.__table__, loc.id == s.location_id)
        .where(s.starts_at < end, s.starts_at >= start - MAX_SESSION_LENGTH)
        .where(s.ends_at > start)
        .order_by(s.starts_at, s.id)
    )
    if worker_ids:
        stmt = stmt.where(s.worker_id.in_(worker_ids))
    rows = uow.session.execute(stmt).all()
    if not rows:
        return []
    return _blocks(rows, _clients_of(uow, start, end, worker_ids))


def _blocks(rows: Sequence[Any], clients: dict[int, list[BookingInfo]]) -> list[SessionBlock]:
    """SessionBlocks from the rows of load_schedule's query.

    Each frozen DTO is made without its generated __init__ (one object.__setattr__ per field)
    by filling its __dict__ in one update: the same object as SessionBlock(...) for equality,
    hash and repr. Only here, and only with every field given.
    """
    new, cls, none = object.__new__, SessionBlock, ()
    status_of, kind_of, clients_of = _SESSION_STATUS, _SESSION_KIND, clients.get
    times: dict[Any, datetime] = {}
    seen = times.get
    out = []
    for (
        sid,
        version,
        wid,
        wname,
        code,
        sname,
        colour,
        where,
        s0,
        s1,
        st,
        kind,
        cap,
        price,
        ser,
    ) in rows:
        block = new(cls)
        block.__dict__.update(
            id=sid,
            version=version,
            worker_id=wid,
            worker_name=wname,
            service_code=code,
            service_name=sname,
            colour=colour,
            location=where or "",
            starts_at=seen(s0) or _remember(times, s0),
            ends_at=seen(s1) or _remember(times, s1),
            status=status_of[st],
            kind=kind_of[kind],
            capacity=cap,
            price_cents=price,
            series_id=ser,
            clients=tuple(clients_of(sid, none)),
        )
        out.append(block)
    return out


def _clients_of(
    uow: UnitOfWork, start: datetime, end: datetime, worker_ids: Sequence[int] | None
) -> dict[int, list[BookingInfo]]:
    b = Booking.__table__.c
    c = Client.__table__.c
    s = Session.__table__.c
    stmt = (
        select(
            b.session_id, b.id, b.client_id, c.first_name, c.last_name, _raw(b.status), b.version
        )
        .select_from(Booking.__table__)
        .join(Session.__table__, s.id == b.session_id)
        .join(Client.__table__, c.id == b.client_id)
        .where(s.starts_at < end, s.starts_at >= start - MAX_SESSION_LENGTH, s.ends_at > start)
        .order_by(b.session_id, b.id)
    )
    if worker_ids:
        stmt = stmt.where(s.worker_id.in_(worker_ids))
    new, cls, status_of = object.__new__, BookingInfo, _BOOKING_STATUS  # as in _blocks
    out: dict[int, list[BookingInfo]] = {}
    for sid, bid, cid, first, last, status, version in uow.session.execute(stmt).all():
        info = new(cls)
        info.__dict__.update(
            booking_id=bid,
            client_id=cid,
            client_name=f"{first} {last}",
            status=status_of[status],
            version=version,
        )
        found = out.get(sid)
        if found is None:
            out[sid] = [info]
        else:
            found.append(info)
    return out


def _raw(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The column's stored value, without its type's result processing."""
    return type_coerce(column, String)


def _utc(value: str | datetime) -> datetime:
    """A stored UTC time as an aware datetime, as UTCDateTime returns it (SQLite gives text)."""
    if isinstance(value, str):
        return datetime.fromisoformat(f"{value}+00:00")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _remember(times: dict[Any, datetime], value: str | datetime) -> datetime:
    """_utc once per distinct stored time: a week's ~1,700 sessions start at ~100 times."""
    found = times[value] = _utc(value)
    return found


_SESSION_STATUS: dict[str, SessionStatus] = {m.value: m for m in SessionStatus}
_SESSION_KIND: dict[str, SessionKind] = {m.value: m for m in SessionKind}
_BOOKING_STATUS: dict[str, BookingStatus] = {m.value: m for m in BookingStatus}

# Sessions are shorter than this; bounds the range scan on starts_at.
MAX_SESSION_LENGTH = timedelta(hours=24)


@dataclass(frozen=True)
class CancellationLineInfo:
    client_name: str
    short_notice: bool
    charge_cents: int
    waived: bool
    waiver_reason: str | None
    explanation: str


@dataclass(frozen=True)
class CancellationInfo:
    id: int
    cancelled_by: str
    reason: str
    advised_at: datetime
    recorded_at: datetime
    notice_minutes: int
    working: str
    note: str
    actor: str
    undone_at: datetime | None
    undone_by: str | None
    undo_reason: str | None
    lines: tuple[CancellationLineInfo, ...]


@dataclass(frozen=True)
class SdInfo:
    id: int
    client_name: str
    kind: str
    support_item: str
    claim_type: str
    reason_code: str | None
    quantity: str
    amount_cents: int
    extracted_at: datetime | None


@dataclass(frozen=True)
class MoneyInfo:
    id: int
    kind: str  # payment | adjustment
    client_name: str
    amount_cents: int
    posted_at: datetime
    detail: str


@dataclass(frozen=True)
class NoteInfo:
    id: int
    body: str
    finalized: bool
    created_at: datetime


@dataclass(frozen=True)
class AuditInfo:
    id: int
    occurred_at: datetime
    username: str
    action: str
    outcome: str


@dataclass(frozen=True)
class SessionDetails:
    block: SessionBlock
    facts: SessionFacts
    replacement_of_id: int | None
    replaced_by: tuple[int, ...]
    cancellations: tuple[CancellationInfo, ...]
    sds: tuple[SdInfo, ...]
    money: tuple[MoneyInfo, ...]
    notes: tuple[NoteInfo, ...]
    audit: tuple[AuditInfo, ...]


def session_facts(uow: UnitOfWork, session_id: int) -> SessionFacts:
    """The guards' view of one session (used by the context menu and the services alike)."""
    return session_details(uow, session_id).facts


def _facts(
    block: SessionBlock, open_cancellations: int, by_worker: bool, undo_blocker: str | None = None
) -> SessionFacts:
    return SessionFacts(
        status=block.status,
        starts_at=block.starts_at,
        booked=block.count(BookingStatus.BOOKED),
        cancelled=block.count(BookingStatus.CANCELLED),
        attended=block.count(BookingStatus.ATTENDED),
        dna=block.count(BookingStatus.DNA),
        open_cancellations=open_cancellations,
        cancelled_by_worker=by_worker,
        undo_blocker=undo_blocker,
    )


def session_details(uow: UnitOfWork, session_id: int) -> SessionDetails:
    """Bookings, cancellation history (undone too), SDs, money, notes and the audit trail."""
    session = uow.session.get(Session, session_id)
    if session is None:
        raise NotFoundError(
            "This session no longer exists; it may have been deleted at another desk."
        )
    block = next(
        b
        for b in load_schedule(uow, session.starts_at, session.ends_at, [session.worker_id])
        if b.id == session_id
    )
    names = {b.booking_id: b.client_name for b in block.clients}
    client_names = {b.client_id: b.client_name for b in block.clients}
    users = {r[0]: r[1] for r in uow.session.execute(select(User.id, User.full_name))}
    cancellations = tuple(_cancellation_infos(uow, session_id, names, users))
    open_count = sum(1 for c in cancellations if c.undone_at is None)
    q = uow.session.scalars
    sds = tuple(
        SdInfo(
            sd.id,
            names.get(sd.booking_id, "?"),
            sd.kind.value,
            sd.support_item,
            sd.claim_type,
            sd.reason_code,
            str(sd.quantity),
            sd.amount_cents,
            sd.extracted_at,
        )
        for sd in q(
            select(ServiceDelivered)
            .where(ServiceDelivered.session_id == session_id)
            .order_by(ServiceDelivered.id)
        )
    )
    money = tuple(
        [
            MoneyInfo(
                p.id,
                "payment",
                client_names.get(p.client_id, "?"),
                p.amount_cents,
                p.posted_at,
                p.method,
            )
            for p in q(select(Payment).where(Payment.session_id == session_id))
        ]
        + [
            MoneyInfo(
                a.id,
                "adjustment",
                client_names.get(a.client_id, "?"),
                a.amount_cents,
                a.posted_at,
                a.kind,
            )
            for a in q(select(Adjustment).where(Adjustment.session_id == session_id))
        ]
    )
    notes = tuple(
        NoteInfo(n.id, n.body, n.finalized, n.created_at)
        for n in q(select(ClinicalNote).where(ClinicalNote.session_id == session_id))
    )
    audit = tuple(
        AuditInfo(e.id, e.occurred_at, e.username, e.action, e.outcome)
        for e in q(
            select(AuditEvent).where(AuditEvent.session_id == session_id).order_by(AuditEvent.id)
        )
    )
    replaced_by = tuple(q(select(Session.id).where(Session.replacement_of_id == session_id)))
    blocker = _undo_blocker(uow, session_id, cancellations)
    return SessionDetails(
        block,
        _facts(block, open_count, session.cancelled_by_worker, blocker),
        session.replacement_of_id,
        replaced_by,
        cancellations,
        sds,
        money,
        notes,
        audit,
    )


def _cancellation_infos(
    uow: UnitOfWork, session_id: int, names: dict[int, str], users: dict[int, str]
) -> list[CancellationInfo]:
    rows = uow.session.execute(
        select(Cancellation, CancellationReason.label)
        .join(CancellationReason, CancellationReason.id == Cancellation.reason_id)
        .where(Cancellation.session_id == session_id)
        .order_by(Cancellation.id)
    ).all()
    out = []
    for c, label in rows:
        lines = tuple(
            CancellationLineInfo(
                names.get(line.booking_id, "?"),
                line.short_notice,
                line.charge_cents,
                line.waived,
                line.waiver_reason,
                line.explanation,
            )
            for line in c.lines
        )
        out.append(
            CancellationInfo(
                c.id,
                c.cancelled_by.value,
                label,
                c.advised_at,
                c.recorded_at,
                c.notice_minutes,
                c.notice_working,
                c.note,
                users.get(c.actor_id, "system"),
                c.undone_at,
                users.get(c.undone_by_id) if c.undone_by_id else None,
                c.undo_reason,
                lines,
            )
        )
    return out


def change_marker(uow: UnitOfWork) -> int:
    """Grows with every committed change (each writes an audit event): desks poll it to refresh."""
    return int(uow.session.scalar(select(func.max(AuditEvent.id))) or 0)


def _undo_blocker(
    uow: UnitOfWork, session_id: int, cancellations: tuple[CancellationInfo, ...]
) -> str | None:
    """The same refusals undo_cancellation makes, for the menu to grey Undo with."""
    open_ = [c for c in cancellations if c.undone_at is None]
    if not open_:
        return None
    extracted = uow.session.scalar(
        select(func.count(ServiceDelivered.id)).where(
            ServiceDelivered.cancellation_id == open_[-1].id,
            ServiceDelivered.extracted_at.is_not(None),
        )
    )
    if extracted:
        return UNDO_EXTRACTED
    replacement = uow.session.scalar(
        select(Session.id).where(
            Session.replacement_of_id == session_id, Session.status != SessionStatus.CANCELLED
        )
    )
    if replacement is not None:
        return (
            f"This session was replaced by session #{replacement}. Cancel or delete the "
            "replacement first, so the clients are not booked twice."
        )
    return None
