"""SPEC section 6: the last administrator can't lock the practice out — also when two
administrators act at the same moment at two desks (SQLite, PostgreSQL). Each desk checks that
another administrator remains; without one order between the two, both checks pass and both
changes are saved, leaving no administrator at all."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db import Database, make_engine
from app.errors import AccountChangedError, NotAllowedError
from app.models import User
from app.models.enums import Role
from app.services import users
from app.services.desk import Desk, open_desk
from tests.factory import World


@pytest.fixture
def second_desk(world: World) -> Iterator[Database]:
    """Desk 2: the same database through an engine of its own."""
    db = Database(make_engine(world.ctx.url), world.clock, audit_keys=world.db.audit_keys)
    yield db
    db.dispose()


def _two_admins(world: World, second_desk: Database) -> tuple[Desk, Desk]:
    boss = open_desk(world.db, "admin")
    boss.write(lambda uow: users.create_user(uow, "deputy", "Deputy", Role.ADMIN, "long enough 1"))
    return boss, open_desk(second_desk, "deputy")


def _at_once(
    monkeypatch: pytest.MonkeyPatch, calls: list[tuple[Desk, Callable[[Any], object]]]
) -> list[object]:
    """Run each desk's write in a thread of its own; each waits (a moment at most) after its
    last-administrator check for the other to have checked too, as two desks pressing OK at
    once would. What each returned or raised, in order."""
    meeting = threading.Barrier(len(calls), timeout=2)
    checked = users._last_admin

    def check_then_meet(uow: Any, user: User) -> bool:
        answer = checked(uow, user)
        # Broken: the other desk waits for this one (one order), so go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            meeting.wait()
        return answer

    monkeypatch.setattr(users, "_last_admin", check_then_meet)
    outcome: list[object] = [None] * len(calls)

    def run(k: int, desk: Desk, fn: Callable[[Any], object]) -> None:
        try:
            outcome[k] = desk.write(fn)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test asserts
            outcome[k] = exc

    threads = [threading.Thread(target=run, args=(k, *c)) for k, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome


def _active_admins(world: World) -> int:
    return int(
        world.read(
            lambda uow: uow.session.scalar(
                select(func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True))
            )
        )
    )


def test_two_administrators_disabling_each_other_at_once_leave_one_administrator(
    world: World, second_desk: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss, deputy = _two_admins(world, second_desk)

    outcome = _at_once(
        monkeypatch,
        [
            (boss, lambda uow: users.set_active(uow, deputy.actor.user_id, False)),
            (deputy, lambda uow: users.set_active(uow, boss.actor.user_id, False)),
        ],
    )

    assert _active_admins(world) == 1
    refused = [o for o in outcome if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], AccountChangedError)
    assert refused[0].message.startswith(
        "An administrator has disabled your account since you signed in, so this was not saved."
    )


def test_two_administrators_each_stepping_down_at_once_leave_one_administrator(
    world: World, second_desk: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss, deputy = _two_admins(world, second_desk)

    outcome = _at_once(
        monkeypatch,
        [
            (boss, lambda uow: users.set_role(uow, boss.actor.user_id, Role.MANAGER)),
            (deputy, lambda uow: users.set_role(uow, deputy.actor.user_id, Role.MANAGER)),
        ],
    )

    assert _active_admins(world) == 1
    refused = [o for o in outcome if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], NotAllowedError)
    assert refused[0].message == (
        "This is the last administrator; make someone else an administrator first."
    )
