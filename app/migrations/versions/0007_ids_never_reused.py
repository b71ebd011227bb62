"""ids never reused on SQLite: every table with an integer id is rebuilt with AUTOINCREMENT,
keeping every row (and so the audit chain) as it was

Without AUTOINCREMENT, SQLite hands out the id of a deleted newest row again; ids reach the audit
trail, exports and the practice's other system, so one id must always mean one record.
PostgreSQL's sequences never reuse an id: nothing to do there.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models.audit_guard import install_audit_guards, remove_audit_guards


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _id_tables(conn: sa.Connection) -> list[str]:
    """The tables whose primary key is one integer column named id."""
    inspector = sa.inspect(conn)
    found = []
    for table in inspector.get_table_names():
        if table in ('alembic_version', 'sqlite_sequence'):
            continue
        pk = inspector.get_pk_constraint(table)['constrained_columns']
        columns = {c['name']: c for c in inspector.get_columns(table)}
        if pk == ['id'] and isinstance(columns['id']['type'], sa.Integer):
            found.append(table)
    return sorted(found)


def _rebuild(autoincrement: bool) -> None:
    conn = op.get_bind()
    if conn.dialect.name != 'sqlite':
        return
    # Runs with foreign keys off (app.migrations turns them off around every SQLite upgrade):
    # dropping the old copy of a table must not cascade into the tables that refer to it.
    remove_audit_guards(conn)
    for table in _id_tables(conn):
        with op.batch_alter_table(
            table, recreate='always', table_kwargs={'sqlite_autoincrement': autoincrement}
        ):
            pass
    install_audit_guards(conn)


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
