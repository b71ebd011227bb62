"""A restore to an earlier backup and the audit checkpoints written since it: the ones beyond the
restored trail are set aside (kept, in a dated folder), the restore is recorded, and verify
passes naming it; a checkpoint that fails for any other reason is still reported."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from app import migrations
from app.bootstrap import build
from app.models import AuditEvent
from app.models.audit_guard import install_audit_guards, remove_audit_guards
from app.services.audit.restored import ACTION
from app.services.audit.verify import practice_zone, verify_audit_chain
from app.services.storage import restore
from tests.conftest import demo_practice_in
from tests.integration.test_cli import run

ADMIN = {"FRONTDESK_USER": "admin", "FRONTDESK_PASSWORD": "admin"}


@pytest.fixture
def data(tmp_path: Path, demo_template: Path) -> Path:
    """The demo practice's data folder."""
    folder = tmp_path / "data"
    demo_practice_in(demo_template, folder)
    return folder


def frontdesk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line in its own process (each ends as a desk's would), as the administrator."""
    done = run(*args, data=data, env=ADMIN)
    assert done.returncode in (0, 1), done.stderr
    return done


def checkpoints(folder: Path) -> dict[str, int]:
    """The checkpoint files directly in `folder`, with the last event each anchors."""
    return {
        p.name: int(json.loads(p.read_text("utf-8"))["last_id"])
        for p in folder.glob("checkpoint-*.json")
    }


def backed_up_then_anchored_twice(data: Path) -> Path:
    """Back up (its checkpoint follows), then two checkpoints more: the backup's file."""
    made = Path(frontdesk(data, "backup").stdout.split("Backup written: ")[1].strip())
    for _ in range(2):
        frontdesk(data, "audit", "checkpoint")
    return made


def test_restore_sets_aside_the_newer_checkpoints_and_verify_then_passes_naming_the_backup(
    data: Path,
) -> None:
    made = backed_up_then_anchored_twice(data)
    _, backup_last = restore.trail_end(made)
    folder = data / "audit-checkpoints"
    before = checkpoints(folder)
    newer = {name for name, last in before.items() if last > backup_last}
    assert len(newer) == 2 and len(before) == 3, before  # the backup's own one holds

    said = frontdesk(data, "restore", str(made)).stdout
    (aside,) = folder.glob("set-aside-*")
    assert aside.is_dir() and set(checkpoints(aside)) == newer
    assert set(checkpoints(folder)) == set(before) - newer
    assert (
        f"Set aside in audit-checkpoints/{aside.name}: 2 checkpoints written after that backup."
        in said
    ), said

    done = frontdesk(data, "audit", "verify", "--full")
    verified = done.stdout
    assert done.returncode == 0, verified
    ctx = build(data_dir=data)
    try:
        with ctx.db.read() as uow:
            event = uow.session.scalars(select(AuditEvent).where(AuditEvent.action == ACTION)).one()
            day = f"{event.occurred_at.astimezone(practice_zone(uow)):%Y-%m-%d}"
    finally:
        ctx.close()
    assert event.after is not None
    assert event.after["backup"] == made.name and event.after["restored_by"] == "admin"
    assert event.after["checkpoints_set_aside"] == 2 and event.after["last_event"] == backup_last
    assert event.id == backup_last + 1  # the restored trail's next event
    assert verified.startswith("Audit trail intact:"), verified
    assert (
        f"The trail was restored from the backup {made.name} on {day} (up to event #{backup_last})."
        in verified
    ), verified


def test_an_event_cut_from_the_restored_trail_is_still_reported_not_set_aside(data: Path) -> None:
    made = backed_up_then_anchored_twice(data)
    _, backup_last = restore.trail_end(made)
    folder = data / "audit-checkpoints"
    held = {name for name, last in checkpoints(folder).items() if last == backup_last}
    assert len(held) == 1  # the checkpoint written with the backup
    db_file = data / "frontdesk.sqlite3"
    restore.restore_sqlite_file(
        made, db_file, data / "backups", datetime.now(UTC), migrations.known_revisions(), "admin"
    )
    # Before the restored practice first opens, someone cuts its last event away: the restore
    # must not take the checkpoint that anchors that event for one it made obsolete.
    engine = create_engine(f"sqlite:///{db_file}")
    with engine.begin() as conn:
        remove_audit_guards(conn)
        conn.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": backup_last})
        install_audit_guards(conn)
    engine.dispose()

    ctx = build(data_dir=data)  # the first open sets aside the newer checkpoints
    try:
        with ctx.db.read() as uow:
            report = verify_audit_chain(uow)
    finally:
        ctx.close()
    (aside,) = folder.glob("set-aside-*")
    assert len(checkpoints(aside)) == 2 and held <= set(checkpoints(folder))
    assert not report.ok
    assert any(
        p.startswith(f"1 events after #{backup_last - 1} are gone: the checkpoint of ")
        for p in report.problems
    ), report.problems
    assert report.summary().startswith("Audit trail damaged:")
    assert f"The trail was restored from the backup {made.name} on " in report.summary()
