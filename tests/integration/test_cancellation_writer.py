"""The one cancellation writer: every row a single, group, series and bulk cancellation writes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from app.errors import ConflictError
from app.models import (
    AuditEvent,
    Booking,
    BulkCancelItem,
    Cancellation,
    CancellationLine,
    CancellationReason,
    CreditEntry,
    OutboxMessage,
    ReminderRule,
    ServiceDelivered,
    Session,
)
from app.models.enums import (
    BookingStatus,
    CancelledBy,
    IntegrationKind,
    JobItemState,
    LedgerKind,
    OutboxChannel,
    OutboxStatus,
    SessionKind,
    SessionStatus,
)
from app.services import practice
from app.services.audit.verify import verify_audit_chain
from app.services.bulk.run import queue_bulk_cancel, run_bulk_job
from app.services.dto import SeriesScope
from app.services.outbox import notify
from app.services.sessions.cancel import cancel, cancel_booking
from app.services.sessions.cancel_writer import Act, Leaving, Target, write_cancellations
from app.services.sessions.common import load_session, snapshot
from app.services.sessions.undo import undo_cancellation
from app.services.sms.reminder_withdrawal import BOOKING_GONE, reminder_key
from tests.factory import World, local
from tests.integration.test_bulk import closure_week

THU_1510 = local(2026, 4, 2, 15, 10)  # Mon 6 Apr 09:00 is 0 clear business days away (Easter)
GRACE = timedelta(minutes=10)
TABLES = (Cancellation, CancellationLine, ServiceDelivered, CreditEntry, OutboxMessage, AuditEvent)


def _practice(world: World) -> None:
    world.clock.set(THU_1510)
    world.settings(message_grace_minutes=10, fee_in_email=True, reason_in_email=True)
    world.use_integration(IntegrationKind.MANUAL)


def _written(uow: Any, session_id: int) -> dict[str, Any]:
    """Every row the cancellations of one session wrote, in id order, with the session's state."""

    def rows(model: Any, *where: Any) -> list[Any]:
        return list(uow.session.scalars(select(model).where(*where).order_by(model.id)))

    cs = rows(Cancellation, Cancellation.session_id == session_id)
    ids = [c.id for c in cs]
    return {
        "cancellations": cs,
        "lines": rows(CancellationLine, CancellationLine.cancellation_id.in_(ids)),
        "sds": rows(ServiceDelivered, ServiceDelivered.cancellation_id.in_(ids)),
        "bookings": rows(Booking, Booking.session_id == session_id),
        "session": uow.session.get(Session, session_id),
        "outbox": rows(OutboxMessage, OutboxMessage.session_id == session_id),
        "events": rows(
            AuditEvent, AuditEvent.entity == "cancellation", AuditEvent.entity_id.in_(ids)
        ),  # fmt: skip
    }


def _counts(world: World) -> list[int]:
    return [
        world.read(lambda uow, m=m: uow.session.scalar(select(func.count()).select_from(m)))
        for m in TABLES
    ]


