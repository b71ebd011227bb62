"""Change a booked session (time, worker, service, location, clients, capacity) and move it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from app.db import UnitOfWork
from app.errors import NotAllowedError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import (
    Adjustment,
    Booking,
    CancellationLine,
    CreditEntry,
    InsuranceClaim,
    Payment,
    Service,
    ServiceDelivered,
    Session,
)
from app.models.enums import BookingStatus, PaidWith, ServiceUnit, SessionKind, SessionStatus
from app.models.lifecycle import STARTED_EDIT, not_rostered_edit
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import checked_moment
from app.services.dto import ChangeSet, OperationResult
from app.services.money.packs import BookingPayment, check_payments, pay_booking
from app.services.sessions.common import load_session, snapshot, touch
from app.services.sessions.refill import withdraw_refilled_charges
from app.services.sessions.scheduling import (
    reschedule_conflicts,
    reschedule_session,
    slot_conflicts,
)
from app.services.setup.policy import SetupAction, require_setup
from app.services.setup.sessions import SessionDraft, SessionPlan, check_draft
from app.services.sms.offer_round import (
    Closed,
    Superseded,
    close_for_desk_booking,
    close_for_move,
)


@dataclass(frozen=True)
class EditableSession:
    """A session as the edit dialog opens it: the draft, its version and who is fixed."""

    id: int
    version: int
    draft: SessionDraft
    series_id: int | None
    # Clients who cancelled (or attended) stay on the session's record and can't be removed here.
    kept_client_ids: tuple[int, ...]
    kept_names: tuple[str, ...] = ()  # their names, in the same order


@dataclass(frozen=True)
class Moved:
    """A move, with what is needed to move it back."""

    session_id: int
    version: int
    from_start: datetime
    from_worker_id: int
    to_start: datetime
    to_worker_id: int
    result: OperationResult


def _minutes(session: Session) -> int:
    return int((session.ends_at - session.starts_at).total_seconds() // 60)


def session_draft(uow: UnitOfWork, session_id: int) -> EditableSession:
    """The draft the edit dialog starts from; refused when the session can't be changed."""
    s = _editable(uow, session_id, None)
    booked = tuple(b.client_id for b in s.bookings if b.status == BookingStatus.BOOKED)
    left = [b for b in s.bookings if b.status != BookingStatus.BOOKED]
    kept = tuple(b.client_id for b in left)
    paid = tuple(BookingPayment(b.client_id, b.paid_with) for b in s.bookings
                 if b.status == BookingStatus.BOOKED and b.paid_with != PaidWith.INVOICE)  # fmt: skip
    draft = SessionDraft(s.worker_id, s.service_id, s.starts_at, _minutes(s), booked,
                         s.location_id, s.kind, s.capacity, None, s.title, paid)  # fmt: skip
    names = tuple(b.client.display_name for b in left)
    return EditableSession(s.id, s.version, draft, s.series_id, kept, names)


def plan_edit(
    uow: UnitOfWork, session_id: int, draft: SessionDraft, *, expected_version: int | None = None
) -> SessionPlan:
    """What saving the edit would clash with, before saving; a draft that can't be saved (a full
    group, a client who can't be booked, a session another desk changed) is refused first, as
    the save would refuse it."""
    session = _editable(uow, session_id, expected_version)
    check_draft(uow, draft, own=session)
    start = checked_moment(
        draft.starts_at, "start", QT_TRANSLATE_NOOP("fields", "session's start")
    ).astimezone(UTC)
    end = start + timedelta(minutes=draft.minutes)
    assert draft.worker_id is not None
    found = slot_conflicts(uow, draft.worker_id, start, end, draft.client_ids, session.id)
    return SessionPlan((start,), tuple(found))


def _editable(uow: UnitOfWork, session_id: int, version: int | None) -> Session:
    session = load_session(uow, session_id, version)
    # The same sentences grey Edit session… on the schedule (`lifecycle.why_not`).
    if session.status != SessionStatus.ROSTERED:
        raise NotAllowedError(not_rostered_edit(session.status))
    if uow.now() >= session.starts_at:
        raise NotAllowedError(translate("lifecycle", STARTED_EDIT))
    return session


def _history(uow: UnitOfWork, booking_id: int) -> bool:
    """True when a booking has billing history that removing it would destroy."""
    for model in (CancellationLine, ServiceDelivered, CreditEntry):
        count = uow.session.scalar(
            select(func.count()).select_from(model).where(model.booking_id == booking_id)
        )
        if count:
            return True
    return False


