"""SPEC section 6: an administrator's change to an account (disabled, a new role) takes effect at
once on every desk. Two desks share one database (SQLite, PostgreSQL): desk 1 is the
administrator's, desk 2 the user's, each with its own engine; desk 2 still holds the role it
signed in with, and its next write is refused with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import SYSTEM_ACTOR, Database, make_engine
from app.errors import AccountChangedError, PermissionDeniedError
from app.models import AuditEvent, BulkCancelJob, Cancellation, OutboxMessage
from app.models.enums import BookingStatus, Role
from app.services import practice, signin, users
from app.services.bulk import run as bulk_run
from app.services.desk import Desk, open_desk
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local

NOW = local(2026, 4, 1, 9)
DISABLED = (
    "An administrator has disabled your account since you signed in, so this was not saved. "
    "Ask an administrator if you need the account again."
)


@pytest.fixture
def second_desk(world: World) -> Iterator[Database]:
    """Desk 2: the same database through an engine of its own."""
    db = Database(make_engine(world.ctx.url), world.clock, audit_keys=world.db.audit_keys)
    yield db
    db.dispose()


def _booked(world: World) -> tuple[int, int]:
    """A session with one client booked in it, and the client."""
    sids, client = _sessions(world, 1)
    return sids[0], client


def _sessions(world: World, n: int) -> tuple[list[int], int]:
    """`n` sessions a day apart, one client booked in each."""
    world.clock.set(NOW)
    w, svc, c = world.worker(), world.service(), world.client()
    return [world.session(w, svc, NOW + timedelta(days=9 + k), [c]) for k in range(n)], c


def _cancel(world: World, sid: int, client: int) -> object:
    request = world.client_request(sid, [client], "ndis_health", NOW)
    return lambda uow: cancel_booking(uow, request)


def _written(world: World) -> tuple[int, int, int]:
    """Cancellations, outbox messages and audit events: what a write would have added."""

    def count(model: type) -> int:
        return int(
            world.read(lambda uow: uow.session.scalar(select(func.count()).select_from(model)))
        )

    return count(Cancellation), count(OutboxMessage), count(AuditEvent)


def _status(world: World, sid: int) -> BookingStatus:
    from app.models import Booking

    return world.read(
        lambda uow: uow.session.scalar(select(Booking.status).where(Booking.session_id == sid))
    )


def test_a_receptionist_disabled_at_another_desk_cannot_cancel_and_nothing_is_written(
    world: World, second_desk: Database
) -> None:
    sid, client = _booked(world)
    desk2 = open_desk(second_desk, "desk")
    assert desk2.account().actor == desk2.actor  # nothing changed yet: the poll does nothing
    desk1 = open_desk(world.db, "admin")
    desk1.write(lambda uow: users.set_active(uow, desk2.actor.user_id, False))
    before = _written(world)

    with pytest.raises(AccountChangedError) as refused:
        desk2.write(_cancel(world, sid, client))  # type: ignore[arg-type]

    assert refused.value.message == DISABLED and refused.value.disabled
    assert _written(world) == before and _status(world, sid) is BookingStatus.BOOKED
    assert desk2.account().actor is None  # the desk's poll sees it too: it signs out
    with second_desk.write(SYSTEM_ACTOR) as uow:  # no account behind it: nothing to confirm
        practice.ensure_reference_data(uow)
    desk1.write(_cancel(world, sid, client))  # type: ignore[arg-type]
    assert _status(world, sid) is BookingStatus.CANCELLED


def test_a_manager_demoted_at_another_desk_is_refused_once_then_works_with_the_new_role(
    world: World, second_desk: Database
) -> None:
    sid, client = _booked(world)
    desk2 = open_desk(second_desk, "mgr")
    world.run(desk2.actor, _cancel(world, sid, client))  # type: ignore[arg-type]
    open_desk(world.db, "admin").write(
        lambda uow: users.set_role(uow, desk2.actor.user_id, Role.RECEPTION)
    )
    before = _written(world)

    with pytest.raises(AccountChangedError) as refused:
        desk2.write(lambda uow: undo_cancellation(uow, sid, "booked again"))

    assert refused.value.message == (
        "An administrator has changed your role to reception since you signed in, so this was "
        "not saved. Try again if your new role allows it."
    )
    assert refused.value.now == desk2.account().actor
    assert refused.value.now is not None and refused.value.now.role == Role.RECEPTION
    assert _written(world) == before and _status(world, sid) is BookingStatus.CANCELLED
    desk2.actor = refused.value.now  # what the window does with it
    with pytest.raises(PermissionDeniedError) as role:
        desk2.write(lambda uow: undo_cancellation(uow, sid, "booked again"))
    assert not isinstance(role.value, AccountChangedError)
    assert "Your role (reception) cannot undo cancellation" in role.value.message


def test_an_administrator_demoted_at_another_desk_cannot_queue_a_bulk_cancellation(
    world: World, second_desk: Database, tmp_path: Path
) -> None:
    sid, _client = _booked(world)
    boss = open_desk(world.db, "admin")
    second = boss.write(
        lambda uow: users.create_user(uow, "deputy", "Deputy", Role.ADMIN, "long enough 1")
    )
    desk2 = open_desk(second_desk, "deputy")
    boss.write(lambda uow: users.set_role(uow, second.id, Role.MANAGER))
    reason = _practice_reason(world)

    with pytest.raises(AccountChangedError):
        bulk_run.queue_bulk_cancel(desk2.db, desk2.actor, [sid], reason, "", tmp_path / "plan.csv")

    jobs = world.read(lambda uow: uow.session.scalar(select(func.count(BulkCancelJob.id))))
    assert jobs == 0 and _status(world, sid) is BookingStatus.BOOKED
    now = desk2.account().actor
    assert now is not None and now.role == Role.MANAGER


def test_a_receptionist_promoted_at_another_desk_is_refused_once_then_has_the_new_rights(
    world: World, second_desk: Database
) -> None:
    sid, client = _booked(world)
    desk2 = open_desk(second_desk, "desk")
    open_desk(world.db, "admin").write(
        lambda uow: users.set_role(uow, desk2.actor.user_id, Role.MANAGER)
    )
    before = _written(world)

    with pytest.raises(AccountChangedError) as refused:
        desk2.write(_cancel(world, sid, client))  # type: ignore[arg-type]

    assert "changed your role to manager" in refused.value.message
    assert _written(world) == before and _status(world, sid) is BookingStatus.BOOKED
    desk2.actor = desk2.account().actor  # type: ignore[assignment]
    assert desk2.actor.role == Role.MANAGER
    desk2.write(_cancel(world, sid, client))  # type: ignore[arg-type]
    desk2.write(lambda uow: undo_cancellation(uow, sid, "booked again"))  # a manager's right
    assert _status(world, sid) is BookingStatus.BOOKED


def test_a_single_user_desk_follows_the_first_administrator_when_its_account_changes(
    world: World, second_desk: Database
) -> None:
    world.settings(single_user_mode=True)
    single = open_desk(second_desk)  # no sign-in: the first active administrator
    boss = open_desk(world.db, "admin")
    other = boss.write(
        lambda uow: users.create_user(uow, "deputy", "Deputy", Role.ADMIN, "long enough 1")
    )
    deputy = Desk(world.db, signin.sign_in(world.db, "deputy", "long enough 1"))
    deputy.write(lambda uow: users.set_active(uow, single.actor.user_id, False))

    with pytest.raises(AccountChangedError):
        single.write(lambda uow: practice.ensure_reference_data(uow))
    account = single.account()

    assert account.single_user and account.actor is not None
    assert (account.actor.user_id, account.actor.role) == (other.id, Role.ADMIN)
    single.actor = account.actor
    single.write(lambda uow: practice.ensure_reference_data(uow))


def test_a_running_bulk_job_stops_at_its_next_batch_once_its_administrator_is_demoted(
    world: World, second_desk: Database, tmp_path: Path
) -> None:
    sids, _client = _sessions(world, 3)
    boss = open_desk(world.db, "admin")
    second = boss.write(
        lambda uow: users.create_user(uow, "deputy", "Deputy", Role.ADMIN, "long enough 1")
    )
    desk2 = open_desk(second_desk, "deputy")
    created = bulk_run.queue_bulk_cancel(
        desk2.db, desk2.actor, sids, _practice_reason(world), "", tmp_path / "plan.csv"
    )
    done: list[int] = []

    def demote_after_first_batch(n: int, _total: int) -> None:
        done.append(n)
        if n == 1:
            boss.write(lambda uow: users.set_role(uow, second.id, Role.MANAGER))

    with pytest.raises(AccountChangedError):
        bulk_run.run_bulk_job(desk2.db, created.job_id, desk2.actor, demote_after_first_batch,
                              batch_size=1)  # fmt: skip

    assert done == [1]
    cancelled, booked = BookingStatus.CANCELLED, BookingStatus.BOOKED
    assert [_status(world, s) for s in sids] == [cancelled, booked, booked]


def _practice_reason(world: World) -> int:
    return world.reason("practice_closure")
