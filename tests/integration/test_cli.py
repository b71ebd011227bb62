"""The command line: version, demo, db, audit verify, and errors as one clear line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app import __version__, migrations


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
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
    again = run("demo", data=tmp_path)
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