def _money_on(uow: UnitOfWork, session_id: int, client_id: int, name: str) -> str | None:
    """Why the client can't be taken off the session: money posted or a claim made for them on
    it (kept against the session and the client, not the booking); None when there is none."""
    claim = uow.session.scalar(
        select(InsuranceClaim.insurer).where(
            InsuranceClaim.session_id == session_id, InsuranceClaim.client_id == client_id
        )
    )
    if claim is not None:
        return translate(
            "setup",
            "{name}'s place in this session was billed to {insurer}, so {name} can't be taken off it; cancel {name}'s booking instead.",
        ).format(name=name, insurer=claim)
    for model in (Payment, Adjustment):
        found = uow.session.scalar(
            select(func.count())
            .select_from(model)
            .where(model.session_id == session_id, model.client_id == client_id)
        )
        if found:
            return translate(
                "setup",
                "{name} has a payment or adjustment on this session, so {name} can't be taken off it; cancel {name}'s booking instead, or have a manager remove the payment first (Remove… in the session's details).",
            ).format(name=name)
    return None


def _apply_clients(uow: UnitOfWork, session: Session, wanted: tuple[int, ...]) -> list[int]:
    """Remove the clients no longer wanted, book the new ones; the new clients' ids."""
    added: list[int] = []
    by_client = {b.client_id: b for b in session.bookings}
    for b in list(session.bookings):
        if b.status == BookingStatus.BOOKED and b.client_id not in wanted:
            money = _money_on(uow, session.id, b.client_id, b.client.display_name)
            if money is not None:
                raise NotAllowedError(money, field="clients")
            if _history(uow, b.id):
                raise NotAllowedError(
                    translate(
                        "setup",
                        "{display_name}'s booking has billing history; cancel it instead of removing it.",
                    ).format(display_name=b.client.display_name)
                )
            session.bookings.remove(b)
    for cid in wanted:
        existing = by_client.get(cid)
        if existing is not None and existing.status != BookingStatus.BOOKED:
            raise NotAllowedError(
                translate(
                    "setup",
                    "{display_name} already has a {value} booking here; undo that cancellation instead of adding them again.",
                ).format(display_name=existing.client.display_name, value=existing.status.value)
            )
        if existing is None:
            session.bookings.append(_new_booking(uow, cid))
            added.append(cid)
    return added


def _new_booking(uow: UnitOfWork, client_id: int) -> Booking:
    """A booking made now; its status set here, since `touch` reads it before any flush."""
    return Booking(client_id=client_id, status=BookingStatus.BOOKED, paid_with=PaidWith.INVOICE,
                   created_at=uow.now())  # fmt: skip


def _apply_fields(session: Session, d: SessionDraft, service: Service) -> None:
    repriced = session.service_id != service.id or _minutes(session) != d.minutes
    session.service_id, session.location_id = service.id, d.location_id
    session.kind, session.capacity, session.title = SessionKind(d.kind), d.capacity, d.title.strip()
    session.ends_at = session.starts_at + timedelta(minutes=d.minutes)
    if repriced:  # the agreed price follows a new service or length, as a new booking would
        hours = d.minutes / 60 if service.unit == ServiceUnit.HOUR else 1
        session.price_cents = round(service.price_cents * hours)


