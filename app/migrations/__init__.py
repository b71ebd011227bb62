"""Schema migrations shipped inside the package, driven programmatically.

Opening a database whose schema is current needs no alembic: the stored revision is read with
one plain query and compared with `HEAD_REVISION`, so alembic (and what it imports) is loaded
only when an upgrade is due, or by the commands that show or change revisions. SQLAlchemy
loads with the first function that needs it: the start reads `HEAD_REVISION` before it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent
VERSION_TABLE = "alembic_version"

# Every revision in versions/, oldest first; the last is the head. A new migration adds its
# revision here too (tests/integration/test_migrations.py compares these with alembic's own).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010",
             "0011", "0012", "0013", "0014", "0015", "0016",
             "0017", "0018", "0019", "0020", "0021")  # fmt: skip
HEAD_REVISION = REVISIONS[-1]


# Where an upgrade's migrations leave what they changed in the practice's records.
_CHANGED = "frontdesk.changed_records"


class RecordChange:
    """A record an upgrade changed (not only the schema): the audit trail says so afterwards.

    A plain class, not a dataclass: this module loads with every start (for HEAD_REVISION),
    and a dataclass compiles its methods as its module loads.
    """

    __slots__ = ("action", "after", "before", "entity", "entity_id")

    def __init__(
        self,
        action: str,  # e.g. "upgrade.rename"
        entity: str,
        entity_id: int,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.action = action
        self.entity = entity
        self.entity_id = entity_id
        self.before: dict[str, Any] = {} if before is None else before
        self.after: dict[str, Any] = {} if after is None else after

    def __repr__(self) -> str:
        return f"RecordChange({self.action!r}, {self.entity!r}, {self.entity_id!r})"


def record_change(change: RecordChange) -> None:
    """For a migration that changes records: handed back by `upgrade`, which the start writes
    to the audit trail once the upgrade has committed (the migration itself cannot sign)."""
    from alembic import context

    context.config.attributes.setdefault(_CHANGED, []).append(change)


def alembic_config(url: str | None = None) -> Config:
    """An alembic Config pointing at the packaged scripts."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest revision this program knows."""
    return HEAD_REVISION


def known_revisions() -> set[str]:
    """Every revision this program knows (a database at any other one is newer)."""
    return set(REVISIONS)


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for an empty one."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:  # several heads: only alembic can say what that means
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return rows[0] if rows else None


def upgrade(engine: Engine, target: str = "head") -> list[RecordChange]:
    """Upgrade the database on `engine` to `target` in one transaction; the records it changed."""
    return _run(engine, "upgrade", target)


def downgrade(engine: Engine, target: str) -> None:
    _run(engine, "downgrade", target)


def _run(engine: Engine, verb: str, target: str) -> list[RecordChange]:
    """One transaction; on SQLite with foreign keys off while it runs, checked before commit.

    SQLite changes a table's definition by copying it: dropping the old copy with foreign keys
    on would cascade into the tables that refer to it (SQLite's own advice: keys off, check
    after). The setting only changes outside a transaction, so it is made on the connection.
    """
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                getattr(command, verb)(cfg, target)
                if sqlite:
                    _check_foreign_keys(conn)
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    return list(cfg.attributes.get(_CHANGED, []))


def _check_foreign_keys(conn: object) -> None:
    from sqlalchemy import text

    broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()  # type: ignore[attr-defined]
    if broken:
        raise RuntimeError(f"The schema change left {len(broken)} broken references: {broken[:5]}")
