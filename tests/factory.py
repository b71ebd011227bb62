"""A small practice built by hand, so each lifecycle test controls every detail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.bootstrap import AppContext
from app.db import Actor, UnitOfWork
from app.models import CancellationReason, Client, Series, Service, User, Worker, WorkingHours
from app.models.enums import (
    BillingProfile,
    CancelledBy,
    Funding,
    IntegrationKind,
    PaidWith,
    Role,
    ServiceUnit,
    SessionKind,
)
from app.services import practice
from app.services.auth import hash_password
from app.services.dto import CancelRequest
from app.services.sessions.scheduling import NewSession, add_session
from tests.conftest import FakeClock

T = TypeVar("T")
SYD = ZoneInfo("Australia/Sydney")


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    """A Sydney wall time as an aware datetime."""
    return datetime(y, mo, d, h, mi, tzinfo=SYD)


class World:
    """Builds records directly and runs services as a chosen user."""

    def __init__(self, ctx: AppContext, clock: FakeClock) -> None:
        self.ctx, self.clock, self.db = ctx, clock, ctx.db
        self.admin = self._user("admin")
        self.manager = self._add_user("mgr", Role.MANAGER)
        self.reception = self._add_user("desk", Role.RECEPTION)

    def _user(self, username: str) -> Actor:
        with self.db.read() as uow:
            u = uow.session.scalar(select(User).where(User.username == username))
            assert u is not None
            return Actor(u.id, u.username, u.role)

    def _add_user(self, username: str, role: Role) -> Actor:
        with self.db.write(
            self.admin if hasattr(self, "admin") else Actor(0, "system", Role.ADMIN)
        ) as uow:
            u = User(
                username=username,
                full_name=username.title(),
                role=role,
                password_hash=hash_password(username),
                created_at=uow.now(),
            )
            uow.session.add(u)
            uow.session.flush()
            return Actor(u.id, u.username, u.role)

    def run(self, actor: Actor, fn: Callable[[UnitOfWork], T]) -> T:
        with self.db.write(actor) as uow:
            return fn(uow)

    def read(self, fn: Callable[[UnitOfWork], T]) -> T:
        with self.db.read(self.admin) as uow:
            return fn(uow)

    def settings(self, **values: object) -> None:
        def apply(uow: UnitOfWork) -> None:
            row = practice.settings(uow)
            for k, v in values.items():
                setattr(row, k, v)

        self.run(self.admin, apply)

    def use_private_profile(self) -> None:
        self.settings(billing_profile=BillingProfile.PRIVATE)

    def use_integration(self, kind: IntegrationKind, name: str = "PracticeHub") -> None:
        self.settings(
            integration_kind=kind,
            integration_config={"name": name, "url": "http://127.0.0.1:9/hook"},
        )

    def worker(
        self, name: str = "Dr Maya Chen", days: range = range(5), start_h: int = 8, end_h: int = 18
    ) -> int:
        def add(uow: UnitOfWork) -> int:
            # A second worker made with the same name is told apart, as the practice must.
            taken = {n.lower() for n in uow.session.scalars(select(Worker.name))}
            given, n = name, 1
            while given.lower() in taken:
                n += 1
                given = f"{name} {n}"
            w = Worker(name=given, skills="physio")
            w.hours = [
                WorkingHours(weekday=d, start_minute=start_h * 60, end_minute=end_h * 60)
                for d in days
            ]
            uow.session.add(w)
            uow.session.flush()
            return w.id

        return self.run(self.admin, add)

    def client(
        self,
        name: str = "Olivia Smith",
        *,
        email: str | None = "olivia@mail.example",
        consent: bool = True,
        funding: Funding = Funding.NDIS,
    ) -> int:
        first, last = name.split(" ", 1)

        def add(uow: UnitOfWork) -> int:
            c = Client(
                first_name=first,
                last_name=last,
                email=email,
                notify_consent=consent,
                funding=funding,
                ndis_number="430000001" if funding is Funding.NDIS else None,
            )
            uow.session.add(c)
            uow.session.flush()
            return c.id

        return self.run(self.admin, add)

    def service(
        self,
        code: str = "15_055_0128_1_3",
        price: int = 19399,
        *,
        sw: bool = False,
        allows: bool = True,
        unit: ServiceUnit = ServiceUnit.HOUR,
        minutes: int = 60,
    ) -> int:
        def add(uow: UnitOfWork) -> int:
            s = Service(
                code=code,
                name=f"Service {code}",
                price_cents=price,
                unit=unit,
                default_minutes=minutes,
                allows_cancellation_charge=allows,
                support_worker_pricing=sw,
            )
            uow.session.add(s)
            uow.session.flush()
            return s.id

        return self.run(self.admin, add)

    def series(self) -> int:
        def add(uow: UnitOfWork) -> int:
            s = Series(interval_weeks=1)
            uow.session.add(s)
            uow.session.flush()
            return s.id

        return self.run(self.admin, add)

    def session(
        self,
        worker: int,
        service: int,
        start: datetime,
        clients: list[int],
        *,
        minutes: int = 60,
        kind: SessionKind = SessionKind.INDIVIDUAL,
        capacity: int = 1,
        series_id: int | None = None,
        paid_with: PaidWith = PaidWith.INVOICE,
    ) -> int:
        new = NewSession(
            worker_id=worker,
            service_id=service,
            starts_at=start,
            minutes=minutes,
            client_ids=tuple(clients),
            kind=kind,
            capacity=capacity,
            series_id=series_id,
            paid_with=paid_with,
        )
        return self.run(self.admin, lambda uow: add_session(uow, new).id)

    def reason(self, code: str) -> int:
        rid = self.read(
            lambda uow: uow.session.scalar(
                select(CancellationReason.id).where(CancellationReason.code == code)
            )
        )
        assert rid is not None, code
        return rid

    def reasons(self, who: CancelledBy, profile: str = "ndis") -> list[str]:
        return list(
            self.read(
                lambda uow: uow.session.scalars(
                    select(CancellationReason.code).where(
                        CancellationReason.applies_to == who,
                        CancellationReason.profile == profile,
                        CancellationReason.is_no_show.is_(False),
                    )
                )
            )
        )

    def bookings(self, session_id: int) -> dict[int, int]:
        """client id → booking id."""
        from app.models import Booking

        rows = self.read(
            lambda uow: uow.session.execute(
                select(Booking.client_id, Booking.id).where(Booking.session_id == session_id)
            ).all()
        )
        return {c: b for c, b in rows}

    def client_request(
        self, session_id: int, clients: list[int], reason: str, advised: datetime, **kw: object
    ) -> CancelRequest:
        by_client = self.bookings(session_id)
        return CancelRequest(
            session_id=session_id,
            cancelled_by=CancelledBy.CLIENT,
            advised_at=advised,
            reason_id=self.reason(reason),
            booking_ids=tuple(by_client[c] for c in clients),
            **kw,
        )  # type: ignore[arg-type]
