"""SPEC section 2 bulk cancel and section 8 undo of a whole job (no Qt)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import BlockedError, PermissionDeniedError, ValidationError
from app.models import (
    Booking,
    BulkCancelItem,
    BulkCancelJob,
    Cancellation,
    CancellationReason,
    CreditEntry,
    OutboxMessage,
    ServiceDelivered,
    Session,
)
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    JobStatus,
    LedgerKind,
    PaidWith,
    SdKind,
    SessionKind,
    SessionStatus,
)
from app.services.audit.verify import verify_audit_chain
from app.services.bulk import plan as bulk
from app.services.bulk import run as bulk_run
from app.services.bulk.audit_csv import PLAN_HEADER, results_path, reversal_path
from tests.factory import World, local

NOW = local(2026, 4, 1, 9)
FIRST, LAST = date(2026, 4, 6), date(2026, 4, 10)


def closure_week(world: World, days: int = 5) -> dict[str, list[int]]:
    """A class paid with credits, a purchase and an invoiced client every day of the week."""
    world.clock.set(NOW)
    w = world.worker(days=range(7))
    svc = world.service("PILATES", 3500, allows=False)
    credit = world.client("Cara Credit")
    buyer = world.client("=Bob Buyer")
    billed = world.client("Ina Invoice", email=None)
    ids = []
    for d in range(days):
        sid = world.session(
            w,
            svc,
            local(2026, 4, 6 + d, 17),
            [credit, buyer, billed],
            kind=SessionKind.CLASS,
            capacity=8,
        )
        ids.append(sid)

    def pay(uow):  # type: ignore[no-untyped-def]
        for b in uow.session.scalars(select(Booking)):
            if b.client_id == credit:
                b.paid_with, b.credits_used = PaidWith.CREDITS, 1
                uow.session.add(
                    CreditEntry(
                        client_id=credit,
                        booking_id=b.id,
                        kind=LedgerKind.USE,
                        credits=-1,
                        created_at=uow.now(),
                    )
                )
            elif b.client_id == buyer:
                b.paid_with, b.purchase_cents = PaidWith.PURCHASE, 3500
        uow.session.add(
            CreditEntry(
                client_id=credit,
                kind=LedgerKind.PURCHASE,
                credits=10,
                amount_cents=30000,
                created_at=uow.now(),
            )
        )

    world.run(world.admin, pay)
    return {"sessions": ids, "clients": [credit, buyer, billed]}


def balance(world: World, client: int) -> int:
    return world.read(
        lambda uow: uow.session.scalar(
            select(func.coalesce(func.sum(CreditEntry.credits), 0)).where(
                CreditEntry.client_id == client
            )
        )
    )


def test_plan_lists_rostered_sessions_with_refunds_and_planned_notifications(world: World) -> None:
    data = closure_week(world)
    plan = world.read(lambda uow: bulk.plan_bulk_cancel(uow, FIRST, LAST))
    assert [c.session_id for c in plan] == data["sessions"]
    first = plan[0]
    assert first.refund_cents == 3500 and first.refund_credits == 1
    lines = {line.client: line for line in first.lines}
    assert lines["Cara Credit"].refund == "1 credit(s) returned to the balance"
    assert lines["=Bob Buyer"].refund == "purchase refund $35.00"
    assert lines["Ina Invoice"].notification == "not sent: no email address on file"


def test_the_final_question_counts_sessions_refunded_clients_and_emails_as_the_job_does(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world)
    with pytest.raises(PermissionDeniedError):
        world.run(world.manager, lambda uow: bulk.preview_bulk_cancel(uow, data["sessions"]))
    preview = world.read(lambda uow: bulk.preview_bulk_cancel(uow, data["sessions"]))
    assert (preview.sessions, preview.bookings, preview.refunded_clients, preview.emails) == (
        5, 15, 2, 2,
    )  # fmt: skip
    assert (preview.refund_cents, preview.refund_credits) == (5 * 3500, 5)
    assert preview.question() == "Cancel 5 sessions, refund 2 clients, e-mail 2?"
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"], world.reason("practice_closure"), "",
        tmp_path / "c.csv", first=FIRST, last=LAST,
    )  # fmt: skip
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    going = world.read(
        lambda uow: uow.session.scalar(
            select(func.count(OutboxMessage.client_id.distinct())).where(
                OutboxMessage.channel == "email", OutboxMessage.status != "skipped"
            )
        )
    )
    assert going == preview.emails  # one e-mail to each client, listing their five sessions


def test_bulk_cancel_runs_cancels_refunds_notifies_and_audits_each_session_once(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world)
    out = tmp_path / "closure.csv"
    reason = world.reason("practice_closure")
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"], reason, "Flood", out, first=FIRST, last=LAST
    )
    assert out.exists()  # the audit is written at once, before the job runs
    seen: list[tuple[int, int]] = []
    summary = bulk_run.run_bulk_job(
        world.db, created.job_id, world.admin, lambda n, t: seen.append((n, t))
    )
    assert (summary.done, summary.skipped, summary.failed, summary.status) == (
        5,
        0,
        0,
        JobStatus.DONE,
    )
    assert seen[-1] == (5, 5)
    statuses = world.read(
        lambda uow: list(
            uow.session.scalars(select(Session.status).where(Session.id.in_(data["sessions"])))
        )
    )
    assert statuses == [SessionStatus.CANCELLED] * 5
    cancellations = world.read(lambda uow: list(uow.session.scalars(select(Cancellation))))
    assert len(cancellations) == 5 and {c.cancelled_by for c in cancellations} == {
        CancelledBy.PRACTICE
    }
    assert (
        world.read(lambda uow: uow.session.scalar(select(func.count(ServiceDelivered.id)))) == 0
    )  # never charged
    credit, buyer, _billed = data["clients"]
    assert balance(world, credit) == 10  # 10 bought, 5 used, 5 returned
    purchase_refunds = world.read(
        lambda uow: list(
            uow.session.scalars(
                select(CreditEntry.amount_cents).where(CreditEntry.client_id == buyer)
            )
        )
    )
    assert purchase_refunds == [-3500] * 5
    emails = world.read(
        lambda uow: uow.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.channel == "email")
        )
    )
    assert emails == 15
    assert world.read(verify_audit_chain).ok
    results = bulk_run.finish_bulk_csv(world.db, created.job_id)
    assert results == results_path(out)
    rows = list(csv.reader(results.open(encoding="utf-8-sig")))
    assert rows[0] == ["Session", "Outcome", "Detail", "Processed at", "Client", "In the plan"]
    assert {r[1] for r in rows[1:]} == {"done"} and {r[5] for r in rows[1:]} == {"yes"}
    assert len(rows[1:]) == 5 * 3  # a row for each client each session's cancellation took
    again = bulk_run.run_bulk_job(
        world.db, created.job_id, world.admin
    )  # a second run repeats nothing
    assert (
        again.done == 5
        and world.read(lambda uow: uow.session.scalar(select(func.count(Cancellation.id)))) == 5
    )


def test_csv_audit_has_one_row_per_affected_booking_and_neutralises_formulas(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=2)
    out = tmp_path / "audit.csv"
    bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"], world.reason("practice_closure"), "", out
    )
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert tuple(rows[0]) == PLAN_HEADER
    assert len(rows) == 1 + 2 * 3
    assert {r[5] for r in rows[1:]} == {"Cara Credit", "'=Bob Buyer", "Ina Invoice"}
    assert rows[1][1] == "2026-04-06" and rows[1][2] == "17:00"


def test_sessions_held_by_a_queued_job_are_refused_as_already_in_process(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world)
    reason = world.reason("practice_closure")
    first = bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"][:3], reason, "", tmp_path / "a.csv"
    )
    with pytest.raises(BlockedError) as err:
        bulk_run.queue_bulk_cancel(
            world.db, world.admin, data["sessions"][2:], reason, "", tmp_path / "b.csv"
        )
    assert "already in process" in err.value.message
    assert len(err.value.blockers) == 1 and f"job #{first.job_id}" in err.value.blockers[0]
    assert not (tmp_path / "b.csv").exists()
    plan = world.read(lambda uow: bulk.plan_bulk_cancel(uow, FIRST, LAST))
    assert [c.held_by_job for c in plan] == [first.job_id] * 3 + [None] * 2


def test_bulk_cancel_is_for_admins_with_a_practice_or_worker_reason(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=1)
    with pytest.raises(PermissionDeniedError):
        bulk_run.queue_bulk_cancel(
            world.db,
            world.manager,
            data["sessions"],
            world.reason("practice_closure"),
            "",
            tmp_path / "x.csv",
        )
    with pytest.raises(ValidationError):
        bulk_run.queue_bulk_cancel(
            world.db,
            world.admin,
            data["sessions"],
            world.reason("ndis_health"),
            "",
            tmp_path / "x.csv",
        )
    with pytest.raises(ValidationError):
        bulk_run.queue_bulk_cancel(
            world.db, world.admin, [], world.reason("practice_closure"), "", tmp_path / "x.csv"
        )
    # A period that ends before it starts: refused, with the sentence the report gives, and no
    # job or CSV (its runs would otherwise pass over every session as outside its days).
    with pytest.raises(ValidationError) as refused:
        bulk_run.queue_bulk_cancel(
            world.db, world.admin, data["sessions"], world.reason("practice_closure"), "",
            tmp_path / "x.csv", first=LAST, last=FIRST,
        )  # fmt: skip
    assert refused.value.message == (
        "The end date is before the start date; choose a later end date."
    )
    assert world.read(lambda uow: uow.session.scalar(select(func.count(BulkCancelJob.id)))) == 0
    assert not (tmp_path / "x.csv").exists()


def test_undo_of_a_whole_job_restores_rebooks_reverses_refunds_and_refuses_extracted_parts(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world)
    out = tmp_path / "closure.csv"
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"], world.reason("practice_closure"), "", out
    )
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    locked = data["sessions"][0]

    def extracted_charge(uow):  # type: ignore[no-untyped-def]
        c = uow.session.scalar(select(Cancellation).where(Cancellation.session_id == locked))
        b = uow.session.scalar(select(Booking).where(Booking.session_id == locked))
        uow.session.add(
            ServiceDelivered(
                session_id=locked,
                booking_id=b.id,
                kind=SdKind.CANCELLATION,
                cancellation_id=c.id,
                support_item="PILATES",
                quantity=1,
                unit_price_cents=100,
                amount_cents=100,
                created_at=uow.now(),
                extracted_at=uow.now(),
            )
        )

    world.run(world.admin, extracted_charge)
    result = bulk_run.undo_bulk_job_with_csv(
        world.db, world.admin, created.job_id, "Flood warning lifted"
    )
    assert list(result.restored) == data["sessions"][1:]
    assert (
        len(result.refused) == 1
        and result.refused[0].startswith(f"Session #{locked}:")
        and "extracted" in result.refused[0]
    )
    statuses = world.read(
        lambda uow: dict(uow.session.execute(select(Session.id, Session.status)).all())
    )
    assert statuses[locked] is SessionStatus.CANCELLED
    assert all(statuses[s] is SessionStatus.ROSTERED for s in data["sessions"][1:])
    booked = world.read(
        lambda uow: uow.session.scalar(
            select(func.count(Booking.id)).where(Booking.status == BookingStatus.BOOKED)
        )
    )
    assert booked == 4 * 3
    credit, buyer, _b = data["clients"]
    assert balance(world, credit) == 10 - 5 + 1  # only the locked session's credit stays returned
    money = world.read(
        lambda uow: uow.session.scalar(
            select(func.sum(CreditEntry.amount_cents)).where(CreditEntry.client_id == buyer)
        )
    )
    assert money == -3500
    rows = list(csv.reader(reversal_path(out).open(encoding="utf-8-sig")))
    assert [r[1] for r in rows[1:]].count("restored") == 4 and [r[1] for r in rows[1:]].count(
        "refused"
    ) == 1
    assert world.read(verify_audit_chain).ok


def test_a_session_changed_before_the_job_reaches_it_is_skipped_not_cancelled_twice(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=2)
    created = bulk_run.queue_bulk_cancel(
        world.db,
        world.admin,
        data["sessions"],
        world.reason("practice_closure"),
        "",
        tmp_path / "c.csv",
    )
    from app.services.sessions.cancel import apply_cancellation

    world.run(
        world.manager,
        lambda uow: apply_cancellation(uow, data["sessions"][1], world.reason("practice_weather")),
    )
    summary = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert (summary.done, summary.skipped) == (1, 1)
    assert world.read(lambda uow: uow.session.scalar(select(func.count(Cancellation.id)))) == 2


def test_unfinished_jobs_are_found_for_resuming_at_start(world: World, tmp_path: Path) -> None:
    data = closure_week(world, days=3)
    created = bulk_run.queue_bulk_cancel(
        world.db,
        world.admin,
        data["sessions"],
        world.reason("practice_closure"),
        "",
        tmp_path / "r.csv",
    )
    assert bulk_run.unfinished_jobs(world.db) == [created.job_id]
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin, should_stop=lambda: True)
    assert (
        world.read(lambda uow: uow.session.get(BulkCancelJob, created.job_id).status)
        is JobStatus.RUNNING
    )
    assert bulk_run.unfinished_jobs(world.db) == [created.job_id]
    bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert bulk_run.unfinished_jobs(world.db) == []


def test_a_reason_withdrawn_after_queueing_fails_every_item_and_cancels_nothing(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=3)
    reason = world.reason("practice_closure")
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"], reason, "", tmp_path / "f.csv"
    )

    def withdraw(uow):  # type: ignore[no-untyped-def]
        uow.session.get(CancellationReason, reason).active = False

    world.run(world.admin, withdraw)
    summary = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert (summary.done, summary.failed, summary.status) == (0, 3, JobStatus.DONE)
    errors = world.read(lambda uow: set(uow.session.scalars(select(BulkCancelItem.error))))
    assert errors == {"Choose a cancellation reason from the list."}
    statuses = world.read(
        lambda uow: [uow.session.get(Session, s).status for s in data["sessions"]]
    )
    assert statuses == [SessionStatus.ROSTERED] * 3
    assert world.read(verify_audit_chain).ok


def test_an_empty_class_in_the_range_is_cancelled_with_the_rest(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=1)
    empty = world.session(
        world.worker(days=range(7)), world.service("YOGA", 2000), local(2026, 4, 6, 12), [],
        kind=SessionKind.CLASS, capacity=8,
    )  # fmt: skip
    ids = [*data["sessions"], empty]
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, ids, world.reason("practice_closure"), "", tmp_path / "e.csv"
    )
    summary = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert (summary.done, summary.failed) == (2, 0)
    assert world.read(lambda uow: uow.session.get(Session, empty).status) is (
        SessionStatus.CANCELLED
    )
    assert (
        world.read(
            lambda uow: uow.session.scalar(
                select(func.count(Cancellation.id)).where(Cancellation.session_id == empty)
            )
        )
        == 1
    )


def test_a_worker_reason_cancels_as_the_worker_never_charged(world: World, tmp_path: Path) -> None:
    data = closure_week(world, days=2)
    created = bulk_run.queue_bulk_cancel(
        world.db, world.admin, data["sessions"], world.reason("worker_unwell"), "Flu",
        tmp_path / "w.csv",
    )  # fmt: skip
    summary = bulk_run.run_bulk_job(world.db, created.job_id, world.admin)
    assert summary.done == 2

    def facts(uow):  # type: ignore[no-untyped-def]
        rows = uow.session.scalars(select(Cancellation)).all()
        sessions = [uow.session.get(Session, s) for s in data["sessions"]]
        return (
            {c.cancelled_by for c in rows},
            [(s.status, s.cancelled_by_worker) for s in sessions],
            sum(line.charge_cents for c in rows for line in c.lines),
        )

    who, sessions, charged = world.read(facts)
    assert who == {CancelledBy.WORKER}
    assert sessions == [(SessionStatus.CANCELLED, True)] * 2
    assert charged == 0
