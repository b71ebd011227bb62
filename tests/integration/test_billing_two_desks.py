"""SPEC section 6: two desks acting on one session never lose an update — the second gets
"changed at another desk, reloaded". Here a manager marks a session billed to an insurer while
another desk moves it, at the same moment, on PostgreSQL (SQLite desks write one at a time): the
billing's check passes before the move is saved, and the session's version, which a billing
moves on, is what stops it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import func, select

from app.errors import ConflictError
from app.models import InsuranceClaim, Session
from app.services.money import insurance
from app.services.sessions.scheduling import reschedule_session
from tests.factory import World, local
from tests.integration.test_payment_delete_two_desks import CHANGED, _session, _while_open


def _bill(world: World, sid: int, client: int) -> Callable[[Any], object]:
    """The billing as a desk that read the session before either change confirms it."""
    seen = world.read(lambda uow: uow.session.get(Session, sid).version)
    request = insurance.ClaimRequest(
        sid, client, "Bupa", "BUPA-9", date(2026, 4, 1), 9500, expected_version=seen
    )
    return lambda uow: insurance.mark_billed(uow, request)


def _counts(world: World, sid: int) -> tuple[int, int]:
    def read(uow: Any) -> tuple[int, int]:
        sessions = uow.session.scalar(select(func.count(Session.id)).where(Session.id == sid))
        billed = uow.session.scalar(
            select(func.count(InsuranceClaim.id)).where(InsuranceClaim.session_id == sid)
        )
        return int(sessions), int(billed)

    return world.read(read)


def test_a_billing_confirmed_while_another_desk_moves_the_session_is_refused_as_changed(
    world: World,
) -> None:
    sid, client = _session(world)
    bill = _bill(world, sid, client)

    def move(uow: Any) -> object:
        return reschedule_session(uow, sid, local(2026, 4, 8, 11), allow_conflicts=True)

    outcome = _while_open(world, (world.reception, move), (world.manager, bill))

    assert isinstance(outcome, ConflictError) and outcome.message == CHANGED
    assert _counts(world, sid) == (1, 0)
    moved = world.read(lambda uow: uow.session.get(Session, sid).starts_at)
    assert moved == local(2026, 4, 8, 11)
