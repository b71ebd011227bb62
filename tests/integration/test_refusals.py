"""Every refusal is a sentence: the less travelled paths of the lifecycle services."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import NotAllowedError, NotFoundError, ValidationError
from app.models import (
    BulkCancelItem,
    BulkCancelJob,
    Cancellation,
    CancellationReason,
    CreditEntry,
    Session,
)
from app.models.enums import BookingStatus, CancelledBy, LedgerKind, PaidWith, SessionKind
from app.services.dto import CancelRequest, SeriesScope
from app.services.sessions.attendance import (
    complete_session,
    mark_did_not_attend,
    preview_did_not_attend,
)
from app.services.sessions.cancel import (
    apply_cancellation,
    cancel,
    cancel_booking,
    cancel_session_by_worker,
    preview_apply_cancellation,
    preview_cancellation,
)
from app.services.sessions.deletion import check_delete, delete_session, remove_payment
from app.services.sessions.scheduling import (
    NewSession,
    add_session,
    assign_replacement_worker,
    free_workers,
    reschedule_session,
    slot_conflicts,
)
from app.services.sessions.undo import series_siblings as undo_series_siblings
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local

NOW = local(2026, 4, 1, 9)


def _setup(world: World, clients: int = 1, **kw) -> tuple[int, list[int], int, int]:  # type: ignore[no-untyped-def]
    world.clock.set(NOW)
    w, svc = world.worker(), world.service()
    cs = [world.client(f"Client N{i}") for i in range(clients)]
    sid = world.session(w, svc, local(2026, 4, 8, 9), cs, capacity=max(1, clients), **kw)
    return sid, cs, w, svc


def _req(
    world: World, sid: int, reason: str, who: CancelledBy = CancelledBy.CLIENT, **kw
) -> CancelRequest:  # type: ignore[no-untyped-def]
    return CancelRequest(sid, who, NOW, world.reason(reason), **kw)


def test_unknown_inactive_or_no_show_reasons_are_refused(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    for bad in (
        CancelRequest(sid, CancelledBy.CLIENT, NOW, 99999),
        _req(world, sid, "ndis_no_show"),
    ):
        with pytest.raises(ValidationError) as err:
            world.run(world.reception, lambda uow, r=bad: cancel_booking(uow, r))
        assert err.value.message == "Choose a cancellation reason from the list."


def test_a_reason_of_the_other_billing_profile_is_refused(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    with pytest.raises(ValidationError) as err:
        world.run(
            world.reception, lambda uow: cancel_booking(uow, _req(world, sid, "private_late"))
        )
    assert "belongs to the other billing profile" in err.value.message


def test_a_naive_advised_time_is_refused(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    req = CancelRequest(
        sid, CancelledBy.CLIENT, datetime(2026, 4, 1, 9), world.reason("ndis_health")
    )
    with pytest.raises(ValidationError) as err:
        world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert err.value.field == "advised_at"


def test_advised_after_the_start_within_the_clock_tolerance_is_refused(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    world.clock.set(local(2026, 4, 8, 8, 59))
    req = CancelRequest(
        sid,
        CancelledBy.CLIENT,
        local(
            2026,
            4,
            8,
            9,
            0,
        )
        + timedelta(seconds=30),
        world.reason("ndis_health"),
    )
    with pytest.raises(ValidationError) as err:
        world.run(world.reception, lambda uow: cancel_booking(uow, req))
    assert "after the session start" in err.value.message


def test_a_booking_of_another_session_is_refused(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    with pytest.raises(ValidationError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_booking(uow, _req(world, sid, "ndis_health", booking_ids=(424242,))),
        )
    assert err.value.field == "clients"


def test_nothing_left_to_cancel_is_refused(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    world.run(
        world.reception,
        lambda uow: cancel_session_by_worker(
            uow, _req(world, sid, "worker_unwell", CancelledBy.WORKER)
        ),
    )
    with pytest.raises(NotAllowedError) as err:
        world.run(
            world.reception,
            lambda uow: cancel_session_by_worker(
                uow, _req(world, sid, "worker_unwell", CancelledBy.WORKER)
            ),
        )
    assert "nothing to cancel" in err.value.message


def test_the_client_and_worker_entry_points_check_who(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    with pytest.raises(ValidationError):
        world.run(
            world.reception,
            lambda uow: cancel_booking(uow, _req(world, sid, "worker_unwell", CancelledBy.WORKER)),
        )
    with pytest.raises(ValidationError):
        world.run(
            world.reception,
            lambda uow: cancel_session_by_worker(uow, _req(world, sid, "ndis_health")),
        )


def test_apply_cancellation_needs_a_known_reason_and_cancels_every_booked_client(
    world: World,
) -> None:
    sid, cs, _w, _s = _setup(world, clients=2, kind=SessionKind.GROUP)
    with pytest.raises(ValidationError):
        world.run(world.manager, lambda uow: apply_cancellation(uow, sid, 99999))
    res = world.run(
        world.manager,
        lambda uow: apply_cancellation(uow, sid, world.reason("ndis_other"), "entered in error"),
    )
    assert res.session_status.value == "cancelled" and len(cs) == 2


def test_apply_cancellation_checks_the_advised_time_it_is_handed_as_cancel_does(
    world: World,
) -> None:
    sid, _cs, _w, _s = _setup(world)
    reason = world.reason("ndis_family")
    refused = {
        NOW + timedelta(days=1): "The advised time is in the future.",
        datetime(2026, 3, 31, 9): "The advised time has no time zone;",
    }
    for advised, said in refused.items():
        for apply in (preview_apply_cancellation, apply_cancellation):
            with pytest.raises(ValidationError) as err:
                world.run(
                    world.manager,
                    lambda uow, a=advised, f=apply: f(uow, sid, reason, advised_at=a),  # type: ignore[misc]
                )
            assert err.value.message.startswith(said) and err.value.field == "advised_at"
    res = world.run(
        world.manager,
        lambda uow: apply_cancellation(uow, sid, reason, advised_at=local(2026, 3, 1, 9)),
    )
    cid = res.cancellation_ids[0]
    advised = world.read(lambda uow: uow.session.get(Cancellation, cid).advised_at)  # type: ignore[union-attr]
    assert advised == local(2026, 3, 1, 9) and res.total_charge_cents == 0


def test_series_preview_lists_the_other_sessions_it_would_cancel(world: World) -> None:
    world.clock.set(NOW)
    w, svc, c = world.worker(), world.service(), world.client()
    series = world.series()
    ids = [
        world.session(w, svc, local(2026, 4, 8, 9) + timedelta(weeks=k), [c], series_id=series)
        for k in range(3)
    ]
    req = world.client_request(ids[0], [c], "ndis_health", NOW, scope=SeriesScope.FOLLOWING)
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert preview.series_sessions == (ids[1], ids[2])
    assert preview.scope == SeriesScope.FOLLOWING and preview.in_series
    assert [(i.session_id, i.starts_at) for i in preview.series_items] == [
        (ids[k], local(2026, 4, 8, 9) + timedelta(weeks=k)) for k in (1, 2)
    ]
    assert all(i.clients and i.charge_cents == 0 for i in preview.series_items)


@pytest.mark.parametrize("scope", ["this", SeriesScope.THIS])
def test_this_session_only_given_as_the_plain_text_a_combo_hands_back_cancels_one_session(
    world: World, scope: object
) -> None:
    world.clock.set(NOW)
    w, svc, c = world.worker(), world.service(), world.client()
    series = world.series()
    ids = [
        world.session(w, svc, local(2026, 4, 8, 9) + timedelta(weeks=k), [c], series_id=series)
        for k in range(3)
    ]
    req = world.client_request(ids[0], [c], "ndis_health", NOW, scope=scope)
    assert req.scope is SeriesScope.THIS
    preview = world.run(world.reception, lambda uow: preview_cancellation(uow, req))
    assert preview.series_sessions == ()
    result = world.run(world.reception, lambda uow: cancel(uow, req))
    assert len(result.cancellation_ids) == 1 and result.changes.sessions == {ids[0]}


def test_an_unknown_series_choice_or_canceller_is_refused_with_a_sentence(world: World) -> None:
    world.clock.set(NOW)
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 8, 9), [c])
    with pytest.raises(ValidationError) as err:
        world.client_request(sid, [c], "ndis_health", NOW, scope="this week")
    assert err.value.field == "scope"
    assert err.value.message.startswith("“this week” is not a choice FrontDesk knows for the scope")
    with pytest.raises(ValidationError) as err:
        CancelRequest(sid, "the dog", NOW, world.reason("ndis_health"))  # type: ignore[arg-type]
    assert err.value.field == "cancelled_by" and "Choose one from the list." in err.value.message


def test_undoing_a_series_cancellation_restores_all_or_only_the_one_chosen(world: World) -> None:
    world.clock.set(NOW)
    w, svc, c = world.worker(), world.service(), world.client()
    series = world.series()
    ids = [
        world.session(w, svc, local(2026, 4, 8, 9) + timedelta(weeks=k), [c], series_id=series)
        for k in range(3)
    ]
    req = world.client_request(ids[0], [c], "ndis_health", NOW, scope=SeriesScope.ALL)
    done = world.run(world.reception, lambda uow: cancel(uow, req))
    assert len(done.cancellation_ids) == 3
    first = done.cancellation_ids[0]
    siblings = world.read(lambda uow: undo_series_siblings(uow, first))
    assert [sid for sid, _start in siblings] == ids[1:]
    world.run(world.manager, lambda uow: undo_cancellation(uow, ids[0], "only this one",
                                                            cancellation_id=first))  # fmt: skip
    assert [sid for sid, _s in world.read(lambda uow: undo_series_siblings(uow, first))] == ids[1:]
    second = done.cancellation_ids[1]
    res = world.run(world.manager, lambda uow: undo_cancellation(
        uow, ids[1], "all the rest", cancellation_id=second, with_series=True))  # fmt: skip
    assert res.changes.sessions == {ids[1], ids[2]}
    assert "2 sessions of the series are rostered again" in res.message


def test_undo_without_a_cancellation_and_with_a_long_reason_is_refused(world: World) -> None:
    sid, _cs, _w, _s = _setup(world)
    with pytest.raises(NotFoundError) as err:
        world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "why"))
    assert err.value.message == "This session has no cancellation to undo."
    with pytest.raises(ValidationError):
        world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "x" * 256))


def test_undo_of_a_bulk_cancellation_reverses_its_refunds(world: World) -> None:
    sid, cs, _w, _s = _setup(world, paid_with=PaidWith.CREDITS)

    def bulk(uow):  # type: ignore[no-untyped-def]
        reason = uow.session.scalar(
            select(CancellationReason).where(CancellationReason.code == "practice_closure")
        )
        job = BulkCancelJob(
            created_at=uow.now(), created_by_id=world.admin.user_id, reason_id=reason.id
        )
        uow.session.add(job)
        uow.session.flush()
        item = BulkCancelItem(job_id=job.id, session_id=sid)
        uow.session.add(item)
        uow.session.flush()
        from app.services.bulk.batch import cancel_batch

        cancel_batch(uow, job.id, [item.id])
        booking = world.bookings(sid)[cs[0]]
        uow.session.add(
            CreditEntry(
                client_id=cs[0],
                booking_id=booking,
                kind=LedgerKind.REFUND,
                credits=1,
                created_at=uow.now(),
                bulk_job_id=job.id,
            )
        )

    world.run(world.admin, bulk)
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Closure called off"))
    entries = world.read(
        lambda uow: [
            (e.kind, e.credits)
            for e in uow.session.scalars(select(CreditEntry).order_by(CreditEntry.id))
        ]
    )
    assert entries == [(LedgerKind.REFUND, 1), (LedgerKind.REFUND_REVERSAL, -1)]


def test_complete_and_did_not_attend_refusals(world: World) -> None:
    sid, cs, _w, _s = _setup(world, clients=2, kind=SessionKind.GROUP)
    world.clock.set(local(2026, 4, 8, 9, 30))
    with pytest.raises(ValidationError) as err:
        world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    assert err.value.message == "Choose which client did not attend."
    b0 = world.bookings(sid)[cs[0]]
    world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid, [b0]))
    with pytest.raises(NotAllowedError):
        world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid, [b0]))
    world.run(world.reception, lambda uow: complete_session(uow, sid))
    with pytest.raises(NotAllowedError) as err2:
        world.run(world.reception, lambda uow: complete_session(uow, sid))
    assert err2.value.message == "No client is still booked in this session."
    with pytest.raises(ValidationError) as err3:
        world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid, [999]))
    assert err3.value.message == "That client is no longer booked in this session."


def test_did_not_attend_refuses_a_booking_not_on_the_session_instead_of_dropping_it(
    world: World,
) -> None:
    sid, cs, w, svc = _setup(world, clients=2, kind=SessionKind.GROUP)
    other = world.session(w, svc, local(2026, 4, 9, 9), [world.client("Someone Else")])
    stranger = next(iter(world.bookings(other).values()))
    world.clock.set(local(2026, 4, 8, 9, 30))
    b0 = world.bookings(sid)[cs[0]]
    for chosen in ([b0, stranger], [b0, 424242]):
        for step in (preview_did_not_attend, mark_did_not_attend):
            with pytest.raises(ValidationError) as err:
                world.run(world.reception, lambda uow, f=step, ids=chosen: f(uow, sid, ids))
            assert err.value.message == "That client is no longer booked in this session."
            assert err.value.field == "clients"
    assert world.bookings(sid)[cs[0]] == b0
    statuses = world.run(
        world.reception,
        lambda uow: {b.id: b.status for b in uow.session.get(Session, sid).bookings},
    )
    assert set(statuses.values()) == {BookingStatus.BOOKED}, "nobody was marked"


def test_no_show_without_a_rule_or_for_a_service_without_charges_costs_nothing(
    world: World,
) -> None:
    world.clock.set(NOW)
    w, c = world.worker(), world.client()
    free_svc = world.service("FREE", 3500, allows=False)
    sid = world.session(w, free_svc, local(2026, 4, 8, 9), [c])
    world.clock.set(local(2026, 4, 8, 9, 30))
    assert (
        world.run(world.reception, lambda uow: preview_did_not_attend(uow, sid, []))[0].charge_cents
        == 0
    )

    def deactivate(uow):  # type: ignore[no-untyped-def]
        for r in uow.session.scalars(
            select(CancellationReason).where(CancellationReason.is_no_show.is_(True))
        ):
            r.active = False

    world.run(world.admin, deactivate)
    preview = world.run(world.reception, lambda uow: preview_did_not_attend(uow, sid, []))
    assert preview[0].explanation == "The practice has no no-show rule, so no charge applies."
    res = world.run(world.reception, lambda uow: mark_did_not_attend(uow, sid))
    assert res.sd_ids == ()


def test_scheduling_refusals(world: World) -> None:
    sid, cs, w, svc = _setup(world)
    with pytest.raises(ValidationError) as err:
        world.run(world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 3, 1, 9)))
    assert err.value.message == "Choose a new time in the future."
    world.clock.set(local(2026, 4, 8, 9, 30))
    with pytest.raises(NotAllowedError):
        world.run(
            world.reception,
            lambda uow: reschedule_session(uow, sid, local(2026, 4, 9, 9), allow_conflicts=True),
        )
    world.run(world.reception, lambda uow: complete_session(uow, sid))
    with pytest.raises(NotAllowedError) as err2:
        world.run(
            world.reception,
            lambda uow: reschedule_session(uow, sid, local(2026, 4, 9, 9), allow_conflicts=True),
        )
    assert "completed" in err2.value.message
    for bad, field in (
        (NewSession(w, 99999, NOW, 60, ()), "service"),
        (NewSession(w, svc, NOW, 0, ()), "duration"),
        (NewSession(w, svc, NOW, 60, tuple(cs * 2)), "clients"),
    ):
        with pytest.raises(ValidationError) as err3:
            world.run(world.admin, lambda uow, b=bad: add_session(uow, b))
        assert err3.value.field == field
    with pytest.raises(NotFoundError):
        world.read(lambda uow: slot_conflicts(uow, 99999, NOW, NOW + timedelta(hours=1)))


def test_replacement_refusals_and_free_workers(world: World) -> None:
    sid, _cs, w, _svc = _setup(world)
    other = world.worker("Liam O'Connor")
    world.run(
        world.reception,
        lambda uow: cancel_session_by_worker(
            uow, _req(world, sid, "worker_unwell", CancelledBy.WORKER)
        ),
    )
    busy_slot = world.session(other, _svc, local(2026, 4, 8, 9), [world.client("Bob Ray")])
    with pytest.raises(ValidationError) as err:
        world.run(world.reception, lambda uow: assign_replacement_worker(uow, sid, other))
    assert err.value.field == "worker"
    free = world.read(lambda uow: free_workers(uow, local(2026, 4, 8, 9), local(2026, 4, 8, 10)))
    assert [f.worker_id for f in free] == [w]  # her own session is cancelled, so she is free again
    assert busy_slot
    world.clock.set(local(2026, 4, 8, 9, 30))
    with pytest.raises(NotAllowedError) as err2:
        world.run(world.reception, lambda uow: assign_replacement_worker(uow, sid, other))
    assert "reschedule it to a new time instead" in err2.value.message


def test_deleting_a_session_paid_with_credits_returns_them_and_bulk_jobs_block(
    world: World,
) -> None:
    sid, cs, _w, _s = _setup(world, paid_with=PaidWith.CREDITS)

    def spend(uow):  # type: ignore[no-untyped-def]
        from app.models import Booking

        uow.session.scalar(select(Booking)).credits_used = 1

    world.run(world.admin, spend)
    world.run(world.manager, lambda uow: delete_session(uow, sid))
    refunds = world.read(
        lambda uow: list(
            uow.session.scalars(
                select(CreditEntry.credits).where(CreditEntry.kind == LedgerKind.REFUND)
            )
        )
    )
    assert refunds == [1]
    sid2 = world.session(_w, _s, local(2026, 4, 9, 9), cs)

    def in_job(uow):  # type: ignore[no-untyped-def]
        reason = uow.session.scalar(
            select(CancellationReason.id).where(CancellationReason.code == "practice_closure")
        )
        job = BulkCancelJob(
            created_at=uow.now(), created_by_id=world.admin.user_id, reason_id=reason
        )
        job.items = [BulkCancelItem(session_id=sid2)]
        uow.session.add(job)

    world.run(world.admin, in_job)
    assert [b.kind for b in world.read(lambda uow: check_delete(uow, sid2)).blockers] == [
        "bulk_job"
    ]
    with pytest.raises(NotFoundError):
        world.run(world.manager, lambda uow: remove_payment(uow, 123456, "Posted twice"))
    assert cs
