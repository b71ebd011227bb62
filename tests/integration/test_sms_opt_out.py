"""STOP stops texts only: the client's text opt-out is theirs apart from their consent to be
contacted, so e-mails (reminders, cancellation notices) still go; staff clear it in the client
form and texts go again. Every text asks one place (`app.services.sms.consent`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select

from app.models import AuditEvent, Client, OutboxMessage, SmsReply
from app.models.enums import OutboxChannel, OutboxStatus
from app.services.outbox import notify, withdrawal
from app.services.outbox.sender import claim_due
from app.services.setup.clients import client_detail, save_client
from app.services.sms.consent import may_text, text_number
from app.services.sms.reminder_queue import queue_due_reminders
from app.services.sms.reminder_rules import RuleDraft, save_rule
from app.services.sms.replies import handle_new
from tests.factory import World, local

MOBILE, E164 = "0412 345 678", "+61412345678"


def _client(world: World) -> int:
    cid = world.client("Olivia Smith", email="olivia@mail.example")

    def set_phone(uow):  # type: ignore[no-untyped-def]
        uow.session.get(Client, cid).phone = MOBILE

    world.run(world.admin, set_phone)
    return cid


def _rules(world: World) -> None:
    for name, channel in (("By text", "sms"), ("By e-mail", "email")):
        draft = RuleDraft(None, name, channel=channel, days_before=2, at_time="09:00",
                          template="Hi {first_name}, {date} at {time}.")  # fmt: skip
        world.run(world.admin, lambda uow, d=draft: save_rule(uow, d))  # type: ignore[misc]


def _reply(world: World, body: str, received: datetime) -> int:
    def add(uow) -> int:  # type: ignore[no-untyped-def]
        row = SmsReply(gateway_id=f"gw-{body}-{received.isoformat()}", from_number=E164,
                       body=body, received_at=received, outcome="new")  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return row.id

    return world.run(world.admin, add)


def _reminders(world: World) -> list[OutboxMessage]:
    return list(world.read(lambda uow: uow.session.scalars(
        select(OutboxMessage).where(OutboxMessage.topic == "reminder").order_by(OutboxMessage.id)
    ).all()))  # fmt: skip


def _client_row(world: World, cid: int) -> Client:
    return world.read(lambda uow: uow.session.get(Client, cid))


def _queue(world: World) -> int:
    return world.run(world.admin, lambda uow: queue_due_reminders(uow, uow.now()))


def _set_up(world: World) -> tuple[int, int]:
    world.clock.set(local(2026, 4, 6, 10))  # Monday
    cid = _client(world)
    worker = world.worker(days=range(7))
    sid = world.session(worker, world.service(), local(2026, 4, 8, 10), [cid])  # Wednesday
    return cid, sid


def test_stop_stops_texts_but_e_mails_still_go(world: World) -> None:
    cid, _sid = _set_up(world)
    _rules(world)
    assert _queue(world) == 2  # both reminders wait for Monday 9:00 … already past: now
    sms, email = _reminders(world)
    assert (sms.channel, email.channel) == (OutboxChannel.SMS, OutboxChannel.EMAIL)

    _reply(world, "STOP", world.clock() - timedelta(minutes=1))
    world.run(world.admin, handle_new)

    client = _client_row(world, cid)
    assert client.sms_opt_out is True and client.notify_consent is True
    assert client.sms_opt_out_at == world.clock()
    sms, email = _reminders(world)
    assert (sms.status, sms.status_reason) == (OutboxStatus.WITHDRAWN, withdrawal.TEXT_OPTED_OUT)
    assert email.status == OutboxStatus.PENDING  # the e-mail still goes
    claimed = world.run(world.admin, lambda uow: claim_due(
        uow, "desk", limit=10, lease=timedelta(minutes=1), channels=(OutboxChannel.EMAIL,)))  # fmt: skip
    assert [m.id for m in claimed] == [email.id]
    # A cancellation notice is still e-mailed to them.
    plan = world.read(lambda uow: notify.client_message(uow.session.get(Client, cid), "cancel"))
    assert plan.will_send and plan.recipient == "olivia@mail.example"
    audited = world.read(lambda uow: uow.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "client.sms_opt_out")))  # fmt: skip
    assert audited.entity_id == cid and audited.username == "sms"
    assert audited.after["sms_opt_out"] is True and "STOP" in audited.after["why"]
    assert world.read(lambda uow: uow.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "client.consent_withdrawn"))) is None  # fmt: skip
    withdrawn = world.read(lambda uow: uow.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "outbox.withdraw")))  # fmt: skip
    assert withdrawn.username == "sms"
    assert withdrawn.after == {"messages": [sms.id], "why": withdrawal.TEXT_OPTED_OUT}


def test_reminders_queued_after_a_stop_go_by_e_mail_only(world: World) -> None:
    cid, _sid = _set_up(world)
    _reply(world, "Unsubscribe", world.clock() - timedelta(minutes=1))
    world.run(world.admin, handle_new)
    _rules(world)
    assert _queue(world) == 1
    (row,) = _reminders(world)
    assert row.channel == OutboxChannel.EMAIL and row.client_id == cid


def test_staff_clear_the_opt_out_in_the_client_form_and_texts_go_again(world: World) -> None:
    cid, _sid = _set_up(world)
    _reply(world, "STOP", world.clock() - timedelta(minutes=1))
    world.run(world.admin, handle_new)
    detail = world.read(lambda uow: client_detail(uow, cid))
    assert detail.row.draft.sms_opt_out and detail.row.sms_opt_out_at == world.clock()

    draft = replace(detail.row.draft, sms_opt_out=False)
    world.run(world.reception, lambda uow: save_client(uow, cid, draft))
    client = _client_row(world, cid)
    assert client.sms_opt_out is False and client.sms_opt_out_at is None
    event = world.read(lambda uow: uow.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "client.update")))  # fmt: skip
    assert (event.before["sms_opt_out"], event.after["sms_opt_out"]) == (True, False)
    _rules(world)
    assert _queue(world) == 2
    assert {r.channel for r in _reminders(world)} == {OutboxChannel.SMS, OutboxChannel.EMAIL}


def test_a_text_waiting_when_staff_tick_the_opt_out_is_not_sent(world: World) -> None:
    cid, _sid = _set_up(world)
    _rules(world)
    _queue(world)
    detail = world.read(lambda uow: client_detail(uow, cid))
    world.run(world.reception,
              lambda uow: save_client(uow, cid, replace(detail.row.draft, sms_opt_out=True)))  # fmt: skip
    claimed = world.run(world.admin, lambda uow: claim_due(
        uow, "desk", limit=10, lease=timedelta(minutes=1),
        channels=(OutboxChannel.SMS, OutboxChannel.EMAIL)))  # fmt: skip
    assert [m.channel for m in claimed] == [OutboxChannel.EMAIL]
    sms = next(r for r in _reminders(world) if r.channel == OutboxChannel.SMS)
    assert (sms.status, sms.status_reason) == (OutboxStatus.WITHDRAWN, withdrawal.TEXT_OPTED_OUT)
    assert _client_row(world, cid).sms_opt_out_at == world.clock()


def test_one_place_decides_whether_a_client_may_be_texted() -> None:
    def client(consent: bool, opted_out: bool) -> Client:
        return Client(first_name="A", last_name="B", phone=MOBILE, notify_consent=consent,
                      sms_opt_out=opted_out)  # fmt: skip

    assert may_text(client(True, False)) and text_number(client(True, False), "AU") == E164
    assert not may_text(client(True, True)) and text_number(client(True, True), "AU") is None
    assert not may_text(client(False, False)) and text_number(client(False, False), "AU") is None
    assert not may_text(None) and text_number(None, "AU") is None
