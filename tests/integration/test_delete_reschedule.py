"""SPEC section 2: Delete (with its blockers), Apply cancellation, Reschedule and Replace worker."""

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
from app.models import (
    Adjustment,
    AuditEvent,
    ClinicalNote,
    InsuranceClaim,
    Payment,
    ServiceDelivered,
    Session,
)
from app.models.enums import CancelledBy, IntegrationKind, SessionKind, SessionStatus
from app.services.dto import CancelRequest
from app.services.sessions.attendance import complete_session
from app.services.sessions.cancel import apply_cancellation, cancel_session_by_worker
from app.services.sessions.deletion import (
    check_delete,
    delete_session,
    remove_adjustment,
    remove_payment,
)
from app.services.sessions.scheduling import (
    assign_replacement_worker,
    reschedule_session,
    slot_conflicts,
)
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local


def _session(world: World, **kw) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    world.clock.set(local(2026, 4, 1, 9))
    w, svc, c = world.worker(), world.service(), world.client()
    return world.session(w, svc, local(2026, 4, 8, 9), [c], **kw), c, w


def _post(world: World, model, sid: int, client: int, **kw) -> int:  # type: ignore[no-untyped-def]
    def add(uow):  # type: ignore[no-untyped-def]
        row = model(session_id=sid, client_id=client, **kw)
        uow.session.add(row)
        uow.session.flush()
        return row.id

    return world.run(world.admin, add)


def test_permanent_delete_of_a_session_entered_in_error_keeps_a_full_snapshot_in_the_audit(
    world: World,
) -> None:
    sid, _c, _w = _session(world)
    res = world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert res.message == "The session was permanently deleted." and res.reminder is None
    assert world.read(lambda uow: uow.session.get(Session, sid)) is None
    event = world.read(
        lambda uow: uow.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "session.delete")
        )
    )
    assert event.before["id"] == sid and event.before["bookings"][0]["status"] == "booked"
    assert event.after is None


def test_reception_cannot_delete(world: World) -> None:
    sid, _c, _w = _session(world)
    with pytest.raises(PermissionDeniedError) as err:
        world.run(world.reception, lambda uow: delete_session(uow, sid))
    assert "cannot delete session. Ask a manager" in err.value.message


def test_delete_is_refused_for_a_session_ever_billed_to_insurance(world: World) -> None:
    sid, c, _w = _session(world)
    _post(
        world,
        InsuranceClaim,
        sid,
        c,
        insurer="Bupa",
        claim_number="B-1",
        amount_cents=100,
        billed_at=world.clock(),
    )
    with pytest.raises(BlockedError) as err:
        world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert "claim B-1 to Bupa" in err.value.blockers[0]
    assert (
        "can never be deleted" in err.value.blockers[0] and "payment entry" in err.value.blockers[0]
    )


def test_delete_is_refused_listing_payments_and_adjustments_and_works_once_they_are_removed(
    world: World,
) -> None:
    sid, c, _w = _session(world)
    pay = _post(
        world,
        Payment,
        sid,
        c,
        amount_cents=11000,
        method="card",
        posted_at=world.clock(),
        posted_by_id=world.admin.user_id,
    )
    adj = _post(
        world,
        Adjustment,
        sid,
        c,
        amount_cents=-500,
        kind="discount",
        posted_at=world.clock(),
        posted_by_id=world.admin.user_id,
    )
    check = world.read(lambda uow: check_delete(uow, sid))
    assert [(b.kind, b.record_id, b.removable) for b in check.blockers] == [
        ("payment", pay, True),
        ("adjustment", adj, True),
    ]
    assert "Payment of $110.00 (card)" in check.blockers[0].text
    with pytest.raises(BlockedError):
        world.run(world.manager, lambda uow: delete_session(uow, sid))
    with pytest.raises(PermissionDeniedError):
        world.run(world.reception, lambda uow: remove_payment(uow, pay, "Posted twice"))
    world.run(world.manager, lambda uow: remove_payment(uow, pay, "Posted twice"))
    world.run(world.manager, lambda uow: remove_adjustment(uow, adj, "Discount entered in error"))
    assert world.read(lambda uow: check_delete(uow, sid)).can_delete
    world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert world.read(lambda uow: uow.session.get(Session, sid)) is None


