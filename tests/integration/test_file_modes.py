"""SPEC 6, secrets: the database, its side files, backups, exports and keys are 0600 in 0700
folders on POSIX, whatever the user's umask — they hold client details and secrets."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import migrations
from app.bootstrap import AppContext, prepare_database
from app.models.enums import IntegrationKind
from app.paths import AppPaths, default_database_url
from app.services.bulk import audit_csv as bulk_csv
from app.services.desk import open_desk
from app.services.outbox import integration_settings
from app.services.outbox.integration_settings import IntegrationDraft
from app.services.reports import (
    ReportFilters,
    cancellation_report,
    render_cancellation_pdf,
    write_cancellation_csv,
)
from app.services.reports.audit_log import AuditExport, AuditFilter, write_audit_csv
from app.services.reports.extraction import extract_sds
from app.services.reports.ical import write_ics
from app.services.storage import backup, restore
from tests.conftest import FakeClock

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")

PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
WHEN = datetime(2026, 4, 1, 8, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _everyone_may_read() -> Iterator[None]:
    """The usual umask (022): without FrontDesk's care, new files would be world-readable."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def ctx(tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    paths = AppPaths(tmp_path / "data").ensure()
    context = prepare_database(default_database_url(paths), paths, clock)
    open_desk(context.db)  # the first writes: the WAL and shared-memory files appear
    yield context
    context.close()


def test_the_database_its_side_files_the_folders_and_the_keys_are_private(
    ctx: AppContext,
) -> None:
    paths = ctx.paths
    db = paths.database_file
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        assert mode(path) == PRIVATE_FILE, path.name
    for folder in (paths.data_dir, paths.backup_dir, paths.export_dir, paths.log_dir):
        assert mode(folder) == PRIVATE_FOLDER, folder.name
    draft = IntegrationDraft(IntegrationKind.WEBHOOK, "Hub", "https://hub.example/x", "s" * 32)
    admin = open_desk(ctx.db, "admin")
    admin.write(lambda uow: integration_settings.update_integration_settings(uow, draft))
    for name in ("audit.key", "secrets.key"):
        assert mode(paths.data_dir / name) == PRIVATE_FILE, name
        assert mode(paths.backup_dir / name) == PRIVATE_FILE, name


def test_an_older_practice_left_readable_by_everyone_is_made_private_at_start(
    tmp_path: Path, clock: FakeClock
) -> None:
    paths = AppPaths(tmp_path / "data").ensure()
    prepare_database(default_database_url(paths), paths, clock).close()
    paths.database_file.chmod(0o644)
    for folder in (paths.data_dir, paths.backup_dir):
        folder.chmod(0o755)
    again = prepare_database(default_database_url(paths.ensure()), paths, clock)
    again.close()
    assert mode(paths.database_file) == PRIVATE_FILE
    assert mode(paths.data_dir) == mode(paths.backup_dir) == PRIVATE_FOLDER


def test_backups_and_a_restored_practice_are_private(ctx: AppContext) -> None:
    db, folder = ctx.paths.database_file, ctx.paths.backup_dir
    manual = backup.backup_sqlite_file(db, folder, "manual", WHEN)
    daily = backup.daily_backup(db, folder, WHEN.replace(day=2))
    assert daily is not None and mode(manual) == mode(daily) == PRIVATE_FILE
    ctx.close()
    db.chmod(0o644)  # as an older FrontDesk left it: the restore's copy is private regardless
    aside = restore.restore_sqlite_file(
        manual, db, folder, WHEN.replace(day=3), migrations.known_revisions()
    )
    assert aside is not None and mode(db) == PRIVATE_FILE


def test_every_export_is_private_even_when_it_replaces_a_readable_file(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    desk = open_desk(demo_ctx.db, "manager")
    month = ReportFilters(date(2026, 3, 1), date(2026, 4, 30))
    report = desk.read(lambda uow: cancellation_report(uow, month))
    out = tmp_path / "out"
    out.mkdir()
    older = out / "report.csv"
    older.write_text("an older export")
    older.chmod(0o644)
    made = {
        "report.csv": lambda p: write_cancellation_csv(report, p),
        "report.pdf": lambda p: render_cancellation_pdf(report, p),
        "audit.csv": lambda p: desk.read(lambda uow: write_audit_csv(uow, AuditExport(AuditFilter()), p)),
        "week.ics": lambda p: desk.read(lambda uow: write_ics(uow, month.date_from, month.date_to, p)),
        "claims.csv": lambda p: desk.write(lambda uow: extract_sds(uow, month.date_from, month.date_to, p)),
        "bulk-plan.csv": lambda p: bulk_csv.write_plan(p, [], ZoneInfo("Australia/Sydney")),
    }  # fmt: skip
    for name, write in made.items():
        write(out / name)
        assert mode(out / name) == PRIVATE_FILE, name
    assert sorted(p.name for p in out.iterdir()) == sorted(made)  # no .part left behind
