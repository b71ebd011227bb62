"""The roster: every session and booking of the practice's three years, before anything happens.

Clinicians keep weekly slots; most slots belong to one client for a run of weeks (a series),
the rest are filled week by week. Groups and classes have regular members with churn. Public
holidays (NSW) are closed. Future weeks fill less the further out they are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from benchmarks.datagen.people import (
    CLASS,
    CLASS_SERVICES,
    CLINIC,
    DISCIPLINES,
    GROUP,
    GROUP_SERVICE,
    SUPPORT,
    SUPPORT_SERVICES,
    Catalogue,
    ClientDef,
    ServiceDef,
    WorkerDef,
)

TZ = ZoneInfo("Australia/Sydney")
# (hour, minute) slot starts per kind of worker; the service decides the length.
SLOTS = {
    CLINIC: [(h, 0) for h in range(8, 18)],
    SUPPORT: [(8, 0), (10, 30), (13, 0), (15, 30)],
    GROUP: [(9, 0), (11, 30), (14, 0)],
    CLASS: [(7, 0), (8, 0), (12, 0), (17, 0), (18, 0), (19, 0)],
}
SATURDAY = [(8, 0), (9, 0), (10, 0)]
FILL = {CLINIC: 0.97, SUPPORT: 0.9, GROUP: 0.97, CLASS: 0.98}


class Sess:
    __slots__ = (
        "id", "worker_id", "service", "service_id", "location_id", "starts_at", "ends_at", "kind",
        "capacity", "status", "price_cents", "series_id", "cancelled_by_worker", "version",
        "created_at", "updated_at", "bookings",
    )  # fmt: skip

    def __init__(self, **kw: object) -> None:
        for k, v in kw.items():
            setattr(self, k, v)


class Book:
    __slots__ = (
        "id", "session", "client", "status", "paid_with", "credits_used", "purchase_cents",
        "version", "created_at",
    )  # fmt: skip

    def __init__(self, **kw: object) -> None:
        for k, v in kw.items():
            setattr(self, k, v)


@dataclass
class _Tenancy:
    clients: list[ClientDef]
    series_id: int | None
    weeks_left: int
    created_at: datetime


@dataclass
class Roster:
    sessions: list[Sess]
    bookings: list[Book]
    series: list[tuple[int, int, str | None, int | None]]
    first_day: date
    last_day: date


def at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), TZ).astimezone(UTC)


class _Builder:
    def __init__(self, cat: Catalogue, rng: random.Random, now: datetime) -> None:
        self.cat, self.rng, self.now = cat, rng, now
        self.sessions: list[Sess] = []
        self.bookings: list[Book] = []
        self.series: list[tuple[int, int, str | None, int | None]] = []
        self.tenancies: dict[tuple[int, int, int], _Tenancy] = {}

    def service_for(self, w: WorkerDef, client: ClientDef | None) -> ServiceDef:
        if w.kind == CLINIC:
            ndis, private = DISCIPLINES[w.discipline][1:]
            return ndis if client is None or client.funding == "ndis" else private
        if w.kind == SUPPORT:
            return SUPPORT_SERVICES[w.discipline]
        return GROUP_SERVICE if w.kind == GROUP else CLASS_SERVICES[w.discipline]

    def pool(self, w: WorkerDef) -> list[ClientDef]:
        key = (w.kind, w.discipline if w.kind != GROUP else 0)
        return self.cat.pools.get(key) or self.cat.clients

    def fill(self, w: WorkerDef, start: datetime) -> float:
        base = FILL[w.kind]
        if start <= self.now:
            return base
        weeks_out = (start - self.now).days / 7
        return base * max(0.35, 1 - 0.08 * weeks_out)

    def new_series(self, weeks: int, start: datetime) -> int:
        sid = len(self.series) + 1
        until = (start + timedelta(weeks=weeks)).date().isoformat()
        self.series.append((sid, 1, until, weeks))
        return sid

    def tenancy(self, w: WorkerDef, weekday: int, slot: int, start: datetime) -> _Tenancy:
        key = (w.id, weekday, slot)
        t = self.tenancies.get(key)
        if t is not None and t.weeks_left > 0:
            t.weeks_left -= 1
            return t
        rng, pool = self.rng, self.pool(w)
        created = start - timedelta(days=rng.randint(2, 21))
        if w.kind == CLINIC or w.kind == SUPPORT:
            if rng.random() < 0.65:
                weeks = rng.randint(6, 30)
                t = _Tenancy([rng.choice(pool)], self.new_series(weeks, start), weeks, created)
            else:
                t = _Tenancy([], None, 0, created)  # filled week by week
        elif w.kind == GROUP:
            weeks = rng.randint(8, 16)
            members = rng.sample(pool, min(len(pool), 4))
            t = _Tenancy(members, self.new_series(weeks, start), weeks, created)
        else:
            weeks = rng.randint(8, 12)
            t = _Tenancy(rng.sample(pool, min(len(pool), 10)), None, weeks, created)
        self.tenancies[key] = t
        return t

    def clients_for(self, w: WorkerDef, t: _Tenancy) -> list[ClientDef]:
        rng = self.rng
        if w.kind == GROUP:
            return [c for c in t.clients if rng.random() < 0.9] or t.clients[:1]
        if w.kind == CLASS:
            k = rng.randint(4, min(8, len(t.clients)))
            return rng.sample(t.clients, k)
        return t.clients or [rng.choice(self.pool(w))]

    def add(self, w: WorkerDef, day: date, slot: int, hm: tuple[int, int]) -> None:
        start = at(day, *hm)
        t = self.tenancy(w, day.weekday(), slot, start)
        if self.rng.random() > self.fill(w, start):
            return
        clients = self.clients_for(w, t)
        service = self.service_for(w, clients[0])
        minutes = service.minutes
        price = round(service.price_cents * minutes / 60) if service.hourly else service.price_cents
        created = t.created_at if t.series_id else start - timedelta(days=self.rng.randint(1, 28))
        created = min(created, self.now - timedelta(minutes=30), start - timedelta(hours=2))
        s = Sess(
            id=len(self.sessions) + 1,
            worker_id=w.id,
            service=service,
            service_id=self.cat.service_ids[service.code],
            location_id=w.location_id,
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            kind="individual" if w.kind in (CLINIC, SUPPORT) else w.kind,
            capacity={GROUP: 4, CLASS: 8}.get(w.kind, 1),
            status="rostered",
            price_cents=price,
            series_id=t.series_id,
            cancelled_by_worker=False,
            version=1,
            created_at=created,
            updated_at=created,
            bookings=[],
        )
        for c in clients:
            paid, credits, purchase = "invoice", 0, 0
            if w.kind == CLASS:
                paid, credits = "credits", 1
            elif not service.ndis and self.rng.random() < 0.3:
                paid, purchase = "purchase", price
            b = Book(
                id=len(self.bookings) + 1,
                session=s,
                client=c,
                status="booked",
                paid_with=paid,
                credits_used=credits,
                purchase_cents=purchase,
                version=1,
                created_at=created,
            )
            s.bookings.append(b)
            self.bookings.append(b)
        self.sessions.append(s)


def build_roster(cat: Catalogue, rng: random.Random, now: datetime, years: float) -> Roster:
    """Sessions from `years` before the last day to eight weeks after `now`, in start order."""
    today = now.astimezone(TZ).date()
    last = today + timedelta(weeks=8)
    first = last - timedelta(days=round(365.25 * years))
    first -= timedelta(days=first.weekday())
    closed = holidays.country_holidays("AU", subdiv="NSW", years=range(first.year, last.year + 1))
    b = _Builder(cat, rng, now)
    day = first
    while day <= last:
        if day.weekday() < 6 and day not in closed:
            for w in cat.workers:
                if w.left_after_days is not None and (day - first).days > w.left_after_days:
                    continue
                if day.weekday() == 5:
                    slots = SATURDAY if w.saturday else []
                else:
                    slots = SLOTS[w.kind]
                    if w.kind == CLINIC and w.id % 2 == 0 and day.weekday() < 4:
                        slots = [*slots, (18, 0)]  # late clinic, Monday to Thursday
                for i, hm in enumerate(slots):
                    b.add(w, day, i, hm)
        day += timedelta(days=1)
    return Roster(b.sessions, b.bookings, b.series, first, last)
