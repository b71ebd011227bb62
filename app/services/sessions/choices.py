"""Who could take a slot and when a session could go instead: ranked, each saying why."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import UnitOfWork
from app.models import Booking, Cancellation, CancellationLine, Service, Session, Worker
from app.models.enums import BookingStatus, SessionStatus
from app.services import practice
from app.services.dto import FreeWorker, SlotProposal
from app.services.sessions.common import load_session

WEEKDAY_PLURAL = (
    "Mondays",
    "Tuesdays",
    "Wednesdays",
    "Thursdays",
    "Fridays",
    "Saturdays",
    "Sundays",
)
GRID_MINUTES = 15  # proposals start on the quarter hour
LEAD = timedelta(hours=1)  # and leave the clients an hour at least to get there


def skills_of(worker: Worker) -> set[str]:
    """A worker's skills, as the set of their comma-separated, case-blind names."""
    return {s.strip().casefold() for s in worker.skills.split(",") if s.strip()}


def can_deliver(worker: Worker, skill: str) -> bool:
    """True when the service needs no skill or the worker has it."""
    return not skill.strip() or skill.strip().casefold() in skills_of(worker)


def within_hours(worker: Worker, start: datetime, end: datetime, tz: ZoneInfo) -> bool:
    """True when the whole slot lies inside one of the worker's working windows that day."""
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    if local_start.date() != local_end.date() and local_end.time() != datetime.min.time():
        return False
    s = local_start.hour * 60 + local_start.minute
    e = s + int((end - start).total_seconds() // 60)
    return any(
        h.weekday == local_start.weekday() and h.start_minute <= s and e <= h.end_minute
        for h in worker.hours
    )


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def roster_text(worker: Worker, weekday: int) -> str:
    """The worker's windows on a weekday, e.g. "08:00–12:00, 13:00–17:00" ("" when off)."""
    return ", ".join(
        f"{_hhmm(h.start_minute)}–{_hhmm(h.end_minute)}"
        for h in sorted(worker.hours, key=lambda h: h.start_minute)
        if h.weekday == weekday
    )


# -- replacement: who could take this slot ------------------------------------------------------


@dataclass(frozen=True)
class _Busy:
    worker_id: int
    starts_at: datetime
    ends_at: datetime
    label: str


def _busy_in(uow: UnitOfWork, start: datetime, end: datetime) -> list[_Busy]:
    """Every live session overlapping the slot, labelled by its booked clients (or service)."""
    sessions = uow.session.scalars(
        select(Session)
        .where(
            Session.starts_at < end,
            Session.ends_at > start,
            Session.status != SessionStatus.CANCELLED,
        )
        .options(selectinload(Session.bookings).selectinload(Booking.client))
        .options(selectinload(Session.service))
    )
    out = []
    for s in sessions:
        names = [b.client.display_name for b in s.bookings if b.status == BookingStatus.BOOKED]
        out.append(_Busy(s.worker_id, s.starts_at, s.ends_at, ", ".join(names) or s.service.name))
    return out


def _active_workers(uow: UnitOfWork) -> list[Worker]:
    return list(
        uow.session.scalars(
            select(Worker)
            .where(Worker.active.is_(True))
            .options(selectinload(Worker.hours))
            .order_by(Worker.name, Worker.id)
        )
    )


def rank_workers(
    uow: UnitOfWork,
    start: datetime,
    end: datetime,
    *,
    service_id: int | None = None,
    exclude_worker_id: int | None = None,
) -> list[FreeWorker]:
    """Every active worker for the slot: skilled, free and rostered on first; each says why."""
    tz = practice.time_zone(uow)
    service = uow.session.get(Service, service_id) if service_id is not None else None
    skill = service.skill.strip() if service is not None else ""
    busy = _busy_in(uow, start, end)
    ranked = [
        _judge(w, start, end, skill, [b for b in busy if b.worker_id == w.id], tz)
        for w in _active_workers(uow)
        if w.id != exclude_worker_id
    ]
    return sorted(ranked, key=lambda f: (not f.has_skill, not f.free, not f.rostered))


def _judge(
    worker: Worker, start: datetime, end: datetime, skill: str, busy: list[_Busy], tz: ZoneInfo
) -> FreeWorker:
    skilled = can_deliver(worker, skill)
    rostered = within_hours(worker, start, end, tz)
    weekday = start.astimezone(tz).weekday()
    hours = roster_text(worker, weekday)
    if not busy and skilled and rostered:
        why = " · ".join(p for p in (skill, "free", f"rostered {hours}") if p)
    else:
        lacks = [f"no {skill} skill"] if not skilled else []
        lacks += [
            f"busy {b.starts_at.astimezone(tz):%H:%M}–{b.ends_at.astimezone(tz):%H:%M} with {b.label}"
            for b in sorted(busy, key=lambda b: b.starts_at)
        ]
        if not rostered:
            lacks.append(
                f"rostered only {hours} on {WEEKDAY_PLURAL[weekday]}"
                if hours
                else f"not rostered on {WEEKDAY_PLURAL[weekday]}"
            )
        why = " · ".join(lacks)
    return FreeWorker(worker.id, worker.name, worker.skills, skilled, not busy, rostered, why)


def replacement_candidates(uow: UnitOfWork, session_id: int) -> list[FreeWorker]:
    """Every other active worker ranked for the session's slot and service (see rank_workers)."""
    session = load_session(uow, session_id)
    return rank_workers(
        uow,
        session.starts_at,
        session.ends_at,
        service_id=session.service_id,
        exclude_worker_id=session.worker_id,
    )


def free_workers(
    uow: UnitOfWork,
    start: datetime,
    end: datetime,
    *,
    service_id: int | None = None,
    exclude_worker_id: int | None = None,
) -> list[FreeWorker]:
    """The workers who can take the slot: the service's skill, free throughout, rostered on."""
    ranked = rank_workers(
        uow, start, end, service_id=service_id, exclude_worker_id=exclude_worker_id
    )
    return sorted((f for f in ranked if f.suitable), key=lambda f: f.name)


# -- reschedule: when the session could go -------------------------------------------------------


@dataclass(frozen=True)
class _Search:
    """What a free slot must avoid: the worker's other sessions and the clients' bookings."""

    length: timedelta
    not_before: datetime
    original_start: datetime
    original_worker: int
    worker_busy: dict[int, list[tuple[datetime, datetime]]]
    client_busy: list[tuple[datetime, datetime]]
    tz: ZoneInfo

    def clear(self, worker_id: int, start: datetime) -> bool:
        end = start + self.length
        if start < self.not_before:
            return False
        if worker_id == self.original_worker and (
            start < self.original_start + self.length and self.original_start < end
        ):
            return False  # the slot being moved from (or just cancelled) is no proposal
        taken = self.worker_busy.get(worker_id, []) + self.client_busy
        return not any(s < end and start < e for s, e in taken)


def propose_slots(
    uow: UnitOfWork, session_id: int, *, days: int = 14, limit: int = 5
) -> list[SlotProposal]:
    """The next free times for the session: its worker (unless they cancelled) and skilled others.

    One proposal per worker a day, the one nearest the original time of day, inside working hours,
    not on a public holiday, clashing with no session of the worker or the clients; the worker
    who cancelled is never proposed, nor the original slot with the original worker.
    """
    original = load_session(uow, session_id)
    calendar = practice.calendar(practice.settings(uow))
    tz = calendar.tz
    workers = _proposal_workers(uow, original)
    horizon = _round_up(uow.now() + LEAD)
    search = _search_for(uow, original, workers, horizon, horizon + timedelta(days=days + 1), tz)
    first_day = horizon.astimezone(tz).date()
    wanted = original.starts_at.astimezone(tz)
    wanted_minute = wanted.hour * 60 + wanted.minute
    found: list[SlotProposal] = []
    for offset in range(days + 1):
        day = first_day + timedelta(days=offset)
        if calendar.holiday_name(day):
            continue  # the practice is closed on public holidays
        today: list[SlotProposal] = []
        for worker in workers:
            start = _best_start(worker, day, wanted_minute, search)
            if start is not None:
                why = _proposal_why(worker, original, start, wanted_minute, tz)
                today.append(
                    SlotProposal(start, start + search.length, worker.id, worker.name, why)
                )
        found += sorted(today, key=lambda p: (p.starts_at, _rank_of(p, workers)))
        if len(found) >= limit:
            break
    return found[:limit]


def _rank_of(proposal: SlotProposal, workers: Sequence[Worker]) -> int:
    return next(i for i, w in enumerate(workers) if w.id == proposal.worker_id)


def _proposal_workers(uow: UnitOfWork, original: Session) -> list[Worker]:
    """Its own worker first (unless they cancelled it), then the others with the skill, by name."""
    skill = original.service.skill
    others = [
        w for w in _active_workers(uow) if w.id != original.worker_id and can_deliver(w, skill)
    ]
    if original.cancelled_by_worker or not original.worker.active:
        return others
    return [original.worker, *others]


def _search_for(
    uow: UnitOfWork,
    original: Session,
    workers: Iterable[Worker],
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
) -> _Search:
    clients = set(moving_clients(uow, original))
    ids = {w.id for w in workers}
    rows = uow.session.scalars(
        select(Session)
        .where(
            Session.starts_at < end,
            Session.ends_at > start,
            Session.status != SessionStatus.CANCELLED,
            Session.id != original.id,
        )
        .options(selectinload(Session.bookings))
    )
    worker_busy: dict[int, list[tuple[datetime, datetime]]] = {}
    client_busy: list[tuple[datetime, datetime]] = []
    for s in rows:
        if s.worker_id in ids:
            worker_busy.setdefault(s.worker_id, []).append((s.starts_at, s.ends_at))
        if any(b.client_id in clients and b.status == BookingStatus.BOOKED for b in s.bookings):
            client_busy.append((s.starts_at, s.ends_at))
    return _Search(
        length=original.ends_at - original.starts_at,
        not_before=start,
        original_start=original.starts_at,
        original_worker=original.worker_id,
        worker_busy=worker_busy,
        client_busy=client_busy,
        tz=tz,
    )


def moving_clients(uow: UnitOfWork, original: Session) -> list[int]:
    """The clients who move with it: those booked, or those the whole-session cancellation
    removed — not a client who had cancelled their own place before it."""
    booked = [b.client_id for b in original.bookings if b.status == BookingStatus.BOOKED]
    if booked:
        return booked
    latest = uow.session.scalar(
        select(Cancellation.id)
        .where(
            Cancellation.session_id == original.id,
            Cancellation.whole_session.is_(True),
            Cancellation.undone_at.is_(None),
        )
        .order_by(Cancellation.id.desc())
        .limit(1)
    )
    removed = set(
        uow.session.scalars(
            select(CancellationLine.booking_id).where(CancellationLine.cancellation_id == latest)
        )
    )
    cancelled = [b for b in original.bookings if b.status == BookingStatus.CANCELLED]
    return [b.client_id for b in cancelled if b.id in removed or not removed]


def _best_start(worker: Worker, day: date, wanted_minute: int, search: _Search) -> datetime | None:
    """The worker's free start that day nearest the wanted time of day (earlier on a tie)."""
    length = int(search.length.total_seconds() // 60)
    midnight = datetime.combine(day, time(0), tzinfo=search.tz)
    starts = [
        m
        for h in worker.hours
        if h.weekday == day.weekday()
        for m in range(_grid(h.start_minute), h.end_minute - length + 1, GRID_MINUTES)
    ]
    for minute in sorted(starts, key=lambda m: (abs(m - wanted_minute), m)):
        start = (midnight + timedelta(minutes=minute)).astimezone(UTC)
        if search.clear(worker.id, start):
            return start
    return None


def _grid(minute: int) -> int:
    return -(-minute // GRID_MINUTES) * GRID_MINUTES


def _round_up(moment: datetime) -> datetime:
    """The next quarter hour at or after `moment` (UTC)."""
    base = moment.astimezone(UTC).replace(second=0, microsecond=0)
    if base < moment:
        base += timedelta(minutes=1)
    return base + timedelta(minutes=-base.minute % GRID_MINUTES)


def _proposal_why(
    worker: Worker, original: Session, start: datetime, wanted_minute: int, tz: ZoneInfo
) -> str:
    local = start.astimezone(tz)
    skill = original.service.skill.strip()
    parts = ["same worker" if worker.id == original.worker_id else (skill or "free")]
    if start == original.starts_at:
        parts.append("same time")
    elif local.hour * 60 + local.minute == wanted_minute:
        parts.append("same time of day")
    return " · ".join(parts)