def test_a_single_cancel_writes_its_cancellation_line_charge_notices_state_and_audit(
    world: World,
) -> None:
    _practice(world)
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    bid = world.bookings(sid)[c]
    req = world.client_request(sid, [c], "ndis_health", THU_1510, note="  Called in sick  ")

    def cancel_and_look(uow: Any) -> tuple[Any, tuple[Any, ...]]:
        held = load_session(uow, sid)  # the caller's objects carry what was written
        res = cancel_booking(uow, req)
        return res, (held.status, held.version, [(b.status, b.version)
                                                    for b in held.bookings])  # fmt: skip

    res, seen = world.run(world.reception, cancel_and_look)
    assert seen == (SessionStatus.CANCELLED, 2, [(BookingStatus.CANCELLED, 2)])
    got = world.read(lambda uow: _written(uow, sid))
    [cn] = got["cancellations"]
    assert res.cancellation_ids == (cn.id,) and res.total_charge_cents == 19399
    assert (cn.cancelled_by, cn.whole_session, cn.reason_id, cn.advised_at, cn.recorded_at,
            cn.note, cn.actor_id, cn.bulk_job_id, cn.series_first_id) == (
        CancelledBy.CLIENT, True, req.reason_id, THU_1510, THU_1510, "Called in sick",
        world.reception.user_id, None, None)  # fmt: skip
    assert cn.notice_minutes == 5450  # 90 h 50 min: daylight saving ends on the Sunday
    assert "Good Friday" in cn.notice_working
    [line] = got["lines"]
    assert (line.booking_id, line.short_notice, line.charge_cents, line.waived,
            line.waiver_reason, line.waived_cents) == (bid, True, 19399, False, None, 0)  # fmt: skip
    assert "$193.99" in line.explanation
    [sd] = got["sds"]
    assert res.sd_ids == (sd.id,)
    assert (sd.booking_id, sd.kind.value, sd.support_item, sd.claim_type, sd.reason_code,
            float(sd.quantity), sd.unit_price_cents, sd.amount_cents, sd.gst_code,
            sd.created_at) == (bid, "cancellation", "15_055_0128_1_3", "CANC", "NSDH", 1.0,
                               19399, 19399, "P2", THU_1510)  # fmt: skip
    assert [(b.status, b.version) for b in got["bookings"]] == [(BookingStatus.CANCELLED, 2)]
    assert (got["session"].status, got["session"].version) == (SessionStatus.CANCELLED, 2)
    email, hub = got["outbox"]
    assert email.idempotency_key.startswith(f"cancellation:{cn.id}:booking:{bid}:email:")
    assert (email.topic, email.status, email.recipient, email.client_id, email.next_attempt_at) == (
        "cancel", OutboxStatus.PENDING, "olivia@mail.example", c, THU_1510 + GRACE)  # fmt: skip
    assert email.payload["fee"] == (
        "A cancellation fee of $193.99 applies: you gave 0 clear business days of notice and "
        "this service needs 2 clear business days."
    )
    assert email.payload["reason"] == "Health"
    assert hub.idempotency_key.startswith(f"cancellation:{cn.id}:integration:")
    assert (hub.topic, hub.status, hub.next_attempt_at) == ("cancel", OutboxStatus.MANUAL, None)
    assert hub.status_reason == (
        "Cancel Mon 6 Apr 09:00 Service 15_055_0128_1_3 with Dr Maya Chen for Olivia Smith in "
        "PracticeHub, then tick it done here."
    )
    assert hub.payload == {
        "event": "session.cancelled", "session_id": sid, "cancellation_id": cn.id,
        "cancelled_by": "client", "whole_session": True, "clients": [c], "reason": "ndis_health",
        "starts_at": "2026-04-05T23:00:00+00:00",
    }  # fmt: skip
    [event] = got["events"]
    assert (event.action, event.entity, event.entity_id, event.session_id) == (
        "session.cancel", "cancellation", cn.id, sid)  # fmt: skip
    assert (event.before["status"], event.before["version"]) == ("rostered", 1)
    assert event.before["bookings"][0]["status"] == "booked"
    after = event.after
    assert (after["status"], after["version"], after["bookings"][0]["status"]) == (
        "cancelled", 2, "cancelled")  # fmt: skip
    assert (after["cancelled_by"], after["reason"], after["charges"], after["waived"],
            after["note"], after["notice_minutes"], after["advised_at"]) == (
        "client", "ndis_health", {str(bid): 19399}, False, "Called in sick",
        cn.notice_minutes, THU_1510.isoformat())  # fmt: skip
    assert world.read(verify_audit_chain).ok


def test_a_client_leaving_a_group_leaves_the_others_booked_and_the_session_rostered(
    world: World,
) -> None:
    _practice(world)
    w, svc = world.worker(), world.service()
    a, b, c = world.client("Ann Able"), world.client("Bob Baker"), world.client("Cy Cole")
    sid = world.session(w, svc, local(2026, 4, 6, 11), [a, b, c], kind=SessionKind.GROUP,
                        capacity=4)  # fmt: skip
    ids = world.bookings(sid)
    req = world.client_request(sid, [c, a], "ndis_health", THU_1510, waive=True,
                               waiver_reason="  Hospital letter  ")  # fmt: skip
    res = world.run(world.manager, lambda uow: cancel_booking(uow, req))
    got = world.read(lambda uow: _written(uow, sid))
    [cn] = got["cancellations"]
    assert (res.session_status, res.total_charge_cents, res.sd_ids) == (
        SessionStatus.ROSTERED, 0, ())  # fmt: skip
    assert cn.whole_session is False and got["sds"] == []
    assert [(ln.booking_id, ln.charge_cents, ln.waived, ln.waiver_reason, ln.waived_cents)
            for ln in got["lines"]] == [(ids[c], 0, True, "Hospital letter", 19399),
                                        (ids[a], 0, True, "Hospital letter", 19399)]  # fmt: skip
    assert [(bk.client_id, bk.status, bk.version) for bk in got["bookings"]] == [
        (a, BookingStatus.CANCELLED, 2), (b, BookingStatus.BOOKED, 1),
        (c, BookingStatus.CANCELLED, 2)]  # fmt: skip
    assert (got["session"].status, got["session"].version) == (SessionStatus.ROSTERED, 2)
    *emails, hub = got["outbox"]
    assert [(m.client_id, m.topic, "fee" in m.payload) for m in emails] == [
        (c, "cancel", False),
        (a, "cancel", False),
    ]  # the waived charge says nothing of a fee
    assert all(m.next_attempt_at == THU_1510 + GRACE for m in emails)
    assert hub.payload["clients"] == [c, a] and hub.payload["whole_session"] is False
    assert "for Ann Able and Cy Cole in PracticeHub" in hub.status_reason  # in booking order
    [event] = got["events"]
    assert [bk["status"] for bk in event.after["bookings"]] == ["cancelled", "booked", "cancelled"]
    assert (event.after["status"], event.after["waived"], event.after["charges"]) == (
        "rostered", True, {str(ids[c]): 0, str(ids[a]): 0})  # fmt: skip


