"""The database refuses to change or remove audit rows: triggers on SQLite and PostgreSQL.

A migration that rebuilds `audit_events` or `audit_meta` (SQLite copies the table, and its
triggers go with the old one) calls `remove_audit_guards` first and `install_audit_guards`
after, in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

APPEND_ONLY = "The audit trail is append-only."
GUARDED_TABLES = ("audit_events", "audit_meta")
_PG_FUNCTION = "frontdesk_audit_append_only"


def _sqlite_triggers() -> dict[str, str]:
    """Trigger name → its CREATE statement."""
    made: dict[str, str] = {}
    for table in GUARDED_TABLES:
        for verb in ("UPDATE", "DELETE"):
            name = f"{table}_no_{verb.lower()}"
            made[name] = (
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
    return made


def guard_names(dialect: str) -> tuple[str, ...]:
    """The triggers a guarded database has."""
    if dialect == "sqlite":
        return tuple(_sqlite_triggers())
    return tuple(
        f"{table}_{what}" for table in GUARDED_TABLES for what in ("append_only", "no_truncate")
    )


def install_audit_guards(connection: Connection) -> None:
    """Make audit rows unchangeable: UPDATE and DELETE (and TRUNCATE) abort with a sentence."""
    if connection.dialect.name == "sqlite":
        for statement in _sqlite_triggers().values():
            connection.execute(text(statement))
        return
    connection.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege'; "
            "END $$"
        )
    )
    for table in GUARDED_TABLES:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"))
        connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}"))
        connection.execute(
            text(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {_PG_FUNCTION}()"
            )
        )
        connection.execute(
            text(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {_PG_FUNCTION}()"
            )
        )


def remove_audit_guards(connection: Connection) -> None:
    """Take the triggers away (only for a migration that rebuilds the guarded tables)."""
    if connection.dialect.name == "sqlite":
        for name in _sqlite_triggers():
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        return
    for table in GUARDED_TABLES:
        for name in (f"{table}_append_only", f"{table}_no_truncate"):
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
    connection.execute(text(f"DROP FUNCTION IF EXISTS {_PG_FUNCTION}()"))


def missing_guards(connection: Connection) -> list[str]:
    """The guard triggers that are not in the database (someone dropped them)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        found = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ).scalars()
    else:
        found = connection.execute(
            text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D' "
                "AND tgrelid = ANY(ARRAY['audit_events'::regclass, 'audit_meta'::regclass])"
            )
        ).scalars()
    present = set(found)
    return [name for name in guard_names(dialect) if name not in present]
