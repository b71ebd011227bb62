"""The schedule's snapshot of a range: its blocks, their clients and the workers' rows."""

from __future__ import annotations

from datetime import UTC, timedelta

from app.db import UnitOfWork
from app.models import Booking, Worker
from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.services.dto import BookingInfo, SessionBlock
from app.services.schedule import blocks as schedule_blocks
from app.services.schedule import queries as schedule_queries
from tests.factory import World, local


def _set_inactive(world: World, worker_id: int) -> None:
    def apply(uow: UnitOfWork) -> None:
        worker = uow.session.get(Worker, worker_id)
        assert worker is not None
        worker.active = False

    world.run(world.admin, apply)


def _cancel_booking(world: World, session_id: int, client_id: int) -> None:
    booking_id = world.bookings(session_id)[client_id]

    def apply(uow: UnitOfWork) -> None:
        booking = uow.session.get(Booking, booking_id)
        assert booking is not None
        booking.status = BookingStatus.CANCELLED

    world.run(world.admin, apply)


def test_a_snapshot_holds_every_overlapping_session_with_its_clients_and_the_rows_to_show(
    world: World,
) -> None:
    maya, former, idle = (
        world.worker("Maya Chen"),
        world.worker("Ann Former"),
        world.worker("Zed Idle"),
    )
    gone = world.worker("Bea Gone")
    olivia, noah, ivy = (
        world.client("Olivia Smith"),
        world.client("Noah Jones"),
        world.client("Ivy Li"),
    )
    service = world.service()
    single = world.session(maya, service, local(2026, 4, 7, 9), [olivia])
    group = world.session(
        former, service, local(2026, 4, 8, 10), [noah, ivy, olivia],
        kind=SessionKind.GROUP, capacity=4,
    )  # fmt: skip
    overnight = world.session(maya, service, local(2026, 4, 5, 23), [ivy], minutes=120)
    world.session(maya, service, local(2026, 4, 5, 9), [noah])  # ends before the range
    world.session(gone, service, local(2026, 3, 30, 9), [noah])  # the week before
    _cancel_booking(world, group, ivy)
    _set_inactive(world, former)
    _set_inactive(world, gone)
    start = local(2026, 4, 6, 0).astimezone(UTC)
    end = start + timedelta(days=7)

    snap = world.read(lambda uow: schedule_queries.load_snapshot(uow, start, end))

    assert [b.id for b in snap.blocks] == [overnight, single, group]  # by start
    # Former workers get a row only when a session of the range is theirs.
    assert [(w.name, w.active) for w in snap.workers] == [
        ("Ann Former", False), ("Maya Chen", True), ("Zed Idle", True),
    ]  # fmt: skip
    assert idle in {w.id for w in snap.workers}
    by_id = {b.id: b for b in snap.blocks}
    g = by_id[group]
    assert (g.worker_name, g.kind, g.capacity, g.status) == (
        "Ann Former", SessionKind.GROUP, 4, SessionStatus.ROSTERED,
    )  # fmt: skip
    assert [(c.client_name, c.status) for c in g.clients] == [
        ("Noah Jones", BookingStatus.BOOKED),
        ("Ivy Li", BookingStatus.CANCELLED),
        ("Olivia Smith", BookingStatus.BOOKED),
    ]
    assert [c.client_name for c in by_id[single].clients] == ["Olivia Smith"]
    assert [c.client_name for c in by_id[overnight].clients] == ["Ivy Li"]
    assert by_id[single].starts_at == local(2026, 4, 7, 9)
    assert by_id[overnight].ends_at == local(2026, 4, 6, 1)
    for b in snap.blocks:
        assert b.starts_at.tzinfo is UTC and b.ends_at.tzinfo is UTC
        _same_as_constructed(b)


def _same_as_constructed(block: SessionBlock) -> None:
    """The DTOs are made without their __new__: they must equal, hash and print as if built by
    it, and be the class's own instances."""
    clients = tuple(BookingInfo(**c._asdict()) for c in block.clients)
    built = SessionBlock(**(block._asdict() | {"clients": clients}))
    assert built == block and hash(built) == hash(block) and repr(built) == repr(block)
    assert type(block) is SessionBlock and all(type(c) is BookingInfo for c in block.clients)
    assert built._asdict() == block._asdict()


def test_the_schedule_of_some_workers_and_of_another_range_reuses_no_earlier_values(
    world: World,
) -> None:
    maya, sam = world.worker("Maya Chen"), world.worker("Sam Carer")
    olivia = world.client("Olivia Smith")
    service = world.service()
    first = world.session(maya, service, local(2026, 4, 7, 9), [olivia])
    second = world.session(sam, service, local(2026, 4, 7, 11), [olivia])
    later = world.session(maya, service, local(2026, 4, 14, 9), [olivia])
    week = local(2026, 4, 6, 0).astimezone(UTC)

    def ids(days: int, workers: list[int] | None = None, offset: int = 0) -> list[int]:
        start = week + timedelta(days=offset)
        return [
            b.id
            for b in world.read(
                lambda uow: schedule_blocks.load_schedule(
                    uow, start, start + timedelta(days=days), workers
                )
            )
        ]

    assert ids(7) == [first, second]
    assert ids(7, [sam]) == [second]
    assert ids(7, offset=7) == [later]
    assert ids(1) == []
    assert ids(14, [maya]) == [first, later]
