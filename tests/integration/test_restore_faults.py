"""A restore killed at any point leaves the old practice or the restored one, never an empty one;
a restore while another desk writes is refused, and no write that desk was told is saved is lost.

Real processes, real SIGKILLs: the restore runs in a child, stopped at each of its steps by the
test-only pause (FRONTDESK_TEST_RESTORE_PAUSE_AT) or at random moments, then killed; the test then
opens the practice as a start does (bootstrap.build) and counts its sessions.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import migrations
from app.bootstrap import build
from app.errors import PracticeInUseError, StorageError
from app.models import AuditEvent, Client, Session, User
from app.services.audit.restored import ACTION as RESTORED
from app.services.storage import backup, desk_lock, restore
from tests.conftest import DEMO_NOW, KEY_FILE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

RESTORER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from app import migrations
    from app.services.storage import restore
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    print("go", flush=True)
    restore.restore_sqlite_file(
        source, target, target.parent / "backups", datetime.now(timezone.utc),
        migrations.known_revisions(),
    )
    print("restored", flush=True)
    """
)

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.bootstrap import build
    from app.models import Client
    from app.services.desk import open_desk
    ctx = build(data_dir=Path(sys.argv[1]))
    actor = open_desk(ctx.db).actor
    n = 0
    while not Path(sys.argv[2]).exists():
        n += 1
        with ctx.db.write(actor) as uow:
            uow.session.add(Client(first_name="Written", last_name=f"At desk two {n}"))
        print(f"saved {n}", flush=True)  # acknowledged: the commit has returned
    ctx.close()
    print("closed", flush=True)
    """
)


@dataclass(frozen=True)
class Practices:
    """A live practice (its newest changes still in the WAL) and a backup, told apart by counts."""

    live: Path  # a folder holding frontdesk.sqlite3 and its -wal
    backup: Path
    old_sessions: int
    new_sessions: int


def _sessions(db_file: Path) -> int:
    conn = sqlite3.connect(db_file)
    try:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def practices(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Practices:
    root = tmp_path_factory.mktemp("restore-faults")
    backup_file = root / "frontdesk-20260401-090000-manual.sqlite3"
    shutil.copyfile(demo_template, backup_file)
    conn = sqlite3.connect(backup_file)
    conn.execute("DELETE FROM bookings")
    conn.execute(
        "DELETE FROM sessions WHERE id NOT IN "
        "(SELECT session_id FROM audit_events WHERE session_id IS NOT NULL)"
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    live = root / "live"
    live.mkdir()
    shutil.copyfile(demo_template, live / "frontdesk.sqlite3")
    # The day's last changes are still in the WAL, as on a desk killed mid-day: a restore
    # must neither lose them from the file it keeps aside nor mix them into the restored one.
    conn = sqlite3.connect(live / "frontdesk.sqlite3")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("DELETE FROM bookings WHERE session_id IN (SELECT id FROM sessions LIMIT 7)")
    conn.execute(
        "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE id NOT IN "
        "(SELECT session_id FROM audit_events WHERE session_id IS NOT NULL) LIMIT 7)"
    )
    conn.commit()
    snapshot = root / "snapshot"
    snapshot.mkdir()
    for name in ("frontdesk.sqlite3", "frontdesk.sqlite3-wal"):
        shutil.copyfile(live / name, snapshot / name)  # the files as the killed desk left them
    # The practice's audit key, as its data folder holds it: the restore is audited with it.
    shutil.copyfile(demo_template.with_name(KEY_FILE), snapshot / KEY_FILE)
    old = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    conn.close()
    # (Opening the snapshot here would fold its WAL in: each case opens its own copy.)
    assert (snapshot / "frontdesk.sqlite3-wal").stat().st_size > 0
    assert old != _sessions(backup_file)
    return Practices(snapshot, backup_file, old, _sessions(backup_file))


def _case(tmp_path: Path, practices: Practices) -> Path:
    data = tmp_path / "data"
    shutil.copytree(practices.live, data)
    return data


def _child(script: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=Path(__file__).resolve().parents[2],
    )


def _wait_for(proc: subprocess.Popen[str], words: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert words in line, f"{line!r} {proc.stderr.read() if proc.stderr else ''}"


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


def _open_as_a_start(data: Path) -> tuple[int, int]:
    """Sessions and users of the practice a start opens (after tidying up the restore)."""
    sessions, users, _restores = _opened(data)
    return sessions, users


def _opened(data: Path) -> tuple[int, int, int]:
    """`_open_as_a_start`, and how many restores the opened practice's audit trail records."""
    ctx = build(data_dir=data)
    try:
        with ctx.db.read() as uow:
            sessions = int(uow.session.scalar(select(func.count(Session.id))) or 0)
            users = int(uow.session.scalar(select(func.count(User.id))) or 0)
            restores = int(uow.session.scalar(select(func.count(AuditEvent.id)).where(
                AuditEvent.action == RESTORED)) or 0)  # fmt: skip
    finally:
        ctx.close()
    db_file = data / "frontdesk.sqlite3"
    assert not restore.needs_tidying(db_file)
    assert not list(data.glob("*.incoming*")) and not list(data.glob("*.restoring*"))
    return sessions, users, restores


# Each step of the restore, and which practice a start must find after a kill there: before the
# journal the old file was never touched; from the journal on, the checked copy goes in.
STEPS = [
    ("locked", "old"),
    ("copying", "old"),
    ("copied", "old"),
    ("synced", "old"),
    ("checkpointed", "old"),
    ("journal", "new"),
    ("aside", "new"),
    ("swapped", "new"),
    ("done", "new"),
]


