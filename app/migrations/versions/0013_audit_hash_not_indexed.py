"""the audit trail's hashes are no longer indexed as unique: each event's hash is random, so
keeping them unique in an index wrote one scattered index page per event (most of a bulk
cancellation's audit writes); the chain itself (each event signs the one before) is what
proves the trail whole, and nothing looks an event up by hash

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 22:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models.audit_guard import install_audit_guards, remove_audit_guards


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

CONSTRAINT = 'uq_audit_events_hash'


def _sqlite_rebuild(unique: bool) -> None:
    """SQLite drops or adds a table's constraint by copying the table: every row (and id) kept,
    ids still never reused, the append-only triggers put back on the copy."""
    conn = op.get_bind()
    seq = sa.text("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'")
    given = conn.execute(seq).scalar() or 0  # the copy counts from its rows' largest id
    remove_audit_guards(conn)
    with op.batch_alter_table(
        'audit_events', recreate='always', table_kwargs={'sqlite_autoincrement': True}
    ) as batch:
        if unique:
            batch.create_unique_constraint(CONSTRAINT, ['hash'])
        else:
            batch.drop_constraint(CONSTRAINT, type_='unique')
    install_audit_guards(conn)
    conn.execute(
        sa.text("UPDATE sqlite_sequence SET seq = :given WHERE name = 'audit_events' AND seq < :given"),
        {'given': given},
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_rebuild(False)
    else:
        op.drop_constraint(CONSTRAINT, 'audit_events', type_='unique')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_rebuild(True)
    else:
        op.create_unique_constraint(CONSTRAINT, 'audit_events', ['hash'])