def test_removing_a_payment_needs_a_reason_and_the_audit_keeps_it_with_the_whole_payment(
    world: World,
) -> None:
    sid, c, _w = _session(world)
    pay = _post(world, Payment, sid, c, amount_cents=11000, method="cash",
                posted_at=world.clock(), posted_by_id=world.admin.user_id, note="till 2")  # fmt: skip
    adj = _post(world, Adjustment, sid, c, amount_cents=-500, kind="discount",
                posted_at=world.clock(), posted_by_id=world.admin.user_id)  # fmt: skip
    for empty in ("", "   "):
        with pytest.raises(ValidationError, match="Say why the payment is being removed"):
            world.run(world.manager, lambda uow, e=empty: remove_payment(uow, pay, e))
    with pytest.raises(ValidationError, match="limited to 255 characters"):
        world.run(world.manager, lambda uow: remove_payment(uow, pay, "x" * 256))
    assert world.read(lambda uow: uow.session.get(Payment, pay)) is not None
    world.run(world.manager, lambda uow: remove_payment(uow, pay, "  Posted twice "))
    world.run(world.manager, lambda uow: remove_adjustment(uow, adj, "Discount entered in error"))
    events = world.read(
        lambda uow: [
            (e.action, e.entity_id, e.username, e.before, e.after)
            for e in uow.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(["payment.remove", "adjustment.remove"]))
                .order_by(AuditEvent.id)
            )
        ]
    )
    (p_action, p_id, who, p_before, p_after), (a_action, a_id, _who, a_before, a_after) = events
    assert (p_action, p_id, who) == ("payment.remove", pay, world.manager.username)
    assert p_after == {"reason": "Posted twice"}
    assert p_before is not None and {
        k: p_before[k] for k in ("amount_cents", "method", "note", "posted_by_id", "client_id")
    } == {"amount_cents": 11000, "method": "cash", "note": "till 2",
          "posted_by_id": world.admin.user_id, "client_id": c}  # fmt: skip
    assert "posted_at" in p_before and p_before["session_id"] == sid
    assert (a_action, a_id, a_after) == (
        "adjustment.remove",
        adj,
        {"reason": "Discount entered in error"},
    )
    assert (
        a_before is not None and a_before["kind"] == "discount" and a_before["amount_cents"] == -500
    )


def test_check_delete_lists_what_a_permanent_delete_removes(world: World) -> None:
    sid, _c, _w = _session(world)
    world.clock.set(local(2026, 4, 8, 10))
    world.run(world.reception, lambda uow: complete_session(uow, sid))

    def draft_note(uow):  # type: ignore[no-untyped-def]
        uow.session.add(ClinicalNote(session_id=sid, author_id=world.admin.user_id, body="x",
                                     finalized=False, created_at=uow.now()))  # fmt: skip

    world.run(world.admin, draft_note)
    goes = world.read(lambda uow: check_delete(uow, sid)).removes
    assert goes[0].startswith("The session: ") and "Wed 08 Apr 2026 09:00" in goes[0]
    assert "1 booking(s): Olivia Smith." in goes
    assert any(g.startswith("1 SD(s) (billing lines) totalling $") for g in goes)
    assert "1 clinical note(s) (drafts)." in goes
    assert goes[-1] == "The audit log keeps a full snapshot of what was deleted."


def test_delete_is_refused_for_a_finalized_note_but_not_a_draft(world: World) -> None:
    sid, _c, _w = _session(world)

    def note(uow, finalized):  # type: ignore[no-untyped-def]
        uow.session.add(
            ClinicalNote(
                session_id=sid,
                author_id=world.admin.user_id,
                body="x",
                finalized=finalized,
                created_at=uow.now(),
            )
        )

    world.run(world.admin, lambda uow: note(uow, False))
    assert world.read(lambda uow: check_delete(uow, sid)).can_delete
    world.run(world.admin, lambda uow: note(uow, True))
    blockers = world.read(lambda uow: check_delete(uow, sid)).blockers
    assert [b.kind for b in blockers] == ["note"] and "finalized clinical note" in blockers[0].text


def test_delete_is_refused_for_an_extracted_sd(world: World) -> None:
    sid, _c, _w = _session(world)
    world.clock.set(local(2026, 4, 8, 10))
    world.run(world.reception, lambda uow: complete_session(uow, sid))

    def extract(uow):  # type: ignore[no-untyped-def]
        uow.session.scalar(select(ServiceDelivered)).extracted_at = uow.now()

    world.run(world.admin, extract)
    blockers = world.read(lambda uow: check_delete(uow, sid)).blockers
    assert [b.kind for b in blockers] == ["extracted_sd"]


def test_delete_reminds_to_write_an_addendum_when_integrated(world: World) -> None:
    world.use_integration(IntegrationKind.MANUAL, "WebPT")
    sid, _c, _w = _session(world)
    res = world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert res.reminder == "Remember to write an addendum in WebPT for the deleted session."


