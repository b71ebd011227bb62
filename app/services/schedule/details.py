"""Reads for the window: one session's full details and the change marker.

The schedule's blocks are read by schedule_blocks.load_schedule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import TextClause, select, text

from app.db import UnitOfWork
from app.errors import NotFoundError
from app.i18n import translate
from app.models import (
    AuditEvent,
    Cancellation,
    CancellationReason,
    ClinicalNote,
    ServiceDelivered,
    Session,
    User,
)
from app.models.billing import invoiced_as
from app.models.enums import BookingStatus
from app.models.lifecycle import SessionFacts
from app.services.dto import SessionBlock
from app.services.money.insurance import ClaimLine, session_claims
from app.services.money.payments import MoneyLine, session_money
from app.services.schedule import sql as schedule_sql
from app.services.schedule.blocks import load_schedule
from app.services.sessions.dna_undo import TakeBackBlocker, take_back_blockers
from app.services.sessions.undo import undo_refusals
from app.services.sms.offer_state import OfferState, offer_states
from app.services.sms.reminder_state import reminder_state


@dataclass(frozen=True)
class CancellationLineInfo:
    client_name: str
    short_notice: bool
    charge_cents: int
    waived: bool
    waiver_reason: str | None
    explanation: str
    withdrawn_reason: str | None = None  # the charge was withdrawn afterwards, and why
    waived_cents: int = 0  # what a waived charge would have been


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
    whole_session: bool = False  # the session cancelled as a whole, not some of its clients
    undo_blocker: str | None = None  # standing, but why it can't be undone now, if it can't


def undo_choices(cancellations: Sequence[CancellationInfo]) -> tuple[CancellationInfo, ...]:
    """The standing cancellations the desk may choose to undo, oldest first: the clients of a
    group who cancelled apart each have theirs; a session cancelled as a whole (the latest) is
    restored first, before anyone's own cancellation."""
    standing = [c for c in cancellations if c.undone_at is None]
    if not standing or standing[-1].whole_session:
        return tuple(standing[-1:])
    return tuple(c for c in standing if not c.whole_session)


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
    invoiced: str = ""  # "plan" or "self": invoiced, never in the NDIS claim file


# A payment or adjustment of the session (payments' own row type: one home for both).
MoneyInfo = MoneyLine
# An insurer or funder billing of the session.
ClaimInfo = ClaimLine


@dataclass(frozen=True)
class NoteInfo:
    id: int
    body: str
    finalized: bool
    created_at: datetime
    author: str = ""
    updated_at: datetime | None = None
    finalized_at: datetime | None = None
    finalized_by: str | None = None


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
    claims: tuple[ClaimInfo, ...] = ()
    offers: tuple[OfferState, ...] = ()  # the freed place's waitlist offers, latest round
    # Per booking: "Reminder sent …", "Reminder queued for …" or "Confirmed …".
    reminders: tuple[tuple[int, str], ...] = ()
    # Did-not-attend bookings whose no-show charge was waived: what it would have been, and why.
    no_show_waivers: tuple[NoShowWaiver, ...] = ()
    # Did-not-attend bookings whose mark can't be taken back (their charge extracted), and why.
    take_back_blockers: tuple[TakeBackBlocker, ...] = ()


@dataclass(frozen=True)
class NoShowWaiver:
    booking_id: int
    waived_cents: int
    reason: str


def session_facts(uow: UnitOfWork, session_id: int) -> SessionFacts:
    """The guards' view of one session (used by the context menu and the services alike)."""
    return session_details(uow, session_id).facts


def _facts(
    block: SessionBlock,
    open_cancellations: int,
    by_worker: bool,
    undo_blocker: str | None = None,
    take_back_blocker: str | None = None,
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
        take_back_blocker=take_back_blocker,
    )


