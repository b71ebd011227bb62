"""the outbox's lists of sent, done and skipped messages read an index of (status, id) newest
first instead of sorting every message in that state

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 10:30:00.000000
"""
from __future__ import annotations

from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_outbox_messages_status_id', 'outbox_messages', ['status', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_outbox_messages_status_id', table_name='outbox_messages')
