"""The composition root: paths → backup → migrate → engine → database (units of work)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from app import migrations
from app.db import Clock, Database, make_engine, system_clock
from app.paths import AppPaths, default_database_url, default_paths
from app.services import backup
from app.services.errors import FrontDeskError


class SchemaTooNewError(FrontDeskError):
    """The database was written by a newer FrontDesk."""


class CorruptDatabaseError(FrontDeskError):
    """The database file fails SQLite's integrity check."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass
class AppContext:
    """Everything a window or a CLI command needs, built once."""

    paths: AppPaths
    db: Database
    url: str
    backup_path: Path | None
    schema_revision: str

    def close(self) -> None:
        self.db.dispose()


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _refuse_newer(revision: str | None, url: str) -> None:
    if revision is not None and revision not in migrations.known_revisions():
        raise SchemaTooNewError(
            f"This database was last used by a newer version of FrontDesk (schema {revision}). "
            "It has not been changed. Install the newer FrontDesk, or open another database."
        )


def prepare_database(url: str, paths: AppPaths, clock: Clock = system_clock) -> AppContext:
    """Check, back up and upgrade the database at `url`, then hand back the app context."""
    db_file = sqlite_file(url)
    if db_file is not None:
        db_file.parent.mkdir(parents=True, exist_ok=True)
        if db_file.exists() and db_file.stat().st_size > 0:
            problem = backup.integrity_problem(db_file)
            if problem:
                raise CorruptDatabaseError(
                    f"The database file {db_file.name} is damaged ({problem}).", db_file
                )
    engine = make_engine(url)
    revision = migrations.current_revision(engine)
    _refuse_newer(revision, url)
    head = migrations.head_revision()
    backup_path: Path | None = None
    if revision != head:
        has_tables = bool(inspect(engine).get_table_names())
        if db_file is not None and has_tables:
            backup_path = backup.backup_sqlite_file(
                db_file, paths.backup_dir, "pre-upgrade", clock()
            )
        migrations.upgrade(engine)
    return AppContext(paths, Database(engine, clock), url, backup_path, head)


def build(url: str | None = None, data_dir: Path | None = None) -> AppContext:
    """The default composition: data folder, database URL, migrated database."""
    paths = (AppPaths(data_dir) if data_dir else default_paths()).ensure()
    return prepare_database(url or default_database_url(paths), paths)
