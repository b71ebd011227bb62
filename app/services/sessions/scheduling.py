"""Ordinary scheduling: free workers, conflicts, series, new sessions, reschedule and replacement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.errors import NotAllowedError, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, day_time, translate, when_text
from app.models import Booking, Client, Service, Session, Worker
from app.models.enums import BookingStatus, PaidWith, SessionKind, SessionStatus
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import Untrusted, checked_moment
from app.services.dto import ChangeSet, OperationResult, SeriesScope
from app.services.money.packs import check_credits_cover
from app.services.outbox import notify, withdrawal
from app.services.sessions.choices import free_workers as free_workers
from app.services.sessions.choices import moving_clients, within_hours
from app.services.sessions.common import load_session, snapshot, touch
from app.services.sms.offer_round import close_for_move


def _overlapping(
    uow: UnitOfWork, start: datetime, end: datetime, exclude_session_id: int | None
) -> Select[Session]:
    stmt = select(Session).where(
        Session.starts_at < end,
        Session.ends_at > start,
        Session.status != SessionStatus.CANCELLED,
    )
    if exclude_session_id is not None:
        stmt = stmt.where(Session.id != exclude_session_id)
    return stmt


def slot_conflicts(
    uow: UnitOfWork,
    worker_id: int,
    start: datetime,
    end: datetime,
    client_ids: Sequence[int] = (),
    exclude_session_id: int | None = None,
) -> list[str]:
    """Warnings for a worker or client double-booked, or a slot outside working hours."""
    tz = practice.time_zone(uow)
    warnings: list[str] = []
    worker = uow.session.get(Worker, worker_id)
    if worker is None:
        raise NotFoundError(translate("sessions", "That worker no longer exists."))
    overlapping = list(uow.session.scalars(_overlapping(uow, start, end, exclude_session_id)))
    for s in overlapping:
        if s.worker_id == worker_id:
            when = when_text(s.starts_at.astimezone(tz), "%a %d %b %H:%M")
            warnings.append(
                translate("sessions", "{worker} already has a session at {when}.").format(
                    worker=worker.name, when=when
                )
            )
    if client_ids:
        ids = [s.id for s in overlapping]
        rows = uow.session.execute(
            select(Client, Session.starts_at)
            .join(Booking, Booking.client_id == Client.id)
            .join(Session, Session.id == Booking.session_id)
            .where(
                Booking.session_id.in_(ids),
                Booking.client_id.in_(client_ids),
                Booking.status == BookingStatus.BOOKED,
            )
        )
        for client, starts in rows:
            when = when_text(starts.astimezone(tz), "%a %d %b %H:%M")
            warnings.append(
                translate("sessions", "{client} is already booked at {when}.").format(
                    client=client.display_name, when=when
                )
            )
    if not within_hours(worker, start, end, tz):
        warnings.append(
            translate("sessions", "The slot is outside {worker}'s working hours.").format(
                worker=worker.name
            )
        )
    return warnings


def series_targets(uow: UnitOfWork, session: Session, scope: SeriesScope) -> list[Session]:
    """The sessions of `session`'s series that `scope` covers and that have not started."""
    if session.series_id is None or scope == SeriesScope.THIS:
        return [session]
    stmt = (
        select(Session)
        .where(Session.series_id == session.series_id, Session.starts_at > uow.now())
        .options(selectinload(Session.bookings).selectinload(Booking.client))
        .order_by(Session.starts_at)
    )
    if scope == SeriesScope.FOLLOWING:
        stmt = stmt.where(Session.starts_at >= session.starts_at)
    return list(uow.session.scalars(stmt))


@dataclass(frozen=True)
class NewSession(Untrusted):
    """What the new-session dialog collects."""

    LABELS: ClassVar[dict[str, str]] = {
        "kind": QT_TRANSLATE_NOOP("fields", "kind"),
        "paid_with": QT_TRANSLATE_NOOP("fields", "paid with"),
    }

    worker_id: int
    service_id: int
    starts_at: datetime
    minutes: int
    client_ids: tuple[int, ...]
    location_id: int | None = None
    kind: SessionKind = SessionKind.INDIVIDUAL
    capacity: int = 1
    price_cents: int | None = None
    series_id: int | None = None
    replacement_of_id: int | None = None
    paid_with: PaidWith = PaidWith.INVOICE
    title: str = ""


