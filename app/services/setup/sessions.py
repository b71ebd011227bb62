"""New sessions (one or a recurring series) with conflict warnings, and checking a draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Client, Location, Series, Service, Session, Worker
from app.models.enums import BookingStatus, SessionKind
from app.services import practice
from app.services.audit import chain as audit
from app.services.boundary import Untrusted, checked_date, checked_moment
from app.services.dto import ChangeSet
from app.services.money.packs import BookingPayment, check_payments, pay_booking
from app.services.sessions.common import snapshot
from app.services.sessions.scheduling import NewSession, add_session, slot_conflicts
from app.services.setup.common import number, text
from app.services.setup.policy import SetupAction, require_setup
from app.services.setup.recurrence import Occurrence, Recurrence, occurrences
from app.services.setup.workers import HoursWindow

MAX_MINUTES = 12 * 60
MAX_CAPACITY = 100


@dataclass(frozen=True)
class SessionDraft(Untrusted):
    """What the new/edit session dialog collects; `starts_at` is aware (read on the practice clock)."""

    LABELS: ClassVar[dict[str, str]] = {
        "kind": QT_TRANSLATE_NOOP("fields", "kind"),
    }

    worker_id: int | None
    service_id: int | None
    starts_at: datetime
    minutes: int
    client_ids: tuple[int, ...] = ()
    location_id: int | None = None
    kind: SessionKind = SessionKind.INDIVIDUAL
    capacity: int = 1
    recurrence: Recurrence | None = None
    title: str = ""
    # How each client's place is paid (a client left out: on invoice); see money/packs.py.
    payments: tuple[BookingPayment, ...] = ()


@dataclass(frozen=True)
class SessionPlan:
    """The starts a draft makes and every warning about them, before anything is written."""

    starts: tuple[datetime, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CreatedSessions:
    """What `create_sessions` wrote."""

    session_ids: tuple[int, ...]
    series_id: int | None
    message: str
    warnings: tuple[str, ...]
    changes: ChangeSet


DAY_START_MINUTE = 9 * 60  # a new session on a day nobody works opens at 9:00


def suggested_start(
    day: date,
    now: datetime,
    tz: ZoneInfo,
    worker_id: int | None,
    hours: Mapping[int, Sequence[HoursWindow]],
) -> datetime:
    """Where a new session opens on `day` (practice-local): the next whole hour when `day` is
    today; on another day the worker's first working hour that weekday, else the earliest any
    worker starts that weekday, else 9:00. `hours`: each active worker's working windows."""
    local_now = now.astimezone(tz)
    if day == local_now.date():
        return local_now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    weekday = day.weekday()
    own = [h.start_minute for h in hours.get(worker_id or 0, ()) if h.weekday == weekday]
    anyone = [h.start_minute for ws in hours.values() for h in ws if h.weekday == weekday]
    minute = min(own or anyone or [DAY_START_MINUTE])
    return datetime.combine(day, time(minute // 60, minute % 60), tz)


def check_draft(uow: UnitOfWork, d: SessionDraft, own: Session | None = None) -> None:
    """Refuse a draft that cannot be booked: missing records, kind and capacity, clients.

    A session being changed (`own`) keeps its worker, service and booked clients even when
    they have been made inactive since; only an active one can be newly chosen."""
    checked_moment(d.starts_at, "start", QT_TRANSLATE_NOOP("fields", "session's start"))
    if d.recurrence is not None and d.recurrence.until is not None:
        checked_date(
            d.recurrence.until, "recurrence", QT_TRANSLATE_NOOP("fields", "last date of the repeat")
        )
    kept_worker, kept_service = (own.worker_id, own.service_id) if own else (None, None)
    worker = uow.session.get(Worker, d.worker_id) if d.worker_id else None
    if worker is None or not (worker.active or worker.id == kept_worker):
        raise ValidationError(translate("setup", "Choose a worker from the list."), field="worker")
    service = uow.session.get(Service, d.service_id) if d.service_id else None
    if service is None or not (service.active or service.id == kept_service):
        raise ValidationError(
            translate("setup", "Choose a service from the list."), field="service"
        )
    if d.location_id is not None and uow.session.get(Location, d.location_id) is None:
        raise ValidationError(
            translate("setup", "Choose a location from the list."), field="location"
        )
    number(d.minutes, 5, MAX_MINUTES, "duration", QT_TRANSLATE_NOOP("fields", "length (minutes)"))
    text(d.title, "title", QT_TRANSLATE_NOOP("fields", "title"), 120)
    _check_kind(d)
    booked = (
        {b.client_id for b in own.bookings if b.status == BookingStatus.BOOKED} if own else set()
    )
    _check_clients(uow, d.client_ids, booked)


def _check_kind(d: SessionDraft) -> None:
    kind = SessionKind(d.kind)
    if kind == SessionKind.INDIVIDUAL and d.capacity != 1:
        raise ValidationError(translate("setup", "An individual session has one place; choose group or class for more."),
                              field="capacity")  # fmt: skip
    if kind != SessionKind.INDIVIDUAL:
        number(
            d.capacity, 2, MAX_CAPACITY, "capacity", QT_TRANSLATE_NOOP("fields", "number of places")
        )
    elif len(d.client_ids) > 1:  # its one place can't be raised: the kind is what to change
        raise ValidationError(
            translate(
                "setup",
                "An individual session has one client; choose group or class for more clients, or choose one client.",
            ),
            field="clients",
        )
    if len(d.client_ids) > d.capacity:
        raise ValidationError(
            translate(
                "setup",
                "{count} clients do not fit {capacity} place(s); raise the capacity or choose fewer clients.",
            ).format(count=len(d.client_ids), capacity=d.capacity),
            field="clients",
        )


def _check_clients(uow: UnitOfWork, client_ids: Sequence[int], booked: set[int]) -> None:
    if len(set(client_ids)) != len(client_ids):
        raise ValidationError(translate("setup", "A client is chosen twice."), field="clients")
    if not client_ids:
        return
    found = {c.id: c for c in uow.session.scalars(select(Client).where(Client.id.in_(client_ids)))}
    for cid in client_ids:
        client = found.get(cid)
        if client is None:
            raise ValidationError(
                translate("setup", "A chosen client no longer exists."), field="clients"
            )
        if not client.active and cid not in booked:
            raise ValidationError(translate("setup", "{display_name} is inactive; reactivate them first.").format(display_name=client.display_name),
                                  field="clients")  # fmt: skip


PAST = QT_TRANSLATE_NOOP("setup", "This session starts in the past.")


def _with_days(message: str, days: list[str], series: bool) -> str:
    """A warning with the dates it applies to, unless it already names them."""
    if not series or all(day in message for day in days):
        return message
    more = translate("setup", " and {n} more").format(n=len(days) - 6) if len(days) > 6 else ""
    shown = ", ".join(days[:6]) + more
    return f"{message} ({shown})"


def _warnings(uow: UnitOfWork, d: SessionDraft, starts: Sequence[Occurrence]) -> list[str]:
    """Clock-change notes, then each distinct warning once with the dates it applies to."""
    tz = practice.time_zone(uow)
    length = timedelta(minutes=d.minutes)
    assert d.worker_id is not None
    found: dict[str, list[str]] = {}
    for occ in starts:
        day = f"{when_text(occ.starts_at.astimezone(tz), '%a %d %b')}"
        end = occ.starts_at + length
        for message in slot_conflicts(uow, d.worker_id, occ.starts_at, end, d.client_ids):
            found.setdefault(message, []).append(day)
        if occ.starts_at < uow.now():
            found.setdefault(translate("setup", PAST), []).append(day)
    notes = [o.note for o in starts if o.note]
    return notes + [_with_days(m, days, len(starts) > 1) for m, days in found.items()]


def plan_sessions(uow: UnitOfWork, draft: SessionDraft) -> SessionPlan:
    """The starts and the warnings (double bookings, outside hours, the past), without writing."""
    check_draft(uow, draft)
    tz = practice.time_zone(uow)
    starts = occurrences(draft.starts_at, draft.recurrence, tz)
    _check_payments(uow, draft, starts)
    return SessionPlan(tuple(o.starts_at for o in starts), tuple(_warnings(uow, draft, starts)))


def create_sessions(
    uow: UnitOfWork, draft: SessionDraft, *, allow_conflicts: bool = False
) -> CreatedSessions:
    """Book one session or a series; warnings refuse unless the user chose to save anyway."""
    require_setup(uow.actor, SetupAction.BOOK_SESSIONS)
    check_draft(uow, draft)
    tz = practice.time_zone(uow)
    starts = occurrences(draft.starts_at, draft.recurrence, tz)
    _check_payments(uow, draft, starts)
    warnings = _warnings(uow, draft, starts)
    if warnings and not allow_conflicts:
        raise ValidationError(
            translate("setup", "Check these first:\n{warnings}").format(
                warnings="\n".join(warnings)
            ),
            field="start",
        )
    series_id = _series(uow, draft.recurrence) if len(starts) > 1 else None
    ids = [book_session(uow, draft, occ.starts_at, series_id) for occ in starts]
    first = starts[0].starts_at.astimezone(tz)
    when = when_text(first, "%a %d %b %H:%M")
    message = (
        translate("setup", "Booked {n} sessions from {when}.").format(n=len(ids), when=when)
        if len(ids) > 1
        else translate("setup", "Booked {when}.").format(when=when)
    )
    changes = ChangeSet(frozenset(ids), frozenset(draft.client_ids), frozenset({"sessions"}))
    return CreatedSessions(tuple(ids), series_id, message, tuple(warnings), changes)


def _check_payments(uow: UnitOfWork, d: SessionDraft, starts: Sequence[Occurrence]) -> None:
    tz = practice.time_zone(uow)
    days = [o.starts_at.astimezone(tz).date() for o in starts]
    check_payments(uow, d.payments, d.client_ids, days)


def _series(uow: UnitOfWork, rec: Recurrence | None) -> int:
    assert rec is not None
    series = Series(interval_weeks=rec.interval_weeks, until=rec.until, count=rec.count)
    uow.session.add(series)
    uow.session.flush()
    return series.id


def book_session(uow: UnitOfWork, d: SessionDraft, start: datetime, series_id: int | None) -> int:
    """Insert one checked session at `start` (UTC) with its bookings, audited; its id."""
    assert d.worker_id is not None and d.service_id is not None
    session = add_session(
        uow,
        NewSession(
            worker_id=d.worker_id, service_id=d.service_id, starts_at=start, minutes=d.minutes,
            client_ids=d.client_ids, location_id=d.location_id, kind=SessionKind(d.kind),
            capacity=d.capacity, series_id=series_id, title=d.title.strip(),
        ),
    )  # fmt: skip
    audit.record(uow, "session.create", "session", session.id, session_id=session.id,
                 after=snapshot(session))  # fmt: skip
    payments = {p.client_id: p for p in d.payments}
    for booking in session.bookings:
        if booking.client_id in payments:
            pay_booking(uow, booking, payments[booking.client_id])
    return session.id
