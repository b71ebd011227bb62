"""Settings for email and integration: validation sentences, the keyring, audit, "send test", the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app import cli
from app.errors import PermissionDeniedError, ValidationError
from app.models import AuditEvent
from app.models.enums import IntegrationKind
from app.services import practice
from app.services.outbox import config as outbox_config
from app.services.outbox import integration_settings, passwords
from app.services.outbox import settings as settings_service
from app.services.outbox.dto import DeliveryError
from app.services.outbox.integration_settings import IntegrationDraft
from app.services.outbox.settings import EmailDraft
from app.services.outbox.webhook import verify
from app.services.sessions.cancel import cancel_booking
from tests.factory import World, local
from tests.integration.outbox_helpers import HookServer, SmtpSink, free_port, use_smtp

GOOD = EmailDraft(
    host="127.0.0.1", port=2525, security="none", from_address="reception@harbour.example"
)


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("draft", "field", "sentence"),
    [
        (EmailDraft(host="smtp.example.com", from_address="nope"), "from_address", "Enter the address emails come from"),
        (EmailDraft(host="smtp.example.com", port=0, from_address="a@b.co"), "port", "The port must be between 1 and 65535"),
        (EmailDraft(host="smtp.example.com", security="tls9", from_address="a@b.co"), "security", "Choose how the connection is secured"),
        (EmailDraft(host="smtp.example.com", security="none", username="u", from_address="a@b.co"), "security", "would travel unencrypted"),
    ],
)  # fmt: skip
def test_email_settings_are_refused_with_a_sentence_naming_the_field(
    world: World, draft: EmailDraft, field: str, sentence: str
) -> None:
    with pytest.raises(ValidationError, match=sentence) as refused:
        world.run(world.admin, lambda uow: settings_service.update_email_settings(uow, draft))
    assert refused.value.field == field


def test_only_an_administrator_changes_settings(world: World) -> None:
    with pytest.raises(PermissionDeniedError, match="cannot change settings"):
        world.run(world.manager, lambda uow: settings_service.update_email_settings(uow, GOOD))


def test_the_password_goes_to_the_keyring_when_there_is_one(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault: dict[tuple[str, str], str] = {}
    monkeypatch.setattr(passwords, "store", lambda h, u, p: vault.update({(h, u): p}) or True)
    monkeypatch.setattr(passwords, "read", lambda h, u: vault.get((h, u)))
    draft = EmailDraft(
        host="smtp.example.com", username="desk", password="s3cret!", from_address="a@b.co"
    )
    saved = world.run(world.admin, lambda uow: settings_service.update_email_settings(uow, draft))
    assert saved.warnings == () and vault == {("smtp.example.com", "desk"): "s3cret!"}
    stored = world.read(lambda uow: practice.settings(uow).smtp_config)
    assert "password" not in stored and stored["password_in_keyring"] is True
    shown = world.run(world.admin, settings_service.email_settings)
    assert shown.password_saved and shown.password_in_keyring and shown.draft.password is None


def test_without_a_keyring_the_password_is_kept_in_settings_and_the_admin_is_told(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passwords, "store", lambda h, u, p: False)
    draft = EmailDraft(
        host="smtp.example.com", username="desk", password="pw", from_address="a@b.co"
    )
    saved = world.run(world.admin, lambda uow: settings_service.update_email_settings(uow, draft))
    assert "no password keyring" in saved.warnings[0] and "encrypted" in saved.warnings[0]
    stored = world.read(lambda uow: practice.settings(uow).smtp_config)["password"]
    assert set(stored) == {"sealed", "token"} and stored["sealed"] == "fernet"
    assert world.read(outbox_config.load).smtp.password() == "pw"  # the sender opens it
    event = world.read(
        lambda uow: uow.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "settings.email")
        )
    )
    assert event.after and event.after["password"] == "••••"  # never the password itself


def test_send_test_email_reaches_the_server_with_the_unsaved_values(
    world: World, sink: SmtpSink
) -> None:
    draft = EmailDraft(
        host="127.0.0.1", port=sink.port, security="none", from_address="reception@h.example"
    )
    test = world.run(world.admin, lambda uow: settings_service.prepare_email_test(uow, draft))
    said = settings_service.run_email_test(test, "manager@h.example", world.clock())
    assert said == f"A test email was sent to manager@h.example through 127.0.0.1:{sink.port}."
    assert sink.messages[0]["To"] == "manager@h.example"


def test_send_test_email_to_a_server_that_is_down_says_so(world: World) -> None:
    draft = EmailDraft(host="127.0.0.1", port=free_port(), security="none", from_address="a@b.co")
    test = world.run(world.admin, lambda uow: settings_service.prepare_email_test(uow, draft))
    with pytest.raises(DeliveryError, match="refused a connection on port .* Check the port"):
        settings_service.run_email_test(test, "m@h.example", world.clock())


def test_send_test_email_with_ssl_to_a_plain_port_says_to_choose_starttls(
    world: World, sink: SmtpSink
) -> None:
    draft = EmailDraft(host="127.0.0.1", port=sink.port, security="ssl", from_address="a@b.co")
    test = world.run(world.admin, lambda uow: settings_service.prepare_email_test(uow, draft))
    with pytest.raises(DeliveryError) as refused:
        settings_service.run_email_test(test, "m@h.example", world.clock())
    assert refused.value.message == (
        f"The mail server 127.0.0.1 does not use SSL on port {sink.port}: choose STARTTLS, or "
        "ask your e-mail provider which port uses SSL (usually 465)."
    )
    assert not sink.messages


def test_integration_settings_validate_and_send_a_signed_test_event(world: World) -> None:
    hook = HookServer().start()
    try:
        plain = IntegrationDraft(IntegrationKind.WEBHOOK, "Hub", "http://hub.example/x", "k" * 20)
        with pytest.raises(ValidationError, match="Use an https:// address") as refused:
            world.run(
                world.admin,
                lambda uow: integration_settings.update_integration_settings(uow, plain),
            )
        assert refused.value.field == "url"
        secret = integration_settings.new_webhook_secret()
        draft = IntegrationDraft(IntegrationKind.WEBHOOK, "Hub", hook.url, secret)
        world.run(
            world.admin, lambda uow: integration_settings.update_integration_settings(uow, draft)
        )
        kept = IntegrationDraft(IntegrationKind.WEBHOOK, "Hub", hook.url)  # secret kept as saved
        test = world.run(
            world.admin, lambda uow: integration_settings.prepare_webhook_test(uow, kept)
        )
        said = integration_settings.run_webhook_test(test, world.clock())
        assert "accepted the signed test event" in said
        hit = hook.hits[0]
        assert verify(hit.body, hit.headers, secret)
        assert hit.json()["event"] == "frontdesk.test"
        shown = world.run(world.admin, integration_settings.integration_settings)
        assert shown.secret_saved and shown.capabilities.sends_automatically
    finally:
        hook.stop()


def test_cli_outbox_send_and_list(
    world: World,
    sink: SmtpSink,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_smtp(world, sink.port)
    monkeypatch.setenv("FRONTDESK_USER", "desk")  # a scheduled run as the reception user
    monkeypatch.setenv("FRONTDESK_PASSWORD", "desk")
    w, svc, c = world.worker(), world.service(), world.client()
    # The command runs on the computer's clock: a session still ahead of it, or it expires.
    sid = world.session(w, svc, local(2036, 4, 7, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock() - timedelta(hours=1))
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    url, data = world.ctx.url, str(Path(world.ctx.paths.data_dir))
    assert cli.main(["--db", url, "--data-dir", data, "outbox", "list"]) == 0
    assert "pending" in capsys.readouterr().out
    assert cli.main(["--db", url, "--data-dir", data, "outbox", "send"]) == 0
    out = capsys.readouterr().out
    assert "Outbox: 1 sent" in out and "Waiting: 0; failed: 0" in out
    assert len(sink.messages) == 1
    assert cli.main(["--db", url, "--data-dir", data, "outbox", "list", "--status", "sent"]) == 0
    assert "Email: cancellation notice → olivia@mail.example" in capsys.readouterr().out