def test_apply_cancellation_keeps_the_session_and_its_money(world: World) -> None:
    sid, c, _w = _session(world)
    _post(
        world,
        Payment,
        sid,
        c,
        amount_cents=11000,
        method="card",
        posted_at=world.clock(),
        posted_by_id=world.admin.user_id,
    )
    res = world.run(
        world.manager,
        lambda uow: apply_cancellation(uow, sid, world.reason("practice_closure"), "Entered twice"),
    )
    assert res.session_status is SessionStatus.CANCELLED
    assert world.read(lambda uow: uow.session.scalar(select(Payment.amount_cents))) == 11000


def test_replacement_worker_creates_a_linked_session_with_the_bookings_carried_over(
    world: World,
) -> None:
    sid, c, _w = _session(world)
    other = world.worker("Liam O'Connor")
    world.run(
        world.reception,
        lambda uow: cancel_session_by_worker(
            uow,
            CancelRequest(
                sid, CancelledBy.WORKER, local(2026, 4, 1, 9), world.reason("worker_unwell")
            ),
        ),
    )
    res = world.run(world.reception, lambda uow: assign_replacement_worker(uow, sid, other))
    new = world.read(lambda uow: uow.session.get(Session, res.session_id))
    assert (
        new.replacement_of_id == sid
        and new.worker_id == other
        and new.status is SessionStatus.ROSTERED
    )
    assert world.bookings(new.id).keys() == {c}
    with pytest.raises(NotAllowedError) as err:
        world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "oops"))
    assert f"replaced by session #{new.id}" in err.value.message


def test_replacement_needs_a_cancelled_session(world: World) -> None:
    sid, _c, _w = _session(world)
    with pytest.raises(NotAllowedError):
        world.run(
            world.reception, lambda uow: assign_replacement_worker(uow, sid, world.worker("X Y"))
        )


def test_reschedule_moves_a_rostered_session_and_reports_conflicts(world: World) -> None:
    sid, c, w = _session(world)
    svc = world.service("OTHER", 1000)
    busy = world.session(w, svc, local(2026, 4, 9, 9), [world.client("Bob Ray")])
    with pytest.raises(ValidationError) as err:
        world.run(
            world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 4, 9, 9, 30))
        )
    assert "Dr Maya Chen already has a session" in err.value.message
    res = world.run(
        world.reception,
        lambda uow: reschedule_session(uow, sid, local(2026, 4, 9, 9, 30), allow_conflicts=True),
    )
    assert res.session_id == sid and len(res.warnings) == 1
    moved = world.read(lambda uow: uow.session.get(Session, sid))
    assert moved.starts_at == local(
        2026, 4, 9, 9, 30
    ) and moved.ends_at - moved.starts_at == timedelta(hours=1)
    assert busy != sid


def test_reschedule_of_a_cancelled_session_books_a_new_linked_session(world: World) -> None:
    sid, c, _w = _session(world)
    world.run(
        world.reception,
        lambda uow: cancel_session_by_worker(
            uow,
            CancelRequest(
                sid, CancelledBy.WORKER, local(2026, 4, 1, 9), world.reason("worker_unwell")
            ),
        ),
    )
    res = world.run(
        world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 4, 10, 14))
    )
    assert res.session_id != sid
    new = world.read(lambda uow: uow.session.get(Session, res.session_id))
    assert new.replacement_of_id == sid and new.starts_at == local(2026, 4, 10, 14)


def test_conflict_checks_warn_about_client_double_booked_and_outside_working_hours(
    world: World,
) -> None:
    sid, c, w = _session(world)
    other_worker = world.worker("Liam O'Connor", start_h=12, end_h=16)
    warnings = world.read(
        lambda uow: slot_conflicts(
            uow, other_worker, local(2026, 4, 8, 9), local(2026, 4, 8, 10), [c]
        )
    )
    assert warnings == [
        "Olivia Smith is already booked at Wed 08 Apr 09:00.",
        "The slot is outside Liam O'Connor's working hours.",
    ]
    assert sid and w


def test_a_group_keeps_its_kind_and_capacity_when_replaced(world: World) -> None:
    world.clock.set(local(2026, 4, 1, 9))
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Lee"), world.client("Bob Ray")
    sid = world.session(w, svc, local(2026, 4, 8, 9), [a, b], kind=SessionKind.GROUP, capacity=4)
    world.run(
        world.reception,
        lambda uow: cancel_session_by_worker(
            uow,
            CancelRequest(
                sid, CancelledBy.WORKER, local(2026, 4, 1, 9), world.reason("worker_unwell")
            ),
        ),
    )
    res = world.run(
        world.reception,
        lambda uow: assign_replacement_worker(uow, sid, world.worker("Liam O'Connor")),
    )
    new = world.read(lambda uow: uow.session.get(Session, res.session_id))
    assert (new.kind, new.capacity) == (SessionKind.GROUP, 4) and world.bookings(new.id).keys() == {
        a,
        b,
    }
