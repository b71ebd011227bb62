"""The command line: version, demo, db, audit verify, and errors as one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app import __version__, migrations


def signed_in(name: str, password: str | None = None) -> dict[str, str]:
    """The environment of a scheduled run as `name` (the demo's passwords are the names)."""
    return {"FRONTDESK_USER": name, "FRONTDESK_PASSWORD": password or name}


def run(
    *args: str, data: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`frontdesk` in its own process, with no terminal: a password only from `env`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDESK_")}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**base, **(env or {})},
    )


def test_version_is_printed(tmp_path: Path) -> None:
    out = run("--version", data=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == f"FrontDesk {__version__}"


def test_demo_then_db_commands_and_audit_verify(tmp_path: Path) -> None:
    created = run("demo", data=tmp_path)
    assert created.returncode == 0, created.stderr
    assert "8 workers, 60 clients" in created.stdout
    assert (tmp_path / "frontdesk.sqlite3").exists()
    current = run("db", "current", data=tmp_path)
    assert f"schema {migrations.head_revision()}" in current.stdout
    assert run("db", "check", data=tmp_path).stdout.strip() == "Integrity check passed."
    assert run("db", "upgrade", data=tmp_path).returncode == 0
    verified = run("audit", "verify", data=tmp_path)
    assert verified.returncode == 0 and "Audit trail intact" in verified.stdout


def test_a_second_demo_is_refused_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    assert run("demo", data=tmp_path).returncode == 0
    again = run("demo", data=tmp_path, env=signed_in("admin"))
    assert again.returncode == 2
    assert again.stderr.strip().startswith("frontdesk: This database already has sessions")
    assert "Traceback" not in again.stderr and len(again.stderr.strip().splitlines()) == 1


def test_an_unreachable_database_url_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = run("--db", f"sqlite:///{blocker}/x/y.sqlite3", "db", "current", data=tmp_path)
    assert out.returncode == 2
    assert out.stderr.startswith("frontdesk: cannot use")
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_bulk_cancel_from_the_command_line_writes_the_audit_and_results(tmp_path: Path) -> None:
    assert run("demo", data=tmp_path).returncode == 0
    import datetime as dt

    monday = dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday())
    out = tmp_path / "closure.csv"
    done = run(
        "bulk-cancel",
        "--from",
        monday.isoformat(),
        "--to",
        (monday + dt.timedelta(days=1)).isoformat(),
        "--worker",
        "Dr Maya Chen",
        "--reason",
        "practice_closure",
        "--note",
        "Flood",
        "--csv",
        str(out),
        data=tmp_path,
        env=signed_in("admin"),
    )
    assert done.returncode == 0, done.stderr
    assert "Bulk cancellation #1" in done.stdout and "failed" in done.stdout
    assert out.exists() and (tmp_path / "closure-results.csv").exists()
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Session,Date,Time,Worker") and all(
        "Dr Maya Chen" in line for line in lines[1:]
    )
    bad = run(
        "bulk-cancel",
        "--from",
        monday.isoformat(),
        "--to",
        monday.isoformat(),
        "--reason",
        "nope",
        "--csv",
        str(tmp_path / "x.csv"),
        data=tmp_path,
        env=signed_in("admin"),
    )
    assert bad.returncode == 2 and "No cancellation reason called “nope”" in bad.stderr
