"""A deterministic demo practice in Sydney: workers, clients, NDIS and private services, a month of history."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.db import Actor, Database, UnitOfWork
from app.i18n import translate
from app.models import (
    Client,
    Location,
    Series,
    Service,
    Session,
    User,
    Worker,
    WorkingHours,
)
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    Funding,
    NdisManagement,
    PaidWith,
    Role,
    ServiceUnit,
    SessionKind,
)
from app.services import practice
from app.services.auth import hash_password
from app.services.demo.catalogue import (
    ABN,
    FIRST,
    INVOICE_PAYMENT,
    LAST,
    LEGAL_NAME,
    MANAGED,
    PLAN_MANAGER,
    PRACTICE_NAME,
    SERVICE_SKILL,
    SERVICES,
    TZ,
    WORKERS,
)
from app.services.demo.reminders import add_reminder_rules
from app.services.demo.waitlist import add_waiting_clients
from app.services.dto import CancelRequest
from app.services.money.credits import buckets_of, usable
from app.services.money.insurance import ClaimRequest, mark_billed
from app.services.money.packs import PackSale, pay_with_credit, sell_pack
from app.services.money.payments import PaymentMethod, PaymentRequest, post_payment
from app.services.records.notes import save_note
from app.services.sessions.attendance import complete_session, mark_did_not_attend
from app.services.sessions.cancel import cancel, reasons_for
from app.services.sessions.scheduling import NewSession, add_session


@dataclass(frozen=True)
class DemoSummary:
    workers: int
    clients: int
    sessions: int


@dataclass(frozen=True)
class _Slot:
    worker: Worker
    service: Service
    start: datetime
    minutes: int
    clients: list[Client]
    kind: SessionKind
    capacity: int
    paid: PaidWith = PaidWith.INVOICE
    series_id: int | None = None


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), TZ).astimezone(ZoneInfo("UTC"))


class _Builder:
    """Fills one transaction; runs services with a moving clock so history obeys the rules."""

    def __init__(self, uow: UnitOfWork, today: date, rng: random.Random) -> None:
        self.uow, self.today, self.rng = uow, today, rng
        self.orm = uow.session
        self.clinic_id: int | None = None
        self.reception = uow.actor  # the front desk's sign-in, once `users()` made it

    def at(self, moment: datetime, actor: Actor | None = None) -> UnitOfWork:
        """The transaction seen at `moment`, by `actor` (default: the administrator)."""
        return UnitOfWork(self.orm, _fixed(moment), actor or self.uow.actor)

    def people(self) -> None:
        self.orm.add(Location(name="Harbourside clinic", address="12 Wharf St, Pyrmont NSW 2009"))
        self.orm.add(Location(name="Community (client's home)", address=""))
        for i, (name, skills, colour) in enumerate(WORKERS):
            w = Worker(
                name=name,
                email=f"{name.split()[-1].lower()}@harbourside.example",
                phone=f"02 9{i}55 010{i}",
                skills=skills,
                colour=colour,
            )
            days = range(6) if i == 6 else range(5)
            w.hours = [
                WorkingHours(weekday=d, start_minute=8 * 60, end_minute=18 * 60) for d in days
            ]
            self.orm.add(w)
        for code, name, price, unit, minutes, allows, sw, wi in SERVICES:
            self.orm.add(
                Service(
                    code=code,
                    name=name,
                    price_cents=price,
                    unit=unit,
                    default_minutes=minutes,
                    allows_cancellation_charge=allows,
                    support_worker_pricing=sw,
                    gst_code="P2" if unit == ServiceUnit.HOUR else "P1",
                    colour=WORKERS[wi][2],  # each service in its worker's colour
                    skill=SERVICE_SKILL.get(code, ""),
                )
            )
        for i in range(60):
            first, last = FIRST[i % 20], LAST[(i * 7 + i // 20) % 20]
            funding = (
                Funding.NDIS if i < 36 else (Funding.INSURANCE if i >= 57 else Funding.PRIVATE)
            )
            self.orm.add(
                Client(
                    first_name=first,
                    last_name=last,
                    email=None if i % 9 == 4 else f"{first.lower()}.{last.lower()}{i}@mail.example",
                    phone=f"04{self.rng.randrange(10**7, 10**8)}",
                    notify_consent=i % 11 != 3,
                    funding=funding,
                    ndis_number=f"43{self.rng.randrange(10**6, 10**7)}"
                    if funding == Funding.NDIS
                    else None,
                    # Two participants whose plans are managed otherwise: invoiced, not claimed.
                    ndis_management=MANAGED.get(i, NdisManagement.AGENCY),
                    plan_manager=PLAN_MANAGER[0] if MANAGED.get(i) == NdisManagement.PLAN else "",
                    plan_manager_email=(
                        PLAN_MANAGER[1] if MANAGED.get(i) == NdisManagement.PLAN else ""
                    ),
                )
            )
        self.orm.flush()

    def sessions(self) -> list[Session]:
        workers = list(self.orm.scalars(select(Worker).order_by(Worker.id)))
        services = list(self.orm.scalars(select(Service).order_by(Service.id)))
        clients = list(self.orm.scalars(select(Client).order_by(Client.id)))
        ndis, private = clients[:36], clients[36:]
        self.clinic_id = self.orm.scalar(select(Location.id).order_by(Location.id))
        monday = self.today - timedelta(days=self.today.weekday()) - timedelta(weeks=2)
        made: list[Session] = []
        series: dict[tuple[int, int, int], int] = {}
        for day in (monday + timedelta(days=n) for n in range(28)):
            if day.weekday() == 6:
                continue
            for si, (code, *_rest, wi) in enumerate(SERVICES):
                if day.weekday() == 5 and code != "PILATES-CLS":
                    continue
                service, worker = services[si], workers[wi]
                made += self._day_for(day, service, worker, ndis if si < 7 else private, series)
        return made

    def _day_for(
        self,
        day: date,
        service: Service,
        worker: Worker,
        pool: list[Client],
        series: dict[tuple[int, int, int], int],
    ) -> list[Session]:
        if service.code == "04_102_0136_6_1":
            if day.weekday() not in (2, 4):
                return []
            group = [
                pool[(day.toordinal() // 7 + k) % len(pool)] for k in range(3 + day.weekday() % 2)
            ]
            return [
                self._new(_Slot(worker, service, _at(day, 10), 120, group, SessionKind.GROUP, 4))
            ]
        if service.code == "PILATES-CLS":
            if day.weekday() not in (1, 3, 5):
                return []
            group = [pool[(day.toordinal() + k * 3) % len(pool)] for k in range(6)]
            start = _at(day, 17 if day.weekday() != 5 else 9)
            return [
                self._new(
                    _Slot(worker, service, start, 60, group, SessionKind.CLASS, 8, PaidWith.CREDITS)
                )
            ]
        slots = [9, 11, 14] if service.default_minutes >= 90 else [9, 10, 11, 13, 14, 15]
        if service.code == "PHYSIO-PRIV":
            slots = [8, 12, 16] if day.weekday() < 5 else []
        out = []
        for k, hour in enumerate(slots):
            if self.rng.random() < 0.2:
                continue
            client = pool[(day.weekday() * 7 + k * 3 + worker.id) % len(pool)]
            key = (worker.id, day.weekday(), hour)
            if key not in series and self.rng.random() < 0.5:
                row = Series(interval_weeks=1)
                self.orm.add(row)
                self.orm.flush()
                series[key] = row.id
            slot = _Slot(
                worker,
                service,
                _at(day, hour),
                service.default_minutes,
                [client],
                SessionKind.INDIVIDUAL,
                1,
                series_id=series.get(key),
            )
            out.append(self._new(slot))
        return out

    def _new(self, slot: _Slot) -> Session:
        booked_at = slot.start - timedelta(days=21)
        new = NewSession(
            worker_id=slot.worker.id,
            service_id=slot.service.id,
            starts_at=slot.start,
            minutes=slot.minutes,
            client_ids=tuple(c.id for c in slot.clients),
            location_id=self.clinic_id,
            kind=slot.kind,
            capacity=slot.capacity,
            series_id=slot.series_id,
        )
        s = add_session(self.at(booked_at), new)
        if slot.paid == PaidWith.CREDITS:
            day = slot.start.astimezone(TZ).date()
            for b in s.bookings:
                # A class client buys a 10-class pass before their first class and again when
                # it runs out, as the desk sells them (Accounts ▸ Sell a class pack…).
                if usable(buckets_of(self.uow, b.client_id), day) < 1:
                    sold = booked_at - timedelta(days=1 + b.client_id % 8)
                    sale = PackSale(b.client_id, "10-class pass", 10, "300.00", "card")
                    sell_pack(self.at(sold, self.reception), sale, by=self.reception, at=sold)
                pay_with_credit(
                    self.at(booked_at, self.reception), b, by=self.reception, at=booked_at
                )
        return s

    def history(self, sessions: list[Session], now: datetime) -> None:
        """Past sessions resolved the way a real month goes; a few future ones already cancelled."""
        client_reason = reasons_for(self.uow, CancelledBy.CLIENT)
        worker_reason = reasons_for(self.uow, CancelledBy.WORKER)
        for s in sessions:
            roll = self.rng.random()
            # The past is resolved, except this morning and a few from the last two days that
            # nobody got to: they sit on the Unresolved worklist.
            forgotten = s.starts_at > now - timedelta(days=2) and roll > 0.9
            if s.starts_at < now - timedelta(hours=3) and not forgotten:
                self._past(s, roll, client_reason, worker_reason)
            elif s.starts_at > now and roll < 0.06:
                advised = min(
                    now - timedelta(minutes=5),
                    s.starts_at - timedelta(hours=self.rng.choice([2, 20, 50, 200])),
                )
                self._cancel(s, advised, CancelledBy.CLIENT, client_reason)

    def _past(
        self,
        s: Session,
        roll: float,
        client_reason: list[tuple[int, str]],
        worker_reason: list[tuple[int, str]],
    ) -> None:
        if roll < 0.09:
            hours = self.rng.choice([3, 18, 30, 52, 100, 170])
            self._cancel(s, s.starts_at - timedelta(hours=hours), CancelledBy.CLIENT, client_reason)
        elif roll < 0.11:
            self._cancel(s, s.starts_at - timedelta(hours=20), CancelledBy.WORKER, worker_reason)
        elif roll < 0.15:
            first = s.bookings[0]
            mark_did_not_attend(self.at(s.starts_at + timedelta(minutes=20)), s.id, [first.id])
            if len(s.bookings) > 1:
                complete_session(self.at(s.ends_at), s.id)
        else:
            complete_session(self.at(s.ends_at), s.id)

    def _cancel(
        self, s: Session, advised: datetime, who: CancelledBy, reasons: list[tuple[int, str]]
    ) -> None:
        reason_id = reasons[self.rng.randrange(len(reasons))][0]
        booking_ids = (s.bookings[0].id,) if who == CancelledBy.CLIENT else ()
        note = self.rng.choice(["", "Called reception", "Left a voicemail", "Emailed the clinic"])
        cancel(
            self.at(advised + timedelta(minutes=1)),
            CancelRequest(
                session_id=s.id,
                cancelled_by=who,
                advised_at=advised,
                reason_id=reason_id,
                booking_ids=booking_ids,
                note=note,
            ),
        )

    def money_and_notes(self, sessions: list[Session], now: datetime) -> None:
        """Payments on private sessions, notes (one finalized), one insurer billing — each
        through the service the desk uses, by the user who would have done it."""
        admin = practice.first_admin(self.uow)
        manager = Actor(admin.id, admin.username, Role.ADMIN)
        done = [s for s in sessions if s.status.value == "completed"]
        for s in done:
            if s.service.code == "PHYSIO-PRIV":
                # The clients who came pay the price; a place cancelled or missed owes its
                # charge instead, and the price paid for it would be asked about.
                for b in (b for b in s.bookings if b.status == BookingStatus.ATTENDED):
                    method = self.rng.choice(
                        [PaymentMethod.CARD, PaymentMethod.CASH, PaymentMethod.EFTPOS]
                    )
                    paid = PaymentRequest(s.id, b.client_id, method, s.price_cents,
                                          s.ends_at.astimezone(TZ).date())  # fmt: skip
                    post_payment(
                        self.at(s.ends_at, self.reception), paid, by=self.reception, at=s.ends_at
                    )
        for k, s in enumerate(done[:12]):
            save_note(self.at(s.ends_at), s.id, "Progress noted; continue plan.",
                      finalize=k == 0, by=manager, at=s.ends_at)  # fmt: skip
        insured = next((s for s in done if s.service.code == "PHYSIO-PRIV"), None)
        if insured is not None:
            billed = insured.ends_at + timedelta(hours=2)
            claim = ClaimRequest(insured.id, insured.bookings[0].client_id, "Bupa", "BUPA-204417",
                                 billed.astimezone(TZ).date(), insured.price_cents)  # fmt: skip
            mark_billed(self.at(billed), claim, by=manager, at=billed)

    def users(self) -> None:
        """The demo's three sign-ins; the password is the user name (the README says so)."""
        admin = practice.first_admin(self.uow)
        admin.password_hash = hash_password(admin.username)
        for username, name, role in (
            ("manager", "Practice manager", Role.MANAGER),
            ("reception", "Front desk", Role.RECEPTION),
        ):
            user = User(
                username=username,
                full_name=name,
                role=role,
                password_hash=hash_password(username),
                created_at=self.uow.now(),
            )
            self.orm.add(user)
            self.orm.flush()
            if role == Role.RECEPTION:  # who sells the packs and takes the payments
                self.reception = Actor(user.id, user.username, role)