def edit_session(
    uow: UnitOfWork,
    session_id: int,
    draft: SessionDraft,
    *,
    expected_version: int | None = None,
    allow_conflicts: bool = False,
) -> OperationResult:
    """Change one rostered session; a new time or worker is a reschedule (clients notified); a
    new time, worker or service closes the waitlist offers that named the old."""
    require_setup(uow.actor, SetupAction.BOOK_SESSIONS)
    if draft.recurrence is not None:
        raise ValidationError(translate("setup", "Change one session at a time; repeats are set when booking."),
                              field="recurrence")  # fmt: skip
    session = _editable(uow, session_id, expected_version)
    check_draft(uow, draft, own=session)
    assert draft.worker_id is not None and draft.service_id is not None
    start = draft.starts_at.astimezone(UTC)  # UTC: aware local times add as wall clocks
    end = start + timedelta(minutes=draft.minutes)
    warnings = slot_conflicts(uow, draft.worker_id, start, end, draft.client_ids,
                              session.id)  # fmt: skip
    if warnings and not allow_conflicts:
        raise ValidationError(
            "\n".join([translate("setup", "Check these first:"), *warnings]), field="start"
        )
    before = snapshot(session)
    service = uow.session.get(Service, draft.service_id)
    assert service is not None
    changed = _close_for_service(uow, session, service)
    _apply_fields(session, draft, service)
    added = _apply_clients(uow, session, draft.client_ids)
    touch(uow, session)
    uow.session.flush()
    _apply_payments(uow, session, draft, start)
    audit.record(uow, "session.edit", "session", session.id, session_id=session.id,
                 before=before, after=snapshot(session))  # fmt: skip
    withdrawn = [w.sentence() for cid in added
                 for w in withdraw_refilled_charges(uow, session, _client_name(session, cid))]  # fmt: skip
    closed = _close_offers(uow, session, added)
    moved = None
    if start != session.starts_at or draft.worker_id != session.worker_id:
        moved = reschedule_session(uow, session.id, start, worker_id=draft.worker_id,
                                   allow_conflicts=True)  # fmt: skip
    clients = {int(b["client_id"]) for b in before["bookings"]} | set(draft.client_ids)
    offered = closed.texted or changed.offers
    topics = {"sessions"} | ({"offers", "outbox"} if offered else set())
    changes = ChangeSet(frozenset({session.id}), frozenset(clients), frozenset(topics))
    if moved is not None:  # the move closed the offers that named its old time
        changes = changes.merge(ChangeSet(topics=moved.changes.topics & {"offers", "outbox"}))
    said = [*withdrawn, closed.sentence(), changed.sentence(), moved.reminder if moved else None]
    refill = " ".join(part for part in said if part) or None
    message = " ".join([translate("setup", "The session was saved."), refill or ""]).strip()
    return OperationResult(message, changes, session.id, warnings=tuple(warnings),
                           reminder=refill)  # fmt: skip


def _close_for_service(uow: UnitOfWork, session: Session, service: Service) -> Superseded:
    """Before the session takes another service: its open offers name the service it leaves, so
    they close as a move closes them (the place is offered again under the new service)."""
    if service.id == session.service_id:
        return Superseded(0, 0)
    return close_for_move(uow, session, service=True)


def _close_offers(uow: UnitOfWork, session: Session, added: list[int]) -> Closed:
    """The texted offers of the places the added clients took close as a desk booking closes
    them (the clients texted are told it has been taken), and so do those of a place a lowered
    capacity took away; what was closed, for the window."""
    texted = told = 0
    lowered: list[int | None] = [None]  # nobody added: the capacity may have been lowered
    for cid in added or lowered:
        closed = close_for_desk_booking(uow, session, cid)
        texted, told = texted + closed.texted, told + closed.told
    return Closed(texted, told)


def _apply_payments(uow: UnitOfWork, session: Session, draft: SessionDraft,
                    start: datetime) -> None:  # fmt: skip
    """Pay the places still on invoice as chosen; a place already paid keeps its payment. A
    credit must be valid on the day the edit puts the class (`start`), not the day it leaves."""
    on_invoice = {b.client_id: b for b in session.bookings
                  if b.status == BookingStatus.BOOKED and b.paid_with == PaidWith.INVOICE}  # fmt: skip
    pending = [p for p in draft.payments if p.client_id in on_invoice]
    day = start.astimezone(practice.time_zone(uow)).date()
    check_payments(uow, pending, on_invoice, [day])
    for p in pending:
        pay_booking(uow, on_invoice[p.client_id], p, on=day)


def _client_name(session: Session, client_id: int) -> str:
    return next(b.client.display_name for b in session.bookings if b.client_id == client_id)


def move_session(
    uow: UnitOfWork,
    session_id: int,
    new_start: datetime,
    worker_id: int | None = None,
    *,
    expected_version: int | None = None,
    allow_conflicts: bool = False,
) -> Moved:
    """Drag-to-move: a rostered session to a new start (and worker), with the same checks.

    A move is a reschedule and nothing else: the reschedule's own rule, asked before anything
    is read (an edit also changes the booking, so it asks the booking rule as well)."""
    require(uow.actor, Permission.RESCHEDULE)
    session = _editable(uow, session_id, expected_version)
    old_start, old_worker = session.starts_at, session.worker_id
    target = worker_id or old_worker
    new_start = checked_moment(
        new_start, "start", QT_TRANSLATE_NOOP("fields", "new start")
    ).astimezone(UTC)
    result = reschedule_session(uow, session_id, new_start, worker_id=target,
                                allow_conflicts=allow_conflicts)  # fmt: skip
    return Moved(session_id, session.version, old_start, old_worker, new_start, target, result)


def move_conflicts(
    uow: UnitOfWork, session_id: int, new_start: datetime, worker_id: int | None = None
) -> list[str]:
    """What moving would clash with, before moving (the same checks as the move)."""
    return reschedule_conflicts(uow, session_id, new_start, worker_id)
