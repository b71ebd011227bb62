"""SPEC section 3: staff may waive a charge, with a reason — a did-not-attend's no-show charge
as a cancellation's, by the same rule and refusals."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.errors import PermissionDeniedError, ValidationError
from app.models import Booking, ServiceDelivered
from app.models.enums import BookingStatus
from app.services.sessions.attendance import mark_did_not_attend, preview_did_not_attend
from tests.factory import World, local


def _started(world: World) -> int:
    world.clock.set(local(2026, 4, 6, 8))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    world.clock.set(local(2026, 4, 6, 9, 20))
    return sid


def _booking(world: World) -> Booking:
    return world.read(lambda uow: uow.session.scalar(select(Booking)))


def test_a_manager_waives_the_no_show_charge_with_a_reason_and_no_sd_is_made(world: World) -> None:
    sid = _started(world)
    preview = world.run(world.manager, lambda uow: preview_did_not_attend(uow, sid, [], True))
    assert [(p.charge_cents, p.waived, p.waived_cents) for p in preview] == [(0, True, 19399)]
    res = world.run(
        world.manager,
        lambda uow: mark_did_not_attend(uow, sid, waive=True, waiver_reason="  In hospital  "),
    )
    assert res.sd_ids == () and "waived" in res.message
    assert world.read(lambda uow: list(uow.session.scalars(select(ServiceDelivered)))) == []
    b = _booking(world)
    assert (b.status, b.no_show_waived, b.no_show_waiver_reason, b.no_show_waived_cents) == (
        BookingStatus.DNA,
        True,
        "In hospital",
        19399,
    )


def test_reception_may_not_waive_a_no_show_charge(world: World) -> None:
    sid = _started(world)
    with pytest.raises(PermissionDeniedError) as err:
        world.run(
            world.reception,
            lambda uow: mark_did_not_attend(uow, sid, waive=True, waiver_reason="Kind"),
        )
    assert (
        err.value.message == "Your role (reception) cannot waive a charge. Ask a manager to do it."
    )
    assert _booking(world).status == BookingStatus.BOOKED


@pytest.mark.parametrize("why", ["", "   "])
def test_waiving_a_no_show_charge_needs_a_reason(world: World, why: str) -> None:
    sid = _started(world)
    with pytest.raises(ValidationError) as err:
        world.run(
            world.manager, lambda uow: mark_did_not_attend(uow, sid, waive=True, waiver_reason=why)
        )
    assert err.value.message == "Say why the charge is waived."
    assert _booking(world).status == BookingStatus.BOOKED


@pytest.mark.parametrize(("waive", "why"), [("yes", "Kind"), ("false", ""), (True, None)])
def test_a_waiver_from_outside_is_checked_not_taken_at_its_word(
    world: World, waive: Any, why: Any
) -> None:
    sid = _started(world)
    with pytest.raises(ValidationError):
        world.run(
            world.manager, lambda uow: mark_did_not_attend(uow, sid, waive=waive, waiver_reason=why)
        )
    assert _booking(world).status == BookingStatus.BOOKED


def test_a_waiver_where_the_rule_charges_nothing_waives_nothing(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 8))
    w, svc, c = world.worker(), world.service(allows=False), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    world.clock.set(local(2026, 4, 6, 9, 20))
    world.run(
        world.manager, lambda uow: mark_did_not_attend(uow, sid, waive=True, waiver_reason="x")
    )
    b = _booking(world)
    assert (
        b.status == BookingStatus.DNA and not b.no_show_waived and b.no_show_waiver_reason is None
    )