def test_a_series_is_written_in_one_go_each_session_with_its_own_rows_sharing_the_first_id(
    world: World,
) -> None:
    _practice(world)
    w, svc = world.worker(), world.service()
    a, b = world.client("Ann Able"), world.client("Bob Baker")
    series = world.series()
    sids = [world.session(w, svc, local(2026, 4, 8 + 7 * i, 10), [a, b], kind=SessionKind.GROUP,
                          capacity=2, series_id=series) for i in range(3)]  # fmt: skip
    req = world.client_request(sids[0], [a], "ndis_health", THU_1510, scope=SeriesScope.ALL)
    res = world.run(world.reception, lambda uow: cancel(uow, req))
    got = [world.read(lambda uow, s=s: _written(uow, s)) for s in sids]
    cids = [g["cancellations"][0].id for g in got]
    assert res.cancellation_ids == tuple(cids) and cids == sorted(cids)
    assert [g["cancellations"][0].series_first_id for g in got] == [cids[0]] * 3
    assert res.changes.sessions == frozenset(sids)
    charged = [g["lines"][0].charge_cents for g in got]
    assert res.total_charge_cents == sum(charged) and charged[0] == 19399
    assert res.sd_ids == tuple(sd.id for g in got for sd in g["sds"])
    for g, cid, sid in zip(got, cids, sids, strict=True):
        assert [bk.status for bk in g["bookings"]] == [BookingStatus.CANCELLED,
                                                       BookingStatus.BOOKED]  # fmt: skip
        assert (g["session"].status, g["session"].version) == (SessionStatus.ROSTERED, 2)
        assert [m.idempotency_key.rsplit(":", 1)[0] for m in g["outbox"]] == [
            f"cancellation:{cid}:booking:{g['bookings'][0].id}:email",
            f"cancellation:{cid}:integration"]  # fmt: skip
        [event] = g["events"]
        assert (event.entity_id, event.session_id, event.after["version"]) == (cid, sid, 2)
    events = [g["events"][0].id for g in got]
    assert events == sorted(events)  # the audit chain runs in the series' order
    assert world.read(verify_audit_chain).ok


