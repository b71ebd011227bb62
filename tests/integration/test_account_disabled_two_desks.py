"""SPEC section 6: roles are enforced in the service layer — also when an administrator disables
a receptionist at the very moment the receptionist's desk saves (PostgreSQL; SQLite desks write
one at a time). The desk's write is either refused with why, or ordered before the disable:
never saved after it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.errors import AccountChangedError
from app.models import Payment
from app.models.enums import Funding
from app.services import users
from app.services.money import payments
from app.services.money.payments import PaymentMethod, PaymentRequest
from tests.factory import World, local

DISABLED = (
    "An administrator has disabled your account since you signed in, so this was not saved. "
    "Ask an administrator if you need the account again."
)


def _session(world: World) -> tuple[int, int]:
    if world.db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite desks write one at a time: the two changes cannot overlap")
    world.clock.set(local(2026, 4, 1, 9))
    # A client paying for themselves: their session is theirs to pay.
    w, svc, c = world.worker(), world.service(), world.client(funding=Funding.PRIVATE)
    return world.session(w, svc, local(2026, 4, 8, 9), [c]), c


def _pay(sid: int, client: int) -> Callable[[Any], object]:
    request = PaymentRequest(sid, client, PaymentMethod.EFTPOS, 9500, date(2026, 4, 1))
    return lambda uow: payments.post_payment(uow, request)


def _in_thread(fn: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(fn())
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test asserts
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _waits_or_ends(world: World, thread: threading.Thread) -> bool:
    """True when the other desk waits for a lock this transaction holds; False when it ended
    without waiting."""
    waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted"
    for _ in range(200):
        if not thread.is_alive():
            return False
        with world.db.engine.connect() as conn:
            if conn.execute(text(waiting)).scalar():
                return True
        time.sleep(0.05)
    raise AssertionError("the other desk neither waited nor ended")


def _payments(world: World, sid: int) -> int:
    return int(
        world.read(
            lambda uow: uow.session.scalar(
                select(func.count(Payment.id)).where(Payment.session_id == sid)
            )
        )
    )


def test_a_receptionist_disabled_as_their_desk_begins_to_save_is_saved_before_the_disable(
    world: World,
) -> None:
    sid, client = _session(world)
    desk = world.reception

    with world.db.write(desk) as uow:
        uow.session.connection()  # the desk's write has begun: its account confirmed
        thread, outcome = _in_thread(
            lambda: world.db.transact(
                world.admin, lambda a: users.set_active(a, desk.user_id, False)
            )
        )
        disable_waited = _waits_or_ends(world, thread)
        _pay(sid, client)(uow)
    thread.join(30)

    # Saved, so the disable was ordered after it: it waited for the desk's write to finish.
    assert disable_waited, "the account was disabled while the desk's write was still open"
    assert not isinstance(outcome[0], Exception), outcome
    assert _payments(world, sid) == 1


def test_a_receptionist_saving_while_being_disabled_is_refused_with_why(world: World) -> None:
    sid, client = _session(world)
    desk = world.reception

    with world.db.write(world.admin) as uow:
        users.set_active(uow, desk.user_id, False)
        uow.session.flush()
        thread, outcome = _in_thread(lambda: world.db.transact(desk, _pay(sid, client)))
        _waits_or_ends(world, thread)
    thread.join(30)

    assert isinstance(outcome[0], AccountChangedError), outcome
    assert outcome[0].message == DISABLED
    assert _payments(world, sid) == 0
