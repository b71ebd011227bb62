"""Finding the demo practice's sessions a flow needs, and reading back what a flow wrote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session as Orm
from sqlalchemy.orm import selectinload

from app.bootstrap import AppContext
from app.models import Booking, Client, Service, Session, Worker
from app.models.enums import BookingStatus, Funding, PaidWith, SessionKind, SessionStatus
from app.services.desk import open_desk
from app.services.sessions.scheduling import NewSession, add_session
from tests.factory import local

T = TypeVar("T")


def read(ctx: AppContext, fn: Callable[[Orm], T]) -> T:
    """Run `fn` on a fresh ORM session of the flow's database (what another desk would see)."""
    with Orm(ctx.db.engine) as orm:
        return fn(orm)


def ids(ctx: AppContext, model: Any) -> set[int]:
    """Every id of a table now, so a flow can tell the rows it added."""
    return read(ctx, lambda orm: set(orm.scalars(select(model.id))))


def new_rows(ctx: AppContext, model: Any, before: set[int]) -> list[Any]:
    return read(
        ctx,
        lambda orm: list(
            orm.scalars(select(model).where(model.id.not_in(before)).order_by(model.id))
        ),
    )


def _rostered(orm: Orm, ctx: AppContext) -> list[Session]:
    now = ctx.db.clock()
    return list(
        orm.scalars(
            select(Session)
            .where(Session.status == SessionStatus.ROSTERED, Session.starts_at > now)
            .options(selectinload(Session.bookings))
            .order_by(Session.starts_at, Session.id)
        )
    )


def _booked(s: Session) -> int:
    return sum(1 for b in s.bookings if b.status == BookingStatus.BOOKED)


def future_individual(ctx: AppContext, *, series: bool = False) -> int:
    """A rostered one-client session later this week (in a series with a later one, or not)."""

    def pick(orm: Orm) -> int:
        now = ctx.db.clock()
        rows = _rostered(orm, ctx)
        for s in rows:
            if s.kind != SessionKind.INDIVIDUAL or _booked(s) != 1:
                continue
            if not now + timedelta(hours=3) < s.starts_at < now + timedelta(days=4):
                continue
            later = [o for o in rows if o.series_id == s.series_id and o.starts_at > s.starts_at]
            wanted = s.series_id is not None and bool(later) if series else s.series_id is None
            if wanted:
                return s.id
        raise AssertionError("the demo practice has no such session")

    return read(ctx, pick)


def credit_paid_place(ctx: AppContext) -> tuple[int, str]:
    """A class later this week with a client booked in it who paid the place with a class
    credit: (session, the client's name)."""

    def pick(orm: Orm) -> tuple[int, str]:
        for s in _rostered(orm, ctx):
            paid = [b for b in s.bookings if b.status == BookingStatus.BOOKED
                    and b.paid_with == PaidWith.CREDITS and b.credits_used]  # fmt: skip
            if s.kind == SessionKind.CLASS and paid:
                return s.id, paid[0].client.display_name
        raise AssertionError("the demo practice has no class paid with a credit")

    return read(ctx, pick)


def series_of(ctx: AppContext, session_id: int) -> list[int]:
    """The upcoming sessions of the series `session_id` belongs to, in time order."""

    def pick(orm: Orm) -> list[int]:
        series_id = orm.get(Session, session_id).series_id  # type: ignore[union-attr]
        return list(
            orm.scalars(
                select(Session.id)
                .where(Session.series_id == series_id, Session.starts_at > ctx.db.clock())
                .order_by(Session.starts_at)
            )
        )

    return read(ctx, pick)


def year_long_series(ctx: AppContext) -> list[int]:
    """A one-client series booked every week for a year from later this week: its sessions'
    ids, in time order (the demo's own series, carried on week after week)."""
    first = future_individual(ctx, series=True)

    def grow(orm: Orm) -> None:
        series = orm.get(Session, first).series_id  # type: ignore[union-attr]
        rows = list(orm.scalars(select(Session).where(Session.series_id == series)))
        last = max(rows, key=lambda s: s.starts_at)
        for week in range(1, 53 - len(rows) + 1):
            later = timedelta(weeks=week)
            copy = Session(worker_id=last.worker_id, service_id=last.service_id,
                           location_id=last.location_id, starts_at=last.starts_at + later,
                           ends_at=last.ends_at + later, kind=last.kind, capacity=last.capacity,
                           price_cents=last.price_cents, series_id=series, title=last.title,
                           status=SessionStatus.ROSTERED, created_at=last.created_at,
                           updated_at=last.updated_at)  # fmt: skip
            copy.bookings = [Booking(client_id=b.client_id, status=BookingStatus.BOOKED,
                                     paid_with=PaidWith.INVOICE, created_at=b.created_at)
                             for b in last.bookings]  # fmt: skip
            orm.add(copy)
        orm.commit()

    read(ctx, grow)
    return series_of(ctx, first)