def test_a_bulk_batch_writes_refunds_closure_notices_and_marks_its_items(
    world: World, tmp_path: Path
) -> None:
    data = closure_week(world, days=1)
    world.settings(message_grace_minutes=10)
    world.use_integration(IntegrationKind.MANUAL)
    empty = world.session(world.worker(days=range(7)), world.service("YOGA", 2000),
                          local(2026, 4, 6, 12), [], kind=SessionKind.CLASS, capacity=8)  # fmt: skip
    sid = data["sessions"][0]
    credit, buyer, billed = data["clients"]
    created = queue_bulk_cancel(world.db, world.admin, [sid, empty],
                                world.reason("practice_closure"), " Storm ", tmp_path / "s.csv")  # fmt: skip
    run_bulk_job(world.db, created.job_id, world.admin)
    now = world.clock()
    got = world.read(lambda uow: _written(uow, sid))
    [cn] = got["cancellations"]
    assert (cn.cancelled_by, cn.whole_session, cn.advised_at, cn.recorded_at, cn.note,
            cn.bulk_job_id, cn.series_first_id) == (
        CancelledBy.PRACTICE, True, now, now, "Storm", created.job_id, None)  # fmt: skip
    assert [(ln.charge_cents, ln.waived, ln.waived_cents) for ln in got["lines"]] == [
        (0, False, 0)
    ] * 3
    assert got["sds"] == []
    assert [bk.status for bk in got["bookings"]] == [BookingStatus.CANCELLED] * 3
    assert (got["session"].status, got["session"].version) == (SessionStatus.CANCELLED, 2)
    refunds = world.read(lambda uow: [
        (e.client_id, e.credits, e.amount_cents, e.note) for e in uow.session.scalars(
            select(CreditEntry).where(CreditEntry.kind == LedgerKind.REFUND).order_by(CreditEntry.id))
    ])  # fmt: skip
    job = created.job_id
    assert refunds == [
        (credit, 1, 0, f"Bulk cancellation #{job}: credits returned"),
        (buyer, 0, -3500, f"Bulk cancellation #{job}: purchase refunded"),
    ]
    *emails, hub = got["outbox"]
    assert [(m.client_id, m.topic, m.status, m.next_attempt_at) for m in emails] == [
        (credit, "bulk_closure", OutboxStatus.PENDING, now + GRACE),
        (buyer, "bulk_closure", OutboxStatus.PENDING, now + GRACE),
        (billed, "bulk_closure", OutboxStatus.SKIPPED, None),
    ]
    assert hub.status_reason == (
        "Cancel Mon 6 Apr 17:00 Service PILATES with Dr Maya Chen for Cara Credit, =Bob Buyer "
        "and Ina Invoice in PracticeHub, then tick it done here."
    )
    assert (hub.payload["cancelled_by"], hub.payload["clients"]) == ("practice", [credit, buyer,
                                                                                billed])  # fmt: skip
    [event] = got["events"]
    assert (event.after["status"], event.after["charges"], event.after["note"],
            event.after["cancelled_by"]) == (
        "cancelled", {str(bk.id): 0 for bk in got["bookings"]}, "Storm", "practice")  # fmt: skip
    bare = world.read(lambda uow: _written(uow, empty))
    assert (len(bare["cancellations"]), bare["lines"], bare["session"].status) == (
        1, [], SessionStatus.CANCELLED)  # an empty class is cancelled with the rest  # fmt: skip
    items = world.read(lambda uow: [(i.session_id, i.state, i.cancellation_id) for i in
                                    uow.session.scalars(select(BulkCancelItem).order_by(BulkCancelItem.id))])  # fmt: skip
    assert items == [(sid, JobItemState.DONE, cn.id),
                     (empty, JobItemState.DONE, bare["cancellations"][0].id)]  # fmt: skip
    assert world.read(verify_audit_chain).ok


@pytest.mark.parametrize("stale", ["session", "booking"])
def test_a_session_or_booking_changed_meanwhile_refuses_the_whole_write(
    world: World, stale: str
) -> None:
    _practice(world)
    w, svc, c = world.worker(), world.service(), world.client()
    sids = [world.session(w, svc, local(2026, 4, 6 + d, 9), [c]) for d in range(2)]
    counts = _counts(world)

    def write(uow: Any) -> None:
        settings = practice.settings(uow)
        reason = uow.session.get(CancellationReason, world.reason("practice_closure"))
        act = Act(CancelledBy.PRACTICE, reason, THU_1510, "", "cancel_practice", settings,
                  practice.time_zone(uow))  # fmt: skip
        targets = []
        for i, sid in enumerate(sids):
            s = load_session(uow, sid)
            before = snapshot(s)
            [bk] = s.bookings
            late = i == 1  # the second session was changed at another desk after it was read
            if late and stale == "session":
                before["version"] = 0
            who = Leaving(bk.id, 0 if late and stale == "booking" else bk.version,
                          notify.Contact.of(bk.client), False, "no charge")  # fmt: skip
            targets.append(Target(before, s.starts_at, s.service.name, s.worker.name,
                                  s.service.code, s.service.gst_code, (who,), True, 0, ""))  # fmt: skip
        write_cancellations(uow, act, targets)

    with pytest.raises(ConflictError):
        world.run(world.admin, write)
    assert _counts(world) == counts
    statuses = world.read(lambda uow: [uow.session.get(Session, s).status for s in sids])
    assert statuses == [SessionStatus.ROSTERED] * 2


def test_later_steps_of_the_same_transaction_see_the_cancellation(world: World) -> None:
    _practice(world)
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 10, 9), [c])

    def cancel_undo_cancel(uow: Any) -> None:
        held = load_session(uow, sid)  # kept in the identity map throughout, as a caller's is
        cancel_booking(uow, world.client_request(sid, [c], "ndis_health", THU_1510))
        undo_cancellation(uow, sid, "Wrong client")  # its flush checks the versions just written
        assert (held.status, held.bookings[0].status) == (
            SessionStatus.ROSTERED, BookingStatus.BOOKED)  # fmt: skip
        cancel_booking(uow, world.client_request(sid, [c], "ndis_health", THU_1510))

    world.run(world.manager, cancel_undo_cancel)
    got = world.read(lambda uow: _written(uow, sid))
    first, second = got["cancellations"]
    assert first.undone_at is not None and second.undone_at is None
    assert [(bk.status, bk.version) for bk in got["bookings"]] == [(BookingStatus.CANCELLED, 4)]
    assert (got["session"].status, got["session"].version) == (SessionStatus.CANCELLED, 4)
    assert [e.after["version"] for e in got["events"] if e.action == "session.cancel"] == [2, 4]
    assert world.read(verify_audit_chain).ok


