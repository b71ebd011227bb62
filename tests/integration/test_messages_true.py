"""SPEC section 9, "Messages must still be true when they go": the grace period, withdrawal by an
undo, a re-booking or a new time, expiry once the session started, and the fee in the e-mail."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import AuditEvent, OutboxMessage
from app.models.enums import CancelledBy, IntegrationKind, OutboxChannel, OutboxStatus
from app.models.rules import NoticeWorking
from app.services.bulk import run as bulk_run
from app.services.dto import CancelRequest
from app.services.outbox import (
    OutboxFilter,
    claim_batch,
    list_outbox,
    outbox_counts,
    send_all_due,
    send_due,
)
from app.services.outbox.notify import fee_sentence
from app.services.outbox.templates import render
from app.services.outbox.withdrawal import MOVED, REBOOKED
from app.services.sessions.attendance import mark_did_not_attend
from app.services.sessions.cancel import cancel_booking, cancel_session_by_worker
from app.services.sessions.scheduling import assign_replacement_worker, reschedule_session
from app.services.sessions.undo import UNDONE_BEFORE_SENT, undo_cancellation
from tests.factory import World, local
from tests.integration.outbox_helpers import (
    HookServer,
    SmtpSink,
    after_grace,
    use_smtp,
    use_webhook,
)
from tests.integration.test_bulk import FIRST, LAST, closure_week

# Easter Monday 2026, cancelled on Wed 1 Apr 10:00: only Thu 2 Apr is a clear business day
# (Good Friday and Easter Monday are public holidays), so the NDIS rule charges 100%.
EASTER_MONDAY_9 = local(2026, 4, 6, 9)
FEE = (
    "A cancellation fee of $193.99 applies: you gave 1 clear business day of notice "
    "and this service needs 2 clear business days."
)


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def hook() -> Iterator[HookServer]:
    server = HookServer().start()
    yield server
    server.stop()


def _booked(world: World, start: object = EASTER_MONDAY_9, name: str = "Olivia Smith") -> int:
    w, svc = world.worker(), world.service(f"S-{name}")
    return world.session(w, svc, start, [world.client(name, email=f"{name[:3]}@mail.example")])  # type: ignore[arg-type]


def _client_cancel(world: World, sid: int, **kw: object) -> None:
    client = next(iter(world.bookings(sid)))
    req = world.client_request(sid, [client], "ndis_health", world.clock(), **kw)
    world.run(world.manager, lambda uow: cancel_booking(uow, req))


def _emails(world: World) -> list[OutboxMessage]:
    return list(world.read(lambda uow: uow.session.scalars(
        select(OutboxMessage).where(OutboxMessage.channel == OutboxChannel.EMAIL)
        .order_by(OutboxMessage.id)).all()))  # fmt: skip


def _worker_cancel(world: World, sid: int) -> None:
    req = CancelRequest(sid, CancelledBy.WORKER, world.clock(), world.reason("worker_unwell"))
    world.run(world.reception, lambda uow: cancel_session_by_worker(uow, req))


def test_client_messages_wait_the_grace_period_and_integration_messages_go_at_once(
    world: World, sink: SmtpSink, hook: HookServer
) -> None:
    use_smtp(world, sink.port)
    use_webhook(world, hook.url)
    _client_cancel(world, _booked(world))
    rows = world.read(lambda uow: uow.session.scalars(select(OutboxMessage)).all())
    by_channel = {r.channel: r for r in rows}
    email, event = by_channel[OutboxChannel.EMAIL], by_channel[OutboxChannel.INTEGRATION]
    assert email.next_attempt_at == email.created_at + timedelta(minutes=3)
    assert event.next_attempt_at == event.created_at
    assert send_due(world.db).sent == 1  # the other system hears at once
    assert len(hook.hits) == 1 and sink.messages == []
    world.clock.advance(minutes=2, seconds=59)
    assert send_due(world.db).claimed == 0 and sink.messages == []
    world.clock.advance(seconds=2)
    assert send_due(world.db).sent == 1 and len(sink.messages) == 1


def test_the_grace_period_is_the_practice_setting(world: World) -> None:
    world.settings(message_grace_minutes=10)
    _client_cancel(world, _booked(world))
    email = _emails(world)[0]
    assert email.next_attempt_at == email.created_at + timedelta(minutes=10)


def test_undo_inside_the_grace_period_withdraws_the_cancellation_email_and_sends_no_back_on(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)
    sid = _booked(world)
    _client_cancel(world, sid)
    world.clock.advance(minutes=1)
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rang back at once"))
    [email] = _emails(world)  # no “your booking is back” for a cancellation never heard of
    assert (email.topic, email.status) == ("cancel", OutboxStatus.WITHDRAWN)
    assert email.status_reason == UNDONE_BEFORE_SENT and email.next_attempt_at is None
    event = world.read(lambda uow: uow.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "outbox.withdraw")))  # fmt: skip
    assert event.session_id == sid and event.after == {
        "messages": [email.id],
        "why": email.status_reason,
    }
    after_grace(world)
    assert send_all_due(world.db).sent == 0 and sink.messages == []
    assert world.read(outbox_counts).withdrawn == 1


def test_a_cancellation_email_being_sent_at_the_undo_is_followed_by_back_on(world: World) -> None:
    use_smtp(world, 9)
    sid = _booked(world)
    _client_cancel(world, sid)
    after_grace(world)
    assert len(claim_batch(world.db, "desk-a").messages) == 1  # another desk is sending it now
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rang back"))
    cancel, back = _emails(world)
    assert cancel.status == OutboxStatus.PENDING and cancel.lease_owner == "desk-a"
    assert back.topic == "undo" and back.status == OutboxStatus.PENDING


def test_undo_of_a_cancellation_whose_email_failed_sends_no_back_on(world: World) -> None:
    use_smtp(world, 9, max_attempts=1)  # the discard port: refused, given up at once
    sid = _booked(world)
    _client_cancel(world, sid)
    after_grace(world)
    assert send_due(world.db).failed == 1
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rang back"))
    # Withdrawn, not left failed: a Retry would tell the client of a cancellation undone.
    assert [(e.topic, e.status, e.status_reason) for e in _emails(world)] == [
        ("cancel", OutboxStatus.WITHDRAWN, UNDONE_BEFORE_SENT)
    ]


def test_a_replacement_worker_withdraws_the_unsent_cancellation_notice(world: World) -> None:
    sid = _booked(world)
    _worker_cancel(world, sid)
    other = world.worker("Liam O'Connor")
    res = world.run(world.reception, lambda uow: assign_replacement_worker(uow, sid, other))
    notice, new_time = _emails(world)
    assert (notice.topic, notice.session_id, notice.status) == (
        "cancel_worker", sid, OutboxStatus.WITHDRAWN,
    )  # fmt: skip
    assert notice.status_reason == REBOOKED
    assert (new_time.topic, new_time.session_id, new_time.status) == (
        "reschedule", res.session_id, OutboxStatus.PENDING,
    )  # fmt: skip


def test_rebooking_a_cancelled_session_at_a_new_time_withdraws_its_unsent_notice(
    world: World,
) -> None:
    sid = _booked(world)
    _worker_cancel(world, sid)
    world.run(world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 4, 9, 14)))
    statuses = [(e.topic, e.status) for e in _emails(world)]
    assert statuses == [
        ("cancel_worker", OutboxStatus.WITHDRAWN),
        ("reschedule", OutboxStatus.PENDING),
    ]


def test_moving_a_session_again_withdraws_the_new_time_not_yet_sent_and_keeps_a_sent_one(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)
    sid = _booked(world, local(2026, 4, 8, 9))
    world.run(world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 4, 8, 11)))
    after_grace(world)
    assert send_due(world.db).sent == 1  # the first new time went
    world.run(world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 4, 8, 14)))
    world.run(world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 4, 8, 15)))
    first, second, third = _emails(world)
    assert first.status == OutboxStatus.SENT
    assert (second.status, second.status_reason) == (OutboxStatus.WITHDRAWN, MOVED)
    assert third.status == OutboxStatus.PENDING
    after_grace(world)
    assert send_due(world.db).sent == 1
    assert "3:00 PM" in sink.text(1)


def test_a_message_about_a_session_that_started_is_never_sent_but_expires_with_why(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)
    sid = _booked(world, world.clock() + timedelta(minutes=2))
    _client_cancel(world, sid)
    after_grace(world)  # the session started while the message waited
    result = send_due(world.db)
    assert (result.sent, result.expired) == (0, 1) and sink.messages == []
    [email] = _emails(world)
    assert email.status == OutboxStatus.EXPIRED
    assert email.status_reason == (
        "Not sent: the session started (Wed 1 Apr 10:02) before the message could go."
    )
    assert "1 expired" in result.summary()


def test_a_did_not_attend_email_goes_the_day_of_the_session_and_expires_a_day_after(
    world: World, sink: SmtpSink
) -> None:
    """The "we missed you" e-mail is about a started session by nature, so it goes after the
    start; a mark entered a day or more after the session (or an e-mail held that long) is of
    no use to the client and expires with why instead."""
    use_smtp(world, sink.port)
    today = _booked(world, world.clock() - timedelta(hours=1), "Ava Brown")
    last_week = _booked(world, world.clock() - timedelta(days=7), "Noah Green")
    for sid in (today, last_week):
        world.run(world.reception, lambda uow, sid=sid: mark_did_not_attend(uow, sid))
    after_grace(world)
    result = send_due(world.db)
    assert (result.sent, result.expired) == (1, 1)
    assert [m["To"] for m in sink.messages] == ["Ava@mail.example"]
    assert "We missed you at your" in sink.text()
    stale = [e for e in _emails(world) if e.session_id == last_week]
    assert [(e.topic, e.status) for e in stale] == [("dna", OutboxStatus.EXPIRED)]
    assert stale[0].status_reason == (
        "Not sent: the session was on Wed 25 Mar 10:00, a day or more ago, so the did-not-attend "
        "e-mail would no longer help the client."
    )


def test_turning_email_on_sends_only_the_messages_still_true(world: World, sink: SmtpSink) -> None:
    still_true = _booked(world, local(2026, 4, 8, 9), "Ava Brown")
    undone = _booked(world, local(2026, 4, 8, 10), "Noah Green")
    started = _booked(world, world.clock() + timedelta(hours=1), "Mia White")
    for sid in (still_true, undone, started):
        _client_cancel(world, sid)
    world.run(world.manager, lambda uow: undo_cancellation(uow, undone, "Mistake"))
    world.clock.advance(hours=2)
    assert send_due(world.db).sent == 0  # no mail server: they wait, the started one expires
    counts = world.read(outbox_counts)
    assert (counts.pending, counts.withdrawn, counts.expired) == (1, 1, 1)
    use_smtp(world, sink.port)
    assert send_all_due(world.db).sent == 1
    assert [m["To"] for m in sink.messages] == ["Ava@mail.example"]


def test_the_cancellation_email_states_the_fee_and_why(world: World, sink: SmtpSink) -> None:
    use_smtp(world, sink.port)
    _client_cancel(world, _booked(world))
    assert _emails(world)[0].payload["fee"] == FEE
    after_grace(world)
    send_due(world.db)
    assert FEE in sink.text()
    assert html.escape(FEE) in sink.html()


@pytest.mark.parametrize("why", ["waived", "practice turned it off", "enough notice"])
def test_no_fee_is_mentioned_when_none_is_charged_or_the_practice_says_not_to(
    world: World, why: str
) -> None:
    start = local(2026, 4, 20, 9) if why == "enough notice" else EASTER_MONDAY_9
    if why == "practice turned it off":
        world.settings(fee_in_email=False)
    sid = _booked(world, start)
    if why == "waived":
        _client_cancel(world, sid, waive=True, waiver_reason="Hospital admission")
    else:
        _client_cancel(world, sid)
    email = _emails(world)[0]
    assert "fee" not in email.payload
    text = render("cancel", email.payload, with_reason=False).text
    assert "fee" not in text.lower() and "$" not in text


def test_the_fee_sentence_names_the_notice_given_and_the_notice_needed() -> None:
    hours = NoticeWorking(timedelta(hours=5, minutes=30), True, "24 hours", None, (), "")
    assert fee_sentence(6000, hours) == (
        "A cancellation fee of $60.00 applies: you gave 5 hours 30 minutes of notice "
        "and this service needs 24 hours."
    )
    one_day = NoticeWorking(timedelta(days=1), True, "7 days", None, (), "")
    assert "you gave 1 day of notice and this service needs 7 days" in fee_sentence(100, one_day)
    assert fee_sentence(0, one_day) == ""


def test_closure_notices_wait_too_and_an_undo_withdraws_them(world: World, tmp_path: Path) -> None:
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    week = closure_week(world, days=2)
    job = bulk_run.queue_bulk_cancel(
        world.db, world.admin, week["sessions"], world.reason("practice_closure"), "",
        tmp_path / "c.csv", first=FIRST, last=LAST,
    )  # fmt: skip
    bulk_run.run_bulk_job(world.db, job.job_id, world.admin)
    notices = [e for e in _emails(world) if e.status == OutboxStatus.PENDING]
    assert len(notices) == 4  # two clients with an address, two sessions
    assert {e.next_attempt_at - e.created_at for e in notices} == {timedelta(minutes=3)}
    todos = world.read(lambda uow: list_outbox(uow, OutboxFilter.MANUAL))
    assert todos[0].why == (
        "Cancel Mon 6 Apr 17:00 Service PILATES with Dr Maya Chen for Cara Credit, =Bob Buyer "
        "and Ina Invoice in Cliniko, then tick it done here."
    )
    first = week["sessions"][0]
    world.run(world.manager, lambda uow: undo_cancellation(uow, first, "Open after all"))
    by_session = {(e.session_id, e.status) for e in _emails(world) if e.topic == "bulk_closure"}
    assert (first, OutboxStatus.WITHDRAWN) in by_session
    assert (first, OutboxStatus.PENDING) not in by_session
    assert (week["sessions"][1], OutboxStatus.PENDING) in by_session