def full_group(ctx: AppContext) -> int:
    """The next group session with at least two clients, its capacity set to its bookings (full),
    so a place one of them frees can be refilled."""

    def pick(orm: Orm) -> int:
        for s in _rostered(orm, ctx):
            if s.kind == SessionKind.GROUP and _booked(s) >= 2:
                s.capacity = _booked(s)
                orm.commit()
                return s.id
        raise AssertionError("the demo practice has no group session")

    return read(ctx, pick)


def crowded_class(ctx: AppContext, clients: int = 40, *, started: bool = False) -> int:
    """The next class with `clients` more clients booked into it (places to match), booked days
    ago; with `started`, it began ten minutes ago."""

    def pick(orm: Orm) -> int:
        now = ctx.db.clock()
        s = next(x for x in _rostered(orm, ctx) if x.kind == SessionKind.CLASS)
        have = {b.client_id for b in s.bookings}
        active = orm.scalars(select(Client.id).where(Client.active.is_(True)).order_by(Client.id))
        more = [c for c in active if c not in have][:clients]
        assert len(more) == clients, "the demo practice has too few clients"
        booked_at = now - timedelta(days=3)
        for c in more:
            s.bookings.append(Booking(client_id=c, status=BookingStatus.BOOKED,
                                      paid_with=PaidWith.INVOICE, created_at=booked_at))  # fmt: skip
        s.capacity = len(s.bookings)
        if started:
            length = s.ends_at - s.starts_at
            s.starts_at = now - timedelta(minutes=10)
            s.ends_at = s.starts_at + length
        orm.commit()
        return s.id

    return read(ctx, pick)


def started_unresolved(ctx: AppContext) -> int:
    """A session that started today and is neither completed nor cancelled."""

    def pick(orm: Orm) -> int:
        now = ctx.db.clock()
        found = orm.scalar(
            select(Session.id)
            .where(
                Session.status == SessionStatus.ROSTERED,
                Session.starts_at <= now,
                Session.starts_at > now - timedelta(hours=6),
                Session.kind == SessionKind.INDIVIDUAL,
            )
            .order_by(Session.starts_at.desc())
            .limit(1)
        )
        assert found is not None, "no started, unresolved session today in the demo practice"
        return int(found)

    return read(ctx, pick)


def client_funded(ctx: AppContext, sid: int, *, ndis: bool) -> None:
    """The session's clients are NDIS participants, or private clients paying for themselves
    (what they owe for it is theirs to pay: a payment taken for it is asked about no more)."""

    def change(orm: Any) -> None:
        for booking in orm.get(Session, sid).bookings:
            client = booking.client
            client.funding = Funding.NDIS if ndis else Funding.PRIVATE
            client.ndis_number = "430000001" if ndis else None
            client.funder_id = None
        orm.commit()

    read(ctx, change)


def booking_statuses(ctx: AppContext, session_id: int) -> dict[str, BookingStatus]:
    """Client name → booking status in one session."""

    def pick(orm: Orm) -> dict[str, BookingStatus]:
        rows = orm.scalars(
            select(Booking)
            .where(Booking.session_id == session_id)
            .options(selectinload(Booking.client))
        )
        return {b.client.display_name: b.status for b in rows}

    return read(ctx, pick)


def count(ctx: AppContext, model: Any, *where: Any) -> int:
    return read(
        ctx, lambda orm: int(orm.scalar(select(func.count()).select_from(model).where(*where)) or 0)
    )


def overnight(ctx: AppContext) -> tuple[Worker, int]:
    """A session of the first worker from Wednesday 23:00 to Thursday 00:30: the worker, its id."""
    worker = read(ctx, lambda orm: orm.scalars(
        select(Worker).where(Worker.active.is_(True)).order_by(Worker.id)).first())  # fmt: skip
    service = read(ctx, lambda orm: orm.scalars(
        select(Service.id).where(Service.active.is_(True)).order_by(Service.id)).first())  # fmt: skip
    made = NewSession(worker_id=worker.id, service_id=service,
                      starts_at=local(2026, 4, 1, 23), minutes=90, client_ids=())  # fmt: skip
    return worker, open_desk(ctx.db, "admin").write(lambda uow: add_session(uow, made).id)