def _reminder(uow: Any, session_id: int, client_id: int, rule_id: int, **kw: Any) -> int:
    """A text reminder for one place, waiting to go in an hour (or as `kw` says)."""
    booking = uow.session.scalars(select(Booking).where(
        Booking.session_id == session_id, Booking.client_id == client_id)).one()  # fmt: skip
    row = OutboxMessage(**{
        "channel": OutboxChannel.SMS, "topic": "reminder", "session_id": session_id,
        "idempotency_key": reminder_key(rule_id, booking.id, booking.session.starts_at),
        "client_id": client_id, "recipient": "+61412000000", "subject": "",
        "payload": {"body": "Reminder", "booking_id": booking.id, "rule_id": rule_id},
        "status": OutboxStatus.PENDING, "status_reason": "", "created_at": uow.now(),
        "next_attempt_at": uow.now() + timedelta(hours=1), **kw})  # fmt: skip
    uow.session.add(row)
    uow.session.flush()
    return int(row.id)


def test_a_bulk_batch_withdraws_its_clients_waiting_reminders_in_one_statement(
    world: World, tmp_path: Path
) -> None:
    """Every leaving client's unsent reminder for that session is withdrawn with the batch, with
    the sentence the outbox's pass would give, by one UPDATE however many sessions; a reminder
    already sent, one being sent, and one for a session not cancelled are left as they were."""
    data = closure_week(world, days=3)
    sids = data["sessions"]
    credit, buyer, billed = data["clients"]
    other = world.session(world.worker(days=range(7)), world.service("OTHER", 2000),
                          local(2026, 4, 10, 9), [credit])  # fmt: skip
    now = world.clock()

    def queue(uow: Any) -> dict[str, Any]:
        rule = ReminderRule(name="Before", channel="sms", hours_before=2, template="Hi",
                            active=True, created_at=now)  # fmt: skip
        uow.session.add(rule)
        uow.session.flush()
        return {
            "waiting": [_reminder(uow, s, c, rule.id) for s in sids for c in (credit, billed)],
            "failed": _reminder(uow, sids[1], buyer, rule.id, status=OutboxStatus.FAILED,
                                next_attempt_at=None),
            "sent": _reminder(uow, sids[0], buyer, rule.id, status=OutboxStatus.SENT),
            "sending": _reminder(uow, sids[2], buyer, rule.id, lease_owner="desk-2",
                                 lease_until=now + timedelta(minutes=5)),
            "elsewhere": _reminder(uow, other, credit, rule.id),
        }  # fmt: skip

    made = world.run(world.admin, queue)
    statements: list[str] = []

    def spy(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE OUTBOX_MESSAGES"):
            statements.append(statement)

    created = queue_bulk_cancel(world.db, world.admin, sids, world.reason("practice_closure"),
                                "Storm", tmp_path / "s.csv")  # fmt: skip
    event.listen(world.db.engine, "before_cursor_execute", spy)
    try:
        run_bulk_job(world.db, created.job_id, world.admin)
    finally:
        event.remove(world.db.engine, "before_cursor_execute", spy)
    assert len(statements) == 1, statements

    def state(uow: Any, mid: int) -> tuple[Any, ...]:
        row = uow.session.get(OutboxMessage, mid)
        return row.status, row.status_reason, row.next_attempt_at

    withdrawn = sorted([*made["waiting"], made["failed"]])
    assert world.read(lambda uow: [state(uow, m) for m in withdrawn]) == [
        (OutboxStatus.WITHDRAWN, BOOKING_GONE, None)] * len(withdrawn)  # fmt: skip
    untouched = world.read(lambda uow: [state(uow, made[k])[0]
                                        for k in ("sent", "sending", "elsewhere")])  # fmt: skip
    assert untouched == [OutboxStatus.SENT, OutboxStatus.PENDING, OutboxStatus.PENDING]
    audited = world.read(lambda uow: list(uow.session.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "outbox.withdraw"))))  # fmt: skip
    assert audited == [{"messages": withdrawn, "why": BOOKING_GONE}]
    assert world.read(verify_audit_chain).ok