def add_session(uow: UnitOfWork, new: NewSession) -> Session:
    """Insert a session with its bookings (no audit; callers record the operation)."""
    checked_moment(new.starts_at, "start", QT_TRANSLATE_NOOP("fields", "session's start"))
    service = uow.session.get(Service, new.service_id)
    if service is None:
        raise ValidationError(translate("sessions", "Choose a service."), field="service")
    if new.minutes <= 0:
        raise ValidationError(
            translate("sessions", "The duration must be at least one minute."), field="duration"
        )
    if len(new.client_ids) > new.capacity:
        raise ValidationError(
            translate("sessions", "{count} clients do not fit a capacity of {capacity}.").format(
                count=len(new.client_ids), capacity=new.capacity
            ),
            field="clients",
        )
    now = uow.now()
    price = new.price_cents
    if price is None:
        hours = new.minutes / 60 if service.unit.value == "hour" else 1
        price = round(service.price_cents * hours)
    session = Session(
        worker_id=new.worker_id,
        service_id=new.service_id,
        location_id=new.location_id,
        starts_at=new.starts_at,
        ends_at=new.starts_at + timedelta(minutes=new.minutes),
        kind=new.kind,
        capacity=new.capacity,
        price_cents=price,
        series_id=new.series_id,
        replacement_of_id=new.replacement_of_id,
        title=new.title,
        created_at=now,
        updated_at=now,
        status=SessionStatus.ROSTERED,
    )
    session.bookings = [
        Booking(client_id=c, paid_with=new.paid_with, created_at=now) for c in new.client_ids
    ]
    uow.session.add(session)
    uow.session.flush()
    return session


def _move_clashes(
    uow: UnitOfWork, original: Session, new_start: datetime, worker_id: int
) -> list[str]:
    """What `original` at `new_start` with `worker_id` clashes with: for the clients who move
    with it, not those who cancelled their place or did not come."""
    end = new_start + (original.ends_at - original.starts_at)
    exclude = original.id if original.status == SessionStatus.ROSTERED else None
    clients = moving_clients(uow, original)
    return slot_conflicts(uow, worker_id, new_start, end, clients, exclude)


def reschedule_conflicts(
    uow: UnitOfWork, session_id: int, new_start: datetime, worker_id: int | None = None
) -> list[str]:
    """What rescheduling would clash with, before it (the same checks as the reschedule)."""
    new_start = checked_moment(
        new_start, "start", QT_TRANSLATE_NOOP("fields", "new start")
    ).astimezone(UTC)
    original = load_session(uow, session_id)
    return _move_clashes(uow, original, new_start, worker_id or original.worker_id)


def reschedule_session(
    uow: UnitOfWork,
    session_id: int,
    new_start: datetime,
    *,
    worker_id: int | None = None,
    expected_version: int | None = None,
    allow_conflicts: bool = False,
) -> OperationResult:
    """Move a rostered session, or book a cancelled one again as a new linked session."""
    require(uow.actor, Permission.RESCHEDULE)
    checked_moment(new_start, "start", QT_TRANSLATE_NOOP("fields", "new start"))
    original = load_session(uow, session_id, expected_version)
    if new_start <= uow.now():
        raise ValidationError(
            translate("sessions", "Choose a new time in the future."), field="start"
        )
    worker = worker_id or original.worker_id
    if original.status == SessionStatus.CANCELLED:
        _check_not_replaced(uow, original)
    clients = moving_clients(uow, original)
    warnings = _move_clashes(uow, original, new_start, worker)
    if warnings and not allow_conflicts:
        raise ValidationError(
            "\n".join([translate("sessions", "This time clashes:"), *warnings]), field="start"
        )
    if original.status == SessionStatus.COMPLETED:
        raise NotAllowedError(
            translate("sessions", "This session is completed; it can't be moved.")
        )
    if original.status == SessionStatus.ROSTERED:
        if uow.now() >= original.starts_at:
            raise NotAllowedError(
                translate("sessions", "This session has started; it can no longer be moved.")
            )
        if new_start == original.starts_at and worker == original.worker_id:
            raise ValidationError(  # a move to where it is would tell its clients of no change
                translate(
                    "sessions",
                    "The session is already at that time with {worker}; choose another time "
                    "or worker.",
                ).format(worker=original.worker.name),
                field="start",
            )
        # A place paid with a credit moves only to a day its pack still covers.
        check_credits_cover(uow, original, new_start.astimezone(practice.time_zone(uow)).date())
        return _move(uow, original, new_start, worker, warnings)
    return _relink(uow, original, new_start, worker, clients, warnings)


def assign_replacement_worker(
    uow: UnitOfWork,
    session_id: int,
    worker_id: int,
    *,
    expected_version: int | None = None,
    allow_conflicts: bool = False,
) -> OperationResult:
    """A new session at the same time with another worker, linked to the cancelled original."""
    require(uow.actor, Permission.RESCHEDULE)
    original = load_session(uow, session_id, expected_version)
    if original.status != SessionStatus.CANCELLED:
        raise NotAllowedError(
            translate(
                "sessions",
                "Cancel the session first (worker cancellation), then assign a replacement.",
            )
        )
    if original.starts_at <= uow.now():
        raise NotAllowedError(
            translate(
                "sessions", "This session's time has passed; reschedule it to a new time instead."
            )
        )
    _check_not_replaced(uow, original)
    clients = moving_clients(uow, original)
    warnings = slot_conflicts(uow, worker_id, original.starts_at, original.ends_at, clients)
    if warnings and not allow_conflicts:
        raise ValidationError(
            "\n".join([translate("sessions", "This worker is not free:"), *warnings]),
            field="worker",
        )
    return _relink(uow, original, original.starts_at, worker_id, clients, warnings)