def session_details(uow: UnitOfWork, session_id: int) -> SessionDetails:
    """Bookings, cancellation history (undone too), SDs, money, notes, insurer billing, audit."""
    session, block = _session_and_block(uow, session_id)
    names = {b.booking_id: b.client_name for b in block.clients}
    users = {r[0]: r[1] for r in uow.session.execute(select(User.id, User.full_name))}
    cancellations = tuple(_cancellation_infos(uow, session_id, names, users))
    choices = undo_choices(cancellations)
    # Undo stays open while any can be undone; greyed, it says why the latest can't.
    undoable = not choices or any(c.undo_blocker is None for c in choices)
    blocker = None if undoable else choices[-1].undo_blocker
    open_count = sum(1 for c in cancellations if c.undone_at is None)
    kept = tuple(take_back_blockers(uow, session_id))
    # Take back stays open while any mark can be; greyed, it says why none can.
    marked = block.count(BookingStatus.DNA)
    take_back_blocker = kept[-1].reason if kept and len(kept) >= marked else None
    invoiced = {b.id: invoiced_as(b.client.funding, b.client.ndis_management)
                for b in session.bookings}  # fmt: skip
    sds = _sd_infos(uow, session_id, names, invoiced)
    money = session_money(uow, session_id)
    notes = _note_infos(uow, session_id, users)
    audit = _audit_infos(uow, session_id)
    replaced_by = tuple(
        uow.session.scalars(select(Session.id).where(Session.replacement_of_id == session_id))
    )
    return SessionDetails(
        block,
        _facts(block, open_count, session.cancelled_by_worker, blocker, take_back_blocker),
        session.replacement_of_id,
        replaced_by,
        cancellations,
        sds,
        money,
        notes,
        audit,
        session_claims(uow, session_id),
        tuple(offer_states(uow, session_id)),
        tuple(reminder_state(uow, session_id, [c.booking_id for c in block.clients]).items()),
        tuple(
            NoShowWaiver(b.id, b.no_show_waived_cents, b.no_show_waiver_reason or "")
            for b in session.bookings
            if b.status == BookingStatus.DNA and b.no_show_waived
        ),
        kept,
    )


def _session_and_block(uow: UnitOfWork, session_id: int) -> tuple[Session, SessionBlock]:
    """The session, and its block as the schedule reads it; refused when it is gone."""
    session = uow.session.get(Session, session_id)
    if session is None:
        raise NotFoundError(
            translate(
                "sessions",
                "This session no longer exists; it may have been deleted at another desk.",
            )
        )
    block = next(
        b
        for b in load_schedule(uow, session.starts_at, session.ends_at, [session.worker_id])
        if b.id == session_id
    )
    return session, block


def _sd_infos(
    uow: UnitOfWork, session_id: int, names: dict[int, str], invoiced: dict[int, str]
) -> tuple[SdInfo, ...]:
    """The session's SDs (billing lines), oldest first, each with its client's name and whether
    that client is invoiced instead of claimed for."""
    return tuple(
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
            invoiced.get(sd.booking_id, ""),
        )
        for sd in uow.session.scalars(
            select(ServiceDelivered)
            .where(ServiceDelivered.session_id == session_id)
            .order_by(ServiceDelivered.id)
        )
    )


def _note_infos(uow: UnitOfWork, session_id: int, users: dict[int, str]) -> tuple[NoteInfo, ...]:
    """The session's clinical notes, oldest first, with who wrote and who finalized them."""
    return tuple(
        NoteInfo(
            n.id,
            n.body,
            n.finalized,
            n.created_at,
            users.get(n.author_id, "?"),
            n.updated_at,
            n.finalized_at,
            users.get(n.finalized_by_id or n.author_id, "?") if n.finalized else None,
        )
        for n in uow.session.scalars(
            select(ClinicalNote)
            .where(ClinicalNote.session_id == session_id)
            .order_by(ClinicalNote.id)
        )
    )


def _audit_infos(uow: UnitOfWork, session_id: int) -> tuple[AuditInfo, ...]:
    """The audit events about the session, oldest first."""
    return tuple(
        AuditInfo(e.id, e.occurred_at, e.username, e.action, e.outcome)
        for e in uow.session.scalars(
            select(AuditEvent).where(AuditEvent.session_id == session_id).order_by(AuditEvent.id)
        )
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
    refusals = undo_refusals(uow, session_id)
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
                line.withdrawn_reason,
                line.waived_cents,
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
                c.whole_session,
                refusals.get(c.id),
            )
        )
    return out


def change_marker(uow: UnitOfWork) -> int:
    """Grows with every committed change (each writes an audit event): desks poll it to refresh."""
    return int(uow.session.connection().scalar(_marker_stmt()) or 0)


@cache
def _marker_stmt() -> TextClause:
    # On the connection: every desk asks every few seconds, and with every schedule load.
    return text(schedule_sql.MARKER)