def _fixed(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def generate_demo(db: Database, now: datetime, seed: int = 7) -> DemoSummary:
    """Fill an empty database with the demo practice, in one transaction."""
    from app.errors import ValidationError

    with db.write(Actor(0, "system", Role.ADMIN)) as boot:
        practice.ensure_reference_data(boot, PRACTICE_NAME)
        if boot.session.scalar(select(Session.id).limit(1)) is not None:
            raise ValidationError(
                translate(
                    "demo",
                    "This database already has sessions; the demo practice needs an empty one.",
                )
            )
        settings = practice.settings(boot)
        settings.name = PRACTICE_NAME
        settings.ndis_registration_number = "4050012345"
        settings.legal_name, settings.abn = LEGAL_NAME, ABN
        settings.invoice_payment = INVOICE_PAYMENT
        admin = practice.first_admin(boot)
        actor = Actor(admin.id, admin.username, admin.role)
        builder = _Builder(
            UnitOfWork(boot.session, _fixed(now), actor),
            now.astimezone(TZ).date(),
            random.Random(seed),
        )
        builder.people()
        builder.users()
        sessions = builder.sessions()
        builder.history(sessions, now)
        builder.money_and_notes(sessions, now)
        add_reminder_rules(builder.at(now))
        add_waiting_clients(lambda moment: builder.at(moment, builder.reception), now)
        workers = len(WORKERS)
        return DemoSummary(workers=workers, clients=60, sessions=len(sessions))
