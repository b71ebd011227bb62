"""Migrations: round trips, models match head, newer schemas refused, backups before upgrades."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app import migrations
from app.bootstrap import SchemaTooNewError, build
from app.db import make_engine
from app.models import Base
from app.services.backup import list_backups


def test_upgrade_base_head_base_head_on_a_temp_file(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == migrations.head_revision()
    assert "sessions" in inspect(engine).get_table_names()
    migrations.downgrade(engine, "base")
    assert migrations.current_revision(engine) is None
    assert "sessions" not in inspect(engine).get_table_names()
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == migrations.head_revision()
    engine.dispose()


def test_autogenerate_diff_between_models_and_head_is_empty(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrations.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    engine.dispose()
    assert diff == []


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_database_with_unknown_newer_revision_is_refused_and_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = build(data_dir=data)
    ctx.close()
    db_file = data / "frontdesk.sqlite3"
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(db_file)
    with pytest.raises(SchemaTooNewError) as refused:
        build(data_dir=data)
    assert "newer version of FrontDesk" in str(refused.value)
    assert "has not been changed" in str(refused.value)
    assert _digest(db_file) == before


def test_a_backup_file_exists_after_an_upgrade(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = build(data_dir=data)
    migrations.downgrade(ctx.db.engine, "base")  # an older schema with data folder in place
    ctx.close()
    assert list_backups(data / "backups") == []
    ctx = build(data_dir=data)
    assert ctx.backup_path is not None and ctx.backup_path.exists()
    assert list_backups(data / "backups") == [ctx.backup_path]
    backed_up = sqlite3.connect(ctx.backup_path)
    assert backed_up.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backed_up.close()
    ctx.close()


def test_a_fresh_database_needs_no_backup(tmp_path: Path) -> None:
    ctx = build(data_dir=tmp_path / "data")
    assert ctx.backup_path is None
    assert ctx.schema_revision == migrations.head_revision()
    ctx.close()


def test_the_revisions_the_program_knows_are_alembic_s_own() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert script.get_current_head() == migrations.HEAD_REVISION
    oldest_first = [rev.revision for rev in script.walk_revisions()][::-1]
    assert list(migrations.REVISIONS) == oldest_first
    assert migrations.known_revisions() == set(oldest_first)


def test_the_stored_revision_is_read_as_alembic_reads_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")

    def alembic_says() -> str | None:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    assert migrations.current_revision(engine) is None and alembic_says() is None  # empty file
    migrations.upgrade(engine, "0001")
    assert migrations.current_revision(engine) == alembic_says() == "0001"
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == alembic_says() == migrations.HEAD_REVISION
    migrations.downgrade(engine, "0002")
    assert migrations.current_revision(engine) == alembic_says() == "0002"
    migrations.downgrade(engine, "base")  # the version table stays, empty
    assert migrations.current_revision(engine) is None and alembic_says() is None
    engine.dispose()


def test_opening_a_current_database_does_not_load_alembic(tmp_path: Path) -> None:
    data = tmp_path / "data"
    build(data_dir=data).close()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.bootstrap import build\n"
        f"ctx = build(data_dir=Path({str(data)!r}))\n"
        "ctx.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True
    )
    assert done.stdout.strip() == "[]"
