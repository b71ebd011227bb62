"""Issue 25, the SMS gateway: texts sent through the outbox to a stand-in that follows
MessageMedia's Messages API, its error answers, offline desks, and clients' replies fetched page
by page, stored once and confirmed."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import AuditEvent, OutboxMessage, PracticeSettings, SmsReply
from app.models.enums import OutboxChannel, OutboxStatus
from app.services import practice
from app.services.outbox import OutboxFilter, list_outbox, notify, outbox_counts, send_due
from app.services.sms import settings as sms
from app.services.sms.gateway import Failure, GatewayError, open_gateway
from app.services.sms.inbound import fetch_replies, pull_replies
from app.services.storage import secret_box
from tests.factory import World, local
from tests.integration.outbox_helpers import free_port
from tests.integration.sms_standin import API_KEY, API_SECRET, SmsStandIn

MONDAY_9 = local(2026, 4, 6, 9)


@pytest.fixture
def gateway() -> Iterator[SmsStandIn]:
    with SmsStandIn(page_size=2) as standin:
        yield standin


def _set_up(world: World, base_url: str, *, key: str = API_SECRET, sender: str = "") -> None:
    draft = sms.SmsDraft(
        username=API_KEY, api_key=key, sender=sender, offer_gap_minutes=20, base_url=base_url
    )
    world.run(world.admin, lambda uow: sms.save_sms_settings(uow, draft))


def _queue(world: World, number: str = "+61412345678", body: str = "See you Monday 9:00 am",
           session_id: int | None = None) -> int:  # fmt: skip
    def add(uow):  # type: ignore[no-untyped-def]
        now = uow.now()
        row = OutboxMessage(
            channel=OutboxChannel.SMS,
            topic="sms_test",  # no booking behind it: the reminders' own sweeps leave it alone
            idempotency_key=notify.unique_key("sms:sms_test"),
            session_id=session_id,
            recipient=number,
            subject="",
            payload={"body": body, "booking_id": None, "offer_id": None, "rule_id": None},
            status=OutboxStatus.PENDING,
            status_reason="",
            created_at=now,
            next_attempt_at=now,
        )
        uow.session.add(row)
        uow.session.flush()
        return row.id

    return int(world.run(world.admin, add))


def _row(world: World, row_id: int) -> OutboxMessage:
    return world.read(lambda uow: uow.session.get(OutboxMessage, row_id))


def _replies(world: World) -> list[SmsReply]:
    return list(
        world.read(
            lambda uow: uow.session.scalars(select(SmsReply).order_by(SmsReply.received_at)).all()
        )
    )


# -- sending ------------------------------------------------------------------------------------


def test_a_text_goes_with_messagemedias_request_shape_and_basic_auth_and_the_key_is_sealed(
    world: World, gateway: SmsStandIn
) -> None:
    _set_up(world, gateway.base_url, sender="0400 111 222")
    row_id = _queue(world)
    result = send_due(world.db)
    assert result.sent == 1
    assert _row(world, row_id).status is OutboxStatus.SENT
    (hit,) = gateway.requests_to("POST", "/v1/messages")
    token = base64.b64encode(f"{API_KEY}:{API_SECRET}".encode()).decode()
    assert hit.headers["Authorization"] == f"Basic {token}"
    assert hit.headers["Content-Type"] == "application/json"
    (message,) = hit.body["messages"]
    assert message["content"] == "See you Monday 9:00 am"
    assert message["destination_number"] == "+61412345678"
    assert message["format"] == "SMS"
    # The sender typed as a local number is stored and sent in E.164.
    assert (message["source_number"], message["source_number_type"]) == (
        "+61400111222", "INTERNATIONAL")  # fmt: skip
    stored = world.read(lambda uow: sms.sms_settings(uow))
    assert stored is not None and stored.api_key == API_SECRET and stored.sender == "+61400111222"
    raw = world.read(lambda uow: dict(uow.session.get_one(PracticeSettings, 1).sms_config or {}))
    assert secret_box.is_sealed(raw["api_key"]) and API_SECRET not in str(raw)
    events = world.read(
        lambda uow: uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings.sms")
        ).all()
    )
    assert len(events) == 1
    assert API_SECRET not in " ".join(str(v) for v in vars(events[0]).values())


def test_a_refused_api_key_is_a_settings_sentence_and_the_text_waits_until_it_is_fixed(
    world: World, gateway: SmsStandIn
) -> None:
    _set_up(world, gateway.base_url, key="a-wrong-secret")
    row_id = _queue(world)
    assert send_due(world.db).retrying == 1
    row = _row(world, row_id)
    assert row.status is OutboxStatus.PENDING
    assert row.last_error == (
        "MessageMedia did not accept the API key (HTTP 401). Check the API key and API secret "
        "in Tools ▸ SMS gateway…; the messages wait until then."
    )
    assert gateway.sent == []
    _set_up(world, gateway.base_url)
    world.clock.advance(seconds=31)
    assert send_due(world.db).sent == 1
    assert [m["destination_number"] for m in gateway.sent] == ["+61412345678"]


@pytest.mark.parametrize("status", [503, 429])
def test_a_busy_or_failing_gateway_is_retried_later(
    world: World, gateway: SmsStandIn, status: int
) -> None:
    _set_up(world, gateway.base_url)
    row_id = _queue(world)
    gateway.fail_next(status, path="/v1/messages")
    first = send_due(world.db)
    assert (first.sent, first.retrying, first.failed) == (0, 1, 0)
    row = _row(world, row_id)
    assert row.status is OutboxStatus.PENDING and f"(HTTP {status}); it will be retried" in (
        row.last_error or ""
    )
    assert send_due(world.db).claimed == 0  # not before its retry time
    world.clock.advance(seconds=31)
    assert send_due(world.db).sent == 1
    assert len(gateway.sent) == 1


def test_a_400_fails_at_once_with_the_gateways_reason(world: World, gateway: SmsStandIn) -> None:
    _set_up(world, gateway.base_url)
    row_id = _queue(world, number="+6141")
    assert send_due(world.db).failed == 1
    row = _row(world, row_id)
    assert row.status is OutboxStatus.FAILED and row.attempts == 1
    assert (row.last_error or "").startswith("MessageMedia refused the message: Invalid Request;")
    assert "'+6141' is not a valid phone number" in (row.last_error or "")


def test_offline_the_text_waits_without_using_up_its_tries_and_goes_when_back(
    world: World, gateway: SmsStandIn
) -> None:
    _set_up(world, f"http://127.0.0.1:{free_port()}")  # nothing listens there: offline
    row_id = _queue(world)
    for _ in range(12):  # more passes than the eight tries a message has
        assert send_due(world.db).retrying == 1
        world.clock.advance(minutes=2, seconds=1)
    row = _row(world, row_id)
    assert row.status is OutboxStatus.PENDING and row.attempts == 0
    assert (row.last_error or "").startswith("Offline: could not reach 127.0.0.1:")
    assert "Text messages wait and go when the gateway can be reached." in (row.last_error or "")
    _set_up(world, gateway.base_url)  # back online (here: the gateway's address answers)
    assert send_due(world.db).sent == 1


def test_without_a_gateway_texts_wait_unclaimed_and_the_outbox_says_where_to_set_it_up(
    world: World,
) -> None:
    row_id = _queue(world)
    assert send_due(world.db).claimed == 0
    row = _row(world, row_id)
    assert row.status is OutboxStatus.PENDING and row.attempts == 0
    (listed,) = world.read(lambda uow: list_outbox(uow, OutboxFilter.PENDING))
    assert listed.what == "Text: test message" and listed.recipient == "+61412345678"
    assert world.read(outbox_counts).notes == (
        "Text messages are not set up: 1 text(s) wait in the outbox. An administrator can "
        "enter the SMS gateway in Tools ▸ SMS gateway…",
    )


def test_a_text_about_a_session_that_started_expires_unsent(
    world: World, gateway: SmsStandIn
) -> None:
    _set_up(world, gateway.base_url)
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, MONDAY_9, [c])
    row_id = _queue(world, session_id=sid)
    world.clock.set(MONDAY_9 + timedelta(minutes=5))
    assert send_due(world.db).expired == 1
    assert _row(world, row_id).status is OutboxStatus.EXPIRED and gateway.sent == []


# -- replies ------------------------------------------------------------------------------------


def test_replies_are_fetched_page_by_page_stored_once_normalised_and_confirmed(
    world: World, gateway: SmsStandIn
) -> None:
    _set_up(world, gateway.base_url)
    base = datetime(2026, 4, 5, 22, 0, tzinfo=UTC)
    numbers = ["+61412345678", "61412345679", "+61412345680", "+61412345681", "+61412345682"]
    ids = [
        gateway.add_reply(n, f"reply {i}", base + timedelta(minutes=i))
        for i, n in enumerate(numbers)
    ]
    config = world.read(sms.sms_settings)
    assert config is not None
    new = world.run(world.admin, lambda uow: fetch_replies(uow, open_gateway(config.config)))
    assert new == 5
    # Two per page: three fetches that returned replies and a last one that found none.
    assert len(gateway.requests_to("GET", "/v1/replies")) == 4
    assert sorted(gateway.confirmed) == sorted(ids) and gateway.unconfirmed() == []
    rows = _replies(world)
    assert [r.gateway_id for r in rows] == ids
    assert rows[1].from_number == "+61412345679"  # the country code without its plus
    assert [r.body for r in rows] == [f"reply {i}" for i in range(5)]
    assert rows[0].received_at == base and {r.outcome for r in rows} == {"new"}
    # The same reply offered again (confirmed by a desk that stopped before committing): once.
    gateway.add_reply("+61412345678", "reply 0", base, reply_id=ids[0])
    again = world.run(world.admin, lambda uow: fetch_replies(uow, open_gateway(config.config)))
    assert again == 0 and len(_replies(world)) == 5


def test_a_failed_confirmation_keeps_the_stored_replies_and_the_next_fetch_stores_none_twice(
    world: World, gateway: SmsStandIn
) -> None:
    _set_up(world, gateway.base_url)
    gateway.add_reply("+61412345678", "Y", datetime(2026, 4, 5, 22, 0, tzinfo=UTC))
    config = world.read(sms.sms_settings)
    assert config is not None
    gateway.fail_next(500, path="/v1/replies/confirmed")
    first = pull_replies(world.db, open_gateway(config.config))
    assert first.new == 1 and "MessageMedia had a problem (HTTP 500)" in first.problem
    assert len(_replies(world)) == 1 and gateway.unconfirmed() != []
    second = pull_replies(world.db, open_gateway(config.config))
    assert (second.new, second.problem) == (0, "")
    assert len(_replies(world)) == 1 and gateway.unconfirmed() == []


def test_fetching_with_a_refused_key_raises_a_settings_error_and_keeps_the_replies(
    world: World, gateway: SmsStandIn
) -> None:
    _set_up(world, gateway.base_url, key="wrong")
    gateway.add_reply("+61412345678", "C")
    config = world.read(sms.sms_settings)
    assert config is not None
    with pytest.raises(GatewayError) as caught:
        world.run(world.admin, lambda uow: fetch_replies(uow, open_gateway(config.config)))
    assert caught.value.kind is Failure.SETTINGS and "Tools ▸ SMS gateway…" in str(caught.value)
    assert _replies(world) == [] and len(gateway.unconfirmed()) == 1


# -- settings and Send test -----------------------------------------------------------------------


def test_send_test_reaches_the_gateway_and_a_wrong_key_is_a_sentence(
    world: World, gateway: SmsStandIn
) -> None:
    draft = sms.SmsDraft(username=API_KEY, api_key=API_SECRET, base_url=gateway.base_url)
    test = world.read(lambda uow: sms.prepare_sms_test(uow, draft, "0412 345 678"))
    said = sms.run_sms_test(test, "sms_test:1")
    assert said == "MessageMedia accepted the test message to +61412345678."
    (sent,) = gateway.sent
    assert sent["destination_number"] == "+61412345678" and "test message" in sent["content"]
    wrong = world.read(lambda uow: sms.prepare_sms_test(
        uow, sms.SmsDraft(username=API_KEY, api_key="nope", base_url=gateway.base_url),
        "0412 345 678"))  # fmt: skip
    with pytest.raises(GatewayError, match="did not accept the API key"):
        sms.run_sms_test(wrong, "sms_test:2")


def test_a_refused_save_keeps_nothing_and_a_test_to_a_landline_sends_nothing(
    world: World, gateway: SmsStandIn
) -> None:
    with pytest.raises(ValidationError, match="Enter the API secret"):
        world.run(world.admin, lambda uow: sms.save_sms_settings(uow, sms.SmsDraft(username="k")))
    assert world.read(sms.sms_settings) is None
    draft = sms.SmsDraft(username=API_KEY, api_key=API_SECRET, base_url=gateway.base_url)
    with pytest.raises(ValidationError, match="not a mobile number"):
        world.read(lambda uow: sms.prepare_sms_test(uow, draft, "(02) 9876 5432"))
    assert gateway.requests == []


def test_a_refused_test_number_shows_a_mobile_written_the_practice_country_way(
    world: World, gateway: SmsStandIn
) -> None:
    draft = sms.SmsDraft(username=API_KEY, api_key=API_SECRET, base_url=gateway.base_url)

    def refusal(number: str) -> str:
        with pytest.raises(ValidationError) as caught:
            world.read(lambda uow: sms.prepare_sms_test(uow, draft, number))
        return caught.value.message

    assert refusal("") == "Enter a mobile number, like 0412 345 678."
    world.run(world.admin, lambda uow: setattr(practice.settings(uow), "country", "GB"))
    assert refusal("") == "Enter a mobile number, like 07400 123456."
    assert refusal("12") == "12 is not a phone number. Enter a mobile number, like 07400 123456."
    assert gateway.requests == []


def test_cli_outbox_send_sends_texts_and_fetches_replies(
    world: World,
    gateway: SmsStandIn,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    from app import cli

    monkeypatch.setenv("FRONTDESK_USER", "desk")  # a scheduled run as the reception user
    monkeypatch.setenv("FRONTDESK_PASSWORD", "desk")
    _set_up(world, gateway.base_url)
    _queue(world)
    gateway.add_reply("+61412345678", "Y", datetime(2026, 4, 5, 22, 0, tzinfo=UTC))
    url, data = world.ctx.url, str(Path(world.ctx.paths.data_dir))
    assert cli.main(["--db", url, "--data-dir", data, "outbox", "send"]) == 0
    out = capsys.readouterr().out
    assert "Outbox: 1 sent" in out and "Text replies: 1 new." in out
    assert len(gateway.sent) == 1 and gateway.unconfirmed() == [] and len(_replies(world)) == 1


@pytest.mark.parametrize(
    ("status", "words", "kind"),
    [
        (
            403,
            "has not enabled this feature (HTTP 403). Check the API key and API secret",
            Failure.SETTINGS,
        ),  # fmt: skip
        (404, "has nothing at http://127.0.0.1:", Failure.SETTINGS),
        (502, "had a problem (HTTP 502); it will be retried.", Failure.LATER),
        (400, "refused the message: Invalid Request; no such sender.", Failure.REFUSED),
    ],
)
def test_each_error_answer_is_its_sentence_and_kind(
    gateway: SmsStandIn, status: int, words: str, kind: Failure
) -> None:
    from app.services.sms.gateway import GatewayConfig

    client = open_gateway(GatewayConfig("messagemedia", API_KEY, API_SECRET, "",
                                        gateway.base_url))  # fmt: skip
    gateway.fail_next(status, details=["no such sender"] if status == 400 else None)
    with pytest.raises(GatewayError) as caught:
        client.send("+61412345678", "Hello", "k1")
    assert caught.value.kind is kind and words in caught.value.message
    asked = len(gateway.requests)
    if kind is Failure.SETTINGS:  # the rest of the pass does not ask again
        with pytest.raises(GatewayError):
            client.send("+61412345679", "Hello", "k2")
        assert len(gateway.requests) == asked
    else:  # a one-off failure: the next message is asked for
        client.send("+61412345679", "Hello", "k2")
        assert len(gateway.requests) == asked + 1 and len(gateway.sent) == 1
