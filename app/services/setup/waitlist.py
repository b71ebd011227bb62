"""The waitlist: clients waiting for a worker, service or time window, offered freed places.

How it meets the NDIS "refilled place" rule: a cancellation recorded after another client was
booked into its group (after the advised time) is not charged (`cancel_charges.place_refilled`);
a charge recorded first is withdrawn when the place is refilled afterwards, in the same
transaction as the booking (`refill.withdraw_refilled_charges`). Individual sessions have no
"place" to refill (capacity 1), so their charges stand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.errors import NotAllowedError, NotFoundError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import Booking, Client, Service, Session, WaitlistEntry, Worker
from app.models.enums import BookingStatus, PaidWith, SessionStatus
from app.models.waitlist import DAY_MINUTES
from app.services import practice
from app.services.audit import chain as audit
from app.services.dto import ChangeSet, OperationResult
from app.services.sessions.common import load_session, touch
from app.services.sessions.refill import withdraw_refilled_charges
from app.services.setup.common import Saved, changed_meanwhile, text
from app.services.setup.policy import SetupAction, require_setup
from app.services.setup.workers import WEEKDAYS
from app.services.sms.offer_round import close_for_desk_booking

ALL_DAYS = tuple(range(7))


@dataclass(frozen=True)
class WaitlistDraft:
    """What the waitlist dialog collects; times are local minutes of the day."""

    client_id: int | None
    worker_id: int | None = None
    service_id: int | None = None
    weekdays: tuple[int, ...] = ALL_DAYS
    earliest_minute: int = 0
    latest_minute: int = DAY_MINUTES
    note: str = ""
    active: bool = True


@dataclass(frozen=True)
class WaitlistRow:
    """One entry as the waitlist screen shows it."""

    id: int
    draft: WaitlistDraft
    client_name: str
    worker_name: str
    service_name: str
    created_at: datetime

    @property
    def window_text(self) -> str:
        """Days and times the client can come, in one line."""
        return window_text(self.draft)


def _hm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def window_text(d: WaitlistDraft) -> str:
    """E.g. "Mon, Wed 09:00–12:00" or "any day, any time"."""
    days = (
        "any day"
        if set(d.weekdays) == set(ALL_DAYS)
        else ", ".join(WEEKDAYS[i] for i in d.weekdays)
    )
    if (d.earliest_minute, d.latest_minute) == (0, DAY_MINUTES):
        return f"{days}, any time"
    return f"{days} {_hm(d.earliest_minute)}–{_hm(d.latest_minute)}"


def _mask(days: tuple[int, ...]) -> int:
    return sum(1 << d for d in set(days))


def _days(mask: int) -> tuple[int, ...]:
    return tuple(d for d in ALL_DAYS if mask & (1 << d))


def check_entry(draft: WaitlistDraft) -> WaitlistDraft:
    """The draft trimmed, or the sentence saying what to correct."""
    if draft.client_id is None:
        raise ValidationError(
            translate("setup", "Choose the client who is waiting."), field="client"
        )
    if not draft.weekdays or any(d not in ALL_DAYS for d in draft.weekdays):
        raise ValidationError(translate("setup", "Tick at least one weekday."), field="weekdays")
    if not 0 <= draft.earliest_minute < draft.latest_minute <= DAY_MINUTES:
        raise ValidationError(
            translate("setup", "The latest time must be after the earliest."), field="window"
        )
    return replace(draft, weekdays=tuple(sorted(set(draft.weekdays))),
                   note=text(draft.note, "note", QT_TRANSLATE_NOOP("fields", "note"), 255))  # fmt: skip


def _draft_of(e: WaitlistEntry) -> WaitlistDraft:
    return WaitlistDraft(e.client_id, e.worker_id, e.service_id, _days(e.weekdays),
                         e.earliest_minute, e.latest_minute, e.note, e.active)  # fmt: skip


def _row(e: WaitlistEntry) -> WaitlistRow:
    worker = e.worker.name if e.worker else "any worker"
    service = e.service.name if e.service else "any service"
    return WaitlistRow(e.id, _draft_of(e), e.client.display_name, worker, service, e.created_at)


def list_waitlist(uow: UnitOfWork, *, active_only: bool = True) -> list[WaitlistRow]:
    """Waiting clients, longest waiting first."""
    stmt = (
        select(WaitlistEntry)
        .options(selectinload(WaitlistEntry.client), selectinload(WaitlistEntry.worker),
                 selectinload(WaitlistEntry.service))
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    )  # fmt: skip
    if active_only:
        stmt = stmt.where(WaitlistEntry.active.is_(True))
    return [_row(e) for e in uow.session.scalars(stmt)]


def _check_refs(uow: UnitOfWork, d: WaitlistDraft, kept: int | None = None) -> None:
    """The entry's client (active, or the entry's own `kept` one made inactive since), worker
    and service."""
    client = uow.session.get(Client, d.client_id)
    if client is None or not (client.active or client.id == kept):
        raise ValidationError(translate("setup", "Choose an active client."), field="client")
    if d.worker_id is not None and uow.session.get(Worker, d.worker_id) is None:
        raise ValidationError(
            translate("setup", "Choose a worker from the list, or any worker."), field="worker"
        )
    if d.service_id is not None and uow.session.get(Service, d.service_id) is None:
        raise ValidationError(
            translate("setup", "Choose a service from the list, or any service."), field="service"
        )


def save_waitlist_entry(
    uow: UnitOfWork, entry_id: int | None, draft: WaitlistDraft, seen: WaitlistDraft | None = None
) -> Saved:
    """Add a waiting client or change an entry; audited. `seen`: the entry as the form was
    opened on, refused when another desk changed it since (took it off the waitlist, say)."""
    require_setup(uow.actor, SetupAction.EDIT_WAITLIST)
    d = check_entry(draft)
    entry = uow.session.get(WaitlistEntry, entry_id) if entry_id is not None else None
    if entry_id is not None and entry is None:
        raise NotFoundError(translate("setup", "That waitlist entry no longer exists."))
    if entry is not None and seen is not None and _draft_of(entry) != seen:
        raise changed_meanwhile(
            translate("setup", "{client}'s waitlist entry").format(client=entry.client.display_name)
        )
    _check_refs(uow, d, entry.client_id if entry is not None else None)
    values = {
        "client_id": d.client_id, "worker_id": d.worker_id, "service_id": d.service_id,
        "weekdays": _mask(d.weekdays), "earliest_minute": d.earliest_minute,
        "latest_minute": d.latest_minute, "note": d.note, "active": d.active,
    }  # fmt: skip
    before = None if entry is None else {k: getattr(entry, k) for k in values}
    if entry is None:
        entry = WaitlistEntry(**values, created_at=uow.now())
        uow.session.add(entry)
    else:
        for name, value in values.items():
            setattr(entry, name, value)
    uow.session.flush()
    action = "waitlist.create" if before is None else "waitlist.update"
    audit.record(uow, action, "waitlist_entry", entry.id, before=before, after=values)
    changes = ChangeSet(clients=frozenset({entry.client_id}), topics=frozenset({"waitlist"}))
    return Saved(entry.id, translate("setup", "The waitlist was saved."), changes)


@dataclass(frozen=True)
class WaitlistMatch:
    """A waiting client who fits a freed place."""

    entry_id: int
    client_id: int
    client_name: str
    waiting_since: datetime
    wants: str
    note: str


def _no_place(session: Session, now: datetime) -> str | None:
    """Why a session has no place to offer, or None."""
    if session.cancelled_by_worker:
        return translate("setup", "The worker cancelled this session, so it has no place to offer.")
    if session.status == SessionStatus.COMPLETED or now >= session.starts_at:
        return translate("setup", "This session has started; its place can no longer be offered.")
    taken = sum(1 for b in session.bookings if b.status != BookingStatus.CANCELLED)
    if taken >= session.capacity:
        return translate("setup", "No place is free in this session.")
    return None


def _misfit(entry: WaitlistEntry, session: Session, start: datetime, end: datetime) -> str | None:
    """Why an entry does not fit the session (local start and end), or None."""
    name = entry.client.display_name
    if any(b.client_id == entry.client_id for b in session.bookings):
        return translate("setup", "{name} already has a booking in this session.").format(name=name)
    if entry.worker_id is not None and entry.worker_id != session.worker_id:
        return translate("setup", "{name} is waiting for another worker.").format(name=name)
    if entry.service_id is not None and entry.service_id != session.service_id:
        return translate("setup", "{name} is waiting for another service.").format(name=name)
    if not entry.weekdays & (1 << start.weekday()):
        return translate("setup", "{name} is not available on {day}.").format(
            name=name, day=WEEKDAYS[start.weekday()]
        )
    first = start.hour * 60 + start.minute
    last = first + int((end - start).total_seconds() // 60)
    if first < entry.earliest_minute or last > entry.latest_minute:
        return translate("setup", "{name} is only available {window}.").format(
            name=name, window=window_text(_draft_of(entry))
        )
    return None


def _clash(uow: UnitOfWork, session: Session, client_id: int) -> str | None:
    """The client's other booking overlapping this session, as a sentence, or None."""
    other = uow.session.scalar(
        select(Session.starts_at)
        .join(Booking, Booking.session_id == Session.id)
        .where(
            Booking.client_id == client_id, Booking.status == BookingStatus.BOOKED,
            Session.id != session.id, Session.status != SessionStatus.CANCELLED,
            Session.starts_at < session.ends_at, Session.ends_at > session.starts_at,
        )
        .limit(1)
    )  # fmt: skip
    if other is None:
        return None
    tz = practice.time_zone(uow)
    return translate("setup", "The client is already booked at {when}.").format(
        when=when_text(other.astimezone(tz), "%a %d %b %H:%M")
    )


