"""SPEC section 4, client notifications: real SMTP on loopback, retries, giving up, consent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from app.models import Client, OutboxMessage
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.outbox import (
    OutboxFilter,
    list_outbox,
    outbox_counts,
    retry_now,
    send_due,
)
from app.services.outbox.email import message_id
from app.services.outbox.notify import TOPIC_TEXT
from app.services.outbox.templates import render
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.undo import undo_cancellation
from tests.factory import World, local
from tests.integration.outbox_helpers import SmtpSink, after_grace, use_smtp

MONDAY_9 = local(2026, 4, 6, 9)


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink()
    yield server
    server.stop()


def _cancel(
    world: World, *, name: str = "Olivia Smith", code: str = "15_055_0128_1_3", **client_kw: object
) -> int:
    """A client cancels her Monday session at the desk now; returns the session id."""
    w, svc = world.worker(), world.service(code)
    c = world.client(name, **client_kw)  # type: ignore[arg-type]
    sid = world.session(w, svc, MONDAY_9, [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    return sid


def _email_rows(world: World) -> list[OutboxMessage]:
    return list(
        world.read(
            lambda uow: uow.session.scalars(
                select(OutboxMessage).where(OutboxMessage.channel == OutboxChannel.EMAIL)
            ).all()
        )
    )


def test_cancellation_email_reaches_a_real_smtp_server_with_practice_client_and_local_time(
    world: World, sink: SmtpSink
) -> None:
    world.settings(name="Harbourside Allied Health")
    use_smtp(world, sink.start().port)
    _cancel(world)
    assert send_due(world.db).claimed == 0  # the grace period: an undo could still withdraw it
    after_grace(world)
    result = send_due(world.db)
    assert (result.claimed, result.sent) == (1, 1)
    assert len(sink.messages) == 1
    msg = sink.messages[0]
    assert msg["To"] == "olivia@mail.example"
    assert "Harbourside Allied Health" in msg["From"] and "reception@harbour.example" in msg["From"]
    assert msg["Subject"] == "Harbourside Allied Health: cancellation notice"
    text, html = sink.text(), sink.html()
    for body in (text, html):
        assert "Olivia" in body and "Harbourside Allied Health" in body
        assert "Monday 6 April 2026, 9:00 AM" in body  # Sydney time, not the stored UTC
        assert "Reason" not in body  # the practice did not ask for reasons in email
    row = _email_rows(world)[0]
    assert row.status is OutboxStatus.SENT and row.sent_at == world.clock()
    assert msg["Message-ID"].strip() == message_id(row.idempotency_key, "reception@harbour.example")


def test_the_reason_is_in_the_email_only_when_the_practice_enables_it(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.start().port)
    world.settings(reason_in_email=True)
    _cancel(world)
    after_grace(world)
    send_due(world.db)
    reason = "Health"
    assert reason in sink.text() and "Reason:" in sink.text()
    assert "Reason:" in sink.html()


def test_the_reason_stays_out_when_the_practice_turns_it_off_before_sending(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.start().port)
    world.settings(reason_in_email=True)
    _cancel(world)
    world.settings(reason_in_email=False)
    after_grace(world)
    send_due(world.db)
    assert "Reason:" not in sink.text()


def test_server_down_the_message_stays_queued_and_is_delivered_after_the_server_comes_up(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)  # nothing listens there yet
    _cancel(world)
    after_grace(world)
    first = send_due(world.db)
    assert (first.claimed, first.sent, first.retrying) == (1, 0, 1)
    row = _email_rows(world)[0]
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert row.next_attempt_at is not None
    assert (row.next_attempt_at - world.clock()).total_seconds() == 30
    assert row.lease_owner is None
    assert row.last_error == (
        f"The mail server 127.0.0.1 refused a connection on port {sink.port}. Check the port: "
        "usually 587 for STARTTLS or 465 for SSL."
    )
    sink.start()
    assert send_due(world.db).claimed == 0  # not due yet: the backoff is respected
    world.clock.advance(seconds=31)
    assert send_due(world.db).sent == 1
    assert len(sink.messages) == 1
    row = _email_rows(world)[0]
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 2, None)


def test_after_the_retry_limit_the_message_fails_with_its_error_and_retry_now_sends_it(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port, max_attempts=3)
    _cancel(world)
    after_grace(world)
    for _ in range(3):
        send_due(world.db)
        world.clock.advance(hours=1)
    row = _email_rows(world)[0]
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 3)
    assert "The mail server 127.0.0.1 refused a connection" in (row.last_error or "")
    counts = world.read(outbox_counts)
    assert (counts.failed, counts.needs_attention) == (1, 1)
    failed = world.read(lambda uow: list_outbox(uow, OutboxFilter.FAILED))
    assert failed[0].why.startswith("Gave up after 3 attempt(s): The mail server 127.0.0.1 refused")
    assert send_due(world.db).claimed == 0  # a failed message is not retried on its own
    sink.start()
    world.run(world.reception, lambda uow: retry_now(uow, row.id))
    assert send_due(world.db).sent == 1 and len(sink.messages) == 1


def test_offline_nothing_is_lost_every_queued_email_goes_exactly_once_when_back(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.port)
    w, svc = world.worker(), world.service()
    for i, name in enumerate(["Ava Brown", "Noah Green", "Mia White"]):
        c = world.client(name, email=f"{name.split()[0].lower()}@mail.example")
        sid = world.session(w, svc, local(2026, 4, 7 + i, 9), [c])
        req = world.client_request(sid, [c], "ndis_health", world.clock())
        world.run(world.reception, lambda uow, req=req: cancel_booking(uow, req))  # type: ignore[misc]
    for _ in range(4):  # hours offline: every pass fails fast, nothing is dropped
        assert send_due(world.db).sent == 0
        world.clock.advance(minutes=10)
    assert {r.status for r in _email_rows(world)} == {OutboxStatus.PENDING}
    sink.start()
    world.clock.advance(hours=1)
    assert send_due(world.db).sent == 3
    assert send_due(world.db).claimed == 0
    assert len(sink.messages) == 3 and len(set(sink.message_ids())) == 3
    assert sorted(m["To"] for m in sink.messages) == [
        "ava@mail.example",
        "mia@mail.example",
        "noah@mail.example",
    ]


def test_a_client_without_consent_or_email_is_not_messaged_and_the_outbox_says_why(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.start().port)
    _cancel(world, name="Liam Jones", consent=False)
    _cancel(world, name="Zoe King", code="15_056_0128_1_3", email=None)
    assert send_due(world.db).claimed == 0 and sink.messages == []
    skipped = world.read(lambda uow: list_outbox(uow, OutboxFilter.SKIPPED))
    assert sorted(r.why for r in skipped) == [
        "no consent to be contacted",
        "no email address on file",
    ]


def test_consent_withdrawn_after_queueing_withdraws_the_email(world: World, sink: SmtpSink) -> None:
    use_smtp(world, sink.start().port)
    _cancel(world)
    world.run(
        world.admin,
        lambda uow: uow.session.execute(update(Client).values(notify_consent=False)),
    )
    after_grace(world)
    send_due(world.db)
    assert sink.messages == []
    row = _email_rows(world)[0]
    # Queued while it was true, no longer true when it would go: in the Withdrawn list, with why.
    assert row.status is OutboxStatus.WITHDRAWN and "withdrew consent" in row.status_reason


def test_undo_after_the_cancellation_email_went_sends_your_booking_is_back(
    world: World, sink: SmtpSink
) -> None:
    use_smtp(world, sink.start().port)
    sid = _cancel(world)
    after_grace(world)
    assert send_due(world.db).sent == 1
    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Client rang back"))
    after_grace(world)
    assert send_due(world.db).sent == 1
    assert "your booking is back" in sink.text(1)
    assert sink.messages[1]["Subject"].endswith("“your booking is back” notice")


def test_without_a_mail_server_emails_wait_and_the_outbox_says_email_is_not_set_up(
    world: World,
) -> None:
    _cancel(world)
    assert send_due(world.db).claimed == 0
    counts = world.read(outbox_counts)
    assert counts.pending == 1 and not counts.email_ready
    assert counts.notes and counts.notes[0].startswith("Email is not set up: 1 client message(s)")


def test_the_waiting_count_is_the_emails_held_for_want_of_a_mail_server(
    world: World, sink: SmtpSink
) -> None:
    from app.services.outbox.review import waiting_for_email

    _cancel(world)
    assert world.read(waiting_for_email) == 1
    use_smtp(world, sink.start().port)  # set up: nothing waits for want of it any more
    assert world.read(waiting_for_email) == 0


def test_every_notification_topic_has_both_templates_and_html_values_are_escaped() -> None:
    facts = {
        "practice": "Smith & Jones <Physio>",
        "first_name": "Zoë",
        "service": "Hydro",
        "worker": "Dr Lee",
        "starts_local": "Monday 6 April 2026, 9:00 AM",
        "reason": "Unwell",
    }
    for topic in TOPIC_TEXT:
        mail = render(topic, facts, with_reason=True)
        assert "Dear Zoë" in mail.text and "Smith & Jones <Physio>" in mail.text
        assert "Smith &amp; Jones &lt;Physio&gt;" in mail.html and "<Physio>" not in mail.html
        assert "$" not in mail.text + mail.html  # no placeholder left behind
    assert "Reason: Unwell" in render("cancel", facts, with_reason=True).text
    assert "Reason" not in render("cancel", facts, with_reason=False).text


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_server_that_requires_a_login_gets_the_saved_user_and_password(world: World) -> None:
    server = SmtpSink(login=("desk", "pw-123")).start()
    try:
        use_smtp(world, server.port, username="desk", password="wrong")
        _cancel(world)
        after_grace(world)
        assert send_due(world.db).retrying == 1
        row = _email_rows(world)[0]
        assert "refused the user name or password" in (row.last_error or "")
        use_smtp(world, server.port, username="desk", password="pw-123")
        world.clock.advance(minutes=1)
        assert send_due(world.db).sent == 1 and len(server.messages) == 1
    finally:
        server.stop()
