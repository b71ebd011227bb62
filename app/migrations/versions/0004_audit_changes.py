"""audit changes: "what changed" stored with each audit event, backfilled for older events

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 13:40:00.000000
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from app.models.audit_changes import describe_changes


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

BATCH = 5000

# The columns the backfill touches, as they stand at this revision (not the live model).
_events = sa.table(
    'audit_events',
    sa.column('id', sa.Integer()),
    sa.column('before', sa.JSON()),
    sa.column('after', sa.JSON()),
    sa.column('changes', sa.Text()),
)


def _backfill(conn: sa.Connection) -> None:
    """Work out `changes` from before/after, a batch of events at a time (keyset by id)."""
    read = (
        sa.select(_events.c.id, _events.c.before, _events.c.after)
        .where(_events.c.id > sa.bindparam('last'))
        .order_by(_events.c.id)
        .limit(BATCH)
    )
    write = (
        sa.update(_events)
        .where(_events.c.id == sa.bindparam('event_id'))
        .values(changes=sa.bindparam('text'))
    )
    last = 0
    while True:
        rows = conn.execute(read, {'last': last}).all()
        if not rows:
            return
        params: list[dict[str, Any]] = [
            {'event_id': event_id, 'text': describe_changes(before, after)}
            for event_id, before, after in rows
        ]
        conn.execute(write, params)
        last = rows[-1][0]


def upgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changes', sa.Text(), nullable=True))
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('changes')
