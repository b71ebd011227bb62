"""Reminders: queued at the rule's local time across a daylight-saving change, stating the
deadline the NDIS or private rule gives; only to clients who consented and have the contact;
withdrawn when the booking is cancelled, queued again when the session moves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.errors import PermissionDeniedError, ValidationError
from app.models import AuditEvent, Client, OutboxMessage
from app.models.enums import Funding, OutboxChannel, OutboxStatus
from app.services.outbox.templates import render
from app.services.sessions.cancel import cancel_booking
from app.services.sessions.scheduling import reschedule_session
from app.services.sessions.undo import undo_cancellation
from app.services.sms import reminder_rules
from app.services.sms.reminder_queue import queue_due_reminders, reminders_pass
from app.services.sms.reminder_rules import RuleDraft, save_rule
from app.services.sms.reminder_withdrawal import BOOKING_GONE, SESSION_MOVED
from tests.factory import World, local

MOBILE = "0412 345 678"
SMS = "Hi {first_name}, {service} with {worker} on {date} at {time}. {how_to_cancel}; {deadline}."


def _client(
    world: World, name: str = "Olivia Smith", phone: str | None = MOBILE, **kw: object
) -> int:
    cid = world.client(name, **kw)  # type: ignore[arg-type]

    def set_phone(uow):  # type: ignore[no-untyped-def]
        uow.session.get(Client, cid).phone = phone

    world.run(world.admin, set_phone)
    return cid


def _rule(world: World, **kw: object) -> int:
    draft = RuleDraft(None, kw.pop("name", "Reminder"), template=kw.pop("template", SMS), **kw)  # type: ignore[arg-type]
    saved = world.run(world.admin, lambda uow: save_rule(uow, draft))
    assert saved.id is not None
    return saved.id


def _queue(world: World) -> int:
    return world.run(world.admin, lambda uow: queue_due_reminders(uow, uow.now()))


def _reminders(world: World) -> list[OutboxMessage]:
    return list(world.read(lambda uow: uow.session.scalars(
        select(OutboxMessage).where(OutboxMessage.topic == "reminder").order_by(OutboxMessage.id)
    ).all()))  # fmt: skip


def _book(world: World, start: datetime, clients: list[int], **kw: object) -> int:
    worker = world.worker(days=range(7))
    return world.session(worker, world.service(**kw), start, clients)  # type: ignore[arg-type]


def test_ndis_reminder_goes_at_9am_local_across_the_october_change_with_the_holiday_deadline(
    world: World,
) -> None:
    # Sydney's clocks go forward on Sun 4 Oct 2026; Mon 5 Oct is Labour Day in NSW.
    world.clock.set(local(2026, 9, 27, 12))
    olivia = _client(world)
    sid = _book(world, local(2026, 10, 7, 10), [olivia])  # Wed 7 Oct, 10:00 AEDT
    _rule(world, days_before=7, at_time="09:00")
    assert _queue(world) == 0  # its moment is more than two days off: not queued yet

    world.clock.set(local(2026, 9, 28, 12))
    assert _queue(world) == 1
    (row,) = _reminders(world)
    assert row.channel == OutboxChannel.SMS and row.status == OutboxStatus.PENDING
    assert row.recipient == "+61412345678" and row.subject == ""
    assert row.session_id == sid and row.client_id == olivia
    # Wed 30 Sept 9:00 on the practice's clock, still standard time (UTC+10): 23:00 UTC.
    assert row.next_attempt_at == datetime(2026, 9, 29, 23, 0, tzinfo=UTC)
    assert row.next_attempt_at == local(2026, 9, 30, 9)
    # Two clear business days before Wed 7 Oct: Tue 6 and Fri 2 (Labour Day is not one), so
    # the client must tell us by the end of Thu 1 Oct.
    body = row.payload["body"]
    assert body == (
        "Hi Olivia, Service 15_055_0128_1_3 with Dr Maya Chen on Wed 7 Oct at 10:00 am. "
        "Reply C to cancel, Y to confirm; to avoid a fee, cancel by the end of Thu 1 Oct."
    )
    assert row.payload["booking_id"] == world.bookings(sid)[olivia]
    assert row.payload["offer_id"] is None and row.payload["rule_id"] is not None
    # Idempotent: the next pass queues nothing more.
    assert _queue(world) == 0
    assert len(_reminders(world)) == 1


def test_private_reminder_at_half_past_five_and_a_24_hour_deadline_across_the_change(
    world: World,
) -> None:
    world.use_private_profile()
    world.clock.set(local(2026, 10, 1, 12))
    olivia = _client(world, funding=Funding.PRIVATE)
    _book(world, local(2026, 10, 4, 10), [olivia], code="PHYSIO", price=12000)  # Sun, AEDT
    _rule(world, days_before=2, at_time="17:30", template="{deadline} ({fee}). {practice}")

    assert _queue(world) == 1
    (row,) = _reminders(world)
    assert row.next_attempt_at == local(2026, 10, 2, 17, 30)  # Fri, AEST: 07:30 UTC
    assert row.next_attempt_at == datetime(2026, 10, 2, 7, 30, tzinfo=UTC)
    # 24 hours before Sun 10:00 AEDT is Sat 9:00 AEST: the clocks went forward in between.
    assert row.payload["body"] == (
        "to avoid a fee, cancel before Sat 3 Oct 9:00 am ($60.00). My Practice"
    )


def test_no_deadline_when_the_service_allows_no_charge(world: World) -> None:
    world.clock.set(local(2026, 10, 4, 12))
    _book(world, local(2026, 10, 7, 10), [_client(world)], allows=False)
    _rule(world, hours_before=48)
    assert _queue(world) == 1
    (row,) = _reminders(world)
    assert row.next_attempt_at == local(2026, 10, 5, 10)
    assert row.payload["body"].endswith("Reply C to cancel, Y to confirm.")


def test_only_clients_who_consented_and_have_the_contact_are_reminded(world: World) -> None:
    world.clock.set(local(2026, 9, 28, 12))
    ok = _client(world, "Olivia Smith")
    no_consent = _client(world, "Noah Brown", consent=False)
    landline = _client(world, "Ava Jones", phone="02 9999 0000")
    no_phone = _client(world, "Liam Wilson", phone=None)
    no_email = _client(world, "Mia Taylor", email=None)
    for i, who in enumerate((ok, no_consent, landline, no_phone, no_email)):
        _book(world, local(2026, 10, 1, 9 + i), [who], code=f"S{i}")
    _rule(world, name="Text", days_before=1, at_time="09:00")
    _rule(world, name="Mail", channel="email", days_before=7, at_time="08:00",
          template=reminder_rules.DEFAULT_TEMPLATE["email"])  # fmt: skip

    assert _queue(world) == 5
    rows = _reminders(world)
    texts = {r.client_id for r in rows if r.channel == OutboxChannel.SMS}
    mails = {r.client_id for r in rows if r.channel == OutboxChannel.EMAIL}
    assert texts == {ok, no_email}
    assert mails == {ok, landline, no_phone}
    mail = next(r for r in rows if r.channel == OutboxChannel.EMAIL and r.client_id == ok)
    assert mail.recipient == "olivia@mail.example"
    assert mail.subject == "My Practice: appointment reminder"
    # Its moment (a week before) has passed: it goes now, while the deadline is still ahead.
    assert mail.next_attempt_at == world.clock()
    email = render("reminder", mail.payload, with_reason=False)
    assert "To cancel, reply to this e-mail; to avoid a fee, cancel by the end of" in email.text
    assert email.text.startswith("Dear Olivia,")


def test_a_cancelled_booking_withdraws_its_reminder_and_an_undo_brings_it_back(
    world: World,
) -> None:
    world.clock.set(local(2026, 10, 4, 12))
    olivia = _client(world)
    sid = _book(world, local(2026, 10, 7, 10), [olivia])
    _rule(world, days_before=2, at_time="09:00")
    assert _queue(world) == 1

    req = world.client_request(sid, [olivia], "ndis_health", world.clock())
    world.run(world.manager, lambda uow: cancel_booking(uow, req))
    assert _queue(world) == 0
    (row,) = _reminders(world)
    assert row.status == OutboxStatus.WITHDRAWN
    assert row.status_reason == BOOKING_GONE
    assert row.next_attempt_at is None
    withdrawn = world.read(lambda uow: uow.session.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "outbox.withdraw")).all())  # fmt: skip
    assert withdrawn[-1]["messages"] == [row.id]

    world.run(world.manager, lambda uow: undo_cancellation(uow, sid, "Rang back: coming after all"))
    assert _queue(world) == 1
    (row,) = _reminders(world)
    assert row.status == OutboxStatus.PENDING and row.next_attempt_at == local(2026, 10, 5, 9)


def test_a_moved_session_is_reminded_at_its_new_time(world: World) -> None:
    world.clock.set(local(2026, 10, 6, 12))
    olivia = _client(world)
    sid = _book(world, local(2026, 10, 7, 10), [olivia])
    _rule(world, days_before=1, at_time="18:00")
    assert _queue(world) == 1

    world.run(world.reception, lambda uow: reschedule_session(uow, sid, local(2026, 10, 8, 14)))
    assert _queue(world) == 1
    old, new = _reminders(world)
    assert old.status == OutboxStatus.WITHDRAWN and old.status_reason == SESSION_MOVED
    assert new.status == OutboxStatus.PENDING
    assert new.next_attempt_at == local(2026, 10, 7, 18)
    assert "on Thu 8 Oct at 2:00 pm" in new.payload["body"]
    assert new.idempotency_key != old.idempotency_key


def test_rules_are_refused_plainly_and_only_administrators_save_them(world: World) -> None:
    def save(draft: RuleDraft, actor: object = None):  # type: ignore[no-untyped-def]
        return world.run(actor or world.admin, lambda uow: save_rule(uow, draft))  # type: ignore[arg-type]

    with pytest.raises(PermissionDeniedError):
        save(RuleDraft(None, "Day before"), world.reception)
    cases = {
        "Enter the time like 09:00 or 17:30.": RuleDraft(None, "x", at_time="9 am"),
        "Days before must be between 0 and 14.": RuleDraft(None, "x", days_before=15),
        "Hours before must be between 1 and 72.": RuleDraft(None, "x", hours_before=0),
        "Give the rule a name": RuleDraft(None, "  "),
        "The text names {surname}, which is not a placeholder": RuleDraft(
            None, "x", template="Hi {surname}"
        ),
        "The text has a lone {": RuleDraft(None, "x", template="Hi {first_name"),
    }
    for sentence, draft in cases.items():
        with pytest.raises(ValidationError) as refused:
            save(draft)
        assert str(refused.value).startswith(sentence)
    saved = save(RuleDraft(None, " Day   before ", at_time="9:05"))
    assert saved.name == "Day before" and saved.at_time == "09:05"
    events = world.read(lambda uow: uow.session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "reminder_rule")).all())  # fmt: skip
    assert events == ["reminder_rule.save"]


def test_the_session_details_show_the_reminder_queued_sent_and_confirmed(world: World) -> None:
    from app.models import Booking
    from app.services.schedule.details import session_details
    from app.ui.schedule.details_html import details_html

    world.clock.set(local(2026, 9, 28, 12))
    olivia = _client(world)
    sid = _book(world, local(2026, 10, 7, 10), [olivia])
    booking = world.bookings(sid)[olivia]
    _rule(world, days_before=7, at_time="09:00")
    _queue(world)

    def line() -> str:
        details = world.read(lambda uow: session_details(uow, sid))
        assert "Olivia Smith<br><span class='muted'>" in details_html(
            details,
            local(2026, 1, 1).tzinfo,
            world.clock(),  # type: ignore[arg-type]
        )
        return dict(details.reminders)[booking]

    assert line() == "Reminder queued for Wed 30 Sept 2026 09:00"

    def sent(uow):  # type: ignore[no-untyped-def]
        row = uow.session.scalars(select(OutboxMessage)).one()
        row.status, row.sent_at = OutboxStatus.SENT, local(2026, 9, 30, 9, 1)

    world.run(world.admin, sent)
    assert line() == "Reminder sent Wed 30 Sept 2026 09:01"

    def confirmed(uow):  # type: ignore[no-untyped-def]
        uow.session.get(Booking, booking).confirmed_at = local(2026, 9, 30, 9, 20)

    world.run(world.admin, confirmed)
    assert line() == "Confirmed Wed 30 Sept 2026 09:20"


def test_a_reminder_going_after_the_deadline_does_not_state_it(world: World) -> None:
    # The rule's moment, Mon 5 Oct 9:00, is after the NDIS deadline (the end of Thu 1 Oct).
    world.clock.set(local(2026, 10, 4, 12))
    _book(world, local(2026, 10, 7, 10), [_client(world)])
    _rule(world, days_before=2, at_time="09:00")
    assert _queue(world) == 1
    (row,) = _reminders(world)
    assert row.payload["body"].endswith(
        "Reply C to cancel, Y to confirm; a cancellation now may be charged."
    )
    assert "Oct" not in row.payload["body"].split("10:00 am.")[1]


def test_a_reminder_that_goes_late_does_not_state_a_deadline_already_gone(world: World) -> None:
    """Queued stating "cancel by the end of Thu 1 Oct" for Wed 30 Sept 9:00, the text waits
    (no gateway yet) and goes Fri 2 Oct: it says a cancellation now may be charged instead."""
    from app.services.outbox import send_due
    from app.services.sms import settings as sms
    from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn

    world.clock.set(local(2026, 9, 28, 12))
    _book(world, local(2026, 10, 7, 10), [_client(world)])
    _rule(world, days_before=7, at_time="09:00", template=SMS + " ({fee})")
    assert reminders_pass(world.db) == 1
    (row,) = _reminders(world)
    assert "cancel by the end of Thu 1 Oct" in row.payload["body"]
    world.clock.set(local(2026, 9, 30, 9, 0))
    assert send_due(world.db).sent == 0  # no gateway is set up: the text waits
    world.clock.set(local(2026, 10, 2, 9, 0))
    with SmsStandIn() as gateway:
        draft = sms.SmsDraft(username=API_KEY, api_key=API_SECRET, sender="",
                             offer_gap_minutes=20, base_url=gateway.base_url)  # fmt: skip
        world.run(world.admin, lambda uow: sms.save_sms_settings(uow, draft))
        reminders_pass(world.db, queue=False)
        assert send_due(world.db).sent == 1
        (hit,) = gateway.requests_to("POST", "/v1/messages")
    (message,) = hit.body["messages"]
    assert "Thu 1 Oct" not in message["content"]
    assert message["content"].endswith(
        "Reply C to cancel, Y to confirm; a cancellation now may be charged. ($193.99)"
    ), message["content"]


def test_through_the_gateway_the_reminder_goes_at_9am_local_and_not_a_minute_before(
    world: World,
) -> None:
    from app.services.outbox import send_due
    from app.services.sms import settings as sms
    from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn

    world.clock.set(local(2026, 9, 28, 12))
    _book(world, local(2026, 10, 7, 10), [_client(world)])
    _rule(world, days_before=7, at_time="09:00")
    with SmsStandIn() as gateway:
        draft = sms.SmsDraft(username=API_KEY, api_key=API_SECRET, sender="",
                             offer_gap_minutes=20, base_url=gateway.base_url)  # fmt: skip
        world.run(world.admin, lambda uow: sms.save_sms_settings(uow, draft))
        assert reminders_pass(world.db) == 1
        world.clock.set(local(2026, 9, 30, 8, 59))
        assert send_due(world.db).sent == 0
        assert not gateway.requests_to("POST", "/v1/messages")
        world.clock.set(local(2026, 9, 30, 9, 0))
        assert reminders_pass(world.db, queue=False) == 0
        assert send_due(world.db).sent == 1
        (hit,) = gateway.requests_to("POST", "/v1/messages")
    (message,) = hit.body["messages"]
    assert message["destination_number"] == "+61412345678"
    assert message["content"].endswith("to avoid a fee, cancel by the end of Thu 1 Oct.")
    (row,) = _reminders(world)
    assert row.status == OutboxStatus.SENT and row.sent_at == local(2026, 9, 30, 9)
