"""the worklist of unresolved sessions reads an index of (status, starts_at) instead of walking
every past session

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 17:00:00.000000
"""
from __future__ import annotations

from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_sessions_status_starts_at', 'sessions', ['status', 'starts_at'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_sessions_status_starts_at', table_name='sessions')
