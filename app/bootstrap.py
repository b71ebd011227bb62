"""The composition root: paths → backup → migrate → engine → database (units of work)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from app import migrations
from app.db import SYSTEM_ACTOR, Clock, Database, make_engine, system_clock
from app.errors import FrontDeskError, StorageError
from app.i18n import translate
from app.paths import AppPaths, default_database_url, default_paths, private_file
from app.redact import redact, redact_url
from app.services.audit.key import AuditKeys
from app.services.calendar_feed import hook as calendar_hook
from app.services.storage import backup, restore, secret_box
from app.services.storage.desk_lock import DeskLock

log = logging.getLogger(__name__)


class SchemaTooNewError(FrontDeskError):
    """The database was written by a newer FrontDesk."""


class NotAPracticeError(FrontDeskError):
    """The database holds another program's tables, not a FrontDesk practice."""


class CorruptDatabaseError(FrontDeskError):
    """The database file fails SQLite's integrity check."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path

    @classmethod
    def of(cls, db_file: Path, problem: str) -> CorruptDatabaseError:
        """The sentence the user reads for `problem` found in `db_file`."""
        text = translate("start", "The database file {name} is damaged ({problem}).")
        return cls(text.format(name=db_file.name, problem=problem), db_file)


@dataclass
class AppContext:
    """Everything a window or a CLI command needs, built once."""

    paths: AppPaths
    db: Database
    url: str
    backup_path: Path | None
    schema_revision: str
    desk_lock: DeskLock | None = None  # SQLite: this process among the desks using the file

    def close(self) -> None:
        self.db.dispose()
        if self.desk_lock is not None:
            self.desk_lock.close()  # after the engine: no connection of ours is left open
            self.desk_lock = None


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _refuse_newer(revision: str | None) -> None:
    if revision is not None and revision not in migrations.known_revisions():
        raise SchemaTooNewError(
            translate(
                "start",
                "This database was last used by a newer version of FrontDesk (schema {revision}). "
                "It has not been changed. Install the newer FrontDesk, or open another database.",
            ).format(revision=revision)
        )


def _refuse_foreign(engine: Engine, db_file: Path | None) -> None:
    """Tables but no FrontDesk schema version: another program's database, left untouched."""
    # alembic's own table alone is a FrontDesk schema taken back to its start: upgrade it.
    tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    if not tables:
        return
    shown = ", ".join(tables[:3]) + (" …" if len(tables) > 3 else "")
    if db_file is None:
        text = translate(
            "start",
            "This database is not a FrontDesk practice: it holds other tables ({tables}) and no "
            "FrontDesk schema. It has not been changed. Open a FrontDesk practice, or name a new "
            "file to start one.",
        )
    else:
        text = translate(
            "start",
            "The file {file} is not a FrontDesk practice: it holds other tables ({tables}) and no "
            "FrontDesk schema. It has not been changed. Open a FrontDesk practice, or name a new "
            "file to start one.",
        )
    raise NotAPracticeError(text.format(file=db_file, tables=shown))


def _refuse_damaged(db_file: Path, *, full: bool) -> None:
    """The full integrity check (whole file) or the quick look at its header and schema."""
    problem = backup.integrity_problem(db_file) if full else backup.open_problem(db_file)
    if problem and "unable to open" in problem:  # permissions, not damage: nothing to restore
        raise StorageError(
            translate(
                "start",
                "The database file {file} cannot be opened: this account may not read or "
                "write it. Ask your IT support to check its permissions and those of its folder.",
            ).format(file=db_file)
        )
    if problem:
        raise CorruptDatabaseError.of(db_file, problem)


