"""SPEC section 2: Undo cancellation, Complete, Did not attend, the unresolved worklist, series scope."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.errors import (
    BlockedError,
    NotAllowedError,
    PermissionDeniedError,
    ValidationError,
)
from app.models import Booking, Cancellation, ServiceDelivered, Session
from app.models.enums import BookingStatus, Funding, SessionKind, SessionStatus
from app.services.dto import SeriesScope
from app.services.sessions.attendance import (
    complete_session,
    list_unresolved_past_sessions,
    mark_did_not_attend,
    preview_did_not_attend,
)
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local

THU_1510 = local(2026, 4, 2, 15, 10)


def _cancelled(world: World) -> tuple[int, int, int]:
    world.clock.set(THU_1510)
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(uow, world.client_request(sid, [c], "ndis_health", THU_1510)),
    )
    return sid, c, res.cancellation_ids[0]


def test_undo_cancellation_needs_the_manager_permission(world: World) -> None:
    sid, _c, _cid = _cancelled(world)
    with pytest.raises(PermissionDeniedError) as err:
        world.run(world.reception, lambda uow: undo_cancellation(uow, sid, "Cancelled in error"))
    assert (
        err.value.message
        == "Your role (reception) cannot undo cancellation. Ask a manager to do it."
    )


def test_undo_returns_bookings_to_booked_deletes_the_sds_and_keeps_the_cancellation_marked_undone(
    world: World,
) -> None:
    sid, _c, cid = _cancelled(world)
    assert world.read(lambda uow: len(list(uow.session.scalars(select(ServiceDelivered))))) == 1
    res = world.run(
        world.manager, lambda uow: undo_cancellation(uow, sid, "Client rang back: coming after all")
    )
    assert "rostered again" in res.message
    session = world.read(lambda uow: uow.session.get(Session, sid))
    assert session.status is SessionStatus.ROSTERED
    assert (
        world.read(lambda uow: uow.session.scalar(select(Booking.status))) is BookingStatus.BOOKED
    )
    assert world.read(lambda uow: list(uow.session.scalars(select(ServiceDelivered)))) == []
    c = world.read(lambda uow: uow.session.get(Cancellation, cid))
    assert c.undone_at is not None and c.undo_reason == "Client rang back: coming after all"
    assert c.undone_by_id == world.manager.user_id


def test_undo_records_a_reason(world: World) -> None:
    sid, _c, _cid = _cancelled(world)
    with pytest.raises(ValidationError) as err:
        world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "   "))
    assert err.value.field == "undo_reason"


def test_undo_is_refused_listing_the_sds_already_extracted(world: World) -> None:
    sid, _c, _cid = _cancelled(world)

    def extract(uow):  # type: ignore[no-untyped-def]
        sd = uow.session.scalar(select(ServiceDelivered))
        sd.extracted_at = uow.now()
        sd.extraction_batch_id = None
        return sd.id

    sd_id = world.run(world.admin, extract)
    with pytest.raises(BlockedError) as err:
        world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Cancelled in error"))
    assert "already extracted for claiming" in err.value.message
    assert len(err.value.blockers) == 1 and f"SD #{sd_id}" in err.value.blockers[0]
    assert world.read(lambda uow: uow.session.get(Session, sid).status) is SessionStatus.CANCELLED


def test_after_undo_the_session_can_be_cancelled_again_or_completed(world: World) -> None:
    sid, c, _cid = _cancelled(world)
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Cancelled in error"))
    res = world.run(
        world.reception,
        lambda uow: cancel_booking(uow, world.client_request(sid, [c], "ndis_family", THU_1510)),
    )
    assert res.total_charge_cents == 19399
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Wrong reason"))
    world.clock.set(local(2026, 4, 6, 10))
    done = world.run(world.reception, lambda uow: complete_session(uow, sid))
    assert len(done.sd_ids) == 1
    history = world.read(
        lambda uow: list(uow.session.scalars(select(Cancellation).order_by(Cancellation.id)))
    )
    assert [h.undo_reason for h in history] == ["Cancelled in error", "Wrong reason"]


def test_undo_twice_is_refused(world: World) -> None:
    sid, _c, cid = _cancelled(world)
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Cancelled in error"))
    with pytest.raises(NotAllowedError):
        world.run(
            world.manager, lambda uow: undo_cancellation(uow, sid, "again", cancellation_id=cid)
        )


def test_complete_only_once_started_creates_a_delivered_sd_per_booked_client(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 8))
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Bob Ray")
    sid = world.session(
        w, svc, local(2026, 4, 6, 9), [a, b], kind=SessionKind.GROUP, capacity=2, minutes=90
    )
    world.run(
        world.reception,
        lambda uow: cancel_booking(
            uow, world.client_request(sid, [a], "ndis_health", local(2026, 4, 6, 8))
        ),
    )
    with pytest.raises(NotAllowedError) as err:
        world.run(world.reception, lambda uow: complete_session(uow, sid))
    assert "hasn't started yet" in err.value.message
    world.clock.set(local(2026, 4, 6, 10, 30))
    res = world.run(world.reception, lambda uow: complete_session(uow, sid))
    sds = world.read(
        lambda uow: list(
            uow.session.scalars(select(ServiceDelivered).order_by(ServiceDelivered.id))
        )
    )
    assert [(sd.kind.value, sd.booking_id) for sd in sds] == [
        ("cancellation", world.bookings(sid)[a]),
        ("delivered", world.bookings(sid)[b]),
    ]
    delivered = sds[1]
    assert str(delivered.quantity) == "1.50" and delivered.unit_price_cents == 19399
    assert delivered.amount_cents == round(19399 * 1.5)
    assert res.sd_ids == (delivered.id,)
    assert world.read(lambda uow: uow.session.get(Session, sid).status) is SessionStatus.COMPLETED


def test_did_not_attend_only_after_the_start_and_charged_by_the_no_show_rule(world: World) -> None:
    world.clock.set(local(2026, 4, 6, 8))
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    with pytest.raises(NotAllowedError) as err:
        world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    assert "only be marked did-not-attend once it has" in err.value.message
    world.clock.set(local(2026, 4, 6, 9, 20))
    preview = world.run(world.reception, lambda uow: preview_did_not_attend(uow, sid, []))
    assert [p.charge_cents for p in preview] == [19399]
    res = world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    sd = world.read(lambda uow: uow.session.scalar(select(ServiceDelivered)))
    assert (sd.kind.value, sd.claim_type, sd.reason_code, sd.amount_cents) == (
        "no_show",
        "CANC",
        "NSDO",
        19399,
    )
    assert res.sd_ids == (sd.id,)
    assert world.read(lambda uow: uow.session.scalar(select(Booking.status))) is BookingStatus.DNA


def test_private_no_show_fee_is_the_fixed_fee(world: World) -> None:
    world.use_private_profile()
    world.clock.set(local(2026, 4, 6, 8))
    w, svc, c = (
        world.worker(),
        world.service("PHYSIO", 11000),
        world.client(funding=Funding.PRIVATE),
    )
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    world.clock.set(local(2026, 4, 6, 9, 30))
    world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    sd = world.read(lambda uow: uow.session.scalar(select(ServiceDelivered)))
    assert sd.amount_cents == 9000 and sd.claim_type == ""


def test_unresolved_past_sessions_sit_on_a_worklist_instead_of_being_auto_marked(
    world: World,
) -> None:
    world.clock.set(local(2026, 4, 6, 7))
    w, svc, c = world.worker(), world.service(), world.client()
    early = world.session(w, svc, local(2026, 4, 6, 8), [c])
    later = world.session(w, svc, local(2026, 4, 6, 11), [c])
    done = world.session(w, svc, local(2026, 4, 6, 9), [world.client("Bob Ray")])
    world.clock.set(local(2026, 4, 6, 10, 30))
    world.run(world.reception, lambda uow: complete_session(uow, done))
    rows = world.read(list_unresolved_past_sessions)
    assert [r.session_id for r in rows] == [early]
    assert rows[0].clients == "Olivia Smith"
    assert later not in [r.session_id for r in rows]
    assert world.read(lambda uow: uow.session.get(Session, early).status) is SessionStatus.ROSTERED


def _weekly(world: World, weeks: int = 4) -> tuple[list[int], int]:
    world.clock.set(local(2026, 4, 1, 9))
    w, svc, c = world.worker(), world.service(), world.client()
    series = world.series()
    ids = [
        world.session(w, svc, local(2026, 4, 8, 9) + timedelta(weeks=k), [c], series_id=series)
        for k in range(weeks)
    ]
    return ids, c


@pytest.mark.parametrize(
    ("scope", "pick", "expected"),
    [
        (SeriesScope.THIS, 1, [1]),
        (SeriesScope.FOLLOWING, 1, [1, 2, 3]),
        (SeriesScope.ALL, 2, [0, 1, 2, 3]),
    ],
)
def test_recurring_series_cancel_this_this_and_following_or_all(
    world: World, scope, pick, expected
) -> None:  # type: ignore[no-untyped-def]
    ids, c = _weekly(world)
    req = world.client_request(ids[pick], [c], "ndis_health", local(2026, 4, 1, 9), scope=scope)
    res = world.run(world.reception, lambda uow: cancel_booking(uow, req))
    statuses = [world.read(lambda uow, i=i: uow.session.get(Session, i).status) for i in ids]
    assert [k for k, s in enumerate(statuses) if s is SessionStatus.CANCELLED] == expected
    assert len(res.cancellation_ids) == len(expected)


def test_series_cancel_skips_sessions_that_have_started(world: World) -> None:
    ids, c = _weekly(world)
    world.clock.set(local(2026, 4, 15, 9, 30))  # the second one has started
    req = world.client_request(
        ids[2], [c], "ndis_health", local(2026, 4, 15, 9, 30), scope=SeriesScope.ALL
    )
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    statuses = [world.read(lambda uow, i=i: uow.session.get(Session, i).status) for i in ids]
    assert statuses == [
        SessionStatus.ROSTERED,
        SessionStatus.ROSTERED,
        SessionStatus.CANCELLED,
        SessionStatus.CANCELLED,
    ]


def test_the_menu_facts_carry_the_undo_refusal_for_an_extracted_charge(world: World) -> None:
    from app.models.lifecycle import UNDO_EXTRACTED, Action, why_not
    from app.services.schedule.details import session_facts

    sid, _c, _cid = _cancelled(world)
    assert (
        why_not(Action.UNDO, world.read(lambda uow: session_facts(uow, sid)), world.clock()) is None
    )

    def extract(uow):  # type: ignore[no-untyped-def]
        uow.session.scalar(select(ServiceDelivered)).extracted_at = uow.now()

    world.run(world.admin, extract)
    assert (
        why_not(Action.UNDO, world.read(lambda uow: session_facts(uow, sid)), world.clock())
        == UNDO_EXTRACTED
    )
