"""The command line signs a user in: `--as NAME` and a password, as the window checks it.

Refused without a user (a sentence saying what to pass), nothing changed; a scheduled run
signs in from FRONTDESK_USER / FRONTDESK_PASSWORD and the audit names that user; a local
recovery resets a password without signing in and records the operating-system user.
"""

from __future__ import annotations

import getpass
import io
import shutil
import socket
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session as OrmSession

from app import cli
from app.cli_signin import NO_USER, NOBODY_YET
from app.models import AuditEvent, User
from app.models import Session as SessionRow
from app.services import signin
from app.services.demo.check import ensure_demo
from tests.factory import World
from tests.integration.test_cli import run
from tests.integration.test_lockout import give_password

WRONG = "frontdesk: The user name or password is not right. Check them and try again."


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo practice made by `frontdesk demo` (which needs nobody on an empty database)."""
    folder = tmp_path_factory.mktemp("demo")
    made = run("demo", data=folder)
    assert made.returncode == 0, made.stderr
    return folder


class Terminal(io.StringIO):
    """Standard input that is a terminal, so the password is asked."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def desk(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the demo practice's data folder; no user in the environment, no terminal."""
    data = tmp_path / "data"
    shutil.copytree(demo_template, data)
    for name in ("FRONTDESK_USER", "FRONTDESK_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())
    yield data


def frontdesk(data: Path, *args: str) -> int:
    return cli.main(["--data-dir", str(data), *args])


def state(data: Path) -> dict[str, Any]:
    """What a command could change: users and their passwords, the audit, SDs, the outbox."""
    engine = create_engine(f"sqlite:///{data / 'frontdesk.sqlite3'}")
    try:
        with OrmSession(engine) as s:
            return {
                "users": s.execute(
                    select(
                        User.username, User.role, User.password_hash, User.failed_logins
                    ).order_by(User.id)
                ).all(),
                "audit": s.scalar(select(func.count(AuditEvent.id))),
                "extracted": s.scalar(
                    text("SELECT count(*) FROM service_delivered WHERE extracted_at IS NOT NULL")
                ),
                "outbox": s.execute(
                    text("SELECT id, status FROM outbox_messages ORDER BY id")
                ).all(),
                "sessions": s.execute(text("SELECT id, status FROM sessions ORDER BY id")).all(),
                "backups": sorted(p.name for p in (data / "backups").glob("*manual*")),
            }
    finally:
        engine.dispose()


def events(data: Path, action: str) -> list[AuditEvent]:
    engine = create_engine(f"sqlite:///{data / 'frontdesk.sqlite3'}")
    try:
        with OrmSession(engine) as s:
            found = list(
                s.scalars(
                    select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
                )
            )
            s.expunge_all()
            return found
    finally:
        engine.dispose()


COMMANDS = [
    ("users", "add", "eve", "--role", "admin"),
    ("users", "reset-password", "admin"),
    ("users", "unlock", "admin"),
    ("users", "list"),
    ("export", "sds", "--from", "2026-03-01", "--to", "2026-04-30", "--csv", "OUT/sds.csv"),
    ("export", "audit", "--csv", "OUT/audit.csv"),
    ("report", "cancellations", "--from", "2026-03-01", "--to", "2026-04-30",
     "--csv", "OUT/r.csv"),
    ("bulk-cancel", "--from", "2026-03-01", "--to", "2026-04-30",
     "--reason", "practice_closure", "--csv", "OUT/bulk.csv"),
    ("outbox", "send"),
    ("outbox", "list"),
    ("backup",),
    ("demo",),
    ("smoke",),
]  # fmt: skip


def test_every_command_that_changes_or_reads_the_practice_is_refused_without_a_user(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = desk.parent / "out"
    out.mkdir()
    before = state(desk)
    for command in COMMANDS:
        argv = [a.replace("OUT", str(out)) for a in command]
        assert frontdesk(desk, *argv) == 2, command
        assert capsys.readouterr().err.strip() == f"frontdesk: {NO_USER}", command
    assert state(desk) == before
    assert not list(out.iterdir())


def test_the_open_commands_need_nobody(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (("db", "current"), ("db", "check"), ("db", "upgrade")):
        assert frontdesk(desk, *command) == 0, capsys.readouterr().err
    assert "schema" in capsys.readouterr().out


def test_each_refusal_is_a_sentence(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*argv: str) -> str:
        assert frontdesk(desk, *argv) == 2, argv
        return capsys.readouterr().err.strip()

    assert refused("users", "list", "--as", "admin") == (
        "frontdesk: No password for admin: run the command at a terminal to type it, "
        "or set FRONTDESK_PASSWORD for a scheduled run."
    )
    monkeypatch.setenv("FRONTDESK_PASSWORD", "not it")
    assert refused("users", "list", "--as", "admin") == WRONG
    assert refused("users", "list", "--as", "nobody") == WRONG  # says nothing of which names exist
    monkeypatch.setenv("FRONTDESK_PASSWORD", "reception")
    assert refused("users", "list", "--as", "reception") == (
        "frontdesk: Your role (reception) cannot manage users. "
        "Ask an administrator to do it, or sign in as one with --as NAME."
    )
    monkeypatch.setenv("FRONTDESK_PASSWORD", "manager")
    assert refused("bulk-cancel", "--from", "2026-01-01", "--to", "2026-01-02", "--reason",
                   "practice_closure", "--csv", str(desk / "b.csv"), "--as", "manager") == (
        "frontdesk: Your role (manager) cannot bulk cancel. Ask an administrator to do it."
    )  # fmt: skip
    assert refused("demo", "--as", "manager") == (
        "frontdesk: Your role (manager) cannot create the demo practice. "
        "Ask an administrator to do it, or sign in as one with --as NAME."
    )
    assert refused("users", "list", "--local-recovery") == (
        "frontdesk: --local-recovery only resets a password: "
        "frontdesk users reset-password NAME --local-recovery."
    )
    monkeypatch.setenv("FRONTDESK_PASSWORD", "wrong one")
    for _ in range(4):
        assert refused("outbox", "list", "--as", "reception") == WRONG
    assert refused("outbox", "list", "--as", "reception") == (
        "frontdesk: Too many wrong passwords: this account is locked for 15 minutes."
    )
    failed = events(desk, "user.sign_in")[-5:]
    assert [e.outcome for e in failed] == ["failed"] * 4 + ["locked"]
    assert failed[-1].after is not None and failed[-1].after["via"] == "command line"


def test_a_practice_nobody_has_set_up_says_to_open_the_window_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_PASSWORD", "anything")
    assert frontdesk(tmp_path, "users", "list", "--as", "admin") == 2
    assert capsys.readouterr().err.strip() == f"frontdesk: {NOBODY_YET}"


def test_a_scheduled_run_signs_in_from_the_environment_and_the_audit_names_the_user(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_USER", "manager")
    monkeypatch.setenv("FRONTDESK_PASSWORD", "manager")
    sds = desk / "sds.csv"
    today = date.today()
    span = ("--from", str(today - timedelta(days=40)), "--to", str(today + timedelta(days=40)))
    assert frontdesk(desk, "export", "sds", *span, "--csv", str(sds)) == 0, capsys.readouterr().err
    assert sds.exists() and capsys.readouterr().out.startswith("Batch 1:")
    extracted = events(desk, "sds.extract")
    assert [e.username for e in extracted] == ["manager"]
    signed = events(desk, "user.sign_in")[-1]
    assert (signed.username, signed.outcome) == ("manager", "ok")
    assert signed.after == {
        "via": "command line",
        "os_user": getpass.getuser(),
        "host": socket.gethostname(),
    }
    assert state(desk)["extracted"] > 0


def test_at_a_terminal_the_password_is_asked_and_adding_an_administrator_needs_one(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answers = {"Password for manager: ": "manager", "Password for admin: ": "admin",
               "New password for eve: ": "eve's long password"}  # fmt: skip

    def typed(prompt: str = "") -> str:
        asked.append(prompt)
        return answers[prompt]

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", typed)
    assert frontdesk(desk, "users", "add", "eve", "--role", "admin", "--as", "manager") == 2
    assert "Your role (manager) cannot manage users" in capsys.readouterr().err
    assert "eve" not in [u[0] for u in state(desk)["users"]]
    assert frontdesk(desk, "users", "add", "eve", "--role", "admin", "--as", "admin") == 0
    assert asked == ["Password for manager: ", "Password for admin: ", "New password for eve: "]
    created = events(desk, "user.create")[-1]
    assert created.username == "admin" and created.after == {"username": "eve", "role": "admin"}
    monkeypatch.setenv("FRONTDESK_PASSWORD", "eve's long password")
    assert frontdesk(desk, "users", "list", "--as", "eve") == 0
    assert "eve" in capsys.readouterr().out


def test_local_recovery_resets_a_password_without_signing_in_and_audits_the_os_user(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": "recovered pass 1")
    assert frontdesk(desk, "users", "reset-password", "admin") == 2  # no flag: a sign-in
    assert capsys.readouterr().err.strip() == f"frontdesk: {NO_USER}"
    assert frontdesk(desk, "users", "reset-password", "admin", "--local-recovery") == 0
    assert "reset by local recovery" in capsys.readouterr().out
    reset = events(desk, "user.reset_password")[-1]
    assert reset.username == "local-recovery" and reset.user_id is None
    assert reset.after == {
        "local_recovery": True,
        "os_user": getpass.getuser(),
        "host": socket.gethostname(),
    }
    monkeypatch.setenv("FRONTDESK_PASSWORD", "recovered pass 1")
    assert frontdesk(desk, "users", "list", "--as", "admin") == 0


def test_a_new_password_with_nothing_to_type_it_on_is_refused_in_a_sentence(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed(prompt: str = "") -> str:
        raise EOFError  # what getpass meets with no terminal and its input closed

    monkeypatch.setattr(getpass, "getpass", closed)
    assert frontdesk(desk, "users", "reset-password", "admin", "--local-recovery") == 2
    assert capsys.readouterr().err.strip() == (
        "frontdesk: No new password was typed for admin: run the command at a terminal to type it."
    )


def test_restore_over_a_practice_needs_an_administrator(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_USER", "admin")
    monkeypatch.setenv("FRONTDESK_PASSWORD", "admin")
    assert frontdesk(desk, "backup") == 0, capsys.readouterr().err
    made = Path(capsys.readouterr().out.split("Backup written: ")[1].strip())
    before = state(desk)
    monkeypatch.delenv("FRONTDESK_USER")
    assert frontdesk(desk, "restore", str(made)) == 2
    assert capsys.readouterr().err.strip() == f"frontdesk: {NO_USER}"
    monkeypatch.setenv("FRONTDESK_PASSWORD", "manager")
    assert frontdesk(desk, "restore", str(made), "--as", "manager") == 2
    assert "Your role (manager) cannot restore a backup" in capsys.readouterr().err
    assert state(desk)["users"] == before["users"]
    assert not [p for p in (desk / "backups").iterdir() if "replaced" in p.name]


def test_the_demo_never_fills_a_practice_whose_administrator_is_set_up(world: World) -> None:
    """`--demo-if-empty` and `smoke` run before anyone signs in: no sessions is not enough."""
    give_password(world, "admin", "chosen pass 1")
    assert ensure_demo(world.db) is None
    assert world.read(lambda uow: uow.session.scalar(select(func.count(SessionRow.id)))) == 0
    assert signin.sign_in(world.db, "admin", "chosen pass 1").username == "admin"
