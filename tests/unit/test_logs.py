"""The log file: where it is, what it holds, what it never holds (passwords, URL secrets, notes),
rotation, and every uncaught error written with its traceback."""

from __future__ import annotations

import ast
import logging
import os
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from app import cli, logs, migrations
from app.bootstrap import AppContext, sqlite_file
from app.errors import FrontDeskError
from app.paths import AppPaths
from app.services import signin
from app.services.storage import backup

APP = Path(__file__).resolve().parents[2] / "app"
NOTE = "Client disclosed anxiety about driving; prefers afternoon sessions"
EMAIL = "@".join(["jane.citizen", "example.org"])  # (a traceback shows this file's lines)
PASSWORD = "Hunter2-Pw"
log = logging.getLogger("app.test_logs")


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    path = logs.start(AppPaths(tmp_path).log_dir)
    assert path == tmp_path / "logs" / "frontdesk.log"
    try:
        yield path
    finally:
        logs.uninstall_hooks()
        logs.stop()


def written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_secrets_and_notes_passed_to_a_log_call_never_reach_the_file(logged: Path) -> None:
    log.info("Signed in: user %d (%s)", 7, "admin")
    log.info("Sign-in tried with password %s", PASSWORD)  # one word, but named a password
    log.info("Webhook %s refused", f"https://hooks.example/in?id=4&token=tok{PASSWORD}")
    log.info("Feed %s", f"https://cal.example/feed.ics?password={PASSWORD}#access_token=xyz987")
    log.info("Database %s", f"postgresql://fd:{PASSWORD}@db.example/practice")
    log.warning("Server said password=%s", PASSWORD)
    log.info("Note saved: %s", NOTE)
    log.info("Note saved: %(note)s", {"note": NOTE})
    log.info("Booking %r", {"note": NOTE, "client": "Jane Citizen"})
    try:
        raise ValueError(f"No client called “{NOTE}” ({EMAIL})")
    except ValueError as exc:
        log.exception("Lookup failed: %s", exc)
    engine = create_engine("sqlite://")
    try:
        with engine.connect() as c:
            c.execute(text("INSERT INTO missing VALUES (:note)"), {"note": NOTE})
    except SQLAlchemyError:
        log.error("A statement failed", exc_info=True)
    said = written(logged)
    assert "Signed in: user 7 (admin)" in said  # numbers and single words are written
    assert "ValueError: No client called “‹…›” (‹…›)" in said  # the error's kind and shape
    assert "no such table: missing" in said and "[parameters: ‹…›]" in said
    assert "token=***" in said and "password=***" in said and "fd:***@db.example" in said
    for secret in (PASSWORD, "xyz987", NOTE, "Jane Citizen", EMAIL,
                   "anxiety"):  # fmt: skip
        assert secret not in said, secret


def test_the_log_is_private_and_rotates_keeping_five(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (logs.MAX_BYTES, logs.BACKUPS) == (1_000_000, 5)
    monkeypatch.setattr(logs, "MAX_BYTES", 20_000)  # the same rotation, fifty times sooner
    logged = logs.start(tmp_path / "logs")
    assert logged is not None
    filler = "filler %d " + "x" * 1000
    try:
        for n in range(140):  # ~150 kB: more than six files' worth
            log.info(filler, n)
    finally:
        logs.stop()
    files = sorted(p.name for p in logged.parent.iterdir())
    assert files == ["frontdesk.log", *(f"frontdesk.log.{i}" for i in range(1, 6))]
    assert all(p.stat().st_size <= 20_000 for p in logged.parent.iterdir())
    assert "filler 139 " in logged.read_text(encoding="utf-8")
    if os.name == "posix":
        assert {p.stat().st_mode & 0o777 for p in logged.parent.iterdir()} == {0o600}
        assert logged.parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # passed on
def test_an_uncaught_error_in_a_thread_is_written_with_its_traceback(logged: Path) -> None:
    logs.install_hooks()

    def work() -> None:
        raise RuntimeError("the outbox pump broke")

    worker = threading.Thread(target=work, name="outbox-pump")
    worker.start()
    worker.join()
    said = written(logged)
    assert "CRITICAL" in said and "Unexpected error in thread outbox-pump" in said
    assert "in work\n" in said and "RuntimeError: the outbox pump broke" in said


def test_every_command_writes_the_log_of_its_data_folder_and_an_unexpected_error_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args: object) -> int:
        raise KeyError("lost")

    monkeypatch.setitem(cli.COMMANDS, "db", broken)
    try:
        assert cli.main(["db", "current", "--data-dir", str(tmp_path)]) == 1
    finally:
        logs.uninstall_hooks()
        logs.stop()
    path = tmp_path / "logs" / "frontdesk.log"
    err = capsys.readouterr().err.strip()
    assert err == f"frontdesk: unexpected error: KeyError: 'lost' (the details are in {path})"
    said = path.read_text(encoding="utf-8")
    assert "started: frontdesk db" in said
    assert "Unexpected error in frontdesk db" in said and "in broken\n" in said
    assert "KeyError: 'lost'" in said


def test_a_refusal_is_logged_by_its_kind_only(tmp_path: Path) -> None:
    try:
        assert cli.main(["--data-dir", str(tmp_path), "users", "list", "--as", "Jane"]) == 2
    finally:
        logs.uninstall_hooks()
        logs.stop()
    said = (tmp_path / "logs" / "frontdesk.log").read_text(encoding="utf-8")
    assert "Refused: ValidationError" in said and "Jane" not in said


def test_every_log_call_in_the_program_passes_its_values_as_arguments() -> None:
    """The message of a log call is the program's own words; values go as arguments, where the
    log's formatter hides what must not be written (an f-string would bypass it)."""
    levels = {"debug", "info", "warning", "error", "exception", "critical", "log"}
    found: list[str] = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            target = node.func.value
            if node.func.attr not in levels or not (
                isinstance(target, ast.Name) and target.id in {"log", "logger", "logging"}
            ):
                continue
            message = node.args[1 if node.func.attr == "log" else 0] if node.args else None
            if not (isinstance(message, ast.Constant) and isinstance(message.value, str)):
                found.append(f"{path.relative_to(APP.parent)}:{node.lineno}")
    assert found == []


def test_the_practice_s_events_are_written_by_number_never_by_password(
    logged: Path, demo_ctx: AppContext, tmp_path: Path
) -> None:
    actor = signin.sign_in(demo_ctx.db, "reception", "reception")
    with pytest.raises(FrontDeskError):
        signin.sign_in(demo_ctx.db, "reception", f"wrong {PASSWORD}")
    source = sqlite_file(demo_ctx.url)
    assert source is not None
    made = backup.backup_sqlite_file(source, tmp_path / "b", "manual", datetime(2026, 3, 2, 9))
    said = written(logged)
    assert f"Signed in: user {actor.user_id} (reception, window)" in said
    assert "Sign-in refused (password, window)" in said
    assert f"Backup (manual) written: {made}" in said
    assert PASSWORD not in said


def test_a_schema_upgrade_is_written(tmp_path: Path) -> None:
    try:
        assert cli.main(["db", "upgrade", "--data-dir", str(tmp_path)]) == 0
    finally:
        logs.uninstall_hooks()
        logs.stop()
    said = (tmp_path / "logs" / "frontdesk.log").read_text(encoding="utf-8")
    head = migrations.head_revision()
    assert "Upgrading the schema from None to" in said and f"Schema upgraded to {head}" in said
    assert "sqlalchemy" not in said  # never a statement, nor its values