@pytest.mark.parametrize(("step", "expected"), STEPS)
def test_a_restore_killed_at_each_step_leaves_the_old_or_the_restored_practice(
    tmp_path: Path, practices: Practices, step: str, expected: str
) -> None:
    data = _case(tmp_path, practices)
    proc = _child(
        RESTORER,
        str(practices.backup),
        str(data / "frontdesk.sqlite3"),
        env={restore.PAUSE_ENV: step},
    )
    _wait_for(proc, "go")
    _wait_for(proc, f"paused at {step}")
    _kill(proc)
    sessions, users, restores = _opened(data)
    want = practices.old_sessions if expected == "old" else practices.new_sessions
    assert sessions == want and users > 1  # never a fresh practice with only "admin"
    # The restored practice records its restore even when the start finished the swap.
    assert restores == (1 if expected == "new" else 0)
    if expected == "new":  # the practice it replaced is kept whole, WAL and all
        (aside,) = [p for p in backup.list_backups(data / "backups") if "-replaced" in p.name]
        assert _sessions(aside) == practices.old_sessions


def test_restores_killed_at_random_moments_leave_the_old_or_the_restored_practice(
    tmp_path: Path, practices: Practices
) -> None:
    chance = random.Random(19)
    for n in range(8):
        data = _case(tmp_path / str(n), practices)
        proc = _child(RESTORER, str(practices.backup), str(data / "frontdesk.sqlite3"))
        _wait_for(proc, "go")
        time.sleep(chance.uniform(0.0, 0.06))
        _kill(proc)
        sessions, users = _open_as_a_start(data)
        assert sessions in (practices.old_sessions, practices.new_sessions) and users > 1


def test_a_restore_is_refused_while_another_desk_writes_and_nothing_it_saved_is_lost(
    tmp_path: Path, practices: Practices
) -> None:
    data = _case(tmp_path, practices)
    db_file = data / "frontdesk.sqlite3"
    stop = tmp_path / "stop"
    writer = _child(WRITER, str(data), str(stop))
    saved = _acknowledged(writer, at_least=5)
    with pytest.raises(PracticeInUseError) as err:
        restore.restore_sqlite_file(
            practices.backup, db_file, data / "backups", DEMO_NOW, migrations.known_revisions()
        )
    host = socket.gethostname()
    assert err.value.message.startswith(f"FrontDesk is open on {host} (pid {writer.pid}, ")
    assert err.value.message.endswith("— close it there first, then restore.")
    stop.touch()
    saved += _acknowledged(writer)
    assert writer.wait(timeout=20) == 0
    ctx = build(data_dir=data)
    with ctx.db.read() as uow:
        names = set(uow.session.scalars(select(Client.last_name)))
    ctx.close()
    assert {f"At desk two {n}" for n in saved} <= names  # every acknowledged write is there
    assert _sessions(db_file) == practices.old_sessions
    # Once that desk has closed, the restore goes ahead.
    restore.restore_sqlite_file(
        practices.backup, db_file, data / "backups", DEMO_NOW, migrations.known_revisions()
    )
    assert _sessions(db_file) == practices.new_sessions


def _acknowledged(proc: subprocess.Popen[str], at_least: int | None = None) -> list[int]:
    """The writes the desk reported saved: `at_least` of them, or all until it closes."""
    assert proc.stdout is not None
    saved: list[int] = []
    for line in proc.stdout:
        if line.startswith("saved "):
            saved.append(int(line.split()[1]))
        if line.startswith("closed") or (at_least is not None and len(saved) >= at_least):
            break
    return saved


@pytest.fixture
def paused_restore(
    tmp_path: Path, practices: Practices
) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    data = _case(tmp_path, practices)
    proc = _child(
        RESTORER,
        str(practices.backup),
        str(data / "frontdesk.sqlite3"),
        env={restore.PAUSE_ENV: "copied"},
    )
    _wait_for(proc, "go")
    _wait_for(proc, "paused at copied")
    yield data, proc
    if proc.poll() is None:
        _kill(proc)


def test_a_desk_starting_during_a_restore_waits_then_says_a_restore_is_in_progress(
    paused_restore: tuple[Path, subprocess.Popen[str]],
    practices: Practices,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, proc = paused_restore
    monkeypatch.setattr(desk_lock, "RESTORE_WAIT_S", 0.3)
    with pytest.raises(PracticeInUseError) as err:
        build(data_dir=data)
    assert err.value.message.startswith(
        f"A restore of the practice is in progress on {socket.gethostname()} (pid {proc.pid}, "
    )
    _kill(proc)
    assert _open_as_a_start(data)[0] == practices.old_sessions


def test_a_restore_journal_that_cannot_be_read_stops_the_start_with_a_sentence(
    tmp_path: Path, practices: Practices
) -> None:
    data = _case(tmp_path, practices)
    db_file = data / "frontdesk.sqlite3"
    shutil.copyfile(practices.backup, restore.incoming_file(db_file))
    restore.journal_file(db_file).write_text("{not json")  # edited by hand, a disk error
    with pytest.raises(StorageError) as err:
        build(data_dir=data)
    assert err.value.message.startswith(
        "A restore of the practice was interrupted and cannot be finished ("
    )
    assert f"the files are in {data}: call your IT support." in err.value.message
    assert restore.incoming_file(db_file).exists()  # left for IT support, nothing guessed
    assert _sessions(db_file) == practices.old_sessions
