"""audit guard: the audit trail is append-only in the database (triggers), and audit_meta
records from which event the chain is signed with the practice's audit key

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 10:00:00.000000
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from app.models.audit_guard import install_audit_guards, remove_audit_guards


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_events = sa.table('audit_events', sa.column('id', sa.Integer()))


def upgrade() -> None:
    meta = op.create_table(
        'audit_meta',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_audit_meta')),
    )
    conn = op.get_bind()
    last = conn.execute(sa.select(sa.func.max(_events.c.id))).scalar() or 0
    # Events written so far keep the plain chain; the next ones are signed with the key.
    op.bulk_insert(meta, [
        {'name': 'plain_until', 'value': str(last)},
        {'name': 'practice_id', 'value': uuid.uuid4().hex},
    ])
    install_audit_guards(conn)


def downgrade() -> None:
    remove_audit_guards(op.get_bind())
    op.drop_table('audit_meta')
