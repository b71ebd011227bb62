"""SPEC 6, secrets: no database password in sentences or process arguments; the webhook secret
and the fallback mail password encrypted in the database, with a key kept outside it."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.backend
import pytest
from sqlalchemy import select

from app.bootstrap import build, prepare_database
from app.cli import main
from app.errors import StorageError
from app.models import AuditEvent, OutboxMessage, PracticeSettings
from app.models.enums import IntegrationKind, OutboxChannel
from app.services.audit.verify import verify_audit_chain
from app.services.outbox import config as outbox_config
from app.services.outbox import integration_settings, send_due
from app.services.outbox.integration_settings import IntegrationDraft
from app.services.outbox.webhook import verify
from app.services.sessions.cancel import cancel_booking
from app.services.storage import backup, secret_box
from tests.conftest import FakeClock, pg_url
from tests.factory import World, local
from tests.integration.outbox_helpers import SECRET, HookServer, free_port, use_smtp, use_webhook

PASSWORD = "Sup3r-S3cret-Pw"
NEW_SECRET = "0123456789abcdef-typed-again"


@pytest.fixture
def hook() -> Iterator[HookServer]:
    server = HookServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_keys() -> Iterator[None]:
    """Each test reads its keys afresh (a process remembers them, as keyrings are slow)."""
    secret_box._BY_FOLDER.clear()
    yield
    secret_box._BY_FOLDER.clear()


# -- the PostgreSQL password -------------------------------------------------------------------


def test_a_failing_connection_is_a_sentence_without_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql+psycopg://fd:{PASSWORD}@127.0.0.1:{free_port()}/practice"
    with pytest.raises(StorageError) as refused:
        build(url, tmp_path / "data")
    said = refused.value.message
    assert said.startswith("FrontDesk could not connect to the practice database ")
    assert "fd:***@127.0.0.1" in said and PASSWORD not in said
    assert main(["--db", url, "--data-dir", str(tmp_path / "data"), "db", "current"]) == 2
    err = capsys.readouterr().err
    assert "could not connect" in err and PASSWORD not in err
    assert "the database password in --db can be read by every account" in err


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+nodriver://fd:{PASSWORD}@db.example/practice",
        f"postgresql+psycopg://fd:{PASSWORD}@db.example:port/practice",
    ],
)
def test_an_unusable_database_address_is_a_sentence_without_the_password(
    tmp_path: Path, url: str
) -> None:
    with pytest.raises(StorageError) as refused:
        build(url, tmp_path / "data")
    assert "cannot be used" in refused.value.message and PASSWORD not in refused.value.message


def _spy_pg_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, then: str) -> Path:
    """A `pg_dump` first on PATH that records its arguments and PGPASSWORD, then runs `then`."""
    bin_dir = tmp_path / "spy-bin"
    bin_dir.mkdir()
    record = tmp_path / "pg_dump-call.txt"
    tool = bin_dir / "pg_dump"
    tool.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n'
        f'echo "PGPASSWORD=$PGPASSWORD" >> "{record}"\n{then}\n'
    )
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return record


def test_a_failing_pg_dump_never_sees_the_password_in_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tool repeats its connection string and, carelessly, the password it was given.
    record = _spy_pg_dump(
        tmp_path,
        monkeypatch,
        'echo "pg_dump: error: connection to $4 failed ($PGPASSWORD)" >&2; exit 1',
    )
    url = f"postgresql+psycopg://fd:{PASSWORD}@db.example:5432/practice?sslmode=require"
    with pytest.raises(StorageError) as failed:
        backup.pg_dump_backup(url, tmp_path / "backups", datetime(2026, 4, 1, 8, tzinfo=UTC))
    argv = record.read_text().splitlines()
    assert argv[-1] == f"PGPASSWORD={PASSWORD}"  # handed over in the child's environment
    assert not any(PASSWORD in a for a in argv[:-1])
    assert "postgresql://fd@db.example:5432/practice?sslmode=require" in argv
    said = failed.value.message
    assert said.startswith("pg_dump could not back up the practice (") and PASSWORD not in said


def test_a_real_pg_dump_backup_takes_the_password_from_its_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_server: object
) -> None:
    real = shutil.which("pg_dump")
    if real is None:
        pytest.skip("pg_dump is not installed on this desk")
    plain = pg_url(pg_server)  # type: ignore[arg-type]
    build(plain, tmp_path / "data").close()
    record = _spy_pg_dump(tmp_path, monkeypatch, f'exec "{real}" "$@"')
    url = plain.replace("://frontdesk@", f"://frontdesk:{PASSWORD}@")
    made = backup.pg_dump_backup(url, tmp_path / "backups", datetime(2026, 4, 1, 8, tzinfo=UTC))
    assert made.read_bytes()[:5] == b"PGDMP" and stat.S_IMODE(made.stat().st_mode) == 0o600
    argv = record.read_text().splitlines()
    assert PASSWORD not in "\n".join(argv[:-1]) and argv[-1] == f"PGPASSWORD={PASSWORD}"


# -- secrets kept in the database --------------------------------------------------------------


def _stored(world: World) -> tuple[dict[str, object], dict[str, object]]:
    row = world.read(lambda uow: uow.session.get(PracticeSettings, 1))
    return dict(row.integration_config or {}), dict(row.smtp_config or {})


def _save_secret(world: World, url: str, secret: str) -> None:
    draft = IntegrationDraft(IntegrationKind.WEBHOOK, "PracticeHub", url, secret, 2, 8)
    world.run(world.admin, lambda uow: integration_settings.update_integration_settings(uow, draft))


def _cancel_and_send(world: World, start: datetime) -> OutboxMessage:
    if not hasattr(world, "people"):
        world.people = (world.worker(), world.service(), world.client())  # type: ignore[attr-defined]
    w, svc, c = world.people  # type: ignore[attr-defined]
    sid = world.session(w, svc, start, [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    send_due(world.db)
    return world.read(
        lambda uow: uow.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.channel == OutboxChannel.INTEGRATION)
            .order_by(OutboxMessage.id.desc())
        ).first()
    )


def test_the_webhook_secret_is_stored_encrypted_with_a_private_key_kept_beside_the_backups(
    world: World, hook: HookServer
) -> None:
    _save_secret(world, hook.url, NEW_SECRET)
    config, _smtp = _stored(world)
    assert secret_box.is_sealed(config["secret"]) and NEW_SECRET not in json.dumps(config)
    data_dir = world.ctx.paths.data_dir
    key, copy = data_dir / "secrets.key", data_dir / "backups" / "secrets.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and copy.read_bytes() == key.read_bytes()
    _cancel_and_send(world, local(2026, 4, 6, 9))
    assert verify(hook.hits[-1].body, hook.hits[-1].headers, NEW_SECRET)


def test_secrets_saved_in_plain_text_by_an_older_version_still_work_and_are_sealed_at_start(
    world: World, hook: HookServer, clock: FakeClock
) -> None:
    use_webhook(world, hook.url)  # as an older FrontDesk stored it: plain text
    use_smtp(world, 2525, username="desk", password=PASSWORD)
    _cancel_and_send(world, local(2026, 4, 6, 9))
    assert verify(hook.hits[-1].body, hook.hits[-1].headers, SECRET)
    again = prepare_database(world.ctx.url, world.ctx.paths, clock)  # the next start
    again.close()
    config, smtp = _stored(world)
    assert secret_box.is_sealed(config["secret"]) and secret_box.is_sealed(smtp["password"])
    assert SECRET not in json.dumps(config) and PASSWORD not in json.dumps(smtp)
    sender = world.read(outbox_config.load)
    assert sender.webhook is not None and sender.webhook.secret == SECRET
    assert sender.smtp is not None and sender.smtp.password() == PASSWORD
    events = world.read(
        lambda uow: uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings.secrets_sealed")
        ).all()
    )
    assert len(events) == 1 and PASSWORD not in json.dumps(events[0].after)
    assert world.read(verify_audit_chain).ok
    _cancel_and_send(world, local(2026, 4, 7, 9))
    assert verify(hook.hits[-1].body, hook.hits[-1].headers, SECRET)


def test_a_secret_whose_key_is_lost_asks_to_be_entered_again_and_nothing_crashes(
    world: World, hook: HookServer
) -> None:
    _save_secret(world, hook.url, NEW_SECRET)
    data_dir = world.ctx.paths.data_dir
    (data_dir / "secrets.key").unlink()
    (data_dir / "backups" / "secrets.key").unlink()
    secret_box._BY_FOLDER.clear()  # as a new start of the program would
    sentence = (
        "The webhook signing secret saved for this practice cannot be read on this desk: the "
        "key it was locked with is missing here (secrets.key or this computer's keyring). Enter "
        "the webhook signing secret again in Tools ▸ Settings ▸ Integration"
    )
    shown = world.run(world.admin, integration_settings.integration_settings)
    assert shown.secret_saved and shown.problem is not None and shown.problem.startswith(sentence)
    with pytest.raises(secret_box.SecretLostError, match="Enter the webhook signing secret"):
        world.run(
            world.admin,
            lambda uow: integration_settings.prepare_webhook_test(uow, shown.draft),
        )
    row = _cancel_and_send(world, local(2026, 4, 6, 9))
    assert hook.hits == [] and (row.last_error or "").startswith(sentence)
    _save_secret(world, hook.url, NEW_SECRET)  # entered again: sealed with a new key
    assert world.run(world.admin, integration_settings.integration_settings).problem is None
    _cancel_and_send(world, local(2026, 4, 7, 9))
    assert verify(hook.hits[-1].body, hook.hits[-1].headers, NEW_SECRET)


def test_a_lost_secrets_key_is_taken_back_from_beside_the_backups(
    world: World, hook: HookServer
) -> None:
    _save_secret(world, hook.url, NEW_SECRET)
    key = world.ctx.paths.data_dir / "secrets.key"
    kept = key.read_bytes()
    key.unlink()
    secret_box._BY_FOLDER.clear()
    assert world.read(outbox_config.load).webhook.secret == NEW_SECRET  # type: ignore[union-attr]
    assert key.read_bytes() == kept and stat.S_IMODE(key.stat().st_mode) == 0o600


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that works, in memory."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


# Defining a backend registers it for every test in the run: only the fixture installs it.
keyring.backend.KeyringBackend._classes.discard(MemoryKeyring)  # type: ignore[attr-defined]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def test_the_secrets_key_lives_in_the_keyring_when_this_computer_has_one_and_one_desk(
    world: World, hook: HookServer, memory_keyring: MemoryKeyring
) -> None:
    _save_secret(world, hook.url, NEW_SECRET)
    data_dir = world.ctx.paths.data_dir
    one_desk = world.db.engine.dialect.name == "sqlite"
    # A practice on PostgreSQL is shared: its key is a file every desk can be given.
    assert ((secret_box.KEYRING_SERVICE, str(data_dir)) in memory_keyring.items) is one_desk
    assert (data_dir / "secrets.key").exists() is not one_desk
    config, _smtp = _stored(world)
    assert secret_box.is_sealed(config["secret"]) and NEW_SECRET not in json.dumps(config)
    secret_box._BY_FOLDER.clear()
    assert world.read(outbox_config.load).webhook.secret == NEW_SECRET  # type: ignore[union-attr]
