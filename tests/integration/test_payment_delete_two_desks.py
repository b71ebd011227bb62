"""SPEC section 6: two desks acting on one session never lose an update — the second gets
"changed at another desk, reloaded". Here one desk takes a payment on a session while a manager
at another deletes it, at the same moment, on PostgreSQL (SQLite desks write one at a time):
each check passes before the other's change is saved, and the database's own link between the
payment and its session is what stops the second."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.db import Actor
from app.errors import ConflictError
from app.models import Payment, Session
from app.models.enums import Funding
from app.services.money import payments
from app.services.money.payments import PaymentRequest
from app.services.sessions.deletion import delete_session
from tests.factory import World, local

CHANGED = "This session was changed at another desk — reloaded. Check it and try again."


def _session(world: World) -> tuple[int, int]:
    if world.db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite desks write one at a time: the two changes cannot overlap")
    world.clock.set(local(2026, 4, 1, 9))
    # A client paying for themselves: their session is theirs to pay.
    w, svc, c = world.worker(), world.service(), world.client(funding=Funding.PRIVATE)
    return world.session(w, svc, local(2026, 4, 8, 9), [c]), c


def _pay(sid: int, client: int) -> Callable[[Any], object]:
    request = PaymentRequest(sid, client, "EFTPOS", 9500, date(2026, 4, 1))  # type: ignore[arg-type]
    return lambda uow: payments.post_payment(uow, request)


def _delete(sid: int) -> Callable[[Any], object]:
    return lambda uow: delete_session(uow, sid)


def _while_open(
    world: World, first: tuple[Actor, Callable[[Any], object]], second: tuple[Actor, Any]
) -> object:
    """`first` done but not yet saved; `second` started at another desk and left waiting on
    it; then `first` saved. What `second` returned or raised."""
    outcome: list[object] = []

    def run_second() -> None:
        try:
            outcome.append(world.run(*second))
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test asserts
            outcome.append(exc)

    with world.db.write(first[0]) as uow:
        first[1](uow)
        thread = threading.Thread(target=run_second)
        thread.start()
        _until_waiting(world)
    thread.join(30)
    return outcome[0]


def _until_waiting(world: World) -> None:
    """Until another connection waits for a lock this transaction holds."""
    waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted"
    for _ in range(200):
        with world.db.engine.connect() as conn:
            if conn.execute(text(waiting)).scalar():
                return
        time.sleep(0.05)
    raise AssertionError("the second desk never waited for the first")


def _counts(world: World, sid: int) -> tuple[int, int]:
    def read(uow: Any) -> tuple[int, int]:
        sessions = uow.session.scalar(select(func.count(Session.id)).where(Session.id == sid))
        paid = uow.session.scalar(select(func.count(Payment.id)).where(Payment.session_id == sid))
        return int(sessions), int(paid)

    return world.read(read)


def test_a_payment_taken_while_another_desk_deletes_the_session_is_refused_as_changed(
    world: World,
) -> None:
    sid, client = _session(world)

    outcome = _while_open(
        world, (world.manager, _delete(sid)), (world.reception, _pay(sid, client))
    )

    assert isinstance(outcome, ConflictError) and outcome.message == CHANGED
    assert _counts(world, sid) == (0, 0)


def test_a_delete_made_while_another_desk_takes_a_payment_is_refused_and_keeps_the_payment(
    world: World,
) -> None:
    sid, client = _session(world)

    outcome = _while_open(
        world, (world.reception, _pay(sid, client)), (world.manager, _delete(sid))
    )

    assert isinstance(outcome, ConflictError) and outcome.message == CHANGED
    assert _counts(world, sid) == (1, 1)