def _check_not_replaced(uow: UnitOfWork, original: Session) -> None:
    """A cancelled session is replaced once: a second replacement would book its clients twice
    (a replacement since cancelled does not count)."""
    replacement = uow.session.scalar(
        select(Session)
        .where(Session.replacement_of_id == original.id)
        .where(Session.status != SessionStatus.CANCELLED)
        .order_by(Session.id)
        .limit(1)
    )
    if replacement is None:
        return
    raise NotAllowedError(
        translate(
            "sessions",
            "This session was already replaced by session #{id} ({when} with {worker}); its "
            "clients are booked there. Reschedule or change that session instead, so the clients "
            "are not booked twice.",
        ).format(
            id=replacement.id,
            when=day_time(replacement.starts_at, practice.time_zone(uow)),
            worker=replacement.worker.name,
        )
    )


def _relink(
    uow: UnitOfWork,
    original: Session,
    start: datetime,
    worker_id: int,
    clients: list[int],
    warnings: list[str],
) -> OperationResult:
    new = add_session(
        uow,
        NewSession(
            worker_id=worker_id,
            service_id=original.service_id,
            starts_at=start,
            minutes=int((original.ends_at - original.starts_at).total_seconds() // 60),
            client_ids=tuple(clients),
            location_id=original.location_id,
            kind=original.kind,
            capacity=original.capacity,
            price_cents=original.price_cents,
            # It stands in for its occurrence: a later "this and following" or "all" takes it.
            series_id=original.series_id,
            replacement_of_id=original.id,
            title=original.title,
        ),
    )
    audit.record(
        uow,
        "session.replace",
        "session",
        new.id,
        session_id=new.id,
        after={**snapshot(new), "replacement_of": original.id},
        outcome="ok",
    )
    withdrawal.withdraw_superseded(
        uow, original.id, clients, withdrawal.REBOOKED, notify.CANCEL_TOPICS
    )
    _notify_new_time(uow, new, "replacement")
    return OperationResult(
        message=translate("sessions", "A new session was booked and linked to the cancelled one."),
        changes=ChangeSet(
            frozenset({original.id, new.id}), frozenset(clients), frozenset({"reschedule"})
        ),
        session_id=new.id,
        warnings=tuple(warnings),
    )


def _move(
    uow: UnitOfWork, session: Session, start: datetime, worker_id: int, warnings: list[str]
) -> OperationResult:
    before = snapshot(session)
    offers = close_for_move(uow, session).sentence()  # its texted offers name the time it leaves
    length = session.ends_at - session.starts_at
    session.starts_at, session.ends_at, session.worker_id = start, start + length, worker_id
    touch(uow, session)
    uow.session.flush()
    uow.session.refresh(session, ["worker"])
    audit.record(
        uow,
        "session.reschedule",
        "session",
        session.id,
        session_id=session.id,
        before=before,
        after=snapshot(session),
    )
    booked = [b.client_id for b in session.bookings if b.status == BookingStatus.BOOKED]
    withdrawal.withdraw_superseded(uow, session.id, booked, withdrawal.MOVED)
    _notify_new_time(uow, session, "move")
    return OperationResult(
        message=" ".join([translate("sessions", "The session was moved."), offers]).strip(),
        changes=ChangeSet(
            frozenset({session.id}),
            frozenset(b.client_id for b in session.bookings),
            frozenset({"reschedule", *(("offers", "outbox") if offers else ())}),
        ),
        session_id=session.id,
        warnings=tuple(warnings),
        reminder=offers or None,  # the desk must hear it wherever the move came from
    )


def _notify_new_time(uow: UnitOfWork, session: Session, why: str) -> None:
    settings = practice.settings(uow)
    tz = practice.calendar(settings).tz
    uow.session.refresh(session, ["service", "worker"])
    facts = notify.session_facts(session, tz, settings)
    stamp = session.version
    for b in session.bookings:
        if b.status == BookingStatus.BOOKED:
            notify.write_client_message(
                uow,
                key=f"reschedule:{session.id}:{stamp}:{why}:booking:{b.id}:email",
                topic="reschedule",
                session=session,
                client=b.client,
                facts=facts,
            )
    notify.write_integration_message(
        uow,
        settings,
        key=f"reschedule:{session.id}:{stamp}:{why}:integration",
        topic="reschedule",
        session_id=session.id,
        payload={
            "event": "session.rescheduled",
            "session_id": session.id,
            "starts_at": session.starts_at.isoformat(),
            "worker_id": session.worker_id,
        },
        created_at=uow.now(),
    )


def active_workers(uow: UnitOfWork) -> list[tuple[int, str]]:
    """(id, name) of every active worker, by name."""
    rows = uow.session.execute(
        select(Worker.id, Worker.name).where(Worker.active.is_(True)).order_by(Worker.name)
    )
    return [(r.id, r.name) for r in rows]
