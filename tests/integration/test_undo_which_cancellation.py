"""Undo cancellation when clients of a group cancelled apart: Undo stays open while any of their
cancellations can be undone, each blocked one carries the reason; greyed, it says why the latest
can't; and the undo itself still refuses a blocked one asked for by its id."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.errors import BlockedError
from app.models import Cancellation, ServiceDelivered
from app.models.enums import BookingStatus
from app.models.lifecycle import UNDO_EXTRACTED, Action, why_not
from app.services.schedule.details import session_details
from app.services.sessions.undo import undo_cancellation
from app.services.setup.editing import edit_session, session_draft
from tests.factory import World, local
from tests.integration.test_offers_desk_booking import _cancel, _group
from tests.integration.test_undo_refilled_place import _statuses


def _standing(world: World, sid: int) -> list[int]:
    return world.read(lambda uow: list(uow.session.scalars(select(Cancellation.id).where(
        Cancellation.session_id == sid, Cancellation.undone_at.is_(None))
        .order_by(Cancellation.id))))  # fmt: skip


def _extract(world: World, cancellation_id: int) -> None:
    def mark(uow):  # type: ignore[no-untyped-def]
        sds = list(uow.session.scalars(select(ServiceDelivered).where(
            ServiceDelivered.cancellation_id == cancellation_id)))  # fmt: skip
        assert sds, "the cancellation charged nothing"
        for sd in sds:
            sd.extracted_at = uow.now()

    world.run(world.admin, mark)


def _book(world: World, sid: int, client: int) -> None:
    """A new client is booked into the session at the desk (Edit session…)."""
    world.clock.advance(minutes=5)
    editable = world.read(lambda uow: session_draft(uow, sid))
    draft = replace(editable.draft, client_ids=(*editable.draft.client_ids, client))
    world.run(world.reception, lambda uow: edit_session(uow, sid, draft))


def _cancelled_apart(world: World) -> tuple[int, int, int]:
    """A full class of three; Ann and then Ben cancel on different occasions."""
    ann, ben = world.client("Ann Lee"), world.client("Ben Ray")
    sid = _group(world, [ann, ben, world.client("Cal Orr")], 3)
    world.clock.set(local(2026, 4, 8, 10))
    _cancel(world, sid, ann)
    world.clock.advance(minutes=30)
    _cancel(world, sid, ben)
    return sid, ann, ben


def test_undo_stays_open_while_an_earlier_cancellation_can_be_undone(world: World) -> None:
    sid, ann, ben = _cancelled_apart(world)
    earlier, latest = _standing(world, sid)
    _extract(world, latest)

    details = world.read(lambda uow: session_details(uow, sid))
    assert why_not(Action.UNDO, details.facts, world.clock()) is None
    assert details.facts.undo_blocker is None
    assert [(c.id, c.undo_blocker) for c in details.cancellations] == [
        (earlier, None),
        (latest, UNDO_EXTRACTED),
    ]


def test_the_undo_refuses_a_blocked_cancellation_asked_for_directly(world: World) -> None:
    sid, ann, ben = _cancelled_apart(world)
    earlier, latest = _standing(world, sid)
    _extract(world, latest)

    with pytest.raises(BlockedError):
        world.run(world.manager, lambda uow: undo_cancellation(
            uow, sid, "Rang back", cancellation_id=latest))  # fmt: skip
    assert _standing(world, sid) == [earlier, latest]

    world.run(world.manager, lambda uow: undo_cancellation(
        uow, sid, "Rang back", cancellation_id=earlier))  # fmt: skip
    assert _standing(world, sid) == [latest]
    statuses = _statuses(world, sid)
    assert (statuses[ann], statuses[ben]) == (BookingStatus.BOOKED, BookingStatus.CANCELLED)


def test_undo_is_greyed_with_the_latest_reason_when_none_can_be_undone(world: World) -> None:
    sid, _ann, _ben = _cancelled_apart(world)
    earlier, latest = _standing(world, sid)
    _extract(world, earlier)
    jane, sam = world.client("Jane Roe"), world.client("Sam Tan")
    _book(world, sid, jane)
    _book(world, sid, sam)  # both freed places taken

    details = world.read(lambda uow: session_details(uow, sid))
    full = (
        "This session is full again: Jane Roe, Sam Tan took the freed places. Cancel or move a "
        "booking first, then undo."
    )
    assert why_not(Action.UNDO, details.facts, world.clock()) == full  # the latest's reason
    reasons = {c.id: c.undo_blocker for c in details.cancellations}
    assert reasons == {earlier: UNDO_EXTRACTED, latest: full}