def prepare_database(
    url: str, paths: AppPaths, clock: Clock = system_clock, *, verify: bool = False
) -> AppContext:
    """Check, back up and upgrade the database at `url`, then hand back the app context.

    The full integrity check reads the whole file, so it runs here only with `verify` (the
    command line) and before an upgrade; the window runs it in the background once it shows
    (app/ui/start/startup.py). Without it, a file that is not a database at all is still refused.
    """
    db_file = _usable_url(url)
    hold = _join(db_file)
    try:
        if db_file is not None and db_file.exists() and db_file.stat().st_size > 0:
            _refuse_damaged(db_file, full=verify)
        if db_file is not None:  # 0600 before SQLite writes to it; its -wal and -shm follow it
            private_file(db_file)
        engine = make_engine(url)
        try:
            backup_path, changed = _migrate(engine, db_file, paths, clock, verified=verify)
        except DBAPIError as exc:
            engine.dispose()
            if db_file is not None:
                raise
            raise _unreachable(url, exc) from exc
        except BaseException:
            engine.dispose()  # a refused or damaged file is not held open (the rescue replaces it)
            raise
    except BaseException:
        if hold is not None:
            hold.close()
        raise
    db = Database(engine, clock, AuditKeys(paths.data_dir))
    if db_file is not None and restore.note_file(db_file).exists():  # restored since last open
        from app.services.audit.restored import settle_restore

        settle_restore(db, db_file)  # before the upgrade's events: the restore comes first
    _audit_upgrade(db, changed)
    calendar_hook.install()  # every change of a session queues its calendar feed event
    secret_box.seal_at_start(db)  # secrets an older FrontDesk kept in plain text
    return AppContext(paths, db, url, backup_path, migrations.head_revision(), hold)


def _usable_url(url: str) -> Path | None:
    """The SQLite file behind `url` (None for a server); an unusable address is refused."""
    try:
        db_file = sqlite_file(url)
        make_url(url).get_dialect()  # the driver is installed
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise StorageError(
            translate(
                "start",
                "The database address {url} cannot be used ({reason}). "
                "Check the --db option or FRONTDESK_DB_URL, then start again.",
            ).format(url=redact_url(url), reason=redact(str(exc), url))
        ) from exc
    return db_file


def _unreachable(url: str, exc: DBAPIError) -> StorageError:
    """The sentence for a database server that refused or did not answer (no password in it)."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    first = text.strip().splitlines()[0] if text.strip() else translate("start", "no reason given")
    return StorageError(
        translate(
            "start",
            "FrontDesk could not connect to the practice database {url} ({reason}). "
            "Check that the server is running and reachable from this desk and that the user "
            "name and password are right, then start again.",
        ).format(url=redact_url(url), reason=redact(first, url))
    )


def _join(db_file: Path | None) -> DeskLock | None:
    """Take this process's place among the desks on a SQLite practice (None for PostgreSQL).

    A restore in progress is waited out; one cut short is finished or undone first.
    """
    if db_file is None:
        return None
    db_file.parent.mkdir(parents=True, exist_ok=True)
    return restore.join_practice(db_file)


def _migrate(
    engine: Engine, db_file: Path | None, paths: AppPaths, clock: Clock, *, verified: bool
) -> tuple[Path | None, list[migrations.RecordChange]]:
    """Upgrade an older schema after a backup; the backup made, if any, and the records the
    upgrade changed."""
    revision = migrations.current_revision(engine)
    _refuse_newer(revision)
    if revision is None:
        _refuse_foreign(engine, db_file)
    if revision == migrations.head_revision():
        return None, []
    backup_path: Path | None = None
    if db_file is not None and inspect(engine).get_table_names():
        if not verified:
            _refuse_damaged(db_file, full=True)  # never upgrade a damaged file
        backup_path = backup.backup_sqlite_file(db_file, paths.backup_dir, "pre-upgrade", clock())
    log.info("Upgrading the schema from %s to %s", revision, migrations.head_revision())
    changed = migrations.upgrade(engine)
    log.info("Schema upgraded to %s", migrations.head_revision())
    return backup_path, changed


def _audit_upgrade(db: Database, changed: list[migrations.RecordChange]) -> None:
    """The records the upgrade changed, in the audit trail (one transaction, as the system).

    The upgrade has committed by now (its migrations cannot sign the trail); should this fail,
    the upgrade's log names each change and the pre-upgrade backup holds the records as they were.
    """
    if not changed:
        return
    from app.services.audit import chain as audit

    events = [audit.Event(c.action, c.entity, c.entity_id, before=c.before, after=c.after)
              for c in changed]  # fmt: skip
    try:
        db.transact(SYSTEM_ACTOR, lambda uow: audit.record_many(uow, events))
    except Exception:
        log.exception("The upgrade's %d record change(s) were not written to the audit trail",
                      len(events))  # fmt: skip


def build(
    url: str | None = None, data_dir: Path | None = None, *, verify: bool = False
) -> AppContext:
    """The default composition: data folder, database URL, migrated database."""
    paths = (AppPaths(data_dir) if data_dir else default_paths()).ensure()
    return prepare_database(url or default_database_url(paths), paths, verify=verify)