def waitlist_matches(uow: UnitOfWork, session_id: int) -> list[WaitlistMatch]:
    """Waiting clients who fit this session's freed place, longest waiting first."""
    session = load_session(uow, session_id)
    if _no_place(session, uow.now()) is not None:
        return []
    tz = practice.time_zone(uow)
    start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    return [
        WaitlistMatch(r.id, r.draft.client_id or 0, r.client_name, r.created_at,
                      f"{r.worker_name}, {r.service_name}, {r.window_text}", r.draft.note)
        for e in _active_entries(uow)
        if _misfit(e, session, start, end) is None and _clash(uow, session, e.client_id) is None
        for r in (_row(e),)
    ]  # fmt: skip


def _active_entries(uow: UnitOfWork) -> list[WaitlistEntry]:
    stmt = (
        select(WaitlistEntry)
        .join(Client, Client.id == WaitlistEntry.client_id)
        .where(WaitlistEntry.active.is_(True), Client.active.is_(True))
        .options(selectinload(WaitlistEntry.client), selectinload(WaitlistEntry.worker),
                 selectinload(WaitlistEntry.service))
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    )  # fmt: skip
    return list(uow.session.scalars(stmt))


def book_from_waitlist(
    uow: UnitOfWork,
    session_id: int,
    entry_id: int,
    *,
    expected_version: int | None = None,
    close_offers: bool = True,
) -> OperationResult:
    """Book the waiting client into the freed place (created now) and close their entry.

    Booked at the desk (`close_offers`), a place that was the last one free closes its texted
    offers: the clients texted are told it has been taken, and the result says how many."""
    require_setup(uow.actor, SetupAction.BOOK_SESSIONS)
    session = load_session(uow, session_id, expected_version)
    entry = uow.session.get(WaitlistEntry, entry_id)
    if entry is None or not entry.active:
        raise NotFoundError(translate("setup", "That client is no longer on the waitlist."))
    why = _no_place(session, uow.now()) or _fit(uow, entry, session)
    if why:
        raise NotAllowedError(why)
    booking = Booking(client_id=entry.client_id, status=BookingStatus.BOOKED,
                      paid_with=PaidWith.INVOICE, created_at=uow.now())  # fmt: skip
    session.bookings.append(booking)
    entry.active = False
    touch(uow, session)
    uow.session.flush()
    audit.record(uow, "waitlist.book", "waitlist_entry", entry.id, session_id=session.id,
                 after={"booking_id": booking.id, "client_id": entry.client_id})  # fmt: skip
    name = entry.client.display_name
    withdrawn = withdraw_refilled_charges(uow, session, name)
    closed = close_for_desk_booking(uow, session, entry.client_id) if close_offers else None
    texted = closed is not None and closed.texted > 0
    topics = {"sessions", "waitlist", "billing"} | ({"offers", "outbox"} if texted else set())
    # A client whose charge was withdrawn may have had a credit or a purchase given back.
    clients = frozenset({entry.client_id, *(w.client_id for w in withdrawn)})
    changes = ChangeSet(frozenset({session.id}), clients, frozenset(topics))
    told = closed.sentence() if closed else ""
    refill = " ".join([*(w.sentence() for w in withdrawn), told]).strip() or None
    message = " ".join(
        [translate("setup", "{name} was booked from the waitlist.").format(name=name), refill or ""]
    ).strip()
    return OperationResult(message, changes, session.id, reminder=refill)


def _fit(uow: UnitOfWork, entry: WaitlistEntry, session: Session) -> str | None:
    tz = practice.time_zone(uow)
    start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
    misfit = _misfit(entry, session, start, end)
    return misfit or _clash(uow, session, entry.client_id)
